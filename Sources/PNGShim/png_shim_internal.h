#ifndef HATCHERY_PNG_SHIM_INTERNAL_H
#define HATCHERY_PNG_SHIM_INTERNAL_H

#include <png.h>
#include <stddef.h>

/// Where libpng's error callback leaves its message: the caller's buffer.
typedef struct {
    char *message;
    size_t capacity;
} error_sink;

void copy_message(error_sink *sink, const char *text);
/// libpng's error callback: copies the message to the `error_sink` and longjmps.
void on_error(png_structp png, png_const_charp text);
/// Warnings (e.g. unknown ancillary chunks) are not failures.
void on_warning(png_structp png, png_const_charp text);

#endif
