/* Animations: a catalogue figure rendered frame by frame with its still
 * renderer, encoded by GStreamer (WebM/VP8) or giflib (GIF). GStreamer in
 * Debian 12 has no GIF encoder (gst-libav leaves FFmpeg's out), so GIF
 * frames go through giflib, each with its own 256-colour palette from
 * giflib's median-cut quantizer. */

#define G_LOG_DOMAIN "dln-figure-animation"

#include "config.h"

#include "dln-figure-animation.h"
#include "dln-figure-catalogue-private.h"
#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-figure-export.h"
#include "dln-file.h"
#include "dln-graph.h"

#include <gif_lib.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* Figures that change over time, and the option a recording sweeps:
 * "epochs" (the run's length, @first .. its epochs, so the curves grow),
 * "epoch" (the epoch shown, 0 .. epochs - 1) or "step" (the graph's
 * step-through). */
static const struct
{
  const char *figure;
  const char *option;
  long        first;
} tracks[] = {
  { "dynamics", "epochs", 1 },
  { "rsm", "epoch", 0 },
  { "illusory", "epochs", 1 },
  { "training-loss", "epochs", 1 },
  { "wide-net-regression", "epochs", 0 },
  { "shallow-net", "epochs", 1 },
  { "loss-landscape", "epochs", 1 },
  { "loss-surface-3d", "epochs", 1 },
  { "loss-landscape-race", "epochs", 1 },
  { "loss-landscape-race-3d", "epochs", 1 },
  { "depth-loss", "epochs", 1 },
  { "lr-loss", "epochs", 1 },
  { "init-loss", "epochs", 1 },
  { "playground-loss", "epochs", 1 },
  { "graph", "step", 0 },
};

DlnStatus
dln_figure_animation_format_from_path (const char         *path,
                                       DlnAnimationFormat *out,
                                       DlnMessage         *msg)
{
  const char *dot = strrchr (path, '.');

  if (dot != NULL && g_ascii_strcasecmp (dot, ".webm") == 0)
    *out = DLN_ANIMATION_FORMAT_WEBM;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".gif") == 0)
    *out = DLN_ANIMATION_FORMAT_GIF;
  else
    {
      dln_message_set (msg, 0, "cannot tell the animation format of '%s': "
                       "use .webm or .gif", path);
      return DLN_STATUS_INVALID_INPUT;
    }
  return DLN_STATUS_OK;
}

static int
track_find (const DlnCatalogueEntry *entry)
{
  for (size_t i = 0; i < G_N_ELEMENTS (tracks); i++)
    if (strcmp (tracks[i].figure, entry->name) == 0)
      return (int) i;
  return -1;
}

const char *
dln_figure_animation_option (const DlnCatalogueEntry *entry)
{
  int t = track_find (entry);

  return t >= 0 ? tracks[t].option : NULL;
}

const char *
dln_figure_animation_names (void)
{
  static char names[512];

  if (names[0] == '\0')
    for (size_t i = 0; i < G_N_ELEMENTS (tracks); i++)
      {
        g_strlcat (names, tracks[i].figure, sizeof names);
        if (i + 1 < G_N_ELEMENTS (tracks))
          g_strlcat (names, ", ", sizeof names);
      }
  return names;
}

unsigned
dln_figure_animation_n_frames (double fps,
                               double seconds)
{
  double n = round (fps * seconds);

  return n < 1 ? 1 : (unsigned) n;
}

/* --- Plans: the states a recording shows, and the frames of each --- */

#define GRAPH_MAX_STEPS 512  /* states of a graph step-through; a longer
                              * expression's plan is cut (it would not be
                              * legible at a step a frame anyway) */

typedef struct
{
  int      track;
  size_t   n_states;
  /* epoch sweeps: state s is the value first + s */
  long     first;
  /* the graph: state 0 is its structure, then "forward" steps, then
   * "backward" ones, each naming the node just done */
  size_t   n_forward;
  char   (*steps)[DLN_GRAPH_LABEL_SIZE];  /* [n_states] */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_free (plan->steps);
  memset (plan, 0, sizeof *plan);
}

/* The course's step plan (as the graph page steps): op nodes ascending
 * (forward), then the output's op ancestors descending (backward). */
