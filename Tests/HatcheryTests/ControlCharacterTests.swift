import Foundation
import Testing

@testable import Hatchery

/// The catalog's control-character test by ranges is the Unicode category it stands for.
@Suite struct ControlCharacterTests {
    @Test func theRangesAreExactlyCategoryCcLessTabAndLineBreaks() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let byCategory = scalar.properties.generalCategory == .control && ![9, 10, 13].contains(value)
            if CatalogNodeReader.isForbiddenControl(scalar) != byCategory { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
