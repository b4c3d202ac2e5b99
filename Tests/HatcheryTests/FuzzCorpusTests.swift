import Foundation
import HatcheryFuzzTargets
import Testing

/// Every committed fuzz input, run through its target without the fuzzer: the seeds must stay
/// parseable shapes, and each input that once crashed (Fuzz/crashes) stays a test.
@Suite struct FuzzCorpusTests {
    static let corpus = FuzzCorpus(root: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz"))

    @Test("each target's seeds and past crashes run without a finding", arguments: FuzzTarget.allCases)
    func replays(target: FuzzTarget) throws {
        let seeds = Self.corpus.inputs("corpus", of: target)
        #expect(!seeds.isEmpty, "Fuzz/corpus/\(target.rawValue) has no seeds: run Fuzz/make-seeds")
        for file in seeds + Self.corpus.inputs("crashes", of: target) {
            do {
                try target.run(try Data(contentsOf: file))
            } catch {
                Issue.record("\(target.rawValue) \(file.lastPathComponent): \(error)")
            }
        }
    }
}
