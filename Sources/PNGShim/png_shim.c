// libpng's classic API for writing, and what reading and writing share. libpng's errors
// longjmp back to a setjmp, something Swift can neither set up nor survive: every entry point
// owns its setjmp and turns libpng's error into a status code and a message.
#include "png_shim.h"
#include "png_shim_internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    uint8_t *data;
    size_t length;
    size_t capacity;
    int failed;
} memory_writer;

void copy_message(error_sink *sink, const char *text) {
    if (sink == NULL || sink->message == NULL || sink->capacity == 0) return;
    strncpy(sink->message, text ? text : "unknown libpng error", sink->capacity - 1);
    sink->message[sink->capacity - 1] = '\0';
}

void on_error(png_structp png, png_const_charp text) {
    copy_message((error_sink *)png_get_error_ptr(png), text);
    png_longjmp(png, 1);
}

void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

uint32_t hatchery_png_crc32(const uint8_t *data, size_t length) {
    // zlib's CRC, the one PNG chunks use; zlib is already linked through libpng.
    uLong crc = crc32(0L, Z_NULL, 0);
    while (length > 0) {
        uInt step = length > 0x40000000u ? 0x40000000u : (uInt)length;
        crc = crc32(crc, data, step);
        data += step;
        length -= step;
    }
    return (uint32_t)crc;
}

static void write_to_memory(png_structp png, png_bytep bytes, png_size_t count) {
    memory_writer *writer = (memory_writer *)png_get_io_ptr(png);
    if (writer->length + count > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity : 65536;
        while (capacity < writer->length + count) capacity *= 2;
        uint8_t *grown = (uint8_t *)realloc(writer->data, capacity);
        if (grown == NULL) {
            writer->failed = 1;
            png_error(png, "out of memory");
        }
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->length, bytes, count);
    writer->length += count;
}

static void flush_memory(png_structp png) { (void)png; }

hatchery_png_status hatchery_png_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height,
                                            int compression_level,
                                            const hatchery_png_text *texts, size_t text_count,
                                            uint8_t **out_data, size_t *out_length,
                                            char *message, size_t message_capacity) {
    error_sink sink = {message, message_capacity};
    if (pixels == NULL || out_data == NULL || out_length == NULL || width == 0 || height == 0) {
        copy_message(&sink, "nothing to encode");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    if (png == NULL) {
        copy_message(&sink, "out of memory");
        return HATCHERY_PNG_NO_MEMORY;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        copy_message(&sink, "out of memory");
        return HATCHERY_PNG_NO_MEMORY;
    }

    memory_writer writer = {NULL, 0, 0, 0};
    png_textp volatile text_chunks = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(writer.data);
        free(text_chunks);
        png_destroy_write_struct(&png, &info);
        return writer.failed ? HATCHERY_PNG_NO_MEMORY : HATCHERY_PNG_BAD_ARGUMENT;
    }

    png_set_write_fn(png, &writer, write_to_memory, flush_memory);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (text_count > 0 && texts != NULL) {
        text_chunks = (png_textp)calloc(text_count, sizeof(png_text));
        if (text_chunks == NULL) {
            writer.failed = 1;
            png_error(png, "out of memory");
        }
        for (size_t i = 0; i < text_count; i++) {
            text_chunks[i].compression = PNG_ITXT_COMPRESSION_NONE;
            text_chunks[i].key = (png_charp)texts[i].key;
            text_chunks[i].text = (png_charp)texts[i].text;
            text_chunks[i].itxt_length = strlen(texts[i].text);
            text_chunks[i].lang = NULL;
            text_chunks[i].lang_key = NULL;
        }
        png_set_text(png, info, text_chunks, (int)text_count);
    }
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * width * 3));
    }
    png_write_end(png, info);

    free(text_chunks);
    png_destroy_write_struct(&png, &info);
    *out_data = writer.data;
    *out_length = writer.length;
    return HATCHERY_PNG_OK;
}

