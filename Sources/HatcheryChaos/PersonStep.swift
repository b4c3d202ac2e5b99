import EggAPISimulator
import Foundation

/// The person who reads `hatchery status`, looks at the candidates of an unknown task and
/// settles it. The harness knows what a person would find out by asking the provider's
/// support: which body created which task (the simulator's truth).
struct PersonStep: Sendable {
    var hatchery: HatcheryCommands
    var truth: ProviderTruth
    var audit: StoreAudit

    /// What was done to one task.
    struct Settlement: Sendable {
        var taskID: Int64
        /// `--adopt ID` or `--not-created`.
        var action: String
        /// True when the truth did not say and a listed candidate was taken on a guess.
        var guessed: Bool
        /// Why `hatchery settle` refused, if it did.
        var refusal: String?
    }

    func settle(_ entries: [StatusListing.Entry]) async throws -> [Settlement] {
        var claimed = Set(audit.tasks.compactMap(\.remoteID))
        var done: [Settlement] = []
        for entry in entries {
            guard let stored = audit.task(id: entry.taskID) else { continue }
            var remote: String?
            var guessed = false
            if truth.bodyKnown {
                remote = truth.tasks(withBody: stored.bodyDigest).first { !$0.foreign && !claimed.contains($0.id) }?.id
            } else {
                // The simulator does not say which body made which task: a person would take
                // the one unclaimed task of the same model and outputs, and guess among several.
                // None unclaimed means the request created nothing (no task of ours is unclaimed).
                let fitting = truth.tasks.filter { task in
                    !task.foreign && !claimed.contains(task.id) && task.model == stored.model
                        && (task.status != SimulatedStatus.completed.rawValue || task.numOutputs == stored.numOutputs)
                }
                let listed = fitting.filter { entry.candidates.contains($0.id) }
                remote = (listed.first ?? fitting.first)?.id
                guessed = fitting.count > 1
            }
            let arguments = remote.map { ["--adopt", $0] } ?? ["--not-created"]
            var exit = try await hatchery.settle(taskID: entry.taskID, arguments)
            // An adoption asks the provider about the task; a server error there (the schedule's
            // faults) says to try again later, and a person does, a few times.
            for _ in 0..<3 where exit.status != 0 && Self.saysTryAgain(exit) {
                exit = try await hatchery.settle(taskID: entry.taskID, arguments)
            }
            if let remote { claimed.insert(remote) }
            done.append(
                Settlement(
                    taskID: entry.taskID,
                    action: arguments.joined(separator: " "),
                    guessed: guessed,
                    refusal: exit.status == 0
                        ? nil : (exit.errors + exit.output).trimmingCharacters(in: .whitespacesAndNewlines)
                )
            )
        }
        return done
    }

    /// Whether `hatchery settle` refused for a provider error that passes (`ProviderError.server`).
    private static func saysTryAgain(_ exit: HatcheryProcess.Exit) -> Bool {
        (exit.errors + exit.output).contains("Try again later.")
    }
}
