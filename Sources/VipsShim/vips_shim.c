#include "vips_shim.h"

#include <string.h>
#include <vips/vips.h>
#include <webp/encode.h>
// ORC on or off; vips.h leaves it out.
#include <vips/vector.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

static void take_error(char *message, size_t capacity, const char *fallback) {
    const char *text = vips_error_buffer();
    if (message && capacity > 0) {
        snprintf(message, capacity, "%s", (text && *text) ? text : fallback);
        // libvips ends its messages with a newline; the caller adds its own punctuation.
        size_t length = strlen(message);
        while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) message[--length] = '\0';
    }
    vips_error_clear();
}

// Computes every pixel of `image` on the calling thread, into a new image in memory.
// vips_image_copy_memory hands the work to a libvips worker thread and waits for it:
// hundreds of handoffs per image, and cores left idle while Hatchery converts one
// image per core (measured: 1.66 of 2 CPUs busy, against 1.96 this way).
// A band of rows at a time: asked for the whole image at once, every step upstream (the
// 16-bit decode, the colour conversion) holds a whole image of its own too.
static VipsImage *pixels_in_memory(VipsImage *image) {
    VipsImage *memory = vips_image_new_memory();
    vips_image_init_fields(memory, image->Xsize, image->Ysize, image->Bands, image->BandFmt,
                           image->Coding, image->Type, image->Xres, image->Yres);
    VipsRegion *region = vips_image_write_prepare(memory) == 0 ? vips_region_new(image) : NULL;
    if (!region) {
        g_object_unref(memory);
        return NULL;
    }
    size_t line = VIPS_IMAGE_SIZEOF_LINE(image);
    // About 4 MiB of rows per band upstream: few enough bands to cost nothing.
    int band = (int)VIPS_CLIP(16, (4 << 20) / (line ? line : 1), 1024);
    for (int top = 0; top < image->Ysize; top += band) {
        VipsRect rows = { 0, top, image->Xsize, VIPS_MIN(band, image->Ysize - top) };
        if (vips_region_prepare(region, &rows) != 0) {
            g_object_unref(memory);
            memory = NULL;
            break;
        }
        for (int y = rows.top; y < rows.top + rows.height; y++) {
            memcpy(VIPS_IMAGE_ADDR(memory, 0, y), VIPS_REGION_ADDR(region, 0, y), line);
        }
    }
    g_object_unref(region);
    return memory;
}

// Encodes an 8-bit RGB or RGBA image in memory with libwebp exactly as vips_webpsave_buffer
// configures it (default preset at `quality`, `effort` as the method, alpha at full quality),
// so the VP8 stream is the same, but on the calling thread for the reason above, and
// without the EXIF chunk libvips 8.14 adds even when asked to strip metadata.
static int encode_webp(VipsImage *image, int quality, int effort, void **data, size_t *length) {
    WebPConfig config;
    if (!WebPConfigInit(&config) || !WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, (float)quality)) return -1;
    config.alpha_quality = 100;
    config.method = effort;
    if (!WebPValidateConfig(&config)) return -1;
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return -1;
    picture.width = image->Xsize;
    picture.height = image->Ysize;
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    int stride = image->Xsize * image->Bands;
    int imported = image->Bands == 4
        ? WebPPictureImportRGBA(&picture, VIPS_IMAGE_ADDR(image, 0, 0), stride)
        : WebPPictureImportRGB(&picture, VIPS_IMAGE_ADDR(image, 0, 0), stride);
    int status = -1;
    if (imported && WebPEncode(&config, &picture)) {
        *data = g_memdup2(writer.mem, writer.size);
        *length = writer.size;
        status = 0;
    }
    WebPPictureFree(&picture);
    WebPMemoryWriterClear(&writer);
    return status;
}

