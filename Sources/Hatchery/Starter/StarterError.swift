import Foundation

/// Why `hatchery init` or `hatchery theme export` wrote nothing.
public enum StarterError: Error, LocalizedError, Equatable {
    /// The folder already holds a gallery: starting again would replace its catalog.
    case catalogExists(path: String)
    /// A path that must be a folder is a file.
    case notAFolder(path: String)
    /// Files the export would replace; nothing was written.
    case themeFilesExist(folder: String, paths: [String])
    case write(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .catalogExists(let path):
            "\(path) already exists, so this folder already holds a gallery; nothing was written. Build it with `hatchery build`, or choose a new folder for `hatchery init`."
        case .notAFolder(let path):
            "\(path) is a file, not a folder; choose a folder that is empty or does not exist yet."
        case .themeFilesExist(let folder, let paths):
            "\(folder) already has \(paths.count == 1 ? "a file" : "\(paths.count) files") of the theme (\(paths.prefix(3).joined(separator: ", "))\(paths.count > 3 ? ", …" : "")); nothing was written. Move that folder aside to export the theme again."
        case .write(let path, let reason):
            "Could not write \(path): \(reason)."
        }
    }
}
