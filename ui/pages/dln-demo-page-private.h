#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* dln_demo_page_class_actions_init:
 * Installs demo.play-pause, demo.step, demo.reset and demo.export(s)
 * (dln-demo-page-actions.c). */
void dln_demo_page_class_actions_init (DlnDemoPageClass *klass);

/* dln_demo_page_step / dln_demo_page_reset:
 * Stop playing, then run the class's step () / reset () if it has one. */
void dln_demo_page_step               (DlnDemoPage    *self);
void dln_demo_page_reset              (DlnDemoPage    *self);

/* dln_demo_page_init_settings:
 * Starts the page's settings at their defaults and binds their controls
 * (dln-demo-page-settings.c); the base's constructed () calls it. */
void dln_demo_page_init_settings      (DlnDemoPage    *self);

G_END_DECLS
