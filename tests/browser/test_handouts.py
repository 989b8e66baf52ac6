"""The HTML handouts of ``mutsup run``, opened in Chromium: every figure and table is on the page.

By default the whole series runs once (``mutsup run --out <tmp>``, 1.5-2 min on 2 cores, below
the 3-minute bound that would have limited this test to one notebook), on the shipped data or,
while it does not exist, on a valid stand-in passed with ``--data``. To bound the time, set
``MUTSUP_HANDOUTS`` to a comma-separated list of notebook names (``05_h2_setting``): only
copies of those are executed, through ``mutsup_helpers.series.run_series(out, folder=...)``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.series import list_notebooks

from .conftest import NOTEBOOKS, alive, assert_images_loaded, descendants, isolated_env

pytestmark = pytest.mark.browser

ALL = [p.stem for p in list_notebooks(NOTEBOOKS)]
CHOSEN = [n.strip().removesuffix(".ipynb") for n in os.environ.get("MUTSUP_HANDOUTS", "").split(",") if n.strip()]
SERIES = CHOSEN or ALL
RUN_TIMEOUT = 900


@dataclass(frozen=True)
class Handouts:
    folder: Path
    returncode: int
    log: str


@pytest.fixture(scope="module")
def handouts(tmp_path_factory, data_choice, chromium) -> Handouts:
    out = tmp_path_factory.mktemp("handouts")
    unknown = sorted(set(CHOSEN) - set(ALL))
    assert not unknown, f"MUTSUP_HANDOUTS names no notebook of the series: {unknown}"
    data = [] if data_choice.shipped else ["--data", str(data_choice.path)]
    if CHOSEN:
        folder = tmp_path_factory.mktemp("chosen")
        for name in CHOSEN:
            shutil.copy(NOTEBOOKS / f"{name}.ipynb", folder)
        code = (
            "import sys; from pathlib import Path; from mutsup_helpers.series import run_series; "
            "data = Path(sys.argv[3]) if len(sys.argv) > 3 else None; "
            "results = run_series(Path(sys.argv[1]), data=data, folder=Path(sys.argv[2])); "
            "[print(r) for r in results]; sys.exit(any(r.status != 'ok' for r in results))"
        )
        argv = [sys.executable, "-c", code, str(out), str(folder), *data[1:]]
    else:
        argv = [sys.executable, "-m", "mutsup_helpers.cli", "run", "--out", str(out), *data]
    env = isolated_env(tmp_path_factory.mktemp("run-home"))
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        log, _ = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        if process.poll() is None:  # timed out (or interrupted): end the run and its kernels by PID
            kernels = descendants(process.pid)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            for pid in kernels:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
    return Handouts(out, process.returncode, log)


def test_series_runs(handouts):
    assert handouts.returncode == 0, handouts.log[-4000:]


def _expected(executed: Path) -> tuple[int, int]:
    """(figures, tables) among the executed notebook's outputs (widget views draw nothing offline)."""
    figures = tables = 0
    for cell in nbformat.read(executed, as_version=4).cells:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {})
            figures += "image/png" in bundle
            tables += "<table" in bundle.get("text/html", "")
    return figures, tables


@pytest.mark.parametrize("name", SERIES)
def test_handout_shows_figures_and_tables(handouts, new_page, screenshots, name):
    html = handouts.folder / f"{name}.html"
    assert html.is_file(), f"no handout for {name}:\n{handouts.log[-2000:]}"
    figures, tables = _expected(handouts.folder / f"{name}.ipynb")
    page = new_page(1200, 900)
    # the page's CDN scripts (require.js, MathJax) may be unreachable: do not wait for them
    page.goto(html.as_uri(), wait_until="domcontentloaded")

    assert page.locator("h1").first.is_visible()
    assert "Traceback" not in page.locator("body").inner_text()
    assert assert_images_loaded(page.locator(".jp-OutputArea-output img")) == figures
    shown = page.locator(".jp-OutputArea-output table")
    assert shown.count() >= tables >= 1, f"{name}: {shown.count()} tables on the page, {tables} in the notebook"
    for i in range(shown.count()):
        shown.nth(i).scroll_into_view_if_needed()
        assert shown.nth(i).is_visible(), f"{name}: table {i} is not visible"

    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=screenshots / f"handout_{name}.png", full_page=True)


#: The WCAG 2.1 A and AA rules of axe-core (the level public universities' materials must meet).
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']}: {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['html'][:120]}" for v in found]


@pytest.mark.parametrize("name", SERIES)
def test_handout_meets_wcag_aa_and_every_figure_has_alt_text(handouts, new_page, name):
    page = new_page(1200, 900)
    page.goto((handouts.folder / f"{name}.html").as_uri(), wait_until="domcontentloaded")
    assert _axe_violations(page) == []
    images = page.locator(".jp-OutputArea-output img")
    for i in range(images.count()):
        alt = images.nth(i).get_attribute("alt") or ""
        assert len(alt) > 40 and "No description" not in alt, f"{name}: image {i} alt={alt!r}"


def test_the_questionnaire_meets_wcag_aa(tmp_path, new_page):
    from mutsup_helpers.fieldwork.instrument import write_survey

    write_survey(tmp_path)
    page = new_page(1000, 900)
    page.goto((tmp_path / "questionnaire.html").as_uri())
    assert _axe_violations(page) == []
    assert page.get_by_role("radio", name="12-step groups: 5 = Very Familiar").count() == 1