static DlnStatus
plan_graph (Plan                *plan,
            const DlnFigureArgs *args,
            DlnMessage          *msg)
{
  DlnExpr *expr;
  DlnGraph *g = NULL;
  DlnStatus st;
  DlnArena *arena = dln_catalogue_expr_graph (dln_figure_args_string (args,
                                                                      "expr"),
                                              &expr, &g, &st, msg);
  int n, out;

  if (arena == NULL)
    return st;
  n = dln_graph_n_nodes (g);
  out = dln_graph_output (g);
  plan->steps = g_malloc0 (GRAPH_MAX_STEPS * sizeof *plan->steps);
  plan->n_states = 1;
  for (int i = 0; i < n && plan->n_states < GRAPH_MAX_STEPS; i++)
    if (dln_graph_node (g, i)->op != DLN_OP_LEAF)
      g_strlcpy (plan->steps[plan->n_states++], dln_graph_node (g, i)->label,
                 DLN_GRAPH_LABEL_SIZE);
  plan->n_forward = plan->n_states - 1;
  if (out >= 0)
    {
      dln_graph_backward_begin (g, out);
      for (int i = out; i >= 0 && plan->n_states < GRAPH_MAX_STEPS; i--)
        if (dln_graph_node (g, i)->op != DLN_OP_LEAF
            && dln_graph_is_ancestor (g, i))
          g_strlcpy (plan->steps[plan->n_states++],
                     dln_graph_node (g, i)->label, DLN_GRAPH_LABEL_SIZE);
    }
  dln_arena_free (arena);
  return DLN_STATUS_OK;
}

static DlnStatus
plan_init (Plan                *plan,
           const DlnFigureArgs *args,
           DlnMessage          *msg)
{
  int t = track_find (args->entry);
  long last;

  memset (plan, 0, sizeof *plan);
  plan->track = t;
  if (t < 0)
    {
      dln_message_set (msg, 0, "figure '%s' does not change over time; "
                       "animations: %s", args->entry->name,
                       dln_figure_animation_names ());
      return DLN_STATUS_INVALID_INPUT;
    }
  if (strcmp (tracks[t].option, "step") == 0)
    return plan_graph (plan, args, msg);
  plan->first = tracks[t].first;
  last = dln_figure_args_int (args, "epochs");
  if (strcmp (tracks[t].option, "epoch") == 0)
    last--;
  plan->n_states = last >= plan->first ? (size_t) (last - plan->first) + 1
                                       : 1;
  return DLN_STATUS_OK;
}

/* The state of frame @frame of @n_frames. Epoch sweeps show the first and
 * the last epoch and space the rest evenly; the graph's steps each last
 * as long. */
static size_t
plan_state (const Plan *plan,
            unsigned    frame,
            unsigned    n_frames)
{
  if (plan->steps != NULL)
    return (size_t) frame * plan->n_states / n_frames;
  if (n_frames <= 1)
    return plan->n_states - 1;
  return (size_t) lround ((double) (plan->n_states - 1) * frame
                          / (n_frames - 1));
}

/* @args with state @s of @plan. */
static DlnStatus
plan_args (const Plan          *plan,
           const DlnFigureArgs *args,
           size_t               s,
           DlnFigureArgs       *out,
           DlnMessage          *msg)
{
  char text[32];
  DlnStatus st;

  *out = *args;
  if (plan->steps == NULL)
    {
      g_snprintf (text, sizeof text, "%ld", plan->first + (long) s);
      return dln_figure_args_set (out, tracks[plan->track].option, text, msg);
    }
  st = dln_figure_args_set (out, "stage", s == 0 ? "structure"
                                          : s <= plan->n_forward ? "forward"
                                                                 : "backward",
                            msg);
  if (st == DLN_STATUS_OK)
    st = dln_figure_args_set (out, "step", s == 0 ? "" : plan->steps[s], msg);
  return st;
}

DlnStatus
dln_figure_animation_frame_args (const DlnFigureArgs *args,
                                 unsigned             frame,
                                 unsigned             n_frames,
                                 DlnFigureArgs       *out,
                                 DlnMessage          *msg)
{
  Plan plan;
  DlnStatus st;

  g_return_val_if_fail (n_frames > 0 && frame < n_frames,
                        DLN_STATUS_INVALID_INPUT);
  st = plan_init (&plan, args, msg);
  if (st == DLN_STATUS_OK)
    st = plan_args (&plan, args, plan_state (&plan, frame, n_frames), out,
                    msg);
  plan_clear (&plan);
  return st;
}

