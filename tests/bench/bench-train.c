/* Benchmark: the course's Tutorial 3 run (docs/demos.md, D14–D17) — tree
 * data (P = 8 one-hot items, 10,000 features, seed 2021, plus D17's
 * has_bones column), LNNet 8-30-10001, lr 100, init scale 1e-12, 250
 * epochs, recording loss, singular values, mode strengths, the hidden RSM
 * and the shark/has_bones output at every epoch.
 *
 * Timed: initialisation (all 300k normal draws), the trainer's set-up (QR
 * of T, projections, QR of the rest of W_2) and the 250 epochs; the data
 * are drawn once outside the timer (the GUI keeps them while sliders
 * move). Prints the median over repeats of the reduced path, the direct
 * path, and, when /usr/bin/python3 has torch, the same run in PyTorch
 * float64 (bench-train-torch.py) and the ratio.
 *
 * OpenBLAS runs single-threaded here (as the torch baseline does): on this
 * shared 2-core machine its spinning worker threads only add noise at
 * these sizes (threaded medians ranged 11-32 ms, single 10-14 ms).
 * --threads keeps OpenBLAS's default.
 *
 * Usage: bench-train [REPEATS] [--no-torch] [--no-direct] [--threads] */

#include "dln-core.h"
#include "dln-test-util.h"

#include <cblas.h>  /* OpenBLAS's: openblas_set_num_threads () */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EPOCHS 250

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

/* One full run; returns its time in ms and the final loss. */
static double
one_run (const DlnDataset *ds,
         DlnTrainPath      path,
         double           *final_loss,
         double           *init_ms,
         double           *setup_ms)
{
  DlnArena *arena;
  DlnModel *m;
  DlnRng rng;
  DlnTrainParams params;
  DlnTrainer *t;
  DlnMessage msg;
  double t0, ti, t1, t2;

  t0 = now_ms ();
  arena = dln_arena_new ((size_t) 8 * (8 * 30 + 30 * ds->n_features) * 2
                         + (1 << 16));
  m = dln_model_new (arena, 2, ds->n_inputs, 30, ds->n_features);
  dln_rng_init (&rng, 2021);
  dln_model_init_normal (m, 1e-12, &rng);
  ti = now_ms ();
  dln_train_params_init (&params);
  params.path = path;
  params.n_track = 1;
  params.track_item[0] = (size_t) ds->tracked_item;
  params.track_feature[0] = (size_t) ds->tracked_feature;
  if (dln_trainer_new (m, ds->x, ds->y, &params, EPOCHS, &t, &msg) != 0)
    {
      fprintf (stderr, "bench-train: %s\n", msg.text);
      exit (1);
    }
  t1 = now_ms ();
  if (dln_trainer_run (t, EPOCHS) != DLN_STATUS_OK)
    {
      fprintf (stderr, "bench-train: %s\n",
               dln_trainer_get_message (t)->text);
      exit (1);
    }
  t2 = now_ms ();
  *final_loss = dln_trainer_get_record (t)->loss[EPOCHS];
  if (setup_ms != NULL)
    *setup_ms = t1 - ti;
  if (init_ms != NULL)
    *init_ms = ti - t0;
  dln_trainer_free (t);
  dln_arena_free (arena);
  return t2 - t0;
}

/* The GUI's slider case: one trainer, retrained with dln_trainer_reset ();
 * @redraw also redraws the initial weights (the init-scale slider). */
static double
retrain_ms (const DlnDataset *ds,
            size_t            repeats,
            gboolean          redraw)
{
  DlnArena *arena;
  DlnModel *m;
  DlnRng rng;
  DlnTrainParams params;
  DlnTrainer *t;
  double *times = g_new (double, repeats), med;

  arena = dln_arena_new ((size_t) 8 * (8 * 30 + 30 * ds->n_features) * 2
                         + (1 << 16));
  m = dln_model_new (arena, 2, ds->n_inputs, 30, ds->n_features);
  dln_rng_init (&rng, 2021);
  dln_model_init_normal (m, 1e-12, &rng);
  dln_train_params_init (&params);
  params.n_track = 1;
  params.track_item[0] = (size_t) ds->tracked_item;
  params.track_feature[0] = (size_t) ds->tracked_feature;
  if (dln_trainer_new (m, ds->x, ds->y, &params, EPOCHS, &t, NULL) != 0)
    exit (1);
  for (size_t i = 0; i < repeats; i++)
    {
      double t0 = now_ms ();

      if (redraw)
        {
          dln_rng_init (&rng, 2021);
          dln_model_init_normal (m, 1e-12, &rng);
        }
      if (dln_trainer_reset (t, m, &params, NULL) != 0
          || dln_trainer_run (t, EPOCHS) != 0)
        exit (1);
      times[i] = now_ms () - t0;
    }
  med = dln_test_median (times, repeats);
  dln_trainer_free (t);
  dln_arena_free (arena);
  g_free (times);
  return med;
}

