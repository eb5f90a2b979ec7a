#!/bin/bash
# bench-gui-latency.sh DLNLAB [ARGS...]: runs bench-gui-latency.py under a
# private Xvfb at 1280x800 (the size the course's lab PCs show the window
# at) and a private session bus, on which dlnlab and the benchmark find the
# AT-SPI bus. Unlike tests/gui/with-xvfb.sh it keeps GL and accessibility
# on: the default renderer is part of what is measured.
set -u
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null; rm -rf "$tmp"' EXIT
Xvfb -displayfd 9 -screen 0 1280x800x24 -nolisten tcp -noreset \
  9>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xpid=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xpid" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$tmp/display" ]; then
  echo "Xvfb did not start: $(cat "$tmp/xvfb.log")"
  exit 1
fi
export DISPLAY=":$(head -n1 "$tmp/display")" GDK_BACKEND=x11
unset GSK_RENDERER GTK_A11Y NO_AT_BRIDGE GDK_DEBUG
# Debian's python3 (pyatspi and python3-xlib are Debian packages).
dbus-run-session -- /usr/bin/python3 "$here/bench-gui-latency.py" "$@" \
  2> >(grep -v -e 'dbus-daemon' -e 'SpiRegistry' -e 'dbind-WARNING' >&2)
exit $?
