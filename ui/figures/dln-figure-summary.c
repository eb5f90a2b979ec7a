/* Figure summaries: a figure's key numbers in words, read from what its
 * CSV writer writes (dln-figure-summary.h). (Over 800 lines: the CSV
 * reader and the describers share the private Block of cells the one
 * fills and the others read; split, that structure would need a header
 * of its own for one user.) */

#define _GNU_SOURCE  /* fopencookie */
#include "config.h"

#include "dln-figure-summary.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A drop (or rise) counts as a stage when it moves the curve by at least
 * this share of its whole change, at more than STAGE_SPEED times the
 * curve's mean speed. */
#define STAGE_SHARE 0.1
#define STAGE_SPEED 2.5
/* groups of a long-format CSV (its first column names the series) said */
#define MAX_GROUPS 4

/* The figure's data reaches the summary as its CSV writer writes it: the
 * numbers it hands to dln_csv_write_double () as doubles (never printed
 * and parsed back: a surface writes 90 000 rows), the rest (names,
 * separators, whole numbers it prints itself) as text that is split into
 * cells once. */
typedef enum
{
  CELL_EMPTY = 0,
  CELL_NUMBER,
  CELL_TEXT,
} CellKind;

typedef struct
{
  double      v;     /* CELL_NUMBER */
  const char *text;  /* CELL_TEXT, or the text a number was read from */
  CellKind    kind;
} Cell;

/* One column's cells, as arrays (a curve of 200 000 epochs in rows of 24
 * bytes a cell was the app's largest allocation): the values, the kinds,
 * and the texts only once a cell has a text that its value does not
 * give back (NULL until then). */
typedef struct
{
  GArray *v;     /* double */
  GArray *kind;  /* guint8: CellKind */
  GArray *text;  /* const char *, or NULL */
} Column;

/* One block of a figure's CSV: a header row and the rows under it, up to
 * a blank line (a figure may write several, e.g. curves then points). */
typedef struct
{
  gchar    **names;     /* header cells */
  guint      n_cols;
  Column    *cols;
  guint      n_rows;
  gboolean  *numeric;   /* every non-empty cell of the column is a number */
  int       *group;     /* each row's series (describe_block), or NULL */
  GPtrArray *group_names;
} Block;

typedef struct
{
  GStringChunk *strings;  /* the text of every cell */
  GString      *sentences;
  guint         budget;   /* sentences left */
  Block         block;
  GArray       *row;      /* Cell: the row being read */
  GString      *text;     /* the cell being read */
  gboolean      in_cell;  /* the cell has begun (a "" cell is text) */
  gboolean      quoted, quote;  /* inside "...", a " just seen there */
  gboolean      has_number;
  double        number;   /* handed over directly */
} Reader;

static CellKind
cell_kind (const Block *b,
           guint        r,
           guint        k)
{
  return g_array_index (b->cols[k].kind, guint8, r);
}

/* The cell's value, at an address that stays put (a hash set's key). */
static const double *
cell_value (const Block *b,
            guint        r,
            guint        k)
{
  return &g_array_index (b->cols[k].v, double, r);
}

static gboolean
cell_number (const Block *b,
             guint        r,
             guint        k,
             double      *v)
{
  *v = *cell_value (b, r, k);
  return cell_kind (b, r, k) == CELL_NUMBER;
}

/* A number or a name that a sentence can quote. */
static const char *
cell_text (const Block *b,
           guint        r,
           guint        k,
           char         buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  const Column *c = &b->cols[k];
  const char *text = c->text != NULL ? g_array_index (c->text, const char *, r)
                                     : NULL;

  if (text != NULL)
    return text;
  if (cell_kind (b, r, k) != CELL_NUMBER)
    return "";
  return g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, *cell_value (b, r, k));
}

/* Whether row @r is in the series @group (-1: every row is). */
static gboolean
in_group (const Block *b,
          guint        r,
          int          group)
{
  return group < 0 || b->group[r] == group;
}

static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3g", v);
  g_string_append (s, buf);
}

static char *
number (double v)
{
  GString *s = g_string_new (NULL);

  append_number (s, v);
  return g_string_free (s, FALSE);
}

/* A CSV column's name, or the name of a group of rows, as a sentence says
 * it: the CSV keeps its English names (scripts read them), the description
 * is in the user's language. Data names (features, items, variables)
 * stay as the figure shows them, read aloud ("is_mammal" as "is mammal"). */
