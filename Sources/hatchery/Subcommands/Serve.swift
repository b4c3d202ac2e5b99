import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve DIR/public on localhost to preview the gallery."
        )

        @OptionGroup var site: SiteOptions
        @OptionGroup var logging: LoggingOptions

        @Option(name: .customLong("port"), parsing: .unconditional, help: "Port to listen on (0 picks a free one).")
        var portText = "8000"

        /// Set by `validate`, which ArgumentParser runs before `run` on the same value.
        private var port = 8000

        mutating func validate() throws {
            // NIO would take 73536 as 8000 (modulo 65536) without a word.
            port = try FlagValue.wholeNumber(portText, "--port", in: 0...65_535) ?? port
        }

        func run() async throws {
            logging.bootstrap()
            let folder = try SiteFolder(existing: site.url).url.appendingPathComponent("public")
            let server = try await PreviewServer.start(folder: folder, port: port)
            // Written at once, not through print's buffer: a script reads the port from a pipe,
            // where print's output would wait for the exit.
            FileHandle.standardOutput.write(
                Data("Serving \(folder.path) at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)\n".utf8)
            )
            try await server.wait()
        }
    }
}
