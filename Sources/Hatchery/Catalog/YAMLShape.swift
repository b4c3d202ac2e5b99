// libyaml as Yams bundles it: its event types.
import CYaml

/// The limits a catalog's YAML is held to while it is read (`CatalogComposer` gives every event
/// to a `Walk` first): nesting deeper than `maxDepth`, more than `maxNodes` values in all, a
/// `prompts` list longer than `CatalogLimits.prompts`, or any other list longer than
/// `CatalogLimits.listItems`.
///
/// Composing costs memory and time per value, so without them a 10 MB line of `[t,t,t,…]`
/// took tens of seconds and a gigabyte before any field was checked, and 100,000 nested `[`
/// overflowed the stack. The walk stops at the first value past a limit. Syntax errors are
/// libyaml's to name.
enum YAMLShape {
    /// Far beyond a catalog's four levels (catalog → prompts → prompt → tags).
    static let maxDepth = 32
    /// About ten times a 10,000-prompt catalog (about 20 values a prompt).
    static let maxNodes = 2_000_000
    /// Text in all values, aliases expanded: twice the largest file the loader reads.
    static let maxTextBytes = 64 << 20

    /// Where the walk is: one frame per open mapping or sequence.
    struct Walk {
        struct Frame {
            var isSequence: Bool
            /// Values read so far (a mapping counts keys and values).
            var count = 0
            /// A mapping's current key, when short enough to name.
            var key: String?
            /// A mapping's `id`, which names a prompt in messages as the loader does.
            var id: String?
            var line: Int
            var column: Int
            /// The anchor (`&name`) on this list or mapping, and the value count when it opened.
            var anchor: String?
            var nodesBefore = 0
            var bytesBefore = 0
        }

        let file: String
        var frames: [Frame] = []
        var nodes = 0
        /// Values under each anchor: an alias (`*name`) counts them all again, as Yams expands
        /// it, so aliases cannot carry a catalog past `maxNodes` (50,000 prompts × `tags: *t`).
        var anchorSizes: [String: Int] = [:]
        /// Bytes of text in all values so far, and under each anchor, for the same reason.
        var bytes = 0
        var anchorBytes: [String: Int] = [:]

        mutating func take(_ event: yaml_event_t) -> CatalogProblem? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                let length = Int(event.data.scalar.length)
                if let anchor = Self.name(event.data.scalar.anchor) {
                    (anchorSizes[anchor], anchorBytes[anchor]) = (1, length)
                }
                bytes += length
                return begin(event, text: Self.shortText(event))
            case YAML_ALIAS_EVENT:
                let anchor = Self.name(event.data.alias.anchor)
                nodes += (anchor.flatMap { anchorSizes[$0] } ?? 1) - 1
                bytes += anchor.flatMap { anchorBytes[$0] } ?? 0
                return begin(event, text: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if let problem = begin(event, text: nil) { return problem }
                let mark = event.start_mark
                let anchor = Self.name(
                    event.type == YAML_SEQUENCE_START_EVENT
                        ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                )
                frames.append(
                    Frame(
                        isSequence: event.type == YAML_SEQUENCE_START_EVENT,
                        line: Int(mark.line) + 1,
                        column: Int(mark.column) + 1,
                        anchor: anchor,
                        nodesBefore: nodes,
                        bytesBefore: bytes
                    )
                )
                if frames.count > YAMLShape.maxDepth {
                    return problem(
                        at: mark,
                        "nests lists and mappings more than \(YAMLShape.maxDepth) levels deep; a catalog needs 4"
                    )
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let frame = frames.popLast(), let anchor = frame.anchor {
                    anchorSizes[anchor] = nodes - frame.nodesBefore + 1
                    anchorBytes[anchor] = bytes - frame.bytesBefore
                }
            default:
                break
            }
            return nil
        }

        /// A value starts: count it, and count it in the list or mapping that holds it.
        private mutating func begin(_ event: yaml_event_t, text: String?) -> CatalogProblem? {
            nodes += 1
            if bytes > YAMLShape.maxTextBytes {
                return problem(
                    at: event.start_mark,
                    "holds more than \(YAMLShape.maxTextBytes >> 20) MiB of text once its aliases (*name) are expanded"
                )
            }
            if nodes > YAMLShape.maxNodes {
                return problem(
                    at: event.start_mark,
                    "holds more than \(YAMLShape.maxNodes) values (keys, texts, lists and mappings); a 10,000-prompt catalog has about 200,000"
                )
            }
            guard let top = frames.indices.last else { return nil }
            frames[top].count += 1
            if frames[top].isSequence {
                let isPrompts = top == 1 && frames[0].key == "prompts"
                let limit = isPrompts ? CatalogLimits.prompts : CatalogLimits.listItems
                if frames[top].count > limit {
                    return CatalogProblem(
                        file: file,
                        line: frames[top].line,
                        column: frames[top].column,
                        field: path,
                        message: "has more than \(limit) entries; "
                            + (isPrompts
                                ? "a catalog holds at most \(limit) prompts: split the gallery into several sites"
                                : "no list in a catalog may hold more")
                    )
                }
            } else if frames[top].count % 2 == 1 {
                // Keys and values alternate; a key names the value that follows.
                frames[top].key = text
            } else if frames[top].key == "id", let text, CatalogNodeReader.isPlain(text, limit: CatalogLimits.id) {
                frames[top].id = text
            }
            return nil
        }

        /// `prompts[harbor].tags`: each mapping's key and each list's entry (its `id`, else its
        /// index), down to the innermost frame.
        private var path: String {
            var path = ""
            for (index, frame) in frames.enumerated() {
                if frame.isSequence {
                    let entry = index + 1 < frames.count ? frames[index + 1].id : nil
                    path += "[\(entry ?? String(max(0, frame.count - 1)))]"
                } else {
                    path += path.isEmpty ? (frame.key ?? "?") : ".\(frame.key ?? "?")"
                }
            }
            // The innermost frame is the list itself, not one of its entries.
            if let last = frames.last, last.isSequence, let bracket = path.lastIndex(of: "[") {
                path = String(path[..<bracket])
            }
            return path
        }

        private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            anchor.map { String(cString: UnsafePointer($0)) }
        }

        private static func shortText(_ event: yaml_event_t) -> String? {
            let scalar = event.data.scalar
            guard scalar.length <= CatalogLimits.id, let value = scalar.value else { return nil }
            return String(decoding: UnsafeBufferPointer(start: value, count: Int(scalar.length)), as: UTF8.self)
        }

        private func problem(at mark: yaml_mark_t, _ message: String) -> CatalogProblem {
            CatalogProblem(
                file: file,
                line: Int(mark.line) + 1,
                column: Int(mark.column) + 1,
                field: "",
                message: message
            )
        }
    }
}
