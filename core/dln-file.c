/* Atomic file writes (see dln-file.h). */

#include "dln-file.h"

#include "dln-core-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static DlnStatus
fail (const char *path,
      int         err,
      DlnMessage *msg)
{
  dln_message_set (msg, 0, _("cannot write '%s': %s"), path,
                   err != 0 ? strerror (err) : "write error");
  return DLN_STATUS_IO;
}

/* O_EXCL rather than mkstemp, so that the umask applies (mkstemp's 0600
 * would make every export private). */
DlnStatus
dln_atomic_file_open (DlnAtomicFile *f,
                      const char    *path,
                      DlnMessage    *msg)
{
  const char *slash, *base;
  int dir_len, fd = -1, err = 0;
  struct stat st;

  DLN_ASSERT (f != NULL && path != NULL);
  f->fp = NULL;
  f->path = path;
  f->tmp[0] = '\0';
  slash = strrchr (path, '/');
  dir_len = slash != NULL ? (int) (slash - path + 1) : 0;
  base = slash != NULL ? slash + 1 : path;
  if (*base == '\0' || (stat (path, &st) == 0 && S_ISDIR (st.st_mode)))
    {
      dln_message_set (msg, 0, _("cannot write '%s': it is a directory"), path);
      return DLN_STATUS_IO;
    }
  for (int n = 0; n < 100 && fd < 0; n++)
    {
      int len = snprintf (f->tmp, sizeof f->tmp, "%.*s.%s.%ld-%d.tmp",
                          dir_len, path, base, (long) getpid (), n);

      if (len < 0 || (size_t) len >= sizeof f->tmp)
        return fail (path, ENAMETOOLONG, msg);
      fd = open (f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      err = errno;
      if (fd < 0 && err != EEXIST)
        break;
    }
  if (fd < 0)
    return fail (path, err, msg);
  f->fp = fdopen (fd, "wb");
  if (f->fp == NULL)
    {
      err = errno;
      close (fd);
      unlink (f->tmp);
      return fail (path, err, msg);
    }
  return DLN_STATUS_OK;
}

DlnStatus
dln_atomic_file_commit (DlnAtomicFile *f,
                        DlnMessage    *msg)
{
  int err = 0;
  bool bad = false;

  DLN_ASSERT (f != NULL && f->fp != NULL);
  /* Flush first: after an earlier failed write the flush retries the
   * buffer and fails the same way, so errno says why (ENOSPC, EFBIG). */
  errno = 0;
  if (fflush (f->fp) != 0)
    {
      bad = true;
      err = errno;
    }
  else
    bad = ferror (f->fp) != 0;
  /* the data reach the disk before the name does: a crash after the
   * rename never leaves an empty or partial file under the old name */
  if (!bad && fsync (fileno (f->fp)) != 0 && errno != EINVAL)
    {
      bad = true;
      err = errno;
    }
  if (fclose (f->fp) != 0 && !bad)
    {
      bad = true;
      err = errno;
    }
  f->fp = NULL;
  if (!bad && rename (f->tmp, f->path) != 0)
    {
      bad = true;
      err = errno;
    }
  if (bad)
    {
      unlink (f->tmp);
      return fail (f->path, err, msg);
    }
  return DLN_STATUS_OK;
}

void
dln_atomic_file_abort (DlnAtomicFile *f)
{
  DLN_ASSERT (f != NULL);
  if (f->fp != NULL)
    fclose (f->fp);
  f->fp = NULL;
  if (f->tmp[0] != '\0')
    unlink (f->tmp);
  f->tmp[0] = '\0';
}
