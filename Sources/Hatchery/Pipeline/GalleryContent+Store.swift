extension GalleryContent {
    /// Gathers what the gallery shows for `catalog` from the store. A prompt whose current
    /// inputs have no images keeps showing its last good generation, with why: `held` gives
    /// this build's reasons for prompts it did not submit (see `BuildReport.heldBack`).
    public static func load(
        _ catalog: Catalog,
        from store: Store,
        held: [String: String] = [:]
    ) async throws -> GalleryContent {
        GalleryContent(catalog, records: try await GalleryRecords.read(from: store), held: held)
    }

    /// What the gallery shows for `catalog`, picked out of `records` (see `load`). `plan`, when
    /// given, is this catalog's: its fingerprints are taken instead of made again.
    public init(_ catalog: Catalog, records: GalleryRecords, held: [String: String] = [:], plan: Plan? = nil) {
        let planned = plan?.items ?? []
        let entries = catalog.prompts.enumerated().map { index, spec in
            let fingerprint: Fingerprint
            if index < planned.count, planned[index].promptID == spec.id, let known = planned[index].fingerprint {
                fingerprint = known
            } else {
                fingerprint = Fingerprint(spec, provider: catalog.provider)
            }
            let earlier = records.history[spec.id] ?? []
            let failure = records.failures[spec.id]?[fingerprint]
            var newer: NewerVersion?
            var shown = earlier.first { $0.fingerprint == fingerprint }
            if shown == nil {
                // What the site showed before, else the newest there is.
                let before = records.shown[spec.id]
                shown = earlier.first { $0.fingerprint == before } ?? earlier.first
                if shown != nil {
                    newer = Self.newerVersion(
                        held: held[spec.id],
                        inFlight: records.inFlight.values(of: spec.id).contains(fingerprint),
                        failure: failure
                    )
                }
            }
            return Entry(
                spec: spec,
                fingerprint: fingerprint,
                generation: shown,
                history: earlier.filter { $0.taskID != shown?.taskID },
                failure: failure,
                newer: newer
            )
        }
        self.init(gallery: catalog.gallery, provider: catalog.provider, entries: entries, spend: records.spend)
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
