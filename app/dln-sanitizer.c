/* Sanitizer-only help for the app (dln-sanitizer.h). */

/* dl_iterate_phdr and struct dl_phdr_info (link.h) */
#define _GNU_SOURCE

#include "config.h"

#include "dln-sanitizer.h"

#include <glib.h>

#ifdef __SANITIZE_ADDRESS__

#include <link.h>
#include <sanitizer/lsan_interface.h>
#include <string.h>

/* From sanitizer/allocator_interface.h, which gcc 12 does not install;
 * libasan exports both. */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);

/* gquark.c's QUARK_BLOCK_SIZE: entries of the first table */
#define GLIB_QUARK_BLOCK 2048

/* A heap block of exactly the first table's size holding quarks 0 ... 2
 * (NULL, then the strings GLib returns for 1 and 2). */
static gboolean
is_quark_table (const char *const *t)
{
  return __sanitizer_get_ownership (t)
         && __sanitizer_get_allocated_size (t)
              == GLIB_QUARK_BLOCK * sizeof (char *)
         && t[0] == NULL && t[1] == g_quark_to_string (1)
         && t[2] == g_quark_to_string (2);
}

/* dl_iterate_phdr callback: looks through libglib's writable segments
 * (its globals) for the pointer to the table. */
static int
find_table (struct dl_phdr_info *info,
            size_t               size,
            void                *data)
{
  const char *const **found = data;

  if (strstr (info->dlpi_name, "/libglib-2.0.so") == NULL)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW (Phdr) *ph = &info->dlpi_phdr[i];
      guintptr start, end;

      if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) == 0)
        continue;
      start = (info->dlpi_addr + ph->p_vaddr + 7) & ~(guintptr) 7;
      end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
      for (guintptr a = start; a + sizeof (void *) <= end; a += sizeof (void *))
        {
          const char *const *t = *(const char *const *const *) a;

          if (is_quark_table (t))
            {
              *found = t;
              return 1;
            }
        }
    }
  return 0;
}

void
dln_sanitizer_keep_glib_quark_table (void)
{
  const char *const *table = NULL;

  g_quark_from_static_string ("dlnlab");  /* quarks 1 and 2 exist */
  if (dl_iterate_phdr (find_table, &table) != 0 && table != NULL)
    __lsan_ignore_object (table);
}

/* Every program linking this file (dlnlab, dlnlab-cli, the tests through
 * dln-test-util) marks it before main (): after GLib's own constructor,
 * which made the table, and before anything can pass 2048 quarks. */
__attribute__ ((constructor)) static void
keep_at_start (void)
{
  dln_sanitizer_keep_glib_quark_table ();
}

#else

void
dln_sanitizer_keep_glib_quark_table (void)
{
}

#endif
