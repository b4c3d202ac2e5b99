#include <vips/vips.h>
#include <webp/encode.h>
