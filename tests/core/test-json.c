/* The JSON nesting pre-scan (core/dln-json.h): depth counted outside
 * strings only, the limit exact, the position of the first bracket too
 * deep reported. */

#include "config.h"

#include "dln-json.h"

#include <glib.h>
#include <string.h>

static DlnStatus
scan (const char *text,
      size_t      max_depth,
      DlnMessage *msg)
{
  return dln_json_check_nesting (text, strlen (text), max_depth, msg);
}

static void
test_limit (void)
{
  DlnMessage msg = { 0 };

  g_assert_cmpint (scan ("[[[]]]", 3, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (scan ("[[[[]]]]", 3, &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "line 1, column 4: JSON nested deeper than "
                   "3 levels");
  g_assert_cmpint (msg.column, ==, 4);
  /* objects count as arrays do; siblings do not add up */
  g_assert_cmpint (scan ("{\"a\": {\"b\": [1]}, \"c\": [[2]], \"d\": {}}", 3,
                         &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (scan ("{\"a\": {\"b\": {\"c\": []}}}", 3, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (scan ("", 0, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_json_check_nesting (NULL, 0, 1, NULL), ==,
                   DLN_STATUS_OK);
}

static void
test_strings (void)
{
  DlnMessage msg = { 0 };

  /* brackets inside strings, escaped quotes and backslashes are text */
  g_assert_cmpint (scan ("[\"[[[[{{{{\"]", 1, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (scan ("[\"a\\\"[[[\"]", 1, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (scan ("[\"a\\\\\", [[]]]", 2, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (msg.column, ==, 10);
}

static void
test_lines (void)
{
  DlnMessage msg = { 0 };

  g_assert_cmpint (scan ("[\n [\n  [ [", 3, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "line 3, column 5: JSON nested deeper than "
                   "3 levels");
}

/* What sessions and --init-weights rely on: a document 100,000 levels deep
 * is refused at level DLN_JSON_MAX_DEPTH + 1. */
static void
test_deep (void)
{
  gsize n = 100000;
  g_autofree char *text = g_malloc (2 * n);
  DlnMessage msg = { 0 };

  memset (text, '[', n);
  memset (text + n, ']', n);
  g_assert_cmpint (dln_json_check_nesting (text, 2 * n, DLN_JSON_MAX_DEPTH,
                                           &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (msg.column, ==, DLN_JSON_MAX_DEPTH + 1);
  g_assert_cmpint (dln_json_check_nesting (text + n - DLN_JSON_MAX_DEPTH,
                                           2 * DLN_JSON_MAX_DEPTH,
                                           DLN_JSON_MAX_DEPTH, &msg), ==,
                   DLN_STATUS_OK);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/json/limit", test_limit);
  g_test_add_func ("/dln/core/json/strings", test_strings);
  g_test_add_func ("/dln/core/json/lines", test_lines);
  g_test_add_func ("/dln/core/json/deep", test_deep);
  return g_test_run ();
}
