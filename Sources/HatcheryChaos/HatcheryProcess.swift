import Foundation

/// A `hatchery` child process, its output kept in temporary files (a pipe left unread can
/// fill and stall the child), awaited without holding a thread, killable with SIGKILL.
public final class HatcheryProcess: @unchecked Sendable {
    /// How a child ended.
    public struct Exit: Sendable {
        public var status: Int32
        /// True when a signal ended it (`status` is then the signal).
        public var signalled: Bool
        public var output: String
        public var errors: String
    }

    public let pid: Int32
    private let process: Process
    private let outputFile: URL
    private let errorFile: URL
    // The termination handler may run before anyone awaits: the exit waits here until then.
    private let ended = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))

    /// Starts `binary arguments` with `environment` added to this process's own.
    public init(_ binary: URL, _ arguments: [String], environment: [String: String]) throws {
        let folder = FileManager.default.temporaryDirectory
        outputFile = folder.appendingPathComponent("hatchery-chaos-\(UUID().uuidString).out")
        errorFile = folder.appendingPathComponent("hatchery-chaos-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let continuation = ended.continuation
        process.terminationHandler = { _ in
            continuation.yield()
            continuation.finish()
        }
        try process.run()
        pid = process.processIdentifier
    }

    /// `kill -9`, unless it has already ended.
    public func kill() {
        if process.isRunning { sigkill(pid) }
    }

    public var isRunning: Bool { process.isRunning }

    /// Waits for the end and reads what it wrote; the files are removed.
    public func finish() async -> Exit {
        for await _ in ended.stream {}
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        return Exit(
            status: process.terminationStatus,
            signalled: process.terminationReason == .uncaughtSignal,
            output: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        )
    }

    /// Runs to the end, SIGKILLed if it outlives `limit` (then `nil`: it hung).
    public static func run(
        _ binary: URL,
        _ arguments: [String],
        environment: [String: String],
        limit: Duration
    ) async throws -> Exit? {
        let child = try HatcheryProcess(binary, arguments, environment: environment)
        return await child.finish(within: limit)
    }

    /// Waits up to `limit`; past it, kills the child and returns nil.
    public func finish(within limit: Duration) async -> Exit? {
        let watchdog = Task { [self] in
            try await Task.sleep(for: limit)
            kill()
            return true
        }
        let exit = await finish()
        watchdog.cancel()
        let hung = (try? await watchdog.value) == true
        return hung ? nil : exit
    }
}

/// `kill -9 pid`, outside the class whose `kill()` would shadow the system call.
private func sigkill(_ pid: Int32) {
    _ = kill(pid, SIGKILL)
}
