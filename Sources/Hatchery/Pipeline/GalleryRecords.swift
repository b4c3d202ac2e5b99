/// What the store holds for the gallery, for every prompt it knows, read without the catalog:
/// a build starts reading it while it loads the catalog (`StoreReadAhead`), and
/// `GalleryContent.init(_:records:held:)` picks out the catalog's prompts.
public struct GalleryRecords: Sendable {
    /// Each prompt's completed generations, newest first (`Store.completedGenerations()`).
    public var history: [String: [Generation]]
    /// By prompt, then fingerprint: the reason the latest failed task gave.
    public var failures: [String: [Fingerprint: String]]
    /// The fingerprint each prompt showed after the last render.
    public var shown: PromptTable<Fingerprint>
    /// By prompt: the fingerprints with a task that has not ended.
    public var inFlight: PromptTable<Fingerprint>
    public var spend: GalleryContent.Spend

    /// Reads them from `store`, one query after another.
    public static func read(from store: Store) async throws(StoreError) -> GalleryRecords {
        GalleryRecords(
            history: try await store.completedGenerations(),
            failures: try await store.failureReasons(),
            shown: try await store.shownFingerprints(),
            inFlight: try await store.fingerprintsInFlight(),
            spend: GalleryContent.Spend(
                byModel: try await store.spend(by: [.model]),
                byDayAndModel: try await store.spend(by: [.day, .model]),
                byModelAndPrompt: try await store.spend(
                    by: [.model, .prompt],
                    top: GalleryContent.Spend.promptsPerModel
                )
            )
        )
    }
}
