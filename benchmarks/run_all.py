"""Run every benchmark and print the machine, each benchmark's table and a summary in Markdown.

Run from the repository root (about 5 minutes on 2 cores)::

    .venv/bin/python benchmarks/run_all.py [--quick] [--skip-series]

``--quick`` uses fewer repetitions (a smoke run, not numbers to publish). The summary at the end
is the table in ``benchmarks/README.md``. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PACKAGES = [
    "mutsup-helpers", "pandas", "numpy", "scipy", "statsmodels", "pingouin", "matplotlib", "seaborn",
    "ipywidgets", "jupyterlab", "ipykernel", "jupyter_client", "nbval", "pytest", "pytest-xdist",
    "papermill", "nbconvert", "numba", "voila", "playwright",
]  # fmt: skip


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, flags=re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, flags=re.M)
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        f"CPU: {model.group(1) if model else platform.processor() or 'unknown'}",
        f"nproc: {os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})",
        f"memory: {int(total.group(1)) / 2**20:.1f} GiB" if total else "memory: unknown",
        f"OS: {platform.platform()}",
        f"Python: {platform.python_version()} ({sys.executable})",
        "packages: " + ", ".join(versions),
    ]


def run(argv: list[str], label: str) -> tuple[str, float, float, int]:
    """Run a command, echo its output, return (output, wall seconds, peak RSS MiB of its tree, exit code)."""
    print(f"\n## {label}\n$ {' '.join(argv)}", flush=True)
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    shown = [ln for ln in output.splitlines() if "it/s]" not in ln and "s/it]" not in ln]  # no progress bars
    print("\n".join(shown[-60:]))
    print(f"[{label}: {seconds:.1f} s wall, peak RSS {usage.ru_maxrss / 1024:.0f} MiB, exit {code}]", flush=True)
    return output, seconds, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke run")
    parser.add_argument("--skip-series", action="store_true", help="leave out the nbval series (the longest part)")
    args = parser.parse_args()
    py = sys.executable
    summary: list[tuple[str, str]] = []

    print("# Machine")
    for line in machine():
        print(f"- {line}")

    with tempfile.TemporaryDirectory(prefix="bench-all-") as tmp:
        tmp = Path(tmp)

        # mixed ANOVA vs pingouin (the existing benchmark)
        output, *_ = run([py, str(HERE / "bench_anova.py"), "--repeats", "20" if args.quick else "200"], "bench_anova")
        times = dict(re.findall(r"^\s*(.+?)\s{2,}([\d.]+)\s+[\d.]+\s*$", output, flags=re.M))
        ours = float(times.get("mixed_anova, setting3, type 3", "nan"))
        full = float(times.get("mixed_anova, training x setting3, type 3", "nan"))
        theirs = float(times.get("pingouin.mixed_anova, setting3 (incl. melt)", "nan"))
        summary += [
            ("mixed_anova, setting3 (one between factor), median", f"{ours:.2f} ms"),
            ("pingouin.mixed_anova, setting3 (incl. melt), median", f"{theirs:.2f} ms"),
            ("**ratio mixed_anova / pingouin (like for like)**", f"**{ours / theirs:.2f}**"),
            ("mixed_anova, training x setting3, type III (the paper's model)", f"{full:.2f} ms"),
        ]

        # widget latency
        widgets_json = tmp / "widgets.json"
        changes = "5" if args.quick else "20"
        run([py, str(HERE / "bench_widgets.py"), "--changes", changes, "--json", str(widgets_json)], "bench_widgets")
        w = json.loads(widgets_json.read_text())
        rows = {r["what"]: r for r in w["rows"]}
        BEFORE = "  the same (2 between factors, type III), a new figure per change (before)"
        summary += [
            (f"**AnovaExplorer item change -> redrawn output, median of {changes}**",
             f"**{w['anova_median_ms']:.0f} ms**"),
            ("  the same, a new figure per change (before in-place redraws), same run",
             f"{rows[BEFORE]['median_ms']:.0f} ms"),
            *((f"**ratio {name}**" if name.startswith("AnovaExplorer (2") else f"ratio {name}", f"{ratio:.2f}")
              for name, ratio in w["ratios"].items()),
            ("  of which mixed_anova", f"{rows['  of which mixed_anova']['median_ms']:.0f} ms"),
            ("  of which figure + PNG", f"{rows['  of which plot_interaction + to_png']['median_ms']:.0f} ms"),
            ("  load_published() (called twice per redraw)",
             f"{rows['  load_published() (the redraw calls it twice)']['median_ms']:.0f} ms"),
            ("CorrelationExplorer item change, a new figure per change (before), same run",
             f"{rows['  CorrelationExplorer, a new figure per change (before)']['median_ms']:.0f} ms"),
            ("CorrelationExplorer / GroupComparisonExplorer / MultipleTestingExplorer change, median",
             " / ".join(f"{rows[k]['median_ms']:.0f} ms" for k in (
                 "CorrelationExplorer: item change", "GroupComparisonExplorer: item change",
                 "MultipleTestingExplorer: method change"))),
            (f"peak Python allocations during {changes} ANOVA changes (tracemalloc)",
             f"{w['traced_peak_mib']:.1f} MiB"),
            ("peak RSS, widget benchmark process", f"{w['peak_rss_mib']:.0f} MiB"),
        ]  # fmt: skip

        # reconstruct and verify
        out_csv = tmp / "reconstructed.csv"
        # available: the subcommand answers --help and its module imports (the CLI imports it lazily)
        probe = "import mutsup_helpers.reconstruct; from mutsup_helpers.cli import main; main(['reconstruct', '-h'])"
        has_reconstruct = subprocess.run([py, "-c", probe], cwd=ROOT, capture_output=True).returncode == 0
        if has_reconstruct:
            argv = [py, "-m", "mutsup_helpers.cli", "reconstruct", "--seed", "1", "--out", str(out_csv)]
            _, seconds, rss, code = run(argv, "mutsup reconstruct --seed 1")
            summary.append(("`mutsup reconstruct --seed 1 --out <tmp>` wall / peak RSS / exit",
                            f"{seconds:.1f} s / {rss:.0f} MiB / {code}"))  # fmt: skip
        else:
            print("\n## mutsup reconstruct: SKIPPED (the reconstruct command is not available yet)")
            summary.append(("`mutsup reconstruct --seed 1`", "skipped: command not available"))
        shipped = ROOT / "data" / "providers.csv"
        verify = [py, "-m", "mutsup_helpers.cli", "verify"]
        if not shipped.is_file():
            verify += ["--data", str(out_csv)] if out_csv.is_file() else []
        if shipped.is_file() or out_csv.is_file():
            _, seconds, rss, code = run(verify, "mutsup verify")
            on = "shipped data" if shipped.is_file() else "the reconstructed file"
            label = f"`mutsup verify` ({on}) wall / peak RSS / exit"
            summary.append((label, f"{seconds:.1f} s / {rss:.0f} MiB / {code}"))
        else:
            print("\n## mutsup verify: SKIPPED (no data/providers.csv and no reconstructed file)")
            summary.append(("`mutsup verify`", "skipped: no data file"))

        # the series under nbval vs the floor (last: the longest)
        if not args.skip_series:
            series_json = tmp / "series.json"
            repeats = "1" if args.quick else "3"
            argv = [py, str(HERE / "bench_series.py"), "--repeats", repeats, "--json", str(series_json)]
            run(argv, "bench_series")
            s = json.loads(series_json.read_text())
            by_run = {r["run"]: r for r in s["rows"]}
            for key in ("series, serial", "series, -n 2 --dist loadfile",
                        "floor, serial", "floor, -n 2 --dist loadfile"):  # fmt: skip
                r = by_run[f"pytest --nbval: {key}"]
                value = f"{r['best']:.1f} s / {r['seconds']:.1f} s / {r['cpu_seconds']:.0f} s"
                value += f" (peak RSS {r['peak_rss_mb']:.0f} MiB)"
                summary.append((f"pytest --nbval {key} ({s['notebooks']} notebooks): best / median / CPU", value))
            for key, value in s["ratios"].items():
                label = key if "CPU" in key else f"{key} (best runs)"
                label = f"**{label}**" if key.startswith("series/floor") else label
                summary.append((label, f"{value:.2f}"))
            summary.append(("series data", s["data"]))

    print("\n# Summary\n\n| measure | result |\n|---|---|")
    for name, value in summary:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
