#!/bin/bash
# with-xvfb.sh COMMAND [ARGS...]: runs COMMAND under a private Xvfb
# (tests/start-xvfb.sh: cairo, no GL) and a private D-Bus session bus
# (dbus-run-session). XVFB_SCREEN (WIDTHxHEIGHTxDEPTH, default 1400x900x24)
# sets the screen's size. dlnlab is a unique application on the session
# bus, and the drivers reach it there (org.gtk.Actions).
set -u
. "$(dirname "$0")/../start-xvfb.sh" "${XVFB_SCREEN:-1400x900x24}" no-gl
# Not exec: the EXIT trap of start-xvfb.sh must still run to stop Xvfb.
# The bus and the services it starts write to stderr (the AT-SPI registry
# greets on stdout); COMMAND's stdout (its TAP) stays ours, via fd 3.
exec 3>&1
dbus-run-session -- sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
exit $?
