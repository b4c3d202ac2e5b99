/// One step of a build, run over the context every step shares, as Publish has them: a name,
/// shown as `[i/N] name` and put before any error the step throws, and a body.
///
/// The steps are values listed in `BuildPipeline.run`; each is made by a static member in a
/// `BuildStep+Name.swift` file (`.plan`, `.generate`, …), and can be run on its own in a test.
struct BuildStep<C: Clock>: Sendable where C.Duration == Duration {
    /// Read when the step starts, so that it can count what the steps before it found.
    var name: @Sendable (BuildContext<C>) -> String
    var body: @Sendable (inout BuildContext<C>) async throws -> Void

    init(
        name: @escaping @Sendable (BuildContext<C>) -> String,
        body: @escaping @Sendable (inout BuildContext<C>) async throws -> Void
    ) {
        self.name = name
        self.body = body
    }

    init(_ name: String, body: @escaping @Sendable (inout BuildContext<C>) async throws -> Void) {
        self.init(name: { _ in name }, body: body)
    }

    /// Runs the body alone, outside a build's numbering: for tests.
    func run(_ context: inout BuildContext<C>) async throws {
        try await body(&context)
    }
}
