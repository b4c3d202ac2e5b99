import Foundation
import Testing

@testable import Hatchery

/// `Store.spend(by:filter:top:)`: the first rows of each value of the first dimension, on a
/// real SQLite file.
@Suite struct TopSpendTests {
    /// 3 models × 7 prompts, costs from a seeded generator with ties, some prompts on two
    /// models and one with a failed task.
    static func store(in directory: TemporaryDirectory) async throws -> Store {
        let store = try Store(folder: directory.url)
        let run = try await store.startRun(provider: .local)
        var random = SeededGenerator(seed: 13)
        let ids = (0..<7).map { "p\($0)" }
        try await store.syncPrompts(ids)
        for model in ["nanobanana", "nanobanana-pro", "other"] {
            for id in ids where !(model == "other" && id == "p3") {
                let spec = PromptSpec(id: id, prompt: "A \(id) by \(model)", model: model)
                let task = try await store.recordIntent(of: spec, run: run)
                let taskID = try #require(task.id)
                try await store.recordSubmitted(taskID: taskID, remoteID: "local_\(taskID)")
                if id == "p5" && model == "other" {
                    try await store.recordFailed(taskID: taskID, reason: "blocked", kind: .moderation)
                } else {
                    let cost = Money(micros: Int64.random(in: 1...4, using: &random) * 10_000)
                    try await store.recordCompleted(taskID: taskID, cost: cost, images: [])
                }
            }
        }
        return store
    }

    @Test(arguments: [0, 1, 3, 7, 50])
    func keepsTheFirstRowsOfEachModelInTheReportsOrder(top: Int) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let store = try await Self.store(in: directory)
        for dimensions: [SpendDimension] in [[.model, .prompt], [.day, .model], [.prompt, .model], [.model]] {
            let all = try await store.spend(by: dimensions).rows
            let kept = try await store.spend(by: dimensions, top: top).rows
            // What the cost page did with every row: the first `top` of each first value, in order.
            func first(_ row: SpendReport.Row) -> String? {
                switch dimensions[0] {
                case .model: row.model
                case .day: row.day
                case .prompt: row.prompt
                case .run: row.run.map(String.init)
                }
            }
            var seen: [String?: Int] = [:]
            let expected = all.filter { row in
                seen[first(row), default: 0] += 1
                return seen[first(row)]! <= top
            }
            #expect(kept == expected, "\(dimensions), top \(top)")
        }
        #expect(try await store.spend(by: [.model, .prompt]).rows.count == 20)
    }
}
