import GRDB

/// How record properties and table columns name each other: `promptID` is stored in
/// `prompt_id`, `sourceURL` in `source_url`. The columns are snake case; the properties keep
/// Swift's initialisms whole (ID, URL, JSON), which GRDB's `convertFromSnakeCase` would spell
/// `promptId`. Every record uses these two, so one spelling of each name holds everywhere.
enum ColumnNaming {
    /// Words of a column that are initialisms in a property name.
    private static let initialisms: Set<Substring> = ["id", "url", "json"]

    static let decoding = DatabaseColumnDecodingStrategy.custom { column in
        ColumnKey(stringValue: propertyName(forColumn: column))
    }
    /// GRDB's snake case already splits an initialism as one word: `promptID` → `prompt_id`.
    static let encoding = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// `prompt_id` → `promptID`, `fetch_failures` → `fetchFailures`.
    static func propertyName(forColumn column: String) -> String {
        let words = column.split(separator: "_")
        guard let first = words.first else { return column }
        return words.dropFirst().reduce(String(first)) { name, word in
            name + (initialisms.contains(word) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst())
        }
    }

    private struct ColumnKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
