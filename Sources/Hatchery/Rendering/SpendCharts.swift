import Foundation

/// Inline SVG charts drawn at build time: no chart library, no network, no script.
enum SpendCharts {
    static let palette = ["#b5520f", "#2f6fb0", "#3a8f4b", "#8a4fb5", "#b03a5b", "#6b7a1f", "#1f7a7a", "#7a5a1f"]

    /// Horizontal bars, one per row, labelled with name and amount.
    static func bars(_ rows: [(label: String, micros: Int64, estimate: Bool)]) -> String {
        guard let top = rows.map(\.micros).max(), top > 0 else { return "" }
        let rowHeight = 28
        let labelWidth = 220
        let barWidth = 360
        let width = labelWidth + barWidth + 110
        let height = rows.count * rowHeight + 10
        var svg =
            #"<svg class="chart" role="img" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" xmlns="http://www.w3.org/2000/svg">"#
        svg += "<title>Spend per model</title>"
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 5
            let length = max(1, Int(Double(row.micros) / Double(top) * Double(barWidth)))
            let color = palette[index % palette.count]
            svg +=
                #"<text x="\#(labelWidth - 8)" y="\#(y + 18)" text-anchor="end">\#(escape(row.label))\#(row.estimate ? " (estimate)" : "")</text>"#
            svg +=
                #"<rect x="\#(labelWidth)" y="\#(y + 4)" width="\#(length)" height="\#(rowHeight - 10)" fill="\#(color)"\#(row.estimate ? #" fill-opacity="0.45""# : "")/>"#
            svg +=
                #"<text x="\#(labelWidth + length + 6)" y="\#(y + 18)">\#(Money(micros: row.micros).formatted)</text>"#
        }
        return svg + "</svg>"
    }

    /// One line per series over the days given, cumulative spend, with a legend.
    static func lines(days: [String], series: [(label: String, perDay: [String: Int64])]) -> String {
        guard !days.isEmpty, !series.isEmpty else { return "" }
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
        let top0 = 10
        let legendHeight = 20 * series.count
        let width = left + plotWidth + 20
        let height = top0 + plotHeight + 40 + legendHeight
        func x(_ index: Int) -> Int { left + (days.count == 1 ? plotWidth / 2 : index * plotWidth / (days.count - 1)) }
        func y(_ micros: Int64) -> Int { top0 + plotHeight - Int(Double(micros) / Double(top) * Double(plotHeight)) }

        var svg =
            #"<svg class="chart" role="img" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" xmlns="http://www.w3.org/2000/svg">"#
        svg += "<title>Cumulative spend per model over time</title>"
        svg +=
            #"<line x1="\#(left)" y1="\#(top0 + plotHeight)" x2="\#(left + plotWidth)" y2="\#(top0 + plotHeight)" stroke="currentColor" stroke-opacity="0.4"/>"#
        svg +=
            #"<line x1="\#(left)" y1="\#(top0)" x2="\#(left)" y2="\#(top0 + plotHeight)" stroke="currentColor" stroke-opacity="0.4"/>"#
        svg += #"<text x="\#(left - 6)" y="\#(top0 + 10)" text-anchor="end">\#(Money(micros: top).formatted)</text>"#
        svg += #"<text x="\#(left - 6)" y="\#(top0 + plotHeight)" text-anchor="end">$0</text>"#
        svg += #"<text x="\#(left)" y="\#(top0 + plotHeight + 18)">\#(escape(days.first!))</text>"#
        if days.count > 1 {
            svg +=
                #"<text x="\#(left + plotWidth)" y="\#(top0 + plotHeight + 18)" text-anchor="end">\#(escape(days.last!))</text>"#
        }
        for (index, (label, values)) in cumulative.enumerated() {
            let color = palette[index % palette.count]
            let points = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += #"<polyline fill="none" stroke="\#(color)" stroke-width="2" points="\#(points)"/>"#
            for (dayIndex, value) in values.enumerated() {
                svg += #"<circle cx="\#(x(dayIndex))" cy="\#(y(value))" r="3" fill="\#(color)"/>"#
            }
            let legendY = top0 + plotHeight + 40 + index * 20
            svg += #"<rect x="\#(left)" y="\#(legendY - 10)" width="12" height="12" fill="\#(color)"/>"#
            svg +=
                #"<text x="\#(left + 18)" y="\#(legendY)">\#(escape(label)) (\#(Money(micros: values.last ?? 0).formatted))</text>"#
        }
        return svg + "</svg>"
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
