import Foundation
import Testing

@testable import Hatchery

/// The viewer (PhotoSwipe and templates/assets/viewer.js) in Debian's headless Chromium, on a
/// desktop (1366×900) and a phone (390×844, touch events on), light and dark, served by
/// `hatchery serve` and opened from disk: Tests/browser/viewer-probe.js opens it from a link,
/// moves with keys, swipes and pinches with synthesized pointers, closes it, checks focus, the
/// inert page, the URL per image, Back and a deep link, and runs axe-core on every page type
/// with the viewer closed and open.
@Suite struct ViewerBrowserTests {
    struct Run: CustomStringConvertible {
        var fromDisk: Bool
        var width: Int
        var height: Int
        var dark: Bool
        var pages: [String]

        var phone: Bool { width < 600 }
        var description: String {
            "\(fromDisk ? "file://" : "serve") \(width)×\(height) \(dark ? "dark" : "light")"
        }
    }

    /// Every page type: index, prompt page (two images, and the hostile prompt's one), model, tag, cost.
    static let pages = [
        "index.html", "prompts/desert-caravan.html", "models/nanobanana.html", "tags/desert.html", "cost.html",
        "prompts/hostile.html",
    ]

    static let runs: [Run] =
        [(1366, 900, false), (1366, 900, true), (390, 844, false), (390, 844, true)].map {
            Run(fromDisk: false, width: $0.0, height: $0.1, dark: $0.2, pages: pages)
        } + [
            Run(
                fromDisk: true,
                width: 1366,
                height: 900,
                dark: false,
                pages: ["index.html", "prompts/desert-caravan.html"]
            ),
            Run(
                fromDisk: true,
                width: 390,
                height: 844,
                dark: true,
                pages: ["index.html", "prompts/desert-caravan.html"]
            ),
        ]

    /// What the viewer must pass on a page with several images; a page with one skips moving.
    static let singleImageChecks = [
        "opens", "urlPerImage", "opaque", "caption", "captionLinks", "captionIsText", "captionOnScreen",
        "focusInside", "pageInert", "focusTrapped", "pageLocked", "controls", "controlsOnScreen",
        "fullscreenButton", "neighboursPreloaded", "escapeCloses", "focusBack",
    ]
    static let galleryChecks =
        singleImageChecks + [
            "arrowRight", "arrowLeft", "swipe", "swipeBack", "urlCleared", "pageUnlocked", "backOpensWithEntry",
            "backCloses", "deepLink", "deepLinkCloses",
        ]

    struct Report: Decodable {
        var scheme: String?
        var error: String?
        var results: [PageReport]
    }

    struct PageReport: Decodable {
        var page: String
        var links: Int?
        var captionPrompt: String?
        var checks: [String: Check]
        var violations: [Violation]
    }

