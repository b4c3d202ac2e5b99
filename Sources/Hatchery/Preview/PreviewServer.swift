import Foundation
import Hummingbird
import Logging

/// Serves a built site from disk on localhost, for looking at it before publishing.
public enum PreviewServer {
    /// Serves `folder` (the site's `public/`) on `host:port`; port 0 picks a free one.
    public static func start(
        folder: URL,
        host: String = "127.0.0.1",
        port: Int = 8000,
        logger: Logger = Logger(label: "hatchery.serve")
    ) async throws -> RunningServer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            // `hatchery serve site/public` looks for site/public/public: name the folder to pass.
            let given = folder.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: given.appendingPathComponent("manifest.json").path) {
                throw PreviewError.publicFolderGiven(given.path, site: given.deletingLastPathComponent().path)
            }
            throw PreviewError.nothingBuilt(folder.path)
        }
        let router = Router()
        // Each request at debug level: `serve --verbose` shows what a browser asked for.
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: FileMiddleware(folder.path, searchForIndexHtml: true, logger: logger))
        return try await RunningServer.start(
            router: router,
            host: host,
            port: port,
            name: "hatchery-serve",
            logger: logger
        )
    }
}

public enum PreviewError: Error, LocalizedError, Equatable {
    case nothingBuilt(String)
    /// The folder given is a built site's `public/` (it holds `manifest.json`), not the site.
    case publicFolderGiven(String, site: String)

    public var errorDescription: String? {
        switch self {
        case .nothingBuilt(let path): "There is no built site at \(path); run `hatchery build` first."
        case .publicFolderGiven(let path, let site):
            "\(path) is a built gallery, not its site folder; pass the folder that holds it: `hatchery serve \(site)`."
        }
    }
}
