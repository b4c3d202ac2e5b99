import Algorithms

/// Values by prompt id, in one array sorted by id and found by binary search. A prompt may
/// have several values (the fingerprints of its completed tasks), which sit together.
///
/// The store's snapshot and the gallery's records hold a few of these for every prompt a site
/// has. As dictionaries, 100,000 prompts took 262,144 buckets each (a table grows at three
/// quarters full), and a set of fingerprints per prompt was an allocation of its own.
///
/// Ids compare as `String` does (canonical equivalence), as they did as dictionary keys.
public struct PromptTable<Value: Sendable>: Sendable {
    public typealias Entry = (id: String, value: Value)

    private var entries: [Entry]

    /// An empty table.
    public init() {
        entries = []
    }

    /// `entries` in any order; an id may come more than once.
    public init(_ entries: [Entry]) {
        self.entries = entries
        // Stores give them in id order as often as not, and a sorted array is checked in one pass.
        // The sort is stable: the values of one id stay in the order they were added.
        if !self.entries.isSorted(by: { $0.id < $1.id }) { self.entries.sort { $0.id < $1.id } }
    }

    /// How many values, over all ids.
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The values of `id`, in no particular order; empty when it has none.
    public func values(of id: String) -> LazyMapSequence<ArraySlice<Entry>, Value> {
        let start = entries.partitioningIndex { $0.id >= id }
        let end = entries[start...].partitioningIndex { $0.id != id }
        return entries[start..<end].lazy.map(\.value)
    }

    /// The value of `id`, for a table of one value per id; nil when it has none. Of an id added
    /// more than once (a store edited by hand can hold one id as text and as a blob), the one
    /// added last, as a dictionary's last assignment wins.
    public subscript(id: String) -> Value? {
        values(of: id).last
    }

    /// Whether `id` has any value.
    public func contains(id: String) -> Bool {
        self[id] != nil
    }

    /// Every id with its values, in id order.
    public var all: some Collection<Entry> { entries }
}

extension PromptTable: Equatable where Value: Equatable {
    /// Equal when each id holds the same values, as many times each, in whatever order.
    public static func == (lhs: PromptTable, rhs: PromptTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var index = lhs.entries.startIndex
        while index < lhs.entries.endIndex {
            let id = lhs.entries[index].id
            let mine = Array(lhs.values(of: id))
            var theirs = Array(rhs.values(of: id))
            guard mine.count == theirs.count else { return false }
            for value in mine {
                guard let match = theirs.firstIndex(of: value) else { return false }
                theirs.remove(at: match)
            }
            index += mine.count
        }
        return true
    }
}

extension PromptTable {
    /// A table of one value per id, from a dictionary.
    public init(_ dictionary: [String: Value]) {
        self.init(dictionary.map { (id: $0.key, value: $0.value) })
    }
}

extension Array {
    /// Whether every element is in order by `areInIncreasingOrder` (equal neighbours allowed).
    func isSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        zip(self, dropFirst()).allSatisfy { !areInIncreasingOrder($1, $0) }
    }
}
