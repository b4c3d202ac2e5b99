import EggAPISimulator
import Foundation
import Logging

/// Runs one schedule: a simulator with the schedule's faults, builds killed at the drawn
/// moments, then builds (and, when they stop making progress on unknown tasks, a person's
/// settles) until a build completes; then checks every invariant.
public struct ScheduleRunner: Sendable {
    public var binary: URL
    public var templates: URL
    /// Builds after the kills before the schedule is declared stuck.
    public var maxBuilds = 8

    public init(binary: URL, templates: URL) {
        self.binary = binary
        self.templates = templates
    }

    public func run(_ schedule: ChaosSchedule) async throws -> ScheduleResult {
        let started = ContinuousClock.now
        let apiKey = "egg_sk_chaos_\(schedule.seed)"
        var quiet = Logger(label: "eggapi-sim")
        quiet.logLevel = .critical
        let simulator = try await Simulator.start(schedule.simulatorConfiguration(apiKey: apiKey), logger: quiet)
        let site = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hatchery-chaos-\(schedule.seed)-\(UUID().uuidString.prefix(8))"
        )
        defer { try? FileManager.default.removeItem(at: site) }
        do {
            var result = try await run(schedule, simulator: simulator, apiKey: apiKey, site: site)
            result.elapsed = ContinuousClock.now - started
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }

    private func run(
        _ schedule: ChaosSchedule,
        simulator: Simulator,
        apiKey: String,
        site: URL
    ) async throws -> ScheduleResult {
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try schedule.catalog(templates: templates).write(
            to: site.appendingPathComponent("catalog.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let hatchery = HatcheryCommands(
            binary: binary,
            site: site,
            environment: [
                "EGGAPI_API_KEY": apiKey, "EGGAPI_BASE_URL": simulator.baseURL.absoluteString,
                "EGGAPI_TIMEOUT": String(schedule.clientTimeoutSeconds),
            ]
        )
        var result = ScheduleResult(
            seed: schedule.seed,
            prompts: schedule.prompts.count,
            concurrency: schedule.concurrency,
            faults: schedule.faultSummary
        )

        for delay in schedule.killDelays {
            let children = try startRound(schedule, hatchery, &result)
            try await Task.sleep(for: delay)
            for child in children where child.isRunning {
                child.kill()
                result.kills += 1
            }
            for child in children { _ = await child.finish() }
        }

        var listing = StatusListing("")
        var previousUnknown = Set<Int64>()
        var fruitless = 0
        var attempts = 0
        while true {
            attempts += 1
            if attempts > maxBuilds {
                result.violations.append(
                    Violation(
                        .stuck,
                        "no complete build after \(maxBuilds) builds; status: \(listing.entries.count) listed"
                    )
                )
                break
            }
            let children = try startRound(
                schedule,
                hatchery,
                &result,
                concurrent: schedule.concurrentStarts && attempts == 1
            )
            var exits: [HatcheryProcess.Exit] = []
            for child in children {
                guard let exit = await child.finish(within: hatchery.limit) else {
                    result.violations.append(Violation(.stuck, "a build ran past \(hatchery.limit) and was killed"))
                    continue
                }
                exits.append(exit)
            }
            listing = try await hatchery.status()
            let unknown = listing.unknown
            // A build gets one chance to settle its unknowns itself; a person steps in for
            // those still unknown after it.
            let stale = unknown.filter { previousUnknown.contains($0.taskID) }
            previousUnknown = Set(unknown.map(\.taskID))
            if !stale.isEmpty {
                let person = PersonStep(
                    hatchery: hatchery,
                    truth: try await TruthReader(baseURL: simulator.baseURL, apiKey: apiKey).read(),
                    audit: try await StoreAudit.read(site: site)
                )
                for settlement in try await person.settle(stale) {
                    result.manualSettles += 1
                    if settlement.guessed { result.guessedSettles += 1 }
                    if let refusal = settlement.refusal {
                        result.violations.append(
                            Violation(.stuck, "settle #\(settlement.taskID) \(settlement.action) refused: \(refusal)")
                        )
                    }
                }
                fruitless = 0
                continue
            }
            if !unknown.isEmpty { continue }
            if exits.contains(where: { $0.status == 0 }) { break }
            if exits.contains(where: { $0.status == 2 }) && listing.entries.isEmpty { break }
            fruitless += 1
            if fruitless >= 2 {
                // Tasks the build gave up following, listed with why, end the schedule;
                // failing builds with nothing listed are stuck.
                if listing.entries.isEmpty {
                    let last =
                        exits.last.map { "exit \($0.status): " + String(($0.errors + $0.output).suffix(300)) }
                        ?? "no exit"
                    result.violations.append(Violation(.stuck, "builds keep failing with nothing listed (\(last))"))
                }
                break
            }
        }

        // Let tasks in flight at the provider end, so the ledger and charges are final.
        try await Task.sleep(for: schedule.latency * 2)
        let truth = try await TruthReader(baseURL: simulator.baseURL, apiKey: apiKey).read()
        let audit = try await StoreAudit.read(site: site)
        let checked = InvariantChecker(schedule: schedule, truth: truth, audit: audit, listing: listing).check()
        result.tasksCreated = truth.tasksCreated
        result.resendsAfterFailure = checked.resendsAfterFailure
        result.violations += checked.violations
        return result
    }

    /// Starts one build, or two at once on the same site for a concurrent schedule's round.
    private func startRound(
        _ schedule: ChaosSchedule,
        _ hatchery: HatcheryCommands,
        _ result: inout ScheduleResult,
        concurrent: Bool? = nil
    ) throws -> [HatcheryProcess] {
        let two = concurrent ?? schedule.concurrentStarts
        if two { result.concurrentStarts += 1 }
        result.builds += two ? 2 : 1
        return try (0..<(two ? 2 : 1)).map { _ in
            try hatchery.startBuild(concurrency: schedule.concurrency, taskTimeoutMinutes: schedule.taskTimeoutMinutes)
        }
    }
}
