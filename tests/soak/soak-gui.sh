#!/bin/bash
# A long GUI training run (make soak): the wide-net demo's Train
# (Ctrl+Space) pressed every 2.5 s for SECONDS (each run trains the
# epochs of the spin row, 1847 by default, from the current weights, so
# training goes on nearly all the time), under the Xvfb of with-xvfb.sh.
#   with-xvfb.sh soak-gui.sh DLNLAB X_PING ARTEFACT_DIR [SECONDS]
# The window must answer a ping (x-ping) within 2 s throughout, and its
# resident memory (sampled from /proc every 0.2 s) must be flat: the peak
# of the whole run may exceed the peak of its first 20 % by at most
# RSS_SLACK_KIB = 8 MiB. Why 8: the loss curve keeps every epoch (up to
# 200 000 doubles, 1.6 MB, held by the page, the worker's copy and a
# snapshot), plus GTK's glyph and texture caches settling; a leaked
# snapshot per frame (30 a second) would pass that within seconds.
# Prints TAP.
set -u
app=$1
xping=$2
art=$3
seconds=${4:-120}
source "$(dirname "$0")/../gui/gui-lib.sh"
source "$(dirname "$0")/rss-lib.sh"
RSS_SLACK_KIB=8192

if start_app soak --demo wide-net; then
  sample_rss "$app_pid" "$work/soak.rss" &
  sampler=$!
  end=$((SECONDS + seconds))
  presses=0
  hung=
  while [ $SECONDS -lt $end ]; do
    xdotool key --clearmodifiers ctrl+space
    presses=$((presses + 1))
    sleep 2.5
    kill -0 "$app_pid" 2>/dev/null || break
    "$xping" "$win" 2000 2>/dev/null || { hung=1; break; }
  done
  import -window root "$art/soak-end.png" 2>/dev/null
  check "soak: the app lives after ${seconds}s of training ($presses presses of Train)" \
    kill -0 "$app_pid"
  check "soak: the window answered every ping within 2 s" test -z "$hung"
  stop_app; rc=$?
  wait "$sampler"
  check "soak: quits cleanly (status $rc)" test "$rc" = 0
  start=$(rss_at "$work/soak.rss" 0.2)
  peak=$(rss_at "$work/soak.rss" 1.0)
  check "soak: RSS ${start} KiB after the first 20 %, peak ${peak} KiB (+$((peak - start)) KiB, limit +$RSS_SLACK_KIB)" \
    test $((peak - start)) -le $RSS_SLACK_KIB
  check "soak: no GTK warnings or criticals" log_clean
  check "soak: no sanitizer report" \
    bash -c '! grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$1"' _ "$log"
  cp "$work/soak.rss" "$art/soak-gui.rss"
else
  not_ok "soak: window appeared" "$(tail -n 5 "$log")"
fi
echo "1..$n"
[ $failed = 0 ]
