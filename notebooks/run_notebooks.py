#!/usr/bin/python3
"""Run Jupyter notebooks headlessly and fail loudly.

Usage: /usr/bin/python3 notebooks/run_notebooks.py [--timeout S] [--out DIR] [--attempts N] [NB.ipynb ...]

With no notebook arguments every notebooks/*.ipynb next to this script is run, in name order. Each notebook
runs in its own kernel, started in the notebook's folder (so relative paths such as `%jar ../target/notebook-lib`
work). Outputs are written back into the notebook, or into DIR with --out, also when a cell fails.

Why the kernel start is probed: the rapaio Java kernel sometimes binds its sockets but never answers any
request (a start-up race inside the kernel). A plain nbclient/nbconvert run then hangs and fails at random.
This runner starts the kernel itself, waits (generously: a JVM starts slowly on a busy machine) until the kernel
listens on all its ports, then asks it for kernel_info with a short deadline; if no reply comes it kills that
kernel and starts a fresh one, a bounded number of times.

Machine paths: the `%jar` cell's listing of every jar it added (with its absolute path) is reduced to the kernel's
"Found N jar files." line, and a notebook whose outputs still contain an absolute path of this machine (the
repository's folder, the home folder, the temporary folder) fails, naming the cell, so that committed outputs do
not depend on where they were executed.

Exit status: 0 when every notebook ran without a cell error, timeout or machine path, 1 otherwise (each failure is
reported with the notebook, the cell number and the error), 2 on bad arguments.
"""
import argparse
import asyncio
import glob
import os
import re
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = os.path.dirname(os.path.abspath(__file__))


def listening_tcp_ports():
    """Local TCP ports in LISTEN state, read from /proc (Linux); None where /proc/net/tcp is not available."""
    found, readable = set(), False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        readable = True
        for row in rows:
            fields = row.split()
            if len(fields) > 3 and fields[3] == "0A":       # st 0A = LISTEN
                found.add(int(fields[1].rsplit(":", 1)[1], 16))
    return found if readable else None


class ProbedKernelManager(AsyncKernelManager):
    """A kernel manager whose start returns only a kernel that has answered kernel_info.

    Every client made by one manager shares that manager's session (and therefore its ZMQ identity), and the
    kernel ignores a second connection that reuses an identity. So the client that passed the probe is kept and
    handed out by the next client() call, which is nbclient's."""

    probe_timeout = 10.0
    bind_timeout = 120.0
    attempts = 4
    _probed_client = None

    def client(self, **kwargs):
        if self._probed_client is not None:
            kc, self._probed_client = self._probed_client, None
            return kc
        return super().client(**kwargs)

    async def _wait_until_listening(self):
        """None once the kernel listens on all its ports, else why not (it died, or the deadline passed)."""
        ports = {self.shell_port, self.iopub_port, self.stdin_port, self.control_port, self.hb_port}
        deadline = time.monotonic() + self.bind_timeout
        while True:
            if not await self.is_alive():
                return "the kernel process exited before listening on its ports"
            listening = listening_tcp_ports()
            if listening is None or ports <= listening:
                return None
            if time.monotonic() > deadline:
                return f"the kernel did not listen on its ports within {self.bind_timeout:.0f}s"
            await asyncio.sleep(0.2)

    async def _probe(self):
        why = await self._wait_until_listening()
        if why is not None:
            return None, why
        kc = super().client()
        kc.start_channels(hb=False)   # nbclient starts the heartbeat itself when it takes the client over
        try:
            await kc.wait_for_ready(timeout=self.probe_timeout)
        except RuntimeError as e:     # no kernel_info reply in time, or the kernel died
            kc.stop_channels()
            return None, str(e)
        return kc, None

    async def _async_start_kernel(self, **kw):
        reasons = []
        for attempt in range(1, self.attempts + 1):
            t0 = time.monotonic()
            await super()._async_start_kernel(**kw)
            kc, why = await self._probe()
            if kc is not None:
                self._probed_client = kc
                if attempt > 1:
                    print(f"  kernel answered on start {attempt} ({time.monotonic() - t0:.1f}s)", flush=True)
                return
            reasons.append(f"start {attempt}: {why}")
            print(f"  kernel start {attempt} did not answer ({why}); killing it and starting again", flush=True)
            await self._async_shutdown_kernel(now=True, restart=True)
        raise RuntimeError(f"kernel '{self.kernel_name}' never answered in {self.attempts} starts: "
                           + "; ".join(reasons))

    start_kernel = _async_start_kernel


def coalesce_streams(nb):
    """Joins consecutive stdout (or stderr) outputs of a cell into one: the Java kernel sends a printf piece by
    piece, and the notebook reads the same either way."""
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            if (merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == out.get("name")):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        if "outputs" in cell:
            cell.outputs = merged


JAR_LISTING = re.compile(r"^(?:\x1b\[[0-9;]*m)*Add .* to classpath\n?$")


def strip_jar_listing(nb):
    """Drops the `Add /absolute/path/x.jar to classpath` lines of `%jar` cells, keeping the count of jars found."""
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.lstrip().startswith("%jar"):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                lines = out["text"].splitlines(keepends=True)
                out["text"] = ANSI.sub("", "".join(line for line in lines if not JAR_LISTING.match(line)))


def machine_roots():
    """Absolute folders of this machine that must not appear in committed outputs, longest first."""
    roots = {os.path.dirname(HERE), os.path.realpath(os.path.dirname(HERE)), os.path.expanduser("~"),
             tempfile.gettempdir(), os.path.realpath(tempfile.gettempdir())}
    return sorted((r.rstrip("/") + "/" for r in roots if r and r != "/"), key=len, reverse=True)


