/* The window in Spanish (po/es.po), in process under Xvfb: the app starts
 * under es_ES.UTF-8, shows every page, and no label, button, drop-down,
 * entry hint or tooltip of the window, nor any text of a page's figures,
 * is left in English. Two checks:
 *   - a text equal to an English msgid of po/es.po whose Spanish differs
 *     was not translated (a string marked but shown raw);
 *   - a text with an English-only word ("the", "of", "loss", ...) was
 *     never marked at all (so it is in no catalogue).
 * The figures are read back from their PDF export (pdftotext). No label is
 * ellipsized at 1024 x 700 in Spanish either, which is longer than English.
 *
 * The locale: es_ES.UTF-8 from the system (locales-all), else compiled
 * from Debian's `locales` sources into a temporary LOCPATH with localedef;
 * a machine with neither fails the test rather than skipping it. The
 * catalogue: the build tree's po/ (DLN_BUILD_ROOT), bound here, by the
 * test; the app itself reads only its installed LOCALEDIR (or, in a
 * development build, the build tree). */

#include "config.h"

#include "dln-arena.h"
#include "dln-demos.h"
#include "dln-expr.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-run.h"
#include "dln-test-gui.h"
#include "dln-window.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

static DlnWindow  *window;
static GHashTable *msgids;   /* English text (mnemonics removed) -> Spanish */
static char       *tmpdir;

/* Texts that read the same in Spanish, and data names that stay as the
 * course gives them. */
static const char *const same_in_spanish[] = {
  "dlnlab", "RSA", "RSM", "SVD", "MSE", "GD", "Adam", "AdaGrad", "RMSProp",
  "Momentum", "Nesterov", "autograd", "Rosenbrock", "Himmelblau", "Beale",
  "General", "2-D", "3-D", NULL,
};

/* Words that exist in English and not in Spanish: any of them in a shown
 * text means a string nobody marked for translation. */
static const char *const english_words[] = {
  "the", "of", "and", "with", "is", "are", "to", "from", "this", "that",
  "for", "by", "at", "on", "into", "its", "it", "or", "not", "each",
  "step", "steps", "training", "train", "trained", "loss", "epoch",
  "epochs", "weight", "weights", "learning", "rate", "depth", "press",
  "click", "show", "hide", "value", "values", "hidden", "width", "seed",
  "data", "mean", "squared", "gradient", "gradients", "network",
  "prediction", "theory", "similarity", "modes", "items",
  "features", "start", "end", "diverged", "export", "session", "open",
  "save", "reset", "speed", "function", "expression", "range", "scale",
  "initial", "layer", "samples", "slope", "noise", "new", "use", "your",
  "constant", "intermediate", "operation", "input", "output", "parameter",
  "parameters", "leaf", "node", "all", "yes", "equal", "living", "things",
  "what", "which", "where", "when", "how", "why", NULL,
};

/* @text without mnemonic underscores ("__" stays one "_"). */
static char *
strip_mnemonics (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (s, *p++);
      else if (*p != '_')
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* One quoted PO string ("..."), C escapes resolved, appended to @out. */
static void
append_po_string (GString    *out,
                  const char *line)
{
  const char *p = strchr (line, '"');
  g_autofree char *inner = NULL;
  g_autofree char *unescaped = NULL;
  const char *end;

  if (p == NULL)
    return;
  end = strrchr (line, '"');
  if (end <= p)
    return;
  inner = g_strndup (p + 1, (gsize) (end - p - 1));
  unescaped = g_strcompress (inner);
  g_string_append (out, unescaped);
}

/* Reads the msgid -> msgstr pairs of @path (no plural or context forms:
 * neither is a label's whole text). */
static void
load_catalogue (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) id = g_string_new (NULL);
  g_autoptr(GString) str = g_string_new (NULL);
  GString *cur = NULL;
  gboolean plural = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *l = lines[i];

      if (l == NULL || g_str_has_prefix (l, "msgid ") || l[0] == '#'
          || l[0] == '\0')
        {
          if (id->len > 0 && str->len > 0 && !plural)
            g_hash_table_insert (msgids, strip_mnemonics (id->str),
                                 strip_mnemonics (str->str));
          if (l == NULL)
            break;
          if (!g_str_has_prefix (l, "msgid "))
            {
              cur = NULL;
              continue;
            }
          g_string_truncate (id, 0);
          g_string_truncate (str, 0);
          plural = FALSE;
          cur = id;
          append_po_string (cur, l);
        }
      else if (g_str_has_prefix (l, "msgid_plural"))
        {
          plural = TRUE;
          cur = NULL;
        }
      else if (g_str_has_prefix (l, "msgstr "))
        {
          cur = str;
          append_po_string (cur, l);
        }
      else if (l[0] == '"' && cur != NULL)
        append_po_string (cur, l);
      else
        cur = NULL;
    }
}

