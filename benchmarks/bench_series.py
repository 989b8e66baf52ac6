"""Time the notebook series under nbval against its floor: fresh kernels that only import the stack.

Run from the repository root::

    .venv/bin/python benchmarks/bench_series.py [--repeats 1] [--json out.json]

Five pytest runs, each with the repository's own pytest configuration (``pyproject.toml``
addopts: ``--nbval --nbval-current-env --nbval-sanitize-with ...``, doctest modules, no cache):

* ``series``: the NN_*.ipynb notebooks, serial and with ``-n 2 --dist loadfile``;
* ``series, cold cache``: the parallel run again with an empty cache of provenance labels (a first
  run on a fresh machine, as in CI); the other series runs find it filled by a warm-up run;
* ``floor``: as many notebooks as the series has, each one cell that imports pandas,
  pingouin, seaborn, ipywidgets and ``mutsup_helpers.analysis``, run the same two ways.

Below the pytest runs, the same number of kernels driven directly by ``jupyter_client``
(no pytest): bare kernels, and kernels that import the stack. Times are wall-clock seconds,
median and best over ``--repeats`` rounds (each round runs every configuration once); the
ratios use the best, the least disturbed run on a shared machine. CPU seconds (user + system
of the whole reaped process tree: pytest, xdist workers, kernels) are the measure least
disturbed by other load. Peak RSS is the largest process in the tree (both from ``wait4``).

If ``data/providers.csv`` does not exist yet, the series runs on temporary copies whose
``DATA_PATH`` points at a valid random stand-in (``tests/_valid_csv.py``); the table says so.
Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
STACK = "import pandas, pingouin, seaborn, ipywidgets\nfrom mutsup_helpers import analysis"
PARALLEL = ["-n", "2", "--dist", "loadfile"]


def series_files(work: Path) -> tuple[list[Path], str]:
    """The series' notebooks, in place if the shipped data exists, else copies on a stand-in."""
    sys.path.insert(0, str(ROOT))
    from mutsup_helpers.paths import data_file
    from mutsup_helpers.series import list_notebooks

    notebooks = list_notebooks(ROOT / "notebooks")
    if data_file("providers.csv").is_file():
        return notebooks, "shipped data/providers.csv"
    from tests._valid_csv import write_valid

    csv = write_valid(work, n=421, seed=5)
    folder = work / "series"
    folder.mkdir()
    copies = []
    for source in notebooks:
        nb = nbformat.read(source, as_version=4)
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = "\n".join(
                    f"DATA_PATH = {str(csv)!r}" if line.startswith("DATA_PATH") else line
                    for line in cell.source.splitlines()
                )
        nbformat.write(nb, folder / source.name)
        copies.append(folder / source.name)
    return copies, "stand-in (tests/_valid_csv.py, n=421, seed=5): data/providers.csv missing"


