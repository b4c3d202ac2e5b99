// libyaml as Yams bundles it: its event parser. The module is Yams's own C target; importing
// it directly is the only way to read events without Yams composing its node tree.
import CYaml

/// Reads a catalog's YAML into a tree of `CatalogNode`s from libyaml's events, in one pass
/// that also holds the text to `YAMLShape`'s limits and stops at the first value past one.
///
/// It composes as YAML does (and as Yams did before it): an alias (`*name`) is the value its
/// anchor (`&name`) last named, and a key repeated in one mapping, an alias with no anchor
/// before it or a second document is an error, as is anything libyaml refuses.
///
/// The entries of the top-level `prompts` list are handed over one by one as each is read, and
/// not kept in the tree: a catalog's tree is then a few nodes whatever its size. With Yams's
/// tree (`CatalogNode` says why) and the limits checked in a pass of their own, `hatchery plan`
/// of 10,000 prompts took 0.84 s and peaked at 96 MiB; composed here, 0.44 s and 73 MiB.
struct CatalogComposer {
    /// The catalog's path as messages show it.
    let file: String
    private var shape: YAMLShape.Walk
    private var frames: [Frame] = []
    private var anchors: [String: CatalogNode] = [:]
    private var documents = 0
    private var root: CatalogNode?
    /// The entry of `prompts` just read, for `read` to hand over, and its index.
    private var prompt: (node: CatalogNode, index: Int)?

    /// A list or mapping being read.
    private struct Frame {
        var isMapping: Bool
        var line: Int
        var column: Int
        var anchor: String?
        var items: [CatalogNode] = []
        var pairs: [CatalogNode.Pair] = []
        /// A mapping's key, until its value is read.
        var key: CatalogNode?
        /// A list's entries handed over instead of kept.
        var handedOver = 0
    }

    private init(file: String) {
        self.file = file
        shape = YAMLShape.Walk(file: file)
    }

    /// The document in `text`; nil when there is none (an empty file, or only comments). Each
    /// entry of the document's `prompts` list (when the document is a mapping and the list has
    /// no anchor) is given to `eachPrompt` with its index instead, and the list in the tree is
    /// empty. Entries come in file order, and may have been handed over when a later error
    /// stops the reading.
    /// - Throws: `CatalogError.invalid` with the one located problem that stopped the reading.
    static func compose(
        _ text: String,
        file: String,
        eachPrompt: (CatalogNode, Int) -> Void
    ) throws(CatalogError) -> CatalogNode? {
        var text = text
        let outcome = text.withUTF8 { bytes in
            var composer = CatalogComposer(file: file)
            return composer.read(bytes, eachPrompt: eachPrompt)
        }
        switch outcome {
        case .document(let root): return root
        case .problem(let problem): throw .invalid([problem])
        }
    }

