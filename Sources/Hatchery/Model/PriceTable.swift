import Foundation

/// Per-image prices, kept as dated data so that a price change is an added row, not a code edit.
public struct PriceTable: Sendable {
    /// One published price.
    public struct Entry: Sendable, Equatable {
        public var model: String
        /// The resolution this price is for; nil covers every resolution without a row of its own.
        public var resolution: Resolution?
        public var perImage: Money
        /// The first day (UTC, `YYYY-MM-DD`) this price applies.
        public var since: String
        /// Where the figure comes from.
        public var source: String

        public init(model: String, resolution: Resolution? = nil, perImage: Money, since: String, source: String) {
            self.model = model
            self.resolution = resolution
            self.perImage = perImage
            self.since = since
            self.source = source
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The models with a price: the only ones a catalog may name.
    public var models: [String] {
        Array(Set(entries.map(\.model))).sorted()
    }

    /// The price of one image of `model` at `resolution`, as of `day` (`YYYY-MM-DD`, default: all
    /// rows, newest wins). A row for the exact resolution beats the model's general row.
    public func perImage(model: String, resolution: Resolution?, on day: String? = nil) -> Money? {
        let candidates = entries.filter { $0.model == model && (day == nil || $0.since <= day!) }
        let exact = candidates.filter { $0.resolution != nil && $0.resolution == resolution }
        let general = candidates.filter { $0.resolution == nil }
        let pick = exact.isEmpty ? general : exact
        return pick.max { $0.since < $1.since }?.perImage
    }

    /// The estimated cost of one task: the per-image price times the images it asks for.
    public func estimate(model: String, resolution: Resolution?, outputs: Int) -> Money? {
        perImage(model: model, resolution: resolution).map { $0 * outputs }
    }
}

extension PriceTable {
    /// EggAPI's prices as its documentation states them (see shared/eggapi-contract.md).
    public static let eggAPI = PriceTable(entries: [
        Entry(
            model: "nanobanana",
            perImage: Money(micros: 10_000),
            since: "2025-12-01",
            source: "EggAPI docs: nanobanana $0.0100 per image"
        ),
        Entry(
            model: "nanobanana-pro",
            perImage: Money(micros: 16_000),
            since: "2025-12-01",
            source: "EggAPI docs (older generation): nanobanana-pro $0.016 per image"
        ),
        Entry(
            model: "nanobanana-pro",
            resolution: .fourK,
            perImage: Money(micros: 32_000),
            since: "2025-12-01",
            source: "EggAPI docs (older generation): nanobanana-pro $0.032 per image at 4k"
        ),
    ])
}
