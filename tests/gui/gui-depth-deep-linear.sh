#!/bin/bash
# The GUI suite's part for Tutorial 2 sec. 2 and Tutorial 3 (D08–D18):
# drives the real dlnlab with real X input (xdotool) under the Xvfb of
# with-xvfb.sh and prints TAP.
#
#   with-xvfb.sh gui-depth-deep-linear.sh DLNLAB ARTEFACT_DIR SOURCE_ROOT
#
# Every page is opened and photographed (ARTEFACT_DIR/deep-*.png: look at
# them), each main slider is dragged with the mouse and its effect read
# back through the figure's CSV export (win.export-to over D-Bus, as a
# script would), epochs are scrubbed, a game result registered,
# a CSV imported (and a broken one refused), a session saved, changed,
# reloaded and compared, and a newer session refused without change. Any
# GTK/GLib warning or critical fails (G_DEBUG makes them fatal; the log
# is grepped too). Window-relative coordinates assume the default
# 1280 × 800 window, whose control panel's sliders sit at y = 114 + 82 k
# for the k-th parameter row from the top; x = 1000 … 1240 lies inside
# every panel's trough, and GTK warps the slider to a pressed point.
set -u
app=$1
art=$2
src=$3
SETTLE=${SETTLE:-0.7}
source "$(dirname "$0")/gui-lib.sh"
session="$work/session.json"

shot () { import -window root "$art/deep-$1.png" 2>/dev/null && [ -s "$art/deep-$1.png" ]; }
key () { xdotool key --clearmodifiers "$@"; sleep 0.3; }
wait_file () { for _ in $(seq 60); do [ -s "$1" ] && return 0; sleep 0.05; done; return 1; }

# csv NAME OUT: exports the page's main figure as CSV into $work/OUT.csv
# (win.export-to; NAME only labels the call).
csv () {
  local f="$work/$2.csv"
  rm -f "$f"
  sleep 0.3  # D-Bus calls are not ordered after X input
  win_action export-to "$f"
  wait_file "$f"
}

# drag ROW X0 X1 [TOP]: presses on the trough of parameter row ROW at X0
# and drags to X1 (window coordinates), then waits for the redraw. TOP is
# the first row's trough (114; 142 under a heading).
drag () {
  local y=$((${4:-114} + 82 * $1))
  xdotool mousemove --window "$win" "$2" "$y" mousedown 1
  sleep 0.1
  xdotool mousemove --window "$win" $((($2 + $3) / 2)) "$y"
  sleep 0.1
  xdotool mousemove --window "$win" "$3" "$y" mouseup 1
  sleep 0.6
}

# next_demo: the window's next demo (win.next-demo over D-Bus).
next_demo () {
  gdbus call --session --dest org.dlnlab.Dlnlab \
    --object-path /org/dlnlab/Dlnlab/window/1 \
    --method org.gtk.Actions.Activate next-demo "[]" "{}" >/dev/null
  sleep 0.5
}
# csv_until NAME OUT PATTERN: exports until the CSV holds PATTERN (the
# page's run may still be on its way), at most 10 s.
csv_until () {
  for _ in $(seq 20); do
    csv "$1" "$2" && grep -q -- "$3" "$work/$2.csv" && return 0
    sleep 0.5
  done
  return 1
}
# The imported p19-toy data (4 items × 7 features) on the next pages.
user_dynamics () {
  csv_until dynamics u0 ',sv4' && ! head -n 1 "$work/u0.csv" | grep -q ',sv5'
}
user_svd () {
  csv_until data-svd u1 '^Salmon,' && grep -q ',Petals' "$work/u1.csv"
}

differ () { ! cmp -s "$work/$1.csv" "$work/$2.csv" && [ -s "$work/$2.csv" ]; }
same ()   { cmp -s "$work/$1.csv" "$work/$2.csv"; }
# json_pages A B: the "pages" of two sessions are equal (parameters and
# trained weights, bit for bit as written).
json_pages () {
  /usr/bin/python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a["pages"]==b["pages"] and a["current-demo"]==b["current-demo"] else 1)' "$1" "$2"
}
json_param () {
  /usr/bin/python3 -c 'import json,sys
print(json.load(open(sys.argv[1]))["pages"][sys.argv[2]]["params"][sys.argv[3]])' "$1" "$2" "$3"
}

