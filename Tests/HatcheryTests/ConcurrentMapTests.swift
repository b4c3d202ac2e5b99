import Testing

@testable import Hatchery

/// `concurrentMap` and `concurrentFlatMap` keep the elements' order whatever the chunk, and a
/// flat map keeps each element's results together, none for an element that makes none.
@Suite struct ConcurrentMapTests {
    @Test(arguments: [1, 3, 64, 1000])
    func resultsAreInTheElementsOrder(chunk: Int) async {
        let numbers = Array(0..<257)
        #expect(await numbers.concurrentMap(chunk: chunk) { $0 * 2 } == numbers.map { $0 * 2 })
        // Element n makes n % 4 results: none, one or several.
        let flat = await numbers.concurrentFlatMap(chunk: chunk) { (number, out: inout [String]) in
            for copy in 0..<(number % 4) { out.append("\(number).\(copy)") }
        }
        #expect(flat == numbers.flatMap { number in (0..<(number % 4)).map { "\(number).\($0)" } })
        #expect(await numbers.concurrentFlatMap(in: 10..<20, chunk: chunk) { $1.append($0) } == Array(10..<20))
        #expect(await [Int]().concurrentFlatMap(chunk: chunk) { $1.append($0) }.isEmpty)
    }
}
