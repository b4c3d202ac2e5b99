import Foundation
import Hatchery

/// Checks a `POST /v1/generate` body against the contract's rules, with EggAPI's codes.
struct RequestValidator {
    struct Problem: Error {
        var code: String
        var message: String
    }

    let prices: PriceTable

    func validate(_ raw: Data) -> Result<GenerationRequest, Problem> {
        guard let object = try? JSONSerialization.jsonObject(with: raw) as? [String: Any] else {
            return .failure(Problem(code: "BAD_REQUEST", message: "The body is not a JSON object"))
        }
        func invalid(_ message: String) -> Result<GenerationRequest, Problem> {
            .failure(Problem(code: "VALIDATION_ERROR", message: message))
        }
        guard let model = object["model"] as? String else { return invalid("model is required") }
        guard prices.models.contains(model) else { return invalid("model \(model) is not supported") }
        guard let prompt = object["prompt"] as? String else { return invalid("prompt is required") }
        guard (1...2000).contains(prompt.unicodeScalars.count) else { return invalid("prompt must be 1 to 2000 characters") }
        let negative = object["negative_prompt"] as? String
        if object["negative_prompt"] != nil, !(object["negative_prompt"] is NSNull), negative == nil {
            return invalid("negative_prompt must be a string")
        }
        if let negative, negative.unicodeScalars.count > 1000 { return invalid("negative_prompt must be at most 1000 characters") }
        var ratio = AspectRatio.landscape
        if let value = object["aspect_ratio"], !(value is NSNull) {
            guard let text = value as? String, let parsed = AspectRatio(rawValue: text) else {
                return invalid("aspect_ratio must be 16:9 or 9:16")
            }
            ratio = parsed
        }
        var outputs = 1
        if let value = object["num_outputs"], !(value is NSNull) {
            guard let number = value as? Int, (1...4).contains(number), !(value is Bool) else {
                return invalid("num_outputs must be an integer from 1 to 4")
            }
            outputs = number
        }
        var resolution: Resolution?
        if let value = object["resolution"], !(value is NSNull) {
            guard let text = value as? String, let parsed = Resolution(rawValue: text) else {
                return invalid("resolution must be 1k, 2k or 4k")
            }
            resolution = parsed
        }
        var imageURLs: [String]?
        if let value = object["image_urls"], !(value is NSNull) {
            guard let urls = value as? [String], urls.count <= 9, urls.allSatisfy(Self.isURL) else {
                return invalid("image_urls must be at most 9 valid URLs")
            }
            imageURLs = urls
        }
        var webhook: String?
        if let value = object["webhook_url"], !(value is NSNull) {
            guard let text = value as? String, text.count <= 2048, Self.isURL(text) else {
                return invalid("webhook_url must be a valid URL of at most 2048 characters")
            }
            webhook = text
        }
        return .success(GenerationRequest(model: model, prompt: prompt, negativePrompt: negative, aspectRatio: ratio,
                                          numOutputs: outputs, resolution: resolution, imageURLs: imageURLs, webhookURL: webhook))
    }

    static func isURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host != nil else { return false }
        return scheme == "http" || scheme == "https"
    }
}
