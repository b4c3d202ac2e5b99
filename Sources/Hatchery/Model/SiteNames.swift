import Foundation

/// The one place that names the files a site writes: pages for prompts, tags and models,
/// the originals and their web sizes, and the fixed files beside them. Every `href` a page
/// holds is one of these paths, so links and files cannot disagree.
///
/// Catalog text becomes a file name through its *stem*: ASCII lowercase letters and digits,
/// with single `-` or `.` between them (never first, last or doubled, so never a hidden file
/// or `..`), at most ``maxSlugBytes`` bytes before a suffix, and never a device name Windows
/// reserves. Text that is already such a stem keeps it (`coast` → `tags/coast.html`); any other
/// text gets its slug plus `-` and eight hex digits of the SHA-256 of the text (`Cats` →
/// `tags/cats-1f0e….html`), so names that differ only in case or punctuation keep separate
/// files on a case-insensitive disk. Stems need no URL escaping.
struct SiteNames: Sendable {
    /// A slug is cut to this many bytes before its hash suffix: a stem is at most 105 bytes,
    /// far inside the 255 bytes of ext4, APFS and NTFS (and eCryptfs' 143) with room for any
    /// extension.
    static let maxSlugBytes = 96

    private let tagStems: [String: String]
    private let modelStems: [String: String]

    /// Stems for every tag and model a site shows, unique within each kind.
    init(tags: some Sequence<String>, models: some Sequence<String>) {
        tagStems = Self.allocate(Set(tags))
        modelStems = Self.allocate(Set(models))
    }

    // MARK: Pages named from catalog text

    /// `tags/<stem>.html` for the first page, then `tags/<stem>/2.html`, ….
    func tagPage(_ tag: String, number: Int = 1) -> String {
        let stem = tagStems[tag] ?? Self.stem(for: tag)
        return number == 1 ? "tags/\(stem).html" : "tags/\(stem)/\(number).html"
    }

    /// `models/<stem>.html` for the first page, then `models/<stem>/2.html`, ….
    func modelPage(_ model: String, number: Int = 1) -> String {
        let stem = modelStems[model] ?? Self.stem(for: model)
        return number == 1 ? "models/\(stem).html" : "models/\(stem)/\(number).html"
    }

    /// `prompts/<id>.html`. The catalog only accepts ids that are their own stem.
    static func promptPage(_ id: String) -> String {
        "prompts/\(stem(for: id)).html"
    }

    /// `prompts/<id>.json`, the page's sidecar.
    static func promptSidecar(_ id: String) -> String {
        "prompts/\(stem(for: id)).json"
    }

    // MARK: Fixed files and images

    /// `index.html`, then `pages/2.html`, ….
    static func indexPage(_ number: Int) -> String {
        number == 1 ? "index.html" : "pages/\(number).html"
    }

    static let costPage = "cost.html"
    static let manifest = "manifest.json"
    static let searchIndex = "search-index.js"
    /// With `gallery.base_url` only: they need absolute addresses.
    static let sitemap = "sitemap.xml"
    static let feed = "feed.xml"

    /// A file copied from the templates' `assets/` folder.
    static func asset(_ relativePath: String) -> String {
        "assets/\(relativePath)"
    }

    /// An original's file name: its content's hash and its provenance record's, both hex.
    static func original(sha256: String, provenanceDigest: String) -> String {
        "\(sha256)-\(provenanceDigest.prefix(provenanceDigits)).png"
    }

    /// How many hex digits of the provenance record's digest an original's name carries.
    static let provenanceDigits = 10

    /// A file in `images/`: an original, or a web size as the derived folder names it
    /// (hex hashes, a recipe tag and a width).
    static func image(_ name: String) -> String {
        "images/\(name)"
    }

    // MARK: Stems

    /// `text`'s stem on its own, before any clash with another name of the same kind is settled.
    static func stem(for text: String) -> String {
        // Most ids are their own slug: every link to a page asks, so that case makes nothing.
        if isOwnSlug(text), !isReservedOnWindows(text) { return text }
        let slug = slug(text)
        if slug == text, !slug.isEmpty, !isReservedOnWindows(slug) { return slug }
        return hashed(text, slug: slug, digits: 8)
    }

