import Foundation
import PNGShim

/// Reads and checks PNGs through libpng (behind the C shim, so corrupt files are errors, not crashes).
public struct PNGReader: Sendable {
    /// The most pixels an accepted image may have; a valid header can claim 10¹⁰.
    public var maxPixels: UInt64

    public init(maxPixels: UInt64 = 64 * 1024 * 1024) {
        self.maxPixels = maxPixels
    }

    /// Reads the header and, when `verifyingPixels` is set, decodes every row so that
    /// truncation and CRC errors anywhere in the file are caught.
    public func facts(of data: Data, verifyingPixels: Bool = true) throws(PNGError) -> PNGFacts {
        var facts = hatchery_png_facts()
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { raw in
            hatchery_png_inspect(
                raw.bindMemory(to: UInt8.self).baseAddress, raw.count,
                maxPixels, verifyingPixels ? 1 : 0, &facts, &message, message.count)
        }
        let detail = PNGError.message(from: message)
        switch status {
        case HATCHERY_PNG_OK:
            return PNGFacts(
                width: Int(facts.width), height: Int(facts.height),
                bitDepth: Int(facts.bit_depth), colorType: Int(facts.color_type),
                interlaced: facts.interlaced != 0)
        case HATCHERY_PNG_NOT_PNG, HATCHERY_PNG_BAD_ARGUMENT:
            throw .notPNG(detail)
        case HATCHERY_PNG_TOO_LARGE:
            throw .tooLarge(width: Int(facts.width), height: Int(facts.height), limit: maxPixels)
        case HATCHERY_PNG_NO_MEMORY:
            throw .outOfMemory
        default:
            throw .corrupt(detail)
        }
    }

    /// Reads the file at `url` and returns its facts.
    public func facts(ofFileAt url: URL, verifyingPixels: Bool = false) throws(PNGError) -> PNGFacts {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try facts(of: data, verifyingPixels: verifyingPixels)
    }
}
