/*
 * How long PNG encoding takes, and how long it could take: re-encodes a PNG that metareport drew
 * (a 300 dpi figure) the way metareport does now (Cairo: RGBA, zlib level 6, adaptive filters)
 * and in cheaper ways, printing time and size of each. Evidence for docs/performance.md; not part
 * of any build.
 *
 *   cc -O2 Benchmarks/experiments/png-encoding.c -o /tmp/png-encoding $(pkg-config --cflags --libs cairo libpng)
 *   /tmp/png-encoding figure.png
 */
#include <cairo.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static size_t written;

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

static cairo_status_t count_cairo(void *closure, const unsigned char *data, unsigned int length) {
    (void)closure; (void)data;
    written += length;
    return CAIRO_STATUS_SUCCESS;
}

static void count_png(png_structp png, png_bytep data, png_size_t length) {
    (void)png; (void)data;
    written += length;
}

static void no_flush(png_structp png) { (void)png; }

/* An opaque RGB PNG of an RGB24 surface, at a zlib level (-1: libpng's default) with the given
 * filters (-1: libpng's default, adaptive). */
static void encode_rgb(cairo_surface_t *surface, int level, int filters) {
    int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    unsigned char *pixels = cairo_image_surface_get_data(surface);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, NULL, count_png, no_flush);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (level >= 0) png_set_compression_level(png, level);
    if (filters >= 0) png_set_filter(png, 0, filters);
    png_write_info(png, info);
    unsigned char *row = malloc((size_t)width * 3);
    for (int y = 0; y < height; y++) {
        const uint32_t *source = (const uint32_t *)(pixels + (size_t)y * stride);
        for (int x = 0; x < width; x++) {
            row[3 * x] = source[x] >> 16;
            row[3 * x + 1] = source[x] >> 8;
            row[3 * x + 2] = source[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
}

static void report(const char *what, double start) {
    printf("  %-44s %7.1f ms  %9zu bytes\n", what, (seconds() - start) * 1e3, written);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s figure.png\n", argv[0]);
        return 2;
    }
    cairo_surface_t *argb = cairo_image_surface_create_from_png(argv[1]);
    if (cairo_surface_status(argb) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    int width = cairo_image_surface_get_width(argb), height = cairo_image_surface_get_height(argb);
    printf("%s: %d × %d pixels\n", argv[1], width, height);

    /* The same pixels on an opaque surface (white under the edge pixels Cairo leaves partly clear). */
    cairo_surface_t *rgb = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t *context = cairo_create(rgb);
    cairo_set_source_rgb(context, 1, 1, 1);
    cairo_paint(context);
    cairo_set_source_surface(context, argb, 0, 0);
    cairo_paint(context);
    cairo_destroy(context);

    for (int round = 0; round < 2; round++) {   /* the second round is the one to read */
        printf("round %d\n", round + 1);
        double start = seconds();
        written = 0; cairo_surface_write_to_png_stream(argb, count_cairo, NULL); report("Cairo, RGBA (what metareport does)", start);
        start = seconds();
        written = 0; cairo_surface_write_to_png_stream(rgb, count_cairo, NULL); report("Cairo, opaque RGB", start);
        start = seconds();
        written = 0; encode_rgb(rgb, 6, PNG_FILTER_UP); report("libpng, RGB, zlib 6, Up filter", start);
        start = seconds();
        written = 0; encode_rgb(rgb, 1, PNG_FILTER_UP); report("libpng, RGB, zlib 1, Up filter", start);
        start = seconds();
        written = 0; encode_rgb(rgb, 1, PNG_FILTER_NONE); report("libpng, RGB, zlib 1, no filter", start);
    }
    cairo_surface_destroy(rgb);
    cairo_surface_destroy(argb);
    return 0;
}
