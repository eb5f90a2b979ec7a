#pragma once

/* Helpers shared by the in-process GUI tests (not part of any product). */

#include <gtk/gtk.h>

/* dln_test_settle:
 * Runs the main loop for at least @ms milliseconds and, within 20 s, until
 * no DlnRun job is in flight. The inner loop is bounded because a playing
 * page always has another frame to draw. */
void dln_test_settle       (guint       ms);

/* dln_test_xdotool:
 * Runs `xdotool ARGS` and asserts that it succeeded. */
void dln_test_xdotool      (const char *args);

/* dln_test_focus_window:
 * Gives @window the X input focus (no window manager runs under Xvfb). */
void dln_test_focus_window (GtkWidget  *window);

/* dln_test_keys:
 * Presses @keys (xdotool names, e.g. "ctrl+Page_Down") and lets the window
 * handle them. */
void dln_test_keys         (const char *keys);

/* dln_test_use_locale:
 * Sets LC_ALL (and LANGUAGE, from its language part) to @locale, e.g.
 * "es_ES.UTF-8" or "C.UTF-8". A locale the system lacks is compiled with
 * localedef (from Debian's `locales` sources) into @tmpdir, which then
 * becomes LOCPATH; a machine that can do neither fails the test rather
 * than skipping it. */
void dln_test_use_locale   (const char *locale,
                            const char *tmpdir);
