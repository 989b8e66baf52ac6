"""The notebook series as a whole: find it, run it headless, make a student copy.

Used by ``mutsup run`` and ``mutsup student-copy``.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager

from .paths import notebooks_dir

SOLUTION_TAG = "solution"
PARAMETERS_TAG = "parameters"


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The series in reading order (file names start with their number)."""
    folder = Path(folder) if folder is not None else notebooks_dir()
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"{folder}: no notebooks named NN_*.ipynb")
    return found


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_copy(out: Path, folder: Path | None = None) -> list[Path]:
    """Write the series into ``out`` with every solution cell removed and nothing else changed.

    Returns the paths written. Refuses to write into the series' own folder.
    """
    out = Path(out)
    sources = list_notebooks(folder)
    if out.resolve() == sources[0].parent.resolve():
        raise ValueError(f"{out}: the student copy must not overwrite the series itself")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        nb = nbformat.read(source, as_version=4)
        nb.cells = [cell for cell in nb.cells if not is_solution(cell)]
        target = out / source.name
        nbformat.write(nb, target)
        written.append(target)
    return written


@dataclass(frozen=True)
class RunResult:
    notebook: str
    status: str  # "ok" or "failed: <error>"
    seconds: float
    html: Path | None


def run_series(out: Path, data: Path | None = None, folder: Path | None = None, timeout: int = 600,
               jobs: int = 1) -> list[RunResult]:
    """Execute every notebook in a fresh kernel; write executed notebooks and HTML pages into ``out``.

    ``data`` is injected as ``DATA_PATH`` into each notebook's ``parameters``
    cell (papermill), so the series runs on any file that follows the codebook.
    The notebooks in the series folder are not modified. The notebooks are
    independent of one another, so ``jobs`` > 1 runs that many at once (one worker
    process each); results come back in reading order whatever finishes first.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parameters = {"DATA_PATH": str(Path(data).resolve())} if data is not None else {}
    sources = list_notebooks(folder)
    if jobs <= 1:
        return [_run_one(source, out, parameters, timeout) for source in sources]
    # spawn, not fork: a forked worker would share the parent's ZeroMQ and asyncio state
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        return list(pool.map(_run_one, sources, [out] * len(sources), [parameters] * len(sources),
                             [timeout] * len(sources)))


class _IPCKernelManager(AsyncKernelManager):
    """A kernel that talks over local sockets (IPC) in a folder of its own, rather than TCP.

    The default, TCP on localhost without encryption, makes each kernel print a security
    warning; nothing here needs a network port. A finished kernel is shut down without the
    interrupt jupyter_client sends first. Each kernel gets its own folder: kernels
    started at once in one working folder would pick the same socket names.
    """

    def __init__(self, **kwargs):
        self._socket_dir = tempfile.mkdtemp(prefix="mutsup-kernel-")
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", str(Path(self._socket_dir) / "socket"))
        super().__init__(**kwargs)

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts (SIGINT) before every shutdown; the notebook has finished,
        # so there is nothing to interrupt, and a kernel caught mid-reply prints
        # "KeyboardInterrupt caught in kernel" into a successful run.
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


def _run_one(source: Path, out: Path, parameters: dict, timeout: int) -> RunResult:
    import papermill as pm

    from .views.plots import handout_exporter

    executed = out / source.name
    start = time.perf_counter()
    try:
        pm.execute_notebook(source, executed, parameters=parameters, cwd=str(source.parent), kernel_name="python3",
                            progress_bar=False, execution_timeout=timeout, kernel_manager_class=_IPCKernelManager)
        status = "ok"
    except Exception as exc:  # report and go on: one broken notebook should not hide the rest
        status = f"failed: {_reason(exc)}"
    seconds = time.perf_counter() - start
    html = None
    if executed.exists():
        body, _ = handout_exporter().from_notebook_node(nbformat.read(executed, as_version=4))
        html = executed.with_suffix(".html")
        html.write_text(body, encoding="utf-8")
    return RunResult(source.stem, status, seconds, html)


def _reason(exc: Exception) -> str:
    """The error a notebook stopped on, in one line: papermill's own exception names the cell's error."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}".splitlines()[0]
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__
