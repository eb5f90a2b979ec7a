/* dlnlab-cli export: render a catalogue figure to PNG, SVG, PDF, or write
 * the data behind it as CSV.
 *
 *   dlnlab-cli export FIGURE --out FILE.(png|svg|pdf|csv)
 *                     [--width PX --height PX] [--scale S]
 *                     [--theme light|dark] [--OPTION VALUE ...]
 *   dlnlab-cli export --list
 */

#include "config.h"

#include "dln-cli.h"
#include "dln-figure-animation.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-python.h"

#include <math.h>
#include <string.h>

static const DlnCliOption export_options[] = {
  { "--out", DLN_CLI_TEXT, "FILE", NULL, 0, 0, DLN_CLI_REQUIRED, NULL,
    "output file; its extension picks the format", NULL },
  { "--width", DLN_CLI_NUMBER, "PX", NULL, DLN_FIGURE_MIN_SIZE,
    DLN_FIGURE_MAX_SIZE, 0, NULL,
    "width in CSS pixels (default: the figure's)", NULL },
  { "--height", DLN_CLI_NUMBER, "PX", NULL, DLN_FIGURE_MIN_SIZE,
    DLN_FIGURE_MAX_SIZE, 0, NULL,
    "height in CSS pixels (default: the figure's)", NULL },
  { "--scale", DLN_CLI_NUMBER, "S", "1", 0, INFINITY, DLN_CLI_OPEN_MIN, NULL,
    "PNG pixels per CSS pixel, e.g. 2 (at most 16384\n"
    "pixels a side)", NULL },
  { "--theme", DLN_CLI_CHOICE, "THEME", "light", 0, 0, 0, "light|dark",
    "colours", NULL },
  { "--fps", DLN_CLI_NUMBER, "N", G_STRINGIFY (DLN_ANIMATION_DEFAULT_FPS),
    DLN_ANIMATION_MIN_FPS, DLN_ANIMATION_MAX_FPS, 0, NULL,
    "animation (.webm, .gif): frames per second", NULL },
  { "--seconds", DLN_CLI_NUMBER, "S",
    G_STRINGIFY (DLN_ANIMATION_DEFAULT_SECONDS), DLN_ANIMATION_MIN_SECONDS,
    DLN_ANIMATION_MAX_SECONDS, 0, NULL,
    "animation (.webm, .gif): length; the frames sweep the\n"
    "figure's epochs evenly", NULL },
  { "--list", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "list the figures and their options (alone)", NULL },
};

const DlnCliCommandSpec dln_cli_export_spec = {
  "export", "FIGURE --out FILE [OPTIONS] [FIGURE OPTIONS]\n"
  "       dlnlab-cli export --list",
  "Renders a figure of the dlnlab window from fresh engine output.\n"
  "The file type follows FILE's extension: .png, .svg, .pdf (vector,\n"
  "fonts embedded), .csv (the exact data behind the figure) or .py\n"
  "(a PyTorch script that reruns the computation and writes that CSV\n"
  "with --csv; the figures marked 'python' in --list), .webm (VP8\n"
  "video) or .gif: an animation of a figure that changes over time\n"
  "(marked 'animated' in --list). Runs grow epoch by epoch (--epochs\n"
  "from 1 to its value), rsm sweeps --epoch, graph steps through its\n"
  "forward then backward pass; the engine runs once and each frame is\n"
  "the still export of its moment. An existing FILE is replaced\n"
  "atomically; a failed or cancelled recording leaves none.\n",
  export_options, G_N_ELEMENTS (export_options),
  "Figure options: each figure's own table, with its defaults and ranges\n"
  "(dlnlab-cli export --list), as --NAME VALUE.\n"
  "\n"
  "SVG and PDF are sized at 96 CSS pixels per inch (0.75 pt each).\n"
  "A diverged run is drawn as far as it went, flagged \"diverged\".\n",
  -1, NULL,  /* writes a file: the option-table test runs its refusals only */
};

static const char *
type_name (const DlnFigureOption *o)
{
  switch (o->type)
    {
    case DLN_OPTION_DOUBLE:
      return "NUMBER";
    case DLN_OPTION_INT:
      return "INT";
    case DLN_OPTION_CHOICE:
      return "CHOICE";
    case DLN_OPTION_STRING:
      return "TEXT";
    }
  return "VALUE";
}

