import Foundation
import Mustache

/// The gallery's templates, loaded from a folder a user can edit, checked on load so that a
/// missing page template or partial is an error rather than silently empty output.
public struct TemplateSet: Sendable {
    /// The templates every gallery renders.
    public static let required = ["index", "prompt", "model", "cost"]

    public let folder: URL
    let library: MustacheLibrary

    public init(folder: URL) async throws(RenderError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw .templatesMissing(path: folder.path)
        }
        do {
            library = try await MustacheLibrary(directory: folder.path)
        } catch let error as MustacheLibrary.ParserError {
            throw .templateSyntax(
                file: folder.appendingPathComponent(error.filename).path,
                line: error.context.lineNumber,
                column: error.context.columnNumber,
                problem: String(describing: error.error)
            )
        } catch {
            throw .templatesMissing(path: folder.path)
        }
        self.folder = folder
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw .templateMissing(name: name, folder: folder.path)
        }
        try checkReferences()
    }

    /// Renders `context` with the template `name`.
    public func render(_ context: Any, template name: String) throws(RenderError) -> String {
        guard let text = library.render(context, withTemplate: name) else { throw .renderFailed(template: name) }
        return text
    }

    /// Every `{{> partial}}` and `{{< parent}}` must name a template that exists.
    private func checkReferences() throws(RenderError) {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".mustache"),
                let text = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            else { continue }
            let name = String(path.dropLast(".mustache".count))
            for reference in Self.references(in: text) where library.getTemplate(named: reference) == nil {
                throw .partialMissing(name: reference, usedIn: name)
            }
        }
    }

    static func references(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let marker = rest.first, marker == ">" || marker == "<" else { continue }
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }
}
