import Foundation

/// The `hatchery` commands a schedule runs against one site, with the simulator's address and
/// key in the environment.
public struct HatcheryCommands: Sendable {
    public var binary: URL
    public var site: URL
    public var environment: [String: String]
    /// A command that outlives this is killed and counted as hung.
    public var limit: Duration = .seconds(240)

    /// Starts `hatchery build` without waiting for it.
    func startBuild(concurrency: Int, taskTimeoutMinutes: Double?) throws -> HatcheryProcess {
        var arguments = [
            "build", site.path, "--quiet", "--concurrency", String(concurrency), "--poll-interval", "0.05",
        ]
        if let taskTimeoutMinutes { arguments += ["--task-timeout", String(taskTimeoutMinutes)] }
        return try HatcheryProcess(binary, arguments, environment: environment)
    }

    func status() async throws -> StatusListing {
        // A build killed before it made the state file leaves nothing to list, and `status`
        // refuses such a folder rather than create state in it.
        guard FileManager.default.fileExists(atPath: site.appendingPathComponent(".hatchery/state.sqlite").path) else {
            return StatusListing("")
        }
        guard
            let exit = try await HatcheryProcess.run(
                binary,
                ["status", site.path],
                environment: environment,
                limit: limit
            ),
            exit.status == 0
        else { throw ChaosError("hatchery status failed or hung on \(site.path)") }
        return StatusListing(exit.output)
    }

    func settle(taskID: Int64, _ arguments: [String]) async throws -> HatcheryProcess.Exit {
        guard
            let exit = try await HatcheryProcess.run(
                binary,
                ["settle", site.path, String(taskID)] + arguments,
                environment: environment,
                limit: limit
            )
        else { throw ChaosError("hatchery settle hung on \(site.path)") }
        return exit
    }
}
