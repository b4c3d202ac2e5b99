import Foundation

/// `hatchery settle`: a person says what an unknown outcome was. An adoption is checked before
/// it is written, because a wrong id pays twice (the real task is never followed, the adopted
/// one is another prompt's or another client's): the id must be a plain id the provider knows,
/// of the request's model and shape, not already ours, and among the candidates Hatchery listed
/// when it listed any.
public struct ManualSettlement: Sendable {
    public var store: Store
    public var provider: any GenerationProvider

    public init(store: Store, provider: any GenerationProvider) {
        self.store = store
        self.provider = provider
    }

    /// Adopts `remoteID` for the unknown task `taskID`, or throws why it cannot be its.
    public func adopt(taskID: Int64, remoteID: String) async throws {
        guard let task = try await store.task(id: taskID) else { throw SettlementError.noSuchTask(taskID) }
        guard task.status == .unknown || task.status == .intent else { throw SettlementError.notUnknown(taskID, task.status) }
        guard !remoteID.isEmpty, remoteID.count <= 200,
              remoteID.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0) }),
              !remoteID.contains("..")
        else { throw SettlementError.notAnID(remoteID) }
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
        if let model = listed.model, model != request.model { throw SettlementError.doesNotFit(remoteID, "its model is \(model), the request's \(request.model)") }
        if listed.status == .completed, !listed.outputs.isEmpty, listed.outputs.count != request.numOutputs {
            throw SettlementError.doesNotFit(remoteID, "it has \(listed.outputs.count) outputs, the request asked for \(request.numOutputs)")
        }
        if let type = listed.type, (type == "image_edit") != !(request.imageURLs ?? []).isEmpty {
            throw SettlementError.doesNotFit(remoteID, "it is an \(type) task")
        }
        guard try await store.adopt(taskID: taskID, remoteID: remoteID) else { throw SettlementError.alreadyOurs(remoteID, taskID) }
    }

    /// Records that the request of `taskID` created nothing: the next build sends it again.
    public func notCreated(taskID: Int64) async throws {
        guard let task = try await store.task(id: taskID) else { throw SettlementError.noSuchTask(taskID) }
        guard task.status == .unknown || task.status == .intent else { throw SettlementError.notUnknown(taskID, task.status) }
        try await store.recordFailed(taskID: taskID, reason: "settled by hand: the request created nothing", kind: .notCreated,
                                     event: .foundNotCreated)
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
        case .notUnknown(let id, let status): "Task #\(id) is \(status.rawValue), not unknown; `hatchery status` lists the ones to settle."
        case .notAnID(let text): "\"\(text)\" is not a provider task id (ids look like gen_…); copy one from `hatchery status`."
        case .notACandidate(let remote, let id, let candidates):
            "\(remote) is not among the tasks that could be task #\(id)'s (\(candidates.joined(separator: ", "))); adopting another would pay twice. Check the id in `hatchery status`."
        case .unknownToProvider(let remote): "The provider has no task \(remote); check the id in `hatchery status`."
        case .doesNotFit(let remote, let why): "\(remote) cannot be this request's task: \(why)."
        case .alreadyOurs(let remote, let id): "\(remote) already belongs to another task, or task #\(id) was settled meanwhile; see `hatchery status`."
        }
    }
}
