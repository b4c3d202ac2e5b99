import Foundation

/// Typed reads from YAML nodes that record a located problem instead of failing at the first one.
struct CatalogNodeReader {
    let file: String
    private(set) var problems: [CatalogProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ node: CatalogNode?, at field: String, _ message: String) {
        problems.append(
            CatalogProblem(
                file: file,
                line: node?.line,
                column: node?.column,
                field: field,
                message: message
            )
        )
    }

    mutating func checkKeys(_ map: YAMLMap, allowed: [String], at path: String) {
        for (name, key) in map.keys {
            guard !allowed.contains(name) else { continue }
            let shown = Self.isPlain(name, limit: 64) ? name : ValueQuote.quoted(name)
            let field = path.isEmpty ? shown : "\(path).\(shown)"
            // Edit distance costs length × length: a typo is short.
            let hint =
                name.utf8.count <= 64 ? Self.closest(to: name, in: allowed).map { "did you mean `\($0)`? " } ?? "" : ""
            report(key, at: field, "is not a known key; \(hint)allowed here: \(allowed.joined(separator: ", "))")
        }
    }

    mutating func mapping(_ node: CatalogNode, at path: String) -> YAMLMap? {
        if let map = YAMLMap(node) { return map }
        report(node, at: path, "must be a mapping of `key: value` lines")
        return nil
    }

    mutating func sequence(_ node: CatalogNode, at path: String) -> [CatalogNode]? {
        if let list = node.sequence { return list }
        report(node, at: path, "must be a list (lines starting with `- `)")
        return nil
    }

