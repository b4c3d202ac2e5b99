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

    /// The text of the first tEXt, zTXt or iTXt chunk named `key`, read through libpng after
    /// decoding the whole file; nil when the image has no such chunk.
    public func text(named key: String, in data: Data) throws(PNGError) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { raw in
            hatchery_png_read_text(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, maxPixels, key,
                                   &text, &length, &message, message.count)
        }
        defer { hatchery_png_free(text) }
        guard status == HATCHERY_PNG_OK else {
            switch status {
            case HATCHERY_PNG_NOT_PNG, HATCHERY_PNG_BAD_ARGUMENT: throw .notPNG(PNGError.message(from: message))
            case HATCHERY_PNG_NO_MEMORY: throw .outOfMemory
            default: throw .corrupt(PNGError.message(from: message))
            }
        }
        guard let text else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }
}