demos=$("$app" --list-demos 2>/dev/null)
mine="depth learning-rate depth-lr-game initialisation playground tree-dataset dynamics data-svd rsa illusory regression"
for d in $mine; do
  printf '%s\n' $demos | grep -qx "$d" || not_ok "$d is registered (--list-demos)"
done

# --- D08 depth: drag the depth slider from 0 to the right ---
if start_app depth --demo depth; then
  csv depth-loss d0
  shot depth-0
  drag 0 1000 1240
  csv depth-loss d1
  check "depth: dragging the depth slider retrains (curve changes)" differ d0 d1
  check "depth: depth 50 sits on a plateau first (loss still > 0.5 at epoch 100)" \
    /usr/bin/python3 -c 'import csv,sys
r=[x for x in csv.DictReader(open(sys.argv[1])) if x["x"]=="100"]
sys.exit(0 if float(r[0]["y"])>0.5 else 1)' "$work/d1.csv"
  shot depth-50
  finish_app depth
fi

# --- D09 learning rate: drag η to the top of the slider: divergence ---
if start_app learning-rate --demo learning-rate; then
  csv learning-rate-loss l0
  drag 0 1000 1390  # past the end: the top, η = 0.2
  csv learning-rate-loss l1
  check "learning-rate: dragging η retrains" differ l0 l1
  check "learning-rate: at the top η (0.2) the curve diverges (NaN)" \
    /usr/bin/python3 -c 'import csv,sys,math
y=[float(x["y"]) for x in csv.DictReader(open(sys.argv[1]))]
sys.exit(0 if any(math.isnan(v) for v in y) else 1)' "$work/l1.csv"
  shot learning-rate-diverged
  finish_app learning-rate
fi

# --- D10 game: register the converged run at depth 10 ---
if start_app game --demo depth-lr-game; then
  csv register-game g0
  shot game-start
  xdotool mousemove --window "$win" 1077 195 click 1
  sleep 0.6
  csv register-game g1
  check "game: Register! stores (10, 0.005, learning time)" \
    grep -qE '^10,0\.005[0-9]*,[0-9]+' "$work/g1.csv"
  check "game: the next run (depth 20) is a different curve" \
    bash -c '[ "$(sed -n 2p "$1")" != "$(sed -n 2p "$2")" ] || [ "$(sed -n 200p "$1")" != "$(sed -n 200p "$2")" ]' _ "$work/g0.csv" "$work/g1.csv"
  shot game-registered
  drag 0 1000 1245 142
  sleep 0.3
  shot game-explore
  xdotool mousemove --window "$win" 1077 195 click 1
  sleep 0.4
  csv register-game g2
  check "game: at depth 20, η = 0.105 does not converge and Explore! registers nothing" \
    bash -c '[ "$(grep -cE "^[0-9]+,[0-9.e-]+,[0-9]+$" "$1")" = 1 ]' _ "$work/g2.csv"
  finish_app game
fi

# --- D11 initialisation: eight curves; Alt+1 hides the first ---
if start_app initialisation --demo initialisation; then
  shot initialisation
  finish_app initialisation
fi

# --- D12 playground: drag the initial weight up: it overflows ---
if start_app playground --demo playground; then
  csv playground-loss p0
  drag 2 1000 1245
  csv playground-loss p1
  check "playground: dragging the initial weight retrains" differ p0 p1
  check "playground: wᵢ = 3 overflows and is marked as divergence (NaN tail)" grep -qi "nan" "$work/p1.csv"
  shot playground-overflow
  finish_app playground
fi

