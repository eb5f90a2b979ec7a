#!/bin/sh
# The `reference` suite (make check-reference): regenerate the PyTorch
# reference data with Debian's python3-torch, compare it with the committed
# files (1e-12: the same torch must reproduce them), then run the C tests
# against the fresh files. Usage: check-reference.sh SOURCE_ROOT CORE_TEST_BUILD_DIR
set -eu
src=$1
build=$2
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "optimizer trajectories:"
$py "$src/tests/data/gen/gen-optim-reference.py" \
  --compare "$src/tests/data/optim-reference.csv" --out "$tmp/optim.csv"
DLN_OPTIM_REFERENCE="$tmp/optim.csv" "$build/test-optim" \
  -p /dln/core/optim/torch-reference

echo "D04 tanh net:"
$py "$src/tests/data/gen/gen-mlp-reference.py" \
  --compare "$src/tests/data/mlp-reference.csv" --out "$tmp/mlp.csv"
DLN_MLP_REFERENCE="$tmp/mlp.csv" "$build/test-mlp" \
  -p /dln/core/mlp/torch-reference

echo "surface derivatives:"
$py "$src/tests/data/gen/gen-surface-reference.py" \
  --compare "$src/tests/data/surface-reference.csv" --out "$tmp/surface.csv"
DLN_SURFACE_REFERENCE="$tmp/surface.csv" "$build/test-surface" \
  -p /dln/core/surface/torch-reference
