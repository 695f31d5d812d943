#!/usr/bin/env bash
# jar-ab.sh: times SpikeTime4j jars against each other in one JVM, in alternating blocks of MNIST training steps
# (or inference batches), so that every jar sees the same phases of a machine whose speed drifts (on the 2-core
# workplace machine by 1.4x within minutes: process-to-process comparisons of 1-2 ms are noise there).
#
#   bench/jar-ab.sh [--inference] [--rounds N] [--block N] [--warmup N] A.jar B.jar [C.jar ...]
#
# Defaults: 16 rounds of 25 steps per jar, after 200 warm-up steps of each. Build the jars to compare first, e.g.
#   git worktree add /tmp/old <commit> && (cd /tmp/old && mvn -q -DskipTests package) && cp /tmp/old/target/spiketime4j.jar old.jar
# Each jar runs its own network (MNIST preset, seed 1, batch 50, 20 real batches of datasets/mnist) in a class loader
# of its own (bench/ab/JarAb.java, bench/ab/AbDriver.java); ND4J, DL4J and the JVM flags (those of the spiketime
# launcher) are shared. Prints each jar's median, p25 and p75 in ms.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=train rounds=16 block=25 warmup=200
jars=()
while (( $# )); do
  case "$1" in
    --inference) mode=inference; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --block) block="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "jar-ab.sh: unknown option $1" >&2; exit 2 ;;
    *) [[ -f "$1" ]] || { echo "jar-ab.sh: no such jar: $1" >&2; exit 2; }; jars+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
  esac
done
(( ${#jars[@]} >= 2 )) || { echo "jar-ab.sh: give two jars or more (--help)" >&2; exit 2; }
for n in "$rounds" "$block" "$warmup"; do
  [[ "$n" =~ ^[0-9]+$ ]] && (( n > 0 )) || { echo "jar-ab.sh: --rounds, --block and --warmup must be positive integers, got $n" >&2; exit 2; }
done
cp_file="$here/target/classpath.txt"
[[ -f "$cp_file" ]] || (cd "$here" && mvn -q -B -DskipTests package) >&2
classpath="$(cat "$cp_file")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/driver" "$work/main"
javac -d "$work/driver" -cp "${jars[0]}:$classpath" "$here/bench/ab/AbDriver.java"
javac -d "$work/main" -cp "$classpath" "$here/bench/ab/JarAb.java"
cores="$(nproc 2>/dev/null || echo 1)"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(( cores < 8 ? cores : 8 ))}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
exec java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 ${SPIKETIME_JAVA_OPTS:--Xmx8g -Xmn256m -XX:+UseParallelGC} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.bytedeco.javacpp.platform.extension=-onednn \
  -cp "$work/main:$classpath" JarAb "$mode" "$rounds" "$block" "$warmup" "$work/driver" "$here/datasets/mnist" "${jars[@]}"
