import Foundation

/// Where a render finds the files behind its images: the stored originals and the derived
/// web sizes (with their dimensions).
public struct ImageFiles: Sendable {
    public var objects: ObjectStore
    public var derived: DerivedImages
    public var derivedFolder: URL

    public init(objects: ObjectStore, derived: DerivedImages, derivedFolder: URL) {
        self.objects = objects
        self.derived = derived
        self.derivedFolder = derivedFolder
    }
}
