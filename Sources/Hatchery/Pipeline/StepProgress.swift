/// Numbers a build's steps as they run: tells the observer `i` of `count` as each starts and
/// ends, and names the step in any error it throws (`Plan failed: …`).
struct StepProgress: Sendable {
    /// Every step the build will run, known before the first starts.
    let count: Int
    let observer: any BuildObserver
    /// The step running or last run, from 1; 0 before the first.
    private(set) var index = 0

    init(count: Int, observer: any BuildObserver) {
        self.count = count
        self.observer = observer
    }

    /// Runs the next step, `name`, and returns what it made.
    /// - Throws: `BuildError` naming the step, around whatever `body` threw.
    mutating func run<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        index += 1
        observer.stepStarted(index: index, count: count, name: name)
        let value: T
        do {
            value = try await body()
        } catch {
            throw BuildError(step: name, underlying: error)
        }
        observer.stepFinished(index: index, count: count, name: name)
        return value
    }

    /// Runs the next step of the list over `context`.
    mutating func run<C>(_ step: BuildStep<C>, over context: inout BuildContext<C>) async throws {
        try await run(step.name(context)) { try await step.body(&context) }
    }
}
