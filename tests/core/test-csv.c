/* dln-csv: the dataset CSV reader and writer: accepted forms, every error
 * with its line and column, the limits, random bytes, round trips, every
 * shape from 1 x 1 to 12 x 12, decimal numbers only and UTF-8 names. */

#include "dln-core.h"
#include "dln-csv.h"
#include "dln-test-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static DlnStatus
parse (const char *text,
       DlnDataset **ds,
       DlnMessage  *msg)
{
  *ds = NULL;
  return dln_dataset_parse_csv (text, strlen (text), "t.csv", ds, msg);
}

static void
test_csv_ok (void)
{
  DlnDataset *ds;
  DlnMessage msg;

  g_assert_cmpint (parse ("\xef\xbb\xbf# provenance: a comment line\n"
                          "item, a ,\"b,c\",d\r\n"
                          "\r\n"
                          "# another comment, between rows\n"
                          "x,1,2.5,-3e2\r\n"
                          "\"y \"\"q\"\"\",  0 ,1e-400,4\n"
                          "   \n", &ds, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpuint (ds->n_items, ==, 2);
  g_assert_cmpuint (ds->n_features, ==, 3);
  g_assert_cmpstr (ds->feature_names[0], ==, "a");
  g_assert_cmpstr (ds->feature_names[1], ==, "b,c");
  g_assert_cmpstr (ds->item_names[1], ==, "y \"q\"");
  g_assert_cmpfloat (dln_tensor_get (ds->y, 0, 2), ==, -300.0);
  g_assert_cmpfloat (dln_tensor_get (ds->y, 1, 1), ==, 0.0);  /* underflow */
  g_assert_cmpstr (ds->name, ==, "t.csv");
  g_assert_cmpint (ds->kind, ==, DLN_DATASET_KIND_CSV);
  dln_dataset_free (ds);
}

typedef struct
{
  const char *text;
  const char *prefix;  /* expected message start: file:line:column: */
  const char *reason;  /* a word the reason must contain */
} BadCsv;

static void
test_csv_errors (void)
{
  const BadCsv cases[] = {
    { "", "t.csv:1:1:", "empty" },
    { "  \n\n", "t.csv:1:1:", "empty" },
    { "item\nx\n", "t.csv:1:2:", "no feature" },
    { "item,a,b\n", "t.csv:2:1:", "no item rows" },
    { "item,a,b\nx,1\n", "t.csv:2:3:", "1 values" },
    { "item,a,b\nx,1,2\ny,1,2,3\n", "t.csv:3:4:", "3 values" },
    { "item,a,b\nx,1,two\n", "t.csv:2:3:", "not a number" },
    { "item,a,b\nx,1,2x\n", "t.csv:2:3:", "not a number" },
    { "item,a,b\nx,,2\n", "t.csv:2:2:", "empty value" },
    { "item,a,b\nx,nan,2\n", "t.csv:2:2:", "NaN" },
    { "item,a,b\nx,1,inf\n", "t.csv:2:3:", "infinite" },
    { "item,a,b\nx,1,1e999\n", "t.csv:2:3:", "infinite" },
    { "item,a,a\nx,1,2\n", "t.csv:1:3:", "duplicate feature" },
    { "item,a,b\nx,1,2\n\ny,1,2\nx,3,4\n", "t.csv:5:1:", "duplicate item" },
    { "item,a,\nx,1,2\n", "t.csv:1:3:", "empty feature" },
    { "item,a,b\n,1,2\n", "t.csv:2:1:", "empty item" },
    { "item,\"a\nb\n", "t.csv:1:2:", "unterminated" },
    { "item,\"a\"x,b\n", "t.csv:1:2:", "closing quote" },
    { "item,a\nx,1\0,2\n", "t.csv:2:2:", "NUL byte" },
    { "item,a,b\nx,1,2\ny 1 2\n", "t.csv:3:2:", "0 values" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlnDataset *ds = NULL;
      DlnMessage msg = { 0 };
      size_t len = strlen (cases[i].text);

      if (i == 18)
        len = 16;  /* holds a NUL byte */
      g_assert_cmpint (dln_dataset_parse_csv (cases[i].text, len, "t.csv",
                                              &ds, &msg), ==,
                       DLN_STATUS_INVALID_INPUT);
      g_test_message ("case %zu: %s", i, msg.text);
      g_assert_null (ds);
      if (!g_str_has_prefix (msg.text, cases[i].prefix)
          || strstr (msg.text, cases[i].reason) == NULL)
        g_error ("case %zu: got '%s', want '%s ...%s...'", i, msg.text,
                 cases[i].prefix, cases[i].reason);
      g_assert_cmpint (msg.column, >, 0);
    }
}

static void
test_csv_limits (void)
{
  GString *s = g_string_new ("item");
  DlnDataset *ds = NULL;
  DlnMessage msg;
  char name[100];

  /* A name of 64 bytes is one over the limit. */
  memset (name, 'n', 64);
  name[64] = '\0';
  g_string_append_printf (s, ",%s\nx,1\n", name);
  g_assert_cmpint (parse (s->str, &ds, &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (msg.text, "t.csv:1:2:"));
  g_assert_nonnull (strstr (msg.text, "longer than 63"));
  /* Too many rows: 4097 items. */
  g_string_assign (s, "item,a\n");
  for (int i = 0; i <= DLN_DATASET_MAX_ITEMS; i++)
    g_string_append_printf (s, "i%d,1\n", i);
  g_assert_cmpint (parse (s->str, &ds, &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (msg.text, "t.csv:4098:1:"));
  g_assert_nonnull (strstr (msg.text, "4096"));
  /* A file over the byte limit is refused before parsing. */
  g_assert_cmpint (dln_dataset_parse_csv (s->str, (size_t) DLN_DATASET_MAX_FILE
                                          + 1, "t.csv", &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "larger than"));
  g_string_free (s, TRUE);
}

/* Fuzz: mutate a valid file (byte flips, insertions of CSV punctuation,
 * truncations) and require a clean OK or INVALID_INPUT with a located
 * message every time; under ASan/MALLOC_CHECK_ this catches overreads. */
static void
test_csv_fuzz (void)
{
  const char *good = "item,a,b,\"c,d\"\nx,1,2,3\ny,-1.5,2e3,0\nz,4,5,6\n";
  const char punct[] = { ',', '"', '\n', '\r', ' ', '\0', 'e', '-', '.' };
  DlnRng rng;
  int ok = 0, bad = 0;

  dln_rng_init (&rng, 7);
  for (int it = 0; it < 3000; it++)
    {
      char buf[128];
      size_t len = strlen (good);
      int edits = 1 + (int) dln_rng_below (&rng, 4);
      char *heap;
      DlnDataset *ds = NULL;
      DlnMessage msg = { 0 };
      DlnStatus st;

      memcpy (buf, good, len);
      for (int e = 0; e < edits; e++)
        {
          size_t at;

          if (len == 0)
            break;
          at = dln_rng_below (&rng, len);

          switch (dln_rng_below (&rng, 3))
            {
            case 0:
              buf[at] = punct[dln_rng_below (&rng, sizeof punct)];
              break;
            case 1:
              if (len + 1 < sizeof buf)
                {
                  memmove (buf + at + 1, buf + at, len - at);
                  buf[at] = punct[dln_rng_below (&rng, sizeof punct)];
                  len++;
                }
              break;
            default:
              len = at;
              break;
            }
        }
      /* Exact-size heap copy so any read past the end is caught. */
      heap = g_memdup2 (buf, len > 0 ? len : 1);
      st = dln_dataset_parse_csv (heap, len, "f.csv", &ds, &msg);
      g_free (heap);
      if (st == DLN_STATUS_OK)
        {
          ok++;
          g_assert_cmpuint (ds->n_items, >=, 1);
          dln_dataset_free (ds);
        }
      else
        {
          bad++;
          g_assert_cmpint (st, ==, DLN_STATUS_INVALID_INPUT);
          g_assert_true (g_str_has_prefix (msg.text, "f.csv:"));
        }
    }
  g_test_message ("fuzz: %d parsed, %d rejected", ok, bad);
  g_assert_cmpint (ok, >, 0);
  g_assert_cmpint (bad, >, 0);
}

static void
test_csv_roundtrip (void)
{
  DlnDataset *ds = dln_test_tree (3, 0.5, 40), *back = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dln-dataset-XXXXXX", NULL);
  DlnMessage msg;
  const double odd[8] = { 0.1, 1.0 / 3.0, -2e-300, 5, 6, 7, 8, 1e300 };

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "tree.csv", NULL);
  g_assert_cmpint (dln_dataset_rename_item (ds, 2, "Robin, the \"red\"",
                                            &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_append_feature (ds, "odd values", odd, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_save_csv (ds, path, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_load_csv (path, &back, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (back->n_items, ==, 8);
  g_assert_cmpuint (back->n_features, ==, 41);
  g_assert_cmpmem (back->y->data, 8 * 41 * sizeof (double), ds->y->data,
                   8 * 41 * sizeof (double));
  for (size_t i = 0; i < 8; i++)
    g_assert_cmpstr (back->item_names[i], ==, ds->item_names[i]);
  g_assert_cmpstr (back->feature_names[40], ==, "odd values");
  g_assert_cmpstr (back->name, ==, "tree.csv");
  dln_dataset_free (back);
  /* dln_dataset_open: built-in names first, then files. */
  g_assert_cmpint (dln_dataset_open (path, 0, &back, &msg), ==, DLN_STATUS_OK);
  dln_dataset_free (back);
  g_assert_cmpint (dln_dataset_load_csv ("/nonexistent/x.csv", &back, &msg),
                   ==, DLN_STATUS_IO);
  g_assert_true (g_str_has_prefix (msg.text, "/nonexistent/x.csv: cannot open"));
  g_assert_cmpint (dln_dataset_new_builtin ("forest", 1, &back, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "tree-shark"));
  g_assert_cmpint (dln_dataset_save_csv (ds, "/nonexistent/y.csv", &msg), ==,
                   DLN_STATUS_IO);
  g_remove (path);
  g_rmdir (dir);
  dln_dataset_free (ds);
}

/* The shipped files (data/datasets) load and equal their references. */
static void
test_shipped_files (void)
{
  const char *root = g_getenv ("DLN_SOURCE_ROOT");
  g_autofree char *table = NULL, *toy = NULL;
  DlnDataset *file = NULL, *builtin = NULL;
  DlnMessage msg;

  g_assert_nonnull (root);
  table = g_build_filename (root, "data", "datasets", "tree-table.csv", NULL);
  toy = g_build_filename (root, "data", "datasets", "p19-toy.csv", NULL);
  g_assert_cmpint (dln_dataset_load_csv (table, &file, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_new_tree_table (&builtin, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (file->n_items, ==, 8);
  g_assert_cmpuint (file->n_features, ==, 10);
  g_assert_cmpmem (file->y->data, 80 * sizeof (double), builtin->y->data,
                   80 * sizeof (double));
  for (size_t i = 0; i < 8; i++)
    g_assert_cmpstr (file->item_names[i], ==, builtin->item_names[i]);
  for (size_t j = 0; j < 10; j++)
    g_assert_cmpstr (file->feature_names[j], ==, builtin->feature_names[j]);
  dln_dataset_free (file);
  dln_dataset_free (builtin);

  g_assert_cmpint (dln_dataset_load_csv (toy, &file, &msg), ==, DLN_STATUS_OK);
  {
    DlnArena *arena = dln_arena_new (1 << 20);
    DlnTensor *u, *s, *vt;

    g_assert_cmpint (dln_linalg_svd (file->y, arena, &u, &s, &vt, &msg), ==,
                     DLN_STATUS_OK);
    g_assert_cmpfloat_with_epsilon (s->data[0], sqrt (7.0), 1e-12);
    g_assert_cmpfloat_with_epsilon (s->data[1], sqrt (3.0), 1e-12);
    g_assert_cmpfloat_with_epsilon (s->data[2], 1.0, 1e-12);
    g_assert_cmpfloat_with_epsilon (s->data[3], 1.0, 1e-12);
    dln_arena_free (arena);
  }
  dln_dataset_free (file);
}

/* Every shape from 1 x 1 to 12 x 12 loads with its values: items =
 * features + 1 (11 of the 144) were once refused as "out of memory" (the
 * item-name check was compared with the feature count). */
static void
test_all_shapes (void)
{
  for (int p = 1; p <= 12; p++)
    for (int f = 1; f <= 12; f++)
      {
        g_autoptr (GString) text = g_string_new ("item");
        DlnDataset *ds = NULL;
        DlnMessage msg = { 0 };

        for (int j = 0; j < f; j++)
          g_string_append_printf (text, ",f%d", j + 1);
        g_string_append_c (text, '\n');
        for (int i = 0; i < p; i++)
          {
            g_string_append_printf (text, "i%d", i + 1);
            for (int j = 0; j < f; j++)
              g_string_append_printf (text, ",%d.5", i * f + j);
            g_string_append_c (text, '\n');
          }
        if (parse (text->str, &ds, &msg) != DLN_STATUS_OK)
          g_error ("%d x %d: %s", p, f, msg.text);
        g_assert_cmpuint (ds->n_items, ==, (guint) p);
        g_assert_cmpuint (ds->n_features, ==, (guint) f);
        g_assert_cmpfloat (ds->y->data[p * f - 1], ==, p * f - 1 + 0.5);
        g_assert_cmpint (atoi (ds->item_names[p - 1] + 1), ==, p);
        g_assert_cmpint (atoi (ds->feature_names[f - 1] + 1), ==, f);
        dln_dataset_free (ds);
      }
}

/* Decimal numbers only: what strtod also reads (hex, inf, nan, infinity,
 * hex floats) is refused with the line and column. */
static void
test_decimal_only (void)
{
  static const struct
  {
    const char *value;
    const char *expect;  /* NULL: accepted */
    double      v;
  } cases[] = {
    { "0x10", "'0x10' is not a number (decimal", 0 },
    { "0X1p3", "'0X1p3' is not a number (decimal", 0 },
    { "inf", "'inf' is infinite", 0 },
    { "-Infinity", "'-Infinity' is infinite", 0 },
    { "nan", "NaN is not allowed", 0 },
    { "+NAN", "NaN is not allowed", 0 },
    { "1e", "'1e' is not a number (decimal", 0 },
    { ".", "'.' is not a number (decimal", 0 },
    { "1.5.2", "'1.5.2' is not a number (decimal", 0 },
    { "1e999", "'1e999' is infinite or out of range", 0 },
    { "12", NULL, 12 },
    { "-0.25", NULL, -0.25 },
    { "+.5", NULL, 0.5 },
    { "3.", NULL, 3 },
    { "1E-2", NULL, 0.01 },
    { "-2e+3", NULL, -2000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("item,a\nx,%s\n",
                                               cases[i].value);
      DlnDataset *ds = NULL;
      DlnMessage msg = { 0 };
      DlnStatus st = parse (text, &ds, &msg);

      if (cases[i].expect == NULL)
        {
          if (st != DLN_STATUS_OK)
            g_error ("'%s' refused: %s", cases[i].value, msg.text);
          g_assert_cmpfloat (ds->y->data[0], ==, cases[i].v);
          dln_dataset_free (ds);
          continue;
        }
      g_assert_cmpint (st, ==, DLN_STATUS_INVALID_INPUT);
      g_assert_null (ds);
      if (!g_str_has_prefix (msg.text, "t.csv:2:2: ")
          || strstr (msg.text, cases[i].expect) == NULL)
        g_error ("'%s': expected t.csv:2:2: ... %s, got: %s", cases[i].value,
                 cases[i].expect, msg.text);
    }
}

/* Names must be UTF-8: a Latin-1 é, an overlong '/', a surrogate, a
 * truncated sequence and a byte above U+10FFFF are refused at their line
 * and column; real UTF-8 (é, ‖W‖, an emoji) is accepted. */
static void
test_utf8_names (void)
{
  static const struct
  {
    const char *csv;
    const char *where;  /* NULL: accepted */
  } cases[] = {
    { "item,caf\xe9\nx,1\n", "t.csv:1:2: feature name is not valid UTF-8 "
                              "(byte 4)" },
    { "item,a\nx\xc0\xaf,1\n", "t.csv:2:1: item name is not valid UTF-8 "
                              "(byte 2)" },
    { "item,a\n\xed\xa0\x80,1\n", "t.csv:2:1: item name is not valid "
                                 "UTF-8 (byte 1)" },
    { "item,a\nab\xe2\x80,1\n", "t.csv:2:1: item name is not valid UTF-8 "
                              "(byte 3)" },
    { "item,a\n\xf4\x90\x80\x80,1\n", "t.csv:2:1: item name is not "
                                      "valid UTF-8 (byte 1)" },
    { "item,a\n\xff,1\n", "t.csv:2:1: item name is not valid UTF-8 "
                           "(byte 1)" },
    { "item,caf\xc3\xa9,\xe2\x80\x96W\xe2\x80\x96\n"
      "\xf0\x9f\x90\x9f,1,2\n", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlnDataset *ds = NULL;
      DlnMessage msg = { 0 };
      DlnStatus st = parse (cases[i].csv, &ds, &msg);

      if (cases[i].where == NULL)
        {
          g_assert_cmpint (st, ==, DLN_STATUS_OK);
          g_assert_true (g_utf8_validate (ds->item_names[0], -1, NULL));
          g_assert_cmpstr (ds->feature_names[1], ==, "\xe2\x80\x96W"
                           "\xe2\x80\x96");
          dln_dataset_free (ds);
          continue;
        }
      g_assert_cmpint (st, ==, DLN_STATUS_INVALID_INPUT);
      if (!g_str_has_prefix (msg.text, cases[i].where))
        g_error ("case %" G_GSIZE_FORMAT ": expected %s, got: %s", i,
                 cases[i].where, msg.text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/csv/ok", test_csv_ok);
  g_test_add_func ("/dln/core/csv/errors", test_csv_errors);
  g_test_add_func ("/dln/core/csv/limits", test_csv_limits);
  g_test_add_func ("/dln/core/csv/fuzz", test_csv_fuzz);
  g_test_add_func ("/dln/core/csv/roundtrip", test_csv_roundtrip);
  g_test_add_func ("/dln/core/csv/shipped-files", test_shipped_files);
  g_test_add_func ("/dln/core/csv/all-shapes", test_all_shapes);
  g_test_add_func ("/dln/core/csv/decimal-only", test_decimal_only);
  g_test_add_func ("/dln/core/csv/utf8-names", test_utf8_names);
  return g_test_run ();
}
