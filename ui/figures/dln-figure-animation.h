#pragma once

/* Animations of catalogue figures: a figure that changes over training
 * (its epoch or its number of epochs) is recorded frame by frame with the
 * same cairo renderer as its still export, so frame k equals the PNG
 * export with the frame's options (dln_figure_animation_frame_args ()),
 * and encoded as WebM (VP8) through GStreamer or as GIF through giflib:
 *
 *   appsrc ! videoconvert ! vp8enc ! webmmux ! fdsink        .webm
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

/* A new clip's length and frame rate, in the window's dialog and as the
 * CLI's --seconds and --fps defaults (integers, so the CLI can print them):
 * 30 frames a second keeps a sweep smooth on a projector. */
#define DLN_ANIMATION_DEFAULT_FPS     30
#define DLN_ANIMATION_DEFAULT_SECONDS 5

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
 * The option of @entry that an animation sweeps: "epochs" (the run
 * grows, 1 .. its length), "epoch" (the epoch shown) or "step" (the
 * computational graph's forward then backward step-through); NULL when
 * the figure does not change over time. */
const char *dln_figure_animation_option  (const DlnCatalogueEntry *entry);

/* dln_figure_animation_names:
 * The animated figures' names, comma-separated ("dynamics, rsm, ..."),
 * for messages and help. Static. */
const char *dln_figure_animation_names   (void);

/* dln_figure_animation_n_frames:
 * round (@fps * @seconds), at least 1. */
unsigned    dln_figure_animation_n_frames (double fps,
                                           double seconds);

/* dln_figure_animation_frame_args:
 * @args:     the recording's figure options
 * @frame:    0 .. @n_frames - 1
 * @out:      receives @args with the swept option(s) of that frame: the
 *            still export of @out is the frame
 * Epoch sweeps space their values evenly from the first (epoch 0, or a
 * run of 1 epoch; 0 for the wide net) to the run's last; the graph holds
 * each state of its step-through (structure, each forward step, each
 * backward step) for an equal share of the frames. Returns DLN_STATUS_OK,
 * DLN_STATUS_INVALID_INPUT (a figure that does not change over time, or
 * the graph's expression does not parse; @msg says why) or
 * DLN_STATUS_NO_MEMORY. */
DlnStatus   dln_figure_animation_frame_args (const DlnFigureArgs *args,
                                             unsigned             frame,
                                             unsigned             n_frames,
                                             DlnFigureArgs       *out,
                                             DlnMessage          *msg);

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
 * Runs the engine once and draws each frame from that run's per-epoch
 * record when the figure can (DlnFigureInstance.frame); otherwise it
 * rebuilds the figure for each new state (the graph's steps). Frames with
 * the same state are encoded again without drawing. Returns
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
