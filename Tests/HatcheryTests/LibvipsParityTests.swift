import Foundation
import Testing

@testable import Hatchery

/// The shim decodes, resizes and encodes on its own thread instead of through libvips'
/// pipeline and saver. These checks hold it to what the `vips` command makes from the same
/// PNG: the same VP8 stream, byte for byte, and every kind of PNG converted. Hatchery runs
/// libvips without ORC vector code, so the command runs with `--vips-novector` too.
@Suite(.enabled(if: SystemTools.available("vips", "vipsheader")))
struct LibvipsParityTests {
    let vips: URL
    let vipsheader: URL

    init() throws {
        vips = try #require(SystemTools.find("vips"), "apt-get install libvips-tools")
        vipsheader = try #require(SystemTools.find("vipsheader"), "apt-get install libvips-tools")
    }

    @Test func encodesTheSameVP8StreamAsLibvipsOwnSaver() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let png = directory.url.appendingPathComponent("original.png")
        try DerivedImageTests.original(width: 1024, height: 576).write(to: png)
        let outputs = try ImageDeriver().derive(png: try Data(contentsOf: png))

        // The original's own width, and 720 px through the same Lanczos-3 resize.
        let unscaled = directory.url.appendingPathComponent("unscaled.webp")
        _ = try await ChildProcess.run(
            vips,
            ["webpsave", png.path, unscaled.path, "--Q", "80", "--effort", "2", "--strip", "--vips-novector"]
        )
        let resized = directory.url.appendingPathComponent("resized.v")
        _ = try await ChildProcess.run(
            vips,
            ["resize", png.path, resized.path, "\(720.0 / 1024.0)", "--kernel", "lanczos3", "--vips-novector"]
        )
        let medium = directory.url.appendingPathComponent("medium.webp")
        _ = try await ChildProcess.run(
            vips,
            ["webpsave", resized.path, medium.path, "--Q", "80", "--effort", "2", "--strip", "--vips-novector"]
        )

        let large = try #require(outputs.first { $0.size.role == .large })
        let ours720 = try #require(outputs.first { $0.size.role == .medium })
        let oursLarge = try #require(Self.vp8Stream(large.webp))
        let oursMedium = try #require(Self.vp8Stream(ours720.webp))
        #expect(oursLarge == Self.vp8Stream(try Data(contentsOf: unscaled)))
        #expect(oursMedium == Self.vp8Stream(try Data(contentsOf: medium)))
    }

    @Test(arguments: [
        ("grey", ["colourspace", "b-w"]),
        ("16-bit", ["colourspace", "rgb16"]),
        ("alpha", ["bandjoin_const", "255"]),
    ])
    func convertsEveryKindOfPNG(kind: String, operation: [String]) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let source = directory.url.appendingPathComponent("source.png")
        try DerivedImageTests.original(width: 800, height: 600).write(to: source)
        let converted = directory.url.appendingPathComponent("\(kind).png")
        _ = try await ChildProcess.run(vips, [operation[0], source.path, converted.path] + operation.dropFirst())

        let outputs = try ImageDeriver().derive(png: try Data(contentsOf: converted))
        #expect(outputs.map(\.width) == [360, 720, 800], "\(kind)")
        #expect(outputs.map(\.height) == [270, 540, 600], "\(kind)")
        for output in outputs {
            let file = directory.url.appendingPathComponent("\(kind)-\(output.width).webp")
            try output.webp.write(to: file)
            // libvips reads each file back at the size the deriver reported.
            let header = try await ChildProcess.run(vipsheader, [file.path])
            #expect(header.contains("\(output.width)x\(output.height) uchar"), "\(kind): \(header)")
        }
    }

    /// The payload of a WebP file's `VP8 ` chunk: the compressed picture, without the
    /// container's metadata chunks.
    static func vp8Stream(_ webp: Data) -> Data? {
        let bytes = [UInt8](webp)
        var offset = 12
        while offset + 8 <= bytes.count {
            let fourCC = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let length =
                Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(
                    bytes[offset + 7]
                ) << 24
            if fourCC == "VP8 " { return Data(bytes[offset + 8..<offset + 8 + length]) }
            offset += 8 + length + (length & 1)
        }
        return nil
    }
}
