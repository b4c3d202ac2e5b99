#ifndef HATCHERY_PNG_SHIM_H
#define HATCHERY_PNG_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Facts from a PNG's IHDR chunk, and what reading it found and took.
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;
    int color_type;
    int interlaced;
    /// width × height × bytes per pixel decoded to whole-byte samples (palettes as RGBA).
    uint64_t decoded_bytes;
    /// The most bytes libpng and the shim held at once while reading (the row buffer included).
    size_t peak_bytes;
    /// With HATCHERY_PNG_BAD_PALETTE_INDEX: the first index past the PLTE, its row, and the
    /// PLTE's number of entries.
    int bad_palette_index;
    uint32_t bad_palette_row;
    int palette_entries;
} hatchery_png_facts;

/// What the reader accepts: a header over either limit is refused before any row is read.
typedef struct {
    uint64_t max_pixels;
    /// Bound on `decoded_bytes`: what a full decode (libvips, for web images) would hold.
    uint64_t max_decoded_bytes;
    /// The longest side accepted, in pixels: it bounds one row, which libpng allocates whole.
    uint32_t max_side;
} hatchery_png_limits;

/// Outcomes of the shim's calls. Every failure also fills the caller's message buffer.
typedef enum {
    HATCHERY_PNG_OK = 0,
    HATCHERY_PNG_NOT_PNG = 1,
    HATCHERY_PNG_CORRUPT = 2,
    HATCHERY_PNG_TOO_LARGE = 3,
    HATCHERY_PNG_NO_MEMORY = 4,
    HATCHERY_PNG_BAD_ARGUMENT = 5,
    /// Whole, every CRC intact, but the decoded image would be over `max_decoded_bytes`.
    HATCHERY_PNG_TOO_MANY_BYTES = 6,
    /// Whole, every CRC intact, but a pixel indexes past the PLTE.
    HATCHERY_PNG_BAD_PALETTE_INDEX = 7,
    /// Whole, the IHDR's CRC intact, but a side is longer than `max_side`.
    HATCHERY_PNG_TOO_LONG_A_SIDE = 8,
    /// The IHDR's CRC intact, but what it declares is not a PNG image (a side of 0, a bit depth
    /// its color type does not have, an unknown method): the message names the field.
    HATCHERY_PNG_BAD_HEADER = 9
} hatchery_png_status;

/// TOO_LARGE, TOO_LONG_A_SIDE, TOO_MANY_BYTES, BAD_PALETTE_INDEX and BAD_HEADER are given only for a
/// file whose chunks are intact (the IHDR's CRC, or every CRC for a palette index): what it says,
/// not damage.

/// One tEXt/iTXt pair to embed when writing.
typedef struct {
    const char *key;
    const char *text;
} hatchery_png_text;

/// Reads the header of the PNG in `data`. When `verify_pixels` is non-zero, also decodes every
/// row, one at a time, and the trailing chunks so that truncation, bad CRCs and palette
/// indices past the PLTE anywhere are reported. Images over `limits` are refused before any
/// row is read.
hatchery_png_status hatchery_png_inspect(const uint8_t *data, size_t length, const hatchery_png_limits *limits,
                                         int verify_pixels, hatchery_png_facts *facts,
                                         char *message, size_t message_capacity);

/// Encodes 8-bit RGB rows (`width * 3` bytes each, no padding) as a PNG held in a buffer that
/// the caller releases with `hatchery_png_free`. Text entries are written as iTXt (UTF-8).
hatchery_png_status hatchery_png_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height,
                                            int compression_level,
                                            const hatchery_png_text *texts, size_t text_count,
                                            uint8_t **out_data, size_t *out_length,
                                            char *message, size_t message_capacity);

/// The shape of an image for `hatchery_png_encode_rows`: any colour type and bit depth PNG allows.
typedef struct {
    uint32_t width;
    uint32_t height;
    /// 1, 2, 4, 8 or 16, as the colour type allows.
    int bit_depth;
    /// The IHDR colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.
    int color_type;
    /// Non-zero for Adam7.
    int interlaced;
    /// `palette_count` RGB triples (3 bytes each); palette images only.
    const uint8_t *palette;
    size_t palette_count;
    /// `trans_count` alpha bytes for the first palette entries, written as tRNS; may be 0.
    const uint8_t *trans_alpha;
    size_t trans_count;
    int compression_level;
} hatchery_png_layout;

/// Encodes rows already in PNG's own layout (samples packed below 8 bits, 16-bit samples
/// big-endian, `row_bytes` each, top to bottom, not interlaced: libpng interlaces them) as a PNG
/// held in a buffer released with `hatchery_png_free`. A layout PNG forbids is BAD_ARGUMENT.
hatchery_png_status hatchery_png_encode_rows(const uint8_t *rows, size_t row_bytes,
                                             const hatchery_png_layout *layout,
                                             uint8_t **out_data, size_t *out_length,
                                             char *message, size_t message_capacity);

/// Encodes an image whose every row is `row` (`row_bytes` long, in PNG's layout as for
/// `hatchery_png_encode_rows`): a large image of one colour, kept small in memory and on disk.
hatchery_png_status hatchery_png_encode_repeated_row(const uint8_t *row, size_t row_bytes,
                                                     const hatchery_png_layout *layout,
                                                     uint8_t **out_data, size_t *out_length,
                                                     char *message, size_t message_capacity);

/// Verifies the whole PNG as `hatchery_png_inspect` does and returns every tEXt, zTXt and iTXt
/// chunk, in file order, as keyword, NUL, text (UTF-8 for iTXt, decompressed), NUL, … in a buffer
/// of `*out_length` bytes released with `hatchery_png_free` (NULL when there is none).
hatchery_png_status hatchery_png_read_texts(const uint8_t *data, size_t length, const hatchery_png_limits *limits,
                                            char **out_texts, size_t *out_length,
                                            char *message, size_t message_capacity);

/// The CRC-32 that closes every PNG chunk (zlib's).
uint32_t hatchery_png_crc32(const uint8_t *data, size_t length);

void hatchery_png_free(void *pointer);

#endif
