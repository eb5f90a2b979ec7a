/* "Export Animation…" (run under Xvfb by the gui suite): every page whose
 * figure changes over time offers it in the figure's export menu, and no
 * other page does; the dialog records the page's current run with the
 * length, frame rate and size typed into it, on a worker thread, and the
 * file decodes (GStreamer for WebM, ImageMagick for GIF) to the frames
 * asked for; Cancel during a recording leaves no file. */

#include "config.h"

#include "dln-animation-dialog.h"
#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-figure-animation.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <string.h>

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static GtkWidget *
open_page (const char  *demo,
           GtkWindow  **window)
{
  const DlnDemoInfo *info = dln_demos_find (demo);
  GtkWidget *page;

  g_assert_nonnull (info);
  page = g_object_new (info->get_type (), NULL);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 700);
  gtk_window_set_child (*window, page);
  gtk_window_present (*window);
  settle (400);
  return page;
}

/* Whether @w or a child is a menu button whose model has an item with
 * action figure.export and target "animation". */
static gboolean
has_animation_item (GtkWidget *w)
{
  if (GTK_IS_MENU_BUTTON (w))
    {
      GMenuModel *m = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w));

      for (int i = 0; m != NULL && i < g_menu_model_get_n_items (m); i++)
        {
          g_autoptr (GVariant) target =
            g_menu_model_get_item_attribute_value (m, i, "target",
                                                   G_VARIANT_TYPE_STRING);

          if (target != NULL
              && strcmp (g_variant_get_string (target, NULL), "animation")
                 == 0)
            return TRUE;
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (has_animation_item (c))
      return TRUE;
  return FALSE;
}

/* Every time-varying demo, and some that are not. */
static const struct
{
  const char *demo;
  gboolean    animated;
} menus[] = {
  { "computational-graph", TRUE },
  { "wide-net", TRUE },
  { "shallow-net", TRUE },
  { "loss-landscape", TRUE },
  { "depth", TRUE },
  { "learning-rate", TRUE },
  { "initialisation", TRUE },
  { "playground", TRUE },
  { "dynamics", TRUE },
  { "rsa", TRUE },
  { "illusory", TRUE },
  { "tree-dataset", FALSE },
  { "data-svd", FALSE },
  { "single-neuron", FALSE },
};

static void
test_menus (void)
{
  for (size_t i = 0; i < G_N_ELEMENTS (menus); i++)
    {
      GtkWindow *window;
      GtkWidget *page = open_page (menus[i].demo, &window);
      DlnFigureView *view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));

      g_test_message ("%s", menus[i].demo);
      g_assert_nonnull (view);
      g_assert_cmpint (has_animation_item (GTK_WIDGET (view)), ==,
                       menus[i].animated);
      gtk_window_destroy (window);
      settle (50);
    }
}

/* Decodes @path with decodebin; returns its frame count and size. */
static int
decode (const char *path,
        int        *width,
        int        *height)
{
  g_autofree char *desc = g_strdup_printf ("filesrc location=\"%s\" ! "
                                           "decodebin ! videoconvert ! "
                                           "video/x-raw,format=BGRx ! "
                                           "appsink name=sink sync=false",
                                           path);
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (desc, &error);
  GstElement *sink;
  GstSample *sample;
  int n = 0;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstStructure *s = gst_caps_get_structure (gst_sample_get_caps (sample),
                                                0);

      gst_structure_get_int (s, "width", width);
      gst_structure_get_int (s, "height", height);
      gst_sample_unref (sample);
      n++;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return n;
}

static void
finished_cb (DlnAnimationDialog *dialog,
             const char         *path,
             const GError       *error,
             gboolean           *done)
{
  if (error != NULL)
    g_error ("recording failed: %s", error->message);
  *done = TRUE;
}

/* Records @demo's current run through the dialog: 1 s at 10 fps, 320x240. */
static void
record (const char *demo,
        const char *path)
{
  GtkWindow *window;
  GtkWidget *page = open_page (demo, &window);
  DlnFigureView *view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));
  DlnAnimationDialog *dialog;
  gboolean done = FALSE;
  gint64 end;

  g_remove (path);
  dialog = dln_figure_view_export_animation_to (view, path);
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &done);
  dln_animation_dialog_set_clip (dialog, 1, 10, 320, 240);
  dln_animation_dialog_record (dialog);
  g_assert_true (dln_animation_dialog_is_recording (dialog));
  end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (window);
  settle (50);
}

static void
test_record_webm (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-anim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dynamics.webm", NULL);
  int w = 0, h = 0;

  record ("dynamics", path);
  g_assert_cmpint (decode (path, &w, &h), ==, 10);
  g_assert_cmpint (w, ==, 320);
  g_assert_cmpint (h, ==, 240);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_record_gif (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-anim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "graph.gif", NULL);
  g_autofree char *cmd = NULL, *out = NULL;
  g_auto (GStrv) lines = NULL;
  int status = -1;

  record ("computational-graph", path);
  cmd = g_strdup_printf ("identify -format '%%w %%h\\n' '%s'", path);
  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 10);
  for (int i = 0; lines[i] != NULL; i++)
    g_assert_cmpstr (lines[i], ==, "320 240");
  g_remove (path);
  g_rmdir (dir);
}

/* With DLN_TEST_SHOTS set (as test-window's screenshots), saves @w as
 * GTK draws it to that directory as @name, to be looked at. */
static void
save_shot (GtkWidget  *w,
           const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);

  if (g_getenv ("DLN_TEST_SHOTS") == NULL)
    return;
  paintable = gtk_widget_paintable_new (w);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (w)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, width,
                                                              height));
  path = g_build_filename (g_getenv ("DLN_TEST_SHOTS"), name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* Cancel while recording: the worker stops, the dialog stays open and
 * says so, and the directory holds nothing. */
static void
test_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-anim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.webm", NULL);
  g_autoptr (GDir) d = NULL;
  GtkWindow *window;
  GtkWidget *page = open_page ("dynamics", &window);
  DlnFigureView *view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));
  DlnAnimationDialog *dialog;
  gint64 end;

  dialog = dln_figure_view_export_animation_to (view, path);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  dln_animation_dialog_set_clip (dialog, 600, 30, 640, 480);
  dln_animation_dialog_record (dialog);
  /* until some frames are in */
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (dln_animation_dialog_get_fraction (dialog) == 0
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (dln_animation_dialog_get_fraction (dialog), >, 0);
  settle (200);
  save_shot (GTK_WIDGET (dialog), "animation-dialog-recording.png");
  dln_animation_dialog_cancel (dialog);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (dln_animation_dialog_is_recording (dialog)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dln_animation_dialog_is_recording (dialog));
  g_assert_nonnull (dialog);  /* still open */
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));
  settle (100);
  save_shot (GTK_WIDGET (dialog), "animation-dialog-cancelled.png");
  /* Cancel again closes it */
  dln_animation_dialog_cancel (dialog);
  settle (50);
  g_assert_null (dialog);
  gtk_window_destroy (window);
  settle (50);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dln_ui_init ();
  g_test_add_func ("/animation-export/menus", test_menus);
  g_test_add_func ("/animation-export/record-webm", test_record_webm);
  g_test_add_func ("/animation-export/record-gif", test_record_gif);
  g_test_add_func ("/animation-export/cancel", test_cancel);
  return g_test_run ();
}
