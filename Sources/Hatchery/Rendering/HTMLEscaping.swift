import Mustache

/// The escaping `{{value}}` gets in every template: swift-mustache's own five replacements
/// (`<`, `>`, `&`, `"`, `'`), made byte by byte. swift-mustache walks a string's characters
/// through a dictionary, which took a fifth of a full render; and a `<` followed by a combining
/// mark (one character, `≮`) slipped past it, where bytes do not. `TemplateSet` selects it in
/// every template it loads with swift-mustache's `CONTENT_TYPE` pragma.
struct HTMLEscaping: MustacheContentType {
    /// The name it is registered under with swift-mustache.
    static let name = "HatcheryHTML"
    /// Put before every template's text: selects this escaping, renders nothing.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Registers it with swift-mustache (once; further calls do nothing).
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: escaped.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: escaped.append(contentsOf: Array("&gt;".utf8))
            case 0x26: escaped.append(contentsOf: Array("&amp;".utf8))
            case 0x22: escaped.append(contentsOf: Array("&quot;".utf8))
            case 0x27: escaped.append(contentsOf: Array("&#39;".utf8))
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
