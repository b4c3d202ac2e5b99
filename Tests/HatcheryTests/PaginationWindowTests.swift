import Testing

@testable import Hatchery

/// Each grid page links to the first, the last and two pages either side of itself, so that a
/// page's links (and its size and digest) do not grow with the gallery.
@Suite struct PaginationWindowTests {
    @Test func aPageLinksToTheEndsAndItsNeighbours() {
        #expect(Pagination.window(50, of: 100) == [1, nil, 48, 49, 50, 51, 52, nil, 100])
        #expect(Pagination.window(1, of: 100) == [1, 2, 3, nil, 100])
        #expect(Pagination.window(100, of: 100) == [1, nil, 98, 99, 100])
        // A gap of one page shows that page.
        #expect(Pagination.window(5, of: 100) == [1, 2, 3, 4, 5, 6, 7, nil, 100])
        #expect(Pagination.window(3, of: 7) == [1, 2, 3, 4, 5, 6, 7])
        #expect(Pagination.window(1, of: 1) == [1])
    }

    @Test func everyPageOfALargeGridCarriesAFewLinks() {
        let pages = Pagination(count: 100_000, pageSize: 48, path: SiteNames.indexPage).pages
        #expect(pages.count == 2084)
        #expect(pages.allSatisfy { ($0.links?.pages.count ?? 0) <= 9 })
        let middle = pages[1000].links?.pages.map { $0.gap ? "…" : String($0.number) }
        #expect(middle == ["1", "…", "999", "1000", "1001", "1002", "1003", "…", "2084"])
    }
}
