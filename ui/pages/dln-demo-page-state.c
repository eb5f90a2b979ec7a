#define G_LOG_DOMAIN "dln-demo-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-demo-page.h"

#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-ui-error.h"

/* --- A page's own state, as a session keeps it ---
 * Beside its properties, a page's session record holds what the student
 * set in the page's named controls: every DlnParamRow, GtkSpinButton,
 * GtkEntry, GtkTextView, GtkDropDown and GtkCheckButton that the page's
 * template gives an id, keyed by that id. Pages add what no control
 * shows (trained weights, start points) in save_state () / load_state ()
 * overrides that chain up. */

typedef void (*ControlFunc) (GtkWidget  *widget,
                             const char *id,
                             gpointer    user_data);

/* The controls a session keeps; others (labels, boxes) are layout. A
 * control's own children are its internals, never walked. */
static gboolean
is_control (GtkWidget *widget)
{
  return DLN_IS_PARAM_ROW (widget) || GTK_IS_SPIN_BUTTON (widget)
         || GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget)
         || GTK_IS_DROP_DOWN (widget) || GTK_IS_CHECK_BUTTON (widget);
}

/* Calls @func on each named control below @widget in the template's
 * order, which is the order the student meets them (a preset drop-down
 * before the entry it fills). Composite widgets (figure views, play
 * controls) are not walked. */
static void
foreach_control (GtkWidget   *widget,
                 ControlFunc  func,
                 gpointer     user_data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (child));

      /* a widget built from its own template is exposed under its
       * type's name: that is no name the page gave it */
      if (id != NULL && g_str_equal (id, G_OBJECT_TYPE_NAME (child)))
        id = NULL;
      if (is_control (child))
        {
          if (id != NULL)
            func (child, id, user_data);
        }
      else if (!DLN_IS_FIGURE_VIEW (child) && !DLN_IS_PLAY_CONTROLS (child))
        foreach_control (child, func, user_data);
    }
}

static GVariant *
control_value (GtkWidget *widget)
{
  if (DLN_IS_PARAM_ROW (widget))
    return g_variant_new_double (dln_param_row_get_value (DLN_PARAM_ROW (widget)));
  if (GTK_IS_SPIN_BUTTON (widget))
    return g_variant_new_double (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)));
  if (GTK_IS_ENTRY (widget))
    return g_variant_new_string (gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_DROP_DOWN (widget))
    return g_variant_new_uint32 (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)));
  if (GTK_IS_CHECK_BUTTON (widget))
    return g_variant_new_boolean (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      return g_variant_new_string (text);
    }
  g_return_val_if_reached (NULL);
}

static void
save_control (GtkWidget  *widget,
              const char *id,
              gpointer    user_data)
{
  GVariantDict *state = user_data;

  if (!g_variant_dict_contains (state, id))
    g_variant_dict_insert_value (state, id, control_value (widget));
}

typedef struct
{
  GVariantDict *state;
  gboolean      apply;
  GError       *error;
} LoadControls;

static void
load_control (GtkWidget  *widget,
              const char *id,
              gpointer    user_data)
{
  LoadControls *load = user_data;
  g_autoptr(GVariant) now = control_value (widget);
  g_autoptr(GVariant) value = NULL;

  g_variant_ref_sink (now);
  value = g_variant_dict_lookup_value (load->state, id, NULL);
  if (value == NULL || load->error != NULL)
    return;
  g_variant_dict_remove (load->state, id);
  if (!g_variant_is_of_type (value, g_variant_get_type (now)))
    {
      g_set_error (&load->error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("state.%s: expected a value of type %s"), id,
                   g_variant_get_type_string (now));
      return;
    }
  if (!load->apply || g_variant_equal (value, now))
    return;
  if (DLN_IS_PARAM_ROW (widget))
    dln_param_row_set_value (DLN_PARAM_ROW (widget),
                             g_variant_get_double (value));
  else if (GTK_IS_SPIN_BUTTON (widget))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget),
                               g_variant_get_double (value));
  else if (GTK_IS_ENTRY (widget))
    {
      gtk_editable_set_text (GTK_EDITABLE (widget),
                             g_variant_get_string (value, NULL));
      /* a typed expression takes effect on Enter */
      gtk_widget_activate (widget);
    }
  else if (GTK_IS_DROP_DOWN (widget))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (widget),
                                g_variant_get_uint32 (value));
  else if (GTK_IS_CHECK_BUTTON (widget))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget),
                                 g_variant_get_boolean (value));
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                              g_variant_get_string (value, NULL), -1);
}

/* dln_demo_page_save_controls:
 * @state: receives one entry per named control not in it yet
 * The default save_state (). */
void
dln_demo_page_save_controls (DlnDemoPage  *self,
                             GVariantDict *state)
{
  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  foreach_control (GTK_WIDGET (self), save_control, state);
}

