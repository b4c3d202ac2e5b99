import Foundation

/// Everything besides the store that decides what a build writes, as one digest: the catalog's
/// bytes, every template and asset, the web-image recipe and libvips' version, the output
/// folder, and the hatchery binary itself (a new binary may render differently).
enum BuildInputs {
    /// Raised when a release changes what the same inputs render to without changing the binary's identity.
    static let formatVersion = "hatchery-site-1"

    static func digest(options: BuildOptions, templates: TemplateSet.Origin) -> String? {
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
        add(templates.recorded)
        add(SHA256Digest.hex(of: catalog))
        switch templates {
        case .folder(let folder):
            add((try? ThemeFiles(folder: folder).digest) ?? "missing")
        case .builtIn:
            add(BuiltInTheme.themeFiles.digest)
            // A `templates/` folder made in the site since takes over from the built-in theme.
            add(options.hasOwnTemplatesFolder ? "own templates folder" : "no templates folder")
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