    /// `true`, or why the check failed.
    enum Check: Decodable, Equatable {
        case passed
        case failed(String)

        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let passed = try? value.decode(Bool.self) {
                self = passed ? .passed : .failed("false")
            } else {
                self = .failed(try value.decode(String.self))
            }
        }
    }

    struct Violation: Decodable, CustomStringConvertible {
        var state: String
        var id: String
        var impact: String?
        var help: String
        var nodes: [String]
        var description: String {
            "[viewer \(state)] \(id) (\(impact ?? "?")): \(help)\n  " + nodes.joined(separator: "\n  ")
        }
    }

    @Test(.enabled(if: SystemTools.available("chromium", "python3")))
    func theViewerWorksEverywhereAndAxeFindsNothing() async throws {
        let chromium = try #require(SystemTools.find("chromium"), "apt-get install chromium")
        let axe = try #require(await AxeCore.script(), "axe-core is missing: \(AxeCore.pip)")
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let site = try await SystemTools.sampleSite(in: directory)
        try Self.install(axe: axe, into: site)
        let server = try await PreviewServer.start(folder: site, port: 0)

        for run in Self.runs {
            let base = run.fromDisk ? site.absoluteString : "http://127.0.0.1:\(server.port)/"
            let fragment = "pages=\(run.pages.joined(separator: ","))&width=\(run.width)&height=\(run.height)"
            var flags = [
                "--window-size=1400,1000", "--blink-settings=preferredColorScheme=\(run.dark ? 0 : 1)",
                // Frames of file:// pages are other origins unless this is given.
                "--allow-file-access-from-files",
            ]
            if run.phone { flags.append("--touch-events=enabled") }
            let json = try await ChromiumProbe.run(chromium, url: base + "__probe.html#" + fragment, flags: flags)
            let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
            #expect(report.error == nil, "\(run): \(report.error ?? "")")
            #expect(report.scheme == (run.dark ? "dark" : "light"), "\(run)")
            #expect(report.results.map(\.page) == run.pages, "\(run)")
            for page in report.results { Self.expectPasses(page, in: run) }
        }

        // The probe's frame has no Fullscreen API in headless Chromium; a window has, and a deep
        // link opened in one shows the viewer with its full-screen button.
        let deepLink = await
            (try ChildProcess(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=390,844",
                    "--virtual-time-budget=10000", "--dump-dom",
                    "http://127.0.0.1:\(server.port)/index.html#desert-caravan/1",
                ],
                environment: ["HOME": FileManager.default.temporaryDirectory.path]
            )).finish()
        #expect(deepLink.output.contains("class=\"pswp__button pswp__button--fullscreen\""))
        #expect(deepLink.output.contains("<p class=\"viewer-title\">Desert caravan</p>"))
        await server.stop()
    }

    static func install(axe: URL, into site: URL) throws {
        let probe = Fixtures.templates.deletingLastPathComponent().appendingPathComponent(
            "Tests/browser/viewer-probe.js"
        )
        let html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head><body style="margin:0">
            <iframe id="frame" title="page" allow="fullscreen" style="border:0;display:block"></iframe>
            <pre id="result">pending</pre>
            <script src="__probe.js"></script></body></html>
            """
        try html.write(to: site.appendingPathComponent("__probe.html"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: probe, to: site.appendingPathComponent("__probe.js"))
        try FileManager.default.copyItem(at: axe, to: site.appendingPathComponent("__axe.js"))
    }

    static func expectPasses(_ page: PageReport, in run: Run) {
        let place = "\(run) \(page.page)"
        #expect(page.checks["loaded"] == .passed, "\(place)")
        #expect(
            page.violations.isEmpty,
            "\(place): axe-core found\n\(page.violations.map(\.description).joined(separator: "\n"))"
        )
        let failed = page.checks.filter { $0.value != .passed }.map { "\($0.key): \($0.value)" }.sorted()
        #expect(failed.isEmpty, "\(place): \(failed.joined(separator: "; "))")
        let expectedLinks = ["cost.html": 0, "prompts/hostile.html": 1, "prompts/desert-caravan.html": 2]
        if let links = expectedLinks[page.page] { #expect(page.links == links, "\(place)") }
        guard (page.links ?? 0) > 0 else { return }
        var required = (page.links ?? 0) > 1 ? galleryChecks : singleImageChecks
        // Every sample image is larger than a phone's screen, so there it zooms.
        if run.phone && (page.links ?? 0) > 1 { required.append("pinchZooms") }
        if (page.links ?? 0) > 2 { required.append("skipsHidden") }
        let missing = required.filter { page.checks[$0] == nil }
        #expect(missing.isEmpty, "\(place): the probe did not check \(missing)")
        if page.page == "prompts/hostile.html" {
            // The hostile prompt reaches the caption as text, tags and quotes included.
            #expect(
                page.captionPrompt?.hasPrefix("</textarea><script>alert(1)</script> \"quotes\" & ampersands") == true
            )
        }
    }
}
