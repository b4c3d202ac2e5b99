import Foundation
import Hatchery

/// `CatalogLoader.load(from:)`: the bytes of a `catalog.yaml`, through the same file read the
/// commands use (so the encoding checks are fuzzed too).
enum CatalogTarget {
    /// One file per process, written for each input and removed after it.
    private static let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("hatchery-fuzz-catalog-\(ProcessInfo.processInfo.processIdentifier).yaml")

    static func run(_ input: Data) throws(FuzzFinding) {
        do {
            try input.write(to: file)
        } catch {
            // The machine, not the parser: say so rather than report a finding.
            fatalError("cannot write the fuzz input to \(file.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let catalog: Catalog
        do {
            catalog = try CatalogLoader().load(from: file)
        } catch {
            guard let text = error.errorDescription, !text.isEmpty else {
                throw FuzzFinding(.catalog, "an error without a message: \(error)")
            }
            return
        }
        // What the loader accepts is what a build relies on.
        var ids = Set<String>()
        for prompt in catalog.prompts {
            guard ids.insert(prompt.id).inserted else { throw FuzzFinding(.catalog, "id \(prompt.id) accepted twice") }
            guard !prompt.prompt.isEmpty, (1...4).contains(prompt.numOutputs) else {
                throw FuzzFinding(
                    .catalog,
                    "prompt \(prompt.id) accepted with empty text or \(prompt.numOutputs) outputs"
                )
            }
        }
        if let budget = catalog.budget, budget < .zero {
            throw FuzzFinding(.catalog, "a negative budget accepted: \(budget)")
        }
    }
}
