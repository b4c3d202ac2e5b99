import Foundation
import VipsShim

/// The C allocator's settings for a process that converts images. The settings are never
/// applied by the library itself, because they change the allocator for the whole process: an
/// executable that makes web images (`hatchery`, the benchmarks) calls `keepFreedBuffers()` once
/// at its start. `releaseFreedMemory()` changes no setting; a build calls it between phases.
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

    /// Hands what the process freed back to the kernel now, in every glibc heap, whatever the
    /// trim threshold `keepFreedBuffers` set: a build calls it where a phase has freed much of
    /// what it made (the catalog's YAML tree once the catalog is read; the store's snapshots
    /// before the render), since the next phase allocates on other threads, in other heaps, and
    /// the freed memory would stay resident beside it to the end. A one-title rebuild of 10,000
    /// prompts peaked 15 MiB lower. Changes no setting; does nothing on another C library.
    public static func releaseFreedMemory() {
        _ = hatchery_malloc_release_freed()
    }

    /// Caps glibc's heaps ("arenas") at one per core; glibc makes up to eight per core, and each
    /// keeps what its threads freed (as `keepFreedBuffers` lets it). A one-title rebuild of
    /// 10,000 prompts peaked at 212 MiB with glibc's default and 189 MiB with one heap per core.
    /// The cap costs time where more threads than cores allocate at once (the catalog, the store
    /// reads and the render's tasks wait on each other's heap locks): measured again, the same
    /// rebuild took 2.5–2.9 s with it and 2.0–2.3 s without (three runs each), for 12–17 MiB
    /// less. Returns true when glibc took the setting.
    @discardableResult
    public static func oneHeapPerCore() -> Bool {
        hatchery_malloc_heaps_per_core(Int32(ProcessInfo.processInfo.activeProcessorCount)) == 1
    }
}
