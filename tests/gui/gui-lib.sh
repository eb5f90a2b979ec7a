# Shared harness of the GUI drivers (sourced by gui-driver.sh and
# gui-depth-deep-linear.sh after they set app and art; SETTLE, seconds to wait after a
# window appears, may be set first). Gives a work dir, TAP counters and
# ok / not_ok / check, start_app / stop_app / finish_app, win_action and
# log_clean.
mkdir -p "$art"
work=$(mktemp -d)
trap 'stop_app >/dev/null 2>&1; rm -rf "$work"' EXIT
export GSETTINGS_BACKEND=memory
export G_DEBUG=${G_DEBUG:-fatal-warnings},fatal-criticals
exp="$work/export"
mkdir -p "$exp"

n=0
failed=0
ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check ()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

app_pid=
win=
log=

# start_app NAME ARGS...: launches dlnlab, waits for its window (5 s).
# When none appears it stops the app and reports "NAME: window appeared"
# as a failed test, so no caller can skip its checks silently.
start_app () {
  local name=$1; shift
  log="$work/$name.log"
  "$app" "$@" >"$log" 2>&1 &
  app_pid=$!
  win=
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --pid "$app_pid" --name 'Deep Linear Network Lab' 2>/dev/null | head -n1)
    [ -n "$win" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$win" ]; then
    stop_app
    not_ok "$name: window appeared" "$(tail -n 5 "$log")"
    return 1
  fi
  xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
  sleep "${SETTLE:-0.3}"
}

# stop_app: Ctrl+Q, then waits (5 s) for a clean exit; returns its status.
stop_app () {
  local rc
  [ -n "$app_pid" ] || return 0
  if [ -n "$win" ]; then
    xdotool windowfocus "$win" 2>/dev/null
    xdotool key --clearmodifiers ctrl+q 2>/dev/null
  fi
  for _ in $(seq 100); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$app_pid" 2>/dev/null; then
    kill -9 "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
    app_pid=
    echo "# the app did not exit within 5 s of Ctrl+Q"
    return 124
  fi
  wait "$app_pid"
  rc=$?
  app_pid=
  # a failed exit shows why (a sanitizer report, an abort message)
  [ $rc = 0 ] || grep -v -- '-DEBUG:' "$log" | tail -n 30 | sed 's/^/# /'
  return $rc
}

# win_action NAME PATH: activates the running window's path-taking action
# win.NAME ("PATH") over D-Bus (export-to, save-session-to,
# open-session-from, import-csv-from), as a script would; the call
# returns once the action has run.
win_action () {
  gdbus call --session --dest org.dlnlab.Dlnlab \
    --object-path /org/dlnlab/Dlnlab/window/1 \
    --method org.gtk.Actions.Activate "$1" "[<'$2'>]" "{}" >/dev/null
}

# finish_app WHAT: stops the app; checks that it quit cleanly and logged
# no GTK warning or critical.
finish_app () {
  local rc
  stop_app; rc=$?
  check "$1: quits cleanly (status $rc)" test "$rc" = 0
  check "$1: no GTK warnings or criticals" log_clean
}

log_clean () {
  if grep -E -- '-(WARNING|CRITICAL)|Gtk-WARNING|GLib-GObject-CRITICAL|Trace/breakpoint' "$log" >/dev/null; then
    grep -E -- '-(WARNING|CRITICAL)' "$log" | head -n 5 | sed 's/^/# /'
    return 1
  fi
  return 0
}

