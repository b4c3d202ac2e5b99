import Foundation
import Testing

@testable import Hatchery

/// `status`, `spend` and `plan` open the store while a build may be stopped in the middle of a
/// write transaction (suspended with SIGSTOP, or a laptop asleep): they must read, not wait on
/// it and fail. Another process (python's sqlite3) holds the transaction, as a build would.
@Suite struct ReaderDuringWriteTests {
    @Test func aReaderOpensWhileAnotherProcessHoldsAWriteTransaction() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A fox"]), to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let database = site.url.appendingPathComponent(".hatchery/state.sqlite").path

        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            c.execute("UPDATE revision SET value = value WHERE id = 1")
            print("held", flush=True)
            time.sleep(60)
            """,
            database,
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { holder.terminate() }
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("held"))

        let store = try await Store.openForReading(siteDirectory: site.url)
        #expect(try await store.spend(by: [.model]).rows.count == 1)
    }
}
