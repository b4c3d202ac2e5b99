import Foundation
import GRDB

/// The build's memory: a SQLite database (`state.sqlite`) and the content-addressed originals
/// (`objects/`), both in the site's `.hatchery/` folder.
public final class Store: Sendable {
    public let folder: URL
    public let objects: ObjectStore
    let pool: DatabasePool

    /// Opens (creating if needed) the store in `folder`, bringing its schema up to date unless
    /// `migrating` is false (see `openForReading`).
    public convenience init(folder: URL, migrating: Bool = true) throws(StoreError) {
        try self.init(folder: folder, migrating: migrating, readOnly: false)
    }

    /// `readOnly`: opens without writing anything, not even the write-ahead log GRDB sets up
    /// on a read-write open (which waits for a build stopped inside a transaction); it fails
    /// when no connection has that log open.
    init(folder: URL, migrating: Bool, readOnly: Bool, busyTimeout: TimeInterval = 10) throws(StoreError) {
        let path = folder.appendingPathComponent(SiteFolder.Names.database).path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.readonly = readOnly
            configuration.foreignKeysEnabled = true
            // A second hatchery on the same site waits for the first rather than failing at once.
            configuration.busyMode = .timeout(busyTimeout)
            pool = try DatabasePool(path: path, configuration: configuration)
            if migrating { try StoreMigrations.migrator.migrate(pool) }
        } catch {
            if StoreError.isBusy(error) { throw .busy(path: path) }
            throw .cannotOpen(path: path, reason: ErrorReason.of(error))
        }
        self.folder = folder
        objects = ObjectStore(folder: folder.appendingPathComponent("objects"))
    }

    /// The store of the site in `siteDirectory`.
    public convenience init(siteDirectory: URL) throws(StoreError) {
        try self.init(folder: siteDirectory.appendingPathComponent(SiteFolder.Names.stateFolder))
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await reading { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw StoreError.isBusy(error) ? .busy(path: pool.path) : .database(String(describing: error))
        }
    }

    func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw StoreError.isBusy(error) ? .busy(path: pool.path) : .database(String(describing: error))
        }
    }
}
