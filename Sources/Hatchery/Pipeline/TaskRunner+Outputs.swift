import Foundation

extension TaskRunner {
    /// Stores a completed task's outputs. A paid output is never given up lightly: one that
    /// cannot be fetched whole now leaves the task `submitted`, and the next build fetches it
    /// again; only an output still missing (404) after `maxFetchFailures` fetches over several
    /// builds makes the task fail as expired, so that a new one can be paid for. An output that
    /// arrives whole but is refused for what it declares is fetched once: the task fails as
    /// `refused-output` with its cost, and the other outputs are not fetched.
    func collect(
        _ state: ProviderTask,
        taskID: Int64,
        request: GenerationRequest,
        fetchFailures: Int
    ) async throws(StoreError) -> TaskOutcome {
        // Billing is per image returned; trust the provider's figure when it gives one.
        let estimate =
            prices.estimate(model: request.model, resolution: request.resolution, outputs: state.outputs.count) ?? .zero
        let cost = state.cost ?? estimate
        // A cost that is not money is neither guessed silently nor a reason to drop paid images:
        // the task keeps its images, the price list's figure, and a note saying so.
        let costNote = state.unreadableCost.map {
            "the provider's cost \(ValueQuote.quoted($0)) is not money; the price list's \(estimate.formatted) is recorded instead (`hatchery spend --reconcile` compares with EggAPI)"
        }
        if let costNote { logger.warning("\(costNote)", metadata: ["task": "\(state.id)"]) }
        if state.outputs.isEmpty {
            try await store.recordFailed(
                taskID: taskID,
                reason: "the provider completed the task with no outputs",
                kind: .noOutput,
                cost: cost
            )
            return .failed(reason: "the provider completed the task with no outputs", cost: cost, kind: .noOutput)
        }
        var images: [ImageRecord] = []
        for (index, url) in state.outputs.enumerated() {
            switch await fetchVerified(url) {
            case .stored(let data, let facts):
                let sha = try store.objects.put(data)
                images.append(
                    ImageRecord(
                        id: nil,
                        taskID: taskID,
                        outputIndex: index,
                        sha256: sha,
                        path: ObjectStore.relativePath(sha256: sha),
                        width: facts.width,
                        height: facts.height,
                        bitDepth: facts.bitDepth,
                        colorType: facts.colorType,
                        bytes: data.count,
                        sourceURL: url.scheme == "hatchery-local" ? nil : url.absoluteString
                    )
                )
            case .refused(let error):
                let text = "paid, but output \(index + 1) was refused: \(ErrorReason.of(error))"
                try await store.recordFailed(taskID: taskID, reason: text, kind: .refusedOutput, cost: cost)
                return .failed(reason: text, cost: cost, kind: .refusedOutput)
            case .notYet(let reason, let attempts, let gone):
                let total = fetchFailures + attempts
                if total >= maxFetchFailures, gone {
                    // Still 404 after several builds: the provider no longer has it.
                    let text =
                        "output \(index + 1) is no longer at the provider (\(reason), \(total) fetches over several builds); the prompt will be paid for again"
                    try await store.recordFailed(taskID: taskID, reason: text, kind: .outputsExpired, cost: cost)
                    return .failed(reason: text, cost: cost, kind: .outputsExpired)
                }
                if total >= maxFetchFailures {
                    let text =
                        "output \(index + 1) was unreadable on all \(total) fetches over several builds: \(reason)"
                    try await store.recordFailed(taskID: taskID, reason: text, kind: .corruptOutput, cost: cost)
                    return .failed(reason: text, cost: cost, kind: .corruptOutput)
                }
                let text =
                    "paid, but output \(index + 1) could not be stored yet (\(reason)); the next build fetches it again"
                try await store.recordOutputsDeferred(taskID: taskID, reason: text, failedFetches: attempts, cost: cost)
                return .outputsPending(reason: text, cost: cost)
            }
        }
        guard try await store.recordCompleted(taskID: taskID, cost: cost, images: images, note: costNote) else {
            // Another process stored this task first: nothing more to record.
            return .completed(images: images.count, cost: .zero)
        }
        return .completed(images: images.count, cost: cost)
    }

    enum FetchResult {
        case stored(Data, PNGFacts)
        /// Whole, and refused for what it declares (`PNGError.isRefusal`): every copy would be.
        case refused(PNGError)
        /// Corrupt, truncated, unreachable or 404 on every attempt of this build; `gone` when the
        /// last answer was 404. An output may fail for a while and then be served whole, so even
        /// a 404 is fetched again by later builds before anything is paid again.
        case notYet(String, attempts: Int, gone: Bool)
    }

    /// Downloads an output and checks every byte of it is PNG, fetching again after a growing
    /// pause when a copy is damaged or the transfer fails, but not when it is refused for what
    /// it declares.
    func fetchVerified(_ url: URL) async -> FetchResult {
        var reason = "no attempt was made"
        var gone = false
        let attempts = max(1, downloadAttempts)
        for attempt in 1...attempts {
            if attempt > 1 { try? await clock.sleep(for: fetchBackoff * (1 << (attempt - 2))) }
            let data: Data
            do {
                data = try await provider.download(url)
            } catch ProviderError.outputNotFound(let place) {
                (reason, gone) = ("404 at \(place)", true)
                continue
            } catch {
                (reason, gone) = (ErrorReason.of(error), false)
                continue
            }
            gone = false
            do {
                return .stored(data, try reader.facts(of: data, verifyingPixels: true))
            } catch  where error.isRefusal {
                logger.warning(
                    "output refused, not fetched again",
                    metadata: [
                        "url": "\(url.path)", "attempt": "\(attempt)", "reason": "\(ErrorReason.of(error))",
                    ]
                )
                return .refused(error)
            } catch {
                reason = ErrorReason.of(error)
                logger.warning(
                    "corrupt download, fetching again",
                    metadata: [
                        "url": "\(url.path)", "attempt": "\(attempt)", "reason": "\(reason)",
                    ]
                )
            }
        }
        return .notYet(reason, attempts: attempts, gone: gone)
    }
}
