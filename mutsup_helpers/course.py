"""The instructor's kit around the series: a computed answer key and lecture slides.

Used by ``mutsup key`` and ``mutsup slides``. Both start from executed notebooks: the series run on a
data set (``--data``, so that the key's numbers are those of a class's own survey), or, for slides of
the shipped data, the notebooks' stored outputs (which nbval keeps equal to a fresh run).
"""

from __future__ import annotations

import copy
import html
import re
import shutil
import tempfile
from pathlib import Path

import nbformat

from .series import (
    PARAMETERS_TAG,
    RunResult,
    is_r_track,
    is_rubric,
    is_solution,
    list_notebooks,
    raw_marker,
    run_series,
)

EXERCISES = "## Check your understanding"
#: sections a lecture deck leaves out: widgets need a live kernel, exercises are for afterwards
#: (their prompts get one slide), references are in the handout
SLIDES_SKIP = ("## Try it", "## References")
ASSETS = Path(__file__).parent / "views" / "slides_assets" / "reveal.js"
TEMPLATES = Path(__file__).parent / "views" / "templates"


def _heading(cell) -> str:
    """The first line of a markdown cell when it is a heading ("## The analysis"), else ""."""
    if cell.cell_type != "markdown" or not cell.source.strip():
        return ""
    first = cell.source.strip().splitlines()[0]
    return first if first.startswith("#") else ""


def _section(cells, start: str, stop: str = "## Summary") -> list:
    """The cells from the markdown cell that opens with ``start`` up to (not including) ``stop``."""
    begin = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith(start))
    end = next((i for i, c in enumerate(cells) if i > begin and c.cell_type == "markdown" and stop in c.source),
               len(cells))
    return cells[begin:end]


def _without_tests(cells) -> list:
    """Leave out otter's marker cells and its test cells: the key is answers, not grading code."""
    kept, in_tests = [], False
    for cell in cells:
        marker = raw_marker(cell)
        if marker == "BEGIN TESTS":
            in_tests = True
        elif marker == "END TESTS":
            in_tests = False
        elif not marker and not in_tests and cell.cell_type != "raw":
            kept.append(cell)
    return kept


def key_notebook(executed, data_label: str):
    """One notebook's answer key: its title, then every exercise with its worked answer shown open,
    the numbers computed on the data it was run on, and the rubrics of the written ones."""
    key = copy.deepcopy(executed)
    title = key.cells[0].source.splitlines()[0].lstrip("# ").strip()
    note = nbformat.v4.new_markdown_cell(
        f"# Answer key: {title}\n\nFor the instructor only. Computed on **{data_label}**: every number below "
        "was computed in this run, so it is the right answer for that data set. Written exercises show a "
        "model answer and their marking rubric.")
    cells = _without_tests(_section(key.cells, EXERCISES))[1:]  # the section's own intro is for students
    for cell in cells:
        if is_solution(cell):
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
            cell.metadata.get("jupyter", {}).pop("outputs_hidden", None)
    key.cells = [note, *cells]
    return key


def answer_key(out: Path, data: Path | None = None, folder: Path | None = None, jobs: int = 1,
               timeout: int = 600) -> tuple[list[Path], list[RunResult]]:
    """Run the series on ``data`` and write one HTML answer key per notebook into ``out``, plus an index.

    Returns the pages written and the run's results (a notebook that failed has no key page).
    """
    from .views.plots import handout_exporter

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    label = Path(data).name if data is not None else "the shipped synthetic data (data/providers.csv)"
    exporter = handout_exporter()
    written = []
    with tempfile.TemporaryDirectory(prefix="mutsup-key-") as work:
        results = run_series(Path(work), data=data, folder=folder, timeout=timeout, jobs=jobs)
        for result in results:
            executed = Path(work) / f"{result.notebook}.ipynb"
            if result.status != "ok" or not executed.exists():
                continue
            body, _ = exporter.from_notebook_node(key_notebook(nbformat.read(executed, as_version=4), label))
            page = out / f"{result.notebook}_key.html"
            page.write_text(body, encoding="utf-8")
            written.append(page)
    links = "\n".join(f'<li><a href="{p.name}">{html.escape(p.stem.removesuffix("_key"))}</a></li>' for p in written)
    index = out / "index.html"
    index.write_text(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Answer key</title></head>'
                     f"<body><h1>Answer key</h1><p>For the instructor only. Computed on {html.escape(label)}.</p>"
                     f"<ul>{links}</ul></body></html>\n", encoding="utf-8")
    return [index, *written], results


