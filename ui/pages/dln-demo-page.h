#pragma once

#include <gtk/gtk.h>

#include "dln-data-source.h"
#include "dln-figure-view.h"
#include "dln-property.h"

G_BEGIN_DECLS

/* --- DlnDemoPage: the base of every demo page ---
 *
 * A page is a template (`<template class="DlnFooPage"
 * parent="DlnDemoPage">`) with one child, usually a horizontal GtkBox:
 * one or two DlnFigureViews, then a control panel of DlnParamRows (and
 * DlnPlayControls where something evolves) ending in a caption. The base
 * lays its child out with GtkBinLayout and installs the actions
 *   demo.play-pause, demo.step, demo.reset  (enabled when the class
 *   demo.step-back                           implements step / reset /
 *                                            step_back)
 *   demo.export(s)                           exports the primary view
 * which the window triggers from its shortcuts (Ctrl+Space, Ctrl+N,
 * Ctrl+B, Ctrl+R, Ctrl+E) and DlnPlayControls names in its buttons.
 *
 * Playing: by default a tick callback calls step () "speed" times per
 * frame while "playing" is TRUE. Pages whose steps run on a DlnRun
 * worker override set_playing () instead (then chain up, so "playing"
 * is stored and notified). A page stops playing when unmapped.
 *
 * Training data: a page whose class implements data_changed () follows
 * its window's DlnDataSource (the user's imported data, or the tree
 * generator): the base calls data_changed () when the page joins a
 * window whose data differ from what the page last saw, and on every
 * "changed" after that. */

#define DLN_TYPE_DEMO_PAGE (dln_demo_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (DlnDemoPage, dln_demo_page, DLN, DEMO_PAGE, GtkWidget)

struct _DlnDemoPageClass
{
  GtkWidgetClass parent_class;

  /* One step of whatever evolves (NULL: the page has none). */
  void (*step)        (DlnDemoPage *self);
  /* Undo the last step (NULL: steps cannot be undone). */
  void (*step_back)   (DlnDemoPage *self);
  /* Back to the initial state (NULL: nothing to reset). */
  void (*reset)       (DlnDemoPage *self);
  /* Start or stop playing; the default runs step () on a tick callback.
   * Overrides must chain up. */
  void (*set_playing) (DlnDemoPage *self,
                       gboolean     playing);
  /* The window's training data changed (NULL: the page has none); read
   * it with dln_demo_page_get_data_source (). */
  void (*data_changed) (DlnDemoPage *self);
  /* What a session keeps beside the page's properties (trained weights,
   * registered points, typed expressions, start points): the default
   * saves the template's named controls (dln-demo-page-state.c).
   * Overrides add their entries and chain up. */
  void     (*save_state) (DlnDemoPage   *self,
                          GVariantDict  *state);
  /* Checks (@apply FALSE: no change) or restores what save_state ()
   * wrote; overrides take their entries out of @state and chain up, and
   * the default refuses any entry left over. */
  gboolean (*load_state) (DlnDemoPage   *self,
                          GVariantDict  *state,
                          gboolean       apply,
                          GError       **error);

  gpointer padding[4];
};

void           dln_demo_page_class_set_template (DlnDemoPageClass *klass,
                                                 const char       *ui_file);
void           dln_demo_page_class_bind_view    (DlnDemoPageClass *klass);
gboolean       dln_demo_page_get_playing      (DlnDemoPage   *self);
void           dln_demo_page_set_playing      (DlnDemoPage   *self,
                                               gboolean       playing);
DlnFigureView *dln_demo_page_get_primary_view (DlnDemoPage   *self);
void           dln_demo_page_set_primary_view (DlnDemoPage   *self,
                                               DlnFigureView *view);
GtkLabel      *dln_demo_page_get_status_label (DlnDemoPage   *self);
void           dln_demo_page_queue_render     (DlnDemoPage   *self);
void           dln_demo_page_step_back        (DlnDemoPage   *self);
void           dln_demo_page_export           (DlnDemoPage   *self,
                                               const char    *format);
void           dln_demo_page_export_to        (DlnDemoPage   *self,
                                               const char    *path);
DlnDataSource *dln_demo_page_get_data_source  (DlnDemoPage   *self);
void           dln_demo_page_reset_properties (DlnDemoPage   *self);

/* --- Session state (dln-demo-page-state.c) --- */
GVariant      *dln_demo_page_save_state       (DlnDemoPage   *self);
gboolean       dln_demo_page_load_state       (DlnDemoPage   *self,
                                               GVariant      *state,
                                               gboolean       apply,
                                               GError       **error);
void           dln_demo_page_save_controls    (DlnDemoPage   *self,
                                               GVariantDict  *state);
gboolean       dln_demo_page_load_controls    (DlnDemoPage   *self,
                                               GVariantDict  *state,
                                               gboolean       apply,
                                               GError       **error);
gboolean       dln_demo_page_load_trained     (DlnDemoPage   *self,
                                               GVariantDict  *state,
                                               gboolean       apply,
                                               GError       **error);
void           dln_demo_page_save_trained     (DlnDemoPage   *self,
                                               GVariantDict  *state);
GParamSpec    *dln_demo_page_class_add_weights (DlnDemoPageClass *klass,
                                                guint             prop_id,
                                                GCallback         get_weights);

/* --- Settings kept in the page's struct (dln-demo-page-settings.c) ---
 * A page declares each plain setting once, with its pspec (range and
 * default), its field and the control that shows it; the base stores,
 * compares, notifies, starts it at its default and binds the control. */
typedef void (*DlnDemoPageChangedFunc) (DlnDemoPage *self);

void           dln_demo_page_class_add_setting (DlnDemoPageClass       *klass,
                                                guint                   prop_id,
                                                GParamSpec             *pspec,
                                                gssize                  field,
                                                const char             *control_name,
                                                gssize                  control,
                                                DlnDemoPageChangedFunc  changed);
/* a setting's control: the template child @member of @Type (or of its
 * private struct); or none */
#define DLN_DEMO_PAGE_CONTROL(Type, member) \
  #member, G_STRUCT_OFFSET (Type, member)
#define DLN_DEMO_PAGE_PRIVATE_CONTROL(Type, member) \
  #member, G_PRIVATE_OFFSET (Type, member)
#define DLN_DEMO_PAGE_NO_CONTROL NULL, 0
GParamSpec    *dln_demo_page_seed_param        (const char             *name);
void           dln_demo_page_class_install_step_action
                                               (DlnDemoPageClass       *klass,
                                                const char             *action,
                                                const char             *property,
                                                gboolean                by_parameter);
gboolean       dln_demo_page_python_doubles    (DlnFigureArgs          *args,
                                                const char *const      *names,
                                                const double           *values,
                                                size_t                  n,
                                                GError                **error);
gboolean       dln_demo_page_python_printf     (DlnFigureArgs          *args,
                                                GError                **error,
                                                const char             *name,
                                                const char             *format,
                                                ...) G_GNUC_PRINTF (4, 5);
void           dln_demo_page_connect_controls  (DlnDemoPage            *self,
                                                GCallback               changed,
                                                ...) G_GNUC_NULL_TERMINATED;
void           dln_demo_page_class_install_method_action
                                               (DlnDemoPageClass       *klass,
                                                const char             *action,
                                                GCallback               method);
void           dln_demo_page_bind              (DlnDemoPage            *self,
                                                const char             *property,
                                                gpointer                control);

G_END_DECLS
