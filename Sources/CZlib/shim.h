// zlib, for encoding PNG image data (deflate) and chunk checksums (crc32).
#include <zlib.h>
