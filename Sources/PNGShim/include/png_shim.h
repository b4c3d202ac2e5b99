#ifndef HATCHERY_PNG_SHIM_H
#define HATCHERY_PNG_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Facts from a PNG's IHDR chunk.
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;
    int color_type;
    int interlaced;
} hatchery_png_facts;

/// Outcomes of the shim's calls. Every failure also fills the caller's message buffer.
typedef enum {
    HATCHERY_PNG_OK = 0,
    HATCHERY_PNG_NOT_PNG = 1,
    HATCHERY_PNG_CORRUPT = 2,
    HATCHERY_PNG_TOO_LARGE = 3,
    HATCHERY_PNG_NO_MEMORY = 4,
    HATCHERY_PNG_BAD_ARGUMENT = 5
} hatchery_png_status;

/// One tEXt/iTXt pair to embed when writing.
typedef struct {
    const char *key;
    const char *text;
} hatchery_png_text;

/// Reads the header of the PNG in `data`. When `verify_pixels` is non-zero, also decodes every
/// row and the trailing chunks so that truncation and bad CRCs anywhere are reported.
/// Images with more than `max_pixels` pixels are refused before any row is read.
hatchery_png_status hatchery_png_inspect(const uint8_t *data, size_t length,
                                         uint64_t max_pixels, int verify_pixels,
                                         hatchery_png_facts *facts,
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

/// Decodes the whole PNG and returns the text of its first tEXt/zTXt/iTXt chunk named `key`
/// in a NUL-terminated buffer released with `hatchery_png_free` (NULL when there is none).
hatchery_png_status hatchery_png_read_text(const uint8_t *data, size_t length, uint64_t max_pixels,
                                           const char *key, char **out_text, size_t *out_length,
                                           char *message, size_t message_capacity);

/// The CRC-32 that closes every PNG chunk (zlib's).
uint32_t hatchery_png_crc32(const uint8_t *data, size_t length);

void hatchery_png_free(void *pointer);

#endif
