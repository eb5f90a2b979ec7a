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
#include "dln-test-gui.h"
#include "dln-test-video.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <string.h>

/* A page of @demo in a window of its own, after its first run. */
static GtkWidget *
open_page (const char  *demo,
           GtkWindow  **window)
{
  GtkWidget *page = dln_test_page_new (demo, window);

  dln_test_settle (400);
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
      dln_test_page_close (page, window);
    }
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
  dln_test_page_close (page, window);
}

static void
test_record_webm (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-anim-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dynamics.webm", NULL);
  int w = 0, h = 0;

  record ("dynamics", path);
  g_assert_cmpint (dln_test_decode_video (path, &w, &h, 0, NULL), ==, 10);
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
  g_auto (GStrv) lines = NULL;

  record ("computational-graph", path);
  lines = dln_test_identify (path, "%w %h\\n");
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
  g_autofree char *path = NULL;

  if (g_getenv ("DLN_TEST_SHOTS") == NULL)
    return;
  path = g_build_filename (g_getenv ("DLN_TEST_SHOTS"), name, NULL);
  dln_test_save_png (w, path);
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
  dln_test_settle (200);
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
  dln_test_settle (100);
  save_shot (GTK_WIDGET (dialog), "animation-dialog-cancelled.png");
  /* Cancel again closes it */
  dln_animation_dialog_cancel (dialog);
  dln_test_settle (50);
  g_assert_null (dialog);
  dln_test_page_close (page, window);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  dln_test_ui_init (&argc, &argv);
  g_test_add_func ("/animation-export/menus", test_menus);
  g_test_add_func ("/animation-export/record-webm", test_record_webm);
  g_test_add_func ("/animation-export/record-gif", test_record_gif);
  g_test_add_func ("/animation-export/cancel", test_cancel);
  return g_test_run ();
}
