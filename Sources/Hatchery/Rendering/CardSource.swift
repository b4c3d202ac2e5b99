extension GalleryRenderer {
    /// Every prompt's card, made only for a page that is rendered: at 10,000 prompts the cards
    /// were a tenth of what a rebuild held, and a one-title rebuild renders a few pages. What a
    /// page that shows cards is made from is known without them: each card's key stands in for
    /// it (see `CardPageKey`).
    struct CardSource: Sendable {
        let renderer: GalleryRenderer
        let entries: [GalleryContent.Entry]
        let published: PublishedImages
        let names: SiteNames
        let showSpend: Bool
        /// By entry: the digest of what its card is made from (its `EntryDigest`, the page its
        /// model links to, whether costs are shown): 32 bytes each, held in place, where hex
        /// strings were 10 MB at 100,000 prompts.
        let keys: [SHA256Digest.Words]

        /// `entryDigests` by entry, as `EntryDigest.of` gives them.
        init(
            renderer: GalleryRenderer,
            entries: [GalleryContent.Entry],
            entryDigests: [SHA256Digest.Words],
            published: PublishedImages,
            names: SiteNames,
            showSpend: Bool
        ) {
            self.renderer = renderer
            self.entries = entries
            self.published = published
            self.names = names
            self.showSpend = showSpend
            keys = zip(entries, entryDigests).map { entry, digest in
                var input = DigestInput()
                input.add("card")
                input.add(digest)
                input.add(names.modelPage(entry.shownModel))
                input.bytes.append(showSpend ? 1 : 0)
                return SHA256Digest.words(of: input.bytes)
            }
        }

        /// The card of entry `index`, named by its key.
        func card(_ index: Int) -> Digested<CardView> {
            Digested(
                renderer.card(for: entries[index], published: published, names: names, showSpend: showSpend),
                digest: keys[index]
            )
        }

        /// The page of cards at `path`: the cards of `members[range]` (entry indexes), shown by
        /// `model`, which `template` (its name) renders and `templateDigest` stands for. Made
        /// only when its `CardPageKey` differs from the one recorded; its cards only then.
        func page<Model: TemplateFields>(
            at path: String,
            template: String,
            templateDigest: String,
            members: [Int],
            range: Range<Int>,
            model: @escaping @Sendable ([Digested<CardView>]) -> Model
        ) -> SiteOutput {
            let inputs = CardPageKey.inputs(
                stub: model([]),
                template: templateDigest,
                cards: range.lazy.map { keys[members[$0]] }
            )
            return .keyed(path: path, inputs: inputs) {
                .page(template: template, model: model(range.map { card(members[$0]) }))
            }
        }

        /// How many images entry `index`'s card counts.
        func imageCount(_ index: Int) -> Int {
            entries[index].generation?.images.count ?? 0
        }
    }

    /// The digest of what a page of cards is made from: the Hatchery build, its template, its
    /// model without cards or social image (`stub`), and the keys of its cards in order, which
    /// stand in for both.
    enum CardPageKey {
        static func inputs(
            stub: any TemplateFields,
            template: String,
            cards: some Sequence<SHA256Digest.Words>
        ) -> String {
            var input = DigestInput()
            input.add("card page")
            input.add(ExecutableBuildID.current)
            input.add(template)
            stub.addDigest(to: &input)
            for key in cards { input.add(key) }
            return SHA256Digest.hex(of: input.bytes)
        }
    }
}
