"""Many worlds on Dask: seconds per world, wall time with 1 and 2 local workers, speed-up, memory.

    .venv/bin/python benchmarks/bench_worlds.py [--seeds 1-4] [--workers 1,2]

For each worker count the same seeds are built into a fresh temporary folder by
``mutsup_helpers.worlds.build.build_worlds`` on a LocalCluster of that many single-threaded worker
processes (the default of ``mutsup worlds build``; cluster start-up is in the wall time). Each world is
rebuilt with its items in series (``workers=1``) and scored. Printed: wall time, seconds per world as the
workers measured them (median and range), the CPU seconds per world (which another job on the machine does
not inflate), worlds per hour, the speed-up against the first worker count,
the largest peak RSS of a worker process, how many worlds passed, and whether every worker count gave the
same bytes for every seed. The load average before and after says how busy the machine was.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from mutsup_helpers.worlds import parse_seeds
from mutsup_helpers.worlds.build import build_worlds


def measure(seeds: list[int], workers: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        report = build_worlds(seeds, Path(folder), workers=workers, progress=False, shipped=False)
        wall = time.perf_counter() - start
    per_world = [r.seconds for r in report.results]
    cpu = [r.cpu_seconds for r in report.results]
    rss = max(r.peak_rss_mib for r in report.results)
    return {"workers": workers, "wall": wall, "per_world": per_world, "cpu": cpu, "rss": rss,
            "passed": len(report.passed), "built": len(report.built), "errors": report.errors,
            "csv": {r.seed: r.csv for r in report.results}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-4", help="seed list (default 1-4)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    args = parser.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    counts = [int(w) for w in args.workers.split(",")]
    print(f"seeds {args.seeds} ({len(seeds)} worlds), {os.cpu_count()} cores, load average before "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    runs = []
    for workers in counts:
        runs.append(measure(seeds, workers))
        run = runs[-1]
        print(f"  {workers} worker(s): {run['wall']:.0f} s, per world {[round(s) for s in run['per_world']]}, "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
    same = all(run["csv"] == runs[0]["csv"] for run in runs)
    print()
    print("| workers | wall (s) | s per world, median (range) | CPU s per world, median | worlds per hour | speed-up "
          "| peak RSS per worker (MiB) | passed | same bytes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for run in runs:
        per = run["per_world"]
        print(f"| {run['workers']} | {run['wall']:.0f} | {statistics.median(per):.0f} ({min(per):.0f}-{max(per):.0f}) "
              f"| {statistics.median(run['cpu']):.0f} | {3600 * len(per) / run['wall']:.0f} "
              f"| {runs[0]['wall'] / run['wall']:.2f} | {run['rss']:.0f} "
              f"| {run['passed']}/{run['built']} | {'yes' if same else 'NO'} |")
    for run in runs:
        for seed, error in run["errors"].items():
            print(f"error with {run['workers']} worker(s), seed {seed}: {error}")
    print(f"\nload average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
