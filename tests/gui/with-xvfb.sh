#!/bin/bash
# with-xvfb.sh COMMAND [ARGS...]: runs COMMAND under a private Xvfb
# (tests/start-xvfb.sh: cairo, no GL) and a private D-Bus session bus
# (dbus-run-session). XVFB_SCREEN (WIDTHxHEIGHTxDEPTH, default 1400x900x24)
# sets the screen's size. dlnlab is a unique application on the session
# bus, and the drivers reach it there (org.gtk.Actions).
set -u
. "$(dirname "$0")/../start-xvfb.sh" "${XVFB_SCREEN:-1400x900x24}" no-gl
# libcloudproviders (behind the file chooser's places sidebar) leaks the
# path it builds for every system data directory without a
# cloud-providers/ folder, and LeakSanitizer fails the test under make
# check-asan with no way to name the library (GLib has no frame pointers:
# the stack ends at g_realloc). So the programs see each data directory
# through links in a private one that has that folder (empty: no
# providers); $xvfb_tmp is removed on exit.
data_dirs=
n_dirs=0
IFS=: read -r -a dirs <<<"${XDG_DATA_DIRS:-/usr/local/share/:/usr/share/}"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  n_dirs=$((n_dirs + 1))
  mkdir "$xvfb_tmp/data-$n_dirs"
  find "$d" -mindepth 1 -maxdepth 1 -exec ln -s -t "$xvfb_tmp/data-$n_dirs" {} +
  [ -e "$xvfb_tmp/data-$n_dirs/cloud-providers" ] \
    || mkdir "$xvfb_tmp/data-$n_dirs/cloud-providers"
  data_dirs="$data_dirs${data_dirs:+:}$xvfb_tmp/data-$n_dirs"
done
export XDG_DATA_DIRS=$data_dirs
# Not exec: the EXIT trap of start-xvfb.sh must still run to stop Xvfb.
# The bus and the services it starts write to stderr (the AT-SPI registry
# greets on stdout); COMMAND's stdout (its TAP) stays ours, via fd 3.
exec 3>&1
dbus-run-session -- sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
exit $?
