import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show tasks that are not finished, above all those whose outcome is unknown.")

        @OptionGroup var site: SiteOptions

        func run() async throws {
            LoggingOptions.bootstrap()
            let store = try await Store.openForReading(siteDirectory: site.url)
            let open = try await store.unfinishedTasks()
            let all = try await store.tasks()
            let counts = TaskRecord.Status.allCases.map { status in "\(status.rawValue): \(all.filter { $0.status == status }.count)" }
            print("tasks: " + counts.joined(separator: ", "))
            guard !open.isEmpty else {
                print("Nothing is in flight or unknown.")
                return
            }
            for task in open {
                let remote = task.remoteId.map { " remote \($0)" } ?? ""
                print("  #\(task.id.map(String.init) ?? "?") \(task.status.rawValue) \(task.promptId) (\(task.provider), \(task.model))\(remote) since \(task.createdAt)")
                if let error = task.error { print("      \(error)") }
                let candidates = task.candidateTasks
                if !candidates.isEmpty {
                    print("      could be: " + candidates.map { candidate in
                        let outputs = candidate.outputs.map { ", \($0) outputs" } ?? ""
                        return "\(candidate.remoteID) (\(candidate.status), created \(candidate.createdAt ?? "?")\(outputs))"
                    }.joined(separator: "; "))
                }
            }
            if open.contains(where: { $0.status == .unknown }) {
                print("""
                    An unknown task may or may not exist at the provider. `hatchery build` looks for it in the
                    provider's task list and settles it when the match is unambiguous. To settle one yourself:
                      hatchery settle \(site.directory) TASK --adopt REMOTE_ID   (it exists: follow it)
                      hatchery settle \(site.directory) TASK --not-created       (it does not: send it again)
                    """)
            }
        }
    }

    struct Settle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a task whose outcome is unknown, by hand.",
            usage: "hatchery settle [<directory>] <task> (--adopt <remote-id> | --not-created)")

        // DIR is optional and comes first, so ArgumentParser alone would read `settle 5 --adopt X`
        // (in the site folder) as DIR 5 and no task: the positions are sorted out here.
        @Argument(help: ArgumentHelp("The site folder (default: the current one), then the task number `hatchery status` shows.",
                                     valueName: "directory> <task"))
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
                    throw ValidationError(positions.isEmpty
                        ? "Give the task number `hatchery status` shows: hatchery settle [DIR] TASK --adopt REMOTE_ID | --not-created."
                        : "Give at most a site folder and a task number; got \(positions.count) values.")
                }
                guard let task = try? DecimalText.integer(last), task > 0 else {
                    throw ValidationError("The task is the number `hatchery status` shows (such as 12), not \(ValueQuote.quoted(last)).")
                }
                return (URL(fileURLWithPath: positions.count == 2 ? positions[0] : "."), task)
            }
        }

        func validate() throws {
            _ = try target
            if (adopt == nil) == !notCreated { throw ValidationError("Give exactly one of --adopt REMOTE_ID or --not-created.") }
        }

        func run() async throws {
            logging.bootstrap()
            let (directory, task) = try target
            _ = try SiteFolder(withState: directory)
            let lock = try await SiteLock.acquire(siteDirectory: directory, for: .settle, waiting: false, clock: ContinuousClock())
            defer { lock.release() }
            let store = try Store(siteDirectory: directory)
            guard let record = try await store.task(id: task) else {
                throw SettlementError.noSuchTask(task)
            }
            guard let adopt else {
                try await ManualSettlement(store: store, provider: LocalProvider()).notCreated(taskID: task)
                print("Task #\(task) is settled as never created; the next build sends \(record.promptId) again.")
                return
            }
            // The id is checked with the provider before it is written: a wrong one pays twice.
            let provider = try ProviderFactories.standard(HatcheryCommand.environment)(ProviderKind(rawValue: record.provider) ?? .eggapi)
            do {
                try await ManualSettlement(store: store, provider: provider).adopt(taskID: task, remoteID: adopt)
            } catch {
                await provider.shutdown()
                throw error
            }
            await provider.shutdown()
            print("Task #\(task) is now \(adopt); the next build follows it.")
        }
    }
}
