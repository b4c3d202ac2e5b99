import ArgumentParser
import Foundation
import Hatchery

/// A no-op build of a large site: how long `hatchery build` takes, as a person runs it, when
/// nothing changed; and its peak memory at each size, which should stay flat.
struct NoOpBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noop",
        abstract: "Times no-op builds of generated sites with the hatchery binary beside this one."
    )

    @Option(parsing: .upToNextOption, help: "Site sizes in prompts.")
    var prompts: [Int] = [1000, 10000]

    @Option(help: "No-op builds timed per size (the median is reported).")
    var runs = 5

    @Option(help: "Long side of the painted images; only the setup build paints them.")
    var imageSide = 64

    @Option(help: "Keep each generated site in this folder and reuse it next time (skips the setup build).")
    var keepSites: String?

    func run() async throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "hatchery"
        )
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ValidationError("build the hatchery product first: \(binary.path) is missing")
        }
        for count in prompts {
            let site =
                keepSites.map { URL(fileURLWithPath: $0).appendingPathComponent("\(count)") }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "hatchery-noop-\(count)-\(UUID().uuidString)"
                )
            defer { if keepSites == nil { try? FileManager.default.removeItem(at: site) } }
            if !FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path) {
                try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
                try Self.catalog(count).write(
                    to: site.appendingPathComponent("catalog.yaml"),
                    atomically: true,
                    encoding: .utf8
                )
                let setupStart = ContinuousClock.now
                let side = imageSide
                let report = try await BuildPipeline(
                    options: BuildOptions(siteDirectory: site),
                    makeProvider: { _ in LocalProvider(longSide: side) }
                ).run()
                print(
                    String(
                        format: "%6d prompts: setup build %.1f s (%d files)",
                        count,
                        (ContinuousClock.now - setupStart).seconds,
                        report.render.filesWritten
                    )
                )
            }

            // The setup ran inside this process; the binary's first build re-renders once and
            // stamps the site as its own (a different binary may render differently).
            let (firstSeconds, firstMemory, _) = try await Self.timed(binary, ["build", site.path])
            print(
                String(
                    format: "%6d prompts: first build by the hatchery binary %.2f s, peak RSS %d MiB",
                    count,
                    firstSeconds,
                    firstMemory / 1024
                )
            )

            var times: [Double] = []
            var memory: [Int] = []
            for _ in 0..<runs {
                let (seconds, kilobytes, output) = try await Self.timed(binary, ["build", site.path])
                guard output.contains("0 written"), output.contains("0 submitted") else {
                    throw ValidationError("the build was not a no-op:\n\(output)")
                }
                times.append(seconds)
                memory.append(kilobytes)
            }
            times.sort()
            print(
                String(
                    format: "%6d prompts: no-op build median %.3f s [%@], peak RSS %d MiB",
                    count,
                    times[times.count / 2],
                    times.map { String(format: "%.3f", $0) }.joined(separator: " "),
                    memory.max()! / 1024
                )
            )
        }
    }

    static func catalog(_ count: Int) -> String {
        var text = """
            gallery:
              title: No-op benchmark
              templates: \(Self.templates.path)
              page_size: 60
            provider: local
            defaults:
              model: nanobanana
            prompts:

            """
        let subjects = ["fox", "whale", "tower", "forest", "desert", "harbour", "comet", "garden"]
        for index in 0..<count {
            text +=
                "  - id: p\(index)\n    prompt: A \(subjects[index % subjects.count]) study number \(index), soft light, wide shot\n"
            text += "    tags: [\(subjects[index % subjects.count]), set\(index % 20)]\n"
            if index % 3 == 0 { text += "    model: nanobanana-pro\n" }
        }
        return text
    }

    /// The repository's templates, found from the working directory (the scripts run from the root).
    static var templates: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("templates")
    }

    /// Runs the binary under /usr/bin/time; returns wall seconds, peak RSS in KiB and stdout.
    static func timed(_ binary: URL, _ arguments: [String]) async throws -> (Double, Int, String) {
        let start = ContinuousClock.now
        let result = try await ChildCommand.run(
            URL(fileURLWithPath: "/usr/bin/time"),
            ["-f", "%e %M", binary.path] + arguments
        )
        let seconds = (ContinuousClock.now - start).seconds
        let kilobytes = Int(result.errors.split(separator: "\n").last?.split(separator: " ").last ?? "") ?? 0
        return (seconds, kilobytes, result.output)
    }
}
