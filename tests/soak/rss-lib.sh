# Shared by the long-run tests (sourced): RSS sampling from /proc.
#
# sample_rss PID FILE: appends "SECONDS_SINCE_START RSS_KIB" every 0.2 s
# while PID lives (run it in the background).
sample_rss () {
  local pid=$1 file=$2 t0 r
  t0=$(date +%s%N)
  while kill -0 "$pid" 2>/dev/null; do
    r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [ -n "$r" ] && echo "$(( ($(date +%s%N) - t0) / 1000000 )) $r" >>"$file"
    sleep 0.2
  done
}

# rss_at FILE FRACTION: the largest RSS (KiB) sampled up to FRACTION
# (0..1) of the samples; with 1.0 the peak of the whole run.
rss_at () {
  awk -v f="$2" '{ t[NR] = $2 } END {
    n = int(NR * f); if (n < 1) n = 1; m = 0
    for (i = 1; i <= n; i++) if (t[i] > m) m = t[i]
    print m }' "$1"
}