def output_texts(out):
    """Every piece of text an output holds (stream text, text and html results, error values and tracebacks)."""
    if out.get("output_type") == "stream":
        yield out.get("text", "")
    for key in ("text/plain", "text/html", "text/markdown", "application/json"):
        value = out.get("data", {}).get(key)
        if value is not None:
            yield value if isinstance(value, str) else str(value)
    if out.get("output_type") == "error":
        yield out.get("evalue", "")
        yield from out.get("traceback", [])


def machine_path(nb, roots):
    """(index, first source line, path) of the first cell whose outputs contain one of `roots`, else Nones."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            for text in output_texts(out):
                for root in roots:
                    if root in text:
                        return i, head_line(cell), root
    return None, None, None


def failing_cell(nb):
    """(index, first source line, error text) of the first cell whose outputs hold an error, else Nones. The error
    text is the exception's value or, when that is empty (compile errors), the first lines of its traceback."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                detail = ANSI.sub("", out.get("evalue", "")).strip()
                if not detail:
                    lines = [ANSI.sub("", t).strip() for t in out.get("traceback", [])]
                    lines = [t for t in lines if not t.startswith("|")]   # the kernel echoes the code as "| ..."
                    detail = " | ".join(t for t in lines if t)[:500]
                return i, head_line(cell), f"{out.get('ename', 'error')}: {detail}"
    return None, None, None


def head_line(cell):
    text = cell.source.strip()
    return text.splitlines()[0] if text else ""


def run_one(path, args):
    nb = nbformat.read(path, as_version=4)
    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name")
    if not kernel:
        return "no kernelspec in the notebook's metadata and no --kernel given"
    ProbedKernelManager.probe_timeout = args.probe_timeout
    ProbedKernelManager.attempts = args.attempts
    ProbedKernelManager.bind_timeout = args.bind_timeout
    client = NotebookClient(
        nb, timeout=args.timeout, startup_timeout=args.startup_timeout, kernel_name=kernel,
        kernel_manager_class=ProbedKernelManager, allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    error = None
    if args.out:
        log_path = os.path.join(args.out, os.path.basename(path) + ".kernel.log")
    else:
        fd, log_path = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".kernel.log")
        os.close(fd)
    with open(log_path, "w") as log:   # the kernel's own stdout/stderr (it logs every message it handles)
        try:
            client.execute(stdout=log, stderr=log)
        except CellTimeoutError as e:
            error = f"cell timed out after {args.timeout}s: {first_line(e)}"
        except CellExecutionError as e:
            error = f"cell raised {e.ename}"
        except DeadKernelError as e:
            error = f"kernel died: {first_line(e)}"
        except (RuntimeError, TimeoutError) as e:
            error = f"kernel failure: {first_line(e)}"
    coalesce_streams(nb)
    strip_jar_listing(nb)
    target = os.path.join(args.out, os.path.basename(path)) if args.out else path
    nbformat.write(nb, target)
    if error is None:
        idx, head, root = machine_path(nb, machine_roots())
        if idx is not None:
            if not args.out:
                os.remove(log_path)
            return f"cell {idx + 1} ({head!r}): output contains the machine path {root!r} (print paths relative to the notebook)"
    if error is not None:
        idx, head, raised = failing_cell(nb)
        if raised is not None:
            error = "cell raised " + raised
        if idx is None:   # a timeout leaves no error output: the failing cell is the last one that started
            idx = max((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                       and c.get("metadata", {}).get("execution", {}).get("iopub.execute_input")), default=None)
            head = head_line(nb.cells[idx]) if idx is not None else ""
        where = f"cell {idx + 1} ({head!r})" if idx is not None else "before any cell ran"
        with open(log_path, errors="replace") as log:
            tail = log.readlines()[-15:]
        print(f"  last lines of the kernel log {log_path}:\n" + "".join("    " + line for line in tail), flush=True)
        return f"{where}: {error}"
    if not args.out:
        os.remove(log_path)
    return None


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def first_line(e):
    text = ANSI.sub("", str(e)).strip()
    return text.splitlines()[0] if text else type(e).__name__


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: all notebooks/*.ipynb)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    ap.add_argument("--startup-timeout", type=int, default=120, help="seconds for nbclient's kernel start")
    ap.add_argument("--probe-timeout", type=float, default=10.0,
                    help="seconds a fresh kernel has to answer kernel_info before it is restarted (default 10)")
    ap.add_argument("--bind-timeout", type=float, default=120.0,
                    help="seconds a fresh kernel has to listen on its ports (default 120)")
    ap.add_argument("--attempts", type=int, default=4, help="kernel starts per notebook (default 4)")
    ap.add_argument("--kernel", help="kernel spec name (default: the notebook's kernelspec)")
    ap.add_argument("--out", help="write executed notebooks and kernel logs here instead of in place")
    args = ap.parse_args(argv)
    paths = args.notebooks or sorted(glob.glob(os.path.join(HERE, "*.ipynb")))
    if not paths:
        ap.error("no notebooks given and none found in " + HERE)
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        ap.error("not found: " + ", ".join(missing))
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    failures = []
    for path in paths:
        t0 = time.monotonic()
        print(f"RUN  {path}", flush=True)
        problem = run_one(path, args)
        dt = time.monotonic() - t0
        if problem is None:
            print(f"PASS {path} ({dt:.1f}s)", flush=True)
        else:
            print(f"FAIL {path} ({dt:.1f}s): {problem}", flush=True)
            failures.append(f"{path}: {problem}")
    print(f"notebooks: {len(paths) - len(failures)} passed, {len(failures)} failed", flush=True)
    for f in failures:
        print("  " + f, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
