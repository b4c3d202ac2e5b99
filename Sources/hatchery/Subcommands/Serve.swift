import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve DIR/public on localhost to preview the gallery.")

        @OptionGroup var site: SiteOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "Port to listen on (0 picks a free one).")
        var port = 8000

        func run() async throws {
            logging.bootstrap()
            let folder = try SiteFolder(existing: site.url).url.appendingPathComponent("public")
            let server = try await PreviewServer.start(folder: folder, port: port)
            print("Serving \(folder.path) at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
            try await server.wait()
        }
    }
}
