#!/bin/bash
# The GUI suite: drives the real dlnlab binary with real X input (xdotool)
# under the Xvfb started by with-xvfb.sh, and prints TAP.
#
#   with-xvfb.sh gui-driver.sh DLNLAB ARTEFACT_DIR
#
# Every page is opened with --demo and through the sidebar, screenshots go
# to ARTEFACT_DIR (look at them), figures are exported through the
# window's win.export-to action over D-Bus and checked, and any GTK/GLib
# warning or critical fails the test (G_DEBUG makes them fatal; the log
# is grepped as well).
set -u
app=$1
art=$2
source "$(dirname "$0")/gui-lib.sh"

shot () { import -window root "$art/$1.png" 2>/dev/null && [ -s "$art/$1.png" ]; }

key () { xdotool key --clearmodifiers "$@"; sleep 0.15; }

is_png () { [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }

# wait_file PATH: up to 3 s for an export to appear.
wait_file () { for _ in $(seq 60); do [ -s "$1" ] && return 0; sleep 0.05; done; return 1; }

# export_csv NAME OUT: the page's main figure as CSV into $work/OUT.csv
# (win.export-to; NAME only labels the call). D-Bus calls are not ordered
# after X input, so let the keys pressed before it land first.
export_csv () {
  local f="$work/$2.csv"
  rm -f "$f"
  sleep 0.4
  win_action export-to "$f"
  wait_file "$f"
}

# export_figure PREV NEW: the visible page's main figure into NEW
# (win.export-to), again and again until it differs from PREV (up to
# 20 s). The keys that changed the page reach the app over X, the export
# over D-Bus, and the two are not ordered: under load the first export can
# still see the previous page. Returns at once when PREV is empty.
export_figure () {
  local prev=$1 new=$2 until=$((SECONDS + 20))
  while :; do
    rm -f "$new"
    win_action export-to "$new"
    wait_file "$new"
    [ -z "$prev" ] && return 0
    ! cmp -s "$prev" "$new" && return 0
    [ $SECONDS -lt $until ] || return 1
    sleep 0.2
  done
}

# --- every demo through --demo: a screenshot, a clean exit ---
# check_demo ID: launch with --demo, screenshot, Ctrl+Q, status, log.
check_demo () {
  local d=$1 rc
  if start_app "$d" --demo "$d"; then
    check "$d: screenshot" shot "demo-$d"
    stop_app; rc=$?
    check "$d: opens with --demo and quits cleanly (status $rc)" test "$rc" = 0
    check "$d: no GTK warnings or criticals" log_clean
  fi
}

# Helper mode: check only the demos named in DLN_GUI_DEMOS (the parent
# runs the other half at the same time on its own Xvfb) and stop.
if [ -n "${DLN_GUI_HELPER:-}" ]; then
  demos=$("$app" --list-demos 2>/dev/null)
  for d in ${DLN_GUI_DEMOS:-}; do check_demo "$d"; done
  # the per-page interactions run here too, beside the parent's sidebar walk
  source "$(dirname "$0")/gui-pages.sh"
  exit 0
fi

# --- command line ---
demos=$("$app" --list-demos 2>"$work/list.err")
check "--list-demos prints demo names" \
  test -n "$demos" -a ! -s "$work/list.err"
check "--list-demos names are unique ids" \
  bash -c '[ "$(printf "%s\n" "$1" | sort -u | wc -l)" = "$(printf "%s\n" "$1" | wc -l)" ] && ! printf "%s\n" "$1" | grep -vqE "^[a-z0-9-]+$"' _ "$demos"
"$app" --demo no-such-demo >"$work/bad.out" 2>"$work/bad.err"
check "--demo with an unknown name exits 2 and says so" \
  bash -c '[ "$1" = 2 ] && grep -q "unknown demo" "$2"' _ $? "$work/bad.err"
version=$("$app" --version 2>"$work/version.err")
check "--version prints the version and exits 0 ($version)" \
  bash -c '[ "$1" = 0 ] && printf "%s\n" "$2" | grep -qxE "dlnlab [0-9]+\.[0-9]+\.[0-9]+"' _ $? "$version"

# --- every demo through --demo ---
# A third of the demos, then the per-page interactions, go to a helper
# under a second Xvfb, in parallel with the rest and the sidebar walk.
n_demos=$(printf '%s\n' $demos | wc -l)
mine=$(printf "%s\n" $demos | head -n $(( (2 * n_demos + 2) / 3 )))
theirs=$(printf "%s\n" $demos | tail -n +$(( (2 * n_demos + 2) / 3 + 1 )))
DLN_GUI_HELPER=1 DLN_GUI_DEMOS="$(echo $theirs)" \
  "$(dirname "$0")/with-xvfb.sh" "$0" "$app" "$art" >"$work/helper.tap" 2>&1 &
helper_pid=$!
for d in $mine; do check_demo "$d"; done

# --- the sidebar: click the first row, walk down with the arrow keys and
# Enter,
# export every page's main figure (win.export-to): each row shows a new
# figure ---
first=$(printf '%s\n' $demos | head -n1)
if start_app sidebar --demo "$first"; then
  xdotool mousemove --window "$win" 100 100 click 1
  sleep 0.3
  i=0
  for d in $demos; do
    if [ $i -gt 0 ]; then key Down Return; sleep 0.15; fi
    i=$((i + 1))
    new="$exp/sidebar-$i.png"
    prev=
    [ $i -gt 1 ] && prev="$exp/sidebar-$((i - 1)).png"
    export_figure "$prev" "$new"
    check "sidebar row $i ($d): exports a PNG" is_png "$new"
    if [ $i -gt 1 ]; then
      check "sidebar row $i ($d): shows another figure than row $((i - 1))" \
        bash -c '! cmp -s "$1" "$2"' _ "$exp/sidebar-$((i - 1)).png" "$new"
    fi
    grep -q "Exported to $new" "$log" || not_ok "sidebar $d: export reported"
  done
  shot sidebar-last
  stop_app; rc=$?
  check "sidebar walk quits cleanly (status $rc)" test "$rc" = 0
  check "sidebar walk: no GTK warnings or criticals" log_clean
fi

# --- the helper's half: its demos and the per-page interactions ---
wait "$helper_pid"
# renumber the helper's TAP lines into ours
while IFS= read -r line; do
  case "$line" in
    "ok "*)     ok "${line#ok * - }" ;;
    "not ok "*) not_ok "${line#not ok * - }" ;;
    "# "*)      echo "$line" ;;
  esac
done <"$work/helper.tap"

echo "1..$n"
[ "$failed" = 0 ]
