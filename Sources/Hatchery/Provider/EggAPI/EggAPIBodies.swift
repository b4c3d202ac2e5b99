import Foundation

/// EggAPI's answers decoded the way `EggAPIClient` decodes them, without HTTP: the entry points
/// of the `eggapi` and `retry-after` fuzz targets (Sources/HatcheryFuzzTargets). `package`, not
/// `public`: the wire types stay internal to the library.
package enum EggAPIBodies {
    /// `GET /v1/tasks/{id}` and `POST /v1/generate`: an envelope holding one task.
    package static func task(_ body: Data) throws -> ProviderTask? {
        try JSONDecoder().decode(EggAPIWire.Envelope<EggAPIWire.Task>.self, from: body).data.map(ProviderTask.init)
    }

    /// `GET /v1/tasks`: a page of tasks and how many pages there are.
    package static func taskPage(_ body: Data) throws -> (tasks: [ProviderTask], totalPages: Int?)? {
        let page = try JSONDecoder().decode(EggAPIWire.Envelope<EggAPIWire.Page<EggAPIWire.Task>>.self, from: body).data
        return page.map { ($0.items.map(ProviderTask.init), $0.pagination?.totalPages) }
    }

    /// `GET /v1/usage`: a page of usage records.
    package static func usagePage(_ body: Data) throws -> [UsageRecord]? {
        try JSONDecoder().decode(EggAPIWire.Envelope<EggAPIWire.Page<UsageRecord>>.self, from: body).data?.items
    }

    /// `GET /v1/usage/summary`: spend per model, as `EggAPIClient.usageSummary()` maps it.
    package static func usageSummary(_ body: Data) throws -> [ProviderUsage]? {
        try JSONDecoder().decode(EggAPIWire.Envelope<[EggAPIWire.UsageSummaryRow]>.self, from: body).data?.map {
            ProviderUsage(
                model: $0.model,
                units: $0.totalUnits ?? 0,
                cost: $0.totalCost?.money ?? .zero,
                requests: $0.requestCount ?? 0
            )
        }
    }

    /// The `error` of a non-2xx answer: `(code, message)`, nil when the body is not an envelope.
    package static func errorBody(_ body: Data) -> (code: String?, message: String?)? {
        (try? JSONDecoder().decode(EggAPIWire.Envelope<EggAPIWire.ErrorBody>.self, from: body))?.error.map {
            ($0.code, $0.message)
        }
    }

    /// A `Retry-After` header value: the wait it asks for, measured from `now`.
    package static func retryAfter(_ value: String, now: Date) -> Duration? {
        RetryAfter.parse(value, now: now)
    }
}
