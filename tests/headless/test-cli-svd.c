/* dlnlab-cli svd: output formats against hand-derived values
 * (docs/theory.md#representations toy: s_eff = sqrt7, sqrt3, 1, 1),
 * reconstruction of the data from the printed factors, and the error contract
 * (exit 2, file:line:column). */

#include "config.h"

#include "dln-test-util.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Printed with 17 significant digits, so values round-trip; products of
 * factors reconstruct to a few ulps. */
#define CLI_TOL 1e-12

static char *
fixture (const char *name)
{
  const char *root = g_getenv ("DLN_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "tests", "data", name, NULL);
}

static void
test_csv_toy (void)
{
  g_autofree char *path = fixture ("svd-toy.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  const double want[4] = { sqrt (7.0), sqrt (3.0), 1.0, 1.0 };
  double s[4] = { 0 }, s_eff[4] = { 0 }, u[7][4] = { { 0 } }, v[4][4] = { { 0 } };
  int n_rows = 0;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", path,
                                     NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "quantity,mode,index,name,value");
  for (int i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      int mode, index;
      double value;

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      mode = atoi (f[1]) - 1;
      index = f[2][0] != '\0' ? atoi (f[2]) - 1 : -1;
      value = g_ascii_strtod (f[4], NULL);
      g_assert_true (mode >= 0 && mode < 4);
      if (strcmp (f[0], "s") == 0)
        s[mode] = value;
      else if (strcmp (f[0], "s_eff") == 0)
        s_eff[mode] = value;
      else if (strcmp (f[0], "u") == 0)
        u[index][mode] = value;
      else if (strcmp (f[0], "v") == 0)
        v[index][mode] = value;
      else
        g_error ("unexpected row '%s'", lines[i]);
      n_rows++;
    }
  g_assert_cmpint (n_rows, ==, 4 + 4 + 28 + 16);
  g_assert_nonnull (strstr (out, "\nv,2,1,Canary,"));
  g_assert_nonnull (strstr (out, "\nu,1,7,Petals,"));
  for (int k = 0; k < 4; k++)
    {
      g_assert_cmpfloat_with_epsilon (s_eff[k], want[k], CLI_TOL);
      g_assert_cmpfloat_with_epsilon (s[k], want[k] / 4.0, CLI_TOL);
    }
  /* Sign convention: mode 2 is positive on the animals (Canary, Salmon). */
  g_assert_cmpfloat_with_epsilon (v[0][1], 0.5, CLI_TOL);
  g_assert_cmpfloat_with_epsilon (v[2][1], -0.5, CLI_TOL);
  /* U S_eff Vᵀ = Yᵀ (one-hot items). */
  for (int f = 0; f < 7; f++)
    for (int i = 0; i < 4; i++)
      {
        double sum = 0.0;

        for (int k = 0; k < 4; k++)
          sum += u[f][k] * s_eff[k] * v[i][k];
        g_assert_cmpfloat_with_epsilon (sum, dln_test_toy_y[i][f], CLI_TOL);
      }
}

static double
json_number (JsonArray *a,
             guint      i)
{
  return json_array_get_double_element (a, i);
}

static void
test_json_toy (void)
{
  g_autofree char *path = fixture ("svd-toy.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *o;
  JsonArray *s_eff, *u, *v, *items;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", path,
                                     "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "dataset"), ==,
                   "svd-toy.csv");
  g_assert_cmpint (json_object_get_int_member (o, "n_items"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "n_features"), ==, 7);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "c"), 0.25,
                                  1e-15);
  items = json_object_get_array_member (o, "items");
  g_assert_cmpstr (json_array_get_string_element (items, 1), ==, "Salmon");
  s_eff = json_object_get_array_member (o, "s_eff");
  g_assert_cmpfloat_with_epsilon (json_number (s_eff, 0), sqrt (7.0), CLI_TOL);
  g_assert_cmpfloat_with_epsilon (json_number (s_eff, 1), sqrt (3.0), CLI_TOL);
  u = json_object_get_array_member (o, "U");
  v = json_object_get_array_member (o, "V");
  g_assert_cmpuint (json_array_get_length (u), ==, 7);
  g_assert_cmpuint (json_array_get_length (v), ==, 4);
  for (guint f = 0; f < 7; f++)
    for (guint i = 0; i < 4; i++)
      {
        JsonArray *uf = json_array_get_array_element (u, f);
        JsonArray *vi = json_array_get_array_element (v, i);
        double sum = 0.0;

        for (guint k = 0; k < 4; k++)
          sum += json_number (uf, k) * json_number (s_eff, k)
                 * json_number (vi, k);
        g_assert_cmpfloat_with_epsilon (sum, dln_test_toy_y[i][f], CLI_TOL);
      }
}

