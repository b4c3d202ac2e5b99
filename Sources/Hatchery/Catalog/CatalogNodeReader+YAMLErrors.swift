import Foundation
import Yams

extension CatalogNodeReader {
    /// Yams's error as one located problem, `file:line:column: message`, whatever stage of the
    /// YAML reader failed. Yams's own descriptions are not used: they repeat the offending line
    /// (or the whole file), which for a huge value is the whole value.
    func problem(forYAMLError error: Error, text: String) -> CatalogProblem {
        func located(_ mark: (line: Int, column: Int)?, _ message: String) -> CatalogProblem {
            CatalogProblem(file: file, line: mark?.line, column: mark?.column, field: "", message: message)
        }
        func during(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) from line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
            YamlError.parser(let context, let problem, let mark, _),
            YamlError.composer(let context, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level") {
                return located(
                    (mark.line, mark.column),
                    "nests lists and mappings more than 1000 levels deep; a catalog needs 4"
                )
            }
            return located((mark.line, mark.column), "is not valid YAML: \(problem)\(during(context))")
        case YamlError.reader(let problem, let offset, let value, _):
            let mark = offset.flatMap { Self.mark(atCharacter: $0, in: text) }
            if problem.contains("control characters"), let scalar = Unicode.Scalar(UInt32(bitPattern: value)) {
                let hex = String(format: "%04X", scalar.value)
                return located(
                    mark,
                    "holds the control character U+\(hex), which YAML does not allow in a file; remove it, or write it as \"\\u\(hex)\" inside double quotes"
                )
            }
            return located(mark, "is not valid YAML: \(problem)")
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { CatalogNodeReader.isPlain($0, limit: 64) ? "`\($0)`" : ValueQuote.quoted($0) }
            return located(
                (context.mark.line, context.mark.column),
                "the key \(keys.joined(separator: ", ")) appears twice in one mapping; keep one"
            )
        case YamlError.memory:
            return located(nil, "is too large or too deeply nested for the YAML reader")
        default:
            return located(nil, "is not valid YAML")
        }
    }

    /// Line and column (from 1, columns in Unicode scalars, as libyaml counts them) of the
    /// character `offset` characters into `text`.
    static func mark(atCharacter offset: Int, in text: String) -> (line: Int, column: Int)? {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return nil }
        var line = 1
        var column = 1
        var afterCR = false
        for scalar in text.unicodeScalars[..<index] {
            switch scalar {
            case "\n":
                if !afterCR { line += 1 }
                column = 1
            case "\r":
                line += 1
                column = 1
            default:
                column += 1
            }
            afterCR = scalar == "\r"
        }
        return (line, column)
    }
}
