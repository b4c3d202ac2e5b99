import Foundation
import GRDB

extension Store {
    /// Where derived web images are kept between builds, beside the originals.
    public var derivedFolder: URL {
        folder.appendingPathComponent("derived")
    }

    public func derivedImages() async throws(StoreError) -> [WebImage] {
        // Columns by position: tens of thousands of rows, and a look-up by name per column was
        // most of reading them.
        try await reading { db in
            var images: [WebImage] = []
            // Sized once: grown row by row, the array was copied as it doubled, beside the
            // read-ahead's other tables at the start of a build.
            images.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM derived_images") ?? 0)
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT file, original_sha256, recipe, role, width, height, bytes FROM derived_images"
            )
            // An original's sizes sit in consecutive rows (saved together), all of one recipe:
            // each row takes the string of the row before when it is equal, so that 30,000 rows
            // hold 10,000 originals' names and one recipe's, not a copy in every row.
            var original = ""
            var recipe = ""
            while let row = try rows.next() {
                let rowOriginal: String = try row.decode(atIndex: 1)
                if rowOriginal != original { original = rowOriginal }
                let rowRecipe: String = try row.decode(atIndex: 2)
                if rowRecipe != recipe { recipe = rowRecipe }
                images.append(
                    WebImage(
                        file: try row.decode(atIndex: 0),
                        originalSha256: original,
                        recipe: recipe,
                        role: try row.decode(atIndex: 3),
                        width: try row.decode(atIndex: 4),
                        height: try row.decode(atIndex: 5),
                        bytes: try row.decode(atIndex: 6)
                    )
                )
            }
            return images
        }
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
