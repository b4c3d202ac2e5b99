import Foundation

/// The folder a command works on, checked before anything is read or written in it: a mistyped
/// path must be refused, never turned into an empty site whose reports say `$0.0000`.
public struct SiteFolder: Sendable {
    public let url: URL

    /// The folder's names for Hatchery's own files, in one place.
    enum Names {
        /// Hatchery's state, beside the catalog.
        static let stateFolder = ".hatchery"
        /// In the state folder: the tasks, costs and images of every build.
        static let database = "state.sqlite"
        /// In the state folder: who holds the site.
        static let lock = "build.lock"
        static let catalog = "catalog.yaml"
    }

    /// `DIR/.hatchery`: the state folder.
    public var stateFolder: URL { url.appendingPathComponent(Names.stateFolder) }
    /// `DIR/.hatchery/state.sqlite`: the tasks, costs and images of every build.
    public var stateFile: URL { Self.stateFile(in: url) }

    /// The state file of the site at `directory`, checked or not.
    static func stateFile(in directory: URL) -> URL {
        directory.appendingPathComponent(Names.stateFolder).appendingPathComponent(Names.database)
    }
    public var catalogFile: URL { url.appendingPathComponent(Names.catalog) }
    /// Whether a build has left its state here: an empty `state.sqlite` holds no tables, and
    /// opening it as a store would write a new schema into it.
    public var hasState: Bool { stateBytes.map { $0 > 0 } ?? false }

    /// The state file's size; nil when there is none.
    private var stateBytes: Int? {
        (try? FileManager.default.attributesOfItem(atPath: stateFile.path)[.size] as? NSNumber)?.intValue
    }

    /// The folder at `url`, which must exist and be a folder.
    ///
    /// - Throws: `SiteFolderError.missing` or `.notAFolder`.
    public init(existing url: URL) throws(SiteFolderError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .missing(path: url.path)
        }
        guard isFolder.boolValue else {
            throw .notAFolder(path: url.path, parent: url.deletingLastPathComponent().path)
        }
        self.url = url
    }

    /// The folder at `url` with the state of at least one build, for commands that only report.
    ///
    /// - Throws: `SiteFolderError`; `.noState` when nothing has been built there.
    public init(withState url: URL) throws(SiteFolderError) {
        try self.init(existing: url)
        if stateBytes == 0 { throw .emptyState(path: stateFile.path) }
        guard hasState else {
            throw .noState(path: url.path, hasCatalog: FileManager.default.fileExists(atPath: catalogFile.path))
        }
    }
}

/// A site folder that cannot be used, with what to pass instead.
public enum SiteFolderError: Error, LocalizedError, Equatable {
    case missing(path: String)
    case notAFolder(path: String, parent: String)
    case noState(path: String, hasCatalog: Bool)
    /// `state.sqlite` is there but empty: no tasks or costs to report, and possibly a lost record.
    case emptyState(path: String)

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            "There is no folder \(path). Pass the site folder that holds catalog.yaml."
        case .notAFolder(let path, let parent):
            "\(path) is a file, not a site folder. Pass the folder that holds it: \(parent)"
        case .noState(let path, true):
            "Nothing has been built in \(path) yet: there is no .hatchery/state.sqlite there, so it has no tasks or costs. `hatchery build \(path)` makes it."
        case .emptyState(let path):
            "\(path) is empty, so it holds no tasks or costs. If builds ran here, the file was emptied: restore it from a backup before building, since a build starts the record anew and pays again for what it lost."
        case .noState(let path, false):
            "There is no Hatchery site in \(path): it has neither catalog.yaml nor .hatchery/state.sqlite. Pass the site folder that holds catalog.yaml."
        }
    }
}
