import Foundation
import Testing

@testable import Hatchery

/// Thousands of small originals through the real stage, more workers than cores: libvips
/// operations made and freed on every thread at once. With ORC vector code on, libvips 8.14
/// crashed here (SIGSEGV in liborc's code allocator, about one run in five on 2 cores); every
/// output must also come out right.
@Suite struct DerivationStressTests {
    /// Three sizes, each a resize, so every original makes and frees three reduce operations.
    static let recipe = DerivedRecipe(
        sizes: [
            .init(role: .small, width: 12), .init(role: .medium, width: 24),
            .init(role: .large, width: 40),
        ],
        quality: 70,
        effort: 0,
        libraryVersion: ImageDeriver.libraryVersion
    )

    /// Gradients 48 pixels wide and 20 to 35 high, painted once.
    static let bases: [RGBImage] = (20...35).map { height in
        var image = RGBImage(width: 48, height: height)
        for offset in stride(from: 0, to: image.pixels.count, by: 3) {
            let (x, y) = (offset / 3 % 48, offset / 3 / 48)
            image.pixels[offset] = UInt8(x * 5)
            image.pixels[offset + 1] = UInt8(y * 7)
            image.pixels[offset + 2] = UInt8(x + y)
        }
        return image
    }

    /// An original of its own for each index: a base with the index written into its first pixel.
    static func original(_ index: Int) throws -> Data {
        var image = bases[index % bases.count]
        image.pixels[0] = UInt8(index & 0xff)
        image.pixels[1] = UInt8(index >> 8)
        return try PNGEncoder(compressionLevel: 1).encode(image)
    }

    /// A fresh folder, on tmpfs when the system has one.
    static func scratchFolder() throws -> URL {
        var isFolder: ObjCBool = false
        let shm = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder) && isFolder.boolValue
        let base = shm ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let folder = base.appendingPathComponent("hatchery-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func libvipsRunsWithoutORCVectorCode() throws {
        _ = ImageDeriver(recipe: Self.recipe)
        #expect(!ImageDeriver.usesVectorCode)
    }

    @Test func twoThousandOriginalsOnEveryCoreAllComeOutRight() async throws {
        // 8,000 files: in memory where the system has a tmpfs, as deleting them from a disk
        // can take longer than the test.
        let directory = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(folder: directory)
        let count = 2000
        var heights: [String: Int] = [:]
        var samples: [String: Data] = [:]
        for index in 0..<count {
            let png = try Self.original(index)
            let sha = try store.objects.put(png)
            heights[sha] = 20 + index % 16
            if index % 100 == 0 { samples[sha] = png }
        }
        #expect(heights.count == count)
        // With glibc keeping freed buffers in two heaps per core, as the hatchery binary runs the
        // stage (libvips' start-up no longer sets it): more workers than heaps share them.
        AllocatorTuning.keepFreedBuffers()
        #if canImport(Glibc)
        #expect(AllocatorTuning.twoHeapsPerCore())
        #endif
        let deriver = ImageDeriver(recipe: Self.recipe)
        let workers = max(6, 3 * ProcessInfo.processInfo.activeProcessorCount)

        let (images, summary) = try await DerivationStage(store: store, deriver: deriver, parallelism: workers)
            .run(originals: Set(heights.keys))
        #expect(summary.made == count && summary.failures.isEmpty)
        for (sha, height) in heights {
            let made = images[original: sha]
            #expect(made.map(\.width) == [12, 24, 40], "\(sha)")
            // Each size is made from the next larger one, libvips rounding half up each time.
            let h40 = Int((Double(height) * 40 / 48 + 0.5).rounded(.down))
            let h24 = Int((Double(h40) * 24 / 40 + 0.5).rounded(.down))
            #expect(made.map(\.height) == [Int((Double(h24) * 12 / 24 + 0.5).rounded(.down)), h24, h40], "\(sha)")
        }
        // The same bytes as one at a time on one thread: nothing was mixed up between workers.
        for (sha, png) in samples {
            let alone = try deriver.derive(png: png)
            for (output, record) in zip(alone, images[original: sha]) {
                let file = try Data(contentsOf: store.derivedFolder.appendingPathComponent(record.file))
                #expect(file == output.webp, "\(record.file)")
            }
        }
    }
}
