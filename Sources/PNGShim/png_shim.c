// All of libpng's classic API lives here because its errors longjmp back to a setjmp,
// something Swift can neither set up nor survive. Every entry point owns its setjmp and
// turns libpng's error into a status code and a message.
#include "png_shim.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    char *message;
    size_t capacity;
} error_sink;

typedef struct {
    const uint8_t *data;
    size_t length;
    size_t offset;
} memory_reader;

typedef struct {
    uint8_t *data;
    size_t length;
    size_t capacity;
    int failed;
} memory_writer;

static void copy_message(error_sink *sink, const char *text) {
    if (sink == NULL || sink->message == NULL || sink->capacity == 0) return;
    strncpy(sink->message, text ? text : "unknown libpng error", sink->capacity - 1);
    sink->message[sink->capacity - 1] = '\0';
}

static void on_error(png_structp png, png_const_charp text) {
    copy_message((error_sink *)png_get_error_ptr(png), text);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text; // Warnings (e.g. unknown ancillary chunks) are not failures.
}

static void read_from_memory(png_structp png, png_bytep out, png_size_t count) {
    memory_reader *reader = (memory_reader *)png_get_io_ptr(png);
    if (reader->length - reader->offset < count) {
        png_error(png, "the file ends early (truncated)");
    }
    memcpy(out, reader->data + reader->offset, count);
    reader->offset += count;
}

/// Copies the text of the first chunk named `key` found in `info` into a new buffer.
static int find_text(png_structp png, png_infop info, const char *key, char **out_text, size_t *out_length) {
    png_textp texts = NULL;
    int count = png_get_text(png, info, &texts, NULL);
    for (int i = 0; i < count; i++) {
        if (strcmp(texts[i].key, key) != 0) continue;
        size_t length = texts[i].compression >= PNG_ITXT_COMPRESSION_NONE ? texts[i].itxt_length : texts[i].text_length;
        char *copy = (char *)malloc(length + 1);
        if (copy == NULL) return -1;
        memcpy(copy, texts[i].text, length);
        copy[length] = '\0';
        *out_text = copy;
        *out_length = length;
        return 1;
    }
    return 0;
}

/// The reader behind both public entry points. With a `text_key`, the whole file is decoded
/// and the text of that chunk, before or after the pixels, is returned in `*out_text`.
static hatchery_png_status read_png(const uint8_t *data, size_t length,
                                    uint64_t max_pixels, int verify_pixels,
                                    hatchery_png_facts *facts,
                                    const char *text_key, char **out_text, size_t *out_length,
                                    char *message, size_t message_capacity) {
    error_sink sink = {message, message_capacity};
    if (data == NULL || facts == NULL) {
        copy_message(&sink, "no data");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    if (length < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        copy_message(&sink, "the data does not start with the PNG signature");
        return HATCHERY_PNG_NOT_PNG;
    }

    // Refuse absurd sizes from the IHDR bytes themselves, before libpng reads (and waits for)
    // anything further: a hostile header must not make us allocate or read on.
    if (length >= 24 && memcmp(data + 12, "IHDR", 4) == 0) {
        uint32_t w = ((uint32_t)data[16] << 24) | ((uint32_t)data[17] << 16) | ((uint32_t)data[18] << 8) | data[19];
        uint32_t h = ((uint32_t)data[20] << 24) | ((uint32_t)data[21] << 16) | ((uint32_t)data[22] << 8) | data[23];
        if ((uint64_t)w * (uint64_t)h > max_pixels) {
            facts->width = w;
            facts->height = h;
            copy_message(&sink, "the image has more pixels than allowed");
            return HATCHERY_PNG_TOO_LARGE;
        }
    }

    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    if (png == NULL) {
        copy_message(&sink, "out of memory");
        return HATCHERY_PNG_NO_MEMORY;
    }
    png_infop info = png_create_info_struct(png);
    png_infop end_info = png_create_info_struct(png);
    if (info == NULL || end_info == NULL) {
        png_destroy_read_struct(&png, info ? &info : NULL, end_info ? &end_info : NULL);
        copy_message(&sink, "out of memory");
        return HATCHERY_PNG_NO_MEMORY;
    }

    memory_reader reader = {data, length, 0};
    png_bytep volatile row = NULL;
    // `volatile` so the value survives the longjmp back here.
    volatile hatchery_png_status status = HATCHERY_PNG_CORRUPT;

    if (setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_read_struct(&png, &info, &end_info);
        return status;
    }

    png_set_read_fn(png, &reader, read_from_memory);
    // libpng's own limit is a million pixels a side; ours is the total, checked below.
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    facts->width = width;
    facts->height = height;
    facts->bit_depth = bit_depth;
    facts->color_type = color_type;
    facts->interlaced = interlace != PNG_INTERLACE_NONE;

    if ((uint64_t)width * (uint64_t)height > max_pixels) {
        status = HATCHERY_PNG_TOO_LARGE;
        png_error(png, "the image has more pixels than allowed");
    }

    if (verify_pixels) {
        int passes = png_set_interlace_handling(png);
        png_read_update_info(png, info);
        size_t row_bytes = png_get_rowbytes(png, info);
        row = (png_bytep)malloc(row_bytes);
        if (row == NULL) {
            status = HATCHERY_PNG_NO_MEMORY;
            png_error(png, "out of memory");
        }
        for (int pass = 0; pass < passes; pass++) {
            for (png_uint_32 y = 0; y < height; y++) {
                png_read_row(png, row, NULL);
            }
        }
        png_read_end(png, end_info);
    }
    if (text_key != NULL) {
        int found = find_text(png, info, text_key, out_text, out_length);
        if (found == 0) found = find_text(png, end_info, text_key, out_text, out_length);
        if (found < 0) {
            status = HATCHERY_PNG_NO_MEMORY;
            png_error(png, "out of memory");
        }
    }

    free(row);
    png_destroy_read_struct(&png, &info, &end_info);
    return HATCHERY_PNG_OK;
}

hatchery_png_status hatchery_png_inspect(const uint8_t *data, size_t length,
                                         uint64_t max_pixels, int verify_pixels,
                                         hatchery_png_facts *facts,
                                         char *message, size_t message_capacity) {
    return read_png(data, length, max_pixels, verify_pixels, facts, NULL, NULL, NULL, message, message_capacity);
}

hatchery_png_status hatchery_png_read_text(const uint8_t *data, size_t length, uint64_t max_pixels,
                                           const char *key, char **out_text, size_t *out_length,
                                           char *message, size_t message_capacity) {
    hatchery_png_facts facts;
    *out_text = NULL;
    *out_length = 0;
    return read_png(data, length, max_pixels, 1, &facts, key, out_text, out_length, message, message_capacity);
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

hatchery_png_status hatchery_png_encode_rows(const uint8_t *rows, size_t row_bytes,
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
        pointers[y] = (png_bytep)(rows + (size_t)y * row_bytes);
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

void hatchery_png_free(void *pointer) { free(pointer); }
