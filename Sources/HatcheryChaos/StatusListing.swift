import Foundation
import Hatchery

/// What `hatchery status DIR` printed, read as a person reads it: the tasks it lists (in
/// flight or unknown) and, for unknown ones, the provider tasks they could be.
public struct StatusListing: Sendable {
    /// A task line (`  #12 unknown p3 (eggapi, nanobanana) …`) and its `could be:` line.
    public struct Entry: Sendable, Equatable {
        public var taskID: Int64
        public var status: String
        public var promptID: String
        public var candidates: [String]
    }

    public var entries: [Entry]
    /// The whole text, in which a remote id or a prompt id may be named.
    public var text: String

    public init(_ text: String) {
        self.text = text
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") {
                let words = trimmed.dropFirst().split(separator: " ")
                guard words.count >= 3, let id = Int64(words[0]) else { continue }
                entries.append(Entry(taskID: id, status: String(words[1]), promptID: String(words[2]), candidates: []))
            } else if trimmed.hasPrefix("could be:"), !entries.isEmpty {
                // "could be: gen_a (…); gen_b (…)": each candidate is the word before its " (".
                let list = trimmed.dropFirst("could be:".count)
                entries[entries.count - 1].candidates = list.components(separatedBy: "; ").compactMap { part in
                    part.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init)
                }
            }
        }
        self.entries = entries
    }

    public var unknown: [Entry] { entries.filter { $0.status == TaskStatus.unknown.rawValue } }

    /// Whether the listing names this task (by number), its remote id or its prompt.
    public func lists(taskID: Int64) -> Bool { entries.contains { $0.taskID == taskID } }

    public func mentions(_ word: String) -> Bool {
        text.range(of: word) != nil
    }
}
