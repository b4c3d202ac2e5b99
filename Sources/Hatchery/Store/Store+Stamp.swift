import GRDB

/// What a finished build saw and left: the digest of its inputs, the store's revision and the
/// digest of the site, with a few counts for the summary.
public struct BuildStamp: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "build_stamp"

    var id = 1
    public var inputs: String
    /// The templates folder the build used (the catalog names it, and is not read on a no-op).
    public var templates: String
    public var revision: Int64
    public var site: String
    public var prompts: Int
    public var images: Int
    public var files: Int

    public init(inputs: String, templates: String, revision: Int64, site: String, prompts: Int, images: Int, files: Int)
    {
        self.inputs = inputs
        self.templates = templates
        self.revision = revision
        self.site = site
        self.prompts = prompts
        self.images = images
        self.files = files
    }
}

extension Store {
    /// Goes up whenever a prompt, task, image or derived image is written.
    public func revision() async throws(StoreError) -> Int64 {
        try await reading { db in try Int64.fetchOne(db, sql: "SELECT value FROM revision WHERE id = 1") ?? 0 }
    }

    public func buildStamp() async throws(StoreError) -> BuildStamp? {
        try await reading { db in try BuildStamp.fetchOne(db) }
    }

    public func saveBuildStamp(_ stamp: BuildStamp?) async throws(StoreError) {
        try await writing { db in
            try BuildStamp.deleteAll(db)
            try stamp?.insert(db)
        }
    }
}
