import ArgumentParser
import Logging

/// The `hatchery` command: parsing, wiring and printing only; the work is in the library.
@main
struct HatcheryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hatchery",
        abstract: "Turn a catalog of prompts into a published image gallery.",
        version: "0.1.0",
        subcommands: [Build.self, Plan.self, Status.self, Settle.self],
        defaultSubcommand: nil
    )
}

/// Options every subcommand that works on a site shares.
struct SiteOptions: ParsableArguments {
    @Argument(help: "The site folder holding catalog.yaml.", completion: .directory)
    var directory: String = "."

    @Flag(name: .shortAndLong, help: "Log what each task does, on stderr.")
    var verbose = false

    func bootstrapLogging() {
        let level: Logger.Level = verbose ? .debug : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