/* --- Encoders --- */

typedef struct
{
  DlnAnimationFormat format;
  int                width, height;
  /* WebM */
  GstElement        *pipeline;
  GstElement        *src;
  int                fps_n, fps_d;
  /* GIF */
  GifFileType       *gif;
  GifByteType       *r, *g, *b, *index;
  int                delay;  /* centiseconds per frame */
} Encoder;

static DlnStatus
bus_error (GstElement *pipeline,
           const char *path,
           DlnMessage *msg)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) m = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_autoptr (GError) error = NULL;

  if (m == NULL)
    return DLN_STATUS_OK;
  gst_message_parse_error (m, &error, NULL);
  dln_message_set (msg, 0, "cannot encode '%s': %s", path, error->message);
  return DLN_STATUS_IO;
}

static DlnStatus
webm_open (Encoder    *enc,
           int         fd,
           double      fps,
           const char *path,
           DlnMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstCaps) caps = NULL;
  GstElement *sink;

  if (!gst_init_check (NULL, NULL, &error))
    {
      dln_message_set (msg, 0, "cannot start GStreamer: %s", error->message);
      return DLN_STATUS_IO;
    }
  /* libvpx's realtime deadline at its fastest speed (cpu-used 16): a
   * figure's frames are flat colour with thin lines, and most of each
   * frame is unchanged from the last. One encoder thread: GStreamer's
   * streaming thread encodes while this one draws the next frame, and
   * libvpx's own threads spin-wait on each other, which on a loaded
   * machine cost ten times the CPU (measured with make bench). The
   * quantizer cap keeps figure text sharp whatever speed the encoder
   * picks; a keyframe every 5 s lets players seek. */
  enc->pipeline = gst_parse_launch ("appsrc name=src format=time "
                                    "block=true max-bytes=33554432 "
                                    "! videoconvert ! vp8enc "
                                    "deadline=1 cpu-used=16 "
                                    "end-usage=cq cq-level=4 "
                                    "max-quantizer=24 "
                                    "target-bitrate=8000000 "
                                    "keyframe-max-dist=150 threads=1 "
                                    "! webmmux ! fdsink name=sink",
                                    &error);
  if (enc->pipeline == NULL || error != NULL)
    {
      dln_message_set (msg, 0, "cannot record WebM (are GStreamer's base "
                       "and good plugins installed?): %s",
                       error != NULL ? error->message : "no pipeline");
      return DLN_STATUS_IO;
    }
  gst_util_double_to_fraction (fps, &enc->fps_n, &enc->fps_d);
  enc->src = gst_bin_get_by_name (GST_BIN (enc->pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (enc->pipeline), "sink");
  g_object_set (sink, "fd", fd, NULL);
  gst_object_unref (sink);
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "BGRx",
                              "width", G_TYPE_INT, enc->width,
                              "height", G_TYPE_INT, enc->height,
                              "framerate", GST_TYPE_FRACTION, enc->fps_n,
                              enc->fps_d, NULL);
  gst_app_src_set_caps (GST_APP_SRC (enc->src), caps);
  if (gst_element_set_state (enc->pipeline, GST_STATE_PLAYING)
      == GST_STATE_CHANGE_FAILURE)
    {
      DlnStatus s = bus_error (enc->pipeline, path, msg);

      if (s == DLN_STATUS_OK)
        dln_message_set (msg, 0, "cannot start the WebM encoder for '%s'",
                         path);
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}

static DlnStatus
webm_frame (Encoder         *enc,
            cairo_surface_t *frame,
            unsigned         k,
            const char      *path,
            DlnMessage      *msg)
{
  int stride = cairo_image_surface_get_stride (frame);
  gsize size = (gsize) stride * (gsize) enc->height;
  GstBuffer *buf;

  /* cairo's ARGB32 is B, G, R, A in memory on little-endian machines and
   * its stride is 4 * width, as GStreamer's BGRx expects. */
  g_return_val_if_fail (stride == 4 * enc->width, DLN_STATUS_IO);
  buf = gst_buffer_new_memdup (cairo_image_surface_get_data (frame), size);
  GST_BUFFER_PTS (buf) = gst_util_uint64_scale (k, GST_SECOND * enc->fps_d,
                                                enc->fps_n);
  GST_BUFFER_DURATION (buf) = gst_util_uint64_scale (GST_SECOND,
                                                     enc->fps_d,
                                                     enc->fps_n);
  if (gst_app_src_push_buffer (GST_APP_SRC (enc->src), buf) != GST_FLOW_OK)
    {
      if (bus_error (enc->pipeline, path, msg) == DLN_STATUS_OK)
        dln_message_set (msg, 0, "cannot encode '%s': the encoder stopped",
                         path);
      return DLN_STATUS_IO;
    }
  return bus_error (enc->pipeline, path, msg);
}

