extension GalleryContent {
    /// Gathers what the gallery shows for `catalog` from the store. A prompt whose current
    /// inputs have no images keeps showing its last good generation, with why: `held` gives
    /// this build's reasons for prompts it did not submit (see `BuildReport.heldBack`).
    public static func load(
        _ catalog: Catalog,
        from store: Store,
        held: [String: String] = [:]
    ) async throws -> GalleryContent {
        let fingerprints = catalog.prompts.map { Fingerprint($0, provider: catalog.provider) }
        var wanted: [String: Fingerprint] = [:]
        for (spec, fingerprint) in zip(catalog.prompts, fingerprints) { wanted[spec.id] = fingerprint }
        let (generations, history) = try await store.completedGenerations(of: wanted)
        let failures = try await store.latestFailures(for: wanted)
        let shownBefore = try await store.shownFingerprints()
        let inFlight = try await store.promptsInFlight(for: wanted)
        let entries = zip(catalog.prompts, fingerprints).map { spec, fingerprint in
            let earlier = history[spec.id] ?? []
            var newer: NewerVersion?
            var shown = generations[spec.id]
            if shown == nil {
                // What the site showed before, else the newest there is.
                shown = earlier.first { $0.fingerprint == shownBefore[spec.id] } ?? earlier.first
                if shown != nil {
                    newer = Self.newerVersion(
                        held: held[spec.id],
                        inFlight: inFlight.contains(spec.id),
                        failure: failures[spec.id]
                    )
                }
            }
            return Entry(
                spec: spec,
                fingerprint: fingerprint,
                generation: shown,
                history: earlier.filter { $0.taskID != shown?.taskID },
                failure: failures[spec.id],
                newer: newer
            )
        }
        let spend = Spend(
            byModel: try await store.spend(by: [.model]),
            byDayAndModel: try await store.spend(by: [.day, .model]),
            byModelAndPrompt: try await store.spend(by: [.model, .prompt])
        )
        return GalleryContent(gallery: catalog.gallery, provider: catalog.provider, entries: entries, spend: spend)
    }

    /// The newest word on the current inputs: this build's reason for not sending them, a task
    /// still out, then a failure; a prompt with none of these simply has not been built yet.
    static func newerVersion(held: String?, inFlight: Bool, failure: String?) -> NewerVersion {
        if let held { return NewerVersion(.pending, reason: held) }
        if inFlight { return NewerVersion(.pending, reason: "it is still being generated") }
        if let failure { return NewerVersion(.failed, reason: failure) }
        return NewerVersion(.pending, reason: "it has not been generated yet")
    }

    /// The fingerprint each prompt with images of its current inputs now shows. A prompt
    /// showing an earlier generation keeps the one recorded, which is still what it shows.
    public var shownFingerprints: [String: Fingerprint] {
        var shown: [String: Fingerprint] = [:]
        for entry in entries where entry.isCurrent { shown[entry.spec.id] = entry.fingerprint }
        return shown
    }
}