/* The course's tree: 8 modes near 100 sqrt (lambda) of the table of
 * docs/demos.md#tree-generator (156.23, 122.46, 100.49 x2, 71.41 x4), within
 * the sampling spread (4 sigma of sqrt (N lambda_hat), as in test-dataset.c),
 * and the same numbers for the same seed. */
static void
test_tree (void)
{
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *out3 = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const double want[8] = { 156.23, 122.46, 100.49, 100.49, 71.41, 71.41,
                           71.41, 71.41 };
  JsonArray *s_eff, *s;
  JsonObject *o;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", "tree",
                                     "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "seed"), ==, 2021);
  g_assert_cmpint (json_object_get_int_member (o, "n_features"), ==, 10000);
  s_eff = json_object_get_array_member (o, "s_eff");
  s = json_object_get_array_member (o, "singular_values");
  for (guint k = 0; k < 8; k++)
    {
      double lambda = want[k] * want[k] / 1e4;
      double tol = 4.0 * 100.0 * lambda * sqrt (2.0 / 1e4) / (2 * sqrt (lambda));

      /* The degenerate groups spread further than one eigenvalue's sd:
       * allow the group's width on top. */
      g_assert_cmpfloat_with_epsilon (json_number (s_eff, k), want[k], 2 * tol);
      g_assert_cmpfloat_with_epsilon (json_number (s, k) * 8.0,
                                      json_number (s_eff, k), 1e-12 * want[k]);
    }
  out2 = dln_test_cli_stdout ("svd", "--dataset", "tree", "--json", "--seed",
                              "2021", NULL);
  g_assert_cmpstr (out, ==, out2);
  out3 = dln_test_cli_stdout ("svd", "--dataset", "tree", "--json", "--seed",
                              "7", NULL);
  g_assert_cmpstr (out, !=, out3);
}

static void
test_shark (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset",
                                     "tree-shark", NULL), ==, 0);
  g_assert_nonnull (strstr (out, ",10001,has_bones,"));
  g_assert_nonnull (strstr (out, "\nv,1,1,Shark,"));
}

typedef struct
{
  const char *file;
  const char *where;  /* file:line:column */
  const char *reason;
} BadFile;

static void
test_bad_files (void)
{
  const BadFile cases[] = {
    { "bad-ragged.csv", "bad-ragged.csv:5:4:", "3 values" },
    { "bad-nonnumber.csv", "bad-nonnumber.csv:4:3:", "'yes' is not a number" },
    { "bad-duplicate.csv", "bad-duplicate.csv:5:1:", "duplicate item name 'x'" },
    { "bad-nan.csv", "bad-nan.csv:4:2:", "NaN" },
    { "bad-empty.csv", "bad-empty.csv:1:1:", "empty file" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture (cases[i].file);
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", path,
                                         NULL), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
      g_assert_nonnull (strstr (err, cases[i].where));
      g_assert_nonnull (strstr (err, cases[i].reason));
    }
}

/* Names that are not UTF-8 are refused with file:line:column, hex is not
 * a number, and a file name that is not UTF-8 still gives valid JSON
 * (it is the dataset's name). */
