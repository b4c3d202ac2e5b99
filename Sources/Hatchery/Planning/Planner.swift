import Foundation

/// Compares the catalog with what the store has made. `plan(_:against:selection:)` is pure: no
/// I/O, so it is fast and testable; `plan(_:against:shownFrom:selection:)` and
/// `plan(_:in:selection:)` also read what the changed prompts show, to say what changed.
public struct Planner: Sendable {
    public var prices: PriceTable

    public init(prices: PriceTable = .eggAPI) {
        self.prices = prices
    }

    /// What a build would do with each prompt of `catalog`, given what the store has made.
    /// Leaves `Plan.Item.changes` empty: `describeChanges(in:shown:)` fills it.
    public func plan(_ catalog: Catalog, against snapshot: StoreSnapshot, selection: Selection = .all) -> Plan {
        var items: [Plan.Item] = []
        items.reserveCapacity(catalog.prompts.count)
        var present = Set<String>()
        for spec in catalog.prompts {
            present.insert(spec.id)
            let fingerprint = Fingerprint(spec, provider: catalog.provider)
            let completed = snapshot.completedFingerprints.values(of: spec.id)
            var action: Plan.Action
            if completed.contains(fingerprint) {
                let shown = snapshot.currentFingerprints[spec.id]
                action = shown == nil || shown == fingerprint ? .unchanged : .restorable
                if selection.force.contains(spec.id) { action = .forced }
            } else if snapshot.unfinishedFingerprints.values(of: spec.id).contains(fingerprint) {
                action = .resume
            } else if let failure = snapshot.lastFailures[spec.id]?[fingerprint], failure.kind.willRepeat {
                action = selection.retryFailed || selection.force.contains(spec.id) ? .retry : .failed
            } else {
                action = completed.isEmpty ? .new : .changed
            }
            if action.submits, let only = selection.only, !only.contains(spec.id) { action = .deferred }
            let estimate =
                action.submits || action == .deferred
                ? prices.estimate(model: spec.model, resolution: spec.resolution, outputs: spec.numOutputs) ?? .zero
                : .zero
            var item = Plan.Item(
                promptID: spec.id,
                action: action,
                spec: spec,
                fingerprint: fingerprint,
                estimate: estimate
            )
            if action.submits || action == .failed || action == .deferred {
                item.lastFailure = snapshot.lastFailures[spec.id]?[fingerprint]
            }
            items.append(item)
        }
        for id in snapshot.activePromptIDs.union(snapshot.removedSinceLastBuild).subtracting(present).sorted() {
            items.append(Plan.Item(promptID: id, action: .removed, spec: nil, fingerprint: nil, estimate: .zero))
        }
        return Plan(provider: catalog.provider, items: items)
    }

    /// `plan(_:against:selection:)`, with each changed or restorable prompt's `changes` read
    /// against what `store` shows for it. For a build, which holds the site's lock: nothing
    /// writes the store between the snapshot and this read.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func plan(
        _ catalog: Catalog,
        against snapshot: StoreSnapshot,
        shownFrom store: Store,
        selection: Selection = .all
    ) async throws(StoreError) -> Plan {
        var plan = plan(catalog, against: snapshot, selection: selection)
        describeChanges(in: &plan, shown: try await store.shownRequests(of: plan.promptIDsToCompare))
        return plan
    }

    /// `plan(_:against:shownFrom:selection:)` with the snapshot and the shown requests read in
    /// one read of `store`, for `hatchery plan`, which takes no lock: read apart, a build that
    /// moved prompts between them left a plan of changed prompts that listed no changes.
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public func plan(_ catalog: Catalog, in store: Store, selection: Selection = .all) async throws(StoreError) -> Plan
    {
        try await store.reading { db in
            var plan = self.plan(catalog, against: try Store.snapshot(in: db), selection: selection)
            describeChanges(in: &plan, shown: try Store.shownRequests(in: db, of: plan.promptIDsToCompare))
            return plan
        }
    }

    /// Fills `changes` of each item of `plan` that `shown` has the shown request of.
    public func describeChanges(in plan: inout Plan, shown: [String: ShownRequest]) {
        guard !shown.isEmpty else { return }
        for index in plan.items.indices {
            guard plan.items[index].action.comparesWithShown, let spec = plan.items[index].spec,
                let before = shown[spec.id]
            else { continue }
            plan.items[index].changes = Self.changes(
                from: before,
                to: GenerationRequest(spec),
                provider: plan.provider
            )
        }
    }

    /// The generation inputs that differ between what is shown and what the catalog asks for.
    static func changes(
        from shown: ShownRequest,
        to request: GenerationRequest,
        provider: ProviderKind
    ) -> [Plan.FieldChange] {
        let old = shown.request
        var changes: [Plan.FieldChange] = []
        func compare(_ field: String, _ before: String, _ after: String) {
            if before != after { changes.append(Plan.FieldChange(field: field, old: before, new: after)) }
        }
        compare("provider", shown.provider.rawValue, provider.rawValue)
        compare("model", old.model, request.model)
        compare("prompt", old.prompt, request.prompt)
        compare("negative_prompt", old.negativePrompt ?? "", request.negativePrompt ?? "")
        compare("aspect_ratio", old.aspectRatio.rawValue, request.aspectRatio.rawValue)
        compare("resolution", old.resolution?.rawValue ?? "", request.resolution?.rawValue ?? "")
        compare("num_outputs", String(old.numOutputs), String(request.numOutputs))
        compare(
            "image_urls",
            (old.imageURLs ?? []).joined(separator: " "),
            (request.imageURLs ?? []).joined(separator: " ")
        )
        return changes
    }
}
