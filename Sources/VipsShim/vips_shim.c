#include "vips_shim.h"

#include <string.h>
#include <vips/vips.h>

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

int hatchery_vips_start(char *message, size_t message_capacity) {
    if (VIPS_INIT("hatchery") != 0) {
        take_error(message, message_capacity, "libvips could not start");
        return -1;
    }
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    return 0;
}

const char *hatchery_vips_version(void) {
    return vips_version_string();
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
    if (vips_pngload_buffer((void *)png, png_length, &loaded, "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0) {
        take_error(message, message_capacity, "the PNG could not be read");
        return -1;
    }
    // The one decode: every size below is made from these pixels in memory.
    VipsImage *decoded = vips_image_copy_memory(loaded);
    g_object_unref(loaded);
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
            sized = vips_image_copy_memory(resized);
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
        if (vips_webpsave_buffer(sized, &buffer, &length, "Q", quality, "effort", effort, "strip", TRUE, NULL) != 0) {
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
