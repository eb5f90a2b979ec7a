/* dlnlab-cli: the weights JSON of train --init-weights (see the header). */

#include "config.h"

#include "dln-cli-weights.h"

#include "dln-json.h"
#include "dln-tensor.h"

#include <string.h>

DlnStatus
dln_cli_weights_from_json (JsonNode    *root,
                           const char  *name,
                           DlnArena    *arena,
                           DlnModel   **out,
                           char       **error)
{
  JsonArray *layers;
  const DlnTensor **tensors;
  DlnMessage msg;
  DlnStatus st;
  guint n;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "layers")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (
                                   json_node_get_object (root), "layers")))
    {
      *error = g_strdup_printf ("%s: expected an object {\"layers\": [W_1, "
                                "...]}", name);
      return DLN_STATUS_INVALID_INPUT;
    }
  layers = json_object_get_array_member (json_node_get_object (root),
                                         "layers");
  n = json_array_get_length (layers);
  if (n == 0)
    {
      *error = g_strdup_printf ("%s: \"layers\" is empty", name);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (n > DLN_MODEL_MAX_DEPTH)
    {
      *error = g_strdup_printf ("%s: %u layers is over the limit of %d",
                                name, n, DLN_MODEL_MAX_DEPTH);
      return DLN_STATUS_INVALID_INPUT;
    }
  tensors = dln_arena_alloc (arena, n * sizeof *tensors);
  if (tensors == NULL)
    return DLN_STATUS_NO_MEMORY;
  for (guint l = 0; l < n; l++)
    {
      JsonNode *ln = json_array_get_element (layers, l);
      JsonArray *rows;
      guint n_rows, n_cols = 0;
      DlnTensor *w;

      if (!JSON_NODE_HOLDS_ARRAY (ln)
          || (n_rows = json_array_get_length (json_node_get_array (ln))) == 0)
        {
          *error = g_strdup_printf ("%s: layers[%u] must be a non-empty list "
                                    "of rows", name, l);
          return DLN_STATUS_INVALID_INPUT;
        }
      rows = json_node_get_array (ln);
      for (guint r = 0; r < n_rows; r++)
        {
          JsonNode *rn = json_array_get_element (rows, r);
          guint len;

          if (!JSON_NODE_HOLDS_ARRAY (rn))
            {
              *error = g_strdup_printf ("%s: layers[%u] row %u is not a list "
                                        "of numbers", name, l, r);
              return DLN_STATUS_INVALID_INPUT;
            }
          len = json_array_get_length (json_node_get_array (rn));
          if (r == 0)
            n_cols = len;
          if (len == 0 || len != n_cols)
            {
              *error = g_strdup_printf ("%s: layers[%u] row %u has %u values, "
                                        "row 0 has %u", name, l, r, len,
                                        n_cols);
              return DLN_STATUS_INVALID_INPUT;
            }
        }
      /* both sides are array lengths (< 2^32): the product cannot wrap */
      if ((guint64) n_rows * n_cols > DLN_MODEL_MAX_CELLS)
        {
          *error = g_strdup_printf ("%s: layers[%u] has %u x %u values, over "
                                    "the limit of %d", name, l, n_rows,
                                    n_cols, DLN_MODEL_MAX_CELLS);
          return DLN_STATUS_INVALID_INPUT;
        }
      w = dln_tensor_new (arena, n_rows, n_cols);
      if (w == NULL)
        return DLN_STATUS_NO_MEMORY;
      for (guint r = 0; r < n_rows; r++)
        {
          JsonArray *row = json_array_get_array_element (rows, r);

          for (guint c = 0; c < n_cols; c++)
            {
              JsonNode *v = json_array_get_element (row, c);

              if (!JSON_NODE_HOLDS_VALUE (v)
                  || (json_node_get_value_type (v) != G_TYPE_DOUBLE
                      && json_node_get_value_type (v) != G_TYPE_INT64))
                {
                  *error = g_strdup_printf ("%s: layers[%u] row %u column %u "
                                            "is not a number", name, l, r, c);
                  return DLN_STATUS_INVALID_INPUT;
                }
              w->data[r * n_cols + c] = json_node_get_double (v);
            }
        }
      tensors[l] = w;
    }
  st = dln_model_new_from_layers (arena, n, tensors, out, &msg);
  if (st != DLN_STATUS_OK)
    *error = g_strdup_printf ("%s: %s", name, msg.text);
  return st;
}

DlnStatus
dln_cli_weights_from_data (const char  *data,
                           gssize       length,
                           const char  *name,
                           DlnArena    *arena,
                           DlnModel   **out,
                           char       **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) gerror = NULL;
  DlnMessage msg;

  if (length < 0)
    length = (gssize) strlen (data);
  if (dln_json_check_nesting (data, (size_t) length, DLN_JSON_MAX_DEPTH, &msg)
      != DLN_STATUS_OK)
    {
      *error = g_strdup_printf ("%s: %s", name, msg.text);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!json_parser_load_from_data (parser, data, length, &gerror))
    {
      /* json-glib's message starts with "<data>:LINE:COLUMN" */
      const char *m = gerror->message;

      if (g_str_has_prefix (m, "<data>:"))
        m += strlen ("<data>:");
      *error = g_strdup_printf ("%s:%s", name, m);
      return DLN_STATUS_INVALID_INPUT;
    }
  return dln_cli_weights_from_json (json_parser_get_root (parser), name,
                                    arena, out, error);
}

DlnStatus
dln_cli_weights_load (const char  *path,
                      DlnArena    *arena,
                      DlnModel   **out,
                      char       **error)
{
  g_autoptr (GError) gerror = NULL;
  g_autofree char *text = NULL;
  gsize text_len = 0;

  if (!g_file_get_contents (path, &text, &text_len, &gerror))
    {
      *error = g_strdup_printf ("%s: cannot read: %s", path,
                                gerror->message);
      return DLN_STATUS_INVALID_INPUT;
    }
  return dln_cli_weights_from_data (text, (gssize) text_len, path, arena,
                                    out, error);
}
