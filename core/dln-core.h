#pragma once

/* dlnlab core: pure C17 + libm + LAPACKE/CBLAS. No GLib, GTK or cairo.
 *
 * Overview (one header per module):
 *   dln-status   DlnStatus + DlnMessage
 *   dln-arena    byte-budget arenas that own all memory
 *   dln-rng      seeded xoshiro256** generator
 *   dln-tensor   dense row-major double tensors
 *   dln-ops      DlnOp: forward kernels; derivative rules (dln-backward.c)
 *   dln-graph    inspectable autograd graphs: build, forward, backward
 *   dln-expr     the expression language: parse, errors with a caret, graph
 *   dln-tape     expressions as flat tapes: value, gradient, Hessian
 *   dln-linalg   the only LAPACKE/CBLAS user: gemm, SVD, eigh, solve, QR
 *   dln-optim    torch.optim's six update rules on flat vectors; lr schedules
 *   dln-surface  2-D loss surfaces: grids, Hessians, lr bound, trajectories
 *   dln-mlp      the D04 wide tanh net: init, forward/backward, SGD steps
 *   dln-dataset  items × features datasets: the course's tree generator and
 *                variants, the named table, CSV in/out, regression data
 *   dln-analysis SVD modes of Sigma_yx, mode strengths, predicted loss, RSM
 *                and illusory-correlation predictions, effective u0,
 *                closed-form regression
 *   dln-theory   scalar learning curves: eq. 12 sigmoid, depth-N ODE,
 *                exact discrete map, learning times, tau/h conventions
 *   dln-model    deep linear nets: weights, course/aligned init, loss+grad
 *   dln-train    full-batch GD with per-epoch loss, SVs, modes, RSMs,
 *                tracked outputs; direct and exact reduced paths
 *   dln-chain    the course's deep narrow scalar chain (D08–D12)
 *
 * Worked example:
 *   DlnArena *arena = dln_arena_new (1 << 20);
 *   DlnTensor *t = dln_tensor_new (arena, 2, 3);
 *   dln_tensor_set (t, 1, 2, 4.0);
 *   dln_arena_free (arena);
 */

#include "dln-analysis.h"
#include "dln-arena.h"
#include "dln-chain.h"
#include "dln-course.h"
#include "dln-csv.h"
#include "dln-dataset.h"
#include "dln-expr.h"
#include "dln-file.h"
#include "dln-graph.h"
#include "dln-hash.h"
#include "dln-json.h"
#include "dln-linalg.h"
#include "dln-mlp.h"
#include "dln-model.h"
#include "dln-ops.h"
#include "dln-optim.h"
#include "dln-rng.h"
#include "dln-status.h"
#include "dln-surface.h"
#include "dln-tape.h"
#include "dln-tensor.h"
#include "dln-theory.h"
#include "dln-train.h"

#define DLN_VERSION_STRING "0.1.0"