static char *
spoken_column (const char *header)
{
  static const struct { const char *csv; const char *spoken; } names[] = {
    { "epoch", NC_("figure data column", "epoch") },
    { "loss", NC_("figure data column", "loss") },
    { "prediction", NC_("figure data column", "prediction") },
    { "primary", NC_("figure data column", "primary") },
    { "primary_theory", NC_("figure data column", "primary theory") },
    { "depth", NC_("figure data column", "depth") },
    { "lr", NC_("figure data column", "learning rate") },
    { "time", NC_("figure data column", "time") },
    { "step", NC_("figure data column", "step") },
    { "start", NC_("figure data column", "start") },
    { "value", NC_("figure data column", "value") },
    { "grad", NC_("figure data column", "gradient") },
    { "local", NC_("figure data column", "local derivative") },
    { "mode", NC_("figure data column", "mode") },
    { "reference", NC_("figure data column", "reference") },
    { "level", NC_("figure data column", "level") },
    { "index", NC_("figure data column", "index") },
    { "curve", NC_("figure data column", "curve") },
    { "deep", NC_("figure data column", "deep") },
    { "zero_depth", NC_("figure data column", "zero depth") },
    { "diff_zero", NC_("figure data column", "difference from zero depth") },
    { "diff_deep", NC_("figure data column", "difference from deep") },
    { "tolerance", NC_("figure data column", "tolerance") },
    { "analytic", NC_("figure data column", "analytic") },
    { "abs_diff", NC_("figure data column", "absolute difference") },
    { "g1", NC_("figure data column", "gradient w1") },
    { "g2", NC_("figure data column", "gradient w2") },
    { "dzdx", NC_("figure data column", "dz/dx") },
    { "dzdy", NC_("figure data column", "dz/dy") },
    { "all_equal", NC_("figure data column", "all equal") },
    { "node", NC_("figure data column", "node") },
    { "parent", NC_("figure data column", "parent") },
    { "from", NC_("figure data column", "from") },
    { "to", NC_("figure data column", "to") },
    { "kind", NC_("figure data column", "kind") },
    { "role", NC_("figure data column", "role") },
    { "label", NC_("figure data column", "label") },
    { "name", NC_("figure data column", "name") },
    { "quantity", NC_("figure data column", "quantity") },
    { "item", NC_("figure data column", "item") },
    { "optimizer", NC_("figure data column", "optimizer") },
    { "op", NC_("figure data column", "operation") },
    { "edge", NC_("figure data column", "edge") },
    { "train", NC_("figure data column", "training data") },
    { "eval", NC_("figure data column", "evaluation") },
    { "true", NC_("figure data column", "true") },
    { "estimate", NC_("figure data column", "estimate") },
    { "arrow", NC_("figure data column", "arrow") },
    { "grid", NC_("figure data column", "grid") },
    { "grid_log_loss", NC_("figure data column", "grid of the log loss") },
    { "path", NC_("figure data column", "path") },
    { "sample", NC_("figure data column", "sample") },
  };
  guint k;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (header, names[i].csv))
      return g_strdup (g_dpgettext2 (NULL, "figure data column",
                                     names[i].spoken));
  if (sscanf (header, "sv%u", &k) == 1)
    return g_strdup_printf (_("singular value %u"), k);
  if (sscanf (header, "theory%u", &k) == 1)
    return g_strdup_printf (_("theory %u"), k);
  if (sscanf (header, "path%u", &k) == 1)
    return g_strdup_printf (_("path %u"), k);
  if (sscanf (header, "traj%u", &k) == 1)
    return g_strdup_printf (_("trajectory %u"), k);
  return g_strdelimit (g_strdup (header), "_", ' ');
}

/* "two" ... "ten", then digits. */
static char *
count_words (guint n)
{
  const char *words[] = {
    N_("zero"), N_("one"), N_("two"), N_("three"), N_("four"), N_("five"),
    N_("six"), N_("seven"), N_("eight"), N_("nine"), N_("ten"),
  };

  if (n < G_N_ELEMENTS (words))
    return g_strdup (_(words[n]));
  return g_strdup_printf ("%u", n);
}

