import Foundation
import Hatchery

/// `PNGReader` (header only, full decode, text chunks) and `PNGTextChunks.replacing`: what a build
/// does with a provider's output. Inputs have their chunk CRCs repaired first, so mutations reach
/// past libpng's CRC check; the raw bytes are read too, for the CRC errors themselves.
enum PNGTarget {
    static let reader = PNGReader()

    static func run(_ input: Data) throws(FuzzFinding) {
        let png = PNGChunkCRC.repairing(input)
        let header = try? reader.facts(of: png, verifyingPixels: false)
        let full = try? reader.facts(of: png, verifyingPixels: true)
        if let full {
            guard header == full else {
                throw FuzzFinding(
                    .png,
                    "the header reads \(String(describing: header)) alone but \(full) with the pixels"
                )
            }
            guard UInt64(full.width) * UInt64(full.height) <= reader.maxPixels, full.width > 0, full.height > 0 else {
                throw FuzzFinding(.png, "accepted \(full.width)×\(full.height), outside 1…\(reader.maxPixels) pixels")
            }
        }
        _ = try? reader.text(named: "hatchery:provenance", in: png)
        if png != input {
            _ = try? reader.facts(of: input, verifyingPixels: true)
        }
        // Publishing adds provenance chunks to what was accepted; the result must still be read
        // as the same image.
        if let full, let published = try? PNGTextChunks.replacing([(key: "hatchery:provenance", value: "{}")], in: png)
        {
            guard let again = try? reader.facts(of: published, verifyingPixels: true), again == full else {
                throw FuzzFinding(.png, "an accepted PNG is no longer read as \(full) once provenance is added")
            }
        }
    }
}
