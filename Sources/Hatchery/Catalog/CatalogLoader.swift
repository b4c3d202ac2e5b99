import Foundation
import Yams

/// Reads `catalog.yaml`, applies defaults and checks every field against EggAPI's limits.
///
/// The YAML is walked as a node tree rather than decoded, so that every problem can name the
/// line it is on, and unknown keys are caught: a typo must not silently cost money.
public struct CatalogLoader: Sendable {
    public var prices: PriceTable

    public init(prices: PriceTable = .eggAPI) {
        self.prices = prices
    }

    /// Loads the catalog at `url` (a file, or a folder holding `catalog.yaml`).
    public func load(from url: URL) throws(CatalogError) -> Catalog {
        let file = Self.catalogFile(for: url)
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .unreadable(file: file.path, reason: (error as NSError).localizedFailureReason ?? "no such file or not UTF-8")
        }
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

    /// Parses catalog text that came from `file` (used for messages and relative paths).
    public func parse(_ text: String, file: URL) throws(CatalogError) -> Catalog {
        var reader = CatalogNodeReader(file: Self.displayPath(file))
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .invalid([reader.problem(forYAMLError: error)])
        }
        guard let root, case .mapping(let top) = root else {
            throw .invalid([CatalogProblem(file: reader.file, line: 1, column: nil, field: "",
                                           message: "the catalog must be a mapping with `gallery`, `defaults` and `prompts`")])
        }
        let catalog = readCatalog(YAMLMap(top), file: file, reader: &reader)
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