/* "epoch 90": a position on the x column. */
static char *
at_x (const char *x_name,
      double      x)
{
  g_autofree char *n = number (x);

  /* TRANSLATORS: a position on a figure's horizontal axis, e.g. "epoch 90" */
  return g_strdup_printf (_("%s %s"), x_name, n);
}

/* Where the stages of @y (against the increasing @x) start: runs of
 * steps that move it the way it goes overall at more than STAGE_SPEED
 * times its mean speed, each moving it by STAGE_SHARE of its change at
 * least; on a log scale when @use_log. Returns: the start indices. */
static GArray *
find_stages (const double *xv,
             const double *yv,
             guint         n,
             gboolean      use_log)
{
  GArray *stages = g_array_new (FALSE, FALSE, sizeof (guint));
  double total, mean;

#define U(v) (use_log ? log (v) : (v))
#define FAST(i) ((U (yv[(i) + 1]) - U (yv[i])) / (xv[(i) + 1] - xv[i]) / mean \
                 > STAGE_SPEED)
  total = U (yv[n - 1]) - U (yv[0]);
  if (total == 0 || !isfinite (total))
    return stages;
  mean = total / (xv[n - 1] - xv[0]);
  for (guint i = 0; i + 1 < n;)
    {
      guint j;

      if (!FAST (i))
        {
          i++;
          continue;
        }
      /* a run of fast steps the same way: one stage */
      for (j = i + 1; j + 1 < n && FAST (j); j++)
        ;
      if ((U (yv[j]) - U (yv[i])) / total >= STAGE_SHARE)
        g_array_append_val (stages, i);
      i = j;
    }
#undef FAST
#undef U
  return stages;
}

/* The series @y against the increasing @x (finite pairs only): how it
 * moves, in one sentence. Stages are the stretches where it moves much
 * faster than on average (the plateaus and drops of a deep linear
 * network's loss), found on a log scale when it spans decades. */
static void
describe_series (GString    *s,
                 const char *y_name,
                 const char *x_name,
                 GArray     *x,
                 GArray     *y)
{
  guint n = y->len;
  const double *xv = (const double *) x->data;
  const double *yv = (const double *) y->data;
  double first = yv[0], last = yv[n - 1];
  double lo = first, hi = first;
  guint ilo = 0, ihi = 0;
  gboolean use_log = TRUE;
  GArray *stages;
  g_autofree char *a = NULL, *b = NULL, *xa = NULL, *xb = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (yv[i] < lo)
        lo = yv[i], ilo = i;
      if (yv[i] > hi)
        hi = yv[i], ihi = i;
      if (yv[i] <= 0)
        use_log = FALSE;
    }
  g_string_append_c (s, ' ');
  a = number (first);
  xa = at_x (x_name, xv[0]);
  if (n == 1)
    {
      g_string_append_printf (s, _("%s is %s at %s."), y_name, a, xa);
      return;
    }
  b = number (last);
  xb = at_x (x_name, xv[n - 1]);
  if (lo == hi)
    {
      g_string_append_printf (s, _("%s stays at %s from %s to %s."),
                              y_name, a, xa, xb);
      return;
    }

  /* the drops of a loss that falls by a constant share each time show
   * on a linear scale; the drops by decades (0.01 to 0.0001) only on a
   * log one */
  stages = find_stages (xv, yv, n, FALSE);
  if (stages->len < 2 && use_log && hi / lo > 10)
    {
      g_array_free (stages, TRUE);
      stages = find_stages (xv, yv, n, TRUE);
    }

  if (stages->len >= 2)
    {
      g_autofree char *count = count_words (stages->len);

      g_string_append_printf (s, last < first
                              ? _("%s falls in %s stages:")
                              : _("%s rises in %s stages:"),
                              y_name, count);
      for (guint k = 0; k < stages->len; k++)
        {
          guint i = g_array_index (stages, guint, k);
          g_autofree char *v = number (yv[i]);
          g_autofree char *xi = at_x (x_name, xv[i]);

          g_string_append_c (s, ' ');
          /* TRANSLATORS: where a stage starts, "0.695 at epoch 90" */
          g_string_append_printf (s, _("%s at %s"), v, xi);
          g_string_append (s, k + 1 < stages->len ? "," : ";");
        }
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("it ends at %s at %s"), b, xb);
    }
  else if (last < first)
    g_string_append_printf (s, _("%s falls from %s at %s to %s at %s"),
                            y_name, a, xa, b, xb);
  else if (last > first)
    g_string_append_printf (s, _("%s rises from %s at %s to %s at %s"),
                            y_name, a, xa, b, xb);
  else
    g_string_append_printf (s, _("%s starts and ends at %s, from %s to %s"),
                            y_name, a, xa, xb);
  /* how soon: where it has made half its change (a faster η, a learning
   * time, moves it even when the ends stay put) */
  if (stages->len < 2 && last != first && n >= 3)
    {
      guint i = 0;
      g_autofree char *xi = NULL;

      while (i + 1 < n && (yv[i] - first) / (last - first) < 0.5)
        i++;
      xi = at_x (x_name, xv[i]);
      g_string_append_printf (s, _(", half-way by %s"), xi);
    }
  g_array_free (stages, TRUE);

  /* the extremes, when they read differently from the ends */
  if (lo < MIN (first, last))
    {
      g_autofree char *v = number (lo);
      g_autofree char *xi = at_x (x_name, xv[ilo]);

      if (strcmp (v, a) != 0 && strcmp (v, b) != 0)
        g_string_append_printf (s, _(", lowest %s at %s"), v, xi);
    }
  if (hi > MAX (first, last))
    {
      g_autofree char *v = number (hi);
      g_autofree char *xi = at_x (x_name, xv[ihi]);

      if (strcmp (v, a) != 0 && strcmp (v, b) != 0)
        g_string_append_printf (s, _(", highest %s at %s"), v, xi);
    }
  g_string_append_c (s, '.');
}

