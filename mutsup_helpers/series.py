"""The notebook series as a whole: find it, run it headless, make a student copy and its autograder.

Used by ``mutsup run``, ``mutsup student-copy`` and ``mutsup key``.

Graded exercises are written in otter-grader's own notebook format (raw cells ``# BEGIN QUESTION``,
``# BEGIN SOLUTION``, ``# BEGIN TESTS`` ... ``# END QUESTION`` around the prompt, the worked solution
and the test cells), so ``otter assign`` makes the student version and the autograder bundle and
``otter run`` grades a submission without Docker. A notebook without such cells gets the old student
copy (the cells tagged ``solution`` removed). The assignment settings are the same for every notebook
and live here (:data:`ASSIGNMENT`), not in each notebook.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager

from .paths import notebooks_dir

SOLUTION_TAG = "solution"
#: a marking rubric beside a written exercise: the instructor's, so the student copy leaves it out
RUBRIC_TAG = "rubric"
PARAMETERS_TAG = "parameters"
#: the R track: a collapsed markdown cell with the R code of the analysis above it (tests/test_r_track.py runs it)
R_TRACK_TAG = "r-track"
#: otter's answer cells in a student version (a worked solution with its marked lines replaced by ``...``)
OTTER_ANSWER_TAG = "otter_answer_cell"
#: otter-grader's settings for every notebook of the series (``otter assign``'s ASSIGNMENT CONFIG cell).
#: Tests are exception-based (a function with asserts), not OK-format doctests: a doctest compares printed
#: text, which would tie a test to the number of digits pandas prints. No PDF and no export cell: the series
#: is graded from the notebook itself (``otter run``), and a PDF would need LaTeX or a browser at assign time.
#: ``run_tests`` is off because the test suite grades the worked solutions with the grader itself.
ASSIGNMENT = {
    "init_cell": True,
    "check_all_cell": False,
    "export_cell": False,
    "run_tests": False,
    "solutions_pdf": False,
    "tests": {"ok_format": False},
    "generate": {"pdf": False},
}


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The series in reading order (file names start with their number)."""
    folder = Path(folder) if folder is not None else notebooks_dir()
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"{folder}: no notebooks named NN_*.ipynb")
    return found


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def is_rubric(cell) -> bool:
    return RUBRIC_TAG in cell.get("metadata", {}).get("tags", [])


def is_r_track(cell) -> bool:
    return R_TRACK_TAG in cell.get("metadata", {}).get("tags", [])


def raw_marker(cell) -> str:
    """The otter marker a raw cell holds ("BEGIN QUESTION", "END SOLUTION" ...), or "" for any other cell."""
    if cell.get("cell_type") != "raw":
        return ""
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return first.lstrip("#").strip().upper() if first.startswith("#") else ""


def is_graded(nb) -> bool:
    """Whether a notebook holds otter-grader questions (and so gets otter's student version)."""
    return any(raw_marker(c) == "BEGIN QUESTION" for c in nb.cells)


def otter_master(nb, name: str):
    """The notebook as otter assign's master: the series' assignment settings first, stray solutions out.

    Cells tagged ``solution`` outside an otter ``BEGIN SOLUTION`` block (a model answer that has no
    question around it) are removed, as in the plain student copy; those inside are otter's to handle.
    """
    import yaml

    master = nbformat.reads(nbformat.writes(nb), as_version=4)  # a deep copy
    kept, in_solution = [], False
    for cell in master.cells:
        marker = raw_marker(cell)
        if marker.startswith("BEGIN SOLUTION"):
            in_solution = True
        elif marker == "END SOLUTION":
            in_solution = False
        if (is_solution(cell) and not in_solution) or is_rubric(cell):
            continue
        kept.append(cell)
    config = yaml.safe_dump({"name": name, **ASSIGNMENT}, sort_keys=False)
    master.cells = [nbformat.v4.new_raw_cell(f"# ASSIGNMENT CONFIG\n{config}"), *kept]
    return master


def _open_answer_cells(nb) -> None:
    """An answer cell of the student version shows its code: the collapsed look is for worked solutions."""
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if OTTER_ANSWER_TAG in tags:
            cell.metadata["tags"] = [t for t in tags if t != SOLUTION_TAG]
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
            if cell.metadata.get("jupyter") == {}:
                del cell.metadata["jupyter"]


def otter_assign(source: Path, student_dir: Path, autograder_dir: Path) -> tuple[Path, Path]:
    """Run ``otter assign`` on one graded notebook: its student version and its autograder bundle.

    Returns (student notebook, autograder zip). The bundle is named after the notebook
    (``04_h1_group_type.zip``; otter's own name carries a time stamp) and sits in ``autograder_dir``
    beside the solution notebook otter writes there.
    """
    from otter.assign import main as assign

    nb = nbformat.read(source, as_version=4)
    with tempfile.TemporaryDirectory(prefix="mutsup-otter-") as work:
        work = Path(work)
        master = work / source.name
        nbformat.write(otter_master(nb, source.stem), master)
        assign(str(master), str(work / "dist"), no_pdfs=True)
        student = nbformat.read(work / "dist" / "student" / source.name, as_version=4)
        _open_answer_cells(student)
        target = student_dir / source.name
        nbformat.write(student, target)
        (bundle_made,) = (work / "dist" / "autograder").glob("*.zip")
        bundle = autograder_dir / f"{source.stem}.zip"
        shutil.copyfile(bundle_made, bundle)
        shutil.copyfile(work / "dist" / "autograder" / source.name, autograder_dir / f"{source.stem}_solution.ipynb")
    with zipfile.ZipFile(bundle) as archive:  # otter assign writes a bundle even with no test: refuse that
        if not any(n.startswith("tests/") for n in archive.namelist()):
            raise ValueError(f"{source.name}: otter questions but no test cells")
    return target, bundle


def student_copy(out: Path, folder: Path | None = None, autograder: Path | None = None) -> list[Path]:
    """Write the series for students into ``out``; graded notebooks' autograder bundles into ``autograder``.

    A notebook with otter questions goes through ``otter assign``: worked solutions become answer
    cells (lines marked ``# SOLUTION`` replaced by ``...``, written answers by a response cell), public
    tests travel in the notebook for ``grader.check``, and the bundle for ``otter run`` goes to
    ``autograder`` (default: ``<out>_autograder`` beside ``out``, so that handing out ``out`` never hands
    out the hidden tests). Any other notebook is copied with its ``solution`` cells removed. Rubric
    cells (tag ``rubric``) are left out of both: they name what a full answer contains.
    Returns the student notebooks written. Refuses to write into the series' own folder.
    """
    out = Path(out)
    autograder = Path(autograder) if autograder is not None else out.with_name(f"{out.name}_autograder")
    sources = list_notebooks(folder)
    for target in (out, autograder):
        if target.resolve() == sources[0].parent.resolve():
            raise ValueError(f"{target}: the student copy must not overwrite the series itself")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        nb = nbformat.read(source, as_version=4)
        if is_graded(nb):
            autograder.mkdir(parents=True, exist_ok=True)
            target, _ = otter_assign(source, out, autograder)
        else:
            nb.cells = [cell for cell in nb.cells if not (is_solution(cell) or is_rubric(cell))]
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
