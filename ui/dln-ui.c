#define G_LOG_DOMAIN "dln-ui"

#include "config.h"

#include "dln-ui.h"

#include "dln-demo-page.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-ui-resources.h"

void
dln_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Registered by hand: a static library's constructor-only object
       * would be dropped by the linker. */
      dln_ui_register_resource ();
      g_type_ensure (DLN_TYPE_FIGURE_VIEW);
      g_type_ensure (DLN_TYPE_PARAM_ROW);
      g_type_ensure (DLN_TYPE_PLAY_CONTROLS);
      g_type_ensure (DLN_TYPE_DEMO_PAGE);
      g_once_init_leave (&initialized, 1);
    }
}
