import Foundation

/// Hatchery's EggAPI spend per model next to EggAPI's own usage summary.
public struct Reconciliation: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var model: String
        public var hatcheryMicros: Int64
        public var providerMicros: Int64
        public var differenceMicros: Int64

        enum CodingKeys: String, CodingKey {
            case model
            case hatcheryMicros = "hatchery_micros"
            case providerMicros = "provider_micros"
            case differenceMicros = "difference_micros"
        }
    }

    public var rows: [Row]
    public var matches: Bool { rows.allSatisfy { $0.differenceMicros == 0 } }
}

/// Fetches `GET /v1/usage/summary` and lines it up with the store, model by model.
public struct Reconciler: Sendable {
    public var store: Store
    public var makeClient: @Sendable () throws -> EggAPIClient<ContinuousClock>

    public init(store: Store, makeClient: @escaping @Sendable () throws -> EggAPIClient<ContinuousClock>) {
        self.store = store
        self.makeClient = makeClient
    }

    /// Asks the EggAPI that `configuration` names (`HatcheryEnvironment.eggAPIConfiguration()`).
    public init(store: Store, configuration: EggAPIConfiguration) {
        self.init(store: store) { EggAPIClient(configuration: configuration) }
    }

    public func reconcile() async throws -> Reconciliation {
        let client = try makeClient()
        let theirs: [ProviderUsage]
        do {
            theirs = try await client.usageSummary()
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        let ours = try await store.spend(by: [.model], filter: SpendFilter(provider: .eggapi)).rows
        var hatchery: [String: Int64] = [:]
        for row in ours { hatchery[row.model ?? "", default: 0] += row.costMicros }
        var provider: [String: Int64] = [:]
        for row in theirs { provider[row.model, default: 0] += row.cost.micros }
        let models = Set(hatchery.keys).union(provider.keys).sorted()
        return Reconciliation(
            rows: models.map { model in
                let a = hatchery[model] ?? 0
                let b = provider[model] ?? 0
                return Reconciliation.Row(model: model, hatcheryMicros: a, providerMicros: b, differenceMicros: a - b)
            }
        )
    }
}
