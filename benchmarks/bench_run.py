"""Time ``mutsup run`` (the series executed headless, HTML written) against kernels that do nothing.

Run from the repository root::

    .venv/bin/python benchmarks/bench_run.py [--repeats 3] [--data FILE]

Three workloads, each through ``mutsup_helpers.series.run_series`` (papermill, IPC kernels,
nbconvert HTML; exactly what ``mutsup run`` does), serial and with ``--jobs 2``:

* ``series``: the eleven notebooks on the shipped data (or ``--data``);
* ``bare``: as many one-cell notebooks, the cell ``pass``: kernel start, papermill, HTML export;
* ``stack``: the same with the cell importing pandas, pingouin, seaborn, ipywidgets and
  ``mutsup_helpers.analysis``.

Wall-clock seconds, best and median over ``--repeats`` rounds; ratios use the best. The goal
of the class-survey issue: the series with ``-j 2`` within 60 s on 2 cores and within 1.3
times the bare kernels run the same way. Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mutsup_helpers.series import list_notebooks, run_series  # noqa: E402

STACK = "import pandas, pingouin, seaborn, ipywidgets\nfrom mutsup_helpers import analysis"


def floor_folder(work: Path, name: str, code: str, count: int) -> Path:
    folder = work / name
    folder.mkdir()
    for i in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{i:02d}_floor.ipynb")
    return folder


def once(folder: Path | None, data: Path | None, jobs: int, work: Path) -> float:
    out = Path(tempfile.mkdtemp(dir=work))
    start = time.perf_counter()
    results = run_series(out, data=data if folder is None else None, folder=folder, jobs=jobs)
    seconds = time.perf_counter() - start
    failed = [r.notebook for r in results if r.status != "ok"]
    if failed:
        raise SystemExit(f"failed: {failed}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", type=Path, help="a class data set instead of the shipped data")
    args = parser.parse_args()
    count = len(list_notebooks())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folders = {"series": None, "bare": floor_folder(work, "bare", "pass", count),
                   "stack": floor_folder(work, "stack", STACK, count)}
        times = {(name, jobs): [] for name in folders for jobs in (1, 2)}
        for _ in range(args.repeats):
            for (name, jobs), runs in times.items():
                runs.append(once(folders[name], args.data, jobs, work))
    best = {key: min(runs) for key, runs in times.items()}
    print(f"{count} notebooks each, {args.repeats} round(s); data: {args.data or 'shipped data/providers.csv'}")
    print(f"{'workload':<8} {'jobs':>4} {'best s':>8} {'median s':>9} {'series / this':>14}")
    for (name, jobs), runs in times.items():
        ratio = best[("series", jobs)] / best[(name, jobs)]
        print(f"{name:<8} {jobs:>4} {best[(name, jobs)]:>8.1f} {statistics.median(runs):>9.1f} {ratio:>14.2f}")


if __name__ == "__main__":
    main()
