/// A web image made from an original by a recipe: one of the sizes the gallery serves in
/// `srcset`. Kept between builds in the store's derived folder (and its `derived_images` table),
/// copied into the site's `images/`.
public struct WebImage: Sendable, Hashable {
    /// SHA-256 (lowercase hex) of the original PNG it was made from. This and `recipe` name
    /// the file, so they are set once.
    public let originalSha256: String
    /// The recipe's tag: a new recipe makes new files.
    public let recipe: String
    public var role: DerivedRecipe.Role
    /// In pixels.
    public var width: Int
    public var height: Int
    /// The file's size in bytes.
    public var bytes: Int
    /// The file's name by its parts: a render of 100,000 prompts holds 300,000 of these, and
    /// their names spelled out were its largest table.
    let name: Name

    /// The file's name in the derived folder and in the site's `images/`.
    public var file: String {
        name.text(original: originalSha256, recipe: recipe)
    }

    public init(
        file: String,
        originalSha256: String,
        recipe: String,
        role: DerivedRecipe.Role,
        width: Int,
        height: Int,
        bytes: Int
    ) {
        self.originalSha256 = originalSha256
        self.recipe = recipe
        self.role = role
        self.width = width
        self.height = height
        self.bytes = bytes
        name = Name(file, original: originalSha256, recipe: recipe)
    }

    /// A web image's file name: as `DerivedRecipe.fileName(original:size:)` makes it, held as
    /// the width asked for (the original's hash and the recipe's tag are the image's own); any
    /// other name as it is.
    enum Name: Sendable, Hashable {
        /// `<original>-<recipe>-<width>.webp`
        case recipe(width: Int)
        case other(String)

        init(_ file: String, original: String, recipe: String) {
            if let width = Self.width(in: file, original: original, recipe: recipe) {
                self = .recipe(width: width)
            } else {
                self = .other(file)
            }
        }

        func text(original: String, recipe: String) -> String {
            switch self {
            case .recipe(let width): "\(original)-\(recipe)-\(width).webp"
            case .other(let file): file
            }
        }

        /// The width `file` names when it is `<original>-<recipe>-<width>.webp` as a decimal
        /// number prints (no sign, no leading zero), so that `text` gives `file` back byte for byte.
        static func width(in file: String, original: String, recipe: String) -> Int? {
            // On the bytes in place: every record the store reads is taken apart here.
            var file = file
            var original = original
            var recipe = recipe
            return file.withUTF8 { name in
                original.withUTF8 { original in
                    recipe.withUTF8 { recipe in width(in: name, original: original, recipe: recipe) }
                }
            }
        }

        private static func width(
            in name: UnsafeBufferPointer<UInt8>,
            original: UnsafeBufferPointer<UInt8>,
            recipe: UnsafeBufferPointer<UInt8>
        ) -> Int? {
            let dash = UInt8(ascii: "-")
            let suffix: StaticString = ".webp"
            let digitsStart = original.count + 1 + recipe.count + 1
            let digitsEnd = name.count - suffix.utf8CodeUnitCount
            guard digitsEnd > digitsStart,
                name[original.count] == dash, name[digitsStart - 1] == dash,
                name[..<original.count].elementsEqual(original),
                name[(original.count + 1)..<(digitsStart - 1)].elementsEqual(recipe),
                name[digitsEnd...].elementsEqual(
                    UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
                )
            else { return nil }
            let digits = name[digitsStart..<digitsEnd]
            // At most 18 digits: no overflow; a leading zero would print otherwise.
            guard digits.count <= 18, digits.first != UInt8(ascii: "0") || digits.count == 1 else { return nil }
            var width = 0
            for digit in digits {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                width = width * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return width
        }
    }
}
