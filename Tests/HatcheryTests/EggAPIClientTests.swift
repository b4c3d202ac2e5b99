import Foundation
import Testing

@testable import Hatchery

/// The real client against the simulator over HTTP on 127.0.0.1.
@Suite struct EggAPIClientTests {
    @Test func submitsPollsAndDownloadsAPNG() async throws {
        let api = try await SimulatedEggAPI.start()
        try await api.withClient(clock: ContinuousClock()) { client in
            let id = try await client.submit(
                GenerationRequest(model: "nanobanana-pro", prompt: "a fox", numOutputs: 2, resolution: .fourK)
            )
            #expect(id.hasPrefix("gen_"))
            var task = try await client.task(id: id)
            #expect(task.createdAt != nil && task.model == "nanobanana-pro")
            while !task.status.isTerminal {
                try await Task.sleep(for: .milliseconds(50))
                task = try await client.task(id: id)
            }
            #expect(task.status == .completed && task.outputs.count == 2)
            #expect(task.cost == Money(micros: 64_000))
            let png = try await client.download(task.outputs[0])
            #expect(try PNGReader().facts(of: png).width == 96)
            #expect(try await client.tasks(createdSince: .distantPast).map(\.id) == [id])
            #expect(
                try await client.usageSummary() == [
                    ProviderUsage(model: "nanobanana-pro", units: 2, cost: Money(micros: 64_000), requests: 1)
                ]
            )
            #expect(try await client.usage(page: 1).first?.cost == Money(micros: 64_000))
            await expectThrows(ProviderError.taskNotFound(id: "gen_nope")) { _ = try await client.task(id: "gen_nope") }
        }
        await api.stop()
    }

    @Test func aWrongKeyIsRefusedWithoutShowingIt() async throws {
        let api = try await SimulatedEggAPI.start()
        var configuration = api.configuration()
        configuration.apiKey = APIKey("egg_sk_wrong_and_secret")
        try await api.withClient(clock: ContinuousClock(), configuration: configuration) { client in
            do {
                _ = try await client.submit(GenerationRequest(model: "nanobanana", prompt: "x"))
                Issue.record("a wrong key must be refused")
            } catch {
                #expect(error as? ProviderError == .unauthorized(message: "Invalid or missing API key"))
                #expect(error.localizedDescription.contains("API key was refused"))
                #expect(!error.localizedDescription.contains("wrong_and_secret"))
            }
        }
        await api.stop()
    }

    @Test func validationErrorsComeBackAsTheContractSays() async throws {
        let api = try await SimulatedEggAPI.start()
        try await api.withClient(clock: ContinuousClock()) { client in
            await expectThrows(
                ProviderError.rejected(code: "VALIDATION_ERROR", message: "num_outputs must be an integer from 1 to 4")
            ) {
                _ = try await client.submit(GenerationRequest(model: "nanobanana", prompt: "x", numOutputs: 5))
            }
            await expectThrows(
                ProviderError.rejected(code: "VALIDATION_ERROR", message: "model dall-e is not supported")
            ) {
                _ = try await client.submit(GenerationRequest(model: "dall-e", prompt: "x"))
            }
        }
        #expect(await api.simulator.stats().tasksCreated == 0)
        await api.stop()
    }

    @Test func honoursRetryAfterWithinItsCapOnAnInjectedClock() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.rateLimited = 1 }
        let clock = RecordingClock()
        var configuration = api.configuration()
        configuration.retry = RetryPolicy(
            maxAttempts: 3,
            base: .milliseconds(10),
            cap: .milliseconds(10),
            retryAfterCap: .seconds(30)
        )
        try await api.withClient(clock: clock, configuration: configuration) { client in
            await expectThrows(ProviderError.rateLimited(attempts: 3)) {
                _ = try await client.submit(GenerationRequest(model: "nanobanana", prompt: "x"))
            }
        }
        // Two waits, each the server's Retry-After (1 s, or a date up to 2 s ahead), not the 10 ms backoff.
        #expect(clock.recorded.count == 2)
        #expect(clock.recorded.allSatisfy { $0 <= .milliseconds(2100) }, "\(clock.recorded)")
        #expect(clock.recorded.max()! > .milliseconds(500), "\(clock.recorded)")
        // A 429 means nothing was created: retrying the POST was safe.
        #expect(await api.simulator.stats().tasksCreated == 0)
        await api.stop()
    }

    @Test func aFiveHundredAfterSendingIsUnknownNeverResent() async throws {
        let api = try await SimulatedEggAPI.start { $0.faults.serverErrorAfterCreate = 1 }
        try await api.withClient(clock: RecordingClock()) { client in
            do {
                _ = try await client.submit(GenerationRequest(model: "nanobanana", prompt: "x"))
                Issue.record("the POST should have an unknown outcome")
            } catch {
                guard case .outcomeUnknown = error as? ProviderError else {
                    Issue.record("\(error)")
                    return
                }
            }
        }
        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 1 && stats.requests["generate"] == 1)
        await api.stop()
    }

    @Test func retriesGetsThroughServerErrorsAndGarbage() async throws {
        let api = try await SimulatedEggAPI.start {
            $0.faults.serverError = 0.5
            $0.faults.malformedJSON = 0.3
            $0.seed = 3
        }
        try await api.withClient(clock: RecordingClock()) { client in
            for _ in 0..<10 { _ = try await client.usageSummary() }
        }
        let stats = await api.simulator.stats()
        #expect((stats.faults["5xx"] ?? 0) + (stats.faults["malformed-json"] ?? 0) > 0)
        await api.stop()
    }
}

func expectThrows<E: Error & Equatable>(
    _ expected: E,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(expected) to be thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? E == expected, "\(error)", sourceLocation: sourceLocation)
    }
}