static void
print_list (void)
{
  size_t n;
  const DlnCatalogueEntry *const *entries = dln_figure_catalogue (&n);

  for (size_t i = 0; i < n; i++)
    {
      const DlnCatalogueEntry *e = entries[i];

      printf ("%s\t%s\t%s (default %gx%g)%s%s\n", e->name, e->demo,
              e->description, e->width, e->height,
              dln_figure_python_supported (e) ? " [python]" : "",
              dln_figure_animation_option (e) != NULL ? " [animated]" : "");
      for (size_t k = 0; k < e->n_options; k++)
        {
          const DlnFigureOption *o = &e->options[k];

          printf ("  --%s %s", o->name, type_name (o));
          if (o->type == DLN_OPTION_CHOICE)
            printf (" (%s)", o->choices);
          else if (o->type != DLN_OPTION_STRING)
            printf (" (%g ... %g)", o->min, o->max);
          printf (" default %s: %s\n", o->default_value, o->help);
        }
    }
}

static int
export_animation (const DlnCatalogueEntry *entry,
                  const DlnFigureArgs     *args,
                  const char              *out_path,
                  DlnAnimationFormat       format,
                  double                   width,
                  double                   height,
                  double                   fps,
                  double                   seconds,
                  DlnTheme                 theme)
{
  DlnFigureStyle style;
  DlnMessage msg = { 0 };
  DlnStatus status;

  if (dln_figure_animation_option (entry) == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "figure '%s' does not change over time, so it has "
                          "no animation (animated: %s)", entry->name,
                          dln_figure_animation_names ());
  if (isnan (width))
    width = entry->width;
  if (isnan (height))
    height = entry->height;
  if (width != floor (width) || height != floor (height)
      || width > DLN_ANIMATION_MAX_SIDE || height > DLN_ANIMATION_MAX_SIDE)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "bad animation size %gx%g: whole pixels, each side "
                          "%g ... %g", width, height, DLN_FIGURE_MIN_SIZE,
                          DLN_ANIMATION_MAX_SIDE);
  dln_figure_style_init (&style, theme);
  status = dln_figure_animation_record (out_path, format, args, (int) width,
                                        (int) height, fps, seconds, &style,
                                        NULL, NULL, NULL, &msg);
  if (status != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_exit_status (status), "%s: %s",
                          entry->name, msg.text);
  return DLN_CLI_EXIT_OK;
}

