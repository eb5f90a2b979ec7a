#!/bin/bash
# Long CLI runs (make soak): a million optimizer steps on a user
# expression (tape + Adam) and the longest narrow-chain run the CLI
# accepts (100 000 epochs of 8000 samples, just under its 1e9 work bound),
# each with its resident memory sampled from /proc every 0.2 s.
#   soak-cli.sh DLNLAB_CLI
# Memory must be flat: the peak over the whole run may exceed the peak of
# its first 20 % (after start-up) by at most RSS_SLACK_KIB (1 MiB: stdio
# buffers and malloc arena trimming; a leak of even 8 bytes per step would
# add 8 MB). Prints TAP.
set -u
cli=$1
source "$(dirname "$0")/rss-lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RSS_SLACK_KIB=1024
n=0
failed=0

soak () {
  local name=$1 start end rc secs
  shift
  n=$((n + 1))
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$!
  sample_rss $pid "$work/$name.rss" &
  local sampler=$!
  wait $pid
  rc=$?
  wait $sampler
  start=$(rss_at "$work/$name.rss" 0.2)
  end=$(rss_at "$work/$name.rss" 1.0)
  secs=$(awk 'END { printf "%.1f", $1 / 1000 }' "$work/$name.rss")
  rows=$(wc -l <"$work/$name.out")
  if [ $rc = 0 ] && [ $((end - start)) -le $RSS_SLACK_KIB ]; then
    echo "ok $n - $name: $rows rows in ${secs}s, RSS ${start} KiB after start-up, peak ${end} KiB (+$((end - start)) KiB, limit $RSS_SLACK_KIB)"
  else
    echo "not ok $n - $name: exit $rc, RSS ${start} KiB after start-up, peak ${end} KiB (limit +$RSS_SLACK_KIB KiB)"
    head -n 5 "$work/$name.err" | sed 's/^/# /'
    failed=$((failed + 1))
  fi
}

soak descend-million-steps "$cli" descend --expr 'sin(x)*y^2 + (1 - x)^2' \
  --optimizer adam --start -1.5,2 --steps 1000000 --lr 0.001
soak chain-longest-run "$cli" chain --depth 20 --lr 0.001 \
  --init-weight 0.9 --epochs 100000 --samples 8000
echo "1..$n"
[ $failed = 0 ]
