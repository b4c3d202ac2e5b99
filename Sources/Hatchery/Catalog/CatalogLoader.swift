import Foundation

/// Reads `catalog.yaml`, applies defaults and checks every field against EggAPI's limits and
/// `CatalogLimits`.
///
/// The YAML is walked as a node tree (`CatalogComposer`) rather than decoded, so that every
/// problem can name the line it is on, and unknown keys are caught: a typo must not silently
/// cost money.
public struct CatalogLoader: Sendable {
    public var prices: PriceTable

    public init(prices: PriceTable = .eggAPI) {
        self.prices = prices
    }

    /// Loads the catalog at `url` (a file, or a folder holding `catalog.yaml`).
    /// - Throws: `CatalogError.missing` when there is no file, `.unreadable` when it cannot be
    ///   read, `.invalid` with located problems for anything in it (size, encoding, YAML, fields).
    public func load(from url: URL) throws(CatalogError) -> Catalog {
        let file = Self.catalogFile(for: url)
        // The bytes are let go once decoded, before the text is parsed: at 100,000 prompts, 25 MB.
        let text = try CatalogText.decode(Self.read(file), file: Self.displayPath(file))
        return try parse(text, file: file)
    }

    /// `catalog.yaml` inside `url` when it is a folder, else `url` itself.
    public static func catalogFile(for url: URL) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent("catalog.yaml")
        }
        return url
    }

    /// The file's bytes, refused before reading when larger than `CatalogLimits.fileBytes`.
    static func read(_ file: URL) throws(CatalogError) -> Data {
        switch FileKind(at: file) {
        case .regularFile: break
        case .missing: throw .missing(file: file.path)
        case .folder: throw .unreadable(file: file.path, reason: "it is a folder")
        case .other(let kind): throw .unreadable(file: file.path, reason: "it is \(kind), not a regular file")
        case .unreachable(let reason): throw .unreadable(file: file.path, reason: reason)
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            // A size taken before reading could change; reading one byte past the limit cannot lie.
            // nil at the end of the file: an empty catalog, which the YAML check names.
            data = try handle.read(upToCount: CatalogLimits.fileBytes + 1) ?? Data()
        } catch {
            throw .unreadable(
                file: file.path,
                reason: ErrorReason.of(error)
            )
        }
        guard data.count <= CatalogLimits.fileBytes else { throw tooLarge(displayPath(file)) }
        return data
    }

    private static func tooLarge(_ file: String) -> CatalogError {
        .invalid([
            CatalogProblem(
                file: file,
                line: nil,
                column: nil,
                field: "",
                message:
                    "is larger than \(CatalogLimits.fileBytes / 1_048_576) MiB, the most a catalog may be; split the gallery into several sites"
            )
        ])
    }

    /// Parses catalog text that came from `file` (used for messages and relative paths).
    public func parse(_ text: String, file: URL) throws(CatalogError) -> Catalog {
        var reader = CatalogNodeReader(file: Self.displayPath(file))
        guard text.utf8.count <= CatalogLimits.fileBytes else { throw Self.tooLarge(reader.file) }
        // Each entry of `prompts` is read as it is composed, and only its fields are kept.
        var drafts: [PromptDraft] = []
        let root = try CatalogComposer.compose(text, file: reader.file) { item, index in
            if let draft = readPrompt(item, index: index, reader: &reader) { drafts.append(draft) }
        }
        guard let root, let top = YAMLMap(root) else {
            throw .invalid([
                // Placed like every other problem, `file:line:column:`: where the document
                // starts, or 1:1 for a file with no document at all.
                CatalogProblem(
                    file: reader.file,
                    line: root?.line ?? 1,
                    column: root?.column ?? 1,
                    field: "",
                    message: "the catalog must be a mapping with `gallery`, `defaults` and `prompts`"
                )
            ])
        }
        let catalog = readCatalog(top, drafts: drafts, file: file, reader: &reader)
        if !reader.problems.isEmpty {
            // In file order, whatever order the checks ran in.
            throw .invalid(reader.problems.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
        }
        return catalog
    }

    static func displayPath(_ file: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return file.path.hasPrefix(cwd) ? String(file.path.dropFirst(cwd.count)) : file.path
    }

    /// `text` as a site's address ending in `/`, or why it cannot be one: it must be an absolute
    /// http(s) URL with a host, a port in 1...65535 if any, no query, fragment or credentials,
    /// and only the ASCII characters a URL may hold as they are (the pages and the sitemap
    /// write it into links verbatim).
    static func baseURL(_ text: String) -> Result<String, BaseURLProblem> {
        // RFC 3986's unreserved and reserved characters, and % for what is already encoded.
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
        guard text.allSatisfy({ allowed.contains($0) }) else { return .failure(.characters) }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty
        else { return .failure(.notHTTP) }
        if let port = parts.port, !(1...65535).contains(port) { return .failure(.port) }
        guard parts.query == nil, parts.fragment == nil, parts.user == nil, parts.password == nil else {
            return .failure(.extras)
        }
        return .success(text.hasSuffix("/") ? text : text + "/")
    }

    /// Why a `gallery.base_url` was refused, as the end of a sentence.
    enum BaseURLProblem: Error {
        case notHTTP, characters, port, extras

        var reason: String {
            switch self {
            case .notHTTP: "is not an absolute http(s) URL"
            case .characters:
                "holds characters a URL cannot carry as they are (spaces, <, >, quotes, non-ASCII): percent-encode them, and write an international host in its xn-- form"
            case .port: "names a port outside 1–65535"
            case .extras: "has a query, a fragment or credentials, which a site's address cannot have"
            }
        }
    }

    /// The catalog in `top`, whose prompts are `drafts` (read while composing) or, when the
    /// composer kept them (an anchored list), the entries of its `prompts` list.
    private func readCatalog(
        _ top: YAMLMap,
        drafts: [PromptDraft],
        file: URL,
        reader: inout CatalogNodeReader
    ) -> Catalog {
        reader.checkKeys(top, allowed: ["gallery", "provider", "concurrency", "budget", "defaults", "prompts"], at: "")

        var gallery = Catalog.Gallery()
        if let node = top["gallery"], let map = reader.mapping(node, at: "gallery") {
            reader.checkKeys(
                map,
                allowed: ["title", "description", "templates", "page_size", "show_spend", "base_url", "sort"],
                at: "gallery"
            )
            gallery.pageSize = reader.int(map["page_size"], at: "gallery.page_size", in: 1...1000) ?? gallery.pageSize
            gallery.title =
                reader.string(map["title"], at: "gallery.title", limit: CatalogLimits.galleryTitle) ?? gallery.title
            gallery.description = reader.string(
                map["description"],
                at: "gallery.description",
                limit: CatalogLimits.galleryDescription
            )
            if let path = reader.string(map["templates"], at: "gallery.templates", limit: CatalogLimits.templatesPath) {
                gallery.templates =
                    URL(fileURLWithPath: path, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
            }
            gallery.showSpend = reader.bool(map["show_spend"], at: "gallery.show_spend") ?? gallery.showSpend
            gallery.sort = reader.choice(map["sort"], at: "gallery.sort", of: GallerySort.self) ?? gallery.sort
            if let text = reader.string(map["base_url"], at: "gallery.base_url", limit: CatalogLimits.baseURL) {
                switch Self.baseURL(text) {
                case .success(let url): gallery.baseURL = url
                case .failure(let problem):
                    reader.report(
                        map["base_url"],
                        at: "gallery.base_url",
                        "\(ValueQuote.quoted(text)) \(problem.reason); write the address the site is published at, e.g. https://example.com/gallery/"
                    )
                }
            }
        }

        let provider = reader.choice(top["provider"], at: "provider", of: ProviderKind.self) ?? .local
        let concurrency = reader.int(top["concurrency"], at: "concurrency", in: 1...64)
        var budget: Money?
        if let text = reader.string(top["budget"], at: "budget", limit: CatalogLimits.word) {
            do {
                budget = try Money.parse(text)
            } catch {
                reader.report(top["budget"], at: "budget", "\(error)")
            }
        }

        var defaults = PromptFields()
        if let node = top["defaults"], let map = reader.mapping(node, at: "defaults") {
            reader.checkKeys(map, allowed: PromptFields.generationKeys, at: "defaults")
            defaults = readFields(map, at: "defaults", reader: &reader)
        }

        var prompts: [PromptSpec] = []
        var seen: [String: Int] = [:]
        if let node = top["prompts"], let list = reader.sequence(node, at: "prompts") {
            if list.count > CatalogLimits.prompts {
                reader.report(
                    node,
                    at: "prompts",
                    "has \(list.count) prompts; a catalog holds at most \(CatalogLimits.prompts): split the gallery into several sites"
                )
            } else {
                var drafts = drafts
                prompts.reserveCapacity(drafts.count + list.count)
                for (index, item) in list.enumerated() {
                    if let draft = readPrompt(item, index: index, reader: &reader) { drafts.append(draft) }
                }
                for draft in drafts {
                    let spec = finish(draft, defaults: defaults, reader: &reader)
                    if let first = seen[spec.id] {
                        reader.report(
                            spec.idNode,
                            at: "prompts[\(spec.id)].id",
                            "the id is already used by the prompt on line \(first); ids must be unique"
                        )
                    } else {
                        seen[spec.id] = spec.spec.line
                        prompts.append(spec.spec)
                    }
                }
            }
        } else if top["prompts"] == nil {
            reader.report(nil, at: "prompts", "is missing: add a list of prompts, each with an `id` and a `prompt`")
        }

        return Catalog(
            file: file,
            gallery: gallery,
            provider: provider,
            concurrency: concurrency,
            budget: budget,
            prompts: prompts
        )
    }
}
