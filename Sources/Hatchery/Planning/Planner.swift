/// Compares the catalog with what the store has made. Pure: no I/O, so it is fast and testable.
public struct Planner: Sendable {
    public var prices: PriceTable

    public init(prices: PriceTable = .eggAPI) {
        self.prices = prices
    }

    public func plan(_ catalog: Catalog, against snapshot: StoreSnapshot) -> Plan {
        var items: [Plan.Item] = []
        items.reserveCapacity(catalog.prompts.count)
        var present = Set<String>()
        for spec in catalog.prompts {
            present.insert(spec.id)
            let fingerprint = Fingerprint(spec, provider: catalog.provider)
            let completed = snapshot.completedFingerprints[spec.id] ?? []
            let action: Plan.Action
            if completed.contains(fingerprint.hex) {
                action = .unchanged
            } else if snapshot.unfinishedFingerprints[spec.id]?.contains(fingerprint.hex) == true {
                action = .resume
            } else {
                action = completed.isEmpty ? .new : .changed
            }
            let submits = action == .new || action == .changed
            let estimate = submits
                ? prices.estimate(model: spec.model, resolution: spec.resolution, outputs: spec.numOutputs) ?? .zero
                : .zero
            items.append(Plan.Item(promptID: spec.id, action: action, spec: spec, fingerprint: fingerprint, estimate: estimate))
        }
        for id in snapshot.activePromptIDs.subtracting(present).sorted() {
            items.append(Plan.Item(promptID: id, action: .removed, spec: nil, fingerprint: nil, estimate: .zero))
        }
        return Plan(provider: catalog.provider, items: items)
    }
}
