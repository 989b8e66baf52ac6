"""notebooks/explorer.ipynb served by Voilà, in Chromium: the app for students who do not program.

Two page loads (a Voilà kernel each): the landing and the five hypothesis tabs, reached and changed
with the keyboard only, each checked by axe-core (WCAG 2.1 AA); then an upload of a class file
(every tab recomputed on it) and of a broken file (the loader's message in the page).
"""

from __future__ import annotations

import html
import time
import warnings
from pathlib import Path

import pytest

from .conftest import assert_images_loaded

pytestmark = pytest.mark.browser

CLASS_DATA = Path(__file__).resolve().parents[1] / "class_data"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TABS = ("About the study", "H1 Group type", "H2 Setting", "H3 Training", "H4 Experience", "H5 Years")


def _open(voila, new_page, height: int = 1000):
    page = new_page(1280, height)
    start = time.perf_counter()
    page.goto(voila.base + "/", timeout=90_000)
    page.locator(".mutsup-banner").wait_for(timeout=90_000)
    page.locator(".lm-TabBar-tab").first.wait_for()
    voila.note_kernels()
    print(f"Voila: page to rendered app {time.perf_counter() - start:.1f} s")
    return page


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG_AA).response
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in found["violations"] if v["impact"] in ("serious", "critical")]


def _panel(page):
    """The tab panel on display (Lumino hides the others)."""
    return page.locator(".widget-tab-contents > .lm-Widget:not(.lm-mod-hidden)")


def _wait_text(locator, text: str, timeout: float = 30.0) -> str:
    deadline, shown = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            shown = " ".join(locator.inner_text().split())
        except Exception:  # redrawn meanwhile
            shown = ""
        if text in shown:
            return shown
        time.sleep(0.1)
    return shown


def _expected(data):
    from mutsup_helpers.stats.anova import mixed_anova
    from mutsup_helpers.stats.correlations import correlate
    from mutsup_helpers.stats.fallbacks import DesignFallbackWarning
    from mutsup_helpers.stats.group_tests import compare_groups
    from mutsup_helpers.views import app as A

    with warnings.catch_warnings():  # a changed design is part of the sentence
        warnings.simplefilter("ignore", DesignFallbackWarning)
        fit = mixed_anova(data, "familiarity")
        res = compare_groups(data, "self_hospitalized", "familiarity")
    return {
        "H1 Group type": A.group_type_sentence(fit),
        "H2 Setting": A.interaction_sentence(fit, "setting3"),
        "H3 Training": A.between_sentence(fit, "training"),
        "H4 Experience": A.t_test_sentence(res, data),
        "H5 Years": A.correlation_sentence(correlate(data, "years_in_setting", "familiarity_ms"), data),
    }


def test_landing_and_every_tab_by_keyboard_with_no_serious_accessibility_violations(
        voila, new_page, data, data_choice, screenshots):
    from mutsup_helpers.stats.anova import mixed_anova
    from mutsup_helpers.views import app as A

    page = _open(voila, new_page)
    body = " ".join(page.locator("body").inner_text().split())
    assert "from mutsup_helpers" not in body and "replication_app" not in body  # no code
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert [t.strip() for t in page.locator(".lm-TabBar-tabLabel").all_inner_texts()] == list(TABS)
    assert "The data are synthetic." in body and "What the study asked" in body
    label = A.SHIPPED_LABEL if data_choice.shipped else "your data"
    assert label in page.locator(".mutsup-banner").inner_text()
    assert page.get_by_role("button", name="Upload a class CSV").count() == 1
    checked = {"About the study": _serious(page)}

    expected = _expected(data)
    page.locator("li.lm-TabBar-tab[aria-selected='true']").focus()
    for title in TABS[1:]:
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        page.locator("li.lm-TabBar-tab[aria-selected='true']", has_text=title).wait_for()
        panel = _panel(page)
        assert panel.locator("h2").first.inner_text().startswith(title.split()[0])
        shown = _wait_text(panel, expected[title])
        assert expected[title] in shown, f"{title}: the page shows {shown!r}"
        images = panel.locator("img")
        if title != "H4 Experience":
            assert assert_images_loaded(images) == 1
            assert len(images.first.get_attribute("alt")) > 40  # the figure's own description
        checked[title] = _serious(page)
    assert checked == {title: [] for title in TABS}

    # the keyboard alone changes an item: from the tab bar, Tab reaches the panel's first control
    for _ in TABS[2:]:  # from H5 back to H1
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.locator("li.lm-TabBar-tab[aria-selected='true']", has_text="H1 Group type").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"
    start = time.perf_counter()
    page.keyboard.press("ArrowDown")
    want = A.group_type_sentence(mixed_anova(data, "helpfulness"))
    shown = _wait_text(_panel(page).locator(".mutsup-sentence").first, want)
    print(f"Voila: item change by keyboard to the new sentence {time.perf_counter() - start:.2f} s")
    assert want in shown

    # the picture for docs/: H1 with its sentence, the paper's statement, the figure and the table
    page.keyboard.press("ArrowUp")
    caption = "Mixed ANOVA of familiarity"
    assert caption in _wait_text(_panel(page).locator("caption").first, caption)
    assert expected["H1 Group type"] in _wait_text(_panel(page), expected["H1 Group type"])
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
                          ...[...document.querySelectorAll('#rendered_cells')].map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": 1280, "height": int(height) + 40})
    page.wait_for_function(
        """() => { const e = document.querySelector('#rendered_cells');
                   return !e || e.scrollHeight <= e.clientHeight + 1; }""")
    page.screenshot(path=screenshots / "voila_explorer.png", full_page=True)