def floor_files(work: Path, count: int) -> list[Path]:
    folder = work / "floor"
    folder.mkdir()
    paths = []
    for i in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        path = folder / f"floor_{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def timed(argv: list[str], env: dict) -> dict:
    """Wall time, peak RSS of the process tree and pytest's summary line of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [ln for ln in output.splitlines() if re.search(r"\d+ (passed|failed|error)", ln)]
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # the whole reaped tree: pytest, workers, kernels
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "summary": lines[-1].strip("= ") if lines else " ".join(output.strip().splitlines()[-1:]),
        "items": sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|errors?)", lines[-1])) if lines else 0,
        "returncode": process.returncode,
    }


def pytest_argv(files: list[Path], parallel: bool) -> list[str]:
    # The repository's configuration, but the files' own folder as rootdir: with files outside the
    # rootdir every nbval node id is "::Cell 0", and xdist's loadfile then runs ONE notebook only.
    rootdir = ROOT if files[0].is_relative_to(ROOT) else files[0].parent.parent
    config = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(rootdir)]
    return [sys.executable, "-m", "pytest", *config, "-q", *(PARALLEL if parallel else []), *map(str, files)]


def kernels(count: int, code: str | None, workers: int) -> float:
    """Start ``count`` fresh kernels (``workers`` at a time), run ``code`` in each, shut them down."""
    from jupyter_client.manager import start_new_kernel

    def one(_):
        km, kc = start_new_kernel(kernel_name="python3")
        try:
            if code:
                reply = kc.execute_interactive(code, timeout=300, output_hook=lambda msg: None)
                assert reply["content"]["status"] == "ok", reply["content"]
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, range(count)))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-series-") as tmp:
        work = Path(tmp)
        # the provenance labels' cache (mutsup_helpers/cache.py): warmed once before the rounds, as on a
        # machine that has run the series before; the "cold cache" run starts each round from an empty one
        env = dict(os.environ, IPYTHONDIR=str(work / "ipython"), MPLCONFIGDIR=str(work / "mpl"),
                   MUTSUP_CACHE=str(work / "cache"))
        os.environ.update(IPYTHONDIR=env["IPYTHONDIR"], MPLCONFIGDIR=env["MPLCONFIGDIR"])
        series, data_note = series_files(work)
        floor = floor_files(work, len(series))
        runs = {
            "series, serial": pytest_argv(series, False),
            "series, -n 2 --dist loadfile": pytest_argv(series, True),
            "series, -n 2 --dist loadfile, cold cache": pytest_argv(series, True),
            "floor, serial": pytest_argv(floor, False),
            "floor, -n 2 --dist loadfile": pytest_argv(floor, True),
        }
        warm = timed(pytest_argv(series, True), env)
        print(f"  warming the cache: {warm['seconds']:.1f} s ({warm['summary']})", file=sys.stderr)
        # rounds: each configuration once per round, so a burst of load elsewhere hits all of them;
        # every other round runs them in reverse order, so a slow drift does not favour one side
        results: dict[str, list[dict]] = {name: [] for name in runs}
        for round_ in range(args.repeats):
            for name, argv in list(runs.items())[:: 1 if round_ % 2 == 0 else -1]:
                cold = dict(env, MUTSUP_CACHE=str(work / f"cold-{round_}")) if "cold" in name else env
                results[name].append(timed(argv, cold))
                last = results[name][-1]
                print(f"  round {round_ + 1}, {name}: {last['seconds']:.1f} s ({last['summary']})", file=sys.stderr)
        rows = [
            {
                "run": f"pytest --nbval: {name}",
                "seconds": statistics.median(r["seconds"] for r in done),
                "best": min(r["seconds"] for r in done),
                "cpu_seconds": statistics.median(r["cpu_seconds"] for r in done),
                "peak_rss_mb": max(r["peak_rss_mb"] for r in done),
                "result": done[-1]["summary"],
                "items": done[-1]["items"],
            }
            for name, done in results.items()
        ]
        for name, code, workers in [
            ("bare kernels (execute nothing), serial", None, 1),
            ("kernels importing the stack, serial", STACK, 1),
            ("kernels importing the stack, 2 at a time", STACK, 2),
        ]:
            times = [kernels(len(series), code, workers) for _ in range(args.repeats)]
            rows.append(
                {
                    "run": f"jupyter_client: {name}",
                    "seconds": statistics.median(times),
                    "best": min(times),
                    "cpu_seconds": None,
                    "peak_rss_mb": None,
                    "result": "",
                }
            )
            print(f"  {rows[-1]['run']}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)

    # ratios of the best of the repeats: on a shared machine the minimum is the least disturbed run
    best = {r["run"]: r["best"] for r in rows}
    ratios = {
        "series/floor, serial": best["pytest --nbval: series, serial"] / best["pytest --nbval: floor, serial"],
        "series/floor, -n 2": best["pytest --nbval: series, -n 2 --dist loadfile"]
        / best["pytest --nbval: floor, -n 2 --dist loadfile"],
        "series/floor, -n 2, cold cache": best["pytest --nbval: series, -n 2 --dist loadfile, cold cache"]
        / best["pytest --nbval: floor, -n 2 --dist loadfile"],
        "serial/parallel speed-up (series)": best["pytest --nbval: series, serial"]
        / best["pytest --nbval: series, -n 2 --dist loadfile"],
        "serial/parallel speed-up (floor)": best["pytest --nbval: floor, serial"]
        / best["pytest --nbval: floor, -n 2 --dist loadfile"],
    }
    cpu = {r["run"]: r["cpu_seconds"] for r in rows if r["cpu_seconds"]}
    ratios["series/floor, CPU seconds (serial runs)"] = (
        cpu["pytest --nbval: series, serial"] / cpu["pytest --nbval: floor, serial"]
    )
    # The same ratios round by round (series and floor of one round ran minutes apart, under
    # much the same load): the median is the figure least moved by a machine that speeds up
    # and slows down between rounds.
    paired = {}
    for mode in ("serial", "-n 2 --dist loadfile"):
        for measure in ("seconds", "cpu_seconds"):
            per_round = [a[measure] / b[measure] for a, b in
                         zip(results[f"series, {mode}"], results[f"floor, {mode}"], strict=True)]
            label = f"series/floor, {mode}, {'wall' if measure == 'seconds' else 'CPU'}, per round"
            paired[label] = per_round
            ratios[f"{label} (median)"] = statistics.median(per_round)
    print(f"notebooks: {len(series)}; data: {data_note}; repeats: {args.repeats}")
    width = max(len(r["run"]) for r in rows)
    print(f"{'run':<{width}}  {'median s':>8}  {'best s':>7}  {'CPU s':>6}  {'peak RSS MB':>11}  result (last run)")
    for r in rows:
        rss = f"{r['peak_rss_mb']:.0f}" if r["peak_rss_mb"] else "-"
        cpu = f"{r['cpu_seconds']:.1f}" if r["cpu_seconds"] else "-"
        print(f"{r['run']:<{width}}  {r['seconds']:8.1f}  {r['best']:7.1f}  {cpu:>6}  {rss:>11}  {r['result']}")
    for name, value in ratios.items():
        print(f"{name}: {value:.2f}")
    for name, values in paired.items():
        print(f"{name}: {' '.join(f'{v:.2f}' for v in values)}")
    items = {r["run"]: r["items"] for r in rows if r["run"].startswith("pytest")}
    for kind in ("series", "floor"):
        counts = {n for run, n in items.items() if f": {kind}," in run}
        if len(counts) != 1:
            print(f"WARNING: {kind}: serial and parallel runs ran different numbers of items: {counts}")
    if args.json:
        args.json.write_text(json.dumps({"notebooks": len(series), "data": data_note, "rows": rows, "ratios": ratios,
                                         "per_round": paired, "rounds": results}))


if __name__ == "__main__":
    main()
