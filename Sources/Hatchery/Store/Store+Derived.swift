import Foundation
import GRDB

extension Store {
    /// Where derived web images are kept between builds, beside the originals.
    public var derivedFolder: URL {
        folder.appendingPathComponent("derived")
    }

    public func derivedImages() async throws(StoreError) -> [DerivedImageRecord] {
        try await reading { db in try DerivedImageRecord.fetchAll(db) }
    }

    public func saveDerivedImages(_ records: [DerivedImageRecord]) async throws(StoreError) {
        guard !records.isEmpty else { return }
        try await writing { db in
            for record in records { try record.upsert(db) }
        }
    }

    public func deleteDerivedImages(files: [String]) async throws(StoreError) {
        guard !files.isEmpty else { return }
        try await writing { db in
            _ = try DerivedImageRecord.deleteAll(db, keys: files)
        }
    }
}
