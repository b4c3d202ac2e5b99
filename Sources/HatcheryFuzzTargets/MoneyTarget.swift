import Foundation
import Hatchery

/// `Money(parsing:)`: catalog budgets, `--max-spend` and every provider cost string.
enum MoneyTarget {
    static func run(_ input: Data) throws(FuzzFinding) {
        // Money arrives as a String (a YAML scalar, an argument, a JSON string): valid Unicode.
        let text = String(decoding: input, as: UTF8.self)
        guard let money = Money(parsing: text) else { return }
        // Accepted means `[-][$]digits[.digits]` in ASCII around the trimmed whitespace, nothing else.
        let body = text.trimmingCharacters(in: .whitespaces)
        guard body.unicodeScalars.allSatisfy({ "-$.0123456789".unicodeScalars.contains($0) }) else {
            throw FuzzFinding(.money, "accepted \(text.debugDescription), which is not ASCII digits")
        }
        // What Hatchery prints, it reads back as the same amount.
        guard Money(parsing: money.formatted) == money else {
            throw FuzzFinding(
                .money,
                "\(text.debugDescription) formats as \(money.formatted), which reads back differently"
            )
        }
    }
}
