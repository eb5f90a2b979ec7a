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

static void
test_curve (void)
{
  static const double loss[] = { 0.695, 0.5, NAN, 0.02, 0.0123 };
  Curve c = { loss, G_N_ELEMENTS (loss), DLN_STATUS_OK };
  g_autofree char *s = dln_figure_summary ("Training loss", curve_csv, &c, 4);

  /* the title, the rows, each numeric column from first to last with its
   * range; text columns and NaN cells left out */
  g_assert_cmpstr (s, ==,
                   "Training loss. 5 data rows. epoch: 0 rising to 4 "
                   "(lowest 0, highest 4); loss: 0.695 falling to 0.0123 "
                   "(lowest 0.0123, highest 0.695).");
}

static void
test_columns_limited (void)
{
  static const double loss[] = { 1, 1 };
  Curve c = { loss, 2, DLN_STATUS_OK };
  g_autofree char *s = dln_figure_summary ("Flat", curve_csv, &c, 1);

  g_assert_cmpstr (s, ==, "Flat. 2 data rows. epoch: 0 rising to 1 "
                          "(lowest 0, highest 1).");
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figure-summary/curve", test_curve);
  g_test_add_func ("/dln/headless/figure-summary/columns-limited",
                   test_columns_limited);
  g_test_add_func ("/dln/headless/figure-summary/no-data", test_no_data);
  return g_test_run ();
}
