#!/usr/bin/env bash
# side-by-side.sh: times the paper's PyTorch code (with its PyTorch ANN twin) and SpikeTime4j on the MNIST or the
# N-MNIST preset back to back on the same machine (real batches of 50), and prints the ratios.
#
#   REFERENCE_DIR=/path/to/prepared/reference bench/side-by-side.sh [--preset mnist|nmnist] [--batches N]
#       [--ref-batches N] [--repeat N] [--out DIR]
#
# --preset mnist (default): T = 5, MNIST images from datasets/mnist; defaults 30 reference and 50 SpikeTime4j
#   timed batches. The reference side is ../shared/reference-bench/bench_ref.py.
# --preset nmnist: T = 30, 12C5p1-AP2-64C5-AP2-10, the real recordings of datasets/nmnist-small cut into 30 frames
#   as the nmnist preset cuts them (bench/check-nmnist-binning.sh checks that); the reference side is
#   bench/bench_ref_nmnist.py (networks/n-mnist.yaml, 2 warm-up batches), its ANN twin runs on the frames summed
#   over T; defaults 8 reference and 20 SpikeTime4j timed batches (the reference takes seconds per step here).
#
# REFERENCE_DIR: a checkout of zhuyaoyu/SNN-temporal-training-losses prepared by
#   ../shared/reference-bench/prepare_ref.sh (see its README; needs Debian's python3-torch and libopenblas0-openmp).
# BENCH_REF: the reference bench script (default: see --preset).
# PYTHON: the interpreter with torch (default /usr/bin/python3).
# Both sides use the same thread count (OMP_NUM_THREADS, default: the cores, at most 8), float32, batch 50,
# and the same OpenMP wait policy (OMP_WAIT_POLICY, default PASSIVE as the spiketime launcher sets it: with spinning
# OpenMP threads torch's times explode as soon as other processes share the cores). Measured on MNIST (README, Speed,
# seventh session): PASSIVE makes the reference's forward pass slower (23 -> 30-39 ms; its inference in one of two
# pairs) and its training step faster (142-148 -> 91-125 ms) than OpenMP's default policy does, so the issue's
# judged form (bench_ref.py alone, default policy) tends to give lower inference and higher step ratios.
# The reference runs first, then `spiketime bench --preset P --batch 50`; each writes a JSON file into --out.
# --repeat N (default 1) runs that pair N times (into --out/run-1 ... run-N) and ends with the ratios of every run
# and their median: on a shared machine the reference's speed changes by 2x from one run to the next.
# Ratios: reference / SpikeTime4j (> 1: SpikeTime4j faster) and SpikeTime4j / PyTorch ANN twin, of the medians.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=mnist
batches=
ref_batches=
repeat=1
out=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --preset) preset="$2"; shift 2 ;;
    --batches) batches="$2"; shift 2 ;;
    --ref-batches) ref_batches="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "side-by-side: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side: --repeat must be a whole number >= 1, got '$repeat'" >&2; exit 2; }
: "${REFERENCE_DIR:?side-by-side: set REFERENCE_DIR to a reference checkout prepared by prepare_ref.sh}"
case "$preset" in
  mnist) bench_ref="${BENCH_REF:-$here/../shared/reference-bench/bench_ref.py}"; data="$here/datasets/mnist"
         batches="${batches:-50}"; ref_batches="${ref_batches:-30}"; out="${out:-$here/runs/side-by-side}" ;;
  nmnist) bench_ref="${BENCH_REF:-$here/bench/bench_ref_nmnist.py}"; data="$here/datasets/nmnist-small"
          batches="${batches:-20}"; ref_batches="${ref_batches:-8}"; out="${out:-$here/runs/side-by-side-nmnist}" ;;
  *) echo "side-by-side: --preset must be mnist or nmnist, got '$preset'" >&2; exit 2 ;;
esac
python="${PYTHON:-/usr/bin/python3}"
[[ -f "$bench_ref" ]] || { echo "side-by-side: no reference bench at $bench_ref (set BENCH_REF)" >&2; exit 1; }
"$python" -c 'import torch' 2>/dev/null || { echo "side-by-side: $python cannot import torch" >&2; exit 1; }
cores="$(nproc 2>/dev/null || echo 1)"
threads="${OMP_NUM_THREADS:-$(( cores < 8 ? cores : 8 ))}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mkdir -p "$out"
commit="$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
# one run: reference, then SpikeTime4j, then the table; $1 = the folder of its two JSON files
run_pair() {
  local dir="$1"
  mkdir -p "$dir"
  echo "side-by-side: reference ($REFERENCE_DIR, $ref_batches timed batches, $threads threads, OMP_WAIT_POLICY=$OMP_WAIT_POLICY)..." >&2
  REFERENCE_DIR="$REFERENCE_DIR" "$python" "$bench_ref" --data "$data" --batches "$ref_batches" \
    --threads "$threads" --json "$dir/reference.json" >&2
  echo "side-by-side: SpikeTime4j ($batches timed batches)..." >&2
  OMP_NUM_THREADS="$threads" "$here/spiketime" bench --preset "$preset" --batch 50 --batches "$batches" \
    --json "$dir/spiketime.json" >&2
  "$python" - "$dir/reference.json" "$dir/spiketime.json" "$commit" <<'EOF'
import json, sys
ref, ours, commit = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
r, a, s = ref['reference'], ref['ann_twin'], ours['spiking']
print(f"side by side, {ours['preset']} preset, batch {ours['batch_size']}, T={ours['time_steps']}, float32, "
      f"commit {commit}; medians in ms (wall)")
print(f"{'':22}{'reference':>11}{'SpikeTime4j':>13}{'ANN twin':>10}{'ref/ours':>10}{'ours/ANN':>10}")
for key, name in (('train_step_ms', 'training step'), ('forward_ms', 'forward (train mode)'),
                  ('inference_ms', 'inference')):
    rm, sm, am = r[key]['median'], s[key]['median'], a[key]['median']
    print(f"{name:22}{rm:11.1f}{sm:13.1f}{am:10.1f}{rm / sm:10.2f}{sm / am:10.2f}")
env = ours.get('environment', {})
meta = ref.get('meta', {})
print(f"load average (2 cores is quiet at <= 2): reference timed phase {meta.get('load_average_timed_start', '?')}"
      f" -> {meta.get('load_average_timed_end', '?')}, SpikeTime4j {env.get('load_average_start', '?'):.2f}"
      f" -> {env.get('load_average_end', '?'):.2f}")
EOF
}
if (( repeat == 1 )); then
  run_pair "$out"
  exit 0
fi
dirs=()
for ((k = 1; k <= repeat; k++)); do
  echo "side-by-side: run $k of $repeat" >&2
  run_pair "$out/run-$k"
  dirs+=("$out/run-$k")
done
"$python" - "${dirs[@]}" <<'EOF'
import json, statistics, sys
step, inference = [], []
for d in sys.argv[1:]:
    ref, ours = json.load(open(d + '/reference.json')), json.load(open(d + '/spiketime.json'))
    r, s = ref['reference'], ours['spiking']
    step.append(r['train_step_ms']['median'] / s['train_step_ms']['median'])
    inference.append(r['inference_ms']['median'] / s['inference_ms']['median'])
fmt = lambda xs: ' '.join(f'{x:.2f}' for x in xs)
print(f"{len(step)} runs, reference / SpikeTime4j of the medians: training step {fmt(step)} (median "
      f"{statistics.median(step):.2f}); inference {fmt(inference)} (median {statistics.median(inference):.2f})")
EOF
