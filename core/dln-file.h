#pragma once

#include "dln-status.h"

#include <stdio.h>

/* --- Atomic file writes ---
 * Every file dlnlab writes (weights, dataset CSV, figure exports) goes
 * through this: the data goes to a temporary file in the target's own
 * directory, which is flushed, synced and renamed over the target only
 * when every write succeeded. A full disk, a permission error or a crash
 * half-way therefore leaves the previous file intact, and the error names
 * the file. (Sessions, written from GLib code through a GFile, use
 * g_file_replace_contents (), which does the same.)
 *
 *   DlnAtomicFile f;
 *   if (dln_atomic_file_open (&f, path, msg) != DLN_STATUS_OK)
 *     return DLN_STATUS_IO;
 *   fputs ("...", f.fp);
 *   return dln_atomic_file_commit (&f, msg);   (or dln_atomic_file_abort) */

typedef struct
{
  FILE       *fp;         /* write here; NULL once committed or aborted */
  const char *path;       /* the target; borrowed from the caller */
  char        tmp[4096];  /* "<dir>/.<base>.<pid>-<n>.tmp" */
} DlnAtomicFile;

/* dln_atomic_file_open:
 * @f:    filled in; @f->fp is the stream to write
 * @path: the file to create or replace; kept (borrowed) until commit/abort
 * Creates the temporary next to @path (mode 0666 less the umask, as a
 * plain fopen would). Returns DLN_STATUS_OK, or DLN_STATUS_IO with
 * "cannot write 'PATH': reason" in @msg (no such directory, permission,
 * @path names a directory, path too long). */
DlnStatus dln_atomic_file_open   (DlnAtomicFile *f,
                                  const char    *path,
                                  DlnMessage    *msg);

/* dln_atomic_file_commit:
 * Checks the stream for write errors, flushes, syncs and closes it, then
 * renames the temporary over @f->path. On any failure the temporary is
 * removed and the target is left as it was.
 * Returns DLN_STATUS_OK, or DLN_STATUS_IO with "cannot write 'PATH':
 * reason" (e.g. "No space left on device") in @msg. */
DlnStatus dln_atomic_file_commit (DlnAtomicFile *f,
                                  DlnMessage    *msg);

/* dln_atomic_file_abort:
 * Closes and removes the temporary; the target is left as it was. Safe
 * after a failed commit. */
void      dln_atomic_file_abort  (DlnAtomicFile *f);
