"""The series' website (``mutsup site``), opened in Chromium from disk with the network cut off.

Every request the pages make is routed: one that leaves ``file://`` is recorded and refused,
so a page that needs a CDN (MathJax, a widget manager, fonts) fails here instead of breaking
for a student offline. The site is built from the notebooks as stored (nothing is executed),
so what it must show is read from those notebooks: their titles, figures, alt texts and
solution cells.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.series import is_r_track, is_solution, list_notebooks

from .conftest import NOTEBOOKS, assert_images_loaded

pytestmark = pytest.mark.browser

SERIES = list_notebooks(NOTEBOOKS)
#: The WCAG 2.1 A and AA rules of axe-core, as for the handouts.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    # the command line, as a user runs it (into an empty folder that already exists)
    done = subprocess.run([sys.executable, "-m", "mutsup_helpers.cli", "site", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert (out / "index.html").is_file()
    return out


@pytest.fixture
def offline_page(new_page):
    """A page whose requests outside file:// are refused; ``page.external`` lists them."""

    def make(width: int = 1300, height: int = 900):
        page = new_page(width, height)
        page.external = []

        def route(request_route):
            url = request_route.request.url
            if url.startswith(("file://", "data:", "blob:", "about:")):
                request_route.continue_()
            else:
                page.external.append(url)
                request_route.abort()

        page.route("**/*", route)
        return page

    return make


def _title(source: Path) -> str:
    first = next(c.source for c in nbformat.read(source, as_version=4).cells if c.cell_type == "markdown")
    return next(line[2:].strip() for line in first.splitlines() if line.startswith("# "))


def _stored_figures(source: Path) -> list[str]:
    """Alt text of each figure the notebook stores, in order."""
    alts = []
    for cell in nbformat.read(source, as_version=4).cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                alts.append(output["metadata"]["image/png"]["alt"])
    return alts


def _figure_hashes(source: Path) -> dict[str, str]:
    found = {}
    for cell in nbformat.read(source, as_version=4).cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                digest = hashlib.sha256(base64.b64decode(output["data"]["image/png"])).hexdigest()
                found[digest] = output["metadata"]["image/png"]["alt"]
    return found


def test_contents_page_and_navigation_work_offline(site, offline_page, screenshots):
    page = offline_page()
    page.goto((site / "index.html").as_uri())
    assert "synthetic" in page.locator("main").inner_text()
    titles = [_title(s) for s in SERIES]
    # the contents page lists the series in reading order, each entry a link to its page
    listed = page.locator("main ol li a").all_inner_texts()
    assert [t.strip() for t in listed] == titles
    page.screenshot(path=screenshots / "site_index.png")

    # the sidebar reaches every notebook; follow one, then the "next" link to the one after it
    nav = page.locator("nav.bd-docs-nav")
    assert [t.strip() for t in nav.locator("a").all_inner_texts()] == titles
    middle = len(SERIES) // 2
    nav.get_by_role("link", name=titles[middle], exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{SERIES[middle].stem}.html")
    assert page.locator("main h1").first.inner_text().strip().rstrip("#").strip() == titles[middle]
    page.locator("a.right-next").click()
    page.wait_for_load_state()
    assert page.locator("main h1").first.inner_text().strip().rstrip("#").strip() == titles[middle + 1]
    assert page.external == [], f"the pages asked for {page.external}"


def test_search_finds_a_notebook_offline(site, offline_page):
    page = offline_page()
    # a word of one notebook's title: the search index is a local script, no server needed
    word = _title(SERIES[-1]).split()[-1]
    page.goto((site / "search.html").as_uri() + f"?q={word}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(SERIES[-1].stem in h for h in hrefs), hrefs
    assert page.external == [], f"the search page asked for {page.external}"


@pytest.mark.parametrize("source", SERIES, ids=[s.stem for s in SERIES])
def test_each_page_shows_its_figures_with_alt_text_and_hides_its_solutions(site, offline_page, source):
    page = offline_page(1200, 900)
    page.goto((site / f"{source.stem}.html").as_uri())
    assert "Traceback" not in page.locator("main").inner_text()

    # every solution cell is collapsed: closed <details>, its content not on screen until opened
    # (the R cells are <details> of their own, written in the notebook's markdown; closed as well)
    cells = nbformat.read(source, as_version=4).cells
    solutions = [c for c in cells if is_solution(c)]
    r_cells = [c for c in cells if is_r_track(c)]
    r_track = page.locator("main details.mutsup-r-track")
    assert r_track.count() == len(r_cells)
    assert all(not r_track.nth(i).evaluate("el => el.open") for i in range(r_track.count()))
    collapsed = page.locator("main details:not(.mutsup-r-track)")
    assert collapsed.count() == len(solutions) >= 1
    for i in range(collapsed.count()):
        details = collapsed.nth(i)
        content = details.locator(":scope > :not(summary)").first
        assert not details.evaluate("el => el.open") and not content.is_visible(), f"solution {i} is open"
        details.locator("summary").click()  # opened as a student opens it: the content shows
        assert details.evaluate("el => el.open") and content.is_visible(), f"solution {i} does not open"

    # with the solutions open, every stored figure is on the page, decoded, with its own alt text
    images = page.locator("main .cell_output img")
    assert assert_images_loaded(images) == len(_stored_figures(source))
    stored = _figure_hashes(source)
    for i in range(images.count()):
        src = images.nth(i).get_attribute("src")
        assert images.nth(i).get_attribute("alt") == stored[Path(src).stem], f"image {i} ({src})"
    assert page.external == [], f"{source.stem} asked for {page.external}"


@pytest.mark.parametrize("name", ["index", "search", *[s.stem for s in SERIES]])
def test_site_pages_meet_wcag_aa(site, offline_page, name):
    from axe_playwright_python.sync_playwright import Axe

    page = offline_page(1200, 900)
    page.goto((site / f"{name}.html").as_uri())
    found = Axe().run(page, options=WCAG_AA).response["violations"]
    # none at any impact (measured: the theme and our pages have none; the issue asks for no serious
    # or critical ones, and holding the line at zero keeps a new minor one from creeping in)
    assert [f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['html'][:160]}"
            for v in found] == []
