// Reading PNGs through libpng's classic API: every entry point owns its setjmp. Reading is
// row by row, so a valid 8000×8000 image is checked in the memory of one row; the shim counts
// what libpng and it hold at once so that tests can see it.
#include "png_shim.h"
#include "png_shim_internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t length;
    size_t offset;
} memory_reader;

/// Bytes held through libpng's allocator now and at most, for `peak_bytes`.
typedef struct {
    size_t current;
    size_t peak;
    /// Bytes libpng may hold at once: what a decode is allowed, plus its own state. A chunk that
    /// claims more (a 1.9 GB text chunk) makes libpng fail "out of memory" instead of taking it.
    size_t limit;
} allocation_counter;

// Each block carries its size in front, so that the free callback can count it down.
#define SIZE_PREFIX 16

static png_voidp counting_malloc(png_structp png, png_alloc_size_t size) {
    allocation_counter *counter = (allocation_counter *)png_get_mem_ptr(png);
    if (size > SIZE_MAX - SIZE_PREFIX || size > counter->limit - counter->current) return NULL;
    uint8_t *block = (uint8_t *)malloc(size + SIZE_PREFIX);
    if (block == NULL) return NULL;
    memcpy(block, &size, sizeof size);
    counter->current += size;
    if (counter->current > counter->peak) counter->peak = counter->current;
    return block + SIZE_PREFIX;
}

static void counting_free(png_structp png, png_voidp pointer) {
    if (pointer == NULL) return;
    allocation_counter *counter = (allocation_counter *)png_get_mem_ptr(png);
    uint8_t *block = (uint8_t *)pointer - SIZE_PREFIX;
    png_alloc_size_t size;
    memcpy(&size, block, sizeof size);
    counter->current -= size;
    free(block);
}

static void read_from_memory(png_structp png, png_bytep out, png_size_t count) {
    memory_reader *reader = (memory_reader *)png_get_io_ptr(png);
    if (reader->length - reader->offset < count) {
        png_error(png, "the file ends early (truncated)");
    }
    memcpy(out, reader->data + reader->offset, count);
    reader->offset += count;
}

static uint32_t big_endian_32(const uint8_t *bytes) {
    return ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) | bytes[3];
}

/// Bytes per pixel once decoded to whole-byte samples, palettes to RGBA: what a full decode holds.
static uint64_t decoded_pixel_bytes(int bit_depth, int color_type) {
    uint64_t sample = bit_depth == 16 ? 2 : 1;
    switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: return sample;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2 * sample;
    case PNG_COLOR_TYPE_RGB: return 3 * sample;
    default: return 4 * sample; // RGBA, and palettes expanded
    }
}

/// Fills the facts and returns the status for an image over `limits`, or OK.
static hatchery_png_status check_limits(const hatchery_png_limits *limits, uint32_t width, uint32_t height,
                                        int bit_depth, int color_type, hatchery_png_facts *facts) {
    facts->width = width;
    facts->height = height;
    facts->bit_depth = bit_depth;
    facts->color_type = color_type;
    facts->decoded_bytes = (uint64_t)width * height * decoded_pixel_bytes(bit_depth, color_type);
    if ((uint64_t)width * height > limits->max_pixels) return HATCHERY_PNG_TOO_LARGE;
    if (width > limits->max_side || height > limits->max_side) return HATCHERY_PNG_TOO_LONG_A_SIDE;
    if (facts->decoded_bytes > limits->max_decoded_bytes) return HATCHERY_PNG_TOO_MANY_BYTES;
    return HATCHERY_PNG_OK;
}

/// What is wrong with an IHDR's fields by the PNG specification (11.2.2), or NULL: the same
/// file fetched again would say the same, so libpng's "Invalid IHDR data" is a refusal here.
static const char *invalid_header_field(const uint8_t *ihdr) {
    uint32_t width = big_endian_32(ihdr), height = big_endian_32(ihdr + 4);
    uint8_t depth = ihdr[8], color = ihdr[9];
    if (width == 0 || height == 0) return "the image has a side of 0 pixels";
    if (width > 0x7fffffffu || height > 0x7fffffffu) return "a side is over the 2^31-1 pixels PNG allows";
    int depth_ok;
    switch (color) {
    case 0: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
    case 3: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
    case 2: case 4: case 6: depth_ok = depth == 8 || depth == 16; break;
    default: return "the color type is none PNG defines";
    }
    if (!depth_ok) return "the bit depth is not one its color type allows";
    if (ihdr[10] != 0) return "the compression method is not one PNG defines";
    if (ihdr[11] != 0) return "the filter method is not one PNG defines";
    if (ihdr[12] > 1) return "the interlace method is not one PNG defines";
    return NULL;
}

