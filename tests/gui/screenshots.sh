#!/bin/bash
# screenshots.sh [OUTDIR] [SIZES] [SCHEMES] [DEMOS]: a PNG of every page of
# build/app/dlnlab at every window size, light and dark, to look at.
#   OUTDIR   where the PNGs go (default: build/screenshots)
#   SIZES    e.g. "1024x700 1366x768 1280x800 1920x1080" (the default)
#   SCHEMES  "light dark" (the default)
#   DEMOS    demo names (default: all, from dlnlab --list-demos)
# Each shot is a fresh app on its own Xvfb whose screen is the window's
# size (no window manager: the window fills the screen at 0,0), named
# DEMO-WxH-SCHEME.png. The size comes from a keyfile GSettings backend,
# as if the user had left the window at that size. Run from the
# source root after `meson compile -C build`; needs Xvfb, dbus-run-session
# and ImageMagick's import. Takes about 3 s a shot: use nice.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build}
app=$build/app/dlnlab
out=${1:-$build/screenshots}
sizes=${2:-"1024x700 1366x768 1280x800 1920x1080"}
schemes=${3:-"light dark"}
demos=${4:-$("$app" --list-demos)}
settle=${SETTLE:-2.5}
mkdir -p "$out"
work=$(mktemp -d)
xpid=
cleanup () { [ -n "$xpid" ] && kill "$xpid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

shoot () {  # shoot DEMO W H SCHEME
  local demo=$1 w=$2 h=$3 scheme=$4 disp pid file
  file="$out/$demo-${w}x$h-$scheme.png"
  rm -rf "$work/cfg" && mkdir -p "$work/cfg/glib-2.0/settings"
  printf '[org/dlnlab/Dlnlab]\nwindow-width=%d\nwindow-height=%d\n' \
    "$w" "$h" >"$work/cfg/glib-2.0/settings/keyfile"
  rm -f "$work/display"
  Xvfb -displayfd 9 -screen 0 "${w}x${h}x24" -nolisten tcp -noreset \
    9>"$work/display" >/dev/null 2>&1 &
  xpid=$!
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.05; done
  disp=":$(head -n1 "$work/display")"
  DISPLAY=$disp XDG_CONFIG_HOME=$work/cfg GSETTINGS_BACKEND=keyfile \
    GSETTINGS_SCHEMA_DIR=$build/data GDK_BACKEND=x11 GSK_RENDERER=cairo \
    GDK_DEBUG=gl-disable NO_AT_BRIDGE=1 \
    ADW_DEBUG_COLOR_SCHEME=prefer-$scheme \
    dbus-run-session -- "$app" --demo "$demo" >"$work/app.log" 2>&1 &
  pid=$!
  sleep "$settle"
  DISPLAY=$disp import -window root "$file" 2>/dev/null \
    && echo "$file" || echo "FAILED $file: $(tail -n 3 "$work/app.log")"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null; xpid=
}

for size in $sizes; do
  for scheme in $schemes; do
    for demo in $demos; do
      shoot "$demo" "${size%x*}" "${size#*x}" "$scheme"
    done
  done
done
