import Foundation

/// Settles submissions whose outcome is unknown by looking at the provider's task list before
/// anything is sent again. EggAPI's tasks do not echo the prompt, so a listed task is matched
/// to a request by what the list does show: model, creation time (an interval as wide as the
/// timestamp's precision, moved onto our clock by the measured offset), the list's order
/// against our own known tasks, the number of outputs and the task type.
///
/// The rules keep money safe first: a request is declared never created (and so sent again)
/// only when no listed task could be it, however late the provider made it (an unexplained task
/// of its model and shape created after its window closed keeps it open for the person, and is
/// never adopted on time alone); a listed task is adopted only when it fits one request
/// alone and could not be the same-moment twin of a task we already know (another client of
/// the account creating a task at the same instant is indistinguishable from ours, so such a
/// candidate is left to the person). A webhook received on a request's own path settles it
/// outright. What stays ambiguous is recorded with its candidates for `hatchery status`.
public struct UnknownTaskSettler: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var adopted: [Int64: String] = [:]
        public var notCreated: [Int64] = []
        public var ambiguous: [Int64] = []
        /// Found nowhere yet, but the provider may still create their tasks: settle again later.
        public var stillOpen: [Int64] = []
    }

    public var provider: any GenerationProvider
    public var store: Store
    /// Clock skew allowed between this machine and the provider when no known task measures it.
    public var slack: TimeInterval
    /// Remote ids that webhooks, verified and received on a request's own path, named: by the
    /// path's token (see `TaskRunner.webhookURL`).
    public var webhookClaims: [String: String]

    /// The least time after giving up on a request in which its task may still be created.
    public static let minimumGrace: TimeInterval = 5

    /// How long after giving up on a request of `provider` its task may still be created.
    public static func grace(_ provider: any GenerationProvider) -> TimeInterval {
        max(minimumGrace, provider.submissionTimeout.seconds)
    }

    /// The end of the window of an intent left by a run that died while sending it (from
    /// `sent`): its last attempt (one after a 429 goes out later) left at the latest when that
    /// run died, before `now`, and within the client's longest submission; at least its first
    /// attempt's timeout ran. The grace runs from there.
    static func orphanWindowEnd(sent: Date, now: Date, provider: any GenerationProvider) -> Date {
        let firstGaveUp = sent.addingTimeInterval(provider.submissionTimeout.seconds)
        let lastSent = min(now, sent.addingTimeInterval(provider.longestSubmission.seconds))
        return max(firstGaveUp, lastSent).addingTimeInterval(grace(provider))
    }

    public init(
        provider: any GenerationProvider,
        store: Store,
        slack: TimeInterval = 30,
        webhookClaims: [String: String] = [:]
    ) {
        self.provider = provider
        self.store = store
        self.slack = slack
        self.webhookClaims = webhookClaims
    }

    public func settle(now: Date = Date()) async throws -> Outcome {
        let kind = provider.kind
        // Intents without an answer come from a run that died mid-submission.
        for orphan in try await store.unfinishedTasks() where orphan.provider == kind && orphan.status == .intent {
            guard let id = orphan.id else { continue }
            try await store.recordUnknown(
                taskID: id,
                reason: "the run stopped while submitting",
                event: .orphaned,
                at: Self.orphanWindowEnd(sent: orphan.sentAt ?? orphan.createdAt, now: now, provider: provider)
            )
        }
        var unknown = try await store.unfinishedTasks().filter { $0.provider == kind && $0.status == .unknown }
            .compactMap(UnknownRequest.init)
        var outcome = Outcome()
        for request in unknown {
            guard let token = request.webhookToken, let remoteID = webhookClaims[token] else { continue }
            if try await store.adopt(taskID: request.id, remoteID: remoteID) { outcome.adopted[request.id] = remoteID }
        }
        unknown.removeAll { outcome.adopted[$0.id] != nil }
        guard let earliest = unknown.map(\.window.lowerBound).min() else { return outcome }

        let listed = try await provider.tasks(createdSince: earliest.addingTimeInterval(-slack - 1))
        let known = try await store.knownSubmissions(provider: provider.kind)
        var matcher = CandidateMatcher(listed: listed, known: known, unknown: unknown, slack: slack)
        var result = matcher.match()
        if !result.ambiguous.isEmpty {
            // Look at what the completed candidates made: a landscape image cannot be a 9:16
            // request's. Downloading one output each is cheap next to paying twice.
            let ids = Set(result.ambiguous.values.flatMap { $0.map(\.remoteID) })
            for task in listed where ids.contains(task.id) && task.status == .completed {
                if let first = task.outputs.first, let aspect = await orientation(of: first) {
                    matcher.orientations[task.id] = aspect
                }
            }
            if !matcher.orientations.isEmpty { result = matcher.match() }
        }
        for (taskID, remoteID) in result.adopted.sorted(by: { $0.key < $1.key }) {
            if try await store.adopt(taskID: taskID, remoteID: remoteID) { outcome.adopted[taskID] = remoteID }
        }
        // A window still open: the provider may yet create the task. Settle it later.
        let open = Set(unknown.filter { $0.window.upperBound > now }.map(\.id))
        outcome.stillOpen = result.notCreated.filter(open.contains).sorted()
        for taskID in result.notCreated.sorted() where !open.contains(taskID) {
            let done = try await store.recordFailed(
                taskID: taskID,
                reason: "the provider has no task from this request, so it was never created; it will be sent again",
                kind: .notCreated,
                event: .foundNotCreated
            )
            if done { outcome.notCreated.append(taskID) }
        }
        for (taskID, candidates) in result.ambiguous.sorted(by: { $0.key < $1.key }) {
            try await store.recordCandidates(taskID: taskID, candidates)
            outcome.ambiguous.append(taskID)
        }
        return outcome
    }
}

extension UnknownTaskSettler {
    /// Landscape or portrait, from the PNG's header; nil for a square or unreadable image.
    func orientation(of output: URL) async -> AspectRatio? {
        guard let data = try? await provider.download(output),
            let facts = try? PNGReader().facts(of: data, verifyingPixels: false), facts.width != facts.height
        else { return nil }
        return facts.width > facts.height ? .landscape : .portrait
    }
}

/// An unknown outcome with what the matcher needs of it.
struct UnknownRequest: Sendable {
    var id: Int64
    var model: String
    var outputs: Int
    var isEdit: Bool
    var aspectRatio: AspectRatio
    /// When its task can have been created, on our clock: from sending to giving up (and a
    /// grace). A provider may still make it later: see `CandidateMatcher`'s late candidates.
    var window: ClosedRange<Date>
    /// The token of its own webhook path, when webhooks were on.
    var webhookToken: String?

    init?(_ task: TaskRecord) {
        guard let id = task.id, let request = try? task.request() else { return nil }
        self.id = id
        model = task.model
        outputs = request.numOutputs
        isEdit = !(request.imageURLs ?? []).isEmpty
        aspectRatio = request.aspectRatio
        let start = task.sentAt ?? task.createdAt
        // `submitted_at` of an unknown outcome is the latest moment its task can have been
        // created: the 5xx answer, or for a request without an answer, a grace after giving up.
        window = start...max(start, task.submittedAt ?? start)
        webhookToken = request.webhookURL.flatMap { url in
            url.range(of: "/t-", options: .backwards).map { String(url[$0.upperBound...]) }
        }
    }
}