def test_an_uploaded_class_file_recomputes_every_tab_and_a_broken_one_is_a_message(voila, new_page):
    from mutsup_helpers.data.load import load_providers

    page = _open(voila, new_page)
    banner = page.locator(".mutsup-banner")
    mine = CLASS_DATA / "n34_empty_cell.csv"
    start = time.perf_counter()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload a class CSV").click()
    chooser.value.set_files(mine)
    shown = _wait_text(banner, "your data (n34_empty_cell.csv, 34 respondents)")
    print(f"Voila: upload of a class file to the new banner {time.perf_counter() - start:.2f} s")
    assert "your data (n34_empty_cell.csv, 34 respondents)" in shown
    assert "Loaded n34_empty_cell.csv: 34 respondents" in page.locator(".mutsup-message").inner_text()
    assert "Analyses that changed or cannot run" in _panel(page).inner_text()  # the landing lists them

    expected = _expected(load_providers(mine))
    for title in TABS[1:]:
        page.locator("li.lm-TabBar-tab", has_text=title).click()
        panel = _panel(page)
        shown = _wait_text(panel, expected[title])
        assert expected[title] in shown, f"{title}: the page shows {shown!r}"
        assert "Computed from: your data (n34_empty_cell.csv, 34 respondents)" in shown
    # training is left out on these data: H3 says why instead of giving a number
    assert expected["H3 Training"].startswith("The training effect cannot be tested on these data")

    rows = (CLASS_DATA / "n12.csv").read_text(encoding="utf-8").splitlines()
    column = rows[0].split(",").index("familiarity_ms")
    cells = rows[2].split(",")
    cells[column] = "7"
    broken = "\n".join([rows[0], rows[1], ",".join(cells), *rows[3:]]).encode("utf-8")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload a class CSV").click()
    chooser.value.set_files({"name": "broken.csv", "mimeType": "text/csv", "buffer": broken})
    alert = page.get_by_role("alert")
    message = _wait_text(alert, "broken.csv was not loaded")
    assert "broken.csv was not loaded" in message
    assert "column 'familiarity_ms', line 3: integer must lie between 1 and 5 (found '7')" in html.unescape(message)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "DataValidationError" not in body
    assert "your data (n34_empty_cell.csv, 34 respondents)" in banner.inner_text()  # the data on display stay


def test_a_qualtrics_export_uploaded_with_its_mapping_goes_through_the_import_step(voila, new_page):
    examples = Path(__file__).resolve().parents[2] / "mutsup_helpers" / "fieldwork" / "examples"
    page = _open(voila, new_page)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload a class CSV").click()
    chooser.value.set_files([examples / "qualtrics_choice_text.csv", examples / "qualtrics_mapping.yaml"])
    message = _wait_text(page.locator(".mutsup-message"), "imported through qualtrics_mapping.yaml")
    assert "Loaded qualtrics_choice_text.csv: imported through qualtrics_mapping.yaml (tool: Qualtrics)" in message
    assert "your data (qualtrics_choice_text.csv" in page.locator(".mutsup-banner").inner_text()
