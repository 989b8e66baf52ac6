"""The Voilà app's item change as seen in the browser, beside the same change in-process, in one run.

Run from the repository root (needs Debian's Chromium and the test extra)::

    .venv/bin/python benchmarks/bench_browser.py [--changes 20] [--json out.json]

*In the browser*: ``tests/browser/test_redraw_timing.py`` (skipped by ordinary test runs) serves
``notebooks/explorer.ipynb`` with Voilà, opens the H1 tab in headless Chromium and selects the next
item ``--changes`` times; each time is from the selection to the first animation frame in which
the new figure is decoded (kernel round trip, the figure drawn in place and encoded, the widget
message, the browser decoding the PNG). *In-process*: the same panel's item changed by setting
``.value`` in this process (what the kernel does of it). The ratio browser / in-process is what
the round trip and the page add. Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ITEMS = ("familiarity", "helpfulness", "referral", "interference", "value")


def in_process(changes: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from mutsup_helpers.views.app import ReplicationApp

    panel = ReplicationApp().panels[0]
    times = []
    for i in range(changes + 2):
        start = time.perf_counter()
        panel.item.value = ITEMS[(i + 1) % len(ITEMS)]
        if i >= 2:
            times.append(time.perf_counter() - start)
    return times


def in_browser(changes: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "browser.json"
        env = {**os.environ, "MUTSUP_BENCH_OUT": str(out), "MUTSUP_BENCH_CHANGES": str(changes)}
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-o", "addopts=",
                        "tests/browser/test_redraw_timing.py"], cwd=ROOT, env=env, check=True)
        return json.loads(out.read_text())["browser_item_change_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    browser = in_browser(args.changes)
    kernel = in_process(args.changes)
    rows = {"in-process (panel .value)": kernel, "in the browser (selection to painted figure)": browser}
    print(f"\nApp H1 tab, item change, {args.changes} changes after two warm-up changes")
    print(f"{'':48} {'median ms':>10} {'p90 ms':>8} {'best ms':>8}")
    for name, times in rows.items():
        ms = sorted(1000 * t for t in times)
        print(f"{name:48} {statistics.median(ms):10.0f} {ms[int(0.9 * (len(ms) - 1))]:8.0f} {ms[0]:8.0f}")
    ratio = statistics.median(browser) / statistics.median(kernel)
    print(f"ratio browser / in-process (medians): {ratio:.2f}; target: browser median < 250 ms")
    if args.json:
        args.json.write_text(json.dumps({"in_process_s": kernel, "browser_s": browser, "ratio": ratio}, indent=1))


if __name__ == "__main__":
    main()
