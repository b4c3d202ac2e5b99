import Foundation

/// Why web images could not be made.
public enum DerivationError: Error, Equatable, LocalizedError {
    case libraryUnavailable(String)
    case conversionFailed(String)
    case write(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .libraryUnavailable(let detail):
            "libvips could not start (\(detail)). Install it with `apt-get install libvips-dev` (scripts/bootstrap does)."
        case .conversionFailed(let detail):
            "libvips could not make web images from the PNG: \(detail)."
        case .write(let path, let reason):
            "Could not write the web image \(path): \(reason). Check that the folder is writable and the disk has room."
        }
    }
}
