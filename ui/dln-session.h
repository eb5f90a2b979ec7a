#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* --- Sessions ---
 * A session is what a teacher saves to reopen a lecture exactly: the
 * current demo and, for every demo page, its parameters, seeds, any state
 * the user built (registered game results, custom items) and the trained
 * weights. It is stored as JSON (json-glib):
 *
 *   { "format": "dlnlab-session", "version": 1, "generator": "dlnlab 0.1.0",
 *     "current-demo": "dynamics",
 *     "pages": { "dynamics": { "type": "DlnDynamicsPage",
 *                              "params": { "lr": 100.0, "seed": 2021, ... },
 *                              "weights": [ { "rows": 30, "cols": 8,
 *                                             "float64-le": "…" }, … ] } } }
 *
 * A page takes part through the GObject properties its own class declares
 * (inherited GtkWidget properties are never touched):
 *   - every readable and writable property is a parameter; booleans,
 *     integers, doubles, strings, enums (by nick), string arrays and
 *     GVariants (json-glib's GVariant mapping) are supported;
 * and through the state the caller hands over with it (a{sv}, from
 * dln_demo_page_save_state ()):
 *   - an entry "weights" of type "aaad" (layers of rows, n_out x n_in
 *     each) is the trained network, stored exactly (NaN and Inf of a
 *     diverged run included) as base64 float64 bytes in "weights";
 *   - every other entry goes under "state" as GVariant text with its type
 *     ("state": { "expr_entry": "'x * y'", "starts": "[(1.0, 2.0)]" }).
 * Loading validates the whole file, and every page it names, before
 * anything changes: a broken, foreign or newer file is an error and the
 * application keeps its state. */

#define DLN_SESSION_FORMAT  "dlnlab-session"
#define DLN_SESSION_VERSION 1

#define DLN_TYPE_SESSION (dln_session_get_type ())

G_DECLARE_FINAL_TYPE (DlnSession, dln_session, DLN, SESSION, GObject)

DlnSession  *dln_session_new              (void);
DlnSession  *dln_session_load             (GFile       *file,
                                           GError     **error);
DlnSession  *dln_session_load_from_data   (const char  *data,
                                           gssize       length,
                                           GError     **error);
gboolean     dln_session_save             (DlnSession  *self,
                                           GFile       *file,
                                           GError     **error);
char        *dln_session_to_data          (DlnSession  *self,
                                           gsize       *length);

const char  *dln_session_get_current_demo (DlnSession  *self);
void         dln_session_set_current_demo (DlnSession  *self,
                                           const char  *demo_id);

void         dln_session_capture          (DlnSession  *self,
                                           const char  *demo_id,
                                           GObject     *page,
                                           GVariant    *state);
GVariant    *dln_session_get_state        (DlnSession  *self,
                                           const char  *demo_id);
gboolean     dln_session_has_page         (DlnSession  *self,
                                           const char  *demo_id);
GStrv        dln_session_list_pages       (DlnSession  *self);
gboolean     dln_session_check            (DlnSession  *self,
                                           const char  *demo_id,
                                           GObject     *page,
                                           GError     **error);
gboolean     dln_session_apply            (DlnSession  *self,
                                           const char  *demo_id,
                                           GObject     *page,
                                           GError     **error);
GVariant    *dln_session_get_weights      (DlnSession  *self,
                                           const char  *demo_id);

G_END_DECLS
