import Foundation

/// The offline provider: paints deterministic images on this machine and charges what EggAPI
/// would, recorded as provider `local` so that reports keep these estimates apart from real spend.
public struct LocalProvider: GenerationProvider {
    public let kind = ProviderKind.local
    private let prices: PriceTable
    private let synthesizer = ImageSynthesizer()
    private let encoder = PNGEncoder()
    private let ledger = Ledger()
    /// Paints smaller than the request's size when set: for benchmarks of everything but pixels.
    private let longSide: Int?

    public init(prices: PriceTable = .eggAPI, longSide: Int? = nil) {
        self.prices = prices
        self.longSide = longSide
    }

    public func submit(_ request: GenerationRequest) async throws -> String {
        guard prices.perImage(model: request.model, resolution: request.resolution) != nil else {
            throw ProviderError.rejected(code: "VALIDATION_ERROR", message: "unknown model \(request.model)")
        }
        let id = "local_" + UUID().uuidString.lowercased()
        await ledger.record(request, id: id)
        return id
    }

    public func task(id: String) async throws -> ProviderTask {
        guard let request = await ledger.request(id: id) else { throw ProviderError.taskNotFound(id: id) }
        let outputs = (0..<request.numOutputs).map { URL(string: "hatchery-local://\(id)/\($0).png")! }
        let cost = prices.estimate(model: request.model, resolution: request.resolution, outputs: outputs.count)
        return ProviderTask(id: id, status: .completed, outputs: outputs, cost: cost)
    }

    /// The offline provider answers every submission at once, so no outcome is ever unknown.
    public func tasks(createdSince date: Date) async throws -> [ProviderTask] { [] }

    /// Paints outside the ledger's actor, so that images render on every core at once.
    public func download(_ output: URL) async throws -> Data {
        guard let id = output.host, let index = Int(output.deletingPathExtension().lastPathComponent),
            let request = await ledger.request(id: id), (0..<request.numOutputs).contains(index)
        else { throw ProviderError.outputNotFound(url: output.absoluteString) }
        let image = synthesizer.render(
            request,
            fingerprint: Fingerprint(provider: .local, request: request),
            index: index,
            longSide: longSide
        )
        return try encoder.encode(image)
    }

    /// The tasks this process has been asked for. They live as long as the process: a task
    /// left unfinished by a killed run is unknown to the next one, which costs nothing to redo.
    private actor Ledger {
        private var requests: [String: GenerationRequest] = [:]

        func record(_ request: GenerationRequest, id: String) {
            requests[id] = request
        }

        func request(id: String) -> GenerationRequest? {
            requests[id]
        }
    }
}