# ----------------------------------------------------------------------------- slides

_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$")


def _mathml(markdown: str) -> str:
    """TeX formulas as MathML, which browsers draw themselves: no MathJax to fetch when a slide is shown."""
    from latex2mathml.converter import convert

    markdown = _DISPLAY_MATH.sub(lambda m: convert(m.group(1).strip(), display="block"), markdown)
    return _INLINE_MATH.sub(lambda m: convert(m.group(1)), markdown)


def _is_discussion(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("> **Discuss")


def _slide_type(cell) -> str:
    heading = _heading(cell)
    if heading.startswith(("# ", "## ")):
        return "slide"
    if heading.startswith("### ") or _is_discussion(cell):
        return "subslide"
    outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
    shows = [o for o in outputs if o.get("output_type") in ("display_data", "execute_result")]
    if any("image/png" in o.get("data", {}) or "text/html" in o.get("data", {}) for o in shows):
        return "subslide"  # a figure or a table gets a slide of its own
    return "-"


def slides_notebook(executed):
    """A lecture deck of one executed notebook: its text, figures and tables, one idea a slide, no code.

    Sections become slides and their subsections vertical slides; each figure and table gets a slide;
    the discussion prompts keep theirs. The widgets ("Try it") and the references are left out, and the
    exercises shrink to their prompts. Worked solutions, rubrics, the R code and otter's cells never appear.
    """
    deck = copy.deepcopy(executed)
    cells, skipping, in_exercises = [], False, False
    for cell in deck.cells:
        heading = _heading(cell)
        if heading.startswith("## "):
            skipping = heading.startswith(SLIDES_SKIP)
            in_exercises = heading.startswith(EXERCISES)
        if skipping or cell.cell_type == "raw" or is_solution(cell) or is_rubric(cell) or is_r_track(cell):
            continue
        if PARAMETERS_TAG in cell.metadata.get("tags", []) or (cell.cell_type == "code" and not cell.get("outputs")):
            continue
        if in_exercises and cell.cell_type == "code":
            continue  # the answers and the tests: the deck asks, it does not answer
        if in_exercises and cell.cell_type == "markdown" and not (heading or cell.source.startswith("**Exercise")):
            continue
        if cell.cell_type == "markdown":
            cell.source = _mathml(cell.source)
        cell.metadata["slideshow"] = {"slide_type": _slide_type(cell)}
        cells.append(cell)
    if cells:
        cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    deck.cells = cells
    return deck


def slides_exporter():
    """nbconvert's reveal.js exporter with the series' offline template; code inputs and prompts hidden."""
    from nbconvert import SlidesExporter

    return SlidesExporter(template_name="mutsup_slides", extra_template_basedirs=[str(TEMPLATES)],
                          reveal_url_prefix="reveal.js", exclude_input=True, exclude_input_prompt=True,
                          exclude_output_prompt=True)


def build_slides(out: Path, data: Path | None = None, folder: Path | None = None, jobs: int = 1,
                 timeout: int = 600) -> list[Path]:
    """One reveal.js deck per notebook in ``out`` (``NN_name.slides.html``), reveal.js copied beside them.

    Without ``data`` the decks show the notebooks' stored outputs (the shipped data); with it, the
    series is run on that file first. The decks need no network: open them from disk.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ASSETS, out / "reveal.js", dirs_exist_ok=True)
    exporter = slides_exporter()

    def write(notebooks: list[Path]) -> list[Path]:
        decks = []
        for path in notebooks:
            body, _ = exporter.from_notebook_node(slides_notebook(nbformat.read(path, as_version=4)))
            deck = out / f"{path.stem}.slides.html"
            deck.write_text(body, encoding="utf-8")
            decks.append(deck)
        return decks

    if data is None:
        return write(list_notebooks(folder))
    with tempfile.TemporaryDirectory(prefix="mutsup-slides-") as work:
        results = run_series(Path(work), data=data, folder=folder, timeout=timeout, jobs=jobs)
        failed = [r.notebook for r in results if r.status != "ok"]
        if failed:
            raise RuntimeError(f"the series did not run on {data}: {', '.join(failed)} failed (see mutsup run)")
        return write([Path(work) / f"{r.notebook}.ipynb" for r in results])
