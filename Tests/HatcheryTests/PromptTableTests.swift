import Testing

@testable import Hatchery

@Suite struct PromptTableTests {
    let fox = Fingerprint(hex: String(repeating: "a", count: 64))
    let owl = Fingerprint(hex: String(repeating: "b", count: 64))
    let old = Fingerprint(hex: "not a digest")

    @Test func eachIdFindsAllItsValuesAndNoOther() {
        // Given out of id order, as a GROUP BY may give them.
        let table = PromptTable([("owl", owl), ("fox", fox), ("cat", fox), ("fox", old), ("ant", owl)])
        #expect(Set(table.values(of: "fox")) == [fox, old])
        #expect(Array(table.values(of: "owl")) == [owl])
        #expect(Array(table.values(of: "ant")) == [owl])
        #expect(table.values(of: "bee").isEmpty && table.values(of: "").isEmpty && table.values(of: "zzz").isEmpty)
        #expect(table["cat"] == fox && table["bee"] == nil)
        #expect(table.contains(id: "cat") && !table.contains(id: "ca"))
        #expect(table.all.map(\.id) == ["ant", "cat", "fox", "fox", "owl"])
        #expect(PromptTable<Fingerprint>().values(of: "fox").isEmpty)
    }

    @Test func anIdAddedTwiceAnswersWithTheLastAsADictionaryDid() {
        // A store edited by hand holds one id as text and as a blob: rows read in either order.
        #expect(PromptTable([("fox", fox), ("owl", owl), ("fox", old)])["fox"] == old)
        #expect(PromptTable([("fox", old), ("owl", owl), ("fox", fox)])["fox"] == fox)
        #expect(PromptTable([("owl", owl), ("fox", old), ("ant", owl), ("fox", fox)])["fox"] == fox)
    }

    @Test func idsMatchAsDictionaryKeysDid() {
        // "é" composed and decomposed are one String, and were one dictionary key.
        let table = PromptTable([("caf\u{E9}", fox), ("cafe", owl)])
        #expect(table["cafe\u{301}"] == fox)
        #expect(table["cafe"] == owl)
    }

    @Test func tablesAreEqualWhateverOrderTheirValuesCameIn() {
        let one = PromptTable([("fox", fox), ("fox", old), ("owl", owl)])
        #expect(one == PromptTable([("owl", owl), ("fox", old), ("fox", fox)]))
        #expect(one != PromptTable([("owl", owl), ("fox", fox), ("fox", fox)]))
        #expect(one != PromptTable([("owl", owl), ("fox", fox)]))
        // As many times each: {fox: [fox, fox]} is not {fox: [fox, old]}.
        #expect(PromptTable([("fox", fox), ("fox", fox)]) != PromptTable([("fox", fox), ("fox", old)]))
        #expect(PromptTable([("fox", fox), ("fox", old)]) != PromptTable([("fox", fox), ("fox", fox)]))
        #expect(PromptTable(["fox": fox]) == PromptTable([("fox", fox)]))
    }

    @Test func aFingerprintTakesFortyBytesInAnArray() {
        // The snapshot holds one per prompt and task: as the SIMD vector, aligned to 16, it took 48.
        #expect(MemoryLayout<Fingerprint>.stride == 40)
    }
}
