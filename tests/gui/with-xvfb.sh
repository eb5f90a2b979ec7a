#!/bin/bash
# with-xvfb.sh COMMAND [ARGS...]: runs COMMAND under a private Xvfb
# (tests/start-xvfb.sh: cairo, no GL) and a private D-Bus session bus
# (dbus-run-session). XVFB_SCREEN (WIDTHxHEIGHTxDEPTH, default 1400x900x24)
# sets the screen's size. dlnlab is a unique application on the session
# bus, and the drivers reach it there (org.gtk.Actions).
set -u
. "$(dirname "$0")/../start-xvfb.sh" "${XVFB_SCREEN:-1400x900x24}" no-gl
# Not exec: the EXIT trap of start-xvfb.sh must still run to stop Xvfb.
dbus-run-session -- "$@"
exit $?
