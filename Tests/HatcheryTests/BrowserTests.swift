import Foundation
import Testing

@testable import Hatchery

/// The gallery in a real browser (Debian's headless Chromium) served from 127.0.0.1: the
/// images decode at the sizes the pages claim. The viewer has its own suite, ViewerBrowserTests.
@Suite struct BrowserTests {
    /// A page beside the site's own that loads one of them in a frame (same origin, so it can
    /// look inside), checks it, and writes what it found as JSON into `#result`.
    static let probe = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head><body>
        <pre id="result">pending</pre>
        <iframe id="frame" style="width:1280px;height:2400px" title="page"></iframe>
        <script>
        const frame = document.getElementById("frame");
        const report = (value) => { document.getElementById("result").textContent = JSON.stringify(value); };
        const loaded = (img) => img.complete && img.naturalWidth > 0 ? Promise.resolve()
          : new Promise((done) => { img.addEventListener("load", done, { once: true }); img.addEventListener("error", done, { once: true }); });
        frame.addEventListener("load", async () => {
          try {
            const page = frame.contentDocument, view = frame.contentWindow;
            // Images above the fold load on their own; the rest are asked for, as scrolling would.
            const images = Array.from(page.querySelectorAll("main img"));
            const visible = images.filter((img) => img.getBoundingClientRect().top < view.innerHeight);
            images.forEach((img) => { img.loading = "eager"; });
            await Promise.all(images.map(loaded));
            const result = {
              images: images.length, visible: visible.length,
              blank: images.filter((img) => img.naturalWidth === 0).map((img) => img.currentSrc || img.src),
              // The decoded picture has the shape the width and height attributes promise (its
              // natural size is scaled by the srcset candidate's density, its shape is not).
              misshapen: images.filter((img) => Math.abs(img.naturalWidth / img.naturalHeight - img.getAttribute("width") / img.getAttribute("height")) > 0.02)
                .map((img) => `${img.currentSrc} ${img.naturalWidth}x${img.naturalHeight} for ${img.getAttribute("width")}x${img.getAttribute("height")}`),
              webp: images.filter((img) => (img.currentSrc || "").endsWith(".webp")).length,
            };
            report(result);
          } catch (error) { report({ error: String(error) }); }
        });
        frame.src = location.hash.slice(1);
        </script></body></html>
        """

    struct Finding: Decodable {
        var images: Int?
        var visible: Int?
        var blank: [String]?
        var misshapen: [String]?
        var webp: Int?
        var error: String?
    }

    func check(_ page: String, server: RunningServer, chromium: URL) async throws -> Finding {
        let url = "http://127.0.0.1:\(server.port)/__probe.html#\(page)"
        let run = await
            (try ChildProcess(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1300,2500",
                    "--virtual-time-budget=20000", "--dump-dom", url,
                ],
                environment: ["HOME": FileManager.default.temporaryDirectory.path]
            )).finish()
        #expect(run.status == 0)
        let dom = run.output
        guard let start = dom.range(of: "<pre id=\"result\">"),
            let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else {
            Issue.record("no result in Chromium's DOM:\n\(dom.prefix(2000))")
            return Finding()
        }
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Finding.self, from: Data(json.utf8))
    }

    @Test(.enabled(if: SystemTools.available("chromium")))
    func imagesRenderAtTheirSizesInChromium() async throws {
        let chromium = try #require(SystemTools.find("chromium"), "apt-get install chromium")
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let site = try await SystemTools.sampleSite(in: directory)
        try Self.probe.write(to: site.appendingPathComponent("__probe.html"), atomically: true, encoding: .utf8)
        let server = try await PreviewServer.start(folder: site, port: 0)

        let index = try await check("index.html", server: server, chromium: chromium)
        #expect(index.error == nil)
        #expect((index.images ?? 0) == 8 && (index.visible ?? 0) > 0 && index.webp == 8)
        #expect(index.blank == [] && index.misshapen == [], "\(index.misshapen ?? [])")
        // A prompt page: its image.
        let hostile = try await check("prompts/hostile.html", server: server, chromium: chromium)
        #expect(hostile.error == nil && hostile.blank == [] && hostile.misshapen == [] && (hostile.images ?? 0) >= 1)
        await server.stop()
    }
}