static DlnStatus
webm_finish (Encoder    *enc,
             const char *path,
             DlnMessage *msg)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (enc->pipeline);
  g_autoptr (GstMessage) m = NULL;

  gst_app_src_end_of_stream (GST_APP_SRC (enc->src));
  m = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                  GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (m != NULL && GST_MESSAGE_TYPE (m) == GST_MESSAGE_ERROR)
    {
      g_autoptr (GError) error = NULL;

      gst_message_parse_error (m, &error, NULL);
      dln_message_set (msg, 0, "cannot encode '%s': %s", path,
                       error->message);
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}

static DlnStatus
gif_open (Encoder    *enc,
          int         fd,
          double      fps,
          const char *path,
          DlnMessage *msg)
{
  /* NETSCAPE2.0: loop for ever */
  static const GifByteType loop[] = { 1, 0, 0 };
  size_t n = (size_t) enc->width * (size_t) enc->height;
  int error = 0;

  enc->r = g_try_malloc (n);
  enc->g = g_try_malloc (n);
  enc->b = g_try_malloc (n);
  enc->index = g_try_malloc (n);
  if (enc->r == NULL || enc->g == NULL || enc->b == NULL
      || enc->index == NULL)
    {
      dln_message_set (msg, 0, "no memory for %dx%d GIF frames",
                       enc->width, enc->height);
      return DLN_STATUS_NO_MEMORY;
    }
  /* GIF delays are whole centiseconds */
  enc->delay = (int) lround (100.0 / fps);
  /* giflib closes what it opened: give it its own descriptor, so that
   * DlnAtomicFile still syncs and renames the one it owns */
  fd = dup (fd);
  if (fd < 0 || (enc->gif = EGifOpenFileHandle (fd, &error)) == NULL)
    {
      if (fd >= 0)
        close (fd);
      dln_message_set (msg, 0, "cannot write '%s': %s", path,
                       GifErrorString (error));
      return DLN_STATUS_IO;
    }
  EGifSetGifVersion (enc->gif, true);
  if (EGifPutScreenDesc (enc->gif, enc->width, enc->height, 8, 0, NULL)
      == GIF_ERROR
      || EGifPutExtensionLeader (enc->gif, APPLICATION_EXT_FUNC_CODE)
      == GIF_ERROR
      || EGifPutExtensionBlock (enc->gif, 11, "NETSCAPE2.0") == GIF_ERROR
      || EGifPutExtensionBlock (enc->gif, 3, loop) == GIF_ERROR
      || EGifPutExtensionTrailer (enc->gif) == GIF_ERROR)
    {
      dln_message_set (msg, 0, "cannot write '%s': %s", path,
                       GifErrorString (enc->gif->Error));
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}

static DlnStatus
gif_frame (Encoder         *enc,
           cairo_surface_t *frame,
           const char      *path,
           DlnMessage      *msg)
{
  const unsigned char *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  GifColorType colors[256] = { { 0 } };
  ColorMapObject *map = NULL;
  GraphicsControlBlock gcb = { DISPOSAL_UNSPECIFIED, false, enc->delay,
                               NO_TRANSPARENT_COLOR };
  GifByteType ext[4];
  int n_colors = 256;
  DlnStatus status = DLN_STATUS_IO;

  for (int y = 0; y < enc->height; y++)
    for (int x = 0; x < enc->width; x++)
      {
        guint32 p = *(const guint32 *) (data + (size_t) y * stride
                                        + 4 * (size_t) x);
        size_t i = (size_t) y * enc->width + x;

        enc->r[i] = (p >> 16) & 0xff;
        enc->g[i] = (p >> 8) & 0xff;
        enc->b[i] = p & 0xff;
      }
  if (GifQuantizeBuffer (enc->width, enc->height, &n_colors, enc->r, enc->g,
                         enc->b, enc->index, colors) == GIF_ERROR)
    {
      dln_message_set (msg, 0, "cannot quantize a GIF frame of '%s'", path);
      return DLN_STATUS_IO;
    }
  /* giflib's median cut works on 5 bits a channel, so its colours top
   * out at 248: white would turn grey. Each palette entry becomes the
   * mean of the 8-bit pixels mapped to it instead. */
  {
    double sum[256][3] = { { 0 } };
    size_t count[256] = { 0 };
    size_t n = (size_t) enc->width * enc->height;

    for (size_t i = 0; i < n; i++)
      {
        GifByteType c = enc->index[i];

        sum[c][0] += enc->r[i];
        sum[c][1] += enc->g[i];
        sum[c][2] += enc->b[i];
        count[c]++;
      }
    for (int c = 0; c < 256; c++)
      if (count[c] > 0)
        {
          colors[c].Red = (GifByteType) lround (sum[c][0] / count[c]);
          colors[c].Green = (GifByteType) lround (sum[c][1] / count[c]);
          colors[c].Blue = (GifByteType) lround (sum[c][2] / count[c]);
        }
  }
  map = GifMakeMapObject (256, colors);
  EGifGCBToExtension (&gcb, ext);
  if (map != NULL
      && EGifPutExtension (enc->gif, GRAPHICS_EXT_FUNC_CODE, 4, ext)
      != GIF_ERROR
      && EGifPutImageDesc (enc->gif, 0, 0, enc->width, enc->height, false,
                           map) != GIF_ERROR)
    {
      status = DLN_STATUS_OK;
      for (int y = 0; y < enc->height && status == DLN_STATUS_OK; y++)
        if (EGifPutLine (enc->gif, enc->index + (size_t) y * enc->width,
                         enc->width) == GIF_ERROR)
          status = DLN_STATUS_IO;
    }
  GifFreeMapObject (map);
  if (status != DLN_STATUS_OK)
    dln_message_set (msg, 0, "cannot write '%s': %s", path,
                     GifErrorString (enc->gif->Error));
  return status;
}

static DlnStatus
gif_finish (Encoder    *enc,
            const char *path,
            DlnMessage *msg)
{
  int error = 0;
  int rc = EGifCloseFile (enc->gif, &error);

  enc->gif = NULL;
  if (rc == GIF_ERROR)
    {
      dln_message_set (msg, 0, "cannot write '%s': %s", path,
                       GifErrorString (error));
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}

static void
encoder_clear (Encoder *enc)
{
  if (enc->pipeline != NULL)
    {
      gst_element_set_state (enc->pipeline, GST_STATE_NULL);
      g_clear_object (&enc->src);
      g_clear_object (&enc->pipeline);
    }
  if (enc->gif != NULL)
    EGifCloseFile (enc->gif, NULL);
  enc->gif = NULL;
  g_clear_pointer (&enc->r, g_free);
  g_clear_pointer (&enc->g, g_free);
  g_clear_pointer (&enc->b, g_free);
  g_clear_pointer (&enc->index, g_free);
}

/* --- Recording --- */

/* Draws @fig into @frame as dln_figure_export () draws a PNG at scale 1. */
static void
draw_frame (cairo_surface_t         *frame,
            const DlnFigureInstance *fig,
            const DlnFigureStyle    *style,
            int                      width,
            int                      height)
{
  cairo_t *cr = cairo_create (frame);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  fig->render (cr, style, fig->data, width, height, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (frame);
}

/* Puts state @s of @plan into @fig: from the run already in @fig when
 * the figure draws any of its epochs (DlnFigureInstance.frame), else by
 * building it for the state's options. */
static DlnStatus
show_state (DlnFigureInstance   *fig,
            const Plan          *plan,
            const DlnFigureArgs *args,
            size_t               s,
            DlnMessage          *msg)
{
  DlnFigureArgs a;
  DlnStatus st;

  if (fig->data != NULL && fig->frame != NULL)
    return fig->frame (fig->data, plan->first + (long) s, msg);
  st = plan_args (plan, args, s, &a, msg);
  if (st != DLN_STATUS_OK)
    return st;
  dln_figure_instance_clear (fig);
  return dln_figure_build (a.entry, &a, fig, msg);
}

DlnStatus
dln_figure_animation_record (const char               *path,
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
                             DlnMessage               *msg)
{
  Encoder enc = { format, width, height };
  DlnFigureInstance fig = { 0 };
  DlnAtomicFile file;
  cairo_surface_t *frame = NULL;
  unsigned n_frames;
  size_t shown = SIZE_MAX;
  Plan plan;
  DlnStatus status;

  if (dln_figure_animation_option (args->entry) == NULL)
    {
      dln_message_set (msg, 0, "figure '%s' does not change over time; "
                       "animations: %s", args->entry->name,
                       dln_figure_animation_names ());
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!(width >= DLN_FIGURE_MIN_SIZE && width <= DLN_ANIMATION_MAX_SIDE
        && height >= DLN_FIGURE_MIN_SIZE
        && height <= DLN_ANIMATION_MAX_SIDE))
    {
      dln_message_set (msg, 0, "bad animation size %dx%d: each side must be "
                       "%g ... %g pixels", width, height, DLN_FIGURE_MIN_SIZE,
                       DLN_ANIMATION_MAX_SIDE);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!(fps >= DLN_ANIMATION_MIN_FPS && fps <= DLN_ANIMATION_MAX_FPS
        && seconds >= DLN_ANIMATION_MIN_SECONDS
        && seconds <= DLN_ANIMATION_MAX_SECONDS))
    {
      dln_message_set (msg, 0, "bad animation timing %g fps for %g s: the "
                       "rate must be %g ... %g and the length %g ... %g s",
                       fps, seconds, DLN_ANIMATION_MIN_FPS,
                       DLN_ANIMATION_MAX_FPS, DLN_ANIMATION_MIN_SECONDS,
                       DLN_ANIMATION_MAX_SECONDS);
      return DLN_STATUS_INVALID_INPUT;
    }
  n_frames = dln_figure_animation_n_frames (fps, seconds);
  status = plan_init (&plan, args, msg);
  if (status != DLN_STATUS_OK)
    return status;
  /* Epoch sweeps run the engine once, here, with the options as given
   * (the full run); each frame then shows its epochs of that run. */
  if (plan.steps == NULL)
    {
      status = dln_figure_build (args->entry, args, &fig, msg);
      if (status != DLN_STATUS_OK)
        {
          plan_clear (&plan);
          return status;
        }
    }

  frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (frame) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (frame);
      dln_figure_instance_clear (&fig);
      plan_clear (&plan);
      dln_message_set (msg, 0, "no memory for a %dx%d frame", width, height);
      return DLN_STATUS_NO_MEMORY;
    }
  status = dln_atomic_file_open (&file, path, msg);
  if (status != DLN_STATUS_OK)
    {
      cairo_surface_destroy (frame);
      dln_figure_instance_clear (&fig);
      plan_clear (&plan);
      return status;
    }
  if (format == DLN_ANIMATION_FORMAT_WEBM)
    status = webm_open (&enc, fileno (file.fp), fps, path, msg);
  else
    status = gif_open (&enc, fileno (file.fp), fps, path, msg);

  for (unsigned k = 0; k < n_frames && status == DLN_STATUS_OK; k++)
    {
      size_t state = plan_state (&plan, k, n_frames);

      if (g_cancellable_is_cancelled (cancellable))
        {
          dln_message_set (msg, 0, "recording of '%s' cancelled", path);
          status = DLN_STATUS_IO;
          break;
        }
      if (state != shown)
        {
          status = show_state (&fig, &plan, args, state, msg);
          if (status != DLN_STATUS_OK)
            break;
          draw_frame (frame, &fig, style, width, height);
          shown = state;
        }
      if (format == DLN_ANIMATION_FORMAT_WEBM)
        status = webm_frame (&enc, frame, k, path, msg);
      else
        status = gif_frame (&enc, frame, path, msg);
      if (status == DLN_STATUS_OK && progress != NULL)
        progress (k + 1, n_frames, user_data);
    }
  if (status == DLN_STATUS_OK)
    status = format == DLN_ANIMATION_FORMAT_WEBM
               ? webm_finish (&enc, path, msg)
               : gif_finish (&enc, path, msg);
  encoder_clear (&enc);
  cairo_surface_destroy (frame);
  dln_figure_instance_clear (&fig);
  plan_clear (&plan);
  if (status != DLN_STATUS_OK)
    {
      dln_atomic_file_abort (&file);
      return status;
    }
  return dln_atomic_file_commit (&file, msg);
}