// Any PNG (grey, 16-bit, with or without alpha) as 8-bit sRGB with 3 or 4 bands, the only
// layouts libwebp takes. Lazy: the conversion runs during the one decode.
static VipsImage *as_srgb8(VipsImage *image) {
    VipsImage *converted = image;
    g_object_ref(converted);
    if (image->Type != VIPS_INTERPRETATION_sRGB || image->BandFmt != VIPS_FORMAT_UCHAR) {
        g_object_unref(converted);
        if (vips_colourspace(image, &converted, VIPS_INTERPRETATION_sRGB, NULL) != 0) return NULL;
    }
    if (converted->BandFmt != VIPS_FORMAT_UCHAR || (converted->Bands != 3 && converted->Bands != 4)) {
        vips_error("hatchery", "the PNG has %d bands of a kind WebP cannot hold", converted->Bands);
        g_object_unref(converted);
        return NULL;
    }
    return converted;
}

static void ignore_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
}

int hatchery_vips_start(char *message, size_t message_capacity) {
    if (VIPS_INIT("hatchery") != 0) {
        take_error(message, message_capacity, "libvips could not start");
        return -1;
    }
    vips_concurrency_set(1);
    // No operation cache: nothing made on one thread is reused or freed on another, and
    // memory stays flat. It does not stop the crash below, as every image frees its own ops.
    vips_cache_set_max(0);
    // No ORC vector code. liborc 0.4.33's code allocator is not safe across threads: with one
    // conversion per core, freeing one operation's program (orc_code_free) while another
    // thread compiles one (orc_code_allocate_codemem) crashed with SIGSEGV, once in a few
    // thousand images. libvips' plain C paths give the same pixels.
    vips_vector_set_enabled(FALSE);
    // A corrupt PNG is an error Hatchery reports with the file's name; libvips would also
    // print a warning per unreadable tile on stderr.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, ignore_message, NULL);
    return 0;
}

int hatchery_malloc_keep_freed_buffers(void) {
#ifdef __GLIBC__
    // Every conversion allocates and frees buffers of several MiB (pixels, resized
    // copies, libwebp's planes). By default glibc maps each with mmap or trims it back to
    // the kernel when freed, so the next image faults every page in again: 7,000 page
    // faults per image, a quarter of the CPU time. Keeping freed memory for reuse costs
    // no more than the peak, which the build reaches anyway.
    int mapped = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    int trimmed = mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
    return mapped == 1 && trimmed == 1 ? 1 : 0;
#else
    return 0;
#endif
}

#ifdef __GLIBC__
// Set once by the executable, before its other threads start; read by the derivation stage.
static _Atomic int maps_large_allocations = 0;

static int map_large_allocations(void) {
    // A build's whole-site tables are arrays of several MiB, grown by doubling. Kept in the
    // heaps (as the conversions' 32 MiB threshold had them), each copy left a hole that only
    // its own heap could fill: a one-title rebuild of 100,000 prompts peaked 70 MiB higher.
    int mapped = mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    int trimmed = mallopt(M_TRIM_THRESHOLD, 128 * 1024);
    return mapped == 1 && trimmed == 1 ? 1 : 0;
}
#endif

int hatchery_malloc_map_large_allocations(void) {
#ifdef __GLIBC__
    maps_large_allocations = 1;
    return map_large_allocations();
#else
    return 0;
#endif
}

int hatchery_malloc_while_converting(int converting) {
#ifdef __GLIBC__
    if (!maps_large_allocations) return 0;
    return converting ? hatchery_malloc_keep_freed_buffers() : map_large_allocations();
#else
    (void)converting;
    return 0;
#endif
}

int hatchery_malloc_cap_heaps(int heaps) {
#ifdef __GLIBC__
    // glibc makes up to eight heaps ("arenas") per core, one for each thread that finds the
    // others busy, and each keeps what was freed in it (the trim threshold above lets it).
    return mallopt(M_ARENA_MAX, heaps > 0 ? heaps : 1);
#else
    (void)heaps;
    return 0;
#endif
}

int hatchery_malloc_release_freed(void) {
#ifdef __GLIBC__
    return malloc_trim(0);
#else
    return 0;
#endif
}

void hatchery_vips_set_vector_enabled(int enabled) {
    vips_vector_set_enabled(enabled ? TRUE : FALSE);
}

