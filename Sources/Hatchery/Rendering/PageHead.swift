/// What a page's `<head>` says of it beyond its title: a short description, and with
/// `gallery.base_url` its canonical address, the feed and the social card. Without a base URL
/// there are no absolute addresses, so no canonical link and no card (their URLs must be absolute).
struct PageHead: Sendable {
    /// At most `descriptionLimit` characters of the prompt or the gallery's description.
    var description: String
    var canonical: String?
    var hasFeed: Bool
    var social: SocialCard?

    static let descriptionLimit = 160
}

/// Open Graph and Twitter card values.
struct SocialCard: Sendable {
    /// `website`, or `article` for a prompt's page.
    var type: String
    var siteName: String
    var title: String
    var description: String
    var url: String
    var image: SocialImage?
    /// `summary_large_image` with an image, else `summary`.
    var twitterCard: String
}

struct SocialImage: Sendable {
    var url: String
    var width: Int
    var height: Int
    var alt: String
}

/// Makes each page's head from the gallery's settings.
struct PageHeads {
    let siteTitle: String
    /// `gallery.base_url`, ending in `/`.
    let baseURL: String?

    init(_ gallery: Catalog.Gallery) {
        siteTitle = gallery.title
        baseURL = gallery.baseURL
    }

    /// The absolute address of `path` (relative to the site root), when the site has a base URL.
    func absolute(_ path: String) -> String? {
        baseURL.map { $0 + path }
    }

    /// The head of the page at `path`, titled `title`, described by `text`, showing `image`
    /// (the file its card names, and the image's alternative text).
    func head(
        path: String,
        title: String,
        text: String,
        image: (file: PublishedImage.File, alt: String)? = nil,
        type: String = "website"
    ) -> PageHead {
        let description = Elision.oneLine(text, limit: PageHead.descriptionLimit)
        guard let url = absolute(path) else {
            return PageHead(description: description, canonical: nil, hasFeed: false, social: nil)
        }
        let socialImage = image.flatMap { image in
            absolute(image.file.path).map {
                SocialImage(
                    url: $0,
                    width: image.file.width,
                    height: image.file.height,
                    alt: Elision.oneLine(image.alt, limit: 420)
                )
            }
        }
        return PageHead(
            description: description,
            canonical: url,
            hasFeed: true,
            social: SocialCard(
                type: type,
                siteName: siteTitle,
                title: title,
                description: description,
                url: url,
                image: socialImage,
                twitterCard: socialImage == nil ? "summary" : "summary_large_image"
            )
        )
    }
}