/* dln_demo_page_load_controls:
 * @state: entries for named controls are taken out of it
 * @apply: FALSE only checks
 * The default load_state (): sets each named control @state has an
 * entry for (as the student would, so the page follows), then refuses
 * whatever entry is left over.
 * Returns: TRUE, or FALSE with a DLN_ERROR naming the entry (call it
 * with @apply FALSE first, as dln_demo_page_load_state () does, for a
 * refusal that changes nothing). */
gboolean
dln_demo_page_load_controls (DlnDemoPage   *self,
                             GVariantDict  *state,
                             gboolean       apply,
                             GError       **error)
{
  LoadControls load = { state, FALSE, NULL };
  g_autoptr(GVariant) rest = NULL;
  GVariantIter iter;
  const char *key;

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), FALSE);

  load.apply = apply;
  foreach_control (GTK_WIDGET (self), load_control, &load);
  if (load.error != NULL)
    {
      g_propagate_error (error, load.error);
      return FALSE;
    }
  rest = g_variant_dict_end (state);
  g_variant_dict_init (state, rest);
  g_variant_iter_init (&iter, rest);
  if (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("state.%s: this page has no such control"), key);
      return FALSE;
    }
  return TRUE;
}

/* dln_demo_page_save_state:
 * Returns: (transfer floating) the page's state beyond its properties,
 * an a{sv} dictionary (see save_state () in DlnDemoPageClass). */
GVariant *
dln_demo_page_save_state (DlnDemoPage *self)
{
  g_auto(GVariantDict) state;

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), NULL);

  g_variant_dict_init (&state, NULL);
  DLN_DEMO_PAGE_GET_CLASS (self)->save_state (self, &state);
  return g_variant_dict_end (&state);
}

/* dln_demo_page_load_state:
 * @state: an a{sv} from dln_demo_page_save_state ()
 * @apply: FALSE only checks @state against the page
 * Returns: TRUE, or FALSE with a DLN_ERROR (nothing changed when @apply
 * is FALSE, or when a check would have failed). */
gboolean
dln_demo_page_load_state (DlnDemoPage  *self,
                          GVariant     *state,
                          gboolean      apply,
                          GError      **error)
{
  g_auto(GVariantDict) dict;

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT),
                        FALSE);

  if (apply && !dln_demo_page_load_state (self, state, FALSE, error))
    return FALSE;
  g_variant_dict_init (&dict, state);
  return DLN_DEMO_PAGE_GET_CLASS (self)->load_state (self, &dict, apply,
                                                     error);
}

/* dln_demo_page_class_add_weights:
 * @prop_id:     the property's id in @klass
 * @get_weights: GVariant *(*) (gpointer self): the trained net, layers of
 *               rows ("aaad", floating), or NULL before there is one
 * For a page that trains a net: installs its read-only "weights", for
 * scripts and tests and for dln_demo_page_save_trained (); a page
 * notifies it when the net changes.
 * Returns: (transfer none) the property's pspec. */
GParamSpec *
dln_demo_page_class_add_weights (DlnDemoPageClass *klass,
                                 guint             prop_id,
                                 GCallback         get_weights)
{
  GParamSpec *pspec =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  dln_object_class_add_property (G_OBJECT_CLASS (klass), prop_id, pspec,
    &(DlnPropertyDecl) { DLN_PROPERTY_NO_FIELD, get_weights });
  return pspec;
}

/* dln_demo_page_save_trained:
 * The save_state () of a page whose every control shows one of its
 * properties: the session's state is the trained net ("weights",
 * dln_demo_page_class_add_weights ()) alone, when there is one. A page
 * that keeps its named controls as well chains up after it. */
void
dln_demo_page_save_trained (DlnDemoPage  *self,
                            GVariantDict *state)
{
  g_autoptr(GVariant) weights = NULL;

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  g_object_get (self, "weights", &weights, NULL);
  if (weights != NULL)
    g_variant_dict_insert_value (state, "weights", weights);
}

/* dln_demo_page_load_trained:
 * The load_state () of pages that train a net: the trained weights a
 * session keeps ("weights") are not set back (the page retrains from its
 * restored settings and seeds, which reproduces them exactly), only
 * checked to be layers of rows; then dln_demo_page_load_controls ().
 * Returns: TRUE, or FALSE with a DLN_ERROR when an entry does not fit. */
gboolean
dln_demo_page_load_trained (DlnDemoPage   *self,
                            GVariantDict  *state,
                            gboolean       apply,
                            GError       **error)
{
  g_autoptr(GVariant) weights = g_variant_dict_lookup_value (state, "weights",
                                                             NULL);

  if (weights != NULL && !g_variant_is_of_type (weights,
                                                G_VARIANT_TYPE ("aaad")))
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("state.weights: expected layers of rows (aaad)"));
      return FALSE;
    }
  g_variant_dict_remove (state, "weights");
  return dln_demo_page_load_controls (self, state, apply, error);
}