static void
test_encoding (void)
{
  g_autofree char *latin1 = dln_test_write_file ("latin1.csv",
                                                 "item,caf\xe9\nx,1\ny,2\n");
  g_autofree char *hex = dln_test_write_file ("hex.csv",
                                              "item,a\nx,0x10\ny,2\n");
  g_autofree char *odd = dln_test_write_file ("caf\xe9.csv",
                                              "item,a,b\nx,1,0\ny,0,2\n");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", latin1,
                                     "--json", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "latin1.csv:1:2: feature name is not valid "
                            "UTF-8"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", hex,
                                     NULL), ==, 2);
  g_assert_nonnull (strstr (err, "hex.csv:2:2: '0x10' is not a number"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "svd", "--dataset", odd,
                                     "--json", NULL), ==, 0);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_node_get_object (json_parser_get_root (parser)),
                     "dataset"), ==, "caf\xef\xbf\xbd.csv");
}

static void
test_bad_arguments (void)
{
  const char *const cases[][5] = {
    { "svd", NULL },
    { "svd", "--dataset", NULL },
    { "svd", "--dataset", "forest", NULL },
    { "svd", "--dataset", "/nonexistent/file.csv", NULL },
    { "svd", "--dataset", "tree", "--bogus", NULL },
    { "svd", "--dataset", "tree", "--seed", "-1" },
  };
  const char *const reasons[] = {
    "missing --dataset", "needs a value", "unknown dataset 'forest'",
    "cannot open", "unknown option '--bogus'", "--seed needs an integer from 0",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *args[6] = { 0 };

      for (int j = 0; j < 5 && cases[i][j] != NULL; j++)
        args[j] = cases[i][j];
      g_assert_cmpint (dln_test_run_cliv (&out, &err, args), ==, 2);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, reasons[i]) == NULL)
        g_error ("case %zu: '%s' lacks '%s'", i, err, reasons[i]);
    }
}

static void
test_help (void)
{
  g_autofree char *help = dln_test_cli_help ("svd");

  g_assert_nonnull (strstr (help, "s_eff"));
}

/* The help's example rows are the tree's own output: each "  ROW,d.ddd..."
 * line's digits begin the value the CLI prints in that row. */
static void
test_help_example (void)
{
  g_autofree char *help = dln_test_cli_help ("svd"), *out = NULL;
  g_auto (GStrv) lines = NULL;
  int n_rows = 0;

  out = dln_test_cli_stdout ("svd", "--dataset", "tree", NULL);
  lines = g_strsplit (help, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      const char *dots = strstr (lines[i], "...");
      const char *line = lines[i] + 2;
      g_autofree char *row = NULL;

      if (dots == NULL || !g_str_has_prefix (lines[i], "  ")
          || strchr ("suv", line[0]) == NULL || strchr (line, ',') == NULL)
        continue;
      /* "s,1,,,19.51" must start a line of the output */
      row = g_strdup_printf ("\n%.*s", (int) (dots - line), line);
      g_test_message ("help example: %s", row + 1);
      g_assert_nonnull (strstr (out, row));
      n_rows++;
    }
  g_assert_cmpint (n_rows, ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/svd/encoding", test_encoding);
  g_test_add_func ("/dln/headless/cli/svd/csv-toy", test_csv_toy);
  g_test_add_func ("/dln/headless/cli/svd/json-toy", test_json_toy);
  g_test_add_func ("/dln/headless/cli/svd/tree", test_tree);
  g_test_add_func ("/dln/headless/cli/svd/shark", test_shark);
  g_test_add_func ("/dln/headless/cli/svd/bad-files", test_bad_files);
  g_test_add_func ("/dln/headless/cli/svd/bad-arguments", test_bad_arguments);
  g_test_add_func ("/dln/headless/cli/svd/help", test_help);
  g_test_add_func ("/dln/headless/cli/svd/help-example", test_help_example);
  return g_test_run ();
}
