/* Benchmark: forward + backward of the course's f(x, y, z) =
 * tanh(ln(1 + z*2*x/sin(y))) per evaluation, through the autograd graph
 * (what the GUI re-evaluates on every slider movement) and through the
 * flat tape, against PyTorch float64 on CPU run in the same command
 * (bench-autograd-torch.py, kept running and asked for one timed run
 * after each of ours, so both see the same load on a shared machine).
 * Prints the median times and the median of the per-run ratios; target
 * (docs/architecture.md#performance-targets): PyTorch / ours >= 100.
 *
 * Usage: bench-autograd PATH/TO/bench-autograd-torch.py
 * No unit test asserts a time (docs/architecture.md#tests). */

#include "dln-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPEATS     7        /* medians over this many timed runs */
#define EVALS_OURS  200000   /* evaluations per run: ~10-100 ms each */
#define EVALS_TORCH 3000     /* PyTorch takes ~50-100 µs per evaluation */

/* Keeps the optimizer from dropping the loops' results. */
static volatile double sink;

int
main (int    argc,
      char **argv)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnExpr *expr;
  DlnGraph *g;
  DlnTape *tape;
  DlnMessage msg;
  const char *xyz[] = { "x", "y", "z" };
  double t_graph[REPEATS], t_tape[REPEATS], t_torch[REPEATS];
  double r_graph[REPEATS], r_tape[REPEATS];
  double med_graph, med_tape, med_torch;
  int ix, iy, iz, out, py_in, py_out;
  char *argv_py[4], evals_s[16], line[256];
  FILE *to_py, *from_py;
  GPid pid;
  GError *error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s PATH/TO/bench-autograd-torch.py\n", argv[0]);
      return 2;
    }
  if (dln_expr_parse (DLN_TEST_COURSE_F, arena, &expr, &msg) != DLN_STATUS_OK
      || dln_expr_to_graph (expr, arena, &g, &msg) != DLN_STATUS_OK
      || dln_tape_new (expr, xyz, 3, arena, &tape, &msg) != DLN_STATUS_OK)
    {
      fprintf (stderr, "bench-autograd: %s\n", msg.text);
      return 1;
    }
  snprintf (evals_s, sizeof evals_s, "%d", EVALS_TORCH);
  argv_py[0] = (char *) "/usr/bin/python3";
  argv_py[1] = argv[1];
  argv_py[2] = evals_s;
  argv_py[3] = NULL;
  if (!g_spawn_async_with_pipes (NULL, argv_py, NULL, G_SPAWN_DEFAULT, NULL,
                                 NULL, &pid, &py_in, &py_out, NULL, &error))
    {
      fprintf (stderr, "bench-autograd: cannot run the PyTorch baseline: %s\n",
               error->message);
      return 1;
    }
  to_py = fdopen (py_in, "w");
  from_py = fdopen (py_out, "r");
  if (fgets (line, sizeof line, from_py) == NULL
      || strcmp (line, "ready\n") != 0)
    {
      fprintf (stderr, "bench-autograd: the PyTorch baseline failed to start "
               "(needs python3-torch; its stderr is above)\n");
      return 1;
    }

  ix = dln_graph_find (g, "x");
  iy = dln_graph_find (g, "y");
  iz = dln_graph_find (g, "z");
  out = dln_graph_output (g);

  for (int r = 0; r < REPEATS; r++)
    {
      gint64 t0, t1;
      double acc = 0.0, p[3] = { 1, 2, 3 }, grad[3];

      /* Graph: new input values, forward, zero_grad, backward, as the GUI
       * does per slider movement. The values change a little each time so
       * nothing can be hoisted out of the loop. */
      t0 = g_get_monotonic_time ();
      for (int i = 0; i < EVALS_OURS; i++)
        {
          dln_graph_set_scalar (g, ix, 1.0 + 1e-9 * (i & 7));
          dln_graph_set_scalar (g, iy, 2.0);
          dln_graph_set_scalar (g, iz, 3.0);
          dln_graph_forward (g);
          dln_graph_zero_grad (g);
          dln_graph_backward (g, out);
          acc += dln_graph_node (g, ix)->grad->data[0];
        }
      t1 = g_get_monotonic_time ();
      t_graph[r] = (double) (t1 - t0) * 1e3 / EVALS_OURS;

      t0 = g_get_monotonic_time ();
      for (int i = 0; i < EVALS_OURS; i++)
        {
          p[0] = 1.0 + 1e-9 * (i & 7);
          acc += dln_tape_grad (tape, p, grad, NULL) + grad[0];
        }
      t1 = g_get_monotonic_time ();
      t_tape[r] = (double) (t1 - t0) * 1e3 / EVALS_OURS;
      sink = acc;

      /* One PyTorch run right after ours. */
      fputs ("go\n", to_py);
      fflush (to_py);
      if (fgets (line, sizeof line, from_py) == NULL)
        {
          fprintf (stderr, "bench-autograd: the PyTorch baseline stopped\n");
          return 1;
        }
      t_torch[r] = g_ascii_strtod (line, NULL);
      r_graph[r] = t_torch[r] / t_graph[r];
      r_tape[r] = t_torch[r] / t_tape[r];
    }
  fclose (to_py);
  fclose (from_py);
  g_spawn_close_pid (pid);

  /* Sanity: the numbers being timed are docs/theory.md#autograd's. */
  dln_graph_set_scalar (g, ix, 1.0);
  dln_graph_forward (g);
  dln_graph_zero_grad (g);
  dln_graph_backward (g, out);
  if (fabs (dln_graph_node (g, out)->value->data[0] - 0.965950038567272) > 1e-14
      || fabs (dln_graph_node (g, ix)->grad->data[0] - 0.0581308218679247) > 1e-14)
    {
      fprintf (stderr, "bench-autograd: wrong numbers\n");
      return 1;
    }

  med_graph = dln_test_median (t_graph, REPEATS);
  med_tape = dln_test_median (t_tape, REPEATS);
  med_torch = dln_test_median (t_torch, REPEATS);
  printf ("course f(x,y,z) forward+backward, per evaluation (median of %d runs)\n",
          REPEATS);
  printf ("  dlnlab graph  %10.1f ns\n", med_graph);
  printf ("  dlnlab tape   %10.1f ns\n", med_tape);
  printf ("  PyTorch       %10.1f ns   (float64, CPU, 1 thread)\n", med_torch);
  printf ("median ratio PyTorch/graph: %.0fx   PyTorch/tape: %.0fx   "
          "(target >= 100x)\n", dln_test_median (r_graph, REPEATS),
          dln_test_median (r_tape, REPEATS));
  dln_arena_free (arena);
  return 0;
}