/* A column with no order to follow (a table, points): its range. */
static void
describe_values (GString    *s,
                 const char *name,
                 GArray     *v)
{
  const double *d = (const double *) v->data;
  double lo = d[0], hi = d[0];
  g_autofree char *a = NULL, *b = NULL;

  for (guint i = 1; i < v->len; i++)
    lo = MIN (lo, d[i]), hi = MAX (hi, d[i]);
  a = number (lo);
  b = number (hi);
  g_string_append_c (s, ' ');
  if (lo == hi)
    g_string_append_printf (s, g_dngettext (NULL, "%s is %s in its %u row.",
                                            "%s is %s in all %u rows.",
                                            v->len),
                            name, a, v->len);
  else
    g_string_append_printf (s, g_dngettext (NULL,
                                            "%s ranges from %s to %s over %u row.",
                                            "%s ranges from %s to %s over %u rows.",
                                            v->len),
                            name, a, b, v->len);
}

/* Whether column @k of a table (rows of @group) places its values rather
 * than holding them: whole numbers, each repeated (a matrix's row and col
 * in long format). */
/* Whether column @k of a table (rows of series @gid) places its values
 * rather than holding them: whole numbers, each repeated (a matrix's row
 * and col in long format). */
static gboolean
coordinate_column (const Block *block,
                   int          gid,
                   guint        k)
{
  GHashTable *distinct = g_hash_table_new (g_double_hash, g_double_equal);
  guint rows = 0;
  gboolean whole = TRUE;

  for (guint r = 0; r < block->n_rows && whole; r++)
    {
      double v;

      if (!in_group (block, r, gid))
        continue;
      if (!cell_number (block, r, k, &v) || v != floor (v))
        whole = FALSE;
      else
        g_hash_table_add (distinct, (gpointer) cell_value (block, r, k));
      rows++;
    }
  whole = whole && 2 * g_hash_table_size (distinct) <= rows;
  g_hash_table_destroy (distinct);
  return whole;
}

/* Sentences about the rows of @block in series @gid (of column @g; or
 * every row: -1, -1), at most *budget of them. */
