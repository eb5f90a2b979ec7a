/* dln_figure_summary: what a screen reader says about a figure, from the
 * data its CSV export writes. */

#include "config.h"

#include "dln-figure-summary.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>

typedef struct
{
  const double *loss;
  size_t        n;
  DlnStatus     status;
} Curve;

/* A loss curve as a figure's CSV writer writes it. */
static DlnStatus
curve_csv (FILE       *out,
           const void *data,
           DlnMessage *msg)
{
  const Curve *c = data;

  if (c->status != DLN_STATUS_OK)
    return c->status;
  fputs ("series,epoch,loss\n", out);
  for (size_t i = 0; i < c->n; i++)
    {
      fprintf (out, "train,%zu,", i);
      dln_csv_write_double (out, c->loss[i]);
      fputc ('\n', out);
    }
  return DLN_STATUS_OK;
}

/* A figure's CSV given as text. */
static DlnStatus
text_csv (FILE       *out,
          const void *data,
          DlnMessage *msg)
{
  fputs (data, out);
  return DLN_STATUS_OK;
}

/* Loss curves, each with what is said about it and why. */
static const double falls[] = { 0.695, 0.5, NAN, 0.02, 0.0123 };
static const double two_stages[] = { 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25,
                                      0.25, 0.25 };
static const double two_decades[] = { 1, 1, 1, 1, 0.01, 0.01, 0.01, 0.01,
                                      1e-4, 1e-4 };

typedef struct
{
  const char   *name;
  const char   *title;
  const double *loss;
  size_t        n;
  const char   *said;
} CurveCase;

static const CurveCase curve_cases[] = {
  /* one series (its name column says nothing), against the increasing
   * epoch; the NaN left out and counted. On a log scale (it spans 56x)
   * the steps are 0.33, 1.6 and 0.48 times the mean speed: no stage is
   * 2.5 times faster, so it simply falls; half of its change (0.683) is
   * made by epoch 3. */
  { "curve", "Training loss", falls, G_N_ELEMENTS (falls),
    "Training loss. loss falls from 0.695 at epoch 0 to "
    "0.0123 at epoch 4, half-way by epoch 3. loss is not finite "
    "at 1 point." },
  /* mean speed -0.75/9; the drops at epochs 2 (-0.5, 6x the mean, 2/3 of
   * the fall) and 5 (-0.25, 3x, 1/3) are stages, said by the value where
   * each starts (no half-way point: the stages say when) */
  { "stages", "Training loss", two_stages, G_N_ELEMENTS (two_stages),
    "Training loss. loss falls in two stages: 1 at epoch 2, "
    "0.5 at epoch 5; it ends at 0.25 at epoch 9." },
  /* over four decades the stages are found on a log scale: each drop is
   * ln 100 = 4.6, half the fall and 4.5 times the mean speed (on a linear
   * scale the second, 0.0099, would be 1 % of it and no stage) */
  { "stages-log", "Loss", two_decades, G_N_ELEMENTS (two_decades),
    "Loss. loss falls in two stages: 1 at epoch 3, "
    "0.01 at epoch 7; it ends at 0.0001 at epoch 9." },
};

static void
test_curve (gconstpointer data)
{
  const CurveCase *k = data;
  Curve c = { k->loss, k->n, DLN_STATUS_OK };
  g_autofree char *s = dln_figure_summary (k->title, curve_csv, &c, 4);

  g_assert_cmpstr (s, ==, k->said);
}

static void
test_groups_extremes (void)
{
  g_autofree char *s =
    dln_figure_summary ("Two series", text_csv,
                        "series,step,value\n"
                        "a,0,1\na,1,3\na,2,2\n"
                        "b,0,5\nb,1,5\n", 4);

  /* a long-format CSV: one sentence per series, named; a's one fast step
   * (0 to 1, 4x its mean) is a single stage, so it rises, with the peak
   * that is not an end */
  g_assert_cmpstr (s, ==,
                   "Two series. a: value rises from 1 at step 0 to 2 at "
                   "step 2, half-way by step 1, highest 3 at step 1. b: "
                   "value stays at 5 from step 0 to step 1.");
}

static void
test_numbered_series (void)
{
  g_autofree char *s =
    dln_figure_summary ("Curves", text_csv,
                        "curve,x,y_value\n0,0,4\n0,1,2\n1,0,1\n1,1,3\n", 4);
  g_autofree char *one =
    dln_figure_summary ("Loss", text_csv,
                        "curve,epoch,loss\n0,0,1\n0,1,0.5\n0,2,0.50001\n", 4);

  /* whole numbers in runs number the series; a name's underscores read
   * as spaces; a lowest value that reads as the last one (0.5) is not
   * said twice, and the single run (2x the mean speed) is no stage */
  g_assert_cmpstr (s, ==,
                   "Curves. curve 0: y value falls from 4 at x 0 to 2 at "
                   "x 1. curve 1: y value rises from 1 at x 0 to 3 at x 1.");
  g_assert_cmpstr (one, ==,
                   "Loss. loss falls from 1 at epoch 0 to 0.5 at epoch 2, "
                   "half-way by epoch 1.");
}

