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
                    pages: (1...total).map { PageLink(number: $0, href: paths[$0 - 1], current: $0 == number) },
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
}
