import CYaml
import Foundation

extension CatalogComposer {
    /// libyaml's error as one located problem, `file:line:column: message`, whatever stage of
    /// it failed. The offending line is not repeated: for a huge value it is the whole value.
    static func problem(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> CatalogProblem
    {
        func located(_ mark: (line: Int, column: Int)?, _ message: String) -> CatalogProblem {
            CatalogProblem(file: file, line: mark?.line, column: mark?.column, field: "", message: message)
        }
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return outOfMemory(file)
        case YAML_READER_ERROR:
            let mark = Self.mark(atByte: parser.problem_offset, in: bytes)
            if problem.contains("control characters"),
                let scalar = Unicode.Scalar(UInt32(bitPattern: parser.problem_value))
            {
                let hex = String(format: "%04X", scalar.value)
                return located(
                    mark,
                    "holds the control character U+\(hex), which YAML does not allow in a file; remove it, or write it as \"\\u\(hex)\" inside double quotes"
                )
            }
            return located(mark, "is not valid YAML: \(problem)")
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let mark = (Int(parser.problem_mark.line) + 1, Int(parser.problem_mark.column) + 1)
            if problem.hasPrefix("Maximum nesting level") {
                return located(mark, "nests lists and mappings more than 1000 levels deep; a catalog needs 4")
            }
            let during = parser.context.map {
                " (\(String(cString: $0)) from line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            return located(mark, "is not valid YAML: \(problem)\(during ?? "")")
        default:
            return located(nil, "is not valid YAML")
        }
    }

    static func outOfMemory(_ file: String) -> CatalogProblem {
        CatalogProblem(
            file: file,
            line: nil,
            column: nil,
            field: "",
            message: "is too large or too deeply nested for the YAML reader"
        )
    }

    /// Line and column (from 1, columns in Unicode scalars, as libyaml counts them) of the byte
    /// `offset` bytes into the UTF-8 `bytes`; nil past the end.
    static func mark(atByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        guard offset >= 0, offset <= bytes.count else { return nil }
        var line = 1
        var column = 1
        var afterCR = false
        for byte in bytes[..<offset] {
            switch byte {
            case UInt8(ascii: "\n"):
                if !afterCR { line += 1 }
                column = 1
            case UInt8(ascii: "\r"):
                line += 1
                column = 1
            case 0x80..<0xC0:
                break  // inside a character: counted at its first byte
            default:
                column += 1
            }
            afterCR = byte == UInt8(ascii: "\r")
        }
        return (line, column)
    }
}
