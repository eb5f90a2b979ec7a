#!/bin/bash
# The GUI storm (make storm): random clicks, drags, scrolls, keys and demo
# switches on the real dlnlab for a set time, from a fixed seed, under the
# Xvfb of with-xvfb.sh. Prints TAP.
#
#   with-xvfb.sh gui-storm.sh DLNLAB X_PING ARTEFACT_DIR [SECONDS] [SEED]
#
# Fails on a crash (the process ends), a hang (the window must answer an
# EWMH ping, x-ping, within 2 s after every action: an X round trip through
# the application's main loop), a GTK/GLib warning or critical (fatal via
# G_DEBUG, and grepped from the log) or a sanitizer report in the log (run
# it with the ASan build: make check-asan). Keys that quit, close or open
# a file chooser are left out: a storm must not write files or stop itself.
set -u
app=$1
xping=$2
art=$3
seconds=${4:-60}
seed=${5:-13}
source "$(dirname "$0")/gui-lib.sh"

RANDOM=$seed
keys=(Tab shift+Tab space Return Escape Up Down Left Right Page_Up Page_Down
      Home End plus minus BackSpace Delete a x 1 2 0 period ctrl+n
      ctrl+space ctrl+r ctrl+z ctrl+a F10 ctrl+question shift+F10)
demos=($("$app" --list-demos))

# act ARGS...: one xdotool command, logged to $art/storm-actions.log so a
# failure can be replayed (the seed gives the same sequence).
act () { echo "xdotool $*" >>"$art/storm-actions.log"; xdotool "$@"; }

# The storm goes on while the app lives and answers; why it stopped is
# in $stopped.
storm () {
  local end=$((SECONDS + seconds)) geo w h x y x2 y2 r
  geo=$(xdotool getwindowgeometry --shell "$win")
  w=$(echo "$geo" | sed -n 's/^WIDTH=//p')
  h=$(echo "$geo" | sed -n 's/^HEIGHT=//p')
  actions=0
  pings=0
  slowest=0
  while [ $SECONDS -lt $end ]; do
    r=$((RANDOM % 100))
    # inside the window's edges: with no window manager under Xvfb, a
    # press on GTK's resize border starts a resize that never ends, and
    # GTK 4.8 then warns "Broken accounting of active state" (a GTK bug)
    x=$((12 + RANDOM % (w - 24)))
    y=$((12 + RANDOM % (h - 24)))
    if [ $r -lt 35 ]; then
      act mousemove --window "$win" $x $y click 1
    elif [ $r -lt 40 ]; then
      act mousemove --window "$win" $x $y click 3
    elif [ $r -lt 55 ]; then
      # drags start below the header bar (a drag there moves the window)
      y=$((60 + RANDOM % (h - 72)))
      x2=$((12 + RANDOM % (w - 24)))
      y2=$((12 + RANDOM % (h - 24)))
      act mousemove --window "$win" $x $y mousedown 1 \
        mousemove --window "$win" $(((x + x2) / 2)) $(((y + y2) / 2)) \
        mousemove --window "$win" $x2 $y2 mouseup 1
    elif [ $r -lt 60 ]; then
      act mousemove --window "$win" $x $y click $((4 + RANDOM % 2))
    elif [ $r -lt 90 ]; then
      act key --clearmodifiers "${keys[RANDOM % ${#keys[@]}]}"
    else
      # a demo switch: a row of the sidebar (the left 200 px)
      act mousemove --window "$win" $((20 + RANDOM % 150)) \
        $((60 + RANDOM % (h - 80))) click 1
    fi
    actions=$((actions + 1))
    sleep 0.0$((RANDOM % 10))
    if ! kill -0 "$app_pid" 2>/dev/null; then
      stopped="the app ended after $actions actions"
      return 1
    fi
    local t0=$(date +%s%N)
    if ! "$xping" "$win" 2000 2>/dev/null; then
      stopped="no answer to a ping within 2 s after $actions actions"
      return 1
    fi
    local dt=$((($(date +%s%N) - t0) / 1000000))
    [ $dt -gt $slowest ] && slowest=$dt
    pings=$((pings + 1))
  done
  stopped="time up"
  return 0
}

if start_app storm --demo "${demos[RANDOM % ${#demos[@]}]}"; then
  stopped=
  : >"$art/storm-actions.log"
  storm
  rc=$?
  shot () { import -window root "$art/$1.png" 2>/dev/null; }
  shot storm-end
  check "storm: $actions actions in ${seconds}s (seed $seed), $pings pings answered within 2 s (slowest $slowest ms): $stopped" \
    test $rc = 0
  if kill -0 "$app_pid" 2>/dev/null; then
    # dialogs the storm opened may hold the focus: Escape them first
    for _ in 1 2 3; do xdotool key --clearmodifiers Escape; sleep 0.1; done
    stop_app; rc=$?
    check "storm: quits cleanly afterwards (status $rc)" test "$rc" = 0
  else
    wait "$app_pid"; rc=$?; app_pid=
    not_ok "storm: the app ended (status $rc)" "$(grep -v -- -DEBUG: "$log" | tail -n 20)"
  fi
  check "storm: no GTK warnings or criticals" log_clean
  check "storm: no sanitizer report" \
    bash -c '! grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$1"' _ "$log"
fi
echo "1..$n"
[ $failed = 0 ]