static void
describe_group (GString     *s,
                const Block *block,
                int          g,
                int          gid,
                guint       *budget)
{
  int xcol = -1;
  GArray *xs = g_array_new (FALSE, FALSE, sizeof (double));

  /* the first numeric column orders the rest when it increases row by
   * row (a later one doing so, e.g. a table's values, is chance) */
  for (guint k = 0; k < block->n_cols; k++)
    {
      double prev = -INFINITY, v;
      gboolean increasing = TRUE;

      if ((int) k == g || !block->numeric[k])
        continue;
      for (guint r = 0; r < block->n_rows && increasing; r++)
        {
          if (!in_group (block, r, gid))
            continue;
          if (!cell_number (block, r, k, &v) || !isfinite (v) || v <= prev)
            increasing = FALSE;
          prev = v;
          g_array_append_val (xs, v);
        }
      if (increasing && xs->len >= 2)
        xcol = (int) k;
      break;
    }

  for (guint k = 0; k < block->n_cols && *budget > 0; k++)
    {
      GArray *x = g_array_new (FALSE, FALSE, sizeof (double));
      GArray *y = g_array_new (FALSE, FALSE, sizeof (double));
      guint missing = 0;
      const char *name = block->names[k];

      if ((int) k == g || (int) k == xcol || !block->numeric[k]
          || (xcol < 0 && coordinate_column (block, gid, k)))
        {
          g_array_free (x, TRUE);
          g_array_free (y, TRUE);
          continue;
        }
      for (guint r = 0; r < block->n_rows; r++)
        {
          double xv = 0, yv;

          if (!in_group (block, r, gid))
            continue;
          if (xcol >= 0 && !cell_number (block, r, (guint) xcol, &xv))
            continue;
          if (!cell_number (block, r, k, &yv))
            continue;
          if (!isfinite (yv))
            {
              missing++;
              continue;
            }
          g_array_append_val (x, xv);
          g_array_append_val (y, yv);
        }
      if (y->len > 0)
        {
          if (xcol >= 0)
            describe_series (s, name, block->names[xcol], x, y);
          else
            describe_values (s, name, y);
          (*budget)--;
        }
      if (missing > 0)
        {
          g_string_append_c (s, ' ');
          g_string_append_printf (s, g_dngettext (NULL,
                                                  "%s is not finite at %u point.",
                                                  "%s is not finite at %u points.",
                                                  missing),
                                  name, missing);
        }
      g_array_free (x, TRUE);
      g_array_free (y, TRUE);
    }
  g_array_free (xs, TRUE);
}

/* A table whose rows are named by its first column (an RSM, a matrix of
 * items): its size and where its lowest and highest values are. */
static void
describe_matrix (GString     *s,
                 const Block *block)
{
  guint cols = 0, lo_r = 0, lo_k = 0, hi_r = 0, hi_k = 0;
  double lo = INFINITY, hi = -INFINITY;
  g_autofree char *a = NULL, *b = NULL, *lo_name = NULL, *hi_name = NULL;

  for (guint k = 1; k < block->n_cols; k++)
    {
      if (!block->numeric[k])
        continue;
      cols++;
      for (guint r = 0; r < block->n_rows; r++)
        {
          double v;

          if (!cell_number (block, r, k, &v) || !isfinite (v))
            continue;
          if (v < lo)
            lo = v, lo_r = r, lo_k = k;
          if (v > hi)
            hi = v, hi_r = r, hi_k = k;
        }
    }
  if (cols == 0 || !isfinite (lo))
    return;
  a = number (lo);
  b = number (hi);
  lo_name = spoken_column (g_ptr_array_index (block->group_names,
                                             block->group[lo_r]));
  hi_name = spoken_column (g_ptr_array_index (block->group_names,
                                             block->group[hi_r]));
  g_string_append_c (s, ' ');
  if (cols == 1)
    g_string_append_printf (s, _("%s ranges from %s at %s to %s at %s."),
                            block->names[lo_k], a, lo_name, b, hi_name);
  else
    /* TRANSLATORS: "8 rows by 8 columns, from -0.5 at Goldfish, Robin to
     * 36.7 at Goldfish, Goldfish." (a row's name, then a column's) */
    g_string_append_printf (s, _("%u rows by %u columns, from %s at %s, %s "
                                 "to %s at %s, %s."),
                            block->n_rows, cols, a, lo_name,
                            block->names[lo_k], b, hi_name,
                            block->names[hi_k]);
}

/* Whether the numeric first column of @block numbers series: whole
 * numbers, each in one run of two rows or more. */
