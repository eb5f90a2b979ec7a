#pragma once

/* Helpers shared by the in-process GUI tests (not part of any product). */

#include <gtk/gtk.h>

#include "dln-window.h"

/* dln_test_ui_init:
 * gtk_test_init (), then libadwaita and dlnlab's UI types, for tests that
 * build pages without the application. */
void dln_test_ui_init      (int         *argc,
                            char      ***argv);

/* dln_test_settle:
 * Runs the main loop for at least @ms milliseconds, then until no DlnRun
 * job is in flight (60 s at most: the machine may be loaded), then one
 * more round for the snapshot a finished job delivers in an idle. Each
 * round is bounded because a playing page always has another frame to
 * draw. */
void dln_test_settle       (guint        ms);

/* DlnTestCapture:
 * A fresh record of what @data holds (free with g_free). */
typedef char *(*DlnTestCapture) (gpointer data);

/* dln_test_capture_settled:
 * Captures @data once its runs have finished: two captures 300 ms apart
 * agree and @ready (nullable) accepts @data; or, when @expected is given,
 * as soon as the capture equals it. A run retrains on a worker thread and
 * its time depends on the build (several times longer under ASan) and on
 * the machine's load, so a fixed wait is not enough. Gives up after 60 s
 * and returns the last capture (the caller's comparison reports it). */
char *dln_test_capture_settled (DlnTestCapture  capture,
                                gboolean      (*ready) (gpointer data),
                                gpointer        data,
                                const char     *expected);

/* dln_test_xdotool:
 * Runs `xdotool ARGS` and asserts that it succeeded. */
void dln_test_xdotool      (const char  *args);

/* dln_test_focus_window:
 * Gives @window the X input focus (no window manager runs under Xvfb). */
void dln_test_focus_window (GtkWidget   *window);

/* dln_test_keys:
 * Presses @keys (xdotool names, e.g. "ctrl+Page_Down") and lets the window
 * handle them. */
void dln_test_keys         (const char  *keys);

/* dln_test_page_new:
 * A page of demo @id in a 1000 x 700 window of its own (@window), shown;
 * the caller holds a reference to the page (dln_test_page_close). */
GtkWidget *dln_test_page_new   (const char  *id,
                                GtkWindow  **window);

/* dln_test_page_close:
 * Destroys @window and asserts that @page, the caller's last reference,
 * is finalized (no reference cycle, no run left holding it). */
void       dln_test_page_close (GtkWidget   *page,
                                GtkWindow   *window);

/* dln_test_window_open:
 * gtk_test_init (), then registers and activates dlnlab's application and
 * returns its window, resized to @width x @height unless @width is 0,
 * after its first frames. */
DlnWindow *dln_test_window_open (int         *argc,
                                 char      ***argv,
                                 int          width,
                                 int          height);

/* dln_test_window_run:
 * Runs the tests added (g_test_run ()), then closes @window and lets the
 * application go; returns g_test_run ()'s status. */
int        dln_test_window_run  (DlnWindow   *window);

/* dln_test_wait_page:
 * Waits for the cross-fade of @window's page stack to end (10 s at most),
 * so what is drawn is the page alone, then settles for @ms. */
void       dln_test_wait_page   (DlnWindow  *window,
                                 guint       ms);

/* dln_test_show_demo:
 * Shows demo @id in @window and waits for its page (dln_test_wait_page). */
void       dln_test_show_demo   (DlnWindow  *window,
                                 const char *id);

/* DlnTestMatch:
 * Whether @w is a widget looked for (@data as the finder was given). */
typedef gboolean (*DlnTestMatch) (GtkWidget     *w,
                                  gconstpointer  data);

/* dln_test_find_widget:
 * The first of @root and its descendants, depth first, that @match
 * accepts, or NULL. */
GtkWidget *dln_test_find_widget     (GtkWidget     *root,
                                     DlnTestMatch   match,
                                     gconstpointer  data);

/* dln_test_collect_widgets:
 * Appends @root and every descendant that @match accepts to @out, depth
 * first. */
void       dln_test_collect_widgets (GtkWidget     *root,
                                     DlnTestMatch   match,
                                     gconstpointer  data,
                                     GPtrArray     *out);

/* dln_test_mapped_widgets:
 * A new array of the mapped widgets of @type among @root and its
 * descendants, depth first (free with g_ptr_array_unref). */
GPtrArray *dln_test_mapped_widgets  (GtkWidget     *root,
                                     GType          type);

/* Matchers; a type is passed as GSIZE_TO_POINTER (G_TYPE_...). "Shown":
 * the widget and all its ancestors are visible (gtk_widget_is_visible). */
gboolean dln_test_is_type             (GtkWidget *w, gconstpointer type);
gboolean dln_test_is_shown_type       (GtkWidget *w, gconstpointer type);
gboolean dln_test_is_mapped_type      (GtkWidget *w, gconstpointer type);
gboolean dln_test_has_css_class       (GtkWidget *w, gconstpointer name);
gboolean dln_test_has_shown_css_class (GtkWidget *w, gconstpointer name);

/* dln_test_render_widget:
 * @w as GTK draws it (its own renderer, the same CSS); free with
 * g_object_unref. */
GdkTexture *dln_test_render_widget (GtkWidget *w);

/* dln_test_save_png:
 * Saves @w as GTK draws it to the PNG file @path. */
void dln_test_save_png (GtkWidget  *w,
                        const char *path);

/* dln_test_use_locale:
 * Sets LC_ALL (and LANGUAGE, from its language part) to @locale, e.g.
 * "es_ES.UTF-8" or "C.UTF-8". A locale the system lacks is compiled with
 * localedef (from Debian's `locales` sources) into @tmpdir, which then
 * becomes LOCPATH; a machine that can do neither fails the test rather
 * than skipping it. */
void dln_test_use_locale (const char *locale,
                          const char *tmpdir);
