#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt): reads libFuzzer's flags from argv, then calls `callback`
/// with each input. Present only in binaries linked with -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
