import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show tasks that are not finished, above all those whose outcome is unknown."
        )

        @OptionGroup var site: SiteOptions

        func run() async throws {
            LoggingOptions.bootstrap()
            let store = try await Store.openForReading(siteDirectory: site.url)
            let open = try await store.unfinishedTasks()
            let all = try await store.tasks()
            let counts = TaskStatus.allCases.map { status in
                "\(status.rawValue): \(all.filter { $0.status == status }.count)"
            }
            print("tasks: " + counts.joined(separator: ", "))
            guard !open.isEmpty else {
                print("Nothing is in flight or unknown.")
                return
            }
            for task in open {
                let remote = task.remoteID.map { " remote \($0)" } ?? ""
                print(
                    "  #\(task.id.map(String.init) ?? "?") \(task.status.rawValue) \(task.promptID) (\(task.provider), \(task.model))\(remote) since \(task.createdAt)"
                )
                if let error = task.error { print("      \(error)") }
                let candidates = task.candidateTasks
                if !candidates.isEmpty {
                    print(
                        "      could be: "
                            + candidates.map { candidate in
                                let outputs = candidate.outputs.map { ", \($0) outputs" } ?? ""
                                return
                                    "\(candidate.remoteID) (\(candidate.status), created \(candidate.createdAt ?? "?")\(outputs))"
                            }.joined(separator: "; ")
                    )
                }
            }
            if open.contains(where: { $0.status == .unknown }) {
                print(
                    """
                    An unknown task may or may not exist at the provider. `hatchery build` looks for it in the
                    provider's task list and settles it when the match is unambiguous. To settle one yourself:
                      hatchery settle \(site.directory) TASK --adopt REMOTE_ID   (it exists: follow it)
                      hatchery settle \(site.directory) TASK --not-created       (it does not: send it again)
                    """
                )
            }
        }
    }
}
