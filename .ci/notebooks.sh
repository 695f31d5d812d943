#!/usr/bin/env bash
# Executes every notebook in notebooks/ on the rapaio Java kernel; fails if any cell fails.
#
#   .ci/notebooks.sh              run all notebooks, executed copies go to target/executed-notebooks/
#   .ci/notebooks.sh --inplace    run them and store the outputs in notebooks/*.ipynb (to commit them)
#
# Steps: Debian's Jupyter client packages (skipped when /usr/bin/python3 already imports nbclient), the project
# jar and its runtime dependencies in target/notebook-lib (what each notebook's first cell `%jar` loads), the
# rapaio-jupyter-kernel from Maven Central installed by its own installer under target/jupyter-home (nothing is
# written to ~), the notebooks through notebooks/run_notebooks.py (which also fails on outputs that contain an
# absolute path of this machine), and finally two self-checks: copies of the first notebook with a cell that prints
# an absolute path, and with a failing cell, must each make the runner fail and name that cell.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
inplace=0
[[ "${1:-}" == "--inplace" ]] && inplace=1
RJK_VERSION=3.0.1
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
start=$(date +%s)
step() { echo "== notebooks: $* ($(( $(date +%s) - start ))s)"; }

step "Jupyter client packages"
if ! /usr/bin/python3 -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3-nbclient jupyter-client jupyter-core >/dev/null
fi

step "target/notebook-lib (project jar + runtime dependencies)"
rm -rf target/notebook-lib
mvn -q -B -Dstyle.color=never -DskipTests package
mvn -q -B -Dstyle.color=never "$DEP_PLUGIN:copy-dependencies" -DincludeScope=runtime -DoutputDirectory=target/notebook-lib
cp target/spiketime4j.jar target/notebook-lib/

step "rapaio-jupyter-kernel $RJK_VERSION"
kdir=target/jupyter-home
rm -rf "$kdir"
mvn -q -B -Dstyle.color=never "$DEP_PLUGIN:copy" -Dartifact=io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION \
    -DoutputDirectory=target/rjk
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_bin=$JAVA_HOME/bin/java
else
  java_bin=$(readlink -f "$(command -v java)")
fi
# The installer writes $user.home/.local/share/jupyter/kernels/rapaio-jupyter-kernel/{kernel.json, jar}
"$java_bin" -Duser.home="$root/$kdir" -jar target/rjk/rapaio-jupyter-kernel-$RJK_VERSION.jar -i -auto >/dev/null
spec="$kdir/.local/share/jupyter/kernels/rapaio-jupyter-kernel/kernel.json"
# Pin the JVM that runs the kernel and give it memory limits and headless AWT (the installer writes plain `java`).
/usr/bin/python3 - "$spec" "$java_bin" <<'PY'
import json, sys
path, java = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
jar_args = spec["argv"][spec["argv"].index("-jar"):]
spec["argv"] = [java, "-Xmx6g", "-Djava.awt.headless=true", "-Dorg.bytedeco.javacpp.maxbytes=6G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"] + jar_args
spec.setdefault("env", {})["OMP_NUM_THREADS"] = "2"
json.dump(spec, open(path, "w"), indent=1)
PY
export JUPYTER_PATH="$root/$kdir/.local/share/jupyter"
export JUPYTER_DATA_DIR="$root/target/jupyter-data" JUPYTER_RUNTIME_DIR="$root/target/jupyter-runtime"

step "running the notebooks"
shopt -s nullglob
notebooks=(notebooks/[0-9]*.ipynb)
if (( ${#notebooks[@]} == 0 )); then
  echo "no notebooks/[0-9]*.ipynb found" >&2
  exit 1
fi
if (( inplace )); then
  /usr/bin/python3 notebooks/run_notebooks.py --timeout 600 "${notebooks[@]}"
else
  /usr/bin/python3 notebooks/run_notebooks.py --timeout 600 --out target/executed-notebooks "${notebooks[@]}"
fi

# copy_with_cell SRC DEST CODE: a copy of notebook SRC, loading the jars by absolute path, cut after its first code
# cell, with a cell CODE appended; prints the 1-based number of that cell
copy_with_cell() {
  /usr/bin/python3 - "$1" "$2" "$root/target/notebook-lib" "$3" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
for c in nb.cells:
    c.source = c.source.replace("../target/notebook-lib", sys.argv[3])
at = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code") + 1
nb.cells = nb.cells[:at] + [nbformat.v4.new_code_cell(sys.argv[4])]
for c in nb.cells:
    if c.cell_type == "code":
        c.outputs, c.execution_count = [], None
nbformat.write(nb, sys.argv[2])
print(at + 1)
PY
}

# self_check DIR CODE EXPECTED WHAT: a copy of the first notebook with the cell CODE must make the runner exit 1 and
# name that cell with a message matching EXPECTED (WHAT says what the cell does, for the failure message)
self_check() {
  local dir=$1 copy=$1/copy.ipynb cell rc
  rm -rf "$dir" && mkdir -p "$dir"
  cell=$(copy_with_cell "${notebooks[0]}" "$copy" "$2")
  set +e
  /usr/bin/python3 notebooks/run_notebooks.py --timeout 120 --out "$dir/out" "$copy" >"$dir/runner.out" 2>&1
  rc=$?
  set -e
  # reworded so that the last "N passed, M failed" line CI prints is the real notebooks' outcome, not this check's
  sed -E 's/^notebooks: ([0-9]+) passed, ([0-9]+) failed$/self-check runner summary: \2 copy reported as failing, \1 reported as clean/' "$dir/runner.out"
  if (( rc != 1 )) || ! grep -q "^FAIL $copy .*: cell $cell .*$3" "$dir/runner.out"; then
    echo "self-check FAILED: the runner did not report cell $cell of $copy, $4 (exit $rc)" >&2
    exit 1
  fi
}

step "self-check: a copy of ${notebooks[0]} that prints an absolute path must fail"
self_check target/path-notebook 'System.out.println(new java.io.File("x").getAbsolutePath());' "machine path" \
    "which prints an absolute path"
step "self-check: a broken copy of ${notebooks[0]} must fail"
self_check target/broken-notebook 'throw new IllegalStateException("deliberately broken cell");' \
    "deliberately broken cell" "which throws"
step "done: the broken copy failed as it must"
