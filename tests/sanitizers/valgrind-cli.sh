#!/bin/sh
# Valgrind memcheck over the dlnlab-cli commands (make check-valgrind).
#   valgrind-cli.sh DLNLAB_CLI [OUTDIR]
# Runs each command of the CLI (the README's examples, error paths and a
# few figure exports) under memcheck. A command fails the script when
# memcheck reports an invalid access or an uninitialised use, or memory
# definitely lost whose stack passes through project code (dln_* or
# dln-*.c), unless fontconfig allocated it: fontconfig's font and pattern
# caches outlive every caller, exactly as tests/sanitizers/lsan.supp says
# for LSan. Other losses stay listed in OUTDIR/NAME.vg. Prints one TAP
# line per command.
set -u
cli=$1
out=${2:-$(mktemp -d)}
mkdir -p "$out"
src=$(cd "$(dirname "$0")/../.." && pwd)
n=0
failed=0

run () {
  name=$1
  shift
  n=$((n + 1))
  log="$out/$name.vg"
  valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=none --track-origins=yes --num-callers=30 \
    --log-file="$log" "$cli" "$@" >"$out/$name.out" 2>"$out/$name.err"
  rc=$?
  errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
  # definitely lost blocks whose stack names project code, except those
  # allocated inside fontconfig (its caches, as in lsan.supp)
  ours=$(awk '/definitely lost in loss record/ { block = 1; hit = 0; sys = 0; next }
              block && /^==[0-9]+== *$/ { if (hit && !sys) n++; block = 0; next }
              block && /libfontconfig\.so/ { sys = 1 }
              block && /(dln_|dln-[a-z-]+\.c:)/ { hit = 1 }
              END { print n + 0 }' "$log")
  lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n 1)
  if [ "${errors:-1}" != 0 ] || [ "$ours" != 0 ] || [ $rc -gt 2 ]; then
    echo "not ok $n - $name: $errors errors, $ours project leaks, exit $rc (see $log)"
    failed=$((failed + 1))
  else
    echo "ok $n - $name: 0 errors, definitely lost ${lost:-0} bytes (none in project code), exit $rc"
  fi
}

run grad grad 'tanh(ln(1 + z*2*x/sin(y)))' x=1 y=2 z=3 --json
run grad-error grad '(x +' x=1
run graph-json graph '(y - tanh(w*x + b))^2' x=1 y=7 w=-0.5 b=0.5
run graph-dot graph '(y - tanh(w*x + b))^2' x=1 y=7 w=-0.5 b=0.5 --format dot
run surfaces surfaces
run descend descend --surface rosenbrock --optimizer adam --start -1.5,2 --steps 200 --lr 0.05
run descend-expr descend --expr 'x^2 + 3*sin(y)' --optimizer sgd --start 1,1 --steps 50 --lr 0.1
run hessian hessian --surface shallow-net --at 1,1
run svd svd --dataset tree --json
run svd-csv svd --dataset "$src/tests/data/svd-toy.csv"
run svd-bad svd --dataset "$src/tests/data/bad-ragged.csv"
run train-theory train --dataset tree --theory --epochs 50
run train-deep train --dataset tree --depth 3 --hidden 16 --init-scale 0.5 --lr 1 --epochs 30 \
  --save-weights "$out/weights.json"
run train-init train --dataset tree --epochs 5 --init-weights "$out/weights.json"
run train-init-bad train --dataset tree --init-weights "$src/tests/fuzz/corpus/weights/ragged.json"
run chain chain --depth 50 --lr 0.01 --init-weight 0.9
run export-list export --list
run export-rsm-pdf export rsm --out "$out/rsm.pdf" --epoch 150
run export-graph-svg export graph --out "$out/graph.svg"
run export-landscape-png export loss-landscape --out "$out/landscape.png"
run export-bad export no-such-figure --out "$out/x.png"
run export-python export dynamics --out "$out/dynamics.py"
run export-map-compare export map-compare --out "$out/map-compare.csv" \
  --epochs 20 --zero-epochs 20
run export-diverged export wide-net-regression --lr 10 --out "$out/wide.png"
run export-python-refused export loss-landscape-race --expr 'x^2 + w' \
  --out "$out/refused.py"
run help --help

echo "1..$n"
[ $failed = 0 ]
