import Foundation

/// The committed inputs of a target: `Fuzz/corpus/<target>/` (seeds and what fuzzing kept) and
/// `Fuzz/crashes/<target>/` (each input that once crashed or broke a property).
public struct FuzzCorpus: Sendable {
    /// The repository's `Fuzz` folder.
    public var root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Every file under `kind/target` (`kind` is `corpus` or `crashes`), sorted; none when the folder is absent.
    public func inputs(_ kind: String, of target: FuzzTarget) -> [URL] {
        Self.files(under: root.appendingPathComponent(kind).appendingPathComponent(target.rawValue))
    }

    /// The files under `url` (hidden ones aside), or `url` itself when it is a file, sorted by path.
    public static func files(under url: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [url] }
        let found =
            FileManager.default.enumerator(
                at: url,
                includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]
            )?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
        return found.sorted { $0.path < $1.path }
    }
}
