#pragma once

/* Sanitizer builds (make check-asan) only; elsewhere a no-op. */

/* dln_sanitizer_keep_glib_quark_table:
 * GLib leaks its first quark table on purpose: when a process registers
 * more than 2048 quarks (the GTK file chooser's types do, and
 * GStreamer's in an animation export), gquark.c
 * copies the table and never frees the old one, so lookups need no lock.
 * LeakSanitizer reports that block (16 KiB, allocated in GLib's library
 * constructor). Run before main () in every program linking
 * dln-sanitizer.c (and callable again), this finds that one block, by
 * its size and its first entries, through the pointer GLib still holds,
 * and tells LeakSanitizer it is kept on purpose. If GLib changes and the
 * block is not found, nothing is marked and the report comes back. */
void dln_sanitizer_keep_glib_quark_table (void);
