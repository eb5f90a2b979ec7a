#define G_LOG_DOMAIN "dln-demos"

#include "config.h"

#include "dln-demos.h"

#include <glib/gi18n-lib.h>

/* --- Tutorial 1 and Tutorial 2 section 1 --- */
#include "dln-gradient-field-page.h"
#include "dln-graph-page.h"
#include "dln-landscape-page.h"
#include "dln-neuron-page.h"
#include "dln-shallow-page.h"
#include "dln-wide-net-page.h"

/* --- Tutorial 2 section 2 and Tutorial 3 --- */
#include "dln-depth-page.h"
#include "dln-dynamics-page.h"
#include "dln-game-page.h"
#include "dln-illusory-page.h"
#include "dln-lecture-page.h"
#include "dln-init-page.h"
#include "dln-learning-rate-page.h"
#include "dln-playground-page.h"
#include "dln-regression-page.h"
#include "dln-rsa-page.h"
#include "dln-svd-page.h"
#include "dln-tree-page.h"

static const DlnDemoInfo demos[] = {
  /* --- Tutorial 1 and Tutorial 2 section 1 --- */
  { "computational-graph", DLN_DEMO_GROUP_GRADIENTS, N_("Computational Graph"),
    "dln-computational-graph-symbolic", "D02", dln_graph_page_get_type },
  { "gradient-field", DLN_DEMO_GROUP_GRADIENTS, N_("Gradient Field"),
    "dln-gradient-field-symbolic", "D01", dln_gradient_field_page_get_type },
  { "single-neuron", DLN_DEMO_GROUP_GRADIENTS, N_("Single Neuron"),
    "dln-single-neuron-symbolic", "D03", dln_neuron_page_get_type },
  { "wide-net", DLN_DEMO_GROUP_GRADIENTS, N_("Wide Network Regression"),
    "dln-wide-net-symbolic", "D04", dln_wide_net_page_get_type },
  { "shallow-net", DLN_DEMO_GROUP_GRADIENTS, N_("Shallow Narrow Net"),
    "dln-shallow-net-symbolic", "D05", dln_shallow_page_get_type },
  { "loss-landscape", DLN_DEMO_GROUP_GRADIENTS, N_("Loss Landscape"),
    "dln-loss-landscape-symbolic", "D06, D07", dln_landscape_page_get_type },

  /* --- Tutorial 2 section 2 and Tutorial 3 --- */
  { "depth", DLN_DEMO_GROUP_DEPTH, N_("Depth"),
    "dln-depth-symbolic", "D08", dln_depth_page_get_type },
  { "learning-rate", DLN_DEMO_GROUP_DEPTH, N_("Learning Rate"),
    "dln-learning-rate-symbolic", "D09", dln_learning_rate_page_get_type },
  { "depth-lr-game", DLN_DEMO_GROUP_DEPTH, N_("Depth × Learning Rate Game"),
    "dln-depth-lr-game-symbolic", "D10", dln_game_page_get_type },
  { "initialisation", DLN_DEMO_GROUP_DEPTH, N_("Initialisation"),
    "dln-initialisation-symbolic", "D11", dln_init_page_get_type },
  { "playground", DLN_DEMO_GROUP_DEPTH, N_("Hyperparameter Playground"),
    "dln-playground-symbolic", "D12", dln_playground_page_get_type },
  { "tree-dataset", DLN_DEMO_GROUP_DEEP_LINEAR, N_("The Hierarchical Dataset"),
    "dln-tree-dataset-symbolic", "D13", dln_tree_page_get_type },
  { "dynamics", DLN_DEMO_GROUP_DEEP_LINEAR, N_("Learning Dynamics"),
    "dln-dynamics-symbolic", "D14, D15",
    dln_dynamics_page_get_type },
  { "data-svd", DLN_DEMO_GROUP_DEEP_LINEAR, N_("Data SVD"),
    "dln-data-svd-symbolic", "D15", dln_svd_page_get_type },
  { "rsa", DLN_DEMO_GROUP_DEEP_LINEAR, N_("Representational Similarity"),
    "dln-rsa-symbolic", "D16", dln_rsa_page_get_type },
  { "illusory", DLN_DEMO_GROUP_DEEP_LINEAR, N_("Illusory Correlations"),
    "dln-illusory-symbolic", "D17", dln_illusory_page_get_type },
  { "regression", DLN_DEMO_GROUP_DEEP_LINEAR, N_("Regression vs Deep"),
    "dln-regression-symbolic", "D18", dln_regression_page_get_type },

  /* --- The bonus lecture: a card, no demo --- */
  { "bonus-lecture", DLN_DEMO_GROUP_BONUS, N_("Bonus Lecture"),
    "dln-bonus-lecture-symbolic", "D19", dln_lecture_page_get_type },
};

static const char *const group_titles[DLN_DEMO_N_GROUPS] = {
  [DLN_DEMO_GROUP_GRADIENTS] = N_("Gradients & autograd"),
  [DLN_DEMO_GROUP_DEPTH] = N_("Depth & learning rate"),
  [DLN_DEMO_GROUP_DEEP_LINEAR] = N_("Deep linear networks"),
  [DLN_DEMO_GROUP_BONUS] = N_("Bonus"),
};

/* dln_demos_get:
 * @n_demos: (out) number of entries
 * Returns: the static table, in sidebar order (grouped). */
const DlnDemoInfo *
dln_demos_get (guint *n_demos)
{
  *n_demos = G_N_ELEMENTS (demos);
  return demos;
}

/* dln_demos_find:
 * Returns: (nullable) the demo named @id, or NULL. */
const DlnDemoInfo *
dln_demos_find (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (demos); i++)
    if (g_str_equal (demos[i].id, id))
      return &demos[i];
  return NULL;
}

/* dln_demo_group_title:
 * Returns: the sidebar heading of @group, translated. */
const char *
dln_demo_group_title (DlnDemoGroup group)
{
  g_return_val_if_fail (group < DLN_DEMO_N_GROUPS, "");
  return _(group_titles[group]);
}