static gboolean
is_same_in_spanish (const char *text)
{
  return g_strv_contains (same_in_spanish, text);
}

/* The first English-only word of @text, or NULL. */
static char *
english_word (const char *text)
{
  /* whole words, letters of any script: "atún" holds no "at" */
  g_autoptr(GRegex) words = g_regex_new ("\\p{L}+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (words, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *w = g_match_info_fetch (match, 0);
      g_autofree char *lower = g_ascii_strdown (w, -1);
      gint s, e;

      g_match_info_fetch_pos (match, 0, &s, &e);
      /* part of an identifier (gen_samples, is_mammal) or a function
       * called (mean(...)) is code or data */
      if (!((s > 0 && text[s - 1] == '_') || text[e] == '_' || text[e] == '(')
          && g_strv_contains (english_words, lower))
        return g_steal_pointer (&w);
      g_match_info_next (match, NULL);
    }
  return NULL;
}

/* Checks one shown text; appends what is wrong to @report. */
static void
check_text (const char *where,
            const char *raw,
            gboolean    words,
            GString    *report)
{
  g_autofree char *text = NULL;
  const char *spanish;
  g_autofree char *word = NULL;

  if (raw == NULL)
    return;
  text = g_strstrip (g_strdup (raw));
  if (text[0] == '\0' || is_same_in_spanish (text))
    return;
  spanish = g_hash_table_lookup (msgids, text);
  if (spanish != NULL && !g_str_equal (spanish, text))
    {
      g_string_append_printf (report, "  %s: untranslated \"%s\"\n", where,
                              text);
      return;
    }
  if (words && (word = english_word (text)) != NULL)
    g_string_append_printf (report, "  %s: English word \"%s\" in \"%s\"\n",
                            where, word, text);
}

/* Every mapped widget under @root: its text (labels, entry hints) and its
 * tooltip. */
static void
check_widgets (GtkWidget  *root,
               const char *where,
               GString    *report,
               guint      *n_checked)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c))
        continue;
      /* status read-outs included: their numbers and typed names carry
       * no English word, their own words are the app's */
      if (GTK_IS_LABEL (c))
        {
          check_text (where, gtk_label_get_text (GTK_LABEL (c)), TRUE,
                      report);
          ++*n_checked;
        }
      if (GTK_IS_TEXT (c))
        check_text (where, gtk_text_get_placeholder_text (GTK_TEXT (c)),
                    TRUE, report);
      /* tooltips often hold key names only (Ctrl+Shift+N): checked
       * against the catalogue, not for words */
      check_text (where, gtk_widget_get_tooltip_text (c), FALSE, report);
      check_widgets (c, where, report, n_checked);
    }
}

/* Each figure of the page, exported to PDF and read back as text: its
 * title, axis labels, legends and annotations. */
