#!/bin/bash
# with-xvfb.sh COMMAND [ARGS...]: runs COMMAND under a private Xvfb
# (tests/start-xvfb.sh: 1400x900, cairo, no GL) and a private D-Bus session
# bus (dbus-run-session). dlnlab is a unique application on the session
# bus, and the drivers reach it there (org.gtk.Actions).
set -u
. "$(dirname "$0")/../start-xvfb.sh" 1400x900 no-gl
# Not exec: the EXIT trap of start-xvfb.sh must still run to stop Xvfb.
dbus-run-session -- "$@"
exit $?
