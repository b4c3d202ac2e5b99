import Foundation
import VipsShim

/// The C allocator's settings for a process that builds sites. The settings are never applied
/// by the library itself, because they change the allocator for the whole process: an
/// executable that builds (`hatchery`) calls `mapLargeAllocations()` once at its start, and the
/// web-image step then switches to `keepFreedBuffers()`' settings while it converts, and back.
/// `releaseFreedMemory()` changes no setting; a build calls it between phases.
public enum AllocatorTuning {
    /// Has glibc keep freed buffers of up to 32 MiB for reuse instead of returning them to the
    /// kernel: each conversion allocates and frees buffers of several MiB, and returning them made
    /// the next image fault every page in again (7,000 page faults per image, a quarter of the
    /// CPU time). The cost is keeping the peak, which a build reaches anyway.
    /// Returns true when glibc took the settings; false on another C library, where it does nothing.
    @discardableResult
    public static func keepFreedBuffers() -> Bool {
        hatchery_malloc_keep_freed_buffers() == 1
    }

    /// Has glibc map allocations of 256 KiB and more on their own, unmapped when freed, and
    /// lets `whileConvertingImages` keep freed buffers for the conversions alone. A build's
    /// tables of every prompt (tens of MiB at 100,000 prompts) grow by doubling; in the heaps,
    /// under `keepFreedBuffers`' 32 MiB threshold, each copy left a hole that only its own heap
    /// could fill. A one-title rebuild of 100,000 prompts peaked at 376–385 MiB against
    /// 455–480 (two runs each), a one-title rebuild of 10,000 at 97 against 104 MiB (8 pairs).
    /// Returns true when glibc took the settings.
    @discardableResult
    public static func mapLargeAllocations() -> Bool {
        hatchery_malloc_map_large_allocations() == 1
    }

    /// Runs `body` (which converts images) under `keepFreedBuffers`' settings when `keeping`,
    /// then maps large allocations again; when the process did not call `mapLargeAllocations`,
    /// or not `keeping`, just runs it.
    static func whileConvertingImages<Result>(
        if keeping: Bool,
        _ body: () async throws -> Result
    ) async rethrows -> Result {
        guard keeping else { return try await body() }
        hatchery_malloc_while_converting(1)
        defer { hatchery_malloc_while_converting(0) }
        return try await body()
    }

    /// Hands what the process freed back to the kernel now, in every glibc heap, whatever the
    /// trim threshold `keepFreedBuffers` set: a build calls it where a phase has freed much of
    /// what it made (the catalog's YAML tree once the catalog is read; the store's snapshots
    /// before the render), since the next phase allocates on other threads, in other heaps, and
    /// the freed memory would stay resident beside it to the end. A one-title rebuild of 10,000
    /// prompts peaked 15 MiB lower. Changes no setting; does nothing on another C library.
    public static func releaseFreedMemory() {
        _ = hatchery_malloc_release_freed()
    }

    /// Caps glibc's heaps ("arenas") at two per core; glibc makes up to eight per core, and each
    /// keeps what its threads freed (as `keepFreedBuffers` lets it). A one-title rebuild of
    /// 10,000 prompts peaked at 212 MiB with glibc's default and 189 MiB with one heap per core.
    /// One per core cost time: a build runs more threads than cores (the concurrency pool,
    /// the store's readers, the image workers), and two that shared a heap waited on its lock,
    /// 9,800 times in a one-title rebuild of 10,000 prompts (`perf` on `sched_switch`). Paired
    /// (6 runs each), that rebuild took 1.69–2.19 s (median 1.96) with one heap per core and
    /// 1.35–1.87 s (median 1.62) with two, peaking at 129–143 against 133–147 MiB.
    /// Returns true when glibc took the setting.
    @discardableResult
    public static func twoHeapsPerCore() -> Bool {
        hatchery_malloc_cap_heaps(Int32(2 * ProcessInfo.processInfo.activeProcessorCount)) == 1
    }
}
