#pragma once

#include "dln-chain-page.h"

G_BEGIN_DECLS

/* --- D10 Depth × learning-rate "Register" game (docs/demos.md) ---
 * For depths 10, 20, …, 60 in turn (chains of exactly depth weights, all
 * 0.9, 600 epochs, one gen_samples (100, 2.0, 0.1) draw per game), the
 * student finds the fastest η that converges (some epoch below 10⁻² and
 * every later one too) and registers it; the points fill the learning
 * time and best-η scatter plots. Properties (saved in sessions): "lr",
 * "seed", "stage" (index of the current depth, 6 when done),
 * "registered" (GVariant a(ddd): depth, η, learning time) and the
 * read-only "weights". */

#define DLN_TYPE_GAME_PAGE (dln_game_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnGamePage, dln_game_page, DLN, GAME_PAGE, DlnChainPage)

#define DLN_GAME_N_DEPTHS DLN_CHAIN_GAME_DEPTHS

void     dln_game_page_register  (DlnGamePage *self);
void     dln_game_page_restart   (DlnGamePage *self);

G_END_DECLS
