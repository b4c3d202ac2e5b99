import Foundation

/// One thing wrong in a catalog, pinned to a place in the file.
public struct CatalogProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The field's path, e.g. `prompts[harbor-dawn].aspect_ratio`.
    public var field: String
    /// What is wrong and what is allowed.
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
}

/// A catalog that cannot be used. Lists every problem found, so one edit fixes them all.
public enum CatalogError: Error, LocalizedError, Equatable {
    /// There is no file at the path.
    case missing(file: String)
    /// The file is there but could not be read (permissions, a folder, an I/O error).
    case unreadable(file: String, reason: String)
    /// What the file holds is wrong: its size, its encoding, its YAML or its fields.
    case invalid([CatalogProblem])

    public var problems: [CatalogProblem] {
        if case .invalid(let problems) = self { return problems }
        return []
    }

    public var errorDescription: String? {
        switch self {
        case .missing(let file):
            return "There is no catalog at \(file). Create it, or pass the site folder that holds catalog.yaml."
        case .unreadable(let file, let reason):
            return
                "Could not read the catalog \(file): \(reason.trimmingCharacters(in: CharacterSet(charactersIn: ". "))). Check that it is a file you may read."
        case .invalid(let problems):
            let shown = problems.prefix(20).map { "  \($0)" }
            let more = problems.count > 20 ? ["  … and \(problems.count - 20) more"] : []
            let noun = problems.count == 1 ? "problem" : "problems"
            return (["The catalog has \(problems.count) \(noun); nothing was generated:"] + shown + more)
                .joined(separator: "\n")
        }
    }
}
