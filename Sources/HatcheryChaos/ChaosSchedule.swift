import EggAPISimulator
import Foundation
import Hatchery

/// One chaos schedule, drawn whole from its seed: the simulator's faults, the catalog, the
/// build flags and when the builds are killed. The same seed always draws the same schedule
/// (what the processes then do under load is, of course, not repeatable).
public struct ChaosSchedule: Sendable {
    /// One prompt of the catalog.
    public struct Prompt: Sendable, Equatable {
        public var id: String
        public var text: String
        public var model: String
        public var numOutputs: Int
        public var aspectRatio: String
    }

    public var seed: UInt64
    public var prompts: [Prompt]
    public var faults: FaultPlan
    /// The worst wire shapes the contract allows (timestamps, blanks, cost strings, a second
    /// output origin, every PNG color type), or today's single shape.
    public var worstShapes: Bool
    /// Task latency at the simulator.
    public var latency: Duration
    /// The child's `EGGAPI_TIMEOUT`; `faults.slowDelay` is above it.
    public var clientTimeoutSeconds: Double
    public var concurrency: Int
    /// For each kill, how long after the build(s) start the `kill -9` lands.
    public var killDelays: [Duration]
    /// Whether rounds start two builds at once on the same site.
    public var concurrentStarts: Bool
    /// The builds' `--task-timeout` in minutes, when tasks may never finish (else the default).
    public var taskTimeoutMinutes: Double?

    /// Draws the schedule of `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        var random = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        // Half the faults are off in a given schedule, so that each also meets the others alone.
        func rate(_ most: Double) -> Double { unit() < 0.5 ? 0 : unit() * most }

        latency = .milliseconds(int(100...300))
        clientTimeoutSeconds = 1.5
        var faults = FaultPlan()
        faults.rateLimited = rate(0.06)
        faults.rateLimitedBare = rate(0.05)
        faults.serverError = rate(0.1)
        faults.serverErrorAfterCreate = rate(0.25)
        faults.slow = rate(0.06)
        faults.slowDelay = .milliseconds(2000)
        faults.malformedJSON = rate(0.1)
        faults.truncatedDownload = rate(0.2)
        let moderated = unit() < 0.3
        if moderated { faults.moderationWord = "forbidden" }
        // The simulator's worst shapes and per-task fates, beyond the contract's faults.
        faults.taskServerError = rate(0.1)
        faults.taskServerErrorEvery = unit() < 0.3 ? int(3...6) : nil
        faults.canceled = rate(0.06)
        faults.queuedFirst = rate(0.5)
        faults.truncatedThenWhole = rate(0.2)
        faults.foreignTask = rate(0.4)
        // A task that never ends holds its build until the deadline: rare, with a short one.
        faults.neverFinish = unit() < 0.1 ? 0.05 : 0
        taskTimeoutMinutes = faults.neverFinish > 0 ? 0.05 : nil
        self.faults = faults
        worstShapes = unit() < 0.5

        let count = int(4...12)
        let models = ["nanobanana", "nanobanana-pro"]
        let subjects = ["lighthouse", "caravan", "orchard", "glacier", "harbour", "bazaar", "canyon", "meadow"]
        prompts = (0..<count).map { index in
            let subject = subjects[int(0...(subjects.count - 1))]
            let word = moderated && index == 0 ? " forbidden" : ""
            return Prompt(
                id: "p\(index)",
                text: "Chaos \(seed) prompt \(index): a \(subject) at dusk\(word)",
                model: models[int(0...1)],
                numOutputs: int(1...4),
                aspectRatio: unit() < 0.5 ? "16:9" : "9:16"
            )
        }
        concurrency = int(1...8)
        killDelays = (0..<int(0...3)).map { _ in .milliseconds(int(0...3000)) }
        concurrentStarts = unit() < 0.3
        // Drawn last, so that every draw above stays what it was for each seed. A 502 whose task
        // the provider records later than the answer (chaos seed 3 on a loaded machine).
        let late = rate(0.6)
        self.faults.lateCreation = faults.serverErrorAfterCreate > 0 ? late : 0
        self.faults.lateCreationDelay = .milliseconds(int(500...3000))
    }

    /// The catalog file's text: the eggapi provider and the given templates.
    public func catalog(templates: URL) -> String {
        var text = """
            gallery:
              title: Chaos \(seed)
              templates: \(templates.path)
            provider: eggapi
            prompts:

            """
        for prompt in prompts {
            text += "  - id: \(prompt.id)\n"
            text += "    prompt: \"\(prompt.text)\"\n"
            text += "    model: \(prompt.model)\n"
            text += "    num_outputs: \(prompt.numOutputs)\n"
            text += "    aspect_ratio: \"\(prompt.aspectRatio)\"\n"
        }
        return text
    }

    /// The simulator's configuration for this schedule, with `apiKey`.
    public func simulatorConfiguration(apiKey: String) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(apiKey: apiKey)
        configuration.latency = latency
        configuration.imageLongSide = 64
        configuration.faults = faults
        if worstShapes { configuration.shapes = .worst }
        configuration.seed = seed
        return configuration
    }

    /// The faults that are on, for the report line.
    public var faultSummary: String {
        let rates: [(String, Double)] = [
            ("429", faults.rateLimited), ("429bare", faults.rateLimitedBare), ("5xx", faults.serverError),
            ("5xx-after", faults.serverErrorAfterCreate), ("slow", faults.slow), ("malformed", faults.malformedJSON),
            ("trunc", faults.truncatedDownload), ("task5xx", faults.taskServerError), ("canceled", faults.canceled),
            ("queued", faults.queuedFirst), ("trunc-then-whole", faults.truncatedThenWhole),
            ("foreign", faults.foreignTask),
            ("never-finish", faults.neverFinish), ("late", faults.lateCreation),
        ]
        var parts = rates.filter { $0.1 > 0 }.map { "\($0.0)=\(String(format: "%.2f", $0.1))" }
        if let every = faults.taskServerErrorEvery { parts.append("task5xx-every-\(every)") }
        if faults.moderationWord != nil { parts.append("moderation") }
        if worstShapes { parts.append("worst-shapes") }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }
}
