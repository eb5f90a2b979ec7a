#pragma once

/* Animations of catalogue figures: a figure that changes over training
 * (its epoch or its number of epochs) is recorded frame by frame with the
 * same cairo renderer as its still export, so frame k equals the PNG
 * export with the frame's option value (dln_figure_animation_value ()),
 * and encoded through GStreamer as WebM (VP8) or GIF:
 *
 *   appsrc ! videoconvert ! vp8enc ! webmmux ! fdsink        .webm
 *   appsrc ! videoconvert ! avenc_gif ! avmux_gif ! fdsink   .gif
 *
 * The file is written through DlnAtomicFile (core/dln-file.h): a failed
 * or cancelled recording leaves no file and an existing one untouched. */

#include "dln-figure-catalogue.h"
#include "dln-figure-style.h"
#include "dln-status.h"

#include <gio/gio.h>

typedef enum
{
  DLN_ANIMATION_FORMAT_WEBM = 0,
  DLN_ANIMATION_FORMAT_GIF,
} DlnAnimationFormat;

/* Limits of a recording, checked by dln_figure_animation_record () and
 * used as the CLI's option ranges. */
#define DLN_ANIMATION_MIN_FPS     1.0
#define DLN_ANIMATION_MAX_FPS     60.0
#define DLN_ANIMATION_MIN_SECONDS 0.1
#define DLN_ANIMATION_MAX_SECONDS 600.0
#define DLN_ANIMATION_MAX_SIDE    3840.0  /* pixels; a 4K frame */

/* Called after each encoded frame, @frame in 1 .. @n_frames. */
typedef void (*DlnAnimationProgressFunc) (unsigned  frame,
                                          unsigned  n_frames,
                                          void     *user_data);

/* dln_figure_animation_format_from_path:
 * From @path's extension (.webm or .gif, any case). Returns
 * DLN_STATUS_OK, or DLN_STATUS_INVALID_INPUT naming the extension. */
DlnStatus   dln_figure_animation_format_from_path (const char          *path,
                                                   DlnAnimationFormat  *out,
                                                   DlnMessage          *msg);

/* dln_figure_animation_option:
 * The option of @entry that the animation sweeps ("epoch" or "epochs"),
 * or NULL when the figure does not change over time. */
const char *dln_figure_animation_option (const DlnCatalogueEntry *entry);

/* dln_figure_animation_n_frames:
 * round (@fps * @seconds), at least 1. */
unsigned    dln_figure_animation_n_frames (double fps,
                                           double seconds);

/* dln_figure_animation_value:
 * The value of the swept option in frame @frame (0-based) of @n_frames,
 * for a recording of @args: evenly spaced integers from the option's
 * first value (epoch 0, or a run of 1 epoch) to the run's last (epoch
 * epochs - 1, or a run of all its epochs; "epochs" is the option of
 * @args). @entry must have an animation option. */
long        dln_figure_animation_value  (const DlnCatalogueEntry *entry,
                                         const DlnFigureArgs     *args,
                                         unsigned                 frame,
                                         unsigned                 n_frames);

/* dln_figure_animation_record:
 * @path:        the .webm or .gif to write (replaced atomically)
 * @format:      its format
 * @args:        the figure and its options; the swept option is
 *               overridden frame by frame
 * @width, @height: frame size in pixels, 32 .. DLN_ANIMATION_MAX_SIDE
 * @fps, @seconds: frame rate and length, within the limits above
 * @style:       colours and type
 * @progress:    (nullable) called after each frame
 * @cancellable: (nullable) checked before each frame
 * Rebuilds the figure for each new value of the swept option (frames
 * with the same value are encoded again without rebuilding). Returns
 * DLN_STATUS_OK; DLN_STATUS_INVALID_INPUT (a figure that does not
 * change over time, a size, rate or length out of range; @msg says
 * which); the figure engine's status; or DLN_STATUS_IO (a missing
 * GStreamer element, an encoder error, a file that cannot be written,
 * or "recording cancelled" when @cancellable was triggered). On any
 * failure no file is left at @path's temporary and @path is untouched. */
DlnStatus   dln_figure_animation_record (const char               *path,
                                         DlnAnimationFormat        format,
                                         const DlnFigureArgs      *args,
                                         int                       width,
                                         int                       height,
                                         double                    fps,
                                         double                    seconds,
                                         const DlnFigureStyle     *style,
                                         DlnAnimationProgressFunc  progress,
                                         void                     *user_data,
                                         GCancellable             *cancellable,
                                         DlnMessage               *msg);
