extension GalleryContent {
    /// Gathers what the gallery shows for `catalog` from the store.
    public static func load(_ catalog: Catalog, from store: Store) async throws -> GalleryContent {
        var wanted: [String: Fingerprint] = [:]
        for spec in catalog.prompts { wanted[spec.id] = Fingerprint(spec, provider: catalog.provider) }
        let generations = try await store.generations(for: wanted)
        let history = try await store.history(of: Set(wanted.keys))
        let failures = try await store.latestFailures(for: wanted)
        let entries = catalog.prompts.map { spec in
            let shown = generations[spec.id]
            return Entry(
                spec: spec,
                fingerprint: wanted[spec.id]!,
                generation: shown,
                history: (history[spec.id] ?? []).filter { $0.taskID != shown?.taskID },
                failure: failures[spec.id]
            )
        }
        let spend = Spend(
            byModel: try await store.spend(by: [.model]),
            byDayAndModel: try await store.spend(by: [.day, .model]),
            byModelAndPrompt: try await store.spend(by: [.model, .prompt])
        )
        return GalleryContent(gallery: catalog.gallery, provider: catalog.provider, entries: entries, spend: spend)
    }

    /// The fingerprint each prompt with images now shows.
    public var shownFingerprints: [String: Fingerprint] {
        var shown: [String: Fingerprint] = [:]
        for entry in entries where entry.generation != nil { shown[entry.spec.id] = entry.fingerprint }
        return shown
    }
}
