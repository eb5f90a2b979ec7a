#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D04: the course's 1-512-1 tanh network fitting a noisy sine by SGD with
 * momentum: one step at a time, or a full training run on a worker
 * thread (DlnRun) with the fit and the loss curve updating live. */

#define DLN_TYPE_WIDE_NET_PAGE (dln_wide_net_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnWideNetPage, dln_wide_net_page, DLN, WIDE_NET_PAGE, DlnDemoPage)

G_END_DECLS
