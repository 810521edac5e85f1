#include <png.h>
#include <setjmp.h>

/* libpng reports errors by longjmp, which Swift cannot catch: every call that may fail runs in one
   of these functions, behind setjmp, and the function returns -1 instead. */

/* Signature, IHDR and pHYs: the image data follows as IDAT chunks, compressed elsewhere. */
static inline int frontline_png_write_header(png_structp png, png_infop info, png_uint_32 width, png_uint_32 height,
                                             int color_type, png_uint_32 pixels_per_metre) {
    if (setjmp(png_jmpbuf(png))) return -1;
    png_set_IHDR(png, info, width, height, 8, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_pHYs(png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
    png_set_compression_level(png, 2);
    png_set_filter(png, 0, PNG_FILTER_NONE);
    png_write_info(png, info);
    return 0;
}

/* One whole chunk (libpng writes its length, name and CRC). */
static inline int frontline_png_write_chunk(png_structp png, const char *name, png_const_bytep data, size_t length) {
    if (setjmp(png_jmpbuf(png))) return -1;
    png_write_chunk(png, (png_const_bytep)name, data, length);
    return 0;
}
