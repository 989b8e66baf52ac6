"""Notebook 05 in JupyterLab, in Chromium: run all, drive the ANOVA explorer, check its table.

The table the browser shows must be what ``mutsup_helpers.stats.anova.mixed_anova`` computes in
this process for the same data and choice (F to the four printed decimals).
"""

from __future__ import annotations

import time

import pytest

from .conftest import assert_images_loaded, expected_f, matches, read_f_column, wait_for_table

pytestmark = pytest.mark.browser

NOTEBOOK = "05_h2_setting.ipynb"
BETWEEN = {"training": ("training",), "setting": ("setting3",), "both": ("training", "setting3")}


KERNEL_READY_JS = """() => {
  // The execution indicator already says "idle" while the toolbar still says "No Kernel" (about
  // 1.5 s after the page opens): a run-all in that window silently skips every code cell.
  const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
  const kernel = document.querySelector('.jp-Toolbar-kernelName')?.textContent.trim() || 'No Kernel';
  return status === 'idle' && kernel !== 'No Kernel';
}"""
STARTED_JS = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
  .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""


def _menu(page, menu: str, command: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(f'li.lm-Menu-item[data-command="{command}"]:not(.lm-mod-disabled)').click()


def _run_all(page, attempts: int = 3) -> int:
    """Run all cells; check that execution started (some prompt shows [*] or a number), else retry.

    Returns the number of extra attempts needed (0 when the first one took).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        _menu(page, "Run", "runmenu:run-all")
        try:
            page.wait_for_function(STARTED_JS, timeout=15_000)
            return attempt
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"run-all did not start any cell in {attempts} attempts")


def _wait_until_run(page, timeout: float = 180.0) -> None:
    """Every code cell has an execution count and the kernel is idle."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = page.evaluate(
            """() => {
              const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
                .map(p => p.textContent.trim());
              const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
              return {prompts, status: indicator && indicator.dataset.status};
            }"""
        )
        prompts = state["prompts"]
        done = prompts and all(p.startswith("[") and p[1:-2].strip().isdigit() for p in prompts)
        if done and state["status"] == "idle":
            return
        time.sleep(0.25)
    raise AssertionError(f"run-all did not finish in {timeout:.0f} s: {state}")


def _active_label(active, allowed, timeout=30.0):
    """The label of the active toggle button once it is one of `allowed`.

    Under load the widget re-renders its buttons: the node first seen may be
    replaced, and a fresh one can exist before its label is drawn. Re-query
    the locator each time instead of holding an element handle.
    """
    deadline = time.monotonic() + timeout
    label = ""
    while time.monotonic() < deadline:
        if active.count() == 1:
            label = active.inner_text().strip()
            if label in allowed:
                return label
        time.sleep(0.2)
    raise AssertionError(f"the active toggle button never showed one of {sorted(allowed)} (last: {label!r})")


def test_anova_explorer_in_jupyterlab(jupyterlab, new_page, data, screenshots):
    page = new_page(1400, 1000)
    page.goto(jupyterlab.url(f"/lab/tree/{NOTEBOOK}"))
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.wait_for_function(KERNEL_READY_JS, timeout=60_000)

    _menu(page, "Edit", "editmenu:clear-all")  # no stored outputs or widget views take part
    retries = _run_all(page)
    _wait_until_run(page)
    if retries:
        print(f"run-all needed {retries} extra attempt(s)")

    explorer = page.locator(".jp-OutputArea-output .widget-vbox").filter(has=page.locator(".widget-dropdown"))
    explorer.first.wait_for(state="attached", timeout=60_000)
    assert explorer.count() == 1, "notebook 05 should show exactly one ANOVA explorer"
    explorer.scroll_into_view_if_needed()
    output = explorer.locator(".widget-output")
    table = output.locator("table.dataframe")

    # whatever the notebook's explorer cell starts with: read it from the widgets
    item = explorer.locator(".widget-dropdown select")
    between = explorer.locator(".widget-toggle-buttons").filter(has_text="Between")
    start_item = item.evaluate("el => el.options[el.selectedIndex].textContent.trim()")
    start_between = _active_label(between.locator("button.mod-active"), BETWEEN)
    want = expected_f(data, start_item, BETWEEN[start_between])
    before = wait_for_table(table, want)
    assert matches(before, want), f"initial table ({start_item}, {start_between}) shows {before}, want {want}"
    assert assert_images_loaded(output.locator("img")) == 1
    explorer.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "jupyterlab_05_before.png")

    # the item dropdown
    new_item = "helpfulness" if start_item != "helpfulness" else "referral"
    start = time.perf_counter()
    item.select_option(label=new_item)
    want = expected_f(data, new_item, BETWEEN[start_between])
    shown = wait_for_table(table, want)
    print(f"JupyterLab: item change to the new table in the browser: {time.perf_counter() - start:.2f} s")
    assert matches(shown, want), f"after the item change the table shows {shown}, the helper computes {want}"

    # the between factor
    new_between = "setting" if start_between != "setting" else "training"
    between.locator("button", has_text=new_between).click()
    want = expected_f(data, new_item, BETWEEN[new_between])
    shown = wait_for_table(table, want)
    assert matches(shown, want), f"after the between change the table shows {shown}, the helper computes {want}"
    factor = BETWEEN[new_between][0]
    assert set(shown) == {factor, "group_type", f"group_type:{factor}"}
    assert read_f_column(table) != before

    assert assert_images_loaded(output.locator("img")) == 1
    explorer.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "jupyterlab_05_after.png")
    explorer.screenshot(path=screenshots / "jupyterlab_05_explorer.png")
