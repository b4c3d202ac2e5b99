/// Exact decimal dollars (`"$0.0100"`, `"0.016000"`, `"$0.01"`) to integer micro-dollars,
/// parsed here rather than with Hatchery's own parser, which is under test.
enum DecimalMicros {
    static func parse(_ text: String) -> Int64? {
        var text = Substring(text)
        if text.hasPrefix("$") { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 6, fraction.allSatisfy(\.isNumber) else { return nil }
        fraction += String(repeating: "0", count: 6 - fraction.count)
        return whole * 1_000_000 + (Int64(fraction) ?? 0)
    }
}
