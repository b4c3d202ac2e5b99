import Foundation
import Testing

@testable import Hatchery

@Suite struct EggAPIWireTests {
    func task(_ json: String) throws -> ProviderTask {
        ProviderTask(try JSONDecoder().decode(EggAPIWire.Envelope<EggAPIWire.Task>.self, from: Data(json.utf8)).data!)
    }

    @Test func parsesTheNewestShape() throws {
        let parsed = try task(
            """
            {"data": {"id": "gen_1", "status": "completed", "model": "nanobanana", "type": "image_generate",
             "output": {"url": "https://file.eggapi.ai/images/gen_1/0.png",
                        "urls": ["https://file.eggapi.ai/images/gen_1/0.png", "https://cdn.eggapi.ai/outputs/x.png"]},
             "error": null, "cost": "$0.0200", "created_at": "2026-05-08T10:30:00Z",
             "started_at": "2026-05-08T10:30:01Z", "completed_at": "2026-05-08T10:30:09Z"}, "error": null}
            """
        )
        #expect(parsed.status == .completed)
        #expect(parsed.outputs.map(\.host) == ["file.eggapi.ai", "cdn.eggapi.ai"])
        #expect(parsed.cost == Money(micros: 20_000))
        #expect(parsed.createdAt == Date(timeIntervalSince1970: 1_778_236_200))
    }

    @Test func parsesOlderShapesWithAbsentAndNullFields() throws {
        let older = try task(
            """
            {"data": {"id": "gen_2", "status": "completed", "output": {"url": "https://cdn.eggapi.ai/outputs/y.png"},
             "cost": "$0.0100", "created_at": "2025-12-25T21:03:47.879577+08:00"}}
            """
        )
        #expect(older.outputs.count == 1)
        #expect(older.createdAt == Timestamp.parse("2025-12-25T13:03:47.879577Z"))
        let sparse = try task(
            #"{"data": {"id": "gen_3", "status": "pending", "output": null, "cost": null, "model": null}, "error": null}"#
        )
        #expect(sparse.status == .pending && sparse.outputs.isEmpty && sparse.cost == nil && sparse.model == nil)
        let failed = try task(
            #"{"data": {"id": "gen_4", "status": "failed", "error": "Content blocked by moderation", "cost": "$0.00"}}"#
        )
        #expect(failed.error == "Content blocked by moderation" && failed.cost == .zero)
    }

    @Test(
        "parses every cost format exactly",
        arguments: [
            (#""$0.00""#, Int64(0)), (#""$0.0000""#, 0), (#""$0.0100""#, 10_000), (#""0.016000""#, 16_000),
            ("0.032", 32_000),
        ]
    )
    func costs(json: String, micros: Int64) throws {
        let cost = try JSONDecoder().decode(EggAPIWire.Cost.self, from: Data(json.utf8))
        #expect(cost.money == Money(micros: micros))
    }

    @Test func parsesTimestampsInBothStyles() {
        #expect(Timestamp.parse("2026-05-08T10:30:00Z") == Date(timeIntervalSince1970: 1_778_236_200))
        #expect(Timestamp.parse("2026-05-08T18:30:00+08:00") == Date(timeIntervalSince1970: 1_778_236_200))
        let fractional = Timestamp.parse("2025-12-25T21:03:47.879577+08:00")!
        #expect(abs(fractional.timeIntervalSince1970 - 1_766_667_827.879577) < 0.000_01)
        for bad in ["", "2026-05-08", "2026-13-08T10:30:00Z", "2026-05-08T10:30:00", "yesterday"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func readsRetryAfterAsSecondsOrDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.parse("3", now: now) == .seconds(3))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:13:25 GMT", now: now) == .seconds(5))
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }

    @Test func backsOffWithFullJitterAndCaps() {
        let policy = RetryPolicy(
            maxAttempts: 6,
            base: .milliseconds(500),
            cap: .seconds(4),
            retryAfterCap: .seconds(10)
        )
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unit: 0.999) < .milliseconds(500))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, unit: 0.5) == .seconds(1))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, unit: 0.999) <= .seconds(4))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, unit: 0) == .zero)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600), unit: 0.5) == .seconds(10))
    }

    @Test func theKeyNeverShowsInText() {
        let key = APIKey("egg_sk_secret_123")
        #expect("\(key)" == "<redacted API key>")
        #expect(!String(describing: key).contains("secret"))
        #expect(key.redacting("Bearer egg_sk_secret_123 was refused") == "Bearer <redacted API key> was refused")
    }

    @Test func readsConfigurationFromTheEnvironment() throws {
        #expect(throws: ProviderError.missingAPIKey(variable: "EGGAPI_API_KEY")) {
            try HatcheryEnvironment([:]).eggAPIConfiguration()
        }
        #expect(throws: ProviderError.self) {
            try HatcheryEnvironment(["EGGAPI_API_KEY": "k", "EGGAPI_BASE_URL": "ftp://x"]).eggAPIConfiguration()
        }
        let configuration = try HatcheryEnvironment([
            "EGGAPI_API_KEY": " k \n", "EGGAPI_BASE_URL": "http://127.0.0.1:9",
        ]).eggAPIConfiguration()
        #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:9")
        #expect(configuration.apiKey.value == "k")
    }
}