int
main (int    argc,
      char **argv)
{
  size_t repeats = 21;
  gboolean torch = TRUE, direct = TRUE, threads = FALSE;
  DlnDataset *ds;
  DlnMessage msg;
  double *times, *setups, *inits, t_init, loss_r = 0, loss_d = 0, t_red, t_dir, t_setup;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--no-torch") == 0)
      torch = FALSE;
    else if (strcmp (argv[i], "--no-direct") == 0)
      direct = FALSE;
    else if (strcmp (argv[i], "--threads") == 0)
      threads = TRUE;
    else
      repeats = (size_t) MAX (1, atoi (argv[i]));
  if (!threads)
    openblas_set_num_threads (1);
  if (dln_dataset_new_builtin ("tree-shark", 2021, &ds, &msg) != 0)
    {
      fprintf (stderr, "bench-train: %s\n", msg.text);
      return 1;
    }
  times = g_new (double, repeats);
  setups = g_new (double, repeats);
  inits = g_new (double, repeats);
  for (size_t i = 0; i < repeats; i++)
    times[i] = one_run (ds, DLN_TRAIN_PATH_REDUCED, &loss_r, &inits[i],
                        &setups[i]);
  t_red = dln_test_median (times, repeats);
  t_setup = dln_test_median (setups, repeats);
  t_init = dln_test_median (inits, repeats);
  for (size_t i = 0; i < 3 && direct; i++)
    times[i] = one_run (ds, DLN_TRAIN_PATH_DIRECT, &loss_d, NULL,
                                  NULL);
  t_dir = direct ? dln_test_median (times, 3) : NAN;
  printf ("tutorial-3 run (8-30-%zu, %d epochs, all recordings):\n",
          ds->n_features, EPOCHS);
  printf ("  reduced path: %.2f ms median of %zu (of which: init %.2f ms, "
          "trainer set-up %.2f ms), final loss %.6g\n", t_red, repeats,
          t_init, t_setup, loss_r);
  printf ("  retrain (dln_trainer_reset + 250 epochs): %.2f ms median; "
          "with the weights redrawn: %.2f ms\n",
          retrain_ms (ds, repeats, FALSE), retrain_ms (ds, repeats, TRUE));
  printf ("  direct path:  %.1f ms median of 3, final loss %.6g\n", t_dir,
          loss_d);
  printf ("  direct / reduced: %.0fx\n", t_dir / t_red);

  if (torch)
    {
      const char *src = g_getenv ("DLN_SOURCE_ROOT");
      g_autofree char *script = g_build_filename (src ? src : ".", "tests",
                                                  "bench",
                                                  "bench-train-torch.py",
                                                  NULL);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *cmd = g_strdup_printf ("/usr/bin/python3 %s", script);
      int wait = 0;
      double torch_ms;

      if (!g_spawn_command_line_sync (cmd, &out, &err, &wait, NULL)
          || wait != 0 || sscanf (out, "%lf", &torch_ms) != 1)
        {
          fprintf (stderr, "bench-train: torch baseline failed: %s\n",
                   err ? err : "");
          return 1;
        }
      printf ("  pytorch float64, same run: %.1f ms (%s", torch_ms,
              strstr (out, ", ") ? strstr (out, ", ") + 2 : out);
      printf ("  pytorch / reduced: %.0fx\n", torch_ms / t_red);
    }
  g_free (times);
  g_free (setups);
  g_free (inits);
  dln_dataset_free (ds);
  return 0;
}
