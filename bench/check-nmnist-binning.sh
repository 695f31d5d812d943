#!/usr/bin/env bash
# check-nmnist-binning.sh: checks that bench_ref_nmnist.py feeds the paper's code the same frames as SpikeTime4j's
# nmnist preset feeds its network (FrameBinning.BY_EVENT_COUNT, T = 30), value by value, on recordings of
# datasets/nmnist-small: the fewest and the most events of Train and Test, and every STEP-th of Train.
#
#   bench/check-nmnist-binning.sh [STEP]        (default 100: 14 recordings)
#
# Needs target/spiketime4j.jar (./spiketime builds it), Java 17 and PYTHON (default /usr/bin/python3, with numpy).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
step="${1:-100}"
python="${PYTHON:-/usr/bin/python3}"
jar="$here/target/spiketime4j.jar"
[[ -f "$jar" ]] || { echo "check-nmnist-binning: no $jar (run ./spiketime --help once to build it)" >&2; exit 1; }
data="$here/datasets/nmnist-small"
mapfile -t files < <(
  for split in Train Test; do
    find "$data/$split" -name '*.bin' -printf '%s %p\n' | sort -n | sed -n '1p;$p' | cut -d' ' -f2-
  done
  find "$data/Train" -name '*.bin' | sort | awk -v s="$step" 'NR % s == 1')
dump="$(mktemp)"
trap 'rm -f "$dump"' EXIT
java -cp "$jar" "$here/bench/DumpNmnistFrames.java" "$dump" 30 "${files[@]}"
"$python" "$here/bench/bench_ref_nmnist.py" --compare-frames "$dump" "${files[@]}"
echo "check-nmnist-binning: the frames of ${#files[@]} recordings agree"
