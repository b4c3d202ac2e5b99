import Foundation

/// Everything besides the store that decides what a build writes, as one digest: the catalog's
/// bytes, every template and asset, the web-image recipe and libvips' version, the output
/// folder, and the hatchery binary itself (a new binary may render differently).
enum BuildInputs {
    /// Raised when a release changes what the same inputs render to without changing the binary's identity.
    static let formatVersion = "hatchery-site-1"

    static func digest(options: BuildOptions, templatesFolder: URL) -> String? {
        // Read as the loader reads it: a catalog over its size limit is never held whole.
        guard let catalog = try? CatalogLoader.read(CatalogLoader.catalogFile(for: options.siteDirectory)) else {
            return nil
        }
        var text = [UInt8]()
        func add(_ field: String) {
            text.append(contentsOf: field.utf8)
            text.append(0)
        }
        add(formatVersion)
        add(executableIdentity)
        add((options.derivedRecipe ?? .standard(libraryVersion: ImageDeriver.libraryVersion)).canonicalForm)
        add(options.outputDirectory.standardizedFileURL.path)
        // Whether `--templates` chose the folder: without it, the catalog does.
        add(options.templates.map { "--templates \($0.standardizedFileURL.path)" } ?? "from the catalog")
        add(templatesFolder.standardizedFileURL.path)
        add(SHA256Digest.hex(of: catalog))
        let root = templatesFolder.standardizedFileURL.path
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        for path in paths {
            var isDirectory: ObjCBool = false
            let full = root + "/" + path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            add(path)
            add(SHA256Digest.hex(of: (try? Data(contentsOf: URL(fileURLWithPath: full))) ?? Data()))
        }
        return SHA256Digest.hex(of: text)
    }

    /// The running binary's size and modification time.
    private static var executableIdentity: String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return CommandLine.arguments.first ?? "" }
        return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
