import ArgumentParser
import Foundation
import Hatchery
import Logging

/// The `hatchery` command: parsing, wiring and printing only; the work is in the library.
struct HatcheryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hatchery",
        abstract: "Turn a catalog of prompts into a published image gallery.",
        version: "0.1.0",
        subcommands: [Init.self, Build.self, Plan.self, Spend.self, Status.self, Settle.self, Serve.self, Theme.self],
        defaultSubcommand: nil
    )

    /// The process environment, read here once and passed to the library, which never reads it.
    static let environment = HatcheryEnvironment(ProcessInfo.processInfo.environment)
}

/// `--only` and `--force`, shared by `build` and `plan`.
struct SelectionOptions: ParsableArguments {
    @Option(help: "Submit only these prompts (comma-separated ids).")
    var only: String?

    @Option(help: "Submit these prompts even if unchanged (comma-separated ids).")
    var force: String?

    @Flag(help: "Send again prompts whose last failure would repeat (moderation, an invalid request).")
    var retryFailed = false

    var selection: Selection {
        Selection(only: only.map(Self.ids), force: force.map(Self.ids) ?? [], retryFailed: retryFailed)
    }

    func validate() throws {
        // `--only "$IDS"` with IDS empty would otherwise build nothing and say nothing of it.
        for (flag, text) in [("--only", only), ("--force", force)] where text.map(Self.ids)?.isEmpty == true {
            throw ValidationError("\(flag) names no prompt: give one or more ids, comma-separated.")
        }
    }

    static func ids(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// The site folder every subcommand works on.
struct SiteOptions: ParsableArguments {
    @Argument(help: "The site folder holding catalog.yaml.", completion: .directory)
    var directory: String = "."

    var url: URL { URL(fileURLWithPath: directory) }
}

/// `--verbose`, only on the commands that talk to a provider or serve, where there is something
/// to log.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log what each request does, on stderr.")
    var verbose = false

    func bootstrap() {
        LoggingOptions.bootstrap(level: verbose ? .debug : .warning)
    }

    /// Warnings only, for the commands without `--verbose`.
    static func bootstrap(level: Logger.Level = .warning) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// A flag's text read by one of the library's strict parsers, in `validate`: the error names the
/// flag and quotes the value shortened (ArgumentParser's own message would echo it whole).
enum FlagValue {
    static func read<T>(_ text: String?, _ flag: String, _ parse: (String) throws(ParseError) -> T) throws -> T? {
        guard let text else { return nil }
        do {
            return try parse(text)
        } catch {
            throw ValidationError("\(flag): \(error).")
        }
    }

    /// A whole number in ASCII digits within `range`, read as the catalog reads its numbers:
    /// `+3`, `3.0` and `٣` are refused, where `Int("+3")` would take the first.
    static func wholeNumber(_ text: String?, _ flag: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        let magnitude = text.hasPrefix("-") ? text.dropFirst() : text[...]
        guard let value = try? DecimalText.integer(magnitude) else {
            throw ValidationError(
                "\(flag): \(ValueQuote.quoted(text)) is not a whole number (only ASCII digits); use one from \(range.lowerBound) to \(range.upperBound)."
            )
        }
        guard !text.hasPrefix("-"), let number = Int(exactly: value), range.contains(number) else {
            throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound).")
        }
        return number
    }
}
