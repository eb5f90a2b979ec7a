#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* --- The demo registry ---
 * Every page the sidebar lists, in order, grouped by tutorial. The id is
 * what `dlnlab --demo ID` takes and `dlnlab --list-demos` prints, and it
 * names the page in the window's stack and in GSettings (last-demo). */

typedef enum
{
  DLN_DEMO_GROUP_GRADIENTS,     /* Tutorial 1 */
  DLN_DEMO_GROUP_DEPTH,         /* Tutorial 2 */
  DLN_DEMO_GROUP_DEEP_LINEAR,   /* Tutorial 3 */
  DLN_DEMO_GROUP_BONUS,         /* the bonus lecture: no tutorial */
  DLN_DEMO_N_GROUPS
} DlnDemoGroup;

typedef struct
{
  const char   *id;            /* "gradient-field": lower-case, dashes */
  DlnDemoGroup  group;
  const char   *title;         /* sidebar and header text */
  const char   *icon_name;     /* a symbolic icon */
  const char   *curriculum;    /* course demo codes it covers, "D06, D07"
                                * (docs/demos.md); shown only in the
                                * sidebar tooltip */
  GType       (*get_type) (void);  /* a DlnDemoPage subclass */
} DlnDemoInfo;

const DlnDemoInfo *dln_demos_get        (guint       *n_demos);
const DlnDemoInfo *dln_demos_find       (const char  *id);
const char        *dln_demo_group_title (DlnDemoGroup group);

G_END_DECLS