static void
check_figures (const char *id,
               GString    *report,
               guint      *n_figures)
{
  g_autoptr(GPtrArray) views =
    dln_test_mapped_widgets (dln_window_get_page (window),
                             DLN_TYPE_FIGURE_VIEW);

  for (guint k = 0; k < views->len; k++)
    {
      DlnFigureView *view = views->pdata[k];
      g_autofree char *pdf = g_strdup_printf ("%s/%s-%u.pdf", tmpdir, id, k);
      g_autofree char *cmd = NULL;
      g_autofree char *out = NULL;
      g_autofree char *where = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) lines = NULL;
      int status = 0;

      if (!dln_figure_view_write (view, pdf, &error))
        continue;  /* nothing drawn yet (a page that waits for input) */
      cmd = g_strdup_printf ("pdftotext -layout %s -", pdf);
      g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status,
                                                &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      where = g_strdup_printf ("%s figure %s", id,
                               dln_figure_view_get_name (view));
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        check_text (where, lines[i], TRUE, report);
      /* what a screen reader says of it: the summary's sentences and the
       * names of its columns, in Spanish too; data names the figure
       * shows as identifiers ("is_mammal") are read as they are, with
       * spaces ("is mammal") */
      {
        g_autofree char *said = g_strdup_printf ("%s description", where);
        g_autofree char *text = g_strdup (dln_figure_view_get_description (view));
        g_autoptr(GRegex) ident = g_regex_new ("\\w+_\\w+", 0, 0, NULL);
        g_autoptr(GMatchInfo) match = NULL;

        g_regex_match (ident, out, 0, &match);
        for (; text != NULL && g_match_info_matches (match);
             g_match_info_next (match, NULL))
          {
            g_autofree char *name = g_match_info_fetch (match, 0);
            g_autofree char *spoken = g_strdelimit (g_strdup (name), "_", ' ');
            g_auto(GStrv) parts = g_strsplit (text, spoken, -1);

            g_free (text);
            text = g_strjoinv ("·", parts);
          }
        check_text (said, text, TRUE, report);
      }
      ++*n_figures;
    }
}

/* Fails the test case with @report, one TAP comment per line. */
static void
fail_with_report (const char *what,
                  GString    *report)
{
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (report->len == 0)
    return;
  lines = g_strsplit (report->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_test_message ("%s", lines[i]);
        n += lines[i][2] != ' ';
      }
  g_test_fail_printf ("%s: %u texts (listed above)", what, n);
}

/* The catalogue is the one under test, and the locale is Spanish. */
static void
test_catalogue_loaded (void)
{
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "es_ES.UTF-8");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Learning Rate"), ==,
                   "Tasa de aprendizaje");
  g_assert_cmpuint (g_hash_table_size (msgids), >, 400);
}

/* The engine's messages (core/, plain C with libintl) reach the window in
 * Spanish; under LC_MESSAGES=C, as dlnlab-cli runs, the same call gives
 * the English text. */
static void
test_core_messages (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnExpr *expr = NULL;
  DlnMessage msg = { 0 };

  g_assert_cmpint (dln_expr_parse ("x +", arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "final de la entrada inesperado: se esperaba "
                   "un número, una variable, una función o '('");
  g_assert_cmpint (dln_expr_parse ("sin(x, y)", arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "sin toma 1 argumento y recibió 2");

  setlocale (LC_MESSAGES, "C");
  g_assert_cmpint (dln_expr_parse ("x +", arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "unexpected end of input: expected a "
                   "number, variable, function or '('");
  g_assert_nonnull (setlocale (LC_MESSAGES, ""));
  dln_arena_free (arena);
}

static void
test_every_page_spanish (void)
{
  guint n, n_checked = 0, n_figures = 0;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) report = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  dln_test_settle (200);
  for (guint i = 0; i < n; i++)
    {
      dln_test_show_demo (window, demos[i].id);
      check_widgets (GTK_WIDGET (window), demos[i].id, report, &n_checked);
      check_figures (demos[i].id, report, &n_figures);
    }
  g_test_message ("%u texts and %u figures checked on %u pages", n_checked,
                  n_figures, n);
  g_assert_cmpuint (n_figures, >=, n);
  fail_with_report ("English left in the Spanish window", report);
}

static void
report_ellipsized (GtkWidget  *root,
                   const char *where,
                   GString    *report)
{
  g_autoptr(GPtrArray) labels = dln_test_mapped_widgets (root,
                                                         GTK_TYPE_LABEL);

  for (guint k = 0; k < labels->len; k++)
    {
      GtkLabel *l = labels->pdata[k];

      if (pango_layout_is_ellipsized (gtk_label_get_layout (l)))
        g_string_append_printf (report, "  %s: \"%s\"\n", where,
                                gtk_label_get_text (l));
    }
}

/* Spanish runs longer than English: no label is cut short at 1024 x 700
 * or at 1280 x 800 (the window's own no-truncated-labels test, in this
 * language). */
static void
test_no_truncated_labels_spanish (void)
{
  static const int sizes[][2] = { { 1024, 700 }, { 1280, 800 } };
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) report = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0],
                                   sizes[s][1]);
      dln_test_settle (300);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *where = g_strdup_printf ("%s at %d x %d",
                                                    demos[i].id, sizes[s][0],
                                                    sizes[s][1]);

          dln_test_show_demo (window, demos[i].id);
          report_ellipsized (GTK_WIDGET (window), where, report);
        }
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  dln_test_settle (200);
  fail_with_report ("labels cut short in Spanish", report);
}

