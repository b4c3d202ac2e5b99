import Foundation

/// `hatchery settle`: a person says what an unknown outcome was. An adoption is checked before
/// it is written, because a wrong id pays twice (the real task is never followed, the adopted
/// one is another prompt's or another client's): the id must be a plain id the provider knows,
/// of the request's model and shape, not already ours, and among the candidates Hatchery listed
/// when it listed any. Only a task the lifecycle lets be adopted or found not created (unknown,
/// or an intent a run left) can be settled.
public struct ManualSettlement: Sendable {
    public var store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Settles task `taskID` of the site in `siteDirectory`, holding the site's lock: while a
    /// build or another settle holds it, throws `SiteLockError` at once. Throws
    /// `SiteFolderError` for a folder that is not a site and `SettlementError` for a
    /// settlement refused; nothing is written then.
    public static func settle(
        _ settlement: Settlement,
        taskID: Int64,
        siteDirectory: URL,
        makeProvider: ProviderFactories.Factory
    ) async throws -> SettledTask {
        _ = try SiteFolder(withState: siteDirectory)
        let lock = try await SiteLock.acquire(
            siteDirectory: siteDirectory,
            for: .settle,
            waiting: false,
            clock: ContinuousClock()
        )
        defer { lock.release() }
        return try await ManualSettlement(store: try Store(siteDirectory: siteDirectory))
            .settle(settlement, taskID: taskID, makeProvider: makeProvider)
    }

    /// Settles task `taskID` as `settlement`. For an adoption, a provider of the task's kind is
    /// made to check the id (a wrong one pays twice) and shut down after.
    public func settle(
        _ settlement: Settlement,
        taskID: Int64,
        makeProvider: ProviderFactories.Factory
    ) async throws -> SettledTask {
        guard let task = try await store.task(id: taskID) else { throw SettlementError.noSuchTask(taskID) }
        switch settlement {
        case .notCreated:
            try await notCreated(taskID: taskID)
        case .adopt(let remoteID):
            let provider = try makeProvider(task.provider)
            do {
                try await adopt(taskID: taskID, remoteID: remoteID, provider: provider)
            } catch {
                await provider.shutdown()
                throw error
            }
            await provider.shutdown()
        }
        return SettledTask(taskID: taskID, promptID: task.promptID, settlement: settlement)
    }

    /// Adopts `remoteID` for the unknown task `taskID`, checked with `provider`, or throws why
    /// it cannot be its.
    public func adopt(taskID: Int64, remoteID: String, provider: any GenerationProvider) async throws {
        let task = try await settleable(taskID, by: .adopted)
        guard Self.isPlainID(remoteID) else { throw SettlementError.notAnID(remoteID) }
        let candidates = task.candidateTasks.map(\.remoteID)
        guard candidates.isEmpty || candidates.contains(remoteID) else {
            throw SettlementError.notACandidate(remoteID, taskID, candidates)
        }
        let listed: ProviderTask
        do {
            listed = try await provider.task(id: remoteID)
        } catch ProviderError.taskNotFound {
            throw SettlementError.unknownToProvider(remoteID)
        }
        let request = try task.request()
        if let model = listed.model, model != request.model {
            throw SettlementError.doesNotFit(remoteID, "its model is \(model), the request's \(request.model)")
        }
        if listed.status == .completed, !listed.outputs.isEmpty, listed.outputs.count != request.numOutputs {
            throw SettlementError.doesNotFit(
                remoteID,
                "it has \(listed.outputs.count) outputs, the request asked for \(request.numOutputs)"
            )
        }
        if let type = listed.type, (type == "image_edit") != !(request.imageURLs ?? []).isEmpty {
            throw SettlementError.doesNotFit(remoteID, "it is an \(type) task")
        }
        guard try await store.adopt(taskID: taskID, remoteID: remoteID) else {
            throw SettlementError.alreadyOurs(remoteID, taskID)
        }
    }

    /// Records that the request of `taskID` created nothing: the next build sends it again.
    public func notCreated(taskID: Int64) async throws {
        _ = try await settleable(taskID, by: .foundNotCreated)
        try await store.recordFailed(
            taskID: taskID,
            reason: "settled by hand: the request created nothing",
            kind: .notCreated,
            event: .foundNotCreated
        )
    }

    /// The task `taskID` when `event` may be applied to it.
    private func settleable(_ taskID: Int64, by event: TaskEvent) async throws -> TaskRecord {
        guard let task = try await store.task(id: taskID) else { throw SettlementError.noSuchTask(taskID) }
        guard event.from.contains(task.status) else { throw SettlementError.notUnknown(taskID, task.status) }
        return task
    }

    /// A provider's task id as Hatchery shows it: 1 to 200 letters, digits and `-_.:`, no `..`.
    static func isPlainID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200
            && text.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0)
            })
            && !text.contains("..")
    }
}

/// Why a settlement by hand was refused; nothing was written.
public enum SettlementError: Error, LocalizedError {
    case noSuchTask(Int64)
    case notUnknown(Int64, TaskStatus)
    case notAnID(String)
    case notACandidate(String, Int64, [String])
    case unknownToProvider(String)
    case doesNotFit(String, String)
    case alreadyOurs(String, Int64)

    public var errorDescription: String? {
        switch self {
        case .noSuchTask(let id): "There is no task #\(id) here; `hatchery status` lists the ones to settle."
        case .notUnknown(let id, let status):
            "Task #\(id) is \(status.rawValue), not unknown; `hatchery status` lists the ones to settle."
        case .notAnID(let text):
            "\(ValueQuote.quoted(text)) is not a provider task id (ids look like gen_…); copy one from `hatchery status`."
        case .notACandidate(let remote, let id, let candidates):
            "\(remote) is not among the tasks that could be task #\(id)'s (\(candidates.joined(separator: ", "))); adopting another would pay twice. Check the id in `hatchery status`."
        case .unknownToProvider(let remote): "The provider has no task \(remote); check the id in `hatchery status`."
        case .doesNotFit(let remote, let why): "\(remote) cannot be this request's task: \(why)."
        case .alreadyOurs(let remote, let id):
            "\(remote) already belongs to another task, or task #\(id) was settled meanwhile; see `hatchery status`."
        }
    }
}
