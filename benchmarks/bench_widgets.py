"""Time the explorers' redraw in-process: from a control's value change to the refilled Output widget.

Run from the repository root::

    .venv/bin/python benchmarks/bench_widgets.py [--changes 20] [--json out.json]

Observers fire synchronously when ``.value`` is set, and each explorer refills its Output
widget inside the observer, so the time ``.value = new`` takes is the time to a redrawn output
(table and PNG figure ready to send to the front end; the browser's own drawing, 0.2-0.4 s
in the recipes' measurements, is not included). For the ANOVA explorer the redraw is split
into its two parts (``mixed_anova`` and the figure rendered to PNG). Peak memory: Python
allocations during the changes (``tracemalloc``, a separate pass) and the process's peak RSS.

The ANOVA and correlation explorers draw their figure again in place (``redraw=``); each is
timed against the same explorer with that turned off, i.e. a new figure for every change, as
before (``ANEW``), in the same run and with the two interleaved change by change, so that other
load on the machine falls on both alike. Ratios are in-place / new figure.

Uses ``data/providers.csv``, or a valid random stand-in while that file does not exist.
Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_data(work: Path):
    sys.path.insert(0, str(ROOT))
    from mutsup_helpers.data.load import load_providers
    from mutsup_helpers.paths import data_file

    shipped = data_file("providers.csv")
    if shipped.is_file():
        return load_providers(shipped), "shipped data/providers.csv"
    from tests._valid_csv import write_valid

    return load_providers(write_valid(work, n=421, seed=5)), "stand-in (n=421, seed=5): data/providers.csv missing"


def cycle(options, start, count):
    """``count`` values from ``options`` after ``start``, each one different from the one before."""
    options = list(options)
    i = options.index(start)
    return [options[(i + k) % len(options)] for k in range(1, count + 1)]


def anew(explorer_class):
    """The explorer as it was before in-place redraws: a new figure for every change (the baseline)."""

    class Anew(explorer_class):
        def _redraw(self, change=None):
            self._figure = None  # nothing to draw again in place
            super()._redraw(change)

    Anew.__name__ = f"{explorer_class.__name__}Anew"
    return Anew


def time_interleaved(pairs, values) -> tuple[list[float], list[float]]:
    """Times of ``control.value = v`` for two (control, output) pairs, alternating which goes first."""
    times = ([], [])
    for k, value in enumerate(values):
        order = (0, 1) if k % 2 == 0 else (1, 0)
        for i in order:
            times[i].extend(time_changes(pairs[i][0], [value], pairs[i][1]))
    return times


def time_changes(control, values, output) -> list[float]:
    times = []
    for value in values:
        before = output.outputs
        start = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - start)
        assert output.outputs is not before and len(output.outputs) > 0, "the output was not redrawn"
    return times


def summary(name: str, times: list[float]) -> dict:
    ms = sorted(t * 1e3 for t in times)
    return {
        "what": name,
        "n": len(ms),
        "median_ms": statistics.median(ms),
        "p90_ms": ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))],
        "min_ms": ms[0],
        "max_ms": ms[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-widgets-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # after IPython's own exit handler
    os.environ["IPYTHONDIR"] = str(Path(tmp) / "ipython")
    os.environ["MPLCONFIGDIR"] = str(Path(tmp) / "mpl")
    import matplotlib

    matplotlib.use("Agg")
    from mutsup_helpers.paper.design import ITEMS
    from mutsup_helpers.paper.published import load_published
    from mutsup_helpers.stats.anova import mixed_anova
    from mutsup_helpers.stats.limitations import ADJUST_METHODS
    from mutsup_helpers.views.plots import plot_interaction, to_png
    from mutsup_helpers.views.widgets import (
        AnovaExplorer,
        CorrelationExplorer,
        GroupComparisonExplorer,
        MultipleTestingExplorer,
    )

    data, data_note = load_data(Path(tmp))
    n = args.changes
    rows = []
    ratios = {}

    start = time.perf_counter()
    anova = AnovaExplorer(data, item="familiarity")
    built = time.perf_counter() - start
    before = anew(AnovaExplorer)(data, item="familiarity")
    for explorer in (anova, before):
        explorer.item.value = "referral"  # warm-up: first-call caches
    items = cycle(ITEMS, anova.item.value, n)
    for label, between in [("2 between factors, type III", "both"), ("setting only", "setting")]:
        for explorer in (anova, before):
            explorer.between.value = between
            explorer.item.value = "referral"
        ours, theirs = time_interleaved([(anova.item, anova.output), (before.item, before.output)],
                                        cycle(ITEMS, "referral", n))
        rows.append(summary(f"AnovaExplorer: item change ({label})", ours))
        rows.append(summary(f"  the same ({label}), a new figure per change (before)", theirs))
        ratios[f"AnovaExplorer ({label}): in place / new figure"] = rows[-2]["median_ms"] / rows[-1]["median_ms"]
        if between == "both":
            anova_times_ms = rows[-2]
    for explorer in (anova, before):
        explorer.between.value = "both"

    parts = {
        "  of which mixed_anova": [],
        "  of which plot_interaction + to_png": [],
        "  plot_interaction + to_png, a new figure (before)": [],
        "  load_published() (the redraw calls it twice)": [],
    }
    figure = None
    for k, item in enumerate(items):
        t0 = time.perf_counter()
        fit = mixed_anova(data, item, between=("training", "setting3"), ss_type=3)
        t1 = time.perf_counter()
        drawn = {}
        for way in ((True, False) if k % 2 == 0 else (False, True)):  # interleaved, as above
            t = time.perf_counter()
            if way:
                figure = plot_interaction(data, item, x="setting3", view="both", fit=fit, redraw=figure)
                to_png(figure)
            else:
                to_png(plot_interaction(data, item, x="setting3", view="both", fit=fit))
            drawn[way] = time.perf_counter() - t
        t2 = time.perf_counter()
        load_published()
        t3 = time.perf_counter()
        parts["  of which mixed_anova"].append(t1 - t0)
        parts["  of which plot_interaction + to_png"].append(drawn[True])
        parts["  plot_interaction + to_png, a new figure (before)"].append(drawn[False])
        parts["  load_published() (the redraw calls it twice)"].append(t3 - t2)
    rows += [summary(name, times) for name, times in parts.items()]
    ratios["plot_interaction + to_png: in place / new figure"] = (
        rows[-3]["median_ms"] / rows[-2]["median_ms"])

    group = GroupComparisonExplorer(data)
    rows.append(
        summary(
            "GroupComparisonExplorer: item change",
            time_changes(group.item, cycle(ITEMS, group.item.value, n), group.output),
        )
    )
    corr, corr_before = CorrelationExplorer(data), anew(CorrelationExplorer)(data)
    ours, theirs = time_interleaved([(corr.item, corr.output), (corr_before.item, corr_before.output)],
                                    cycle(ITEMS, corr.item.value, n))
    rows.append(summary("CorrelationExplorer: item change", ours))
    rows.append(summary("  CorrelationExplorer, a new figure per change (before)", theirs))
    ratios["CorrelationExplorer: in place / new figure"] = rows[-2]["median_ms"] / rows[-1]["median_ms"]
    start = time.perf_counter()
    multiple = MultipleTestingExplorer(data)
    built_multiple = time.perf_counter() - start
    rows.append(
        summary(
            "MultipleTestingExplorer: method change",
            time_changes(multiple.method, cycle(ADJUST_METHODS, multiple.method.value, n), multiple.output),
        )
    )

    tracemalloc.start()
    time_changes(anova.item, cycle(ITEMS, anova.item.value, n), anova.output)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"data: {data_note}; {n} changes per row")
    width = max(len(r["what"]) for r in rows)
    print(f"{'what':<{width}}  {'median ms':>9}  {'p90 ms':>7}  {'min ms':>7}  {'max ms':>7}")
    for r in rows:
        print(
            f"{r['what']:<{width}}  {r['median_ms']:9.1f}  {r['p90_ms']:7.1f}  {r['min_ms']:7.1f}  {r['max_ms']:7.1f}"
        )
    for name, ratio in ratios.items():
        print(f"ratio of medians, {name}: {ratio:.2f}")
    print(f"AnovaExplorer construction (first draw included): {built * 1e3:.0f} ms")
    print(f"MultipleTestingExplorer construction (family of tests computed): {built_multiple * 1e3:.0f} ms")
    print(f"peak traced Python allocations during {n} AnovaExplorer changes: {traced_peak / 2**20:.1f} MiB")
    print(f"peak RSS of this process: {peak_rss:.0f} MiB")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "data": data_note,
                    "rows": rows,
                    "ratios": ratios,
                    "anova_median_ms": anova_times_ms["median_ms"],
                    "anova_construction_ms": built * 1e3,
                    "multiple_construction_ms": built_multiple * 1e3,
                    "traced_peak_mib": traced_peak / 2**20,
                    "peak_rss_mib": peak_rss,
                }
            )
        )


if __name__ == "__main__":
    main()
