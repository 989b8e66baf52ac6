"""The series' structure: outline, pairing with the py:percent twins, public API only, no typed paper numbers."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from mutsup_helpers.paper.published import load_published
from mutsup_helpers.series import is_graded, is_rubric, is_solution, list_notebooks, raw_marker, student_copy

NOTEBOOKS = list_notebooks()
OUTLINE = [
    "## Learning objectives",
    "## What the paper claims",
    "## The analysis",
    "## Paper vs here",
    "## Try it",
    "## Check your understanding",
    "## Summary",
    "## References",
]
ALLOWED_IMPORTS = {
    "from mutsup_helpers import analysis as ms",
    "from mutsup_helpers.views import widgets",
}
#: The one exception: a coding exercise is where the student writes the analysis with the standard
#: libraries instead of calling the facade, so the worked solution of a graded question (inside
#: otter's BEGIN SOLUTION block) may import these, and so may its test cells (inside BEGIN TESTS),
#: whose reference implementation is then independent of the package; nothing else. ``import otter``
#: is not needed here: otter assign adds it to the student version only.
EXERCISE_IMPORTS = {
    "import numpy as np",
    "import pandas as pd",
    "import pingouin as pg",
    "from scipy import stats",
    "import statsmodels.api as sm",
    "import statsmodels.formula.api as smf",
    "from statsmodels.stats.multitest import multipletests",
}


def _cells(path: Path):
    return nbformat.read(path, as_version=4).cells


def _ids(paths):
    return [p.stem for p in paths]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_outline_in_order(path):
    headings = [line.strip() for c in _cells(path) if c.cell_type == "markdown" for line in c.source.splitlines()]
    title = headings[0]
    assert re.match(r"^# \d\d ", title), f"{path.name}: the first line must be the numbered title"
    positions = [headings.index(h) if h in headings else -1 for h in OUTLINE]
    assert -1 not in positions, f"{path.name}: missing {[h for h, p in zip(OUTLINE, positions, strict=True) if p < 0]}"
    assert positions == sorted(positions), f"{path.name}: outline out of order"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_one_parameters_cell_and_collapsed_solutions(path):
    cells = _cells(path)
    parameters = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].source.startswith("DATA_PATH = None")
    solutions = [c for c in cells if is_solution(c)]
    assert 2 <= len(solutions), f"{path.name}: needs 2-4 exercises with worked solutions"
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in solutions)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_paired_twin_is_in_sync(path):
    twin = path.with_suffix(".py")
    assert twin.exists(), f"{twin} is missing"
    nb, py = jupytext.read(path), jupytext.read(twin)
    pairs = [(c.cell_type, c.source) for c in nb.cells], [(c.cell_type, c.source) for c in py.cells]
    assert pairs[0] == pairs[1], f"{path.name} and {twin.name} differ: run `jupytext --sync {path}`"


def _in_otter_block(cells):
    """Each cell with the otter block it sits in: "solution", "tests" or "" (outside both)."""
    block = ""
    for cell in cells:
        marker = raw_marker(cell)
        if marker.startswith("BEGIN SOLUTION") or marker == "BEGIN TESTS":
            block = marker.split()[1].lower()
        elif marker in ("END SOLUTION", "END TESTS"):
            block = ""
        yield cell, block


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_only_the_public_api_is_imported(path):
    for cell, block in _in_otter_block(_cells(path)):
        if cell.cell_type != "code":
            continue
        exercise = block == "tests" or (block == "solution" and is_solution(cell))
        allowed = ALLOWED_IMPORTS | (EXERCISE_IMPORTS if exercise else set())
        for line in cell.source.splitlines():
            if re.match(r"^\s*(import|from)\s", line):
                assert line.strip() in allowed, f"{path.name}: unexpected import `{line.strip()}`"


def _printed_number_strings() -> set[str]:
    """Every printed statistic with decimals, as it could be typed (3.34, .108, 0.108, -2.37)."""
    targets = load_published().targets()
    numeric = targets[(targets["kind"] == "round") & (targets["decimals"].fillna(0) >= 1)]
    numeric = numeric[~numeric["target"].str.endswith("/p")]  # p values such as .05 are generic
    strings = set()
    for value, decimals in zip(numeric["printed"], numeric["decimals"], strict=True):
        text = f"{float(value):.{int(decimals)}f}"
        strings.add(text)
        if text.lstrip("-").startswith("0."):
            strings.add(text.replace("0.", ".", 1))
    return strings


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_printed_number_of_the_paper_is_typed(path):
    numbers = _printed_number_strings()
    pattern = re.compile(r"(?<![\d.])-?\d*\.\d+(?![\d])")
    for cell in _cells(path):
        typed = set(pattern.findall(cell.source)) & numbers
        assert not typed, f"{path.name}: paper numbers typed by hand {sorted(typed)} in:\n{cell.source[:200]}"


def test_student_copy_drops_solutions_and_keeps_everything_else(tmp_path):
    written = student_copy(tmp_path / "students")
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    for original, copy in zip(NOTEBOOKS, written, strict=True):
        copied = _cells(copy)
        assert not any(is_solution(c) or is_rubric(c) for c in copied), copy.name
        if not is_graded(nbformat.read(original, as_version=4)):
            assert copied == [c for c in _cells(original) if not (is_solution(c) or is_rubric(c))]
            continue
        # otter's student version: no marker cell, no worked line, the tests' check cells in place
        assert not any(c.cell_type == "raw" and raw_marker(c) for c in copied), copy.name
        text = "\n".join(c.source for c in copied)
        solutions = [c for c in _cells(original) if is_solution(c) and c.cell_type == "code"]
        worked = {line.strip() for c in solutions for line in c.source.splitlines()
                  if line.rstrip().endswith("# SOLUTION")}
        assert worked and not any(line in text for line in worked), copy.name
        asked = [raw for c in _cells(original) if raw_marker(c) == "BEGIN QUESTION"
                 for raw in re.findall(r"^name: (\S+)", c.source, flags=re.M)]
        assert asked and all(f'grader.check("{q}")' in text for q in _autograded(original)), copy.name
        assert (tmp_path / "students_autograder" / f"{original.stem}.zip").is_file()


def _autograded(path: Path) -> list[str]:
    """Names of a notebook's autograded (not manual) otter questions."""
    names = []
    for cell in _cells(path):
        if raw_marker(cell) == "BEGIN QUESTION" and not re.search(r"^manual: true", cell.source, flags=re.M):
            names += re.findall(r"^name: (\S+)", cell.source, flags=re.M)
    return names


def test_student_copy_refuses_to_overwrite_the_series():
    with pytest.raises(ValueError, match="must not overwrite"):
        student_copy(NOTEBOOKS[0].parent)
