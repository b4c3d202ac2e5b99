import Foundation

extension Selection {
    /// Every id named in `--only` and `--force` must be in the catalog: a typo must not pass silently.
    public func validate(against catalog: Catalog) throws(SelectionError) {
        let known = Set(catalog.prompts.map(\.id))
        let unknown = (only ?? []).union(force).subtracting(known).sorted()
        if !unknown.isEmpty { throw .unknownPrompts(unknown) }
    }
}

public enum SelectionError: Error, LocalizedError, Equatable {
    case unknownPrompts([String])

    public var errorDescription: String? {
        switch self {
        case .unknownPrompts(let ids):
            // The ids are what was typed after --only or --force: quoted short, at most a few.
            "No prompt in the catalog has the id \(ids.prefix(5).map { ValueQuote.quoted($0) }.joined(separator: ", "))"
                + (ids.count > 5 ? " (and \(ids.count - 5) more)" : "") + "; `hatchery plan` lists them."
        }
    }
}
