import Foundation

/// The default theme: the repository's `templates/`, compiled into the binary by
/// `scripts/embed-theme` (`BuiltInTheme+Files.swift`), so that a site folder holding only a
/// catalog builds from any working directory, and a copied `hatchery` binary needs no files
/// beside it.
public enum BuiltInTheme {
    /// How the generator wrote a file: text as a raw string literal, anything else as base64.
    enum Contents {
        case text(String)
        case base64(String)

        var data: Data {
            switch self {
            case .text(let text): Data(text.utf8)
            // The generator writes valid base64; a damaged literal reads as an empty file,
            // which BuiltInThemeTests catches.
            case .base64(let text): Data(base64Encoded: text) ?? Data()
            }
        }
    }

    /// The theme's files, as `hatchery theme export` writes them and a build renders with.
    public static let themeFiles = ThemeFiles(
        files: files.map { ThemeFiles.File(path: $0.path, data: $0.contents.data) }
    )
}
