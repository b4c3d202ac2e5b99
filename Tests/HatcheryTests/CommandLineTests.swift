import Foundation
import Testing

@testable import Hatchery

/// The `hatchery` binary on what a person mistypes: every case is refused with a sentence that
/// names the flag or the folder, and nothing is written where nothing should be.
@Suite struct CommandLineTests {
    struct Result {
        var status: Int32
        var output: String
    }

    func hatchery(_ arguments: [String], in folder: URL? = nil) async throws -> Result {
        let child = try ChildProcess(
            KilledRunTests.binary,
            arguments,
            environment: [:],
            capturingErrors: true,
            currentDirectory: folder
        )
        let result = await child.finish()
        return Result(status: result.status, output: result.output)
    }

    /// A site with a catalog and no build yet.
    func unbuiltSite() throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        _ = try site.write(Fixtures.catalog(["id: one\nprompt: One"]), to: "catalog.yaml")
        return site
    }

    func files(under folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test("reports on a folder that is not a built site refuse and write nothing", arguments: ["status", "spend"])
    func readOnlyCommandsCreateNothing(command: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let mistyped = site.url.appendingPathComponent("nosuch")
        let public_ = site.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: public_, withIntermediateDirectories: true)

        let missing = try await hatchery([command, mistyped.path])
        #expect(missing.status == 1)
        #expect(missing.output.contains("There is no folder \(mistyped.path)"))

        let notASite = try await hatchery([command, public_.path])
        #expect(notASite.status == 1)
        #expect(notASite.output.contains("There is no Hatchery site in \(public_.path)"))

        let unbuilt = try await hatchery([command, site.url.path])
        #expect(unbuilt.status == 1)
        #expect(unbuilt.output.contains("Nothing has been built in \(site.url.path) yet"))
        #expect(!unbuilt.output.contains("$0.0000"))

        #expect(files(under: site.url) == ["catalog.yaml", "public"])
    }

    @Test(
        "the catalog file passed as DIR is named, with the folder to pass",
        arguments: ["build", "plan", "status", "spend", "serve"]
    )
    func aFileAsTheSiteFolder(command: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let catalog = site.url.appendingPathComponent("catalog.yaml")
        let result = try await hatchery([command, catalog.path])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "\(catalog.path) is a file, not a site folder. Pass the folder that holds it: \(site.url.path)"
            )
        )
        #expect(!result.output.contains("NSCocoaErrorDomain"))
        #expect(files(under: site.url) == ["catalog.yaml"])
    }

    @Test func planOnASiteNeverBuiltWritesNothing() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let result = try await hatchery(["plan", site.url.path])
        #expect(result.status == 0)
        #expect(result.output.contains("new"))
        #expect(files(under: site.url) == ["catalog.yaml"])
    }

    @Test func aNegativeBudgetIsRefusedAsNegative() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        for value in ["-1", "1\u{301}", ".5"] {
            let result = try await hatchery(["build", site.url.path, "--max-spend", value])
            #expect(result.status == 64)
            #expect(result.output.contains("--max-spend: \""))
            #expect(!result.output.contains("Missing value"))
        }
        let negative = try await hatchery(["build", site.url.path, "--max-spend", "-1"])
        #expect(negative.output.contains("amounts are never negative"))
        #expect(files(under: site.url) == ["catalog.yaml"])
    }

    @Test("a day that does not exist is refused", arguments: ["--since", "--until"])
    func impossibleDays(flag: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let result = try await hatchery(["spend", site.url.path, flag, "2026-02-30"])
        #expect(result.status == 64)
        #expect(result.output.contains("month 2 of 2026 has 28 days"))
    }

    @Test(
        "durations take plain decimals",
        arguments: [("--poll-interval", "0x10"), ("--task-timeout", "1e1"), ("--poll-interval", "nan")]
    )
    func durations(flag: String, value: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let result = try await hatchery(["build", site.url.path, flag, value])
        #expect(result.status == 64)
        #expect(result.output.contains("\(flag): \"\(value)\" is not a number of"))
    }

    @Test func aMistypedCommandGetsASuggestion() async throws {
        let result = try await hatchery(["buidl"])
        #expect(result.status == 64)
        #expect(result.output.contains("'buidl' is not a hatchery command. Did you mean 'build'?"))
        let far = try await hatchery(["xyzzy"])
        #expect(far.output.contains("'xyzzy' is not a hatchery command."))
        #expect(!far.output.contains("Did you mean"))
    }

    @Test(
        "--verbose only where something is logged",
        arguments: [
            ("plan", false), ("status", false), ("build", true), ("settle", true), ("serve", true), ("spend", true),
        ]
    )
    func verboseWhereUseful(command: String, offered: Bool) async throws {
        let help = try await hatchery([command, "--help"])
        #expect(help.output.contains("--verbose") == offered)
    }

    @Test func settleInsideTheSiteFolderTakesTheOnlyNumberAsTheTask() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: one\nprompt: One"]), to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()

        let inside = try await hatchery(["settle", "5", "--not-created"], in: site.url)
        #expect(inside.status == 1)
        #expect(inside.output.contains("There is no task #5 here"))

        let named = try await hatchery(["settle", site.url.path, "99", "--not-created"])
        #expect(named.output.contains("There is no task #99 here"))

        let word = try await hatchery(["settle", site.url.path, "X", "--adopt", "gen_1"])
        #expect(word.status == 64)
        #expect(word.output.contains("The task is the number `hatchery status` shows (such as 12), not \"X\"."))
    }

    @Test func noMessageEndsInTwoFullStops() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        var outputs: [String] = []
        for arguments in [
            ["status", "/nonexistent"], ["spend", site.url.appendingPathComponent("catalog.yaml").path],
            ["settle", site.url.path, "1", "--not-created"],
        ] {
            outputs.append(try await hatchery(arguments).output)
        }
        for output in outputs { #expect(!output.contains("..")) }
    }

    @Test func aPublicFolderHatcheryDidNotWriteIsNeverReplaced() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let own = try site.write("post", to: "public/blog/post.html")
        let result = try await hatchery(["build", site.url.path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("already holds files that Hatchery did not write (such as blog)"))
        #expect(try String(contentsOf: own, encoding: .utf8) == "post")
        // Emptied, the folder is Hatchery's; after that, builds replace it as before.
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("public/blog"))
        #expect(try await hatchery(["build", site.url.path, "--quiet"]).status == 0)
        #expect(try await hatchery(["build", site.url.path, "--quiet", "--force", "one"]).status == 0)
    }

    @Test func aFolderWithoutACatalogIsLeftAsItWas() async throws {
        let empty = try TemporaryDirectory()
        defer { empty.cleanup() }
        let result = try await hatchery(["build", empty.url.path])
        #expect(result.status == 1)
        #expect(result.output.contains("catalog.yaml"))
        #expect(files(under: empty.url).isEmpty)
    }

    @Test("a base URL whose port cannot exist is refused, not a crash", arguments: ["99999", "65536", "0"])
    func impossiblePorts(port: String) async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(
            Fixtures.catalog(["id: one\nprompt: One"]).replacingOccurrences(
                of: "provider: local",
                with: "provider: eggapi"
            ),
            to: "catalog.yaml"
        )
        let child = try ChildProcess(
            KilledRunTests.binary,
            ["build", site.url.path, "--quiet"],
            environment: ["EGGAPI_API_KEY": "egg_sk_test", "EGGAPI_BASE_URL": "http://127.0.0.1:\(port)"],
            capturingErrors: true
        )
        let result = await child.finish()
        #expect(!result.signalled && result.status != 132)
        #expect(result.output.contains("EGGAPI_BASE_URL is not an http(s) URL"))
    }

    @Test("serve refuses a port that does not exist", arguments: ["65536", "73536", "-1"])
    func servePorts(port: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let result = try await hatchery(["serve", site.url.path, "--port", port])
        #expect(result.status == 64)
        #expect(result.output.contains("--port must be between 0 and 65535"))
    }

    @Test func flagValuesAreQuotedShortInErrors() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let huge = String(repeating: "x", count: 100_000)
        for flag in ["--max-spend", "--poll-interval", "--task-timeout"] {
            let result = try await hatchery(["build", site.url.path, flag, huge])
            #expect(result.status == 64)
            #expect(result.output.utf8.count < 2_000, "\(flag)")
            #expect(result.output.contains("\(flag): \""))
        }
        let negative = try await hatchery(["build", site.url.path, "--task-timeout", "-1"])
        #expect(negative.output.contains("--task-timeout: \"-1\""))
    }

    @Test func serveSaysItsPortAtOnceWhenItsOutputIsAFile() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        try FileManager.default.createDirectory(
            at: site.url.appendingPathComponent("public"),
            withIntermediateDirectories: true
        )
        let child = try ChildProcess(KilledRunTests.binary, ["serve", site.url.path, "--port", "0"], environment: [:])
        // Bounded by attempts, not by time: the line must come before serve ends.
        var printed = ""
        for _ in 0..<600 where !printed.contains("http://127.0.0.1:") {
            try await Task.sleep(for: .milliseconds(50))
            printed = child.printedSoFar
        }
        kill(child.pid, SIGTERM)
        _ = await child.finish()
        #expect(printed.contains("http://127.0.0.1:"))
    }

    // MARK: Found by attacking issue 11's fixes

    @Test("a day flag given a value that starts with a hyphen refuses the value", arguments: ["--since", "--until"])
    func hyphenatedDays(flag: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let result = try await hatchery(["spend", site.url.path, flag, "-1"])
        #expect(result.status == 64)
        #expect(result.output.contains("\(flag): \"-1\" is not a day written YYYY-MM-DD"), "\(result.output)")
        #expect(!result.output.contains("Missing value"))
    }

    @Test(
        "whole-number flags take ASCII digits only, as the catalog does",
        arguments: [
            (["build", "--concurrency", "+3"], "--concurrency: \"+3\" is not a whole number"),
            (["build", "--concurrency", "3.0"], "--concurrency: \"3.0\" is not a whole number"),
            (["build", "--concurrency", "0"], "--concurrency must be between 1 and 64."),
            (["serve", "--port", "+80"], "--port: \"+80\" is not a whole number"),
            (["serve", "--port", "٨٠"], "--port: \"٨٠\" is not a whole number"),
        ]
    )
    func wholeNumberFlags(arguments: [String], message: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let result = try await hatchery([arguments[0], site.url.path] + arguments.dropFirst())
        #expect(result.status == 64)
        #expect(result.output.contains(message), "\(result.output)")
        #expect(files(under: site.url) == ["catalog.yaml"])
    }

    @Test("an empty --only or --force is refused, not a build of nothing", arguments: ["--only", "--force"])
    func emptySelection(flag: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        for value in ["", " , "] {
            let result = try await hatchery(["plan", site.url.path, flag, value])
            #expect(result.status == 64)
            #expect(result.output.contains("\(flag) names no prompt"), "\(result.output)")
        }
    }

    @Test func unknownSelectedIdsAreQuotedShort() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let long = String(repeating: "x", count: 5_000)
        let result = try await hatchery(["plan", site.url.path, "--only", "one,a\nb,\(long)"])
        #expect(result.status == 1)
        #expect(result.output.contains("No prompt in the catalog has the id \"a\\nb\", \"xxxx"), "\(result.output)")
        #expect(result.output.utf8.count < 500)
    }

    @Test("reports on an empty state file refuse and leave it empty", arguments: ["status", "spend"])
    func emptyStateFile(command: String) async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        let state = try site.write("", to: ".hatchery/state.sqlite")
        let result = try await hatchery([command, site.url.path])
        #expect(result.status == 1)
        #expect(result.output.contains("\(state.path) is empty, so it holds no tasks or costs"), "\(result.output)")
        #expect(!result.output.contains("$0.0000"))
        #expect(try Data(contentsOf: state).isEmpty)
        #expect(files(under: site.url) == [".hatchery", ".hatchery/state.sqlite", "catalog.yaml"])
    }

    @Test func serveGivenThePublicFolderNamesTheSiteFolder() async throws {
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: one\nprompt: One"]), to: "catalog.yaml")
        _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site.url)).run()
        let public_ = site.url.appendingPathComponent("public")
        let result = try await hatchery(["serve", public_.path, "--port", "0"])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "\(public_.path) is a built gallery, not its site folder; pass the folder that holds it: `hatchery serve \(site.url.path)`"
            ),
            "\(result.output)"
        )
    }
    @Test func aFileWhereTheStateFolderGoesIsNamedWithoutFoundationsPreamble() async throws {
        let site = try unbuiltSite()
        defer { site.cleanup() }
        _ = try site.write("not a folder", to: ".hatchery")
        let result = try await hatchery(["build", site.url.path, "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("a file with the same name already exists"), "\(result.output)")
        #expect(!result.output.contains("The operation could not be completed"), "\(result.output)")
    }
}
