import Foundation

/// Why a PNG was refused.
public enum PNGError: Error, Equatable, LocalizedError {
    case notPNG(String)
    case corrupt(String)
    case tooLarge(width: Int, height: Int, limit: UInt64)
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
            "The PNG claims \(width)×\(height) pixels, more than the \(limit) allowed; it was rejected."
        case .outOfMemory:
            "Ran out of memory while reading a PNG."
        case .encodingFailed(let detail):
            "Could not encode a PNG: \(detail)."
        case .unreadable(let path, let reason):
            "Could not read the PNG at \(path): \(reason)."
        }
    }
}

extension PNGError {
    /// The text the C shim left in its message buffer.
    static func message(from buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
