import Foundation

/// A theme's files (page templates, partials, assets) by their path inside the theme, in byte
/// order of the paths: read from a folder a user can edit, or the theme built into the binary.
public struct ThemeFiles: Sendable {
    public struct File: Sendable, Equatable {
        /// The path inside the theme, `/`-separated (`partials/card.mustache`, `assets/style.css`).
        public let path: String
        public let data: Data
    }

    public let files: [File]

    init(files: [File]) {
        self.files = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// Every regular file under `folder` (symbolic links to files followed). Throws
    /// `RenderError.templatesMissing` when `folder` is not a directory, `.unreadable` when a
    /// file cannot be read or an entry is a symbolic link to a folder (not walked, as it could
    /// loop: the templates would silently lack its files).
    public init(folder: URL) throws(RenderError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
        else { throw .templatesMissing(path: folder.path) }
        var files: [File] = []
        while let path = enumerator.nextObject() as? String {
            let full = folder.appendingPathComponent(path)
            switch FileKind(at: full) {
            case .regularFile: break
            case .folder:
                var info = stat()
                if lstat(full.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                    throw .unreadable(
                        path: full.path,
                        reason: "it is a symbolic link to a folder, which is not followed; copy the folder in instead"
                    )
                }
                continue
            case .missing: continue
            // A FIFO would wait for a writer forever and a device never end: neither is a template.
            case .other(let kind): throw .unreadable(path: full.path, reason: "it is \(kind), not a regular file")
            case .unreachable(let reason): throw .unreadable(path: full.path, reason: reason)
            }
            do {
                files.append(File(path: path, data: try Data(contentsOf: full)))
            } catch {
                throw .unreadable(path: full.path, reason: ErrorReason.of(error))
            }
        }
        self.init(files: files)
    }

    /// The files under `assets/`, with that prefix removed: copied into the site as they are.
    var assets: [File] {
        files.compactMap { file in
            guard file.path.hasPrefix("assets/") else { return nil }
            return File(path: String(file.path.dropFirst("assets/".count)), data: file.data)
        }
    }

    /// The SHA-256 of every path and its bytes, as 64 hex characters: one input of a build.
    var digest: String {
        var text = [UInt8]()
        for file in files {
            text.append(contentsOf: file.path.utf8)
            text.append(0)
            text.append(contentsOf: SHA256Digest.hex(of: file.data).utf8)
            text.append(0)
        }
        return SHA256Digest.hex(of: text)
    }
}
