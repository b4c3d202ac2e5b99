/// The digest of what one output file is made from: for a page, its template (with every
/// partial and parent it names) and every field of its page model; for any other file, its
/// bytes. A build makes a file again only when this differs from the digest recorded when the
/// file was last written (see `SiteOutputs`).
enum OutputDigest {
    /// `template` is `TemplateSet.digest(of:)` for the page's template.
    static func page(_ model: any TemplateFields, template: String) -> String {
        var input = Input()
        input.add(template)
        input.add(model)
        return SHA256Digest.hex(of: input.bytes)
    }

    static func data(_ bytes: [UInt8]) -> String {
        SHA256Digest.hex(of: bytes)
    }

    /// A page model written out unambiguously: each value tagged with its kind, strings with
    /// their length, lists closed, fields in the table's order.
    private struct Input {
        var bytes: [UInt8] = []

        init() {
            bytes.reserveCapacity(4096)
        }

        mutating func add(_ value: Any?) {
            switch value {
            case .none:
                bytes.append(0)
            case let text as String:
                bytes.append(1)
                addLength(text.utf8.count)
                bytes.append(contentsOf: text.utf8)
            case let number as Int:
                bytes.append(2)
                addLength(number)
            case let number as Int64:
                bytes.append(3)
                addLength(Int(number))
            case let flag as Bool:
                bytes.append(flag ? 4 : 5)
            case let model as any TemplateFields:
                addFields(of: model)
            case let list as any Sequence:
                bytes.append(7)
                addElements(of: list)
                bytes.append(8)
            case .some(let other):
                // Enums and anything else a template prints as text.
                add(String(describing: other))
            }
        }

        private mutating func addFields<Model: TemplateFields>(of model: Model) {
            bytes.append(6)
            for read in Model.templateFields.readers { add(read(model)) }
        }

        private mutating func addElements<List: Sequence>(of list: List) {
            for element in list { add(element) }
        }

        private mutating func addLength(_ value: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }
}
