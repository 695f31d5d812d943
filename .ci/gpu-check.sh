#!/usr/bin/env bash
# GPU check: on a machine with an NVIDIA GPU, builds the project's CLI with -Pcuda (nd4j-cuda-11.6 1.0.0-M2.1 and the
# CUDA 11.6 / cuDNN 8.3 runtime libraries from Maven Central: about 2.4 GB downloaded once; the machine needs only the
# NVIDIA driver), checks that ND4J really runs on CUDA, runs every conformance case on both engines
# (`spiketime verify`, `spiketime verify --engine samediff`) and the MNIST benchmark (`spiketime bench --preset mnist`)
# and prints their numbers. Everything it prints also goes to target/gpu-check/. Exits 1 if a step fails, 2 when
# there is no NVIDIA GPU. Afterwards `./spiketime` keeps using the CUDA build; `SPIKETIME_BUILD_ARGS= ./spiketime ...`
# goes back to the CPU one.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU on this machine (nvidia-smi is missing or lists no device): nothing was checked" >&2
  exit 2
fi
out=target/gpu-check
start=$(date +%s)
step() { echo "== gpu-check: $* ($(( $(date +%s) - start ))s)"; }

step "the GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv

step "building with -Pcuda"
mvn -B -q -DskipTests -Pcuda package
grep -q nd4j-cuda target/classpath.txt || { echo "gpu-check: the -Pcuda build has no nd4j-cuda on its class path" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
export SPIKETIME_BUILD_ARGS=-Pcuda

step "the ND4J backend in use"
cat > "$out/Backend.java" <<'JAVA'
import org.spiketime4j.SpikeTime4j;
public class Backend {
    public static void main(String[] args) {
        SpikeTime4j.EnvironmentReport r = SpikeTime4j.checkEnvironment();
        System.out.println("ND4J backend: " + org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getName()
                + " (" + r.backend() + ")");
        System.exit(r.backend() == SpikeTime4j.Backend.CUDA ? 0 : 1);
    }
}
JAVA
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/spiketime4j.jar:$(cat target/classpath.txt)" \
    "$out/Backend.java" | tee "$out/backend.txt" \
  || { echo "gpu-check: ND4J did not start on CUDA (see above)" >&2; exit 1; }

status=0
step "conformance, DL4J layers"
./spiketime verify | tee "$out/verify-dl4j.txt" || status=1
step "conformance, SameDiff ops"
./spiketime verify --engine samediff | tee "$out/verify-samediff.txt" || status=1
step "benchmark, mnist"
./spiketime bench --preset mnist --json "$out/bench-mnist.json" | tee "$out/bench-mnist.txt" || status=1

step "summary"
echo "backend:            $(cat "$out/backend.txt")"
echo "verify (dl4j):      $(tail -n 1 "$out/verify-dl4j.txt")"
echo "verify (samediff):  $(tail -n 1 "$out/verify-samediff.txt")"
echo "bench: see $out/bench-mnist.txt and $out/bench-mnist.json"
exit $status
