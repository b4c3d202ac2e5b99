#ifndef HATCHERY_VIPS_SHIM_H
#define HATCHERY_VIPS_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// One derived image: WebP bytes (released with `hatchery_vips_free`) and their dimensions.
typedef struct {
    int width;
    int height;
    uint8_t *data;
    size_t length;
} hatchery_vips_output;

/// Starts libvips once for the process, with no operation cache (memory stays flat) and no
/// ORC vector code (liborc 0.4.33 crashes when threads compile and free programs at once).
/// Returns 0 on success; otherwise fills `message`. It leaves the allocator alone: see
/// `hatchery_malloc_keep_freed_buffers`.
int hatchery_vips_start(char *message, size_t message_capacity);

/// Has glibc keep freed buffers of up to 32 MiB in the heap for the next image (mmap threshold
/// 32 MiB, trim threshold 128 MiB) instead of returning them to the kernel. Changes the
/// allocator of the whole process, so only an executable calls it, at its start. Returns 1
/// when glibc took both settings, 0 otherwise (or on another C library, where it does nothing).
int hatchery_malloc_keep_freed_buffers(void);

/// Has glibc serve allocations of 256 KiB and more with mappings of their own, unmapped when
/// freed (mmap threshold 256 KiB, trim threshold 128 KiB, neither moving by itself), and
/// records that the process chose so: `hatchery_malloc_while_converting` then switches to
/// `hatchery_malloc_keep_freed_buffers`' settings and back. Changes the allocator of the whole
/// process, so only an executable calls it, at its start. Returns 1 when glibc took the settings.
int hatchery_malloc_map_large_allocations(void);

/// With a non-zero `converting`, `hatchery_malloc_keep_freed_buffers`' settings; with zero,
/// `hatchery_malloc_map_large_allocations`' again. Does nothing (returns 0) unless the process
/// called `hatchery_malloc_map_large_allocations`; returns 1 when glibc took the settings.
int hatchery_malloc_while_converting(int converting);

/// Caps glibc's heaps ("arenas") at `heaps`, instead of up to eight per core.
/// Changes the allocator of the whole process, so only an executable calls it, at its start.
/// Returns 1 when glibc took the setting, 0 otherwise (or on another C library).
int hatchery_malloc_cap_heaps(int heaps);

/// Hands the memory freed in every glibc heap back to the kernel now (`malloc_trim(0)`),
/// whatever the trim threshold: a phase of a build that freed much of what it made (the catalog's
/// YAML tree) would otherwise keep it resident beside what later phases allocate in other heaps.
/// Changes no setting. Returns 1 when memory was released, 0 otherwise (or on another C library).
int hatchery_malloc_release_freed(void);

/// Turns ORC vector code back on (non-zero) or off, for benchmarks that measure what turning
/// it off costs. On, conversions on more than one thread at once can crash the process.
void hatchery_vips_set_vector_enabled(int enabled);

/// Non-zero when ORC vector code is on.
int hatchery_vips_vector_enabled(void);

/// The libvips version, such as "8.14.1", which names derived files.
const char *hatchery_vips_version(void);

/// libwebp's encoder version, packed as 0xMMmmpp (1.2.4 is 0x010204); it names derived files too.
int hatchery_webp_encoder_version(void);

/// Decodes the PNG in `png` once and writes one WebP per entry of `widths`: scaled down
/// to that width with Lanczos-3, never up. All of it runs on the calling thread, so callers
/// can convert one image per core. `outputs` must hold `count` entries. Returns 0 on
/// success; on failure nothing needs freeing and `message` says why.
int hatchery_vips_derive_webp(const uint8_t *png, size_t png_length,
                              const int *widths, int count, int quality, int effort,
                              hatchery_vips_output *outputs,
                              char *message, size_t message_capacity);

void hatchery_vips_free(void *pointer);

#endif
