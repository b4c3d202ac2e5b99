import Foundation

/// Makes the folders and files of a new gallery, refusing to replace anything.
enum FolderMaker {
    /// Creates `folder` and its parents unless it exists; throws when it is a file.
    static func makeFolder(_ folder: URL) throws(StarterError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notAFolder(path: folder.path) }
            return
        }
        // A file where a parent folder should be: Foundation says only "NSCocoaErrorDomain
        // error 512", so find it and name it.
        var parent = folder.deletingLastPathComponent()
        while parent.path != "/", !FileManager.default.fileExists(atPath: parent.path) {
            parent = parent.deletingLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .notAFolder(path: parent.path)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .write(path: folder.path, reason: ErrorReason.of(error))
        }
    }

    /// Writes `data` to a file that must not exist yet (`O_EXCL`: a file that appears meanwhile
    /// is not replaced either).
    static func writeNew(_ data: Data, to file: URL) throws(StarterError) {
        try makeFolder(file.deletingLastPathComponent())
        do {
            try data.write(to: file, options: .withoutOverwriting)
        } catch {
            throw .write(path: file.path, reason: ErrorReason.of(error))
        }
    }
}
