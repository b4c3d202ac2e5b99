import Foundation

/// Why a PNG was refused.
public enum PNGError: Error, Equatable, LocalizedError {
    case notPNG(String)
    case corrupt(String)
    /// The header declares more pixels than `limit`.
    case tooLarge(width: Int, height: Int, limit: UInt64)
    /// The header declares a side longer than `limit` pixels.
    case sideTooLong(width: Int, height: Int, limit: Int)
    /// The header declares an image of `bytes` once decoded (whole-byte samples, palettes as
    /// RGBA), more than `limit`: what making web images would hold in memory.
    case tooMuchMemory(width: Int, height: Int, bytes: UInt64, limit: UInt64)
    /// A pixel of row `row` (0-based, within its Adam7 pass when interlaced) uses palette entry
    /// `index`, but the PLTE chunk has `entries`: libpng reads it, but the image has no such color.
    case invalidPaletteIndex(index: Int, row: Int, entries: Int)
    /// The header's CRC holds, but what it declares is no PNG image (`detail` names the field):
    /// every copy of the file says the same.
    case invalidHeader(String)
    case outOfMemory
    case encodingFailed(String)
    case unreadable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notPNG(let detail):
            "The file is not a PNG: \(detail)."
        case .corrupt(let detail):
            "The PNG is corrupt (\(detail)); it was rejected."
        case .tooLarge(let width, let height, let limit):
            "The PNG declares \(width)×\(height) pixels, more than the \(limit) Hatchery reads; it was refused. Ask the provider for a smaller resolution."
        case .sideTooLong(let width, let height, let limit):
            "The PNG declares \(width)×\(height) pixels, a side longer than the \(limit) Hatchery reads; it was refused. Ask the provider for a smaller resolution."
        case .tooMuchMemory(let width, let height, let bytes, let limit):
            "The PNG declares \(width)×\(height) pixels that take \(bytes / 1_048_576) MiB decoded, more than the \(limit / 1_048_576) MiB Hatchery decodes at once; it was refused. Ask the provider for a smaller resolution or 8-bit color."
        case .invalidPaletteIndex(let index, let row, let entries):
            "The PNG is invalid: a pixel in row \(row + 1) uses palette entry \(index), but its PLTE chunk has \(entries) \(entries == 1 ? "entry" : "entries"); it was refused."
        case .invalidHeader(let detail):
            "The PNG is invalid: its header is intact, but \(detail); it was refused."
        case .outOfMemory:
            "Ran out of memory while reading a PNG."
        case .encodingFailed(let detail):
            "Could not encode a PNG: \(detail)."
        case .unreadable(let path, let reason):
            "Could not read the PNG at \(path): \(reason)."
        }
    }

    /// True when the file arrived whole (the CRCs of the chunks read hold) and is refused for
    /// what it declares: every copy of it would be refused the same way, so it is not fetched
    /// again. False for damage that a transfer can cause (truncation, a failing CRC, bytes that
    /// are not PNG at all) and for local failures, where another attempt may succeed.
    public var isRefusal: Bool {
        switch self {
        case .tooLarge, .sideTooLong, .tooMuchMemory, .invalidPaletteIndex, .invalidHeader: true
        case .notPNG, .corrupt, .outOfMemory, .encodingFailed, .unreadable: false
        }
    }
}

extension PNGError {
    /// The text the C shim left in its message buffer.
    static func message(from buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
