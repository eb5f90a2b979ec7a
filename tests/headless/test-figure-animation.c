/* Animations: dlnlab-cli export to .webm and .gif for a figure of each
 * time-varying family (learning dynamics, RSA over epochs, the wide net,
 * the depth chain, the graph's step-through, the optimizer race, the
 * shallow net), checked with real decoders (GStreamer's decodebin and
 * gst-discoverer-1.0 for WebM, ImageMagick for GIF) and one decoded frame
 * against the still PNG of the same moment; frames drawn from one run
 * against fresh builds; and a cancelled or failed recording that leaves
 * no file. */

#include "config.h"

#include "dln-figure-animation.h"
#include "dln-test-util.h"
#include "dln-test-video.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CLIP_W     320
#define CLIP_H     240
#define CLIP_FPS   10
#define CLIP_FRAME 6  /* the frame compared with its still */
/* Mean absolute difference per channel (0 .. 255) between a decoded frame
 * and its still: VP8 (4:2:0 chroma, limited-range YUV) measured 2.6-2.8
 * on these figures, a 256-colour GIF palette less. */
#define FRAME_TOLERANCE 5.0

static double
mean_abs_diff (cairo_surface_t *a,
               cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  double sum = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a)
                          + (size_t) y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b)
                          + (size_t) y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        for (int c = 0; c < 24; c += 8)
          sum += fabs ((double) ((ra[x] >> c) & 0xff)
                       - (double) ((rb[x] >> c) & 0xff));
    }
  return sum / (3.0 * w * h);
}

/* The still PNG of @figure with the options of frame @k of the clip,
 * written by dlnlab-cli export. */