/* Spanish writes 0,7: numbers the app prints and reads back for itself
 * must not depend on that. Each slider row keeps a value set on it (a
 * step snapped through "%g" in this locale read 0,9 as 0), and the eight
 * curves of the initialisation page start from eight different weights. */
static void
test_decimal_comma (void)
{
  static const char *const pages[] = { "depth", "learning-rate",
                                       "depth-lr-game", "playground" };
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = 0;

  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      dln_test_show_demo (window, pages[i]);
      dln_test_collect_widgets (dln_window_get_page (window), dln_test_is_type,
                                GSIZE_TO_POINTER (DLN_TYPE_PARAM_ROW), rows);
      for (guint k = 0; k < rows->len; k++)
        {
          DlnParamRow *row = rows->pdata[k];
          double lo = dln_param_row_get_lower (row);
          double hi = dln_param_row_get_upper (row);
          double step = dln_param_row_get_step (row);
          double v;

          /* a value in the middle of the range, on the row's grid */
          v = step > 0 ? step * round (0.5 * (lo + hi) / step) : 0.5 * (lo + hi);
          if (step > 0)
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              v = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.12g", v), NULL);
            }
          if (dln_param_row_get_integer (row))
            v = round (v);
          dln_param_row_set_value (row, v);
          dln_test_settle (50);
          if (fabs (dln_param_row_get_value (row) - v) > 1e-12 * fmax (1, fabs (v)))
            g_error ("%s: row \"%s\" set to %.17g holds %.17g", pages[i],
                     dln_param_row_get_label (row), v,
                     dln_param_row_get_value (row));
          n_rows++;
        }
    }
  g_assert_cmpuint (n_rows, >=, 4);

  dln_test_show_demo (window, "initialisation");
  dln_test_collect_widgets (dln_window_get_page (window), dln_test_is_type,
                            GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON), toggles);
  g_assert_cmpuint (toggles->len, ==, 8);
  for (guint k = 0; k < toggles->len; k++)
    g_hash_table_add (labels, (gpointer) gtk_check_button_get_label (toggles->pdata[k]));
  if (g_hash_table_size (labels) != toggles->len)
    g_error ("the initialisation curves share initial weights: \"%s\" ... \"%s\"",
             gtk_check_button_get_label (toggles->pdata[0]),
             gtk_check_button_get_label (toggles->pdata[toggles->len - 1]));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *po_dir = NULL;
  g_autofree char *es_po = NULL;
  const char *build_root = g_getenv ("DLN_BUILD_ROOT");
  const char *source_root = g_getenv ("DLN_SOURCE_ROOT");
  int status;

  g_assert_nonnull (build_root);
  g_assert_nonnull (source_root);
  tmpdir = g_dir_make_tmp ("dlnlab-locale-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  dln_test_use_locale ("es_ES.UTF-8", tmpdir);
  po_dir = g_build_filename (build_root, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  msgids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  es_po = g_build_filename (source_root, "po", "es.po", NULL);
  load_catalogue (es_po);

  window = dln_test_window_open (&argc, &argv, 1280, 800);

  g_test_add_func ("/dln/gui/locale/catalogue-loaded", test_catalogue_loaded);
  g_test_add_func ("/dln/gui/locale/core-messages", test_core_messages);
  g_test_add_func ("/dln/gui/locale/every-page-spanish",
                   test_every_page_spanish);
  g_test_add_func ("/dln/gui/locale/decimal-comma", test_decimal_comma);
  g_test_add_func ("/dln/gui/locale/no-truncated-labels",
                   test_no_truncated_labels_spanish);
  status = dln_test_window_run (window);
  g_hash_table_unref (msgids);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf %s", tmpdir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmpdir);
  return status;
}