    /// `slug-<digits of the hash>`, or the digits alone for an empty slug.
    private static func hashed(_ text: String, slug: String, digits: Int) -> String {
        var slug = slug
        // Windows goes by what comes before the first dot: `nul.txt-…` would still be `nul`.
        if isReservedOnWindows(slug), let dot = slug.firstIndex(of: ".") { slug.replaceSubrange(dot...dot, with: "-") }
        let digest = hash(text, digits: digits)
        return slug.isEmpty ? digest : "\(slug)-\(digest)"
    }

    /// Whether `text` names its file as it is written: the rule for prompt ids.
    static func isOwnStem(_ text: String) -> Bool {
        stem(for: text) == text
    }

    /// ASCII letters (lowercased) and digits; a lone `.` between two of them is kept, any other
    /// run of other characters becomes one `-`, and runs at either end are dropped. Cut to
    /// `maxSlugBytes`. May be empty.
    static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        // The run of other characters since the last letter or digit: its length, and whether it is one dot.
        var gap = 0
        var gapIsDot = false
        for scalar in text.unicodeScalars {
            guard scalar.isASCII, let byte = Self.alphanumeric(UInt8(scalar.value)) else {
                gap += 1
                gapIsDot = gap == 1 && scalar == "."
                continue
            }
            if !out.isEmpty, gap > 0 {
                out.append(gapIsDot ? UInt8(ascii: ".") : UInt8(ascii: "-"))
            }
            gap = 0
            out.append(byte)
            if out.count > maxSlugBytes { break }
        }
        if out.count > maxSlugBytes {
            out.removeLast(out.count - maxSlugBytes)
            while let last = out.last, last == UInt8(ascii: "-") || last == UInt8(ascii: ".") { out.removeLast() }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `slug(text) == text`, found without making the slug: lowercase ASCII letters and
    /// digits, a lone `.` or `-` between two of them, at most `maxSlugBytes`.
    static func isOwnSlug(_ text: String) -> Bool {
        var count = 0
        var afterSeparator = true
        for byte in text.utf8 {
            count += 1
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                afterSeparator = false
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                if afterSeparator { return false }
                afterSeparator = true
            default:
                return false
            }
        }
        return count > 0 && count <= maxSlugBytes && !afterSeparator
    }

    private static func alphanumeric(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        default: nil
        }
    }

    /// Windows refuses these as file names whatever follows the first dot (`con.html`, `nul.tar.gz`).
    static func isReservedOnWindows(_ stem: String) -> Bool {
        // Every reserved name is three or four bytes before the first dot: every page path asks.
        if stem.utf8.first != UInt8(ascii: ".") {
            let length = stem.utf8.prefix { $0 != UInt8(ascii: ".") }.count
            guard length == 3 || length == 4 else { return false }
        }
        let base = stem.split(separator: ".", maxSplits: 1).first.map(String.init) ?? stem
        if ["con", "prn", "aux", "nul"].contains(base) { return true }
        guard base.count == 4, base.hasPrefix("com") || base.hasPrefix("lpt"), let last = base.last else {
            return false
        }
        return last.isASCII && last.isNumber
    }

    /// Hex digits of the SHA-256 of `text` in Unicode's composed form, so that the same text
    /// typed on macOS (decomposed) or elsewhere gets the same file.
    private static func hash(_ text: String, digits: Int) -> String {
        String(SHA256Digest.hex(of: text.precomposedStringWithCanonicalMapping).prefix(digits))
    }

    /// Stems for `names`, unique. Names that are their own stem are placed first, then the rest
    /// in the order of their UTF-8 bytes (the same on every machine and locale); a name whose
    /// stem is taken gets a longer hash, then a counter.
    static func allocate(_ names: Set<String>) -> [String: String] {
        let wanted = names.map { (name: $0, stem: stem(for: $0)) }.sorted { a, b in
            let aOwn = a.name == a.stem
            let bOwn = b.name == b.stem
            if aOwn != bOwn { return aOwn }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        var taken = Set<String>()
        var stems: [String: String] = [:]
        for (name, first) in wanted {
            var stem = first
            if taken.contains(stem) {
                let longer = hashed(name, slug: slug(name), digits: 16)
                stem = longer
                var counter = 2
                while taken.contains(stem) {
                    stem = "\(longer)-\(counter)"
                    counter += 1
                }
            }
            taken.insert(stem)
            stems[name] = stem
        }
        return stems
    }
}
