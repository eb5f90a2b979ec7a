#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D19: the bonus lecture, a recorded talk with no code, figures or
 * exercises. The page shows its title card (dln-figure-card.h) and one
 * link button per place to watch it. */

#define DLN_TYPE_LECTURE_PAGE (dln_lecture_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnLecturePage, dln_lecture_page, DLN, LECTURE_PAGE, DlnDemoPage)

G_END_DECLS
