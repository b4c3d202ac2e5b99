import Foundation
import HatcheryFuzzTargets
import Testing

/// Every committed fuzz input, run through its target without the fuzzer: the seeds must stay
/// parseable shapes, and each input that once crashed (Fuzz/crashes) stays a test. The inputs
/// run in a `hatchery-fuzz` child process, so one that crashes fails this test, not the run.
@Suite struct FuzzCorpusTests {
    static let corpus = FuzzCorpus(
        root: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz")
    )

    /// The `hatchery-fuzz` binary built next to this test bundle (its replaying `main`).
    static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        let beside = bundle.deletingLastPathComponent().appendingPathComponent("hatchery-fuzz")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return corpus.root.deletingLastPathComponent().appendingPathComponent(".build/debug/hatchery-fuzz")
    }

    @Test("each target's seeds and past crashes run without a crash or a finding", arguments: FuzzTarget.allCases)
    func replays(target: FuzzTarget) async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build first: swift build")
        let seeds = Self.corpus.inputs("corpus", of: target)
        #expect(!seeds.isEmpty, "Fuzz/corpus/\(target.rawValue) has no seeds: run Fuzz/make-seeds")
        // The seeds in one child, each past crash in its own, so a failure names its input.
        var runs = seeds.first.map { [[$0.deletingLastPathComponent().path]] } ?? []
        runs += Self.corpus.inputs("crashes", of: target).map { [$0.path] }
        for paths in runs {
            let child = try ChildProcess(
                Self.binary,
                [target.rawValue] + paths,
                environment: ["SWIFT_BACKTRACE": "enable=no"],
                capturingErrors: true
            )
            let result = await child.finish()
            #expect(
                result.status == 0 && !result.signalled,
                "hatchery-fuzz \(target.rawValue) \(paths.joined(separator: " ")): \(result.output)"
            )
        }
    }
}
