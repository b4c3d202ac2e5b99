import Foundation
import Hatchery
import Hummingbird
import Logging

/// The second origin: a listener on another port that serves outputs under opaque names, as a
/// CDN would (`/outputs/{x}.png`). It needs no key, and it records every request that carried
/// one, so a test can prove the key never left the API's origin.
struct OutputOriginServer {
    let state: SimulatorState
    let files: OutputFiles

    func start(host: String, port: Int, logger: Logger) async throws -> RunningServer {
        let router = Router()
        // First, so that it wraps every route and the not-found answer too.
        router.add(middleware: AuthorizationRecorder(state: state))
        router.get("/outputs/:file") { _, context in
            let name = (context.parameters.get("file") ?? "").replacingOccurrences(of: ".png", with: "")
            guard let found = await state.output(named: name) else { return Response(status: .notFound) }
            return try await files.serve(found.task, index: found.index)
        }
        return try await RunningServer.start(
            router: router,
            host: host,
            port: port,
            name: "eggapi-sim-cdn",
            logger: logger
        )
    }
}

/// Counts every request to the second origin and remembers the path of each that carried an
/// `Authorization` header.
struct AuthorizationRecorder: RouterMiddleware {
    typealias Context = BasicRequestContext
    let state: SimulatorState

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        await state.recordOutputOriginRequest(
            path: request.uri.path,
            authorized: request.headers[.authorization] != nil
        )
        return try await next(request, context)
    }
}
