import Foundation

/// Runs Debian's headless Chromium on a probe page in real time (animations and
/// `requestAnimationFrame` run, which `--virtual-time-budget` stalls) and returns what the probe
/// reported: the JSON it logs to the console after `HATCHERY-PROBE `, which Chromium prints on
/// stderr with `--enable-logging=stderr`. Chromium is stopped once the line is there (a probe
/// cannot close a window whose history it has grown).
enum ChromiumProbe {
    static let marker = "HATCHERY-PROBE "

    struct NoReport: Error, CustomStringConvertible {
        var output: String
        var description: String { "Chromium ended without a probe report; it printed:\n\(output.suffix(3000))" }
    }

    /// `flags` go before the URL (window size, colour scheme, touch). The probe bounds each of its
    /// waits, so it reports even when the viewer is broken; `polls` (of a quarter second) only keeps
    /// a Chromium that hangs from holding the test run.
    static func run(_ chromium: URL, url: String, flags: [String], polls: Int = 2400) async throws -> String {
        let child = try ChildProcess(
            chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0"]
                + flags + [url],
            environment: ["HOME": FileManager.default.temporaryDirectory.path],
            capturingErrors: true
        )
        var left = polls
        while child.process.isRunning, report(in: child.printedSoFar) == nil, left > 0 {
            try await Task.sleep(for: .milliseconds(250))
            left -= 1
        }
        // Chromium quits on SIGTERM, or is killed when it does not within ten seconds.
        if child.process.isRunning { child.process.terminate() }
        for _ in 0..<40 where child.process.isRunning { try await Task.sleep(for: .milliseconds(250)) }
        if child.process.isRunning { _ = kill(child.pid, SIGKILL) }
        let output = await child.finish().output
        guard let json = report(in: output) else { throw NoReport(output: output) }
        return json
    }

    /// The JSON on the console line `[…:INFO:CONSOLE:…] "HATCHERY-PROBE {…}", source: URL (line)`.
    static func report(in output: String) -> String? {
        guard let start = output.range(of: marker) else { return nil }
        let rest = output[start.upperBound...]
        guard let lineEnd = rest.firstIndex(of: "\n") else { return nil }
        let line = rest[..<lineEnd]
        guard let end = line.range(of: "\", source: ", options: .backwards) else { return nil }
        return String(line[..<end.lowerBound])
    }
}

/// axe-core's script as a PyPI package bundles it: `pip install --no-deps
/// axe-playwright-python==0.1.8` (axe-core 4.12.1; the package's Playwright glue is not needed).
/// Found through python3 without importing the package.
enum AxeCore {
    static let pip = "python3 -m pip install --no-deps axe-playwright-python==0.1.8"

    static func script() async -> URL? {
        guard let python = SystemTools.find("python3") else { return nil }
        let code = """
            import importlib.util, os
            spec = importlib.util.find_spec("axe_playwright_python")
            print(os.path.join(spec.submodule_search_locations[0], "axe.min.js") if spec else "")
            """
        guard let output = try? await ChildProcess.run(python, ["-c", code]) else { return nil }
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty || !FileManager.default.fileExists(atPath: path) ? nil : URL(fileURLWithPath: path)
    }
}
