import Foundation
import Hatchery

/// Checks a `POST /v1/generate` body against the contract's rules, with EggAPI's codes.
struct RequestValidator {
    struct Problem: Error {
        var code: String
        var message: String
    }

    let prices: PriceTable

    /// The body as typed fields: a wrong type is a validation error naming the field.
    private struct Body: Decodable {
        var model: String?
        var prompt: String?
        var negative_prompt: String?
        var aspect_ratio: String?
        var num_outputs: Int?
        var resolution: String?
        var image_urls: [String]?
        var webhook_url: String?
    }

    func validate(_ raw: Data) -> Result<GenerationRequest, Problem> {
        func invalid(_ message: String) -> Result<GenerationRequest, Problem> {
            .failure(Problem(code: "VALIDATION_ERROR", message: message))
        }
        guard (try? JSONSerialization.jsonObject(with: raw)) is [String: Any] else {
            return .failure(Problem(code: "BAD_REQUEST", message: "The body is not a JSON object"))
        }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: raw)
        } catch let DecodingError.typeMismatch(_, context) {
            return invalid("\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch {
            return invalid("the body does not match the schema")
        }
        guard let model = body.model else { return invalid("model is required") }
        guard prices.models.contains(model) else { return invalid("model \(model) is not supported") }
        guard let prompt = body.prompt else { return invalid("prompt is required") }
        guard (1...2000).contains(prompt.unicodeScalars.count) else {
            return invalid("prompt must be 1 to 2000 characters")
        }
        if let negative = body.negative_prompt, negative.unicodeScalars.count > 1000 {
            return invalid("negative_prompt must be at most 1000 characters")
        }
        guard let ratio = AspectRatio(rawValue: body.aspect_ratio ?? "16:9") else {
            return invalid("aspect_ratio must be 16:9 or 9:16")
        }
        let outputs = body.num_outputs ?? 1
        guard (1...4).contains(outputs) else { return invalid("num_outputs must be an integer from 1 to 4") }
        var resolution: Resolution?
        if let text = body.resolution {
            guard let parsed = Resolution(rawValue: text) else { return invalid("resolution must be 1k, 2k or 4k") }
            resolution = parsed
        }
        if let urls = body.image_urls, urls.count > 9 || !urls.allSatisfy(Self.isURL) {
            return invalid("image_urls must be at most 9 valid URLs")
        }
        if let hook = body.webhook_url, hook.count > 2048 || !Self.isURL(hook) {
            return invalid("webhook_url must be a valid URL of at most 2048 characters")
        }
        return .success(
            GenerationRequest(
                model: model,
                prompt: prompt,
                negativePrompt: body.negative_prompt,
                aspectRatio: ratio,
                numOutputs: outputs,
                resolution: resolution,
                imageURLs: body.image_urls,
                webhookURL: body.webhook_url
            )
        )
    }

    static func isURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }
}
