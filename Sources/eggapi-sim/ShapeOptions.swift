import ArgumentParser
import EggAPISimulator
import Foundation

/// Flags for the wire shapes tasks draw from (all within the contract). Lists are
/// comma-separated; each task draws one entry of each list when it is created (per `--seed`).
struct ShapeOptions: ParsableArguments {
    @Flag(
        name: .customLong("worst-shapes"),
        help: "Turn on every shape variation below at once (flags given beside it override its lists)."
    )
    var worst = false
    @Option(
        name: .customLong("timestamp-digits"),
        help: "Fraction digits of timestamps to draw from, e.g. 0,3,6 (truncated, never rounded). Default 3."
    )
    var timestampDigits: String?
    @Option(
        name: .customLong("timestamp-offsets"),
        help: "UTC offsets of timestamps to draw from, e.g. Z,+08:00,-05:00. Default Z."
    )
    var timestampOffsets: String?
    @Option(
        name: .customLong("clock-skew"),
        help: "Seconds added to every time the simulator reports (e.g. 2.3 or -1.5). Default 0."
    )
    var clockSkew: Double?
    @Option(
        name: .customLong("blank-fields"),
        help: "How fields without a value are written: null, absent, or null,absent. Default null."
    )
    var blankFields: String?
    @Option(
        name: .customLong("withhold-fields"),
        help: "Per task, rate at which each of type, started_at, completed_at is left blank though known. Default 0."
    )
    var withheld: Double?
    @Option(
        name: .customLong("output-shapes"),
        help: "Output shapes: url+urls, url (older; single-output tasks only). Default url+urls."
    )
    var outputShapes: String?
    @Option(
        name: .customLong("cost-places"),
        help:
            "Cost strings on tasks and usage: 2, 4, 6 (with $, more places only when needed), plain6 (no $). Default 4."
    )
    var costPlaces: String?
    @Option(
        name: .customLong("summary-cost-places"),
        help: "How the usage summary writes total_cost (one of the --cost-places names). Default 4."
    )
    var summaryCostPlaces: String?
    @Option(
        name: .customLong("output-origins"),
        help: "Where outputs are served: api, cdn (a second port, opaque paths), or api,cdn. Default api."
    )
    var outputOrigins: String?
    @Option(name: .customLong("output-port"), help: "Port of the second origin; 0 picks a free one.")
    var outputPort = 0
    @Option(
        name: .customLong("png-variants"),
        help:
            "PNG variants outputs are drawn from: all, or names such as rgb8,grey1,grey16,palette8,grey-alpha16,rgba16-adam7,rgb8-tiny,rgba8-1px. Default rgb8."
    )
    var pngVariants: String?

    /// The plan these flags describe, or a message naming the bad value.
    func plan() throws -> ShapePlan {
        var plan = worst ? ShapePlan.worst : ShapePlan()
        if let timestampDigits {
            plan.timestampFractionDigits = try list(timestampDigits, "--timestamp-digits") {
                Int($0).flatMap { [0, 3, 6].contains($0) ? $0 : nil }
            }
        }
        if let timestampOffsets {
            plan.timestampOffsetMinutes = try list(timestampOffsets, "--timestamp-offsets", Self.offsetMinutes)
        }
        if let clockSkew { plan.clockSkew = .milliseconds(Int((clockSkew * 1000).rounded())) }
        if let blankFields { plan.blankStyles = try list(blankFields, "--blank-fields", BlankStyle.init(rawValue:)) }
        if let withheld {
            guard (0...1).contains(withheld) else { throw ValidationError("--withhold-fields is a rate from 0 to 1.") }
            plan.withheldFields = withheld
        }
        if let outputShapes {
            plan.outputStyles = try list(outputShapes, "--output-shapes", OutputStyle.init(rawValue:))
        }
        if let costPlaces { plan.costStyles = try list(costPlaces, "--cost-places", CostStyle.init(name:)) }
        if let summaryCostPlaces {
            guard let style = CostStyle(name: summaryCostPlaces) else {
                throw ValidationError("--summary-cost-places takes 2, 4, 6 or plain6.")
            }
            plan.summaryCostStyle = style
        }
        if let outputOrigins {
            plan.outputOrigins = try list(outputOrigins, "--output-origins", OutputOrigin.init(rawValue:))
        }
        if let pngVariants {
            if pngVariants == "all" {
                plan.pngVariants = PNGVariant.all
            } else {
                plan.pngVariants = try list(pngVariants, "--png-variants", PNGVariant.init(name:))
            }
        }
        return plan
    }

    private func list<T>(_ text: String, _ flag: String, _ parse: (String) -> T?) throws -> [T] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = items.compactMap(parse)
        guard !items.isEmpty, parsed.count == items.count else {
            throw ValidationError("\(flag) has a value it does not know: \(text). See --help.")
        }
        return parsed
    }

    /// `Z` → 0, `+08:00` → 480, `-05:00` → -300.
    static func offsetMinutes(_ text: String) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        let parts = text.dropFirst().split(separator: ":")
        guard let sign = text.first, sign == "+" || sign == "-", parts.count == 2,
            let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60
        else { return nil }
        return (hours * 60 + minutes) * (sign == "-" ? -1 : 1)
    }
}
