#pragma once

/* DlnAnimationDialog: "Export Animation…" for a figure that changes over
 * time. It shows the file (chosen with a GtkFileChooserNative), the
 * clip's length, frame rate and size; Record runs the recording
 * (dln_figure_animation_record) on a worker thread with a progress bar,
 * and Cancel stops it, leaving no file. */

#include "dln-figure-catalogue.h"

#include <adwaita.h>

#define DLN_TYPE_ANIMATION_DIALOG (dln_animation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlnAnimationDialog, dln_animation_dialog, DLN,
                      ANIMATION_DIALOG, AdwWindow)

DlnAnimationDialog *dln_animation_dialog_new         (GtkWindow           *parent,
                                                      const DlnFigureArgs *args,
                                                      const char          *path,
                                                      int                  width,
                                                      int                  height);
void                dln_animation_dialog_set_clip    (DlnAnimationDialog  *self,
                                                      double               seconds,
                                                      double               fps,
                                                      int                  width,
                                                      int                  height);
void                dln_animation_dialog_record      (DlnAnimationDialog  *self);
void                dln_animation_dialog_cancel      (DlnAnimationDialog  *self);
gboolean            dln_animation_dialog_is_recording (DlnAnimationDialog *self);
double              dln_animation_dialog_get_fraction (DlnAnimationDialog *self);
