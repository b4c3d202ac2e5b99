import Foundation
import Testing

@testable import Hatchery

/// The site's lock in one process: two opens of the lock file conflict like two processes do.
@Suite struct SiteLockTests {
    @Test func aSecondAttemptFailsNamingTheHoldersPIDAndStartTime() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let first = try await SiteLock.acquire(
            siteDirectory: site.url,
            for: .build,
            waiting: false,
            clock: ContinuousClock()
        )
        defer { first.release() }
        #expect(try SiteLock.attempt(siteDirectory: site.url, for: .build) == nil)

        let refusal = await #expect(throws: SiteLockError.self) {
            _ = try await SiteLock.acquire(
                siteDirectory: site.url,
                for: .build,
                waiting: false,
                clock: ContinuousClock()
            )
        }
        guard case .busy(_, let holder, .build, true)? = refusal else {
            Issue.record("\(String(describing: refusal))")
            return
        }
        #expect(holder?.pid == getpid() && holder?.command == .build)
        let message = try #require(refusal?.errorDescription)
        #expect(message.hasPrefix("Another hatchery build is running on \(site.url.path) (PID \(getpid()), started 20"))
        #expect(message.contains(" UTC). Wait for it, or pass --wait to queue behind it."))

        // settle is refused the same way, with advice that fits it.
        let settle = await #expect(throws: SiteLockError.self) {
            _ = try await SiteLock.acquire(
                siteDirectory: site.url,
                for: .settle,
                waiting: false,
                clock: ContinuousClock()
            )
        }
        #expect(settle?.errorDescription?.contains("Wait for it to finish, then settle again") == true)
    }

    @Test func waitingProceedsOnceTheHolderReleases() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let first = try await SiteLock.acquire(
            siteDirectory: site.url,
            for: .build,
            waiting: false,
            clock: ContinuousClock()
        )
        let (waits, waiting) = AsyncStream<SiteLockHolder?>.makeStream()
        let second = Task {
            try await SiteLock.acquire(
                siteDirectory: site.url,
                for: .settle,
                waiting: true,
                clock: ContinuousClock(),
                interval: .milliseconds(5)
            ) { waiting.yield($0) }
        }
        var events = waits.makeAsyncIterator()
        // The waiter saw the first holder; only then is the first released.
        let seen = await events.next()
        #expect(seen??.pid == getpid() && seen??.command == .build)
        first.release()
        let lock = try await second.value
        #expect(SiteLock.holder(siteDirectory: site.url)?.command == .settle)
        lock.release()
        #expect(SiteLock.holder(siteDirectory: site.url) == nil, "a released lock leaves no note")
        #expect(try SiteLock.attempt(siteDirectory: site.url, for: .build) != nil)
    }

    @Test func aLockHeldByAProcessKilledWithSIGKILLIsFreeAgain() async throws {
        // A shell opens the lock file, has util-linux's flock(1) lock that open file, and
        // becomes `sleep`: one real process holding the same kind of lock on the same file,
        // which dies without a chance to let go. (`flock FILE sleep` would fork, and the
        // sleeping child would keep the lock after its parent was killed.)
        guard SystemTools.find("flock") != nil else { return }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let file = SiteLock.file(siteDirectory: site.url)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let holder = try ChildProcess(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "exec 9>>\"$0\"; flock --exclusive 9; exec sleep 600", file.path],
            environment: [:]
        )
        // Until the child has the lock, ours is free: let it go at once so the child gets in.
        while let free = try SiteLock.attempt(siteDirectory: site.url, for: .build) {
            free.release()
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(holder.pid, SIGKILL)
        let ended = await holder.finish()
        #expect(ended.signalled && ended.status == SIGKILL)
        let lock = try #require(try SiteLock.attempt(siteDirectory: site.url, for: .build))
        lock.release()
    }

    @Test func readersWaitForTheHoldersMigrationsInsteadOfRacingThem() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        let build = try await SiteLock.acquire(
            siteDirectory: site.url,
            for: .build,
            waiting: false,
            clock: ContinuousClock()
        )
        // The holder has made the state file and not migrated it yet.
        _ = try Store(siteDirectory: site.url, migrating: false)
        // Nobody migrates: the reader gives up after its attempts, naming the holder.
        let refusal = await #expect(throws: SiteLockError.self) {
            _ = try await Store.openForReading(
                siteDirectory: site.url,
                clock: ContinuousClock(),
                attempts: 3,
                interval: .milliseconds(1)
            )
        }
        #expect(refusal?.errorDescription?.contains("PID \(getpid())") == true)

        // The holder migrates (as a build does first thing): the reader then opens.
        let reader = Task {
            try await Store.openForReading(
                siteDirectory: site.url,
                clock: ContinuousClock(),
                interval: .milliseconds(5)
            )
        }
        _ = try Store(siteDirectory: site.url)
        let store = try await reader.value
        #expect(try await store.appliedMigrations() == StoreMigrations.migrator.migrations)
        build.release()

        // A reader on a site nobody holds migrates itself, under the lock, and lets it go.
        let fresh = try TemporaryDirectory()
        defer { fresh.cleanup() }
        _ = try Store(siteDirectory: fresh.url, migrating: false)
        let migrated = try await Store.openForReading(siteDirectory: fresh.url)
        #expect(try await migrated.appliedMigrations() == StoreMigrations.migrator.migrations)
        #expect(try SiteLock.attempt(siteDirectory: fresh.url, for: .build) != nil)

        // A folder without state is not given one by a reader.
        let empty = try TemporaryDirectory()
        defer { empty.cleanup() }
        await #expect(throws: SiteFolderError.noState(path: empty.url.path, hasCatalog: false)) {
            _ = try await Store.openForReading(siteDirectory: empty.url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.url.path).isEmpty)
    }
}
