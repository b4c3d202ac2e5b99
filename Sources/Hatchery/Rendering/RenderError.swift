import Foundation

/// Why the gallery could not be rendered.
public enum RenderError: Error, LocalizedError {
    case templatesMissing(path: String)
    case unreadable(path: String, reason: String)
    case templateSyntax(file: String, line: Int, column: Int, problem: String)
    case templateMissing(name: String, folder: String)
    /// `bytes` and `limit` in bytes.
    case templateTooLarge(file: String, bytes: Int, limit: Int)
    case partialMissing(name: String, usedIn: String)
    /// Templates that include each other in a loop, first to last (`[a, b, a]`).
    case partialLoop(chain: [String])
    case renderFailed(template: String)
    case write(path: String, reason: String)
    /// The output folder holds something Hatchery did not make: replacing it would delete it.
    case notOurs(path: String, example: String)
    /// The output folder holds only what the last build wrote, but without its manifest and
    /// with none of its top-level files as that build left them.
    case changedSinceLastBuild(path: String)

    public var errorDescription: String? {
        switch self {
        case .templatesMissing(let path):
            "The templates folder \(path) does not exist. Correct `gallery.templates` in the catalog or --templates, or remove them to use the built-in theme (`hatchery theme export DIR` copies it out for editing)."
        case .unreadable(let path, let reason):
            "Could not read the template file \(path): \(reason)."
        case .templateSyntax(let file, let line, let column, let problem):
            "\(file):\(line):\(column): the template has a syntax error (\(problem)); fix it and build again."
        case .templateMissing(let name, let folder):
            "The templates folder \(folder) has no \(name).mustache, which the gallery needs; copy it from the built-in theme (`hatchery theme export DIR`)."
        case .templateTooLarge(let file, let bytes, let limit):
            "The template \(file) is \(bytes / 1024) KiB; templates over \(limit / 1024) KiB are refused because parsing one would take minutes to hours. Move large content (inline SVG, data) into an asset under assets/, or split the template into partials."
        case .partialMissing(let name, let usedIn):
            "The template \(usedIn).mustache includes \(name), but there is no \(name).mustache; a missing partial would render as nothing."
        case .partialLoop(let chain):
            "The templates include each other in a loop (\(chain.map { "\($0).mustache" }.joined(separator: " includes "))), so a page would never finish rendering; remove one of those includes."
        case .renderFailed(let template):
            "The template \(template) could not be rendered."
        case .write(let path, let reason):
            "Could not write \(path): \(reason)."
        case .notOurs(let path, let example):
            "\(path) already holds files that Hatchery did not write (such as \(example)), and a build replaces that folder with the gallery. Move them elsewhere, or empty it, then build again."
        case .changedSinceLastBuild(let path):
            "\(path) has lost the manifest.json Hatchery writes, and none of its top-level files is as the last build left it, so it may no longer be this site's gallery. If it is, delete \(path) and build again (the build makes it anew); if it holds your own files, move them elsewhere first."
        }
    }
}