static cairo_surface_t *
still_of_frame (const char *figure,
                int         k,
                const char *name)
{
  const DlnCatalogueEntry *e = dln_figure_catalogue_find (figure);
  DlnFigureArgs args, frame_args;
  DlnMessage msg = { 0 };
  g_autofree char *path = dln_test_tmp_path (name);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *err = NULL;
  cairo_surface_t *s;
  int rc;

  dln_figure_args_init (&args, e);
  g_assert_cmpint (dln_figure_animation_frame_args (&args, (unsigned) k,
                                                    CLIP_FPS, &frame_args,
                                                    &msg), ==, DLN_STATUS_OK);
  g_ptr_array_add (argv, g_strdup ("export"));
  g_ptr_array_add (argv, g_strdup (figure));
  for (size_t i = 0; i < e->n_options; i++)
    if (strcmp (frame_args.values[i], args.values[i]) != 0)
      {
        g_ptr_array_add (argv, g_strdup_printf ("--%s", e->options[i].name));
        g_ptr_array_add (argv, g_strdup (frame_args.values[i]));
      }
  g_ptr_array_add (argv, g_strdup ("--out"));
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, g_strdup ("--width"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", CLIP_W));
  g_ptr_array_add (argv, g_strdup ("--height"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", CLIP_H));
  g_ptr_array_add (argv, NULL);
  rc = dln_test_run_cliv (NULL, &err, (const char *const *) argv->pdata);
  if (rc != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (rc, ==, 0);
  s = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  return s;
}

/* Where @still and @other differ by more than CHANGED_LEVEL in a channel
 * (the pixels that move between the two epochs), the mean absolute
 * difference of @frame from @still in @near and from @other in @far. */
#define CHANGED_LEVEL 64

static void
changed_diffs (cairo_surface_t *frame,
               cairo_surface_t *still,
               cairo_surface_t *other,
               double          *near,
               double          *far)
{
  cairo_surface_t *s[3] = { frame, still, other };
  int w = cairo_image_surface_get_width (frame);
  int h = cairo_image_surface_get_height (frame);
  double sum_near = 0, sum_far = 0;
  long n = 0;

  for (int i = 0; i < 3; i++)
    cairo_surface_flush (s[i]);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p[3];
        gboolean changed = FALSE;

        for (int i = 0; i < 3; i++)
          p[i] = ((const guint32 *) (cairo_image_surface_get_data (s[i])
                  + (size_t) y * cairo_image_surface_get_stride (s[i])))[x];
        for (int c = 0; c < 24; c += 8)
          changed |= abs ((int) ((p[1] >> c) & 0xff)
                          - (int) ((p[2] >> c) & 0xff)) > CHANGED_LEVEL;
        if (!changed)
          continue;
        n++;
        for (int c = 0; c < 24; c += 8)
          {
            sum_near += abs ((int) ((p[0] >> c) & 0xff)
                             - (int) ((p[1] >> c) & 0xff));
            sum_far += abs ((int) ((p[0] >> c) & 0xff)
                            - (int) ((p[2] >> c) & 0xff));
          }
      }
  g_assert_cmpint (n, >, 0);
  *near = sum_near / (3.0 * n);
  *far = sum_far / (3.0 * n);
}

/* @frame must match the still of its epoch overall, and where the still
 * of the next-but-one frame's epoch differs, be several times closer to
 * its own: a frame of the wrong epoch cannot pass. */
static void
compare_frame (const char      *figure,
               cairo_surface_t *frame)
{
  cairo_surface_t *still = still_of_frame (figure, CLIP_FRAME, "still.png");
  cairo_surface_t *other = still_of_frame (figure, CLIP_FRAME + 2,
                                           "other.png");
  double same = mean_abs_diff (frame, still);
  double near, far;

  changed_diffs (frame, still, other, &near, &far);
  g_test_message ("%s frame %d: %.3f from its still; where frame %d's "
                  "differs, %.3f from its still, %.3f from frame %d's",
                  figure, CLIP_FRAME, same, CLIP_FRAME + 2, near, far,
                  CLIP_FRAME + 2);
  g_assert_cmpfloat (same, <, FRAME_TOLERANCE);
  g_assert_cmpfloat (3 * near, <, far);
  cairo_surface_destroy (still);
  cairo_surface_destroy (other);
}

static void
record_cli (const char *figure,
            const char *path)
{
  g_autofree char *err = NULL;
  int rc;

  g_remove (path);
  rc = dln_test_run_cli (NULL, &err, "export", figure, "--out", path,
                         "--fps", "10", "--seconds", "1", "--width", "320",
                         "--height", "240", NULL);
  if (rc != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (rc, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_webm (gconstpointer data)
{
  const char *figure = data;
  g_autofree char *path = dln_test_tmp_path ("clip.webm");
  g_autofree char *cmd = NULL, *out = NULL;
  cairo_surface_t *frame = NULL;
  int status = -1, w = 0, h = 0;

  record_cli (figure, path);
  /* the container says 1 s at 10/1 fps */
  cmd = g_strdup_printf ("gst-discoverer-1.0 -v '%s'", path);
  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Duration: 0:00:01.0"));
  g_assert_nonnull (strstr (out, "video/x-vp8"));
  g_assert_nonnull (strstr (out, "framerate=(fraction)10/1"));
  g_assert_nonnull (strstr (out, "Width: 320"));
  g_assert_nonnull (strstr (out, "Height: 240"));
  /* and the decoder gives back 10 frames */
  g_assert_cmpint (dln_test_decode_video (path, &w, &h, CLIP_FRAME, &frame),
                   ==, CLIP_FPS);
  g_assert_cmpint (w, ==, CLIP_W);
  g_assert_cmpint (h, ==, CLIP_H);
  g_assert_nonnull (frame);
  compare_frame (figure, frame);
  cairo_surface_destroy (frame);
}

static void
test_gif (gconstpointer data)
{
  const char *figure = data;
  g_autofree char *path = dln_test_tmp_path ("clip.gif");
  g_autofree char *png = dln_test_tmp_path ("gif-frame.png");
  g_autofree char *cmd = NULL;
  g_auto (GStrv) lines = NULL;
  cairo_surface_t *frame;
  int status = -1;

  record_cli (figure, path);
  /* one line per frame: size and delay in centiseconds */
  lines = dln_test_identify (path, "%w %h %T\\n");
  g_assert_cmpint (g_strv_length (lines), ==, CLIP_FPS);
  for (int i = 0; lines[i] != NULL; i++)
    g_assert_cmpstr (lines[i], ==, "320 240 10");

  cmd = g_strdup_printf ("convert '%s[%d]' '%s'", path, CLIP_FRAME, png);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  frame = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (frame), ==, CAIRO_STATUS_SUCCESS);
  compare_frame (figure, frame);
  cairo_surface_destroy (frame);
}

/* The recorder runs the engine once and shows each frame's epochs of that
 * run (DlnFigureInstance.frame): for every figure that can, a frame drawn
 * that way must write the same CSV and draw the same pixels as a fresh
 * build with the frame's options. */
static char *
csv_of (const DlnFigureInstance *fig,
        size_t                  *len)
{
  char *text = NULL;
  FILE *f = open_memstream (&text, len);
  DlnMessage msg = { 0 };

  g_assert_nonnull (f);
  g_assert_cmpint (fig->csv (f, fig->data, &msg), ==, DLN_STATUS_OK);
  fclose (f);
  return text;
}

static cairo_surface_t *
pixels_of (const DlnFigureInstance *fig)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                   CLIP_W, CLIP_H);
  cairo_t *cr = cairo_create (s);
  DlnFigureStyle style;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  fig->render (cr, &style, fig->data, CLIP_W, CLIP_H, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
test_frames_from_one_run (gconstpointer data)
{
  const char *const *spec = data;  /* figure, then option=value pairs */
  const DlnCatalogueEntry *e = dln_figure_catalogue_find (spec[0]);
  const char *option = dln_figure_animation_option (e);
  DlnFigureInstance run, fresh;
  DlnFigureArgs args, frame_args;
  DlnMessage msg = { 0 };

  dln_figure_args_init (&args, e);
  for (int i = 1; spec[i] != NULL; i += 2)
    g_assert_cmpint (dln_figure_args_set (&args, spec[i], spec[i + 1], &msg),
                     ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_build (e, &args, &run, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_nonnull (run.frame);
  /* frames 3 and 7 of 10, then back to 3: the frame function must not
   * depend on the one shown before */
  for (int pass = 0; pass < 3; pass++)
    {
      unsigned k = pass == 1 ? 7 : 3;
      g_autofree char *a = NULL, *b = NULL;
      cairo_surface_t *pa, *pb;
      size_t la, lb;
      long v;

      g_assert_cmpint (dln_figure_animation_frame_args (&args, k, 10,
                                                        &frame_args, &msg),
                       ==, DLN_STATUS_OK);
      v = dln_figure_args_int (&frame_args, option);
      g_assert_cmpint (run.frame (run.data, v, &msg), ==, DLN_STATUS_OK);
      g_assert_cmpint (dln_figure_build (e, &frame_args, &fresh, &msg), ==,
                       DLN_STATUS_OK);
      a = csv_of (&run, &la);
      b = csv_of (&fresh, &lb);
      g_assert_cmpstr (a, ==, b);
      pa = pixels_of (&run);
      pb = pixels_of (&fresh);
      g_assert_cmpfloat (mean_abs_diff (pa, pb), ==, 0);
      cairo_surface_destroy (pa);
      cairo_surface_destroy (pb);
      dln_figure_instance_clear (&fresh);
    }
  /* a value outside the run is refused */
  g_assert_cmpint (run.frame (run.data, 100001, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  dln_figure_instance_clear (&run);
}

static const char *const one_run_dynamics[] = { "dynamics", "epochs", "120",
                                                NULL };
static const char *const one_run_rsm[] = { "rsm", "epochs", "120", "epoch", "60",
                                           "similarity", "cosine", NULL };
static const char *const one_run_illusory[] = { "illusory", "epochs", "120",
                                                NULL };
static const char *const one_run_loss[] = { "training-loss", "epochs", "120",
                                            NULL };
static const char *const one_run_wide[] = { "wide-net-regression", "epochs",
                                            "200", "hidden", "64", NULL };
/* the narrow chains: one run, one diverging between the frames (η 0.2 at
 * depth 50 diverges at epoch 32; the frames show 27 and 62 epochs), and
 * the eight initial weights */
static const char *const one_run_depth[] = { "depth-loss", "depth", "15",
                                             NULL };
static const char *const one_run_lr_diverged[] = { "lr-loss", "lr", "0.2",
                                                   "epochs", "80", NULL };
static const char *const one_run_init[] = { "init-loss", NULL };
/* a run that diverges (epoch 53) between the two frames (epochs 27 and
 * 62): the fit and the title switch to the divergence's */
static const char *const one_run_wide_diverged[] = { "wide-net-regression",
                                                     "epochs", "80", "lr",
                                                     "10", "hidden", "64",
                                                     NULL };

static void
cancel_at_third (unsigned frame,
                 unsigned n_frames,
                 void    *user_data)
{
  if (frame == 3)
    g_cancellable_cancel (user_data);
}

/* The directory holds @path alone (or nothing): no temporary is left. */
static void
assert_only (const char *dir,
             const char *name)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  int n = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_assert_cmpstr (entry, ==, name);
      n++;
    }
  g_assert_cmpint (n, <=, 1);
}

static void
test_cancel (void)
{
  g_autofree char *dir = dln_test_tmp_path ("cancel");
  g_autofree char *webm = NULL, *gif = NULL, *text = NULL;
  const DlnCatalogueEntry *e = dln_figure_catalogue_find ("rsm");
  g_autoptr (GCancellable) c1 = g_cancellable_new ();
  g_autoptr (GCancellable) c2 = g_cancellable_new ();
  DlnFigureArgs args;
  DlnFigureStyle style;
  DlnMessage msg = { 0 };

  g_mkdir_with_parents (dir, 0755);
  webm = g_build_filename (dir, "new.webm", NULL);
  gif = g_build_filename (dir, "old.gif", NULL);
  dln_figure_args_init (&args, e);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);

  /* a new file is never created */
  g_assert_cmpint (dln_figure_animation_record (webm,
                                                DLN_ANIMATION_FORMAT_WEBM,
                                                &args, 320, 240, 10, 1, &style,
                                                cancel_at_third, c1, c1, &msg),
                   ==, DLN_STATUS_IO);
  g_assert_nonnull (strstr (msg.text, "cancelled"));
  assert_only (dir, NULL);

  /* an existing one is left as it was */
  g_assert_true (g_file_set_contents (gif, "old", -1, NULL));
  g_assert_cmpint (dln_figure_animation_record (gif, DLN_ANIMATION_FORMAT_GIF,
                                                &args, 320, 240, 10, 1, &style,
                                                cancel_at_third, c2, c2, &msg),
                   ==, DLN_STATUS_IO);
  assert_only (dir, "old.gif");
  g_assert_true (g_file_get_contents (gif, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
}

/* A figure that does not change over time, and a rate, a length or a
 * format out of range, are refused before anything is written; a
 * directory that does not exist is an I/O error (exit 1). */
static void
test_refusals (void)
{
  g_autofree char *dir = dln_test_tmp_path ("refused");
  g_autofree char *path = NULL, *err = NULL, *missing = NULL;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, "x.gif", NULL);
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "data-svd",
                                     "--out", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "does not change over time"));
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "rsm", "--out",
                                     path, "--fps", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--fps"));
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "rsm", "--out",
                                     path, "--seconds", "601", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--seconds"));
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "rsm", "--out",
                                     path, "--width", "4000", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  assert_only (dir, NULL);

  missing = g_build_filename (dir, "no-such-dir", "x.webm", NULL);
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "dynamics",
                                     "--out", missing, "--seconds", "0.2",
                                     "--width", "64", "--height", "64", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "cannot write"));
  assert_only (dir, NULL);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/animation/webm/dynamics", "dynamics", test_webm);
  g_test_add_data_func ("/animation/webm/rsm", "rsm", test_webm);
  g_test_add_data_func ("/animation/gif/dynamics", "dynamics", test_gif);
  g_test_add_data_func ("/animation/gif/rsm", "rsm", test_gif);
  g_test_add_data_func ("/animation/webm/wide-net", "wide-net-regression",
                        test_webm);
  g_test_add_data_func ("/animation/webm/depth-loss", "depth-loss",
                        test_webm);
  g_test_add_data_func ("/animation/gif/graph", "graph", test_gif);
  g_test_add_data_func ("/animation/gif/landscape-race",
                        "loss-landscape-race", test_gif);
  g_test_add_data_func ("/animation/gif/shallow-net", "shallow-net",
                        test_gif);
  g_test_add_data_func ("/animation/one-run/dynamics", one_run_dynamics,
                        test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/rsm", one_run_rsm,
                        test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/illusory", one_run_illusory,
                        test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/training-loss", one_run_loss,
                        test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/wide-net", one_run_wide,
                        test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/wide-net-diverged",
                        one_run_wide_diverged, test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/depth-loss", one_run_depth,
                        test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/lr-loss-diverged",
                        one_run_lr_diverged, test_frames_from_one_run);
  g_test_add_data_func ("/animation/one-run/init-loss", one_run_init,
                        test_frames_from_one_run);
  g_test_add_func ("/animation/cancel-leaves-no-file", test_cancel);
  g_test_add_func ("/animation/refusals", test_refusals);
  return g_test_run ();
}
