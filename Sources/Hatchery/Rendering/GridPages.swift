import Foundation

extension GalleryRenderer {
    /// The pages of one grid (the index or a tag's), `page_size` cards a page, each titled
    /// "title, page N" after the first.
    struct GridPages {
        let site: SiteView
        let tags: [TagLink]
        let heads: PageHeads

        /// "1 prompt", "2 prompts".
        static func counted(_ count: Int, _ noun: String) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s")"
        }

        func pages(
            cards: [CardView],
            pages: Pagination,
            title: String,
            heading: String,
            about: String,
            imageCount: Int
        ) -> [SiteOutput] {
            pages.pages.map { page in
                let pageTitle = page.number == 1 ? title : "\(title), page \(page.number)"
                let pageCards = Array(cards[page.range])
                return SiteOutput.page(
                    path: page.path,
                    template: "index",
                    model: IndexPage(
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
                        promptCount: cards.count,
                        imageCount: imageCount,
                        counts: "\(Self.counted(cards.count, "prompt")) · \(Self.counted(imageCount, "image"))",
                        pagination: page.links,
                        tags: tags,
                        hasTags: !tags.isEmpty,
                        searchable: true
                    )
                )
            }
        }
    }
}
