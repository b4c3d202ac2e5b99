import Foundation
import Mustache

/// The gallery's templates, from a folder a user can edit or the theme built into the binary,
/// checked on load so that a missing page template or partial is an error rather than silently
/// empty output.
public struct TemplateSet: Sendable {
    /// The templates every gallery renders.
    public static let required = ["index", "prompt", "model", "cost"]

    /// Where a build takes its templates from.
    public enum Origin: Sendable, Equatable {
        case folder(URL)
        /// `BuiltInTheme`: when neither `--templates`, the catalog nor a `templates/` folder in
        /// the site names one.
        case builtIn

        /// How a build stamp records it: a folder's absolute path, or `built-in` (never a path,
        /// which would start with `/`).
        var recorded: String {
            switch self {
            case .folder(let url): url.standardizedFileURL.path
            case .builtIn: "built-in"
            }
        }

        init(recorded: String) {
            self = recorded == "built-in" ? .builtIn : .folder(URL(fileURLWithPath: recorded))
        }

        /// The folder as a user would name it in an error.
        var name: String {
            switch self {
            case .folder(let url): url.path
            case .builtIn: "(built-in theme)"
            }
        }
    }

    /// In bytes: swift-mustache's parser takes time growing with a template's size times its
    /// tags (a 200 KB template of tags took 10 s, 4 MB hours), so a larger one is refused rather
    /// than hanging the build. The built-in theme's largest is under 3 KB.
    static let largestTemplate = 256 * 1024

    public let origin: Origin
    let files: ThemeFiles
    let library: MustacheLibrary
    /// By template name: the digest of its text and of every partial and parent it names, however
    /// deep, so that a page is made again when any template it uses changes, and only then.
    let digests: [String: String]

    /// The templates in `folder`. Throws `RenderError` when the folder is missing, a template
    /// does not parse, or a required template or a referenced partial is missing.
    public init(folder: URL) async throws(RenderError) {
        try self.init(files: try ThemeFiles(folder: folder), origin: .folder(folder))
    }

    /// The theme built into the binary.
    public static func builtIn() throws(RenderError) -> TemplateSet {
        try TemplateSet(files: BuiltInTheme.themeFiles, origin: .builtIn)
    }

    /// The templates of `origin`.
    public static func load(_ origin: Origin) async throws(RenderError) -> TemplateSet {
        switch origin {
        case .folder(let folder): try await TemplateSet(folder: folder)
        case .builtIn: try builtIn()
        }
    }

    init(files: ThemeFiles, origin: Origin) throws(RenderError) {
        var library = MustacheLibrary()
        var texts: [(name: String, text: String)] = []
        for file in files.files where file.path.hasSuffix(".mustache") {
            let name = String(file.path.dropLast(".mustache".count))
            guard file.data.count <= Self.largestTemplate else {
                throw .templateTooLarge(
                    file: origin.name + "/" + file.path,
                    bytes: file.data.count,
                    limit: Self.largestTemplate
                )
            }
            let text = String(decoding: file.data, as: UTF8.self)
            _ = HTMLEscaping.registered
            do {
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                throw .templateSyntax(
                    file: origin.name + "/" + file.path,
                    line: line,
                    // The pragma stands before the first line's text.
                    column: line == 1
                        ? max(1, error.context.columnNumber - HTMLEscaping.pragma.count) : error.context.columnNumber,
                    problem: String(describing: error.error)
                )
            } catch {
                throw .templateSyntax(file: origin.name + "/" + file.path, line: 1, column: 1, problem: "\(error)")
            }
            texts.append((name, text))
        }
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw .templateMissing(name: name, folder: origin.name)
        }
        // Every `{{> partial}}` and `{{< parent}}` must name a template that exists.
        for (name, text) in texts {
            for reference in Self.references(in: text) where library.getTemplate(named: reference) == nil {
                throw .partialMissing(name: reference, usedIn: name)
            }
        }
        if let loop = Self.inclusionLoop(in: texts) { throw .partialLoop(chain: loop) }
        self.origin = origin
        self.files = files
        self.library = library
        self.digests = Self.digests(of: Dictionary(texts, uniquingKeysWith: { first, _ in first }))
    }

    /// The digest `OutputDigest` starts a page of `template` with.
    func digest(of template: String) -> String {
        digests[template] ?? ""
    }

    private static func digests(of texts: [String: String]) -> [String: String] {
        var digests: [String: String] = [:]
        for name in texts.keys {
            var used: Set<String> = [name]
            var pending = [name]
            while let next = pending.popLast() {
                for reference in references(in: texts[next] ?? "") where used.insert(reference).inserted {
                    pending.append(reference)
                }
            }
            var input: [UInt8] = []
            for used in used.sorted() {
                input.append(contentsOf: used.utf8)
                input.append(0)
                input.append(contentsOf: (texts[used] ?? "").utf8)
                input.append(0)
            }
            digests[name] = SHA256Digest.hex(of: input)
        }
        return digests
    }

    /// Renders `context` with the template `name`.
    public func render(_ context: Any, template name: String) throws(RenderError) -> String {
        guard let text = library.render(context, withTemplate: name) else { throw .renderFailed(template: name) }
        return text
    }

    /// The names of the partials (`{{> name}}`) and parents (`{{< name}}`) `text` includes, in
    /// order, following set-delimiter tags (`{{=<% %>=}}`), so that a partial named with other
    /// delimiters is checked and digested like any other; tags inside comments are not read.
    static func references(in text: String) -> [String] {
        var names: [String] = []
        var open = "{{"
        var close = "}}"
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: close) else { break }
            let tag = rest[..<end.lowerBound]
            rest = rest[end.upperBound...]
            switch tag.first ?? " " {
            case ">", "<":
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { names.append(name) }
            case "=":
                let delimiters = tag.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                if tag.count > 2, tag.last == "=", delimiters.count == 2 {
                    open = String(delimiters[0])
                    close = String(delimiters[1])
                }
            default:
                continue
            }
        }
        return names
    }

    /// A chain of templates that include each other in a loop (`[a, b, a]`), or nil. The page
    /// models hold no recursive data, so such a loop never ends: it would exhaust the stack.
    static func inclusionLoop(in texts: [(name: String, text: String)]) -> [String]? {
        let references = Dictionary(
            texts.map { ($0.name, Self.references(in: $0.text)) },
            uniquingKeysWith: { a, _ in a }
        )
        var finished: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
            guard finished.insert(name).inserted else { return nil }
            path.append(name)
            defer { path.removeLast() }
            for next in references[name] ?? [] {
                if let loop = visit(next) { return loop }
            }
            return nil
        }
        for (name, _) in texts.sorted(by: { $0.name < $1.name }) {
            if let loop = visit(name) { return loop }
        }
        return nil
    }
}