/// Row y starts at `rows + y * stride`: a stride of 0 repeats the first row.
static hatchery_png_status encode_rows(const uint8_t *rows, size_t row_bytes, size_t stride,
                                       const hatchery_png_layout *layout,
                                       uint8_t **out_data, size_t *out_length,
                                       char *message, size_t message_capacity) {
    error_sink sink = {message, message_capacity};
    if (rows == NULL || layout == NULL || out_data == NULL || out_length == NULL
        || layout->width == 0 || layout->height == 0) {
        copy_message(&sink, "nothing to encode");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    int channels;
    switch (layout->color_type) {
    case PNG_COLOR_TYPE_GRAY: channels = 1; break;
    case PNG_COLOR_TYPE_RGB: channels = 3; break;
    case PNG_COLOR_TYPE_PALETTE: channels = 1; break;
    case PNG_COLOR_TYPE_GRAY_ALPHA: channels = 2; break;
    case PNG_COLOR_TYPE_RGB_ALPHA: channels = 4; break;
    default:
        copy_message(&sink, "unknown colour type");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    // Checked here, before libpng reads a byte: a short row would be read past its end.
    size_t expected = ((size_t)layout->width * (size_t)channels * (size_t)layout->bit_depth + 7) / 8;
    if (row_bytes != expected) {
        copy_message(&sink, "the rows are not as long as the layout says");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    if (layout->color_type == PNG_COLOR_TYPE_PALETTE
        && (layout->palette == NULL || layout->palette_count == 0 || layout->palette_count > 256
            || layout->palette_count > ((size_t)1 << layout->bit_depth) || layout->trans_count > layout->palette_count)) {
        copy_message(&sink, "a palette image needs 1 to 2^depth entries and at most as many alpha values");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    if (png == NULL) {
        copy_message(&sink, "out of memory");
        return HATCHERY_PNG_NO_MEMORY;
    }
    png_infop info = png_create_info_struct(png);
    png_bytepp volatile pointers = (png_bytepp)calloc(layout->height, sizeof(png_bytep));
    png_colorp volatile colours = NULL;
    if (info == NULL || pointers == NULL) {
        free(pointers);
        png_destroy_write_struct(&png, info ? &info : NULL);
        copy_message(&sink, "out of memory");
        return HATCHERY_PNG_NO_MEMORY;
    }

    memory_writer writer = {NULL, 0, 0, 0};
    if (setjmp(png_jmpbuf(png))) {
        free(writer.data);
        free(pointers);
        free(colours);
        png_destroy_write_struct(&png, &info);
        return writer.failed ? HATCHERY_PNG_NO_MEMORY : HATCHERY_PNG_BAD_ARGUMENT;
    }

    png_set_write_fn(png, &writer, write_to_memory, flush_memory);
    png_set_compression_level(png, layout->compression_level);
    // libpng checks the colour type and depth pair here and errors (longjmp) on a forbidden one.
    png_set_IHDR(png, info, layout->width, layout->height, layout->bit_depth, layout->color_type,
                 layout->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (layout->color_type == PNG_COLOR_TYPE_PALETTE) {
        colours = (png_colorp)calloc(layout->palette_count, sizeof(png_color));
        if (colours == NULL) {
            writer.failed = 1;
            png_error(png, "out of memory");
        }
        for (size_t i = 0; i < layout->palette_count; i++) {
            colours[i].red = layout->palette[3 * i];
            colours[i].green = layout->palette[3 * i + 1];
            colours[i].blue = layout->palette[3 * i + 2];
        }
        png_set_PLTE(png, info, colours, (int)layout->palette_count);
        if (layout->trans_count > 0 && layout->trans_alpha != NULL) {
            png_set_tRNS(png, info, (png_const_bytep)layout->trans_alpha, (int)layout->trans_count, NULL);
        }
    }
    for (uint32_t y = 0; y < layout->height; y++) {
        pointers[y] = (png_bytep)(rows + (size_t)y * stride);
    }
    png_write_info(png, info);
    // png_write_image runs every Adam7 pass over the whole image when interlaced.
    png_write_image(png, pointers);
    png_write_end(png, info);

    free(pointers);
    free(colours);
    png_destroy_write_struct(&png, &info);
    *out_data = writer.data;
    *out_length = writer.length;
    return HATCHERY_PNG_OK;
}

hatchery_png_status hatchery_png_encode_rows(const uint8_t *rows, size_t row_bytes,
                                             const hatchery_png_layout *layout,
                                             uint8_t **out_data, size_t *out_length,
                                             char *message, size_t message_capacity) {
    return encode_rows(rows, row_bytes, row_bytes, layout, out_data, out_length, message, message_capacity);
}

hatchery_png_status hatchery_png_encode_repeated_row(const uint8_t *row, size_t row_bytes,
                                                     const hatchery_png_layout *layout,
                                                     uint8_t **out_data, size_t *out_length,
                                                     char *message, size_t message_capacity) {
    return encode_rows(row, row_bytes, 0, layout, out_data, out_length, message, message_capacity);
}

void hatchery_png_free(void *pointer) { free(pointer); }
