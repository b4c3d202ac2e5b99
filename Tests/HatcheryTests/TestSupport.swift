import Foundation

@testable import Hatchery

/// A fresh folder under the system's temporary directory, removed by `cleanup()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hatchery-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanup() {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}

enum Fixtures {
    /// The repository's own templates, as a user gets them.
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    static let sampleCatalog = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("site/catalog.yaml")

    /// A catalog of `prompts` entries (YAML mappings without the leading dash), templates from the repo.
    static func catalog(_ prompts: [String], extra: String = "") -> String {
        var text = """
            gallery:
              title: Test gallery
              templates: \(templates.path)
            provider: local
            concurrency: 2
            defaults:
              model: nanobanana
            \(extra)
            prompts:

            """
        for prompt in prompts {
            let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false)
            text += "  - " + lines[0] + "\n"
            for line in lines.dropFirst() { text += "    " + line + "\n" }
        }
        return text
    }

    /// A small valid PNG made through libpng.
    static func png(width: Int = 32, height: Int = 16) throws -> Data {
        var image = RGBImage(width: width, height: height, fill: (10, 120, 200))
        image.pixels[0] = 255
        return try PNGEncoder().encode(image)
    }
}

/// CRC-32 as PNG chunks use it, to craft files with valid or broken checksums.
enum CRC32 {
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}

/// A child process awaited without blocking a thread: the test process has as many
/// cooperative threads as cores (two here), and a blocked one would starve the in-process
/// simulator the child is talking to.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `Process` is not Sendable; it is only touched before start and through `kill`.
    let process = Process()
    private let output: URL
    private let exited: Task<Int32, Never>

    /// `capturingErrors` sends the child's stderr to the same output as its stdout.
    init(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String],
        capturingErrors: Bool = false,
        currentDirectory: URL? = nil
    ) throws {
        output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hatchery-child-\(UUID().uuidString).out"
        )
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.environment = environment.merging([
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        ]) { a, _ in a }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = capturingErrors ? handle : FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { process in
            continuation.yield(process.terminationStatus)
            continuation.finish()
        }
        exited = Task {
            var iterator = stream.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// What the child has written so far, while it runs.
    var printedSoFar: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// Runs a child to its end and returns what it printed; a non-zero exit throws.
    static func run(_ executable: URL, _ arguments: [String]) async throws -> String {
        let result = await (try ChildProcess(executable, arguments, environment: [:], capturingErrors: true)).finish()
        guard result.status == 0 else {
            throw ChildProcessFailure(
                command: ([executable.lastPathComponent] + arguments).joined(separator: " "),
                output: result.output
            )
        }
        return result.output
    }

    /// Waits for the child to end; returns its exit status (or signal) and what it printed.
    func finish() async -> (status: Int32, output: String, signalled: Bool) {
        let status = await exited.value
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: output)
        return (status, text, process.terminationReason == .uncaughtSignal)
    }
}

struct ChildProcessFailure: Error, CustomStringConvertible {
    var command: String
    var output: String
    var description: String { "`\(command)` failed: \(output)" }
}

/// Tools from the system that some checks run (the Nu HTML checker, Chromium, the `vips`
/// command), found on PATH. CI sets `HATCHERY_TOOL_CHECKS=1` so that a missing tool fails
/// those tests instead of skipping them.
enum SystemTools {
    static var required: Bool {
        ProcessInfo.processInfo.environment["HATCHERY_TOOL_CHECKS"] == "1"
    }

    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether tests that need `names` run: when they are all installed, or when CI requires them.
    static func available(_ names: String...) -> Bool {
        required || names.allSatisfy { find($0) != nil }
    }

    /// A site built from the sample catalog plus a hostile prompt, small pages so that every
    /// kind of page (index pages, tags, models, prompts with history, cost) exists.
    /// `gallery` adds lines under `gallery:` (each indented by two spaces, ending in a line break).
    static func sampleSite(
        in directory: TemporaryDirectory,
        pageSize: Int = 8,
        gallery: String = ""
    ) async throws -> URL {
        var catalog = try String(contentsOf: Fixtures.sampleCatalog, encoding: .utf8)
            .replacingOccurrences(
                of: "templates: ../templates",
                with: "templates: \(Fixtures.templates.path)\n  page_size: \(pageSize)\n\(gallery)"
            )
        catalog = catalog.replacingOccurrences(
            of: "\nprompts:\n",
            with: "\nprompts:\n" + """
                  - id: hostile
                    title: <b>Bold</b> & "quoted"
                    prompt: '</textarea><script>alert(1)</script> "quotes" & ampersands \(String(repeating: "long line ", count: 190))'
                    tags: [<i>tag</i>, "a & b"]

                """
        )
        _ = try directory.write(catalog, to: "catalog.yaml")
        var options = BuildOptions(siteDirectory: directory.url)
        options.concurrency = 2
        _ = try await BuildPipeline(options: options).run()
        return directory.url.appendingPathComponent("public")
    }
}

/// The problems `CatalogLoader` finds in `yaml` read as `file`; none when it loads.
func catalogProblems(_ yaml: String, file: URL) -> [CatalogProblem] {
    do {
        _ = try CatalogLoader().parse(yaml, file: file)
        return []
    } catch {
        return error.problems
    }
}

extension Store {
    /// Records the intent of a task for `spec` in `run`, as a build does before it sends one:
    /// its fingerprint and request made from the spec for `provider`.
    func recordIntent(
        of spec: PromptSpec,
        run: Int64,
        provider: ProviderKind = .local,
        estimate: Money = Money(micros: 1_000)
    ) async throws -> TaskRecord {
        try await recordIntent(
            promptID: spec.id,
            runID: run,
            fingerprint: Fingerprint(spec, provider: provider),
            provider: provider,
            request: GenerationRequest(spec),
            estimate: estimate
        )
    }
}
