#!/bin/bash
# Long CLI runs (make soak): a million optimizer steps on a user
# expression (tape + Adam) and the longest narrow-chain run the CLI
# accepts (100 000 epochs of 8000 samples, just under its 1e9 work bound).
#   soak-cli.sh DLNLAB_CLI
# Each command runs twice, for N and for 2N steps, and its peak resident
# memory (the kernel's ru_maxrss, exact) is compared: the second run may
# use at most what the command records for the extra N steps (descend
# keeps x, y and the loss of every step, 24 bytes; chain the loss of
# every epoch, 8 bytes) plus RSS_SLACK_KIB (512 KiB: stdio buffers and
# malloc rounding). Start-up and the command's input are the same in both
# runs and cancel out, so the result does not depend on timing. A leak of
# 8 bytes a step (a 32-byte block to glibc) fails both: it added
# 15 488 KiB to descend's extra 500 000 steps, 1 632 KiB to chain's
# 50 000 epochs. Prints TAP.
set -u
cli=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RSS_SLACK_KIB=512
n=0
failed=0

# peak_rss OUT ERR CMD...: runs CMD with stdout to OUT and stderr to ERR;
# prints its exit status and peak RSS in KiB.
peak_rss () {
  python3 -c 'import resource, subprocess, sys
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    status = subprocess.call(sys.argv[3:], stdout=out, stderr=err)
print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

# soak NAME BYTES_PER_STEP N HEADER_ROWS CMD...: CMD's last argument is
# its step count, appended here (N, then 2N); every step is a CSV row.
soak () {
  local name=$1 bytes=$2 steps=$3 header=$4 rc1 rss1 rc2 rss2 rows allowed
  shift 4
  n=$((n + 1))
  read -r rc1 rss1 < <(peak_rss "$work/$name.out" "$work/$name.err" \
                                "$@" "$steps")
  read -r rc2 rss2 < <(peak_rss "$work/$name.out" "$work/$name.err" \
                                "$@" "$((2 * steps))")
  rows=$(wc -l <"$work/$name.out")
  allowed=$((steps * bytes / 1024 + RSS_SLACK_KIB))
  if [ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ "$rows" = $((2 * steps + header)) ] \
     && [ $((rss2 - rss1)) -le $allowed ]; then
    echo "ok $n - $name: peak RSS $rss1 KiB at $steps steps, $rss2 KiB at $((2 * steps)) ($rows rows): $(printf %+d $((rss2 - rss1))) KiB, limit +$allowed ($bytes bytes a step recorded + $RSS_SLACK_KIB)"
  else
    echo "not ok $n - $name: exit $rc1 and $rc2, $rows rows (want $((2 * steps + header))), peak RSS $rss1 KiB at $steps steps, $rss2 KiB at $((2 * steps)): $(printf %+d $((rss2 - rss1))) KiB, limit +$allowed"
    head -n 5 "$work/$name.err" | sed 's/^/# /'
    failed=$((failed + 1))
  fi
}

# descend: header + step 0 + one row a step
soak descend-million-steps 24 500000 2 "$cli" descend \
  --expr 'sin(x)*y^2 + (1 - x)^2' --optimizer adam --start -1.5,2 \
  --lr 0.001 --steps
# chain: header + one row an epoch
soak chain-longest-run 8 50000 1 "$cli" chain --depth 20 --lr 0.001 \
  --init-weight 0.9 --samples 8000 --epochs
echo "1..$n"
[ $failed = 0 ]