    private func readCatalog(_ top: YAMLMap, file: URL, reader: inout CatalogNodeReader) -> Catalog {
        reader.checkKeys(top, allowed: ["gallery", "provider", "concurrency", "budget", "defaults", "prompts"], at: "")

        var gallery = Catalog.Gallery()
        if let node = top["gallery"], let map = reader.mapping(node, at: "gallery") {
            reader.checkKeys(map, allowed: ["title", "description", "templates", "page_size"], at: "gallery")
            gallery.pageSize = reader.int(map["page_size"], at: "gallery.page_size", in: 1...1000) ?? gallery.pageSize
            gallery.title = reader.string(map["title"], at: "gallery.title") ?? gallery.title
            gallery.description = reader.string(map["description"], at: "gallery.description")
            if let path = reader.string(map["templates"], at: "gallery.templates") {
                gallery.templates = URL(fileURLWithPath: path, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
            }
        }

        let provider = reader.choice(top["provider"], at: "provider", of: ProviderKind.self) ?? .local
        let concurrency = reader.int(top["concurrency"], at: "concurrency", in: 1...64)
        var budget: Money?
        if let text = reader.string(top["budget"], at: "budget") {
            budget = Money(parsing: text)
            if budget == nil || budget! < .zero {
                reader.report(top["budget"], at: "budget", "\"\(text)\" is not an amount of dollars; write e.g. 2.50")
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
            for (index, item) in list.enumerated() {
                let fallback = "prompts[\(index)]"
                guard let map = reader.mapping(item, at: fallback) else { continue }
                let id = reader.string(map["id"], at: "\(fallback).id")
                let path = id.map { "prompts[\($0)]" } ?? fallback
                reader.checkKeys(map, allowed: ["id", "title", "caption", "tags"] + PromptFields.generationKeys + ["prompt", "image_urls"], at: path)
                if let spec = readPrompt(map, id: id, path: path, defaults: defaults, line: item.mark?.line ?? 0, reader: &reader) {
                    if let first = seen[spec.id] {
                        reader.report(map["id"], at: "\(path).id", "the id is already used by the prompt on line \(first); ids must be unique")
                    } else {
                        seen[spec.id] = spec.line
                        prompts.append(spec)
                    }
                }
            }
        } else if top["prompts"] == nil {
            reader.report(nil, at: "prompts", "is missing: add a list of prompts, each with an `id` and a `prompt`")
        }

        return Catalog(file: file, gallery: gallery, provider: provider, concurrency: concurrency, budget: budget, prompts: prompts)
    }

    private func readPrompt(_ map: YAMLMap, id: String?, path: String, defaults: PromptFields, line: Int,
                            reader: inout CatalogNodeReader) -> PromptSpec? {
        let fields = readFields(map, at: path, reader: &reader).merged(over: defaults)
        let text = reader.string(map["prompt"], at: "\(path).prompt")?.trimmingCharacters(in: .whitespacesAndNewlines)
        let title = reader.string(map["title"], at: "\(path).title")
        let caption = reader.string(map["caption"], at: "\(path).caption")
        let tags = reader.stringList(map["tags"], at: "\(path).tags") ?? []
        let imageURLs = reader.stringList(map["image_urls"], at: "\(path).image_urls") ?? []

        guard let id else {
            reader.report(map["id"] ?? map.node, at: "\(path).id", "is missing: every prompt needs an `id`, a slug such as `harbor-at-dawn`")
            return nil
        }
        if !Self.isSlug(id) {
            reader.report(map["id"], at: "\(path).id", "\"\(id)\" is not a slug: use 1–80 lowercase letters, digits and single hyphens, e.g. `harbor-at-dawn`")
        }
        guard let text else {
            reader.report(map["prompt"] ?? map.node, at: "\(path).prompt", "is missing: every prompt needs its `prompt` text")
            return nil
        }
        let length = text.unicodeScalars.count
        if length < 1 || length > 2000 {
            reader.report(map["prompt"], at: "\(path).prompt", "has \(length) characters; EggAPI allows 1 to 2000")
        }
        if let negative = fields.negativePrompt, negative.unicodeScalars.count > 1000 {
            reader.report(map["negative_prompt"], at: "\(path).negative_prompt",
                          "has \(negative.unicodeScalars.count) characters; EggAPI allows at most 1000")
        }
        let model = fields.model ?? prices.models.first ?? "nanobanana"
        if prices.perImage(model: model, resolution: fields.resolution) == nil {
            reader.report(map["model"] ?? defaults.modelNode, at: "\(path).model",
                          "\"\(model)\" is not a known model; use one of: \(prices.models.joined(separator: ", "))")
        }
        if imageURLs.count > 9 {
            reader.report(map["image_urls"], at: "\(path).image_urls", "has \(imageURLs.count) URLs; EggAPI allows at most 9")
        }
        for url in imageURLs where !Self.isWebURL(url) {
            reader.report(map["image_urls"], at: "\(path).image_urls", "\"\(url)\" is not an http(s) URL")
        }
        return PromptSpec(
            id: id, prompt: text, negativePrompt: fields.negativePrompt, model: model,
            aspectRatio: fields.aspectRatio ?? .landscape, resolution: fields.resolution,
            numOutputs: fields.numOutputs ?? 1, imageURLs: imageURLs,
            title: title, caption: caption, tags: tags, line: line)
    }

    private func readFields(_ map: YAMLMap, at path: String, reader: inout CatalogNodeReader) -> PromptFields {
        var fields = PromptFields()
        fields.model = reader.string(map["model"], at: "\(path).model")
        fields.modelNode = map["model"]
        fields.negativePrompt = reader.string(map["negative_prompt"], at: "\(path).negative_prompt")
        fields.aspectRatio = reader.choice(map["aspect_ratio"], at: "\(path).aspect_ratio", of: AspectRatio.self)
        fields.resolution = reader.choice(map["resolution"], at: "\(path).resolution", of: Resolution.self)
        fields.numOutputs = reader.int(map["num_outputs"], at: "\(path).num_outputs", in: 1...4)
        return fields
    }

    static func isSlug(_ id: String) -> Bool {
        guard (1...80).contains(id.count), !id.hasPrefix("-"), !id.hasSuffix("-"), !id.contains("--") else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }
}

/// The generation fields a prompt or `defaults:` may set.
struct PromptFields {
    static let generationKeys = ["model", "negative_prompt", "aspect_ratio", "resolution", "num_outputs"]

    var model: String?
    var modelNode: Node?
    var negativePrompt: String?
    var aspectRatio: AspectRatio?
    var resolution: Resolution?
    var numOutputs: Int?

    func merged(over defaults: PromptFields) -> PromptFields {
        PromptFields(
            model: model ?? defaults.model, modelNode: modelNode ?? defaults.modelNode,
            negativePrompt: negativePrompt ?? defaults.negativePrompt,
            aspectRatio: aspectRatio ?? defaults.aspectRatio, resolution: resolution ?? defaults.resolution,
            numOutputs: numOutputs ?? defaults.numOutputs)
    }
}
