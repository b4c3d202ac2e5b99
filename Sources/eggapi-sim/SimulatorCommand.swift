import ArgumentParser
import EggAPISimulator
import Foundation
import Hatchery

/// `eggapi-sim`: a local EggAPI for tests, demos and trying Hatchery's real path without an account.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eggapi-sim",
        abstract: "Run a local stand-in for EggAPI on loopback, with optional fault injection.",
        discussion: """
            Everything is off by default. --worst-shapes turns on every wire shape the contract allows \
            (timestamps in whole seconds, 3 or 6 digits and other offsets, a clock skew, fields absent or null, \
            the older output shape, costs with 2 to 6 places and without $, outputs on a second origin, PNGs of \
            every color type and depth). Each task draws its shape when it is created, from --seed.
            """
    )

    @Option(help: "Port to listen on; 0 picks a free one and prints it.") var port = 8080
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(name: .customLong("api-key"), help: "The key clients must send as a Bearer token.") var apiKey =
        "egg_sk_local"
    @Option(help: "Seconds a task takes from creation to its end (jittered ±10%).") var latency = 2.0
    @Option(help: "Seed for the fault schedule and jitter.") var seed: UInt64 = 1
    @Option(name: .customLong("webhook-secret"), help: "Sign webhooks with this secret.") var webhookSecret: String?
    @Option(name: .customLong("image-long-side"), help: "Serve smaller images (pixels on the long side).")
    var imageLongSide: Int?

    @Option(name: .customLong("fault-429"), help: "Rate of 429 with Retry-After.") var rateLimited = 0.0
    @Option(name: .customLong("fault-429-bare"), help: "Rate of 429 without Retry-After.") var rateLimitedBare = 0.0
    @Option(name: .customLong("fault-5xx"), help: "Rate of 500/502/503 before acting.") var serverError = 0.0
    @Option(name: .customLong("fault-5xx-after-create"), help: "Rate of 502 after a task was created.")
    var serverErrorAfterCreate = 0.0
    @Option(name: .customLong("fault-slow"), help: "Rate of answers held back (see --slow-seconds).") var slow = 0.0
    @Option(name: .customLong("slow-seconds"), help: "How long a slow answer is held back.") var slowSeconds = 5.0
    @Option(name: .customLong("fault-malformed"), help: "Rate of 2xx answers that are not JSON.") var malformed = 0.0
    @Option(name: .customLong("fault-truncated"), help: "Rate of truncated PNG downloads.") var truncated = 0.0
    @Option(name: .customLong("fault-duplicate-webhook"), help: "Rate of webhooks sent twice.") var duplicateWebhook =
        0.0
    @Option(name: .customLong("moderate"), help: "Prompts containing this word fail moderation.") var moderationWord:
        String?
    @Option(name: .customLong("balance"), help: "Dollars after which POSTs get INSUFFICIENT_BALANCE, e.g. 1.50.")
    var balance: String?

    @OptionGroup(title: "Wire shapes") var shapes: ShapeOptions
    @OptionGroup(title: "Task faults") var taskFaults: TaskFaultOptions

    func validate() throws {
        _ = try shapes.plan()
        let rates = [
            rateLimited, rateLimitedBare, serverError, serverErrorAfterCreate, slow, malformed, truncated,
            duplicateWebhook,
        ]
        guard rates.allSatisfy({ (0...1).contains($0) }) else {
            throw ValidationError("Fault rates are probabilities from 0 to 1.")
        }
        if let balance, Money(parsing: balance) == nil {
            throw ValidationError("--balance takes an amount such as 1.50.")
        }
        guard latency >= 0 else { throw ValidationError("--latency cannot be negative.") }
    }

    func run() async throws {
        var configuration = SimulatorConfiguration(apiKey: apiKey)
        configuration.host = host
        configuration.port = port
        configuration.latency = .milliseconds(Int(latency * 1000))
        configuration.seed = seed
        configuration.webhookSecret = webhookSecret
        configuration.imageLongSide = imageLongSide
        configuration.faults.rateLimited = rateLimited
        configuration.faults.rateLimitedBare = rateLimitedBare
        configuration.faults.serverError = serverError
        configuration.faults.serverErrorAfterCreate = serverErrorAfterCreate
        configuration.faults.slow = slow
        configuration.faults.slowDelay = .milliseconds(Int(slowSeconds * 1000))
        configuration.faults.malformedJSON = malformed
        configuration.faults.truncatedDownload = truncated
        configuration.faults.duplicateWebhook = duplicateWebhook
        configuration.faults.moderationWord = moderationWord
        configuration.faults.balance = balance.flatMap(Money.init(parsing:))
        taskFaults.apply(to: &configuration.faults)
        configuration.shapes = try shapes.plan()
        configuration.outputPort = shapes.outputPort

        let simulator = try await Simulator.start(configuration)
        FileHandle.standardOutput.write(
            Data("eggapi-sim listening on \(simulator.baseURL.absoluteString) (port \(simulator.port))\n".utf8)
        )
        if let outputs = simulator.outputBaseURL {
            FileHandle.standardOutput.write(Data("eggapi-sim serving outputs on \(outputs.absoluteString)\n".utf8))
        }
        // Written in one go and flushed, so a script reading our stdout sees the port at once.
        FileHandle.standardOutput.write(
            Data("export EGGAPI_BASE_URL=\(simulator.baseURL.absoluteString) EGGAPI_API_KEY=<the --api-key>\n".utf8)
        )
        try await simulator.wait()
    }
}
