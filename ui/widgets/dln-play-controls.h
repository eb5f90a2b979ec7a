#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* --- DlnPlayControls: play/pause, step, reset, speed ---
 * The buttons name the actions demo.play-pause, demo.step and demo.reset,
 * which the enclosing DlnDemoPage installs; "playing" picks the play or
 * pause icon (bind it to the page's "playing"); "speed" is bound to a
 * spin button (steps per frame, 1 … 1000; bind it to the page's
 * "speed"). */

#define DLN_TYPE_PLAY_CONTROLS (dln_play_controls_get_type ())
G_DECLARE_FINAL_TYPE (DlnPlayControls, dln_play_controls, DLN, PLAY_CONTROLS, GtkWidget)

GtkWidget *dln_play_controls_new         (void);
gboolean   dln_play_controls_get_playing (DlnPlayControls *self);
void       dln_play_controls_set_playing (DlnPlayControls *self,
                                          gboolean         playing);
double     dln_play_controls_get_speed   (DlnPlayControls *self);
void       dln_play_controls_set_speed   (DlnPlayControls *self,
                                          double           speed);

G_END_DECLS
