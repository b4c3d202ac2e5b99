import EggAPISimulator
import Foundation
import Hatchery

/// Checks a finished schedule: the provider's truth against the store and what
/// `hatchery status` listed.
public struct InvariantChecker: Sendable {
    public var schedule: ChaosSchedule
    public var truth: ProviderTruth
    public var audit: StoreAudit
    public var listing: StatusListing

    /// Provider statuses under which a task is never charged.
    static func isUnchargedEnd(_ status: String) -> Bool {
        SimulatedStatus(rawValue: status).map { $0 == .failed || $0 == .canceled } ?? false
    }

    public init(schedule: ChaosSchedule, truth: ProviderTruth, audit: StoreAudit, listing: StatusListing) {
        self.schedule = schedule
        self.truth = truth
        self.audit = audit
        self.listing = listing
    }

    /// Every violation, and how many bodies were sent again after the provider failed them
    /// (moderation: not a double payment, counted apart).
    public func check() -> (violations: [Violation], resendsAfterFailure: Int) {
        let (paidTwice, resends) = paidOnce()
        return (
            paidTwice + ledger() + paidOutputsKept() + promptsSettled() + keyAtOrigin() + noForeignAdopted(), resends
        )
    }

    /// 1: a body that created two tasks is a double payment unless every task but one ended
    /// failed at the provider (a prompt the provider refused, sent again by a later build).
    func paidOnce() -> ([Violation], Int) {
        var violations: [Violation] = []
        var resends = 0
        for (digest, count) in truth.bodies.sorted(by: { $0.key < $1.key }) where count > 1 {
            let prompt = audit.tasks.first { $0.bodyDigest == digest }?.promptID ?? "?"
            let excused: Bool
            if truth.bodyKnown {
                let made = truth.tasks(withBody: digest)
                excused = made.filter { !Self.isUnchargedEnd($0.status) }.count <= 1
                if !excused {
                    violations.append(
                        Violation(
                            .paidOnce,
                            "body of \(prompt) (\(digest.prefix(12))…) created \(count) tasks: "
                                + made.map { "\($0.id) \($0.status) \($0.chargeMicros)µ$" }.joined(separator: ", ")
                        )
                    )
                }
            } else {
                // Without per-task truth only a prompt the provider always refuses is excused.
                excused = schedule.prompts.contains {
                    $0.id == prompt && $0.text.contains(schedule.faults.moderationWord ?? "\u{0}")
                }
                if !excused {
                    violations.append(
                        Violation(.paidOnce, "body of \(prompt) (\(digest.prefix(12))…) created \(count) tasks")
                    )
                }
            }
            if excused { resends += 1 }
        }
        return (violations, resends)
    }

    /// 2: per model, Hatchery's spend equals the usage summary less foreign spend and less
    /// tasks that `status` still lists as in flight without a recorded charge (their end is not
    /// yet Hatchery's to see).
    func ledger() -> [Violation] {
        var expected = truth.usageMicros
        for (model, micros) in truth.foreignSpendMicros { expected[model, default: 0] -= micros }
        // A listed task Hatchery has not recorded a charge for yet (a paid task whose outputs
        // are still to fetch has its charge recorded, and counts on both sides).
        for task in truth.tasks
        where !task.foreign && task.chargeMicros > 0 && listing.mentions(task.id)
            && audit.task(remoteID: task.id)?.status != .completed
            && (audit.task(remoteID: task.id)?.costMicros ?? 0) == 0
        {
            expected[task.model, default: 0] -= task.chargeMicros
        }
        let ours = audit.spendMicros.filter { $0.value != 0 }
        expected = expected.filter { $0.value != 0 }
        guard ours != expected else { return [] }
        let models = Set(ours.keys).union(expected.keys).sorted()
        return [
            Violation(
                .ledger,
                models.map { "\($0): hatchery \(ours[$0] ?? 0)µ$ vs provider \(expected[$0] ?? 0)µ$" }
                    .joined(separator: "; ")
            )
        ]
    }

    /// 3: every charged task of ours is a completed store task with every output and the exact
    /// body that created it, or `status` lists it.
    func paidOutputsKept() -> [Violation] {
        var violations: [Violation] = []
        for task in truth.tasks where !task.foreign && task.chargeMicros > 0 {
            if listing.mentions(task.id) { continue }
            guard let stored = audit.task(remoteID: task.id) else {
                violations.append(
                    Violation(
                        .paidOutputKept,
                        "\(task.id) (\(task.model), \(task.chargeMicros)µ$) is in no task of the store"
                    )
                )
                continue
            }
            var problems: [String] = []
            if stored.status != .completed {
                problems.append(
                    "is \(stored.status?.rawValue ?? "?") (\(stored.failureKind?.rawValue ?? "-"): \(stored.error ?? "no reason"))"
                )
            }
            if stored.images != task.numOutputs { problems.append("has \(stored.images) of \(task.numOutputs) images") }
            if let digest = task.bodyDigest {
                if digest != stored.bodyDigest { problems.append("was created by another body than its request_json") }
            } else if !truth.bodyKnown, truth.bodies[stored.bodyDigest] == nil {
                problems.append("request_json is no body the provider received")
            }
            if !problems.isEmpty {
                violations.append(
                    Violation(
                        .paidOutputKept,
                        "\(task.id) stored as #\(stored.id) \(stored.promptID) "
                            + problems.joined(separator: ", ")
                    )
                )
            }
        }
        return violations
    }

    /// 4: every prompt's latest task completed or failed with a reason, or `status` lists the prompt.
    func promptsSettled() -> [Violation] {
        schedule.prompts.compactMap { prompt in
            if listing.entries.contains(where: { $0.promptID == prompt.id }) { return nil }
            guard let latest = audit.tasks.last(where: { $0.promptID == prompt.id }) else {
                return Violation(.promptSettled, "\(prompt.id) has no task and status does not list it")
            }
            if latest.status == .completed { return nil }
            if latest.status == .failed, let reason = latest.error, !reason.isEmpty { return nil }
            return Violation(
                .promptSettled,
                "\(prompt.id): latest task #\(latest.id) is \(latest.status?.rawValue ?? "?") with no reason and unlisted"
            )
        }
    }

    /// 5: no request to the output origin carried the key.
    func keyAtOrigin() -> [Violation] {
        guard let count = truth.authorizedOutputRequests, count > 0 else { return [] }
        return [
            Violation(
                .keyAtOrigin,
                "\(count) output requests carried Authorization: "
                    + truth.authorizedOutputPaths.prefix(3).joined(separator: ", ")
            )
        ]
    }

    /// 6: no store task holds a foreign task's id.
    func noForeignAdopted() -> [Violation] {
        audit.tasks.compactMap { task in
            guard let remote = task.remoteID, truth.foreignTaskIDs.contains(remote) else { return nil }
            return Violation(.noForeignAdopted, "#\(task.id) \(task.promptID) adopted foreign task \(remote)")
        }
    }
}
