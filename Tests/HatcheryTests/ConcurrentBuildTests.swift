import Foundation
import Testing

@testable import Hatchery

/// Real `hatchery` processes on one site: one build at a time, readers never held up. Serialized:
/// each test runs several real builds, and the machine's two cores are shared with other suites.
@Suite(.serialized) struct ConcurrentBuildTests {
    let prompts = (0..<8).map { "id: c\($0)\nprompt: Concurrent build prompt \($0)" }

    func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(KilledRunTests.binary, arguments, environment: [:], capturingErrors: true)
    }

    /// Stops the process `pid` (SIGSTOP) as soon as the site's lock names it, watching from a
    /// thread of its own: on the cooperative pool the watch waited behind other tests' work for
    /// longer than a small build takes, and missed it (a clean-clone CI run). Returns when the
    /// process is stopped, has ended, or two minutes have passed.
    static func stopOnceHolding(_ pid: Int32, site: URL) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                let deadline = ContinuousClock.now + .seconds(120)
                while ContinuousClock.now < deadline, isAlive(pid) {
                    if SiteLock.holder(siteDirectory: site)?.pid == pid {
                        kill(pid, SIGSTOP)
                        break
                    }
                    usleep(500)
                }
                done.resume()
            }
        }
    }

    /// Whether `pid` is running: not ended, and not a zombie waiting to be reaped (its
    /// `Process` reaps it; this must not).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// Every prompt of the catalog has exactly one completed task, and no image is stored twice.
    func expectConsistent(
        _ site: URL,
        prompts count: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let store = try Store(siteDirectory: site)
        let completed = try await store.tasks(status: .completed)
        #expect(
            completed.count == count && Set(completed.map(\.promptID)).count == count,
            sourceLocation: sourceLocation
        )
        #expect(
            FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path),
            sourceLocation: sourceLocation
        )
    }

    @Test func twoBuildsStartedTogetherWithWaitRunOneAfterTheOther() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")
        let builds = try (0..<2).map { _ in try start(["build", site.url.path, "--wait", "--quiet"]) }
        var outputs: [String] = []
        for build in builds {
            let result = await build.finish()
            #expect(result.status == 0, "\(result.output)")
            outputs.append(result.output)
        }
        // The second to get the lock found the first one's complete site: nothing to do.
        #expect(
            outputs.filter { $0.contains("nothing changed since the last complete build") }.count == 1,
            "\(outputs)"
        )
        #expect(outputs.filter { $0.contains("tasks: 8 submitted") }.count == 1, "\(outputs)")
        try await expectConsistent(site.url, prompts: 8)
    }

    @Test func twoBuildsStartedTogetherWithoutWaitNeverBothBuild() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")
        let builds = try (0..<2).map { _ in try start(["build", site.url.path, "--quiet"]) }
        var results: [(status: Int32, output: String, signalled: Bool)] = []
        for build in builds { results.append(await build.finish()) }
        // Usually they overlap and one is refused, naming the other; on a loaded machine the
        // first may be done before the second starts, which then finds nothing to do. Never
        // do both build: that is what the test is for.
        let refused = results.indices.filter { results[$0].status != 0 }
        #expect(refused.count <= 1, "\(results.map(\.output))")
        if let loser = refused.first {
            let winner = builds[1 - loser].pid
            #expect(
                results[loser].output.contains(
                    "Another hatchery build is running on \(site.url.path) (PID \(winner), started "
                ),
                "\(results[loser].output)"
            )
            #expect(results[loser].output.contains("pass --wait to queue behind it"))
        } else {
            #expect(results.filter { $0.output.contains("nothing changed since the last complete build") }.count == 1)
        }
        try await expectConsistent(site.url, prompts: 8)
    }

    @Test func whileABuildHoldsTheSiteASecondFailsFastAndAKillFreesIt() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        // A built site (so the schema is current), then more prompts for the held build to make.
        _ = try site.write(Fixtures.catalog(Array(prompts.prefix(2))), to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        _ = try site.write(Fixtures.catalog(prompts), to: "catalog.yaml")

        let first = try start(["build", site.url.path, "--quiet"])
        // The note is written once the lock is taken and cleared when it is let go: seeing the
        // child's PID in it means the child holds the site. Freeze it there.
        await Self.stopOnceHolding(first.pid, site: site.url)
        guard SiteLock.holder(siteDirectory: site.url)?.pid == first.pid else {
            kill(first.pid, SIGKILL)
            Issue.record(
                "the first build ended before it could be seen holding the site: \(await first.finish().output)"
            )
            return
        }

        let second = await (try start(["build", site.url.path, "--quiet"])).finish()
        #expect(second.status == 1)
        #expect(
            second.output.contains("Another hatchery build is running on \(site.url.path) (PID \(first.pid), started "),
            "\(second.output)"
        )
        let settle = await (try start(["settle", site.url.path, "1", "--not-created"])).finish()
        #expect(settle.status == 1 && settle.output.contains("(PID \(first.pid), started "), "\(settle.output)")

        // Readers neither wait for the frozen build nor disturb it.
        for command in [["status"], ["spend"], ["plan"]] {
            let reader = await (try start(command + [site.url.path])).finish()
            #expect(reader.status == 0, "\(command): \(reader.output)")
        }

        kill(first.pid, SIGKILL)
        let killed = await first.finish()
        #expect(killed.signalled && killed.status == SIGKILL)
        let free = try #require(
            try SiteLock.attempt(siteDirectory: site.url, for: .build),
            "the kernel let go of the killed build's lock"
        )
        free.release()

        // The next build is let in. Local tasks the killed build had in flight died with it: that
        // build records them as lost (exit 2) and the one after makes them again.
        let third = await (try start(["build", site.url.path, "--quiet"])).finish()
        #expect(third.status == 0 || third.status == 2, "\(third.output)")
        #expect(!third.output.contains("Another hatchery"), "\(third.output)")
        if third.status == 2 {
            let fourth = await (try start(["build", site.url.path, "--quiet"])).finish()
            #expect(fourth.status == 0, "\(fourth.output)")
        }
        try await expectConsistent(site.url, prompts: 8)
    }

    @Test func readersReadWhileARealBuildWaitsOnItsTasks() async throws {
        // A build against a simulator whose tasks take ten minutes holds the site while it
        // polls. (Not a frozen one: SIGSTOP can stop a process inside one of SQLite's
        // microsecond critical sections, which no running build stays in.)
        let api = try await SimulatedEggAPI.start { $0.latency = .seconds(600) }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog(Array(prompts.prefix(3))), to: "catalog.yaml")
        let build = try ChildProcess(
            KilledRunTests.binary,
            ["build", site.url.path, "--concurrency", "4", "--poll-interval", "0.05", "--quiet"],
            environment: ["EGGAPI_API_KEY": api.apiKey, "EGGAPI_BASE_URL": api.simulator.baseURL.absoluteString]
        )
        // A bound so that a broken build fails the test instead of hanging it; not a timing check.
        let deadline = ContinuousClock.now + .seconds(120)
        while await api.simulator.stats().tasksCreated < 3, build.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(SiteLock.holder(siteDirectory: site.url)?.pid == build.pid)

        for command in ["status", "spend", "plan"] {
            let reader = await (try start([command, site.url.path])).finish()
            #expect(reader.status == 0, "\(command): \(reader.output)")
            if command == "status" { #expect(reader.output.contains("submitted: 3"), "\(reader.output)") }
        }
        let second = await (try start(["build", site.url.path, "--quiet"])).finish()
        #expect(second.status == 1 && second.output.contains("(PID \(build.pid), started "), "\(second.output)")

        kill(build.pid, SIGKILL)
        _ = await build.finish()
        await api.stop()
    }
}
