import Foundation

/// The catalog's bytes as text. UTF-8 is checked here, before YAML sees the text, so that a
/// file saved in another encoding is named with the line and column of its first bad byte
/// and what to do about it, not as a read or YAML error.
enum CatalogText {
    /// `text` without leading and trailing white space and line breaks. Most texts have none:
    /// they are returned as they are, without Foundation's scan of every character.
    static func trimmed(_ text: String) -> String {
        let edges = CharacterSet.whitespacesAndNewlines
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            edges.contains(first) || edges.contains(last)
        else { return text }
        return text.trimmingCharacters(in: edges)
    }

    /// `data` as text, without a UTF-8 byte order mark. Throws a located problem for a UTF-16
    /// or UTF-32 byte order mark, a byte that is not UTF-8, or a NUL byte.
    static func decode(_ data: Data, file: String) throws(CatalogError) -> String {
        var bytes = data[...]
        if let name = otherEncoding(bytes) {
            throw .invalid([
                CatalogProblem(
                    file: file,
                    line: 1,
                    column: 1,
                    field: "",
                    message:
                        "starts with a \(name) byte order mark: the file is saved as \(name), and Hatchery reads catalogs as UTF-8; save it as UTF-8 (most editors offer the encoding when saving)"
                )
            ])
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if !holdsNUL(bytes), let text = validated(bytes) {
            return text
        }
        throw .invalid([firstBadByte(bytes, file: file)])
    }

    private static func validated(_ bytes: Data.SubSequence) -> String? {
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    private static func holdsNUL(_ bytes: Data.SubSequence) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return false }
            return memchr(base, 0, raw.count) != nil
        }
    }

    private static func otherEncoding(_ bytes: Data.SubSequence) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        return nil
    }

    /// Where decoding stops: lines as YAML counts them (`\n`, `\r\n` or `\r`), columns in
    /// Unicode scalars, both from 1.
    private static func firstBadByte(_ bytes: Data.SubSequence, file: String) -> CatalogProblem {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        var line = 1
        var column = 1
        var afterCR = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\0" {
                    return CatalogProblem(
                        file: file,
                        line: line,
                        column: column,
                        field: "",
                        message:
                            "holds a NUL byte, which a text file does not; if the file is UTF-16 without a byte order mark, save it as UTF-8"
                    )
                }
                offset += encoded.count
                if scalar == "\n" {
                    if !afterCR { line += 1 }
                    column = 1
                } else if scalar == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                afterCR = scalar == "\r"
            case .error:
                let byte = String(bytes[offset], radix: 16, uppercase: true)
                let hint =
                    bytes[offset] >= 0x80
                    ? " (Latin-1 and Windows-1252 files hold such bytes for accented letters)" : ""
                return CatalogProblem(
                    file: file,
                    line: line,
                    column: column,
                    field: "",
                    message:
                        "the byte 0x\(byte) is not UTF-8\(hint); Hatchery reads catalogs as UTF-8: save the file as UTF-8"
                )
            case .emptyInput:
                // Unreachable: decoding only comes here after the text failed to validate.
                return CatalogProblem(
                    file: file,
                    line: line,
                    column: column,
                    field: "",
                    message: "is not UTF-8; save the file as UTF-8"
                )
            }
        }
    }
}