static void
test_blocks_and_tables (void)
{
  g_autofree char *s =
    dln_figure_summary ("Game", text_csv,
                        "epoch,loss\n0,0.4\n1,0.3\n\n"
                        "depth,lr,time\n10,0.005,120\n20,0.005,300\n\n"
                        "a,b\n3,1\n1,1\n", 4);
  g_autofree char *limited =
    dln_figure_summary ("Game", text_csv,
                        "epoch,loss\n0,0.4\n1,0.3\n\n"
                        "depth,lr,time\n10,0.005,120\n20,0.005,300\n", 2);

  /* each block under its own header (a figure may write curves, then
   * points); the second is ordered by depth; a block with no increasing
   * column gives each column's range; four sentences at most */
  g_assert_cmpstr (s, ==,
                   "Game. loss falls from 0.4 at epoch 0 to 0.3 at epoch 1. "
                   "learning rate stays at 0.005 from depth 10 to depth 20. "
                   "time rises from 120 at depth 10 to 300 at depth 20. a "
                   "ranges from 1 to 3 over 2 rows.");
  g_assert_cmpstr (limited, ==,
                   "Game. loss falls from 0.4 at epoch 0 to 0.3 at epoch 1. "
                   "learning rate stays at 0.005 from depth 10 to depth 20.");
}

/* A curve of 900 epochs in three steps, in rows long enough (40 KB in
 * all) that the summary reads the writer's text in several pieces: the
 * numbers handed over (dln_csv_write_double) stay in step with their
 * rows across the pieces. */
static DlnStatus
long_curve_csv (FILE       *out,
                const void *data,
                DlnMessage *msg)
{
  fputs ("series,epoch,loss\n", out);
  for (size_t i = 0; i < 900; i++)
    {
      fprintf (out, "training loss of a network kept for long,%zu,", i);
      dln_csv_write_double (out, i < 300 ? 1 : i < 600 ? 0.5 : 0.25);
      fputc ('\n', out);
    }
  return DLN_STATUS_OK;
}

static void
test_long_curve (void)
{
  g_autofree char *s = dln_figure_summary ("Training loss", long_curve_csv,
                                           "", 4);

  /* the drops after epochs 299 and 599 (each 1 step, 0.5 and 0.25 against
   * a mean of 0.75 / 899 a step) are the stages */
  g_assert_cmpstr (s, ==,
                   "Training loss. loss falls in two stages: 1 at epoch 299, "
                   "0.5 at epoch 599; it ends at 0.25 at epoch 899.");
}

static void
test_no_data (void)
{
  static const double loss[] = { 1 };
  Curve bad = { loss, 1, DLN_STATUS_IO };
  g_autofree char *a = dln_figure_summary ("Card", NULL, NULL, 4);
  g_autofree char *b = dln_figure_summary (NULL, curve_csv, &bad, 4);

  g_assert_cmpstr (a, ==, "Card.");
  g_assert_cmpstr (b, ==, "A figure. Its data cannot be read now.");
}

static void
test_matrices (void)
{
  g_autofree char *rsm =
    dln_figure_summary ("RSM", text_csv,
                        "item,Goldfish,Robin\nGoldfish,1,-0.5\n"
                        "Robin,-0.5,2\n", 4);
  g_autofree char *list =
    dln_figure_summary ("List", text_csv, "item,value\nA,3\nB,1\nC,2\n", 4);
  /* RFC 4180 fields (dln_csv_write_string): commas and "" inside quotes */
  g_autofree char *quoted =
    dln_figure_summary ("Quoted", text_csv,
                        "item,\"score, scaled\"\n"
                        "\"Goldfish, \"\"big\"\"\",3\nRobin,1\n", 4);
  g_autofree char *longform =
    dln_figure_summary ("Maps", text_csv,
                        "matrix,row,col,value\n"
                        "true,0,0,2\ntrue,0,1,1\ntrue,1,0,4\ntrue,1,1,3\n"
                        "est,0,0,2.5\nest,0,1,1\nest,1,0,3.5\nest,1,1,3\n",
                        4);

  /* rows named by the first column: the size and where the extremes are
   * (row name, then column; of the equal lows the first found going down
   * column after column: Robin's Goldfish cell); a long-format matrix's
   * row and col place values (whole, each repeated) and are not said */
  g_assert_cmpstr (rsm, ==,
                   "RSM. 2 rows by 2 columns, from -0.5 at Robin, Goldfish "
                   "to 2 at Robin, Robin.");
  g_assert_cmpstr (list, ==, "List. value ranges from 1 at B to 3 at A.");
  g_assert_cmpstr (quoted, ==,
                   "Quoted. score, scaled ranges from 1 at Robin to 3 at "
                   "Goldfish, \"big\".");
  g_assert_cmpstr (longform, ==,
                   "Maps. true: value ranges from 1 to 4 over 4 rows. est: "
                   "value ranges from 1 to 3.5 over 4 rows.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (size_t k = 0; k < G_N_ELEMENTS (curve_cases); k++)
    {
      g_autofree char *path = g_strdup_printf (
        "/dln/headless/figure-summary/%s", curve_cases[k].name);

      g_test_add_data_func (path, &curve_cases[k], test_curve);
    }
  g_test_add_func ("/dln/headless/figure-summary/groups-extremes",
                   test_groups_extremes);
  g_test_add_func ("/dln/headless/figure-summary/numbered-series",
                   test_numbered_series);
  g_test_add_func ("/dln/headless/figure-summary/matrices", test_matrices);
  g_test_add_func ("/dln/headless/figure-summary/blocks-and-tables",
                   test_blocks_and_tables);
  g_test_add_func ("/dln/headless/figure-summary/long-curve",
                   test_long_curve);
  g_test_add_func ("/dln/headless/figure-summary/no-data", test_no_data);
  return g_test_run ();
}
