import Foundation

/// `hatchery theme export`: copies the built-in theme out for editing.
public enum ThemeExporter {
    /// Writes every file of the built-in theme under `site/templates/`, which a build uses when
    /// neither `--templates` nor the catalog's `gallery.templates` names a folder. Returns the
    /// paths written, relative to `site`, in path order.
    ///
    /// - Throws: `StarterError.themeFilesExist` (listing them) when any of those files exists
    ///   already, before writing anything; `.notAFolder` or `.write` when the disk refuses.
    public static func export(into site: URL) throws(StarterError) -> [String] {
        let folder = site.appendingPathComponent("templates")
        let files = BuiltInTheme.themeFiles.files
        let existing = files.map(\.path).filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else { throw .themeFilesExist(folder: folder.path, paths: existing) }
        for file in files {
            try FolderMaker.writeNew(file.data, to: folder.appendingPathComponent(file.path))
        }
        return files.map { "templates/" + $0.path }
    }
}
