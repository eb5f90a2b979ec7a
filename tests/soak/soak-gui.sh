#!/bin/bash
# A long GUI training run (make soak): the wide-net demo's Train
# (Ctrl+Space) pressed every 2.5 s for SECONDS (each press starts a run of
# the epochs of the spin row, 1847 by default, from the current weights,
# or pauses the running one, so training goes on nearly all the time),
# under the Xvfb of with-xvfb.sh.
#   with-xvfb.sh soak-gui.sh DLNLAB X_PING ARTEFACT_DIR [SECONDS]
# The window must answer a ping (x-ping) within 2 s throughout. Memory
# is measured twice with the app idle (its CPU time still for a second,
# no run going): after the first fifth of the presses (start) and after
# the last (end), each the median of 10 readings of VmRSS, so a
# description or a frame being built at that moment does not count. The
# end may exceed the start by what the page legitimately adds, the loss
# of each epoch trained meanwhile (counted from the loss curve's CSV at
# both points; 8 bytes in each of the 3 copies an idle page may keep:
# its trainer, the run's last snapshot, the figure's data), plus
# RSS_SLACK_KIB (1.5 MiB: GTK's glyph and texture caches settling). The
# app's mappings over 1 MiB at both points go to
# ARTEFACT_DIR/soak-gui.maps, to tell the main heap from the threads'
# arenas and X's shared memory when the RSS rises. RSS is also
# sampled every 0.2 s for the peak and the record
# (ARTEFACT_DIR/soak-gui.rss). Prints TAP.
set -u
app=$1
xping=$2
art=$3
seconds=${4:-240}
source "$(dirname "$0")/../gui/gui-lib.sh"
source "$(dirname "$0")/rss-lib.sh"
RSS_SLACK_KIB=1536
BYTES_PER_EPOCH=24    # 3 copies of a double

hung=
# press_train N: N presses of Train, 2.5 s apart, each followed by a ping
press_train () {
  for _ in $(seq "$1"); do
    xdotool key --clearmodifiers ctrl+space
    presses=$((presses + 1))
    sleep 2.5
    kill -0 "$app_pid" 2>/dev/null || return 1
    "$xping" "$win" 2000 2>/dev/null || { hung=1; return 1; }
  done
}

# cpu_ticks: the app's user + system time, in clock ticks
cpu_ticks () {
  awk '{ print $14 + $15 }' "/proc/$app_pid/stat"
}

# idle_rss: waits (up to 60 s) until the app used under 5 % of a CPU for
# a second (the last run has ended), then 6 s more (the app hands freed
# heap pages back every 5 s: app/main.c), and prints the median of 10
# VmRSS readings (KiB) 0.2 s apart.
idle_rss () {
  local a b hz
  hz=$(getconf CLK_TCK)
  for _ in $(seq 60); do
    a=$(cpu_ticks)
    sleep 1
    b=$(cpu_ticks)
    [ $((b - a)) -le $((hz / 20)) ] && break
  done
  sleep 6
  for _ in $(seq 10); do
    awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status"
    sleep 0.2
  done | sort -n | awk '{ v[NR] = $1 } END { print int((v[5] + v[6]) / 2) }'
}

# epochs_trained: the epochs in the loss curve (its CSV, exported through
# win.export-to once the app is idle), or 0 when the export fails
epochs_trained () {
  local f="$work/epochs.csv"
  rm -f "$f"
  win_action export-to "$f"
  for _ in $(seq 100); do [ -s "$f" ] && break; sleep 0.1; done
  grep -c '^epoch,' "$f" 2>/dev/null || echo 0
}

# record_maps LABEL: appends the app's mappings holding over 1 MiB
# (start-end, RSS KiB, name: [heap] is glibc's main arena, unnamed ones
# its thread arenas or large blocks) to the record, for explaining a rise
record_maps () {
  echo "# $1" >>"$art/soak-gui.maps"
  awk '/^[0-9a-f]+-[0-9a-f]+ / { range = $1; name = $6 }
       /^Rss:/ && $2 > 1024 { print range, $2, (name == "" ? "anon" : name) }' \
    "/proc/$app_pid/smaps" >>"$art/soak-gui.maps"
}

rm -f "$art/soak-gui.maps"
if start_app soak --demo wide-net; then
  sample_rss "$app_pid" "$work/soak.rss" &
  sampler=$!
  total=$(( (seconds * 2 + 4) / 5 ))   # presses, 2.5 s apart
  first=$(( (total + 4) / 5 ))
  presses=0
  start=0
  end=0
  epochs_start=0
  epochs_end=0
  if press_train "$first"; then
    start=$(idle_rss)
    record_maps "idle after $presses presses: $start KiB"
    epochs_start=$(epochs_trained)
    if press_train $((total - first)); then
      end=$(idle_rss)
      record_maps "idle after $presses presses: $end KiB"
      epochs_end=$(epochs_trained)
    fi
  fi
  import -window root "$art/soak-end.png" 2>/dev/null
  check "soak: the app lives after $presses presses of Train" \
    kill -0 "$app_pid"
  check "soak: the window answered every ping within 2 s" test -z "$hung"
  stop_app; rc=$?
  wait "$sampler"
  check "soak: quits cleanly (status $rc)" test "$rc" = 0
  peak=$(rss_at "$work/soak.rss" 1.0)
  trained=$((epochs_end - epochs_start))
  allowed=$(( trained * BYTES_PER_EPOCH / 1024 + RSS_SLACK_KIB ))
  check "soak: trained $epochs_start epochs by press $first, $epochs_end by press $presses" \
    test "$epochs_start" -gt 0 -a "$trained" -gt 0
  check "soak: idle RSS ${start} KiB after $first presses, ${end} KiB after $presses ($(printf %+d $((end - start))) KiB, limit +$allowed), peak ${peak} KiB" \
    test "$start" -gt 0 -a "$end" -gt 0 -a $((end - start)) -le "$allowed"
  check "soak: no GTK warnings or criticals" log_clean
  check "soak: no sanitizer report" \
    bash -c '! grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$1"' _ "$log"
  cp "$work/soak.rss" "$art/soak-gui.rss"
else
  not_ok "soak: window appeared" "$(tail -n 5 "$log")"
fi
echo "1..$n"
[ $failed = 0 ]