    /// A scalar's text; nil when absent or `null`, or when it is not text or longer than
    /// `limit` Unicode scalars (both reported). `rule` replaces "at most N are allowed here".
    mutating func string(_ node: CatalogNode?, at path: String, limit: Int, rule: String? = nil) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            report(node, at: path, "must be text, not a list or mapping")
            return nil
        }
        if Self.isNull(scalar) { return nil }
        let text = scalar.string
        // Bytes bound scalars from above, so the count is only taken for a long value.
        if text.utf8.count > limit, case let count = text.unicodeScalars.count, count > limit {
            report(
                node,
                at: path,
                "has \(count) characters (\(ValueQuote.quoted(text))); \(rule ?? "at most \(limit) are allowed here")"
            )
            return nil
        }
        // YAML escapes ("\0", "\x01", "\e") write control characters that HTML forbids and
        // terminals obey: refused here, so no page or message ever carries them.
        if let control = text.unicodeScalars.first(where: Self.isForbiddenControl) {
            report(
                node,
                at: path,
                "holds the control character U+\(String(format: "%04X", control.value)) (\(ValueQuote.quoted(text))); remove it"
            )
            return nil
        }
        return text
    }

    /// C0 and C1 controls and DEL, except tab and line breaks. Unicode's category Cc is exactly
    /// U+0000–U+001F and U+007F–U+009F (a stability policy), so the ranges are tested rather
    /// than the category looked up: every scalar of a 100,000-prompt catalog passes here.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
    }

    /// Whether a person can see any of `text`: a tag of only zero-width spaces, combining marks
    /// or blank braille would be a link with no text.
    static func hasVisibleCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                .letterNumber, .otherNumber, .connectorPunctuation, .dashPunctuation, .openPunctuation,
                .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol,
                .currencySymbol, .modifierSymbol, .otherSymbol:
                scalar.value != 0x2800 && scalar.value != 0x3164 && scalar.value != 0x115F && scalar.value != 0x1160
            default: false
            }
        }
    }

    mutating func int(_ node: CatalogNode?, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, at: path, limit: CatalogLimits.word) else { return nil }
        guard let value = (try? DecimalText.integer(text)).flatMap({ Int(exactly: $0) }), range.contains(value) else {
            report(
                node,
                at: path,
                "\(ValueQuote.quoted(text)) is not allowed; use a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
            return nil
        }
        return value
    }

    /// `true` or `false` (YAML's spellings of them, as `True` or `FALSE`); nil when absent.
    mutating func bool(_ node: CatalogNode?, at path: String) -> Bool? {
        guard let text = string(node, at: path, limit: CatalogLimits.word) else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            report(node, at: path, "\(ValueQuote.quoted(text)) is not allowed; use true or false")
            return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ node: CatalogNode?,
        at path: String,
        of type: T.Type
    ) -> T?
    where T.RawValue == String {
        guard let text = string(node, at: path, limit: CatalogLimits.word) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        report(node, at: path, "\(ValueQuote.quoted(text)) is not allowed; use \(allowed)")
        return nil
    }

    /// The texts of a list of scalars; nil when the list is absent or `null`. A list longer
    /// than `maxItems` is reported before any entry is read. A `null` or blank entry is
    /// reported too: it would otherwise vanish, or name a page with no name.
    mutating func textList(
        _ node: CatalogNode?,
        at path: String,
        noun: String,
        maxItems: Int,
        itemLimit: Int,
        rule: String? = nil
    ) -> [String]? {
        guard let node else { return nil }
        if let scalar = node.scalar, Self.isNull(scalar) { return nil }
        guard let list = node.sequence else {
            report(node, at: path, "must be a list, e.g. [one, two]")
            return nil
        }
        guard list.count <= maxItems else {
            report(node, at: path, "has \(list.count) entries; \(rule ?? "at most \(maxItems) are allowed")")
            return nil
        }
        var texts: [String] = []
        for (index, item) in list.enumerated() {
            let itemPath = "\(path)[\(index)]"
            if let scalar = item.scalar, Self.isNull(scalar) {
                report(
                    item,
                    at: itemPath,
                    scalar.string.isEmpty
                        ? "is empty (nothing follows the dash); write a \(noun) or remove the entry"
                        : "is null; write a \(noun), or quote it (\"\(scalar.string)\") if that is the \(noun)"
                )
                continue
            }
            guard let text = string(item, at: itemPath, limit: itemLimit) else { continue }
            if !Self.hasVisibleCharacter(text) {
                report(
                    item,
                    at: itemPath,
                    "is blank (\(ValueQuote.quoted(text)) shows nothing); write a \(noun) or remove the entry"
                )
                continue
            }
            texts.append(text)
        }
        return texts
    }

    /// Whether `text` can be shown as it is inside a message: short, and nothing to escape.
    static func isPlain(_ text: String, limit: Int) -> Bool {
        text.utf8.count <= limit && ValueQuote.quoted(text, limit: limit) == "\"\(text)\""
    }

    /// YAML's null spellings (YAML 1.2's core schema), written plain.
    static func isNull(_ scalar: CatalogNode.Scalar) -> Bool {
        guard scalar.isPlain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The allowed key nearest to a typo, if it is near enough to be a likely slip.
    static func closest(to name: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A YAML mapping read by its keys' text.
struct YAMLMap {
    let node: CatalogNode
    /// Keys in file order, with their nodes (for the line numbers of unknown keys).
    let keys: [(name: String, node: CatalogNode)]
    /// Values in file order, beside `keys`.
    private let values: [CatalogNode]

    /// nil when `node` is not a mapping.
    init?(_ node: CatalogNode) {
        guard case .mapping(let pairs) = node.value else { return nil }
        self.node = node
        keys = pairs.map { ($0.key.scalar?.string ?? "?", $0.key) }
        values = pairs.map(\.value)
    }

    /// The first value under `name`. A search in file order: a catalog's mappings hold a few
    /// keys each (a repeated key is refused by the composer), and a dictionary per prompt cost
    /// more to build than it saved.
    subscript(name: String) -> CatalogNode? {
        keys.firstIndex { $0.name == name }.map { values[$0] }
    }
}
