import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import Hatchery

/// The simulator answers with the contract's status codes and envelopes, over raw HTTP.
@Suite struct SimulatorContractTests {
    func call(
        _ api: SimulatedEggAPI,
        _ method: HTTPMethod,
        _ path: String,
        body: String? = nil,
        key: String? = nil
    ) async throws -> (status: UInt, json: [String: Any]) {
        var request = HTTPClientRequest(url: api.simulator.baseURL.absoluteString + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key ?? api.apiKey)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (UInt(response.status.code), json)
    }

    func errorCode(_ json: [String: Any]) -> String? {
        (json["error"] as? [String: Any])?["code"] as? String
    }

    @Test func statusCodesAndEnvelopesFollowTheContract() async throws {
        let api = try await SimulatedEggAPI.start()
        let created = try await call(api, .POST, "/v1/generate", body: #"{"model":"nanobanana","prompt":"a fox"}"#)
        #expect(created.status == 202)
        let task = created.json["data"] as? [String: Any]
        #expect(task?["status"] as? String == "pending" && (task?["id"] as? String)?.hasPrefix("gen_") == true)
        #expect(created.json["error"] is NSNull)

        let cases: [(HTTPMethod, String, String?, String?, UInt, String)] = [
            (.GET, "/v1/tasks/gen_missing", nil, nil, 404, "NOT_FOUND"),
            (.GET, "/v1/tasks", nil, "wrong", 401, "UNAUTHORIZED"),
            (.POST, "/v1/generate", "{not json", nil, 400, "BAD_REQUEST"),
            (.POST, "/v1/generate", #"{"model":"nanobanana"}"#, nil, 400, "VALIDATION_ERROR"),
            (
                .POST, "/v1/generate", #"{"model":"nanobanana","prompt":"x","num_outputs":"2"}"#, nil, 400,
                "VALIDATION_ERROR"
            ),
            (
                .POST, "/v1/generate",
                #"{"model":"nanobanana","prompt":"x","image_urls":["a","b","c","d","e","f","g","h","i","j"]}"#, nil,
                400, "VALIDATION_ERROR"
            ),
        ]
        for (method, path, body, key, status, code) in cases {
            let answer = try await call(api, method, path, body: body, key: key)
            #expect(answer.status == status && errorCode(answer.json) == code, "\(method) \(path): \(answer)")
            #expect(answer.json["data"] is NSNull)
        }

        let page = try await call(api, .GET, "/v1/tasks?page=1&per_page=500")
        let pagination = (page.json["data"] as? [String: Any])?["pagination"] as? [String: Any]
        #expect(
            pagination?["per_page"] as? Int == 100 && pagination?["total"] as? Int == 1
                && pagination?["total_pages"] as? Int == 1
        )
        let summary = try await call(api, .GET, "/v1/usage/summary")
        #expect(summary.status == 200)
        #expect(await api.simulator.stats().tasksCreated == 1)
        await api.stop()
    }
}
