#pragma once

/* dlnlab-cli's option tables: every command lists its options once, in a
 * DlnCliOption table (name, kind, default, range, help), and that one
 * table parses the command line, refuses a value outside its range with
 * a message naming the option, and prints --help (docs/cli.md#options).
 * dln_cli_commands () hands every command's table to the tests, which
 * check each default and range against the running command. */

#include "dln-status.h"

#include <glib.h>
#include <stdio.h>

typedef enum
{
  DLN_CLI_FLAG,     /* no value: present or not */
  DLN_CLI_INT,      /* a whole number, no sign, in min .. max */
  DLN_CLI_SEED,     /* a whole number in 0 .. 2^64 - 1 */
  DLN_CLI_NUMBER,   /* a finite number in min .. max (see OPEN_MIN) */
  DLN_CLI_CHOICE,   /* one of @choices, "a|b|c" */
  DLN_CLI_TEXT,     /* any text: a name, a file, a list, a point */
} DlnCliOptionKind;

/* DlnCliOption.flags */
#define DLN_CLI_OPEN_MIN 1u  /* NUMBER: @min itself is refused (lr > 0) */
#define DLN_CLI_REQUIRED 2u  /* the command refuses to run without it */
#define DLN_CLI_OPEN_MAX 4u  /* NUMBER: @max itself is refused (beta < 1) */

typedef struct
{
  const char      *name;     /* "--depth" */
  DlnCliOptionKind kind;
  const char      *metavar;  /* "D" in "--depth D"; NULL for a flag */
  const char      *def;      /* the default, as text; NULL when there is
                              * none or it depends on another option (the
                              * help then says so) */
  double           min, max; /* INT, NUMBER: inclusive bounds (±inf for
                              * none) */
  unsigned         flags;
  const char      *choices;  /* CHOICE: "auto|direct|reduced" */
  const char      *help;     /* lines without the default and range, which
                              * --help adds from the fields above */
  const char      *needs;    /* (nullable) further arguments under which
                              * the option matters and its default holds,
                              * e.g. "--optimizer adam" (for the tests) */
} DlnCliOption;

typedef struct
{
  const char         *name;      /* "train" */
  const char         *synopsis;  /* after "Usage: dlnlab-cli train " */
  const char         *intro;     /* what the command does */
  const DlnCliOption *options;
  size_t              n_options;
  const char         *details;   /* output format, exit status */
  int                 positional;/* positional arguments allowed: 0, or -1
                                  * for any number (grad's EXPR NAME=V) */
  const char         *example;   /* arguments of a quick valid run, for the
                                  * tests */
} DlnCliCommandSpec;

#define DLN_CLI_MAX_OPTIONS 48

/* the --progress row of a long-running command's table */
#define DLN_CLI_PROGRESS_OPTION                                         \
  { "--progress", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,              \
    "progress lines on stderr (a terminal shows a run\n"                \
    "that passes one second without it)", NULL }

/* the --json row of a command whose output is CSV otherwise */
#define DLN_CLI_JSON_OPTION                                             \
  { "--json", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,                  \
    "JSON instead of CSV", NULL }

/* What an option's value means, by its kind. */
typedef struct
{
  double  number;  /* INT, NUMBER */
  guint64 seed;    /* SEED */
  int     choice;  /* CHOICE: index */
} DlnCliValue;

/* The parsed command line: per option of the spec, the last value given
 * (the last occurrence wins), and the positional arguments in order. */
typedef struct
{
  const DlnCliCommandSpec *spec;
  gboolean     help;                        /* --help or -h */
  gboolean     given[DLN_CLI_MAX_OPTIONS];
  const char  *text[DLN_CLI_MAX_OPTIONS];   /* the value's text */
  DlnCliValue  value[DLN_CLI_MAX_OPTIONS];  /* what the text means */
  const char **positional;                  /* into argv */
  int          n_positional;
} DlnCliArgs;

/* dln_cli_commands:
 * Every command's spec, in the order of dlnlab-cli --help. */
const DlnCliCommandSpec *const *dln_cli_commands (size_t *n);

/* dln_cli_option_check:
 * Checks @value for option @o and stores what it means in @meaning
 * (nullable; only the field of @o's kind is set). Returns DLN_STATUS_OK,
 * or DLN_STATUS_INVALID_INPUT with "<name> needs <what>, got '<value>'"
 * in @msg (for a CHOICE: "<name> is a, b or c, not '<value>'"). */
DlnStatus dln_cli_option_check (const DlnCliOption *o,
                                const char         *value,
                                DlnCliValue        *meaning,
                                DlnMessage         *msg);

/* dln_cli_option_range:
 * The option's allowed values in words ("an integer from 1 to 64", "a
 * finite number > 0", "auto, direct or reduced"); NULL for a flag or
 * text. Free with g_free. */
char     *dln_cli_option_range (const DlnCliOption *o);

/* dln_cli_args_parse:
 * Parses argv[1 ..] (argv[0] is the command) against @spec: "--opt
 * value" or "--opt=value" (a value may begin with '-'), flags, "--"
 * before positional arguments that begin with '-'. Stops at --help.
 * Returns 0, or DLN_CLI_EXIT_USAGE after printing the error (unknown
 * option, missing value, a value outside the option's range, a missing
 * required option, a positional argument where none is allowed). */
int       dln_cli_args_parse   (DlnCliArgs              *args,
                                const DlnCliCommandSpec *spec,
                                int                      argc,
                                char                   **argv);

/* dln_cli_args_parse_command:
 * dln_cli_args_parse () with --help answered, the start of every command
 * that has nothing to add to its table: TRUE when the command is to run
 * on @args (clear them when done); FALSE when it is not, with @args
 * cleared and *@rc its exit status (0 once the help is printed, else the
 * usage error's). */
gboolean  dln_cli_args_parse_command (DlnCliArgs              *args,
                                      const DlnCliCommandSpec *spec,
                                      int                      argc,
                                      char                   **argv,
                                      int                     *rc);

/* dln_cli_args_clear:
 * Frees what dln_cli_args_parse () allocated. */
void      dln_cli_args_clear   (DlnCliArgs              *args);

/* Values by option name (a name not in the spec is a programming error).
 * _given: the option was on the command line; the others return the
 * given value, else the table's default (0, NULL or -1 when it has
 * none). */
gboolean    dln_cli_args_given  (const DlnCliArgs *args,
                                 const char       *name);
double      dln_cli_args_number (const DlnCliArgs *args,
                                 const char       *name);
size_t      dln_cli_args_size   (const DlnCliArgs *args,
                                 const char       *name);
guint64     dln_cli_args_seed   (const DlnCliArgs *args,
                                 const char       *name);
int         dln_cli_args_choice (const DlnCliArgs *args,
                                 const char       *name);
const char *dln_cli_args_text   (const DlnCliArgs *args,
                                 const char       *name);

/* Over a default set before (a course's, say): *@value becomes the
 * option's value when it was given, and stays as it is otherwise. */
void        dln_cli_args_update_number (const DlnCliArgs *args,
                                        const char       *name,
                                        double           *value);
void        dln_cli_args_update_size   (const DlnCliArgs *args,
                                        const char       *name,
                                        size_t           *value);
void        dln_cli_args_update_seed   (const DlnCliArgs *args,
                                        const char       *name,
                                        guint64          *value);

/* dln_cli_print_help:
 * Usage line, intro, the option table (each with its default and range)
 * and the details, on @out. */
void      dln_cli_print_help   (const DlnCliCommandSpec *spec,
                                FILE                    *out);
