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

        /// The pages of the cards `members` names (indices into `cards`, in order), made only
        /// when rendered, so that no build holds every grid page's cards at once.
        func pages(
            cards: [Digested<CardView>],
            members: [Int],
            pages: Pagination,
            title: String,
            heading: String,
            about: String,
            imageCount: Int
        ) -> [PendingOutput] {
            pages.pages.map { page in
                PendingOutput(path: page.path) {
                    self.page(
                        page,
                        cards: page.range.map { cards[members[$0]] },
                        count: members.count,
                        title: title,
                        heading: heading,
                        about: about,
                        imageCount: imageCount
                    )
                }
            }
        }

        private func page(
            _ page: Pagination.Page,
            cards pageCards: [Digested<CardView>],
            count: Int,
            title: String,
            heading: String,
            about: String,
            imageCount: Int
        ) -> SiteOutput {
            let pageTitle = page.number == 1 ? title : "\(title), page \(page.number)"
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
                    promptCount: count,
                    imageCount: imageCount,
                    counts: "\(Self.counted(count, "prompt")) · \(Self.counted(imageCount, "image"))",
                    pagination: page.links,
                    tags: tags,
                    hasTags: !tags.isEmpty,
                    searchable: true
                )
            )
        }
    }
}
