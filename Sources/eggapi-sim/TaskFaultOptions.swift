import ArgumentParser
import EggAPISimulator

/// Flags for the faults that strike tasks rather than single requests (rates from 0 to 1,
/// repeatable with `--seed`).
struct TaskFaultOptions: ParsableArguments {
    @Option(name: .customLong("fault-task-5xx"), help: "Rate of 500/502/503 on GET /v1/tasks/{id}.")
    var taskServerError = 0.0
    @Option(
        name: .customLong("fault-task-5xx-every"),
        help: "Every Nth GET /v1/tasks/{id} of the same task answers 500."
    ) var taskServerErrorEvery: Int?
    @Option(
        name: .customLong("fault-canceled"),
        help: "Rate of tasks that end 'canceled' (outside the contract) and stay so, at $0."
    ) var canceled = 0.0
    @Option(
        name: .customLong("fault-queued"),
        help: "Rate of tasks that report 'queued' (outside the contract) before 'pending'."
    ) var queued = 0.0
    @Option(
        name: .customLong("fault-never-finish"),
        help: "Rate of tasks that stay 'processing' forever (never charged)."
    ) var neverFinish = 0.0
    @Option(
        name: .customLong("fault-truncated-then-whole"),
        help: "Rate of outputs whose first 1 to 3 fetches are truncated, later ones whole."
    ) var truncatedThenWhole = 0.0
    @Option(
        name: .customLong("fault-foreign-task"),
        help: "Rate at which a POST is mirrored by another client's task (same key, model, num_outputs, instant)."
    ) var foreignTask = 0.0
    @Option(
        name: .customLong("fault-late-creation"),
        help:
            "Rate of tasks answered with a 5xx after creating (--fault-5xx-after-create) that are recorded as created later (see --late-creation-seconds)."
    ) var lateCreation = 0.0
    @Option(
        name: .customLong("late-creation-seconds"),
        help: "How long after the request a late task is recorded as created."
    ) var lateCreationSeconds = 30.0

    @Option(
        name: .customLong("hostile-output"),
        help:
            "Serve every output as this file instead: \(HostileOutput.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var hostileOutput: HostileOutput?

    var rates: [Double] {
        [taskServerError, canceled, queued, neverFinish, truncatedThenWhole, foreignTask, lateCreation]
    }

    func validate() throws {
        guard rates.allSatisfy({ (0...1).contains($0) }) else {
            throw ValidationError("Fault rates are probabilities from 0 to 1.")
        }
        if let taskServerErrorEvery, taskServerErrorEvery < 1 {
            throw ValidationError("--fault-task-5xx-every takes a count of 1 or more.")
        }
        guard lateCreationSeconds.isFinite, (0...86_400).contains(lateCreationSeconds) else {
            throw ValidationError("--late-creation-seconds takes seconds from 0 to 86400.")
        }
    }

    func apply(to faults: inout FaultPlan) {
        faults.taskServerError = taskServerError
        faults.taskServerErrorEvery = taskServerErrorEvery
        faults.canceled = canceled
        faults.queuedFirst = queued
        faults.neverFinish = neverFinish
        faults.truncatedThenWhole = truncatedThenWhole
        faults.foreignTask = foreignTask
        faults.hostileOutput = hostileOutput
        faults.lateCreation = lateCreation
        faults.lateCreationDelay = .milliseconds(Int(lateCreationSeconds * 1000))
    }
}

extension HostileOutput: ExpressibleByArgument {}