/// Refuses an image over the limits, or with a header no PNG has, from the IHDR bytes
/// themselves, before libpng reads (and waits for) anything further. Only an IHDR whose CRC
/// holds is judged: damaged bytes go on to libpng, which reports them as such, so that a
/// refusal always means the file says so.
static hatchery_png_status check_header_bytes(const uint8_t *data, size_t length, const hatchery_png_limits *limits,
                                              hatchery_png_facts *facts, const char **invalid_field) {
    if (length < 33 || big_endian_32(data + 8) != 13 || memcmp(data + 12, "IHDR", 4) != 0) return HATCHERY_PNG_OK;
    if (hatchery_png_crc32(data + 12, 17) != big_endian_32(data + 29)) return HATCHERY_PNG_OK;
    *invalid_field = invalid_header_field(data + 16);
    if (*invalid_field != NULL) {
        facts->width = big_endian_32(data + 16);
        facts->height = big_endian_32(data + 20);
        return HATCHERY_PNG_BAD_HEADER;
    }
    return check_limits(limits, big_endian_32(data + 16), big_endian_32(data + 20), data[24], data[25], facts);
}

/// Whether a chunk before IEND claims more bytes than the file holds after it. libpng allocates
/// a chunk's declared length before it finds the file too short (fuzzing found a 177-byte file
/// whose text chunk claimed 256 MiB): such a file is damaged, and is said so without allocating.
static int chunk_overruns_file(const uint8_t *data, size_t length) {
    size_t offset = 8;
    while (length - offset >= 8) {
        uint64_t declared = big_endian_32(data + offset);
        if (declared + 12 > length - offset) return 1;
        if (memcmp(data + offset + 4, "IEND", 4) == 0) return 0;
        offset += (size_t)declared + 12;
    }
    return 0;
}

static const char *limit_message(hatchery_png_status status) {
    switch (status) {
    case HATCHERY_PNG_TOO_LARGE: return "the image has more pixels than allowed";
    case HATCHERY_PNG_TOO_LONG_A_SIDE: return "a side of the image is longer than allowed";
    default: return "the decoded image would take more memory than allowed";
    }
}

static void describe_limit(error_sink *sink, hatchery_png_status status) {
    copy_message(sink, limit_message(status));
}

/// Copies every tEXt, zTXt and iTXt chunk in `info` to the end of `*buffer` as key, NUL, text, NUL.
static int append_texts(png_structp png, png_infop info, char **buffer, size_t *length) {
    png_textp texts = NULL;
    int count = png_get_text(png, info, &texts, NULL);
    for (int i = 0; i < count; i++) {
        size_t key_length = strlen(texts[i].key);
        size_t text_length = texts[i].text ? strlen(texts[i].text) : 0;
        char *grown = (char *)realloc(*buffer, *length + key_length + text_length + 2);
        if (grown == NULL) return -1;
        *buffer = grown;
        memcpy(grown + *length, texts[i].key, key_length + 1);
        *length += key_length + 1;
        if (text_length > 0) memcpy(grown + *length, texts[i].text, text_length);
        grown[*length + text_length] = '\0';
        *length += text_length + 1;
    }
    return 0;
}

/// The first palette index past the PLTE, its row (in the pass that held it) and the PLTE's size.
typedef struct {
    int entries;
    int index;
    uint32_t row;
} palette_check;

