import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import Hatchery

@Suite struct WebhookTests {
    let verifier = WebhookVerifier(secret: "whsec_test")
    let body = Data(#"{"event":"task.completed","task_id":"gen_1","status":"completed"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func sign(_ body: Data, at timestamp: String, secret: String = "whsec_test") -> String {
        var signed = Data("\(timestamp).".utf8)
        signed.append(body)
        return "sha256=" + HMACSHA256.hex(key: secret, message: signed)
    }

    @Test func acceptsAGoodSignatureAndRefusesEverythingElse() {
        let ts = "1800000000"
        #expect(verifier.verify(body: body, timestamp: ts, signature: sign(body, at: ts), now: now) == nil)
        #expect(
            verifier.verify(body: body, timestamp: ts, signature: sign(body, at: ts, secret: "other"), now: now)
                == .badSignature
        )
        var tampered = body
        tampered.append(contentsOf: [0x20])
        #expect(
            verifier.verify(body: tampered, timestamp: ts, signature: sign(body, at: ts), now: now) == .badSignature
        )
        #expect(verifier.verify(body: body, timestamp: ts, signature: nil, now: now) == .missingSignature)
        #expect(
            verifier.verify(body: body, timestamp: nil, signature: sign(body, at: ts), now: now) == .missingTimestamp
        )
        let stale = "1799999600"
        #expect(
            verifier.verify(body: body, timestamp: stale, signature: sign(body, at: stale), now: now) == .staleTimestamp
        )
        let edge = "1799999700"
        #expect(verifier.verify(body: body, timestamp: edge, signature: sign(body, at: edge), now: now) == nil)
        // Only Unix seconds in ASCII digits: a floating-point reader would take all of these.
        for odd in ["1.8e9", "0x6B49D200", "nan", " 1800000000", "+1800000000", "\u{661}800000000"] {
            #expect(
                verifier.verify(body: body, timestamp: odd, signature: sign(body, at: odd), now: now)
                    == .missingTimestamp
            )
        }
        #expect(
            verifier.verify(body: body, timestamp: "1800000000.5", signature: sign(body, at: "1800000000.5"), now: now)
                == nil
        )
    }

    @Test func knownHMACVector() {
        // RFC 4231 test case 2.
        #expect(
            HMACSHA256.hex(key: "Jefe", message: Data("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        )
    }

    @Test func theReceiverRefusesBadSignaturesAndTreatsDuplicatesAsNormal() async throws {
        let signals = CompletionSignals()
        let receiver = try await WebhookReceiver.start(host: "127.0.0.1", port: 0, verifier: verifier, signals: signals)
        func post(_ signature: String, timestamp: String) async throws -> UInt {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(receiver.port)/hooks/t-req42")
            request.method = .POST
            request.headers.add(name: "X-EggAPI-Timestamp", value: timestamp)
            request.headers.add(name: "X-EggAPI-Signature", value: signature)
            request.body = .bytes(ByteBuffer(bytes: body))
            return UInt(try await HTTPClient.shared.execute(request, timeout: .seconds(120)).status.code)
        }
        let ts = String(Int(Date().timeIntervalSince1970))
        #expect(try await post("sha256=00", timestamp: ts) == 401)
        #expect(try await post(sign(body, at: "1000"), timestamp: "1000") == 401)
        #expect(try await post(sign(body, at: ts), timestamp: ts) == 200)
        #expect(try await post(sign(body, at: ts), timestamp: ts) == 200)
        #expect(receiver.accepted == 1 && receiver.duplicates == 1 && receiver.rejected == 2)
        // The path named the request: its webhook says which task it created.
        #expect(await signals.claims == ["req42": "gen_1"])
        // The verified event woke (or will wake) the poller of gen_1: the wait did not run out.
        let clock = StallingClock()
        await signals.wait(for: "gen_1", upTo: .seconds(10), clock: clock)
        #expect(clock.expired == 0)
        await receiver.stop()
    }

    @Test func aBuildWithWebhooksFinishesWithoutWaitingForThePollInterval() async throws {
        let api = try await SimulatedEggAPI.start {
            $0.latency = .milliseconds(300)
            $0.webhookSecret = "whsec_build"
            $0.faults.duplicateWebhook = 0.5
        }
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(eggCatalog((0..<4).map { "id: w\($0)\nprompt: Webhook prompt \($0)" }), to: "catalog.yaml")
        // Below the ephemeral ports (Linux: 32768 and up), which outgoing connections take.
        let port = 20_000 + Int.random(in: 0..<12_000)
        var options = BuildOptions(siteDirectory: site.url, concurrency: 4, pollInterval: .seconds(30))
        options.webhooks = WebhookOptions(
            host: "127.0.0.1",
            port: port,
            url: "http://127.0.0.1:\(port)/hooks",
            secret: "whsec_build"
        )
        let configuration = api.configuration()
        // A clock on which no poll interval ever runs out: only a webhook can wake a poller.
        let clock = StallingClock()
        let report = try await BuildPipeline(
            options: options,
            makeProvider: { _ in EggAPIClient(configuration: configuration) },
            clock: clock
        ).run()
        #expect(report.completed == 4)
        #expect(clock.expired == 0, "a poller waited out its interval instead of being woken")
        // One GET per task, made when its webhook arrived.
        #expect(await api.simulator.stats().requests["task"] == 4)
        #expect(report.webhooks?.accepted == 4 && report.webhooks?.rejected == 0)
        await api.stop()
    }
}
