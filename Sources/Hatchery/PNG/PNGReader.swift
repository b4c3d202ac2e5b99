import Foundation
import PNGShim

/// Reads and checks PNGs through libpng (behind the C shim, so corrupt files are errors, not
/// crashes), one row at a time: checking a file takes the memory of a row, not of the image.
public struct PNGReader: Sendable {
    /// The most pixels an accepted image may have; a valid header can claim 10¹⁰.
    public var maxPixels: UInt64
    /// The most bytes an accepted image may take decoded to whole-byte samples (palettes as
    /// RGBA): what making its web images holds at once. 256 MiB takes 8000×8000 RGBA at 8 bits,
    /// not 8000×8000 RGB at 16 (384 MB).
    public var maxDecodedBytes: UInt64
    /// The longest side accepted, in pixels. libpng allocates a whole row at once, so without
    /// it a 67-million-pixel-wide strip one row tall would take a 256 MiB row buffer; 65,535 is
    /// also the most a JPEG side can be.
    public var maxSide: UInt32

    public init(
        maxPixels: UInt64 = 64 * 1024 * 1024,
        maxDecodedBytes: UInt64 = 256 * 1024 * 1024,
        maxSide: UInt32 = 65_535
    ) {
        self.maxPixels = maxPixels
        self.maxDecodedBytes = maxDecodedBytes
        self.maxSide = maxSide
    }

    /// What reading a PNG found, and the most bytes libpng and the shim held at once doing it.
    public struct Inspection: Sendable, Equatable {
        public var facts: PNGFacts
        public var peakBytes: Int
    }

    /// Reads the header and, when `verifyingPixels` is set, decodes every row so that
    /// truncation, CRC errors and palette indices past the PLTE anywhere in the file are caught.
    /// Throws `PNGError`; `isRefusal` tells a file refused for what it declares from a damaged one.
    public func facts(of data: Data, verifyingPixels: Bool = true) throws(PNGError) -> PNGFacts {
        try inspect(data, verifyingPixels: verifyingPixels).facts
    }

    /// `facts(of:verifyingPixels:)` with the memory the read took.
    public func inspect(_ data: Data, verifyingPixels: Bool = true) throws(PNGError) -> Inspection {
        var facts = hatchery_png_facts()
        var limits = self.limits
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { raw in
            hatchery_png_inspect(
                raw.bindMemory(to: UInt8.self).baseAddress,
                raw.count,
                &limits,
                verifyingPixels ? 1 : 0,
                &facts,
                &message,
                message.count
            )
        }
        guard status == HATCHERY_PNG_OK else { throw error(status, facts: facts, message: message) }
        return Inspection(
            facts: PNGFacts(
                width: Int(facts.width),
                height: Int(facts.height),
                bitDepth: Int(facts.bit_depth),
                colorType: Int(facts.color_type),
                interlaced: facts.interlaced != 0
            ),
            peakBytes: facts.peak_bytes
        )
    }

    /// Reads the file at `url` and returns its facts.
    public func facts(ofFileAt url: URL, verifyingPixels: Bool = false) throws(PNGError) -> PNGFacts {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: ErrorReason.of(error))
        }
        return try facts(of: data, verifyingPixels: verifyingPixels)
    }

    /// Every tEXt, zTXt and iTXt chunk of the PNG (keyword → text, zTXt decompressed), in file
    /// order, read through libpng after verifying the whole file.
    public func texts(in data: Data) throws(PNGError) -> [(key: String, value: String)] {
        var buffer: UnsafeMutablePointer<CChar>?
        var length = 0
        var limits = self.limits
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { raw in
            hatchery_png_read_texts(
                raw.bindMemory(to: UInt8.self).baseAddress,
                raw.count,
                &limits,
                &buffer,
                &length,
                &message,
                message.count
            )
        }
        defer { hatchery_png_free(buffer) }
        guard status == HATCHERY_PNG_OK else { throw error(status, facts: hatchery_png_facts(), message: message) }
        guard let buffer else { return [] }
        // Keyword, NUL, text, NUL, … as the shim lays them out.
        let fields = UnsafeRawBufferPointer(start: buffer, count: length).split(
            separator: 0,
            omittingEmptySubsequences: false
        )
        .map { String(decoding: $0, as: UTF8.self) }
        return stride(from: 0, to: fields.count - 1, by: 2).map { (key: fields[$0], value: fields[$0 + 1]) }
    }

    /// The text of the first tEXt, zTXt or iTXt chunk named `key`; nil when the image has none.
    public func text(named key: String, in data: Data) throws(PNGError) -> String? {
        try texts(in: data).first { $0.key == key }?.value
    }

    private var limits: hatchery_png_limits {
        hatchery_png_limits(max_pixels: maxPixels, max_decoded_bytes: maxDecodedBytes, max_side: maxSide)
    }

    private func error(_ status: hatchery_png_status, facts: hatchery_png_facts, message: [CChar]) -> PNGError {
        let detail = PNGError.message(from: message)
        switch status {
        case HATCHERY_PNG_NOT_PNG, HATCHERY_PNG_BAD_ARGUMENT:
            return .notPNG(detail)
        case HATCHERY_PNG_TOO_LARGE:
            return .tooLarge(width: Int(facts.width), height: Int(facts.height), limit: maxPixels)
        case HATCHERY_PNG_TOO_LONG_A_SIDE:
            return .sideTooLong(width: Int(facts.width), height: Int(facts.height), limit: Int(maxSide))
        case HATCHERY_PNG_TOO_MANY_BYTES:
            return .tooMuchMemory(
                width: Int(facts.width),
                height: Int(facts.height),
                bytes: facts.decoded_bytes,
                limit: maxDecodedBytes
            )
        case HATCHERY_PNG_BAD_PALETTE_INDEX:
            return .invalidPaletteIndex(
                index: Int(facts.bad_palette_index),
                row: Int(facts.bad_palette_row),
                entries: Int(facts.palette_entries)
            )
        case HATCHERY_PNG_BAD_HEADER:
            return .invalidHeader(detail)
        case HATCHERY_PNG_NO_MEMORY:
            return .outOfMemory
        default:
            return .corrupt(detail)
        }
    }
}
