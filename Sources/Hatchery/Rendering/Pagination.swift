/// Splits a list of cards into pages of `pageSize`, each at the path `path(number)` gives,
/// with the links between them. Page paths may sit at different depths, so each page knows
/// its own way back to the site root.
struct Pagination {
    struct Page {
        var number: Int
        var path: String
        var root: String
        var range: Range<Int>
        var links: PaginationLinks?
    }

    let pages: [Page]

    init(count: Int, pageSize: Int, path: (Int) -> String) {
        let size = max(1, pageSize)
        let total = max(1, (count + size - 1) / size)
        let paths = (1...total).map(path)
        pages = (1...total).map { number in
            let current = paths[number - 1]
            let root = String(repeating: "../", count: current.filter { $0 == "/" }.count)
            let links =
                total == 1
                ? nil
                : PaginationLinks(
                    pages: Self.window(number, of: total).map { shown in
                        shown.map { PageLink(number: $0, href: paths[$0 - 1], current: $0 == number, gap: false) }
                            ?? PageLink(number: 0, href: "", current: false, gap: true)
                    },
                    previous: number > 1 ? paths[number - 2] : nil,
                    next: number < total ? paths[number] : nil
                )
            return Page(
                number: number,
                path: current,
                root: root,
                range: (number - 1) * size..<min(number * size, count),
                links: links
            )
        }
    }

    /// The page numbers a page links to: the first, the last and two either side of `number`,
    /// nil where numbers are left out (a gap of one page shows that page instead). Every page
    /// of a 100,000-prompt gallery listing all 2,000 others made the grid quadratic in size,
    /// and no one reads 2,000 links.
    static func window(_ number: Int, of total: Int) -> [Int?] {
        guard total > 7 else { return Array(1...total) }
        let shown = Set([1, total] + (number - 2...number + 2).filter { (1...total).contains($0) }).sorted()
        var window: [Int?] = []
        for page in shown {
            if let last = window.last ?? nil, page - last > 1 {
                window.append(page - last == 2 ? last + 1 : nil)
            }
            window.append(page)
        }
        return window
    }
}
