import Foundation

/// Charts drawn at build time: no chart library, no network, no script. Each reads at a
/// phone's width as well as a desktop's: the per-model bars are HTML that reflows, and the
/// chart over time keeps its text at its own size (the figure scrolls sideways instead of
/// shrinking it).
enum SpendCharts {
    static let palette = ["#b5520f", "#2f6fb0", "#3a8f4b", "#8a4fb5", "#b03a5b", "#6b7a1f", "#1f7a7a", "#7a5a1f"]
    /// Up to this many days, the chart over time shows each day's spend as a bar; past it, the
    /// cumulative spend as lines (a bar a day would be too thin to read).
    static let mostDaysAsBars = 31

    /// One row per model: its name, a bar as long as its share of the largest, and its amount.
    /// HTML, so that the text wraps on a narrow screen instead of shrinking.
    static func bars(_ rows: [(label: String, micros: Int64, estimate: Bool)]) -> String {
        guard let top = rows.map(\.micros).max(), top > 0 else { return "" }
        var html = #"<ul class="bars">"#
        for (index, row) in rows.enumerated() {
            // Whole tenths of a percent, from integers: the share is exact to what CSS can draw.
            let permille = max(1, row.micros * 1000 / top)
            let width = "\(permille / 10).\(permille % 10)%"
            html += #"<li><span class="bar-label">\#(escape(row.label))\#(row.estimate ? " (estimate)" : "")</span>"#
            html +=
                #"<span class="bar-track"><span class="bar-fill\#(row.estimate ? " estimate" : "")" style="width: \#(width); background: \#(palette[index % palette.count])"></span></span>"#
            html += #"<span class="bar-value">\#(Money(micros: row.micros).formatted)</span></li>"#
        }
        return html + "</ul>"
    }

    /// The chart over time and what its caption says: each day's spend as stacked bars for up to
    /// `mostDaysAsBars` days, the cumulative spend as lines past that. Empty without days.
    static func overTime(
        days: [String],
        series: [(label: String, perDay: [String: Int64])]
    ) -> (
        svg: String, caption: String
    ) {
        guard !days.isEmpty, !series.isEmpty else { return ("", "") }
        if days.count <= mostDaysAsBars {
            return (dailyBars(days: days, series: series), "Spend per day and model (UTC).")
        }
        return (lines(days: days, series: series), "Cumulative spend per model, by day (UTC).")
    }

    /// A bar per day, one segment per model, with the day under it when there is room.
    static func dailyBars(days: [String], series: [(label: String, perDay: [String: Int64])]) -> String {
        let totals = days.map { day in series.reduce(Int64(0)) { $0 + ($1.perDay[day] ?? 0) } }
        let top = max(1, totals.max() ?? 1)
        let left = 70
        let slot = max(16, min(64, 480 / days.count))
        let plotWidth = slot * days.count
        let plotHeight = 160
        let top0 = 12
        // Every day is labelled when the labels fit under their bars (MM-DD is about 40 px).
        let labelEvery = slot >= 44 ? 1 : max(1, (44 + slot - 1) / slot)
        let width = max(left + plotWidth + 20, legendWidth(series.map(\.label), left: left))
        let legendTop = top0 + plotHeight + 40
        let height = legendTop + 20 * series.count
        func y(_ micros: Int64) -> Int { Int(Double(micros) / Double(top) * Double(plotHeight)) }

        var svg = header(width: width, height: height, title: "Spend per day and model")
        svg += axes(left: left, top: top0, width: plotWidth, height: plotHeight, top: top)
        for (dayIndex, day) in days.enumerated() {
            let x = left + dayIndex * slot + max(2, slot / 8)
            let barWidth = slot - 2 * max(2, slot / 8)
            var base = top0 + plotHeight
            for (index, entry) in series.enumerated() {
                let micros = entry.perDay[day] ?? 0
                guard micros > 0 else { continue }
                let length = max(1, y(micros))
                base -= length
                svg +=
                    #"<rect x="\#(x)" y="\#(base)" width="\#(barWidth)" height="\#(length)" fill="\#(palette[index % palette.count])"><title>\#(escape(entry.label)), \#(escape(day)): \#(Money(micros: micros).formatted)</title></rect>"#
            }
            if dayIndex % labelEvery == 0 || dayIndex == days.count - 1 {
                svg +=
                    #"<text x="\#(x + barWidth / 2)" y="\#(top0 + plotHeight + 18)" text-anchor="middle">\#(escape(String(day.suffix(5))))</text>"#
            }
        }
        svg += legend(series.map { ($0.label, $0.perDay.values.reduce(0, +)) }, left: left, top: legendTop)
        return svg + "</svg>"
    }

