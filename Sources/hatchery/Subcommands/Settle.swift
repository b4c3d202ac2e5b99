import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Settle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a task whose outcome is unknown, by hand.",
            usage: "hatchery settle [<directory>] <task> (--adopt <remote-id> | --not-created)"
        )

        // DIR is optional and comes first, so ArgumentParser alone would read `settle 5 --adopt X`
        // (in the site folder) as DIR 5 and no task: the positions are sorted out here.
        @Argument(
            help: ArgumentHelp(
                "The site folder (default: the current one), then the task number `hatchery status` shows.",
                valueName: "directory> <task"
            )
        )
        var positions: [String] = []

        @OptionGroup var logging: LoggingOptions

        @Option(help: "The provider's task id that this request created.")
        var adopt: String?

        @Flag(help: "The request created nothing: the next build sends it again.")
        var notCreated = false

        /// The folder and the task number from the one or two positions given.
        var target: (directory: URL, task: Int64) {
            get throws {
                guard let last = positions.last, positions.count <= 2 else {
                    throw ValidationError(
                        positions.isEmpty
                            ? "Give the task number `hatchery status` shows: hatchery settle [DIR] TASK --adopt REMOTE_ID | --not-created."
                            : "Give at most a site folder and a task number; got \(positions.count) values."
                    )
                }
                guard let task = try? DecimalText.integer(last), task > 0 else {
                    throw ValidationError(
                        "The task is the number `hatchery status` shows (such as 12), not \(ValueQuote.quoted(last))."
                    )
                }
                return (URL(fileURLWithPath: positions.count == 2 ? positions[0] : "."), task)
            }
        }

        func validate() throws {
            _ = try target
            if (adopt == nil) == !notCreated {
                throw ValidationError("Give exactly one of --adopt REMOTE_ID or --not-created.")
            }
        }

        func run() async throws {
            logging.bootstrap()
            let (directory, task) = try target
            let settlement: Settlement = adopt.map { .adopt(remoteID: $0) } ?? .notCreated
            let settled = try await ManualSettlement.settle(
                settlement,
                taskID: task,
                siteDirectory: directory,
                makeProvider: ProviderFactories.standard(HatcheryCommand.environment)
            )
            switch settled.settlement {
            case .notCreated:
                print("Task #\(task) is settled as never created; the next build sends \(settled.promptID) again.")
            case .adopt(let remoteID): print("Task #\(task) is now \(remoteID); the next build follows it.")
            }
        }
    }
}
