"""The notebook series as a whole: find it, run it headless, make a student copy.

Used by ``mutsup run`` and ``mutsup student-copy``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

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


def run_series(out: Path, data: Path | None = None, folder: Path | None = None, timeout: int = 600) -> list[RunResult]:
    """Execute every notebook in a fresh kernel, in order; write executed HTML pages into ``out``.

    ``data`` is injected as ``DATA_PATH`` into each notebook's ``parameters``
    cell (papermill), so the series runs on any file that follows the codebook.
    The notebooks in the series folder are not modified.
    """
    import papermill as pm
    from nbconvert import HTMLExporter

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parameters = {"DATA_PATH": str(Path(data).resolve())} if data is not None else {}
    exporter = HTMLExporter()
    results = []
    for source in list_notebooks(folder):
        executed = out / source.name
        start = time.perf_counter()
        try:
            pm.execute_notebook(
                source,
                executed,
                parameters=parameters,
                cwd=str(source.parent),
                kernel_name="python3",
                progress_bar=False,
                execution_timeout=timeout,
            )
            status = "ok"
        except Exception as exc:  # report and go on: one broken notebook should not hide the rest
            status = f"failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        seconds = time.perf_counter() - start
        html = None
        if executed.exists():
            body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
            html = executed.with_suffix(".html")
            html.write_text(body, encoding="utf-8")
        results.append(RunResult(source.stem, status, seconds, html))
    return results
