import Foundation

/// The wire shapes the simulator writes, each one the contract allows. Every list is a set of
/// choices a task draws from when it is created (seeded, so a run repeats); the defaults are
/// the single shape the simulator always wrote, and `.worst` turns every variation on.
public struct ShapePlan: Sendable, Equatable {
    /// Fraction digits of timestamps: 0 (whole seconds, truncated: the real moment lies inside
    /// that second), 3 or 6 (also truncated). Default `[3]`.
    public var timestampFractionDigits: [Int] = [3]
    /// UTC offsets of timestamps, in minutes east of UTC (0 is written `Z`, 480 `+08:00`,
    /// -300 `-05:00`); the instant is the same in every offset. Default `[0]`.
    public var timestampOffsetMinutes: [Int] = [0]
    /// Added to every time the provider reports (task times, usage times, webhook timestamps,
    /// Retry-After dates), as if its clock ran ahead (positive) or behind. Default zero.
    public var clockSkew: Duration = .zero
    /// How an optional field with no value (`error`, `output`, `cost` before the end, …) is
    /// written: `null` or left out. Default `[.null]`.
    public var blankStyles: [BlankStyle] = [.null]
    /// Per task, the chance that each of `type`, `started_at` and `completed_at` is left blank
    /// (in a drawn blank style) although it is known. Default 0.
    public var withheldFields: Double = 0
    /// `output` as `{url, urls}` or, for single-output tasks only, the older `{url}`.
    public var outputStyles: [OutputStyle] = [.urlAndURLs]
    /// How `cost` strings are written on tasks and usage records. Default `[.dollars(4)]`.
    public var costStyles: [CostStyle] = [.dollars(4)]
    /// How `total_cost` is written in the usage summary. Default `.dollars(4)`.
    public var summaryCostStyle: CostStyle = .dollars(4)
    /// Where outputs are served: the API's own origin (`/files/{id}/{n}.png`) or a second
    /// listener (`/outputs/{opaque}.png`, like `cdn.eggapi.ai`). Default `[.api]`.
    public var outputOrigins: [OutputOrigin] = [.api]
    /// PNG color types, bit depths, interlacing and sizes outputs are drawn from (per task).
    /// Default `[.rgb8]`, the only one the simulator served before.
    public var pngVariants: [PNGVariant] = [.rgb8]

    public init() {}

    /// Every shape variation the contract allows, all at once; no faults.
    public static var worst: ShapePlan {
        var plan = ShapePlan()
        plan.timestampFractionDigits = [0, 3, 6]
        plan.timestampOffsetMinutes = [0, 480, -300]
        plan.clockSkew = .milliseconds(2300)
        plan.blankStyles = [.null, .absent]
        plan.withheldFields = 0.3
        plan.outputStyles = [.urlAndURLs, .urlOnly]
        plan.costStyles = [.dollars(2), .dollars(4), .dollars(6), .plain(6)]
        plan.summaryCostStyle = .plain(6)
        plan.outputOrigins = [.api, .cdn]
        plan.pngVariants = PNGVariant.all
        return plan
    }

    /// `clockSkew` in seconds, as times are added to.
    var skewSeconds: TimeInterval {
        Double(clockSkew.components.seconds) + Double(clockSkew.components.attoseconds) / 1e18
    }

    /// Whether any task may be served from the second origin (which then has to listen).
    var needsOutputOrigin: Bool { outputOrigins.contains(.cdn) }
}

/// How a field with no value is written.
public enum BlankStyle: String, Sendable, CaseIterable {
    /// `"field": null`
    case null
    /// The key is left out.
    case absent
}

/// The shape of a completed task's `output`.
public enum OutputStyle: String, Sendable, CaseIterable {
    /// `{"url": first, "urls": [all]}`, the newest documentation.
    case urlAndURLs = "url+urls"
    /// `{"url": first}`, the older one; used only when the task has one output.
    case urlOnly = "url"
}

/// Where a task's outputs are served.
public enum OutputOrigin: String, Sendable, CaseIterable {
    /// The API's own host and port.
    case api
    /// A second listener on another port, with opaque paths.
    case cdn
}
