import Foundation

/// EggAPI's JSON shapes, parsed leniently: every generation of its documentation must parse
/// (absent or null fields, two timestamp styles, two output styles, several cost formats).
enum EggAPIWire {
    /// `{"data": …, "error": null | {"code", "message"}}`
    struct Envelope<T: Decodable>: Decodable {
        var data: T?
        var error: ErrorBody?
    }

    struct ErrorBody: Decodable, Sendable {
        var code: String?
        var message: String?
    }

    struct Task: Decodable, Sendable {
        var id: String
        var status: String
        var model: String?
        var type: String?
        var output: Output?
        var error: LenientText?
        var cost: Cost?
        var createdAt: String?
        var startedAt: String?
        var completedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, status, model, type, output, error, cost
            case createdAt = "created_at"
            case startedAt = "started_at"
            case completedAt = "completed_at"
        }
    }

    /// `{"url": first}` (older) or `{"url": first, "urls": [all]}`.
    struct Output: Decodable, Sendable {
        var url: String?
        var urls: [String]?

        var all: [String] {
            if let urls, !urls.isEmpty { return urls }
            return url.map { [$0] } ?? []
        }
    }

    struct Page<Item: Decodable>: Decodable {
        var items: [Item]
        var pagination: Pagination?
    }

    struct Pagination: Decodable, Sendable {
        var page: Int?
        var perPage: Int?
        var total: Int?
        var totalPages: Int?

        enum CodingKeys: String, CodingKey {
            case page, total
            case perPage = "per_page"
            case totalPages = "total_pages"
        }
    }

    struct UsageSummaryRow: Decodable, Sendable {
        var model: String
        var totalUnits: Int?
        var totalCost: Cost?
        var requestCount: Int?

        enum CodingKeys: String, CodingKey {
            case model
            case totalUnits = "total_units"
            case totalCost = "total_cost"
            case requestCount = "request_count"
        }
    }

    /// A money amount given as `"$0.0100"`, `"0.016000"` or, leniently, a JSON number.
    struct Cost: Decodable, Sendable {
        var money: Money?
        /// The text given, kept when it is not money, so the task can say so.
        var text: String?
        /// Why the text given is not money.
        var problem: ParseError?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                money = nil
            } else if let text = try? container.decode(String.self) {
                self.text = text
                do {
                    money = try Money.parse(text)
                } catch {
                    problem = error
                }
            } else if let number = try? container.decode(Decimal.self) {
                // Decimal keeps the JSON number's digits; never goes through Double.
                money = Money(parsing: "\(number)")
                text = "\(number)"
            } else {
                money = nil
            }
        }
    }

    /// Text that some examples give as a string and others as `{"message": …}`.
    struct LenientText: Decodable, Sendable {
        var text: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                text = nil
            } else if let string = try? container.decode(String.self) {
                text = string
            } else if let body = try? container.decode(ErrorBody.self) {
                text = [body.code, body.message].compactMap { $0 }.joined(separator: ": ")
            } else {
                text = nil
            }
        }
    }
}

extension ProviderTask {
    init(_ wire: EggAPIWire.Task) {
        let created = wire.createdAt.flatMap(Timestamp.parseWithPrecision)
        let status = Status(reported: wire.status)
        self.init(
            id: wire.id,
            status: status,
            outputs: (wire.output?.all ?? []).compactMap(URL.init(string:)),
            cost: wire.cost?.money,
            error: wire.error?.text,
            createdAt: created?.date,
            createdAtPrecision: created?.precision ?? 1,
            model: wire.model,
            type: wire.type
        )
        createdAtText = wire.createdAt
        if status == .ended || status == .unrecognized { reportedStatus = wire.status }
        if let cost = wire.cost, cost.money == nil, let text = cost.text { unreadableCost = text }
    }
}