# --- D13 tree: drag a generator slider, import a CSV, then a broken one
# (win.import-csv-from) ---
good="$src/data/datasets/p19-toy.csv"
bad="$src/tests/data/bad-ragged.csv"
if start_app tree --demo tree-dataset; then
  shot tree-dataset
  csv tree-sampled t0
  drag 0 1000 1150 142
  csv tree-sampled t1
  check "tree: dragging the levels slider resamples" differ t0 t1
  cp "$good" "$work/import.csv"
  key alt+s
  win_action import-csv-from "$work/import.csv"
  csv tree-sampled i0
  check "tree: a CSV is imported (its items are shown)" grep -q "Canary" "$work/i0.csv"
  check "tree: the import is reported" grep -q "Imported .*import.csv" "$log"
  shot tree-imported
  cp "$bad" "$work/import.csv"
  win_action import-csv-from "$work/import.csv"
  sleep 0.3
  shot tree-import-error
  check "tree: a broken CSV is refused with FILE:LINE:COLUMN" \
    grep -qE "Import failed: .*import.csv:[0-9]+:[0-9]+" "$log"
  key Escape
  csv tree-sampled i1
  check "tree: a refused CSV leaves the data unchanged" same i0 i1
  # the imported 4 × 7 data is what the next Tutorial 3 pages train on
  # and name (win.next-demo: dynamics, data-svd, rsa)
  next_demo
  check "user data: dynamics trains on the file's 4 items (modes sv1..sv4)" \
    user_dynamics
  next_demo
  check "user data: data SVD names the file's items and features" \
    user_svd
  next_demo
  check "user data: RSA labels its similarity matrix with the file's items" \
    csv_until rsa u2 '^Salmon,'
  shot rsa-user-data
  finish_app tree
fi

# --- D14/D15 dynamics: drag η and γ (live retraining), scrub epochs,
# save a session, change it, reload it ---
if start_app dynamics --demo dynamics; then
  csv dynamics y0
  shot dynamics
  drag 0 1000 1100
  sleep 0.5
  csv dynamics y1
  check "dynamics: dragging η retrains" differ y0 y1
  drag 1 1000 1200
  sleep 0.5
  csv dynamics y2
  check "dynamics: dragging log γ retrains" differ y1 y2
  shot dynamics-large-gamma
  drag 2 1000 1200
  shot dynamics-scrubbed
  key alt+e
  win_action save-session-to "$session"
  sleep 0.5
  check "session: saved" bash -c 'grep -q "Session saved to" "$1" && [ -s "$2" ]' _ "$log" "$session"
  cp "$session" "$work/saved.json"
  csv dynamics y3
  drag 0 1000 1240
  sleep 0.5
  csv dynamics y4
  check "dynamics: changed after saving" differ y3 y4
  win_action open-session-from "$session"
  sleep 1.5
  check "session: opened" grep -q "Session opened from" "$log"
  csv dynamics y5
  check "session: reloading restores the figure exactly" same y3 y5
  win_action save-session-to "$session"
  sleep 0.5
  check "session: parameters, seeds and weights compare equal after reload" \
    json_pages "$work/saved.json" "$session"
  /usr/bin/python3 - "$work/saved.json" "$work/newer.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["version"] = 99
s["pages"]["dynamics"]["params"]["lr"] = 5.0
json.dump(s, open(sys.argv[2], "w"))
PY
  cp "$work/newer.json" "$session"
  win_action open-session-from "$session"
  sleep 0.8
  check "session: a newer file is refused with a clear error" \
    grep -q "Session Not Opened: .*newer dlnlab" "$log"
  shot session-newer-refused
  key Escape
  csv dynamics y6
  check "session: a refused file changes nothing" same y5 y6
  finish_app dynamics
fi

# --- D15 data SVD, D16 RSA (scrub the epoch), D17, D18 ---
if start_app data-svd --demo data-svd; then
  shot data-svd
  finish_app data-svd
fi
if start_app rsa --demo rsa; then
  csv rsa-dynamics r0
  drag 0 1000 1150
  csv rsa-dynamics r1
  check "rsa: scrubbing the epoch moves the band and the RSM" differ r0 r1
  shot rsa-scrubbed
  finish_app rsa
fi
if start_app illusory --demo illusory; then
  csv illusory s0
  shot illusory-shark
  key alt+e
  key alt+2
  sleep 0.8
  csv illusory s1
  check "illusory: the parrot preset retrains and tracks Parrot" \
    bash -c '! cmp -s "$1" "$2"' _ "$work/s0.csv" "$work/s1.csv"
  shot illusory-parrot
  finish_app illusory
fi
if start_app regression --demo regression; then
  sleep 0.5
  shot regression
  csv regression m0
  check "regression: the three maps agree (indicator true)" \
    bash -c 'tail -n 1 "$1" | grep -qE ",1$"' _ "$work/m0.csv"
  finish_app regression
fi

echo "1..$n"
[ "$failed" = 0 ]
