#pragma once

/* Running the Tutorial 3 course's experiment on a DlnRun worker, as the
 * D14–D18 pages do, and waiting for its result (headless tests; not part
 * of any product). */

#include "dln-deep-run.h"

#include "dln-dataset.h"

typedef struct
{
  GMainLoop       *loop;
  DlnDeepSnapshot *snap;      /* the last snapshot; freed by the run */
  gboolean         finished;
} DlnTestRunWait;

/* dln_test_deep_run_new:
 * A new run whose snapshots and end are recorded in @w. */
DlnRun *dln_test_deep_run_new  (DlnTestRunWait        *w);

/* dln_test_deep_run_wait:
 * Starts @params on @run (from dln_test_deep_run_new) with @ds (taken)
 * and waits for its end and its last snapshot (valid until the run's next
 * snapshot or its end); a run that does not end within 60 s is an
 * error. */
void    dln_test_deep_run_wait (DlnRun                *run,
                                DlnDataset            *ds,
                                const DlnCourseParams *params,
                                DlnTestRunWait        *w);
