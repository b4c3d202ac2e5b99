extension Sequence where Element: Sendable {
    /// Runs `body` on every element with at most `limit` running at once, handing each result
    /// to `collect` as it arrives. The first error cancels the rest and is rethrown.
    public func forEachConcurrently<T: Sendable>(
        limit: Int,
        _ body: @escaping @Sendable (Element) async throws -> T,
        collect: (T) async throws -> Void = { _ in }
    ) async throws {
        try await withThrowingTaskGroup(of: T.self) { group in
            var pending = makeIterator()
            var running = 0
            while running < Swift.max(1, limit), let next = pending.next() {
                group.addTask { try await body(next) }
                running += 1
            }
            while let result = try await group.next() {
                try await collect(result)
                if let next = pending.next() {
                    group.addTask { try await body(next) }
                }
            }
        }
    }
}
