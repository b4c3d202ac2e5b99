import Foundation

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

extension Array where Element: Sendable {
    /// `transform` of every element, in order, made on every core, `chunk` elements a task.
    public func concurrentMap<T: Sendable>(
        chunk: Int = 64,
        _ transform: @escaping @Sendable (Element) -> T
    ) async -> [T] {
        let starts = [Int](stride(from: 0, to: count, by: Swift.max(1, chunk)))
        var parts: [Int: [T]] = [:]
        await withTaskGroup(of: (Int, [T]).self) { group in
            var pending = starts.makeIterator()
            var running = 0
            func start(_ first: Int) {
                let slice = Array(self[first..<Swift.min(first + chunk, count)])
                group.addTask { (first, slice.map(transform)) }
            }
            while running < ProcessInfo.processInfo.activeProcessorCount, let first = pending.next() {
                start(first)
                running += 1
            }
            while let (first, part) = await group.next() {
                parts[first] = part
                if let next = pending.next() { start(next) }
            }
        }
        return starts.flatMap { parts[$0] ?? [] }
    }
}
