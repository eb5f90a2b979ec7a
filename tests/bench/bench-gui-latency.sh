#!/bin/bash
# bench-gui-latency.sh DLNLAB [ARGS...]: runs bench-gui-latency.py under a
# private Xvfb at 1280x800 (the size the course's lab PCs show the window
# at; tests/start-xvfb.sh) and a private session bus, on which dlnlab and
# the benchmark find the AT-SPI bus. GL and accessibility stay on: the
# default renderer is part of what is measured.
set -u
here=$(dirname "$0")
. "$here/../start-xvfb.sh" 1280x800x24 gl
# Debian's python3 (pyatspi and python3-xlib are Debian packages).
dbus-run-session -- /usr/bin/python3 "$here/bench-gui-latency.py" "$@" \
  2> >(grep -v -e 'dbus-daemon' -e 'SpiRegistry' -e 'dbind-WARNING' >&2)
exit $?