/// Reads the PNG; with `verify_pixels`, every row and the chunks after them too, checking that
/// palette indices stay inside the PLTE; with `texts`, returns every text chunk read.
static hatchery_png_status read_png(const uint8_t *data, size_t length, const hatchery_png_limits *limits,
                                    int verify_pixels, hatchery_png_facts *facts, char **texts, size_t *texts_length,
                                    char *message, size_t message_capacity) {
    error_sink sink = {message, message_capacity};
    if (data == NULL || facts == NULL || limits == NULL) {
        copy_message(&sink, "no data");
        return HATCHERY_PNG_BAD_ARGUMENT;
    }
    memset(facts, 0, sizeof *facts);
    if (length < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        copy_message(&sink, "the data does not start with the PNG signature");
        return HATCHERY_PNG_NOT_PNG;
    }
    const char *invalid_field = NULL;
    hatchery_png_status refusal = check_header_bytes(data, length, limits, facts, &invalid_field);
    if (refusal != HATCHERY_PNG_OK) {
        if (invalid_field != NULL) copy_message(&sink, invalid_field);
        else describe_limit(&sink, refusal);
        return refusal;
    }
    if (chunk_overruns_file(data, length)) {
        copy_message(&sink, "a chunk claims more bytes than the file holds: it is truncated or damaged");
        return HATCHERY_PNG_CORRUPT;
    }

    allocation_counter counter = {0, 0, limits->max_decoded_bytes > SIZE_MAX - (8u << 20)
                                            ? SIZE_MAX : (size_t)limits->max_decoded_bytes + (8u << 20)};
    png_structp png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning,
                                               &counter, counting_malloc, counting_free);
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
    // `volatile` so the values survive the longjmp back here.
    volatile hatchery_png_status status = HATCHERY_PNG_CORRUPT;
    palette_check palette = {0, -1, 0};

    if (setjmp(png_jmpbuf(png))) {
        png_free(png, row);
        png_destroy_read_struct(&png, &info, &end_info);
        facts->peak_bytes = counter.peak;
        return status;
    }

    png_set_read_fn(png, &reader, read_from_memory);
    // libpng's own limit is a million pixels a side; ours (checked below, with its own
    // message) is `max_side`, and the total.
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    // An ancillary chunk (a text chunk claiming 1.9 GB) is allocated whole by libpng before it
    // is read: no chunk a generation API sends needs more than this. Larger ones are errors.
    png_set_chunk_malloc_max(png, 8u << 20);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    facts->interlaced = interlace != PNG_INTERLACE_NONE;
    hatchery_png_status limit = check_limits(limits, width, height, bit_depth, color_type, facts);
    if (limit != HATCHERY_PNG_OK) {
        status = limit;
        png_error(png, limit_message(limit));
    }

    if (verify_pixels) {
        if (color_type == PNG_COLOR_TYPE_PALETTE) {
            png_colorp entries = NULL;
            png_get_PLTE(png, info, &entries, &palette.entries);
            // One byte per index, so that each can be compared with the PLTE's size.
            png_set_packing(png);
        }
        int passes = png_set_interlace_handling(png);
        png_read_update_info(png, info);
        size_t row_bytes = png_get_rowbytes(png, info);
        status = HATCHERY_PNG_NO_MEMORY;
        // Zeroed: an interlaced pass fills only some pixels of the row; index 0 is always valid.
        row = (png_bytep)png_calloc(png, row_bytes);
        status = HATCHERY_PNG_CORRUPT;
        for (int pass = 0; pass < passes; pass++) {
            for (png_uint_32 y = 0; y < height; y++) {
                png_read_row(png, row, NULL);
                if (color_type != PNG_COLOR_TYPE_PALETTE || palette.index >= 0) continue;
                for (png_uint_32 x = 0; x < width; x++) {
                    if (row[x] >= palette.entries) {
                        palette.index = row[x];
                        palette.row = y;
                        break;
                    }
                }
            }
        }
        // Read to the end even after a bad index: a CRC error later means damaged bytes, and
        // only a file whose every chunk is intact is refused for what it says.
        png_read_end(png, end_info);
    }
    if (texts != NULL) {
        if (append_texts(png, info, texts, texts_length) != 0 || append_texts(png, end_info, texts, texts_length) != 0) {
            status = HATCHERY_PNG_NO_MEMORY;
            png_error(png, "out of memory");
        }
    }

    png_free(png, row);
    png_destroy_read_struct(&png, &info, &end_info);
    facts->peak_bytes = counter.peak;
    if (palette.index >= 0) {
        facts->palette_entries = palette.entries;
        facts->bad_palette_index = palette.index;
        facts->bad_palette_row = palette.row;
        copy_message(&sink, "a pixel uses a palette entry the PLTE chunk does not have");
        return HATCHERY_PNG_BAD_PALETTE_INDEX;
    }
    return HATCHERY_PNG_OK;
}

hatchery_png_status hatchery_png_inspect(const uint8_t *data, size_t length, const hatchery_png_limits *limits,
                                         int verify_pixels, hatchery_png_facts *facts,
                                         char *message, size_t message_capacity) {
    return read_png(data, length, limits, verify_pixels, facts, NULL, NULL, message, message_capacity);
}

hatchery_png_status hatchery_png_read_texts(const uint8_t *data, size_t length, const hatchery_png_limits *limits,
                                            char **out_texts, size_t *out_length,
                                            char *message, size_t message_capacity) {
    hatchery_png_facts facts;
    *out_texts = NULL;
    *out_length = 0;
    hatchery_png_status status = read_png(data, length, limits, 1, &facts, out_texts, out_length, message, message_capacity);
    if (status != HATCHERY_PNG_OK) {
        free(*out_texts);
        *out_texts = NULL;
        *out_length = 0;
    }
    return status;
}
