#pragma once

/* Decoding recorded animations in tests (not part of any product). */

#include <cairo.h>
#include <glib.h>

/* dln_test_decode_video:
 * Decodes @path with GStreamer's decodebin to BGRx frames and returns how
 * many there are. Every frame must have the same size, stored in @width
 * and @height. With @frame given, it receives a copy of frame @want
 * (NULL when there are fewer frames; free with cairo_surface_destroy). */
int   dln_test_decode_video (const char       *path,
                             int              *width,
                             int              *height,
                             int               want,
                             cairo_surface_t **frame);

/* dln_test_identify:
 * The lines ImageMagick's `identify -format FORMAT` prints for @path (one
 * per frame when @format ends in "\n"), asserting that it succeeded. */
char **dln_test_identify    (const char       *path,
                             const char       *format);
