import Foundation
import GRDB

extension Store {
    /// Opens the store of the site in `siteDirectory` for `status`, `spend` and `plan`, which read
    /// while a build may be running and must neither wait for it nor get in its way.
    ///
    /// They do not take the site's lock. The one thing they could race a build on is the schema:
    /// two processes migrating at once fail (`table … already exists`). So a reader migrates
    /// only when the schema is behind, and then only under the lock, for a moment. When a
    /// build holds the lock, that build is about to migrate (it opens the store first thing),
    /// so the reader polls until the schema is current or the lock is free, a bounded number
    /// of times, then says who holds the site.
    ///
    /// Nothing is created: a folder without state is refused (`SiteFolderError.noState`).
    public static func openForReading<C: Clock>(
        siteDirectory: URL,
        clock: C,
        attempts: Int = 200,
        interval: Duration = .milliseconds(50)
    ) async throws -> Store
    where C.Duration == Duration {
        _ = try SiteFolder(withState: siteDirectory)
        // While a build runs its write-ahead log is open: read through it without writing, so
        // that a build stopped inside a transaction (suspended, or a laptop asleep) holds no
        // reader up. Without a build, or behind on the schema, open as before.
        let stateFolder = siteDirectory.appendingPathComponent(SiteFolder.Names.stateFolder)
        if let reader = try? Store(folder: stateFolder, migrating: false, readOnly: true),
            (try? await reader.schemaIsCurrent()) == true
        {
            return reader
        }
        let store = try Store(siteDirectory: siteDirectory, migrating: false)
        for _ in 0..<attempts {
            if try await store.schemaIsCurrent() { return store }
            if let lock = try SiteLock.attempt(siteDirectory: siteDirectory, for: .migration) {
                defer { lock.release() }
                try store.migrate()
                return store
            }
            try await clock.sleep(for: interval)
        }
        throw SiteLockError.busy(
            site: siteDirectory.path,
            holder: SiteLock.holder(siteDirectory: siteDirectory),
            refused: .migration,
            canWait: false
        )
    }

    /// `openForReading` on the system's clock.
    public static func openForReading(siteDirectory: URL) async throws -> Store {
        try await openForReading(siteDirectory: siteDirectory, clock: ContinuousClock())
    }

    /// The store of the site in `siteDirectory` opened for reading, for `plan`; nil for a site
    /// that has never been built, without creating anything there.
    public static func openForPlanning(siteDirectory: URL) async throws -> Store? {
        guard try SiteFolder(existing: siteDirectory).hasState else { return nil }
        return try await openForReading(siteDirectory: siteDirectory)
    }

    /// The store of the site in `siteDirectory`, migrated or not.
    convenience init(siteDirectory: URL, migrating: Bool) throws(StoreError) {
        try self.init(folder: siteDirectory.appendingPathComponent(SiteFolder.Names.stateFolder), migrating: migrating)
    }

    /// Whether every migration this build of Hatchery knows has been applied.
    func schemaIsCurrent() async throws(StoreError) -> Bool {
        try await reading { db in try StoreMigrations.migrator.hasCompletedMigrations(db) }
    }

    /// Applies the migrations not applied yet. Only under the site's lock.
    func migrate() throws(StoreError) {
        do {
            try StoreMigrations.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(
                path: folder.appendingPathComponent(SiteFolder.Names.database).path,
                reason: String(describing: error)
            )
        }
    }
}