static gboolean
index_column (const Block *block)
{
  guint runs = 0;
  double prev = NAN;
  GHashTable *seen = g_hash_table_new (g_double_hash, g_double_equal);
  gboolean ok = TRUE;

  for (guint r = 0; r < block->n_rows && ok; r++)
    {
      double v;

      if (!cell_number (block, r, 0, &v) || !isfinite (v) || v != floor (v))
        ok = FALSE;
      else if (v != prev)
        {
          /* a value that comes back is not a series number */
          ok = !g_hash_table_contains (seen, &v);
          g_hash_table_add (seen, (gpointer) cell_value (block, r, 0));
          runs++;
          prev = v;
        }
    }
  g_hash_table_destroy (seen);
  return ok && runs > 0 && 2 * runs <= block->n_rows;
}

/* Numbers each row's series by the name in its first column, in order of
 * appearance. */
static void
find_groups (Block        *block,
             GStringChunk *strings)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  block->group = g_new (int, MAX (block->n_rows, 1));
  block->group_names = g_ptr_array_new ();
  for (guint r = 0; r < block->n_rows; r++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      const char *name = cell_text (block, r, 0, buf);
      gpointer id;

      if (!g_hash_table_lookup_extended (ids, name, NULL, &id))
        {
          name = g_string_chunk_insert_const (strings, name);
          id = GINT_TO_POINTER (block->group_names->len);
          g_ptr_array_add (block->group_names, (gpointer) name);
          g_hash_table_insert (ids, (gpointer) name, id);
        }
      block->group[r] = GPOINTER_TO_INT (id);
    }
  g_hash_table_destroy (ids);
}

static void
describe_block (GString      *s,
                Block        *block,
                GStringChunk *strings,
                guint        *budget)
{
  guint n_groups;

  /* a text first column, or one of a few whole numbers in runs, names
   * the series of a long-format CSV */
  if (block->n_cols <= 1 || (block->numeric[0] && !index_column (block)))
    {
      describe_group (s, block, -1, -1, budget);
      return;
    }
  find_groups (block, strings);
  n_groups = block->group_names->len;
  if (n_groups >= 2 && n_groups == block->n_rows)
    {
      describe_matrix (s, block);
      (*budget)--;
      return;
    }
  for (guint i = 0; i < n_groups && i < MAX_GROUPS && *budget > 0; i++)
    {
      g_autofree char *name =
        spoken_column (g_ptr_array_index (block->group_names, i));

      /* one series needs no name; a number says what it numbers */
      if (n_groups > 1 && block->numeric[0])
        g_string_append_printf (s, " %s %s:", block->names[0], name);
      else if (n_groups > 1)
        g_string_append_printf (s, " %s:", name);
      describe_group (s, block, 0, (int) i, budget);
    }
}

static void
block_clear (Block *b)
{
  g_strfreev (b->names);
  for (guint k = 0; b->cols != NULL && k < b->n_cols; k++)
    {
      g_array_unref (b->cols[k].v);
      g_array_unref (b->cols[k].kind);
      if (b->cols[k].text != NULL)
        g_array_unref (b->cols[k].text);
    }
  g_free (b->cols);
  g_free (b->numeric);
  g_free (b->group);
  if (b->group_names != NULL)
    g_ptr_array_unref (b->group_names);
  memset (b, 0, sizeof *b);
}

static void
block_finish (Block *b)
{
  b->numeric = g_new (gboolean, MAX (b->n_cols, 1));
  for (guint k = 0; k < b->n_cols; k++)
    {
      gboolean any = FALSE, all = TRUE;

      for (guint r = 0; r < b->n_rows && all; r++)
        {
          CellKind kind = cell_kind (b, r, k);

          any = any || kind == CELL_NUMBER;
          all = kind != CELL_TEXT;
        }
      b->numeric[k] = any && all;
    }
}

/* --- Reading what the writer writes --- */

/* What a summary being made collects: the writer's text is read as it
 * is written (a stream whose writes go to the reader: a whole CSV held
 * in memory grew with the figure's data), each number it hands over is
 * queued and stands in the text as one NUMBER_MARK byte (CSV text holds
 * no control characters). */
#define NUMBER_MARK '\001'

typedef struct
{
  FILE   *file;
  GArray *numbers;  /* double: handed over, not read yet */
  guint   next;     /* the first of them not read */
  Reader *reader;
} Capture;

static GPrivate current_capture = G_PRIVATE_INIT (NULL);

gboolean
dln_figure_summary_take_double (FILE   *out,
                                double  v)
{
  Capture *cap = g_private_get (&current_capture);

  if (cap == NULL || cap->file != out)
    return FALSE;
  g_array_append_val (cap->numbers, v);
  fputc (NUMBER_MARK, out);
  return TRUE;
}

