#!/bin/sh
# Runs libFuzzer targets one after another (make fuzz; tests/fuzz/README.md).
#   run-fuzz.sh BUILDDIR SECONDS TARGET...
# FUZZ_RUNS=N (optional) also stops a target after N executions.
# Each target starts from its seed corpus (copied, so the repository stays
# clean) with its dictionary, under nice, one job at a time; new inputs go
# to BUILDDIR/fuzz/TARGET/corpus and crashes to BUILDDIR/fuzz/TARGET/. A
# summary line per target gives executions, edges covered (cov) and
# features (ft). Exits 1 if any target found a crash, a leak, a timeout or
# an out-of-memory.
set -u
build=$1
seconds=$2
shift 2
src=$(cd "$(dirname "$0")" && pwd)
status=0
summary=""

for t in "$@"; do
  out="$build/fuzz/$t"
  mkdir -p "$out/corpus"
  cp -n "$src/corpus/$t"/* "$out/corpus/" 2>/dev/null
  log="$out/fuzz.log"
  # -max_len: the expression limit is 4096 bytes (DLN_EXPR_MAX_LENGTH);
  # 64 KiB lets the file loaders see deep nesting and long rows.
  case $t in
    expr|expr-diff) max_len=4200 ;;
    *) max_len=65536 ;;
  esac
  echo "fuzz: $t for ${seconds}s (log: $log)"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
  nice -n 10 "$build/tests/fuzz/fuzz-$t" \
    -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
    -dict="$src/dict/$t.dict" -artifact_prefix="$out/" -print_final_stats=1 \
    "$out/corpus" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  found=$(ls "$out" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | tr '\n' ' ')
  line="$t: ${execs:-?} execs (${secs:-?}/s), cov ${cov:-?} edges, ft ${ft:-?}, exit $rc, findings: ${found:-none}"
  echo "fuzz: $line"
  summary="$summary$line
"
  if [ $rc -ne 0 ]; then
    status=1
    grep -m 5 -E 'ERROR|fuzz-|SUMMARY' "$log"
  fi
done
printf '\nfuzz summary (%ss per target)\n%s' "$seconds" "$summary"
exit $status
