"""``mutsup site`` without a browser: what the built HTML holds (the browser test opens it)."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.cli import main
from mutsup_helpers.series import is_r_track, is_solution, list_notebooks

SERIES = list_notebooks()


class _Resources(HTMLParser):
    """What a page loads when viewed (scripts, stylesheets, icons, images), not the links a reader may follow."""

    def __init__(self):
        super().__init__()
        self.loaded, self.images, self.maths = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loaded.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)
        self.maths += tag == "math"


def _parsed(path: Path) -> _Resources:
    parser = _Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", "--out", str(out)]) == 0
    return out


def test_every_notebook_has_a_page_and_nothing_is_fetched_from_outside(site):
    pages = sorted(p.name for p in site.glob("[0-9][0-9]_*.html"))
    assert pages == [f"{s.stem}.html" for s in SERIES]
    for page in [site / "index.html", site / "search.html", *(site / p for p in pages)]:
        external = [u for u in _parsed(page).loaded if u.startswith(("http:", "https:", "//"))]
        assert external == [], f"{page.name} loads {external}"


def test_figures_keep_their_alt_text_and_formulas_are_mathml(site):
    formulas = 0
    for source in SERIES:
        stored = {}
        for cell in nbformat.read(source, as_version=4).cells:
            for output in cell.get("outputs", []):
                if "image/png" in output.get("data", {}):
                    png = base64.b64decode(output["data"]["image/png"])
                    stored[hashlib.sha256(png).hexdigest()] = output["metadata"]["image/png"]["alt"]
        parsed = _parsed(site / f"{source.stem}.html")
        figures = [img for img in parsed.images if Path(img["src"]).stem in stored]
        assert len(figures) == len(stored), source.stem
        assert all(img.get("alt") == stored[Path(img["src"]).stem] for img in figures), source.stem
        formulas += parsed.maths
        assert "$$" not in (site / f"{source.stem}.html").read_text(encoding="utf-8"), "a formula left as TeX"
    assert formulas > 0  # the series has formulas (04, 08, 09, 11): each became MathML


def test_solutions_are_collapsed(site):
    for source in SERIES:
        cells = nbformat.read(source, as_version=4).cells
        solutions = sum(is_solution(c) for c in cells)
        r_cells = sum(is_r_track(c) for c in cells)  # the R code: collapsed too
        html = (site / f"{source.stem}.html").read_text(encoding="utf-8")
        assert html.count('<details class="mutsup-r-track">') == r_cells, source.stem
        assert html.count("<details") == solutions + r_cells and "<details open" not in html, source.stem


def test_site_refuses_to_overwrite_without_force(site, capsys):
    assert main(["site", "--out", str(site)]) == 2
    assert "--force" in capsys.readouterr().err
