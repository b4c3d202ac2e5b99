import Foundation

extension GalleryRenderer {
    /// The pages of one grid (the index or a tag's), `page_size` cards a page, each titled
    /// "title, page N" after the first.
    struct GridPages {
        let site: SiteView
        let tags: [TagLink]
        let heads: PageHeads
        /// `TemplateSet.digest(of:)` of the `index` template.
        let template: String

        /// "1 prompt", "2 prompts".
        static func counted(_ count: Int, _ noun: String) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s")"
        }

        /// The pages of the cards `members` names (indices into `cards`, in order), made only
        /// when rendered, so that no build holds every grid page's cards at once; their cards
        /// are made only when the page's inputs changed.
        func pages(
            cards: CardSource,
            members: [Int],
            pages: Pagination,
            title: String,
            heading: String,
            about: String,
            imageCount: Int
        ) -> [PendingOutput] {
            pages.pages.map { page in
                PendingOutput(path: page.path) {
                    let model = { @Sendable (pageCards: [Digested<CardView>]) in
                        self.model(
                            page,
                            cards: pageCards,
                            count: members.count,
                            title: title,
                            heading: heading,
                            about: about,
                            imageCount: imageCount
                        )
                    }
                    return cards.page(
                        at: page.path,
                        template: "index",
                        templateDigest: template,
                        members: members,
                        range: page.range,
                        model: model
                    )
                }
            }
        }

        private func model(
            _ page: Pagination.Page,
            cards pageCards: [Digested<CardView>],
            count: Int,
            title: String,
            heading: String,
            about: String,
            imageCount: Int
        ) -> IndexPage {
            let pageTitle = page.number == 1 ? title : "\(title), page \(page.number)"
            return IndexPage(
                root: page.root,
                site: site,
                head: heads.head(
                    path: page.path,
                    title: pageTitle,
                    text: about,
                    image: GalleryRenderer.socialImage(of: pageCards)
                ),
                pageTitle: pageTitle,
                heading: heading,
                cards: pageCards,
                promptCount: count,
                imageCount: imageCount,
                counts: "\(Self.counted(count, "prompt")) · \(Self.counted(imageCount, "image"))",
                pagination: page.links,
                tags: tags,
                hasTags: !tags.isEmpty,
                searchable: true
            )
        }
    }
}
