import Foundation
import Hatchery
import Hummingbird
import NIOCore

/// EggAPI's endpoints, validation, status codes and envelopes as the contract gives them,
/// with faults injected per the configuration.
struct SimulatorRoutes: Sendable {
    let state: SimulatorState
    let configuration: SimulatorConfiguration
    let origins: Origins
    let webhooks: WebhookSender
    let files: OutputFiles

    /// Seconds added to every time the provider writes (`ShapePlan.clockSkew`).
    private var skew: TimeInterval { configuration.shapes.skewSeconds }

    private func json(of task: SimulatedTask, at now: Date) -> [String: Any] {
        task.json(at: now, base: origins.api(), outputBase: origins.outputs, skew: skew)
    }

    func register(on router: Router<BasicRequestContext>) {
        router.post("/v1/generate") { request, _ in try await generate(request) }
        router.get("/v1/tasks/:id") { request, context in
            try await guarded(request, endpoint: "task") {
                let id = context.parameters.get("id") ?? ""
                guard let task = await state.task(id: id) else {
                    return error(404, "NOT_FOUND", "No task with id \(id)")
                }
                if await state.taskGetFails(id: id) {
                    return error(500, "INTERNAL_ERROR", "The service failed; try again")
                }
                return envelope(json(of: task, at: Date()))
            }
        }
        router.get("/v1/tasks") { request, _ in
            try await guarded(request, endpoint: "tasks") {
                let (page, perPage) = paging(request)
                let (items, total) = await state.page(page, perPage: perPage)
                let now = Date()
                return envelope([
                    "items": items.map { json(of: $0, at: now) },
                    "pagination": pagination(page, perPage, total),
                ])
            }
        }
        router.get("/v1/usage") { request, _ in
            try await guarded(request, endpoint: "usage") {
                let (page, perPage) = paging(request)
                let records = await state.usageRecords(at: Date())
                let start = min((page - 1) * perPage, records.count)
                let items = records[start..<min(start + perPage, records.count)].map { task -> [String: Any] in
                    [
                        "id": "use_\(task.id)", "task_id": task.id, "model": task.request.model,
                        "units": task.request.numOutputs, "cost": task.shape.cost.text(task.charge),
                        "created_at": task.shape.timestamps.format(task.endsAt.addingTimeInterval(skew)),
                    ]
                }
                return envelope(["items": items, "pagination": pagination(page, perPage, records.count)])
            }
        }
        router.get("/v1/usage/summary") { request, _ in
            try await guarded(request, endpoint: "usage-summary") {
                let rows = await state.usageSummary(at: Date()).map { row -> [String: Any] in
                    [
                        "model": row.model, "total_units": row.units,
                        "total_cost": configuration.shapes.summaryCostStyle.text(row.cost),
                        "request_count": row.requests,
                    ]
                }
                return envelope(rows)
            }
        }
        router.get("/files/:id/:file") { _, context in
            try await file(id: context.parameters.get("id") ?? "", name: context.parameters.get("file") ?? "")
        }
        router.get("/_sim/stats") { _, _ in
            let data = (try? JSONEncoder().encode(await state.stats(outputBase: origins.outputs))) ?? Data()
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    // MARK: Handlers

    private func generate(_ request: Request) async throws -> Response {
        await state.countRequest("generate")
        if let refusal = await authorize(request) { return refusal }
        if let fault = await preflightFault() { return fault }
        let raw = Data(buffer: try await request.body.collect(upTo: 1 << 20))
        let validated: GenerationRequest
        switch RequestValidator(prices: configuration.prices).validate(raw) {
        case .failure(let problem):
            return error(400, problem.code, problem.message)
        case .success(let request):
            validated = request
        }
        let unitPrice = configuration.prices.perImage(model: validated.model, resolution: validated.resolution) ?? .zero
        if let balance = configuration.faults.balance,
            await state.committedSpend() + unitPrice * validated.numOutputs > balance
        {
            await state.count(.insufficientBalance)
            return error(403, "INSUFFICIENT_BALANCE", "Your balance is too low for this request")
        }
        let task = await state.create(validated, rawBody: raw, unitPrice: unitPrice, now: Date())

        // Faults that strike after the task exists: the caller cannot tell it was created.
        if await state.roll(.serverErrorAfterCreate, rate: configuration.faults.serverErrorAfterCreate) {
            let kept = await state.maybeCreatedLate(task.id) ?? task
            if let url = validated.webhookURL { webhooks.schedule(kept, url: url) }
            return error(502, "UPSTREAM_ERROR", "The upstream service failed")
        }
        if let url = validated.webhookURL { webhooks.schedule(task, url: url) }
        if await state.roll(.slow, rate: configuration.faults.slow) {
            try? await Task.sleep(for: configuration.faults.slowDelay)
        }
        if await state.roll(.malformedJSON, rate: configuration.faults.malformedJSON) {
            return malformed()
        }
        return envelope(json(of: task, at: Date()), status: 202)
    }

    /// Serves an output PNG from the API's origin; no key needed, as from a CDN.
    private func file(id: String, name: String) async throws -> Response {
        await state.countRequest("file")
        guard let task = await state.task(id: id), let index = Int(name.replacingOccurrences(of: ".png", with: ""))
        else {
            return error(404, "NOT_FOUND", "No such file")
        }
        return try await files.serve(task, index: index)
    }

    /// Auth and the faults every `/v1` call may meet, then `body`.
    private func guarded(
        _ request: Request,
        endpoint: String,
        _ body: () async throws -> Response
    ) async throws -> Response {
        await state.countRequest(endpoint)
        if let refusal = await authorize(request) { return refusal }
        if let fault = await preflightFault() { return fault }
        if await state.roll(.slow, rate: configuration.faults.slow) {
            try? await Task.sleep(for: configuration.faults.slowDelay)
        }
        if await state.roll(.malformedJSON, rate: configuration.faults.malformedJSON) { return malformed() }
        return try await body()
    }

    private func authorize(_ request: Request) async -> Response? {
        guard request.headers[.authorization] == "Bearer \(configuration.apiKey)" else {
            return error(401, "UNAUTHORIZED", "Invalid or missing API key")
        }
        return nil
    }

    /// Faults that strike before anything is done: safe for a client to retry.
    private func preflightFault() async -> Response? {
        let faults = configuration.faults
        if await state.roll(.rateLimited, rate: faults.rateLimited) {
            var response = error(429, "RATE_LIMITED", "Too many requests")
            if await state.unit() < 0.5 {
                response.headers[.retryAfter] = "1"
            } else {
                // Whole seconds only: two seconds ahead stays in the future once truncated.
                response.headers[.retryAfter] = HTTPDate.format(Date().addingTimeInterval(2 + skew))
            }
            return response
        }
        if await state.roll(.rateLimitedBare, rate: faults.rateLimitedBare) {
            return error(429, "RATE_LIMITED", "Too many requests")
        }
        if await state.roll(.serverError, rate: faults.serverError) {
            let choices = [(500, "INTERNAL_ERROR"), (502, "UPSTREAM_ERROR"), (503, "SERVICE_UNAVAILABLE")]
            let pick = choices[Int(await state.unit() * 3) % 3]
            return error(pick.0, pick.1, "The service failed; try again")
        }
        return nil
    }

    // MARK: Responses

    private func paging(_ request: Request) -> (Int, Int) {
        let page = request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1
        let perPage = request.uri.queryParameters["per_page"].flatMap { Int($0) } ?? 20
        return (max(1, page), min(max(1, perPage), 100))
    }

    private func pagination(_ page: Int, _ perPage: Int, _ total: Int) -> [String: Any] {
        ["page": page, "per_page": perPage, "total": total, "total_pages": max(1, (total + perPage - 1) / perPage)]
    }

    private func envelope(_ data: Any, status: Int = 200) -> Response {
        json(status, ["data": data, "error": NSNull()])
    }

    private func error(_ status: Int, _ code: String, _ message: String) -> Response {
        json(status, ["data": NSNull(), "error": ["code": code, "message": message]])
    }

    private func malformed() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"data\": {\"id\": \"gen_"))
        )
    }

    private func json(_ status: Int, _ object: Any) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return Response(
            status: .init(code: status),
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
