"""The Voilà app's redraw as seen in the browser: a benchmark (``benchmarks/bench_browser.py``), not a test.

It only runs when that script asks (``MUTSUP_BENCH_OUT`` names the JSON file to write); an ordinary
test run skips it. For each change of the H1 tab's item, the time from Playwright's selection to
the first animation frame in which the new figure is decoded and on the page.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from .test_voila import _open

pytestmark = pytest.mark.browser
OUT = os.environ.get("MUTSUP_BENCH_OUT")
ITEMS = ("familiarity", "helpfulness", "referral", "interference", "value")
NEW_IMAGE = """old => {
  const img = document.querySelector('.widget-tab-contents > .lm-Widget:not(.lm-mod-hidden) .mutsup-figure img');
  return img && img.src !== old && img.complete && img.naturalWidth > 0;
}"""
SOURCE = """() => {
  const img = document.querySelector('.widget-tab-contents > .lm-Widget:not(.lm-mod-hidden) .mutsup-figure img');
  return img ? img.src : '';
}"""


@pytest.mark.skipif(OUT is None, reason="a benchmark: run benchmarks/bench_browser.py")
def test_time_item_changes_to_a_painted_figure(voila, new_page):
    changes = int(os.environ.get("MUTSUP_BENCH_CHANGES", "20"))
    page = _open(voila, new_page)
    page.locator("li.lm-TabBar-tab", has_text="H1 Group type").click()
    select = page.locator(".widget-tab-contents > .lm-Widget:not(.lm-mod-hidden) select").first
    select.wait_for()
    page.wait_for_function(f"() => ({SOURCE})() !== ''")
    times = []
    for i in range(changes + 2):  # the first two are warm-up (the kernel's first figures)
        old = page.evaluate(SOURCE)
        start = time.perf_counter()
        select.select_option(label=ITEMS[(i + 1) % len(ITEMS)].capitalize())
        page.wait_for_function(NEW_IMAGE, arg=old, polling="raf", timeout=30_000)
        if i >= 2:
            times.append(time.perf_counter() - start)
    Path(OUT).write_text(json.dumps({"browser_item_change_s": times}))
