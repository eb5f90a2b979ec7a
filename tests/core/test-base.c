/* Tests of the core's base modules: status, arena, rng, tensor, hash. */

#include "dln-core.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static void
test_arena_budget (void)
{
  DlnArena *arena = dln_arena_new (1024);
  void *a, *b, *c;
  size_t mark;

  g_assert_nonnull (arena);
  g_assert_cmpuint (dln_arena_budget (arena), ==, 1024);
  a = dln_arena_alloc (arena, 10);
  b = dln_arena_alloc (arena, 100);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  /* Every block is 64-byte aligned and zeroed. */
  g_assert_cmpuint ((guintptr) a % 64, ==, 0);
  g_assert_cmpuint ((guintptr) b % 64, ==, 0);
  g_assert_cmpint (((unsigned char *) b)[99], ==, 0);
  g_assert_cmpuint (dln_arena_used (arena), ==, 64 + 128);
  /* A request over the budget fails and leaves the arena unchanged. */
  mark = dln_arena_mark (arena);
  g_assert_null (dln_arena_alloc (arena, 1024));
  g_assert_cmpuint (dln_arena_used (arena), ==, mark);
  c = dln_arena_alloc (arena, 64);
  g_assert_nonnull (c);
  dln_arena_rewind (arena, mark);
  g_assert_cmpuint (dln_arena_used (arena), ==, mark);
  dln_arena_reset (arena);
  g_assert_cmpuint (dln_arena_used (arena), ==, 0);
  g_assert_null (dln_arena_alloc (arena, (size_t) -1));
  dln_arena_free (arena);
}

static void
test_rng_reproducible (void)
{
  DlnRng a, b;
  double sum = 0.0, sumsq = 0.0;
  const int n = 200000;

  dln_rng_init (&a, 2021);
  dln_rng_init (&b, 2021);
  for (int i = 0; i < 100; i++)
    g_assert_cmpuint (dln_rng_u64 (&a), ==, dln_rng_u64 (&b));
  dln_rng_init (&b, 2022);
  g_assert_cmpuint (dln_rng_u64 (&a), !=, dln_rng_u64 (&b));

  /* xoshiro256** reference: the authors' C code seeded with s = {1, 2, 3, 4}
   * gives 11520 as its first output (rotl(2 * 5, 7) * 9). */
  a.s[0] = 1; a.s[1] = 2; a.s[2] = 3; a.s[3] = 4;
  g_assert_cmpuint (dln_rng_u64 (&a), ==, 11520);

  /* Moments of N(0,1): standard error of the mean is 1/sqrt(n) = 0.0022,
   * of the variance sqrt(2/n) = 0.0032; 5 sigma bounds. */
  dln_rng_init (&a, 7);
  for (int i = 0; i < n; i++)
    {
      double x = dln_rng_normal (&a, 0.0, 1.0);
      sum += x;
      sumsq += x * x;
    }
  g_assert_cmpfloat (fabs (sum / n), <, 5 * 0.0023);
  g_assert_cmpfloat (fabs (sumsq / n - 1.0), <, 5 * 0.0032);
  for (int i = 0; i < 1000; i++)
    {
      double u = dln_rng_uniform (&a);
      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      g_assert_cmpuint (dln_rng_below (&a, 7), <, 7);
    }
}

static void
test_tensor_basics (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  const double v[6] = { 1, 2, 3, 4, 5, 6 };
  DlnTensor *t = dln_tensor_new_from (arena, 2, 3, v);
  DlnTensor *c;

  g_assert_nonnull (t);
  g_assert_cmpuint (dln_tensor_size (t), ==, 6);
  /* Row-major: element (1, 0) is the fourth value. */
  g_assert_cmpfloat (dln_tensor_get (t, 1, 0), ==, 4.0);
  dln_tensor_set (t, 0, 2, -1.0);
  g_assert_cmpfloat (t->data[2], ==, -1.0);
  c = dln_tensor_copy (arena, t);
  g_assert_true (dln_tensor_same_shape (t, c));
  g_assert_cmpmem (c->data, 6 * sizeof (double), t->data, 6 * sizeof (double));
  dln_tensor_fill (c, 0.5);
  g_assert_cmpfloat (c->data[5], ==, 0.5);
  g_assert_cmpfloat (dln_tensor_new_scalar (arena, 3.0)->data[0], ==, 3.0);
  /* Out of budget: NULL, not a crash. */
  g_assert_null (dln_tensor_new (arena, 1 << 20, 1 << 10));
  dln_arena_free (arena);
}

static void
test_tensor_bad_index (void)
{
  if (g_test_subprocess ())
    {
      DlnArena *arena = dln_arena_new (1024);
      DlnTensor *t = dln_tensor_new (arena, 2, 2);
      dln_tensor_get (t, 2, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*assertion failed: row < t->rows*");
}

static void
test_status_message (void)
{
  DlnMessage msg;

  dln_message_set (&msg, 7, "bad token '%s'\nsecond line", "@");
  g_assert_cmpstr (msg.text, ==, "bad token '@'");
  g_assert_cmpint (msg.column, ==, 7);
  dln_message_set (NULL, 1, "ignored");
  dln_message_clear (&msg);
  g_assert_cmpstr (msg.text, ==, "");
  g_assert_cmpstr (dln_status_name (DLN_STATUS_DIVERGED), ==, "diverged");
}

/* The published FNV-1a 64 test vectors (Fowler, Noll, Vo), and folding in
 * pieces equals one pass. */
static void
test_hash_fnv1a (void)
{
  uint64_t h = dln_hash_fnv1a (DLN_HASH_FNV1A_OFFSET, "foo", 3);

  g_assert_cmphex (dln_hash_fnv1a (DLN_HASH_FNV1A_OFFSET, "", 0), ==,
                   UINT64_C (0xcbf29ce484222325));
  g_assert_cmphex (dln_hash_fnv1a (DLN_HASH_FNV1A_OFFSET, "a", 1), ==,
                   UINT64_C (0xaf63dc4c8601ec8c));
  g_assert_cmphex (dln_hash_fnv1a (DLN_HASH_FNV1A_OFFSET, "foobar", 6), ==,
                   UINT64_C (0x85944171f73967e8));
  g_assert_cmphex (dln_hash_fnv1a (h, "bar", 3), ==,
                   UINT64_C (0x85944171f73967e8));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/arena/budget", test_arena_budget);
  g_test_add_func ("/dln/core/rng/reproducible", test_rng_reproducible);
  g_test_add_func ("/dln/core/tensor/basics", test_tensor_basics);
  g_test_add_func ("/dln/core/tensor/bad-index", test_tensor_bad_index);
  g_test_add_func ("/dln/core/status/message", test_status_message);
  g_test_add_func ("/dln/core/hash/fnv1a", test_hash_fnv1a);
  return g_test_run ();
}