    /// One line per series over the days given, cumulative spend, with a legend.
    static func lines(days: [String], series: [(label: String, perDay: [String: Int64])]) -> String {
        guard let first = days.first, let last = days.last, !series.isEmpty else { return "" }
        let cumulative = series.map { entry -> (String, [Int64]) in
            var total: Int64 = 0
            return (
                entry.label,
                days.map { day in
                    total += entry.perDay[day] ?? 0
                    return total
                }
            )
        }
        let top = max(1, cumulative.flatMap(\.1).max() ?? 1)
        let left = 70
        let plotWidth = 520
        let plotHeight = 200
        let top0 = 12
        let legendTop = top0 + plotHeight + 40
        let width = max(left + plotWidth + 20, legendWidth(series.map(\.label), left: left))
        let height = legendTop + 20 * series.count
        func x(_ index: Int) -> Int { left + (days.count == 1 ? plotWidth / 2 : index * plotWidth / (days.count - 1)) }
        func y(_ micros: Int64) -> Int { top0 + plotHeight - Int(Double(micros) / Double(top) * Double(plotHeight)) }

        var svg = header(width: width, height: height, title: "Cumulative spend per model over time")
        svg += axes(left: left, top: top0, width: plotWidth, height: plotHeight, top: top)
        svg += #"<text x="\#(left)" y="\#(top0 + plotHeight + 18)">\#(escape(first))</text>"#
        svg +=
            #"<text x="\#(left + plotWidth)" y="\#(top0 + plotHeight + 18)" text-anchor="end">\#(escape(last))</text>"#
        for (index, (_, values)) in cumulative.enumerated() {
            let color = palette[index % palette.count]
            let points = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += #"<polyline fill="none" stroke="\#(color)" stroke-width="2" points="\#(points)"/>"#
        }
        svg += legend(cumulative.map { ($0.0, $0.1.last ?? 0) }, left: left, top: legendTop)
        return svg + "</svg>"
    }

    private static func header(width: Int, height: Int, title: String) -> String {
        #"<svg class="chart" role="img" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" xmlns="http://www.w3.org/2000/svg"><title>\#(title)</title>"#
    }

    /// The two axes, labelled with the top amount and zero.
    private static func axes(left: Int, top top0: Int, width: Int, height: Int, top: Int64) -> String {
        #"<line x1="\#(left)" y1="\#(top0 + height)" x2="\#(left + width)" y2="\#(top0 + height)" stroke="currentColor" stroke-opacity="0.4"/>"#
            + #"<line x1="\#(left)" y1="\#(top0)" x2="\#(left)" y2="\#(top0 + height)" stroke="currentColor" stroke-opacity="0.4"/>"#
            + #"<text x="\#(left - 6)" y="\#(top0 + 10)" text-anchor="end">\#(Money(micros: top).formatted)</text>"#
            + #"<text x="\#(left - 6)" y="\#(top0 + height)" text-anchor="end">$0</text>"#
    }

    /// How wide the legend's longest line is drawn, about: 13 px text averages under 8 px a
    /// character, and the amount adds about 12 characters.
    private static func legendWidth(_ labels: [String], left: Int) -> Int {
        left + 18 + 8 * ((labels.map(\.count).max() ?? 0) + 12) + 10
    }

    /// A swatch, the series' name and its total, a line each.
    private static func legend(_ entries: [(String, Int64)], left: Int, top: Int) -> String {
        entries.enumerated().map { index, entry in
            let y = top + index * 20
            return
                #"<rect x="\#(left)" y="\#(y - 10)" width="12" height="12" fill="\#(palette[index % palette.count])"/>"#
                + #"<text x="\#(left + 18)" y="\#(y)">\#(escape(entry.0)) (\#(Money(micros: entry.1).formatted))</text>"#
        }.joined()
    }

    /// XML text escaping: chart labels come from the catalog and the store.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
