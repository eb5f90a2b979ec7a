#!/bin/bash
# with-xvfb.sh COMMAND [ARGS...]: runs COMMAND under a private Xvfb and a
# private D-Bus session bus (dbus-run-session). Xvfb picks a free display
# itself (-displayfd), so parallel tests and a developer's own X server
# never collide; it dies with us. XVFB_SCREEN (WxHxDEPTH, default
# 1400x900x24) sets its size. dlnlab is a unique application on the
# session bus, and the drivers reach it there (org.gtk.Actions).
set -u
tmp=$(mktemp -d)
trap 'kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null; rm -rf "$tmp"' EXIT
Xvfb -displayfd 9 -screen 0 "${XVFB_SCREEN:-1400x900x24}" -nolisten tcp -noreset \
  9>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xpid=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xpid" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$tmp/display" ]; then
  echo "Bail out! Xvfb did not start: $(cat "$tmp/xvfb.log")"
  exit 1
fi
export DISPLAY=":$(head -n1 "$tmp/display")"
# GDK_DEBUG=gl-disable: the cairo renderer needs no GL, and GDK's GL probe
# at display open leaks inside Mesa's driver (which LSan then reports in
# make check-asan).
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
  GDK_DEBUG=gl-disable
# Not exec: the EXIT trap above must still run to stop this Xvfb.
# The bus and the services it starts write to stderr (the AT-SPI registry
# greets on stdout); COMMAND's stdout (its TAP) stays ours, via fd 3.
exec 3>&1
dbus-run-session -- sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
exit $?
