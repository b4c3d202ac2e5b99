extension SiteNames {
    /// The names of `content`'s site: its tags, and every model it shows or has spent on.
    init(_ content: GalleryContent) {
        let spent = [content.spend.byModel, content.spend.byModelAndPrompt, content.spend.byDayAndModel]
            .flatMap { $0.rows.compactMap(\.model) }
        self.init(tags: content.entries.flatMap(\.spec.tags), models: content.models + spent)
    }
}