/* A number as the CSV has it (dln_csv_write_double). */
static void
append_csv_number (GString *s,
                   double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    g_string_append (s, "nan");
  else if (isinf (v))
    g_string_append (s, v > 0 ? "inf" : "-inf");
  else
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

/* A number handed over inside a cell that has text already is text. */
static void
reader_number_to_text (Reader *rd)
{
  if (rd->has_number)
    append_csv_number (rd->text, rd->number);
  rd->has_number = FALSE;
}

/* Whether @v, written as cell_text () writes it, is @text. */
static gboolean
same_text (const char *text,
           double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *t = text + (*text == '-');
  size_t n = strspn (t, "0123456789");

  /* the common case, a whole number (an index, an epoch) */
  if (t[n] == '\0' && n > 0 && n <= 15 && (t[0] != '0' || n == 1)
      && !(n == 1 && t[0] == '0' && t != text))
    return TRUE;
  return strcmp (text, g_ascii_dtostr (buf, sizeof buf, v)) == 0;
}

static void
reader_end_cell (Reader *rd)
{
  Cell c = { 0, NULL, CELL_EMPTY };

  if (rd->has_number)
    {
      c.kind = CELL_NUMBER;
      c.v = rd->number;
    }
  else if (rd->text->len > 0)
    {
      char *end;

      c.v = g_ascii_strtod (rd->text->str, &end);
      c.kind = *end == '\0' ? CELL_NUMBER : CELL_TEXT;
      /* a name is kept once; a number only when its value does not give
       * its text back (cell_text) */
      if (c.kind == CELL_TEXT)
        c.text = g_string_chunk_insert_const (rd->strings, rd->text->str);
      else if (rd->block.names == NULL || !same_text (rd->text->str, c.v))
        c.text = g_string_chunk_insert_len (rd->strings, rd->text->str,
                                            rd->text->len);
    }
  g_array_append_val (rd->row, c);
  g_string_truncate (rd->text, 0);
  rd->has_number = FALSE;
  rd->in_cell = FALSE;
  rd->quoted = rd->quote = FALSE;
}

/* A blank line (or the end) closes a block. */
static void
reader_end_block (Reader *rd)
{
  if (rd->block.names != NULL && rd->budget > 0)
    {
      block_finish (&rd->block);
      describe_block (rd->sentences, &rd->block, rd->strings, &rd->budget);
    }
  block_clear (&rd->block);
}

/* Appends @c to column @k (row b->n_rows). */
static void
block_append (Block      *b,
              guint       k,
              const Cell *c)
{
  Column *col = &b->cols[k];
  guint8 kind = c->kind;

  g_array_append_val (col->v, c->v);
  g_array_append_val (col->kind, kind);
  if (c->text != NULL && col->text == NULL)
    col->text = g_array_sized_new (FALSE, TRUE, sizeof (const char *),
                                   b->n_rows + 1);
  if (col->text != NULL)
    {
      g_array_set_size (col->text, b->n_rows);  /* cleared: no text */
      g_array_append_val (col->text, c->text);
    }
}

static void
reader_end_line (Reader *rd)
{
  Block *b = &rd->block;

  if (rd->row->len == 0 && !rd->in_cell)
    {
      reader_end_block (rd);
      return;
    }
  reader_end_cell (rd);
  if (b->names == NULL)
    {
      /* the header, read aloud in the user's language (spoken_column) */
      b->n_cols = rd->row->len;
      b->names = g_new0 (gchar *, b->n_cols + 1);
      for (guint k = 0; k < b->n_cols; k++)
        {
          const Cell *c = &g_array_index (rd->row, Cell, k);
          GString *name = g_string_new (c->text);

          if (c->text == NULL && c->kind == CELL_NUMBER)
            append_csv_number (name, c->v);
          b->names[k] = spoken_column (name->str);
          g_string_free (name, TRUE);
        }
      b->cols = g_new0 (Column, MAX (b->n_cols, 1));
      for (guint k = 0; k < b->n_cols; k++)
        {
          b->cols[k].v = g_array_new (FALSE, FALSE, sizeof (double));
          b->cols[k].kind = g_array_new (FALSE, FALSE, sizeof (guint8));
        }
    }
  else
    {
      /* cut or padded to the header's cells */
      g_array_set_size (rd->row, b->n_cols);
      for (guint k = 0; k < b->n_cols; k++)
        block_append (b, k, &g_array_index (rd->row, Cell, k));
      b->n_rows++;
    }
  g_array_set_size (rd->row, 0);
}

/* Reads @len bytes of the writer's text, taking the numbers its marks
 * stand for from @cap, and describes each block as it closes. */
static void
reader_feed (Reader     *rd,
             const char *text,
             size_t      len,
             Capture    *cap)
{
  for (size_t i = 0; i < len; i++)
    {
      char ch = text[i];

      if (rd->quoted)
        {
          if (!rd->quote)
            {
              if (ch == '"')
                rd->quote = TRUE;
              else
                g_string_append_c (rd->text, ch);
              continue;
            }
          rd->quote = FALSE;
          if (ch == '"')  /* "" inside quotes */
            {
              g_string_append_c (rd->text, ch);
              continue;
            }
          rd->quoted = FALSE;
        }
      switch (ch)
        {
        case ',':
          reader_end_cell (rd);
          break;
        case '\n':
          reader_end_line (rd);
          break;
        case '\r':
          break;
        case NUMBER_MARK:
          {
            double v;

            if (cap->next >= cap->numbers->len)
              break;
            v = g_array_index (cap->numbers, double, cap->next++);
            if (rd->has_number || rd->text->len > 0)
              {
                reader_number_to_text (rd);
                append_csv_number (rd->text, v);
              }
            else
              {
                rd->has_number = TRUE;
                rd->number = v;
              }
            rd->in_cell = TRUE;
          }
          break;
        case '"':
          if (!rd->in_cell)
            {
              rd->quoted = rd->in_cell = TRUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          reader_number_to_text (rd);
          g_string_append_c (rd->text, ch);
          rd->in_cell = TRUE;
        }
    }
}

/* The end of the text. */
static void
reader_finish (Reader *rd)
{
  if (rd->in_cell || rd->row->len > 0)
    reader_end_line (rd);
  reader_end_block (rd);
}

static ssize_t
capture_write (void       *cookie,
               const char *buf,
               size_t      size)
{
  Capture *cap = cookie;

  reader_feed (cap->reader, buf, size, cap);
  g_array_remove_range (cap->numbers, 0, cap->next);
  cap->next = 0;
  return (ssize_t) size;
}

char *
dln_figure_summary (const char       *title,
                    DlnFigureCsvFunc  csv,
                    const void       *data,
                    guint             max_columns)
{
  GString *s = g_string_new (title != NULL && *title != '\0' ? title
                                                             : _("A figure"));
  DlnMessage msg = { { 0 }, 0 };
  Capture cap = { NULL, NULL, 0, NULL };
  cookie_io_functions_t io = { NULL, capture_write, NULL, NULL };
  DlnStatus status;
  Reader rd = { 0 };

  if (s->str[s->len - 1] != '.')
    g_string_append_c (s, '.');
  if (csv == NULL || data == NULL)
    return g_string_free (s, FALSE);
  cap.file = fopencookie (&cap, "w", io);
  if (cap.file == NULL)
    return g_string_free (s, FALSE);
  rd.strings = g_string_chunk_new (4096);
  /* apart from @s until the end: a failed write keeps only its own
   * sentence */
  rd.sentences = g_string_sized_new (1024);
  rd.budget = max_columns;
  rd.row = g_array_new (FALSE, FALSE, sizeof (Cell));
  rd.text = g_string_new (NULL);
  cap.reader = &rd;
  cap.numbers = g_array_new (FALSE, FALSE, sizeof (double));
  g_private_set (&current_capture, &cap);
  status = csv (cap.file, data, &msg);
  g_private_set (&current_capture, NULL);
  fclose (cap.file);  /* hands the last of the text over */
  reader_finish (&rd);
  block_clear (&rd.block);
  g_string_free (rd.text, TRUE);
  g_array_unref (rd.row);
  g_string_chunk_free (rd.strings);
  g_array_unref (cap.numbers);
  if (status != DLN_STATUS_OK)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, _("Its data cannot be read now."));
    }
  else
    g_string_append_len (s, rd.sentences->str, rd.sentences->len);
  g_string_free (rd.sentences, TRUE);
  return g_string_free (s, FALSE);
}
