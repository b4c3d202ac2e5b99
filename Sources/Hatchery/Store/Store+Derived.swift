import Foundation
import GRDB

extension Store {
    /// Where derived web images are kept between builds, beside the originals.
    public var derivedFolder: URL {
        folder.appendingPathComponent("derived")
    }

    public func derivedImages() async throws(StoreError) -> [WebImage] {
        try await reading { db in try DerivedImageRecord.fetchAll(db).map(\.webImage) }
    }

    public func saveDerivedImages(_ images: [WebImage]) async throws(StoreError) {
        guard !images.isEmpty else { return }
        try await writing { db in
            for image in images { try DerivedImageRecord(image).upsert(db) }
        }
    }

    public func deleteDerivedImages(files: [String]) async throws(StoreError) {
        guard !files.isEmpty else { return }
        try await writing { db in
            _ = try DerivedImageRecord.deleteAll(db, keys: files)
        }
    }
}
