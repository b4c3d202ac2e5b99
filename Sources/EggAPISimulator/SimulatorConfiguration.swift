import Foundation
import Hatchery

/// How the simulator behaves.
public struct SimulatorConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// Port of the second origin that serves outputs when `shapes.outputOrigins` names `.cdn`;
    /// 0 picks a free one. It listens on `host` too.
    public var outputPort = 0
    public var apiKey: String
    /// How long a task takes from creation to its end, before jitter.
    public var latency: Duration = .milliseconds(500)
    /// ± this fraction of `latency`, drawn per task.
    public var jitter: Double = 0.1
    public var prices: PriceTable = .eggAPI
    public var faults = FaultPlan()
    /// The wire shapes tasks draw from: today's single shape by default, `.worst` for every
    /// shape the contract allows.
    public var shapes = ShapePlan()
    public var seed: UInt64 = 1
    public var webhookSecret: String?
    /// Shrinks served images to this long side (benchmarks need the HTTP, not the pixels).
    public var imageLongSide: Int?

    public init(apiKey: String) {
        self.apiKey = apiKey
    }
}