int hatchery_vips_vector_enabled(void) {
    return vips_vector_isenabled() ? 1 : 0;
}

const char *hatchery_vips_version(void) {
    return vips_version_string();
}

int hatchery_webp_encoder_version(void) {
    return WebPGetEncoderVersion();
}

void hatchery_vips_free(void *pointer) {
    g_free(pointer);
}

int hatchery_vips_derive_webp(const uint8_t *png, size_t png_length,
                              const int *widths, int count, int quality, int effort,
                              hatchery_vips_output *outputs,
                              char *message, size_t message_capacity) {
    memset(outputs, 0, sizeof(hatchery_vips_output) * (size_t)count);
    VipsImage *loaded = NULL;
    // The buffer is only read; libvips' signature predates const.
    // Sequential access decodes straight into the pipeline below, with no temporary copy.
    if (vips_pngload_buffer((void *)png, png_length, &loaded, "fail_on", VIPS_FAIL_ON_ERROR,
                            "access", VIPS_ACCESS_SEQUENTIAL, NULL) != 0) {
        take_error(message, message_capacity, "the PNG could not be read");
        return -1;
    }
    VipsImage *srgb = as_srgb8(loaded);
    g_object_unref(loaded);
    if (!srgb) {
        take_error(message, message_capacity, "the PNG's colours could not be converted");
        return -1;
    }
    // The one decode: every size below is made from these pixels in memory.
    VipsImage *decoded = pixels_in_memory(srgb);
    g_object_unref(srgb);
    if (!decoded) {
        take_error(message, message_capacity, "the PNG could not be decoded");
        return -1;
    }
    // Sizes are made widest first, each from the narrowest in-memory image still wider than
    // it: 360 comes from the 720 pixels, not from the original, halving that resize's work.
    int order[count];
    for (int i = 0; i < count; i++) order[i] = i;
    for (int i = 1; i < count; i++) {
        for (int j = i; j > 0 && widths[order[j]] > widths[order[j - 1]]; j--) {
            int swap = order[j]; order[j] = order[j - 1]; order[j - 1] = swap;
        }
    }
    int status = 0;
    // The output made at the original's own size, when one was: later sizes that are also
    // not smaller than the original get a copy of its bytes instead of a second encode.
    int unscaled = -1;
    VipsImage *source = decoded;
    g_object_ref(source);
    for (int k = 0; k < count && status == 0; k++) {
        int i = order[k];
        VipsImage *sized = NULL;
        if (widths[i] < source->Xsize) {
            VipsImage *resized = NULL;
            double scale = (double)widths[i] / (double)source->Xsize;
            if (vips_resize(source, &resized, scale, "kernel", VIPS_KERNEL_LANCZOS3, NULL) != 0) {
                take_error(message, message_capacity, "resizing failed");
                status = -1;
                break;
            }
            sized = pixels_in_memory(resized);
            g_object_unref(resized);
            if (!sized) {
                take_error(message, message_capacity, "resizing failed");
                status = -1;
                break;
            }
            g_object_unref(source);
            source = sized;
            g_object_ref(source);
        } else if (unscaled >= 0) {
            outputs[i] = outputs[unscaled];
            outputs[i].data = g_memdup2(outputs[unscaled].data, outputs[unscaled].length);
            continue;
        } else {
            sized = source;
            g_object_ref(sized);
            unscaled = i;
        }
        void *buffer = NULL;
        size_t length = 0;
        if (encode_webp(sized, quality, effort, &buffer, &length) != 0) {
            take_error(message, message_capacity, "WebP encoding failed");
            status = -1;
        } else {
            outputs[i].width = sized->Xsize;
            outputs[i].height = sized->Ysize;
            outputs[i].data = buffer;
            outputs[i].length = length;
        }
        g_object_unref(sized);
    }
    g_object_unref(source);
    g_object_unref(decoded);
    if (status != 0) {
        for (int i = 0; i < count; i++) {
            g_free(outputs[i].data);
            outputs[i].data = NULL;
        }
    }
    return status;
}
