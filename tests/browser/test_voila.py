"""notebooks/explorer.ipynb served by Voilà, in Chromium: five explorers, no code, live tables."""

from __future__ import annotations

import time

import pytest

from .conftest import assert_images_loaded, expected_f, matches, wait_for_table

pytestmark = pytest.mark.browser

BOTH = ("training", "setting3")  # the ANOVA explorer's default between factors


def test_explorer_app_in_voila(voila, new_page, data, screenshots):
    page = new_page(1280, 1000)
    page.goto(voila.base + "/", timeout=90_000)
    outputs = page.locator(".widget-output")
    # five explorers, each drawn by its own Output widget with a table in it
    page.wait_for_function("() => document.querySelectorAll('.widget-output table').length >= 5", timeout=90_000)
    voila.note_kernels()
    assert outputs.count() == 5

    # no code: Voilà hides code cells; the markdown headings are there
    body = page.locator("body").inner_text()
    assert "from mutsup_helpers" not in body and "load_providers" not in body
    assert page.locator(".jp-CodeMirrorEditor, .jp-InputArea-editor").count() == 0
    for heading in ("Mixed ANOVA", "Group comparison", "Correlation", "Multiple testing", "Nonresponse"):
        assert page.locator("h2", has_text=heading).count() == 1, heading
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

    anova = page.locator(".widget-vbox").filter(has=page.locator(".widget-toggle-buttons", has_text="Between"))
    assert anova.count() == 1
    table = anova.locator(".widget-output table.dataframe")
    want = expected_f(data, "familiarity", BOTH)
    before = wait_for_table(table, want)
    assert matches(before, want), f"initial ANOVA table {before}, want {want}"

    start = time.perf_counter()
    anova.locator(".widget-dropdown select").select_option(label="referral")
    want = expected_f(data, "referral", BOTH)
    shown = wait_for_table(table, want)
    print(f"Voila: item change to the new table in the browser: {time.perf_counter() - start:.2f} s")
    assert matches(shown, want), f"after the item change the table shows {shown}, the helper computes {want}"
    assert shown != before

    # figures: the ANOVA and the correlation explorers draw one each
    assert assert_images_loaded(page.locator(".widget-output img")) == 2

    # Voilà scrolls inside #rendered_cells, not the body: a full-page screenshot needs a viewport
    # as tall as that panel's content
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
                          ...[...document.querySelectorAll('#rendered_cells')].map(e => e.scrollHeight))"""
    )
    page.set_viewport_size({"width": 1280, "height": int(height) + 40})
    page.wait_for_function(
        """() => { const e = document.querySelector('#rendered_cells');
                   return !e || e.scrollHeight <= e.clientHeight + 1; }"""
    )
    page.screenshot(path=screenshots / "voila_explorer.png", full_page=True)
