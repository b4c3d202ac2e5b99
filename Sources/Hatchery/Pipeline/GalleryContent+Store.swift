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
        // Independent reads, each on its own connection of the pool: the spend reports are
        // read while the generations are decoded.
        async let completed = store.completedGenerations(of: wanted)
        async let latestFailures = store.latestFailures(for: wanted)
        async let shownFingerprints = store.shownFingerprints()
        async let promptsInFlight = store.promptsInFlight(for: wanted)
        async let byModel = store.spend(by: [.model])
        async let byDayAndModel = store.spend(by: [.day, .model])
        async let byModelAndPrompt = store.spend(by: [.model, .prompt])
        let (generations, history) = try await completed
        let failures = try await latestFailures
        let shownBefore = try await shownFingerprints
        let inFlight = try await promptsInFlight
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
            byModel: try await byModel,
            byDayAndModel: try await byDayAndModel,
            byModelAndPrompt: try await byModelAndPrompt
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