int
dln_cli_export (int    argc,
                char **argv)
{
  const DlnCatalogueEntry *entry = NULL;
  const char *out_path = NULL;
  double width = NAN, height = NAN, scale = 1.0, fps = 10, seconds = 5;
  DlnAnimationFormat anim_format;
  DlnTheme theme = DLN_THEME_LIGHT;
  DlnFigureArgs args;
  DlnFigureInstance fig;
  DlnFigureFormat format;
  DlnFigureStyle style;
  DlnMessage msg = { 0 };
  DlnStatus status;
  int i = 1, own;

  if (argc >= 2 && (strcmp (argv[1], "--help") == 0
                    || strcmp (argv[1], "-h") == 0))
    {
      dln_cli_print_help (&dln_cli_export_spec, stdout);
      return DLN_CLI_EXIT_OK;
    }
  if (argc >= 2 && strcmp (argv[1], "--list") == 0)
    {
      if (argc > 2)
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "export --list takes no other arguments");
      print_list ();
      return DLN_CLI_EXIT_OK;
    }
  if (argc < 2 || argv[1][0] == '-')
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "export needs a FIGURE name first (see "
                          "dlnlab-cli export --list)");
  entry = dln_figure_catalogue_find (argv[1]);
  if (entry == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "unknown figure '%s' (see dlnlab-cli export --list)",
                          argv[1]);
  dln_figure_args_init (&args, entry);

  for (i = 2; i < argc; i++)
    {
      const char *arg = argv[i], *value = NULL;
      g_autofree char *name = NULL;
      const char *eq;

      if (strncmp (arg, "--", 2) != 0 || arg[2] == '\0')
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "unexpected argument '%s'", arg);
      eq = strchr (arg, '=');
      name = eq != NULL ? g_strndup (arg + 2, (gsize) (eq - arg - 2))
                        : g_strdup (arg + 2);
      if (eq == NULL && strcmp (name, "help") == 0)
        {
          dln_cli_print_help (&dln_cli_export_spec, stdout);
          return DLN_CLI_EXIT_OK;
        }
      value = dln_cli_option_value (argc, argv, &i, eq);
      if (value == NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "option '--%s' needs a value", name);

      own = -1;
      for (size_t k = 0; k < G_N_ELEMENTS (export_options); k++)
        if (strcmp (export_options[k].name + 2, name) == 0)
          own = (int) k;
      if (own >= 0)
        {
          const DlnCliOption *o = &export_options[own];
          DlnCliValue v = { 0, 0, 0 };

          if (o->kind == DLN_CLI_FLAG)
            return dln_cli_error (DLN_CLI_EXIT_USAGE,
                                  "export --list takes no other arguments");
          if (dln_cli_option_check (o, value, &v, &msg) != DLN_STATUS_OK)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
          if (strcmp (name, "out") == 0)
            out_path = value;
          else if (strcmp (name, "width") == 0)
            width = v.number;
          else if (strcmp (name, "height") == 0)
            height = v.number;
          else if (strcmp (name, "scale") == 0)
            scale = v.number;
          else if (strcmp (name, "fps") == 0)
            fps = v.number;
          else if (strcmp (name, "seconds") == 0)
            seconds = v.number;
          else
            theme = v.choice == 1 ? DLN_THEME_DARK : DLN_THEME_LIGHT;
        }
      else if (dln_figure_option_find (entry, name) >= 0)
        {
          if (dln_figure_args_set (&args, name, value, &msg) != DLN_STATUS_OK)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
        }
      else
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "unknown option '--%s' for figure '%s' (see "
                              "dlnlab-cli export --list)", name, entry->name);
    }

  if (out_path == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "export needs --out FILE "
                          "(missing --out)");
  if (g_str_has_suffix (out_path, ".py"))
    {
      if (!dln_figure_python_supported (entry))
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "figure '%s' has no Python script (see "
                              "dlnlab-cli export --list)", entry->name);
      status = dln_figure_python_export (out_path, entry, &args, &msg);
      if (status != DLN_STATUS_OK)
        return dln_cli_error (dln_cli_exit_status (status), "%s", msg.text);
      return DLN_CLI_EXIT_OK;
    }
  if (dln_figure_animation_format_from_path (out_path, &anim_format, NULL)
      == DLN_STATUS_OK)
    return export_animation (entry, &args, out_path, anim_format, width,
                             height, fps, seconds, theme);
  if (dln_figure_format_from_path (out_path, &format, &msg) != DLN_STATUS_OK)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
  if (isnan (width))
    width = entry->width;
  if (isnan (height))
    height = entry->height;
  /* Size is checked before the engine runs, so a typo fails at once. */
  if (!(width >= DLN_FIGURE_MIN_SIZE && width <= DLN_FIGURE_MAX_SIZE
        && height >= DLN_FIGURE_MIN_SIZE && height <= DLN_FIGURE_MAX_SIZE))
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "bad size %gx%g: each side must be %g ... %g",
                          width, height, DLN_FIGURE_MIN_SIZE,
                          DLN_FIGURE_MAX_SIZE);

  status = dln_figure_build (entry, &args, &fig, &msg);
  if (status == DLN_STATUS_INVALID_INPUT && msg.column > 0
      && dln_figure_option_find (entry, "expr") >= 0)
    {
      /* an expression's error names its line and column and shows them
       * with a caret, as grad and graph do */
      g_autofree char *prefix = g_strdup_printf ("%s: --expr: ",
                                                 entry->name);

      return dln_cli_expr_error (prefix,
                                 dln_figure_args_string (&args, "expr"),
                                 &msg);
    }
  if (status != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_exit_status (status), "%s: %s",
                          entry->name, msg.text);

  dln_figure_style_init (&style, theme);
  if (format == DLN_FIGURE_FORMAT_CSV)
    status = dln_figure_export_csv (out_path, fig.csv, fig.data, &msg);
  else
    status = dln_figure_export (out_path, format, width, height, scale,
                                fig.render, &style, fig.data, &msg);
  dln_figure_instance_clear (&fig);
  /* A bad scale is the command line's (2); a file that cannot be written
   * is the machine's (1), as for every output. */
  if (status != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_exit_status (status), "%s", msg.text);
  return DLN_CLI_EXIT_OK;
}
