/// `sitemap.xml`: every page of a site with a base URL, in the sitemaps.org format.
enum Sitemap {
    /// `pages` are paths relative to the site root, as `SiteNames` gives them; `base` ends in `/`.
    static func document(base: String, pages: [String]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages {
            xml += "  <url><loc>\(XMLText.escaped(base + page))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
