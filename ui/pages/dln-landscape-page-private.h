#pragma once

#include "dln-landscape-page.h"

G_BEGIN_DECLS

void dln_landscape_page_class_actions_init (GtkWidgetClass   *widget_class);
void dln_landscape_page_reset_view         (DlnLandscapePage *self);

G_END_DECLS
