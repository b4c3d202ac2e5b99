import Foundation
import Testing

@testable import Hatchery

@Suite struct SiteNamesTests {
    /// A stem any file system takes and any URL carries as it is.
    func isSafe(_ stem: String) -> Bool {
        !stem.isEmpty && stem.utf8.count <= 105 && !stem.hasPrefix(".") && !stem.hasPrefix("-") && !stem.hasSuffix(".")
            && !stem.contains("..") && !SiteNames.isReservedOnWindows(stem)
            && stem.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "."
            }
    }

    @Test("a clean slug is its own stem", arguments: ["coast", "v1.2", "nanobanana-pro", "a", "2026", "x.y.z"])
    func cleanSlugs(name: String) {
        #expect(SiteNames.stem(for: name) == name)
    }

    @Test(
        "other text gets its slug and a hash",
        arguments: [
            (".net", "net-"), ("misc.", "misc-"), ("Cats", "cats-"), ("a b", "a-b-"), ("a--b", "a-b-"),
            ("a..b", "a-b-"),
            ("../../etc/passwd", "etc-passwd-"), ("a/b\\c", "a-b-c-"), ("tab\there", "tab-here-"),
            ("caf\u{E9}", "caf-"),
            ("con", "con-"), ("NUL.txt", "nul-txt-"), ("com7", "com7-"), ("..", ""), ("", ""), ("日本", ""),
            ("\u{0}", ""),
        ] as [(String, String)]
    )
    func slugged(name: String, prefix: String) {
        let stem = SiteNames.stem(for: name)
        #expect(stem.hasPrefix(prefix) && stem.utf8.count == prefix.utf8.count + 8, "\(stem)")
        #expect(isSafe(stem), "\(stem)")
    }

    /// `isOwnSlug` and the short cut in `isReservedOnWindows` answer without making anything;
    /// they must agree with the rules they stand for on every text, not just on ids.
    @Test func theShortCutsAgreeWithTheRules() {
        var generator = SeededGenerator(seed: 13)
        let alphabet: [Character] = [
            "a", "z", "0", "9", ".", "-", "_", "A", " ", "/", "\u{E9}", "c", "o", "m", "n", "l", "p", "t", "u", "x",
            "r",
        ]
        let reserved = ["con", "prn", "aux", "nul"] + (0...9).flatMap { ["com\($0)", "lpt\($0)"] }
        for _ in 0..<20_000 {
            let text = String(
                (0..<Int.random(in: 0...7, using: &generator)).map { _ in
                    alphabet[Int.random(in: alphabet.indices, using: &generator)]
                }
            )
            #expect(SiteNames.isOwnSlug(text) == (SiteNames.slug(text) == text && !text.isEmpty), "\(text)")
            let base = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
            #expect(SiteNames.isReservedOnWindows(text) == reserved.contains(base), "\(text)")
        }
        let longest = String(repeating: "a", count: SiteNames.maxSlugBytes)
        #expect(SiteNames.isOwnSlug(longest) && !SiteNames.isOwnSlug(longest + "a"))
    }

    @Test func aLongNameIsCutWithAHash() {
        let long = String(repeating: "a", count: 251)
        let stem = SiteNames.stem(for: long)
        #expect(stem.hasPrefix(String(repeating: "a", count: 96) + "-") && stem.utf8.count == 105)
        #expect(SiteNames.stem(for: long + "b") != stem, "two long names with a common start keep two files")
        #expect(isSafe(SiteNames.stem(for: String(repeating: "ab-", count: 100))))
        #expect(isSafe(SiteNames.stem(for: String(repeating: "😀", count: 1000))))
    }

    @Test func namesThatFoldTogetherKeepSeparateFiles() {
        let tags = ["Cats", "cats", "CATS", "cats!", "cats.", ".cats", "Café", "café", "cafe"]
        let names = SiteNames(tags: tags, models: [])
        let pages = tags.map { names.tagPage($0) }
        #expect(Set(pages.map { $0.lowercased() }).count == tags.count, "\(pages)")
        #expect(names.tagPage("cats") == "tags/cats.html" && names.tagPage("cafe") == "tags/cafe.html")
    }

    @Test func aClashIsSettledTheSameWayWhateverTheOrder() {
        // A tag spelled exactly as another's hashed stem: the one that is its own slug keeps it.
        let hashed = SiteNames.stem(for: "Cats")
        let forward = SiteNames(tags: ["Cats", hashed], models: [])
        let backward = SiteNames(tags: [hashed, "Cats"], models: [])
        #expect(forward.tagPage(hashed) == "tags/\(hashed).html")
        #expect(forward.tagPage("Cats") != forward.tagPage(hashed))
        #expect(
            forward.tagPage("Cats") == backward.tagPage("Cats") && forward.tagPage(hashed) == backward.tagPage(hashed)
        )
    }

    @Test func manyNamesGetManyFiles() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbB.-_ /\\é")
        let tags = (0..<3000).map { _ in
            String(
                (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator) ?? "a"
                }
            )
        }
        let names = SiteNames(tags: tags, models: [])
        let distinct = Set(tags)
        let pages = Set(distinct.map { names.tagPage($0).lowercased() })
        #expect(pages.count == distinct.count)
        #expect(pages.allSatisfy { isSafe(String($0.dropFirst("tags/".count).dropLast(".html".count))) })
    }

    @Test func modelPagesPaginateInTheirOwnFolder() {
        let names = SiteNames(tags: [], models: ["nanobanana", "Odd Model"])
        #expect(names.modelPage("nanobanana") == "models/nanobanana.html")
        #expect(names.modelPage("nanobanana", number: 3) == "models/nanobanana/3.html")
        #expect(names.modelPage("Odd Model").hasPrefix("models/odd-model-"))
    }
}
