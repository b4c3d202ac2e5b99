extension GalleryContent {
    /// Gathers what the gallery shows for `catalog` from the store.
    public static func load(_ catalog: Catalog, from store: Store) async throws -> GalleryContent {
        var wanted: [String: Fingerprint] = [:]
        for spec in catalog.prompts { wanted[spec.id] = Fingerprint(spec, provider: catalog.provider) }
        let generations = try await store.generations(for: wanted)
        let failures = try await store.latestFailures(for: wanted)
        let entries = catalog.prompts.map { spec in
            Entry(spec: spec, fingerprint: wanted[spec.id]!, generation: generations[spec.id], failure: failures[spec.id])
        }
        return GalleryContent(gallery: catalog.gallery, provider: catalog.provider, entries: entries,
                              spend: try await store.spendByModel())
    }
}

extension GalleryContent {
    /// The fingerprint each prompt with images now shows.
    public var shownFingerprints: [String: Fingerprint] {
        var shown: [String: Fingerprint] = [:]
        for entry in entries where entry.generation != nil { shown[entry.spec.id] = entry.fingerprint }
        return shown
    }
}
