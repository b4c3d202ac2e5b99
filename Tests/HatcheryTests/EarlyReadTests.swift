import Synchronization
import Testing

@testable import Hatchery

/// A build's early reads are let go of when taken, stale or not: a stale one held beside
/// the read made again doubled what a rebuild that generated held of the store.
@Suite struct EarlyReadTests {
    /// Set when the value a read made is freed.
    final class Freed: Sendable {
        let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }
    }

    /// What a read made: it sets `freed` when it goes.
    final class Value: Sendable {
        let freed: Freed
        init(_ freed: Freed) { self.freed = freed }
        deinit { freed.flag.store(true, ordering: .sequentiallyConsistent) }
    }

    /// Whether `freed` gets set within a generous bound: a task's last reference can go on
    /// another thread just after it is let go of, later still on a loaded machine. A wait for
    /// the event, not a measure of time.
    static func eventuallyFreed(_ freed: Freed) async -> Bool {
        let giveUp = ContinuousClock.now + .seconds(10)
        while !freed.isSet, ContinuousClock.now < giveUp { try? await Task.sleep(for: .milliseconds(1)) }
        return freed.isSet
    }

    @Test func aStaleReadIsLetGoOfBeforeTheCallerReadsAgain() async {
        let freed = Freed()
        var read = EarlyRead(Task { Value(freed) })
        await read.finished()
        #expect(!freed.isSet)
        let taken = await read.take(if: { false })
        #expect(taken == nil)
        #expect(await Self.eventuallyFreed(freed))
        // Kept to here, so the value is freed by `take`, not by the read's own end of life.
        withExtendedLifetime(read) {}
    }

    @Test func aCurrentReadIsTakenOnceAndNotHeldAfter() async {
        let freed = Freed()
        var read = EarlyRead(Task { Value(freed) })
        var asked = 0
        var taken = await read.take(if: {
            asked += 1
            return true
        })
        #expect(taken != nil && asked == 1)
        #expect(
            await read.take(if: {
                Issue.record("asked after it was taken")
                return true
            }) == nil
        )
        #expect(!freed.isSet)
        taken = nil
        #expect(await Self.eventuallyFreed(freed))
    }

    @Test func aFailedReadIsTakenAsNothingSoTheCallerReadsAgain() async {
        struct Refused: Error {}
        var read = EarlyRead<Int>(Task { throw Refused() })
        #expect(await read.take(if: { true }) == nil)
    }
}