    private enum Outcome {
        case document(CatalogNode?)
        case problem(CatalogProblem)
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, eachPrompt: (CatalogNode, Int) -> Void) -> Outcome {
        // libyaml asserts its input is not null; no bytes is a stream with no document.
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return .document(nil) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return .problem(Self.outOfMemory(file)) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, start, bytes.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .problem(Self.problem(of: parser, in: bytes, file: file))
            }
            let type = event.type
            let problem = take(event)
            yaml_event_delete(&event)
            if let problem { return .problem(problem) }
            if let (node, index) = prompt {
                prompt = nil
                eachPrompt(node, index)
            }
            if type == YAML_STREAM_END_EVENT { return .document(root) }
        }
    }

    private mutating func take(_ event: yaml_event_t) -> CatalogProblem? {
        if let problem = shape.take(event) { return problem }
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return invalid(
                    line,
                    column,
                    "but found another document (expected a single document in the stream from line 1, column 1)"
                )
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let string =
                scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                } ?? ""
            let node = CatalogNode(
                value: .scalar(.init(string: string, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE)),
                line: line,
                column: column
            )
            register(node, as: scalar.anchor)
            add(node)
        case YAML_ALIAS_EVENT:
            guard let anchor = Self.name(event.data.alias.anchor), let node = anchors[anchor] else {
                return invalid(line, column, "found undefined alias")
            }
            add(node)
        case YAML_SEQUENCE_START_EVENT:
            frames.append(
                Frame(isMapping: false, line: line, column: column, anchor: Self.name(event.data.sequence_start.anchor))
            )
        case YAML_MAPPING_START_EVENT:
            frames.append(
                Frame(isMapping: true, line: line, column: column, anchor: Self.name(event.data.mapping_start.anchor))
            )
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = frames.popLast() else { return nil }
            if frame.isMapping, let problem = repeatedKeys(in: frame.pairs) { return problem }
            let node = CatalogNode(
                value: frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items),
                line: frame.line,
                column: frame.column
            )
            if let anchor = frame.anchor { anchors[anchor] = node }
            add(node)
        default:
            break
        }
        return nil
    }

    /// A value is read: it is the document, an entry of `prompts` to hand over, an item of the
    /// list being read, or the key or the value of the mapping's next pair.
    private mutating func add(_ node: CatalogNode) {
        guard let top = frames.indices.last else {
            root = node
            return
        }
        if top == 1, !frames[1].isMapping, frames[1].anchor == nil, frames[0].isMapping,
            frames[0].key?.scalar?.string == "prompts"
        {
            prompt = (node, frames[1].handedOver)
            frames[1].handedOver += 1
        } else if !frames[top].isMapping {
            frames[top].items.append(node)
        } else if let key = frames[top].key {
            frames[top].pairs.append(CatalogNode.Pair(key: key, value: node))
            frames[top].key = nil
        } else {
            frames[top].key = node
        }
    }

    private mutating func register(_ node: CatalogNode, as anchor: UnsafeMutablePointer<yaml_char_t>?) {
        if let name = Self.name(anchor) { anchors[name] = node }
    }

    /// Keys written more than once in a mapping, named together at the first of them in
    /// alphabetical order, as Yams named them.
    private func repeatedKeys(in pairs: [CatalogNode.Pair]) -> CatalogProblem? {
        var repeated: [CatalogNode] = []
        if pairs.count <= 16 {
            // A catalog's mappings hold a few keys each: comparing every pair costs less than hashing.
            for (index, pair) in pairs.enumerated() {
                guard let name = pair.key.scalar?.string,
                    !repeated.contains(where: { $0.scalar?.string == name }),
                    pairs[(index + 1)...].contains(where: { $0.key.scalar?.string == name })
                else { continue }
                repeated.append(pair.key)
            }
        } else {
            // A mapping of many keys (only a hostile file has one) costs one hash per key.
            var first: [String: (key: CatalogNode, count: Int)] = [:]
            for pair in pairs {
                guard let name = pair.key.scalar?.string else { continue }
                first[name, default: (pair.key, 0)].count += 1
            }
            repeated = first.values.filter { $0.count > 1 }.map(\.key)
        }
        guard !repeated.isEmpty else { return nil }
        repeated.sort { ($0.scalar?.string ?? "") < ($1.scalar?.string ?? "") }
        var names = repeated.prefix(5).map { key in
            let name = key.scalar?.string ?? ""
            return CatalogNodeReader.isPlain(name, limit: 64) ? "`\(name)`" : ValueQuote.quoted(name)
        }
        if repeated.count > 5 { names.append("and \(repeated.count - 5) more") }
        return CatalogProblem(
            file: file,
            line: repeated[0].line,
            column: repeated[0].column,
            field: "",
            message: "the key \(names.joined(separator: ", ")) appears twice in one mapping; keep one"
        )
    }

    private func invalid(_ line: Int, _ column: Int, _ problem: String) -> CatalogProblem {
        CatalogProblem(file: file, line: line, column: column, field: "", message: "is not valid YAML: \(problem)")
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: UnsafePointer($0)) }
    }
}
