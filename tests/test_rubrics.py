"""Every written exercise and discussion question has a rubric, and the notebooks' copies equal docs/rubrics.md."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.series import is_rubric, list_notebooks, raw_marker

DOCS = Path(__file__).resolve().parents[1] / "docs"
NOTEBOOKS = list_notebooks()


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_written_exercise_has_its_rubric_and_docs_has_the_same(path):
    cells = nbformat.read(path, as_version=4).cells
    docs = _words((DOCS / "rubrics.md").read_text(encoding="utf-8"))
    for i, cell in enumerate(cells):
        if raw_marker(cell) == "BEGIN QUESTION" and re.search(r"^manual: true", cell.source, flags=re.M):
            end = next(j for j in range(i, len(cells)) if raw_marker(cells[j]) == "END QUESTION")
            assert end + 1 < len(cells) and is_rubric(cells[end + 1]), \
                f"{path.name}: the written question at cell {i} has no rubric cell after it"
    for cell in cells:
        if is_rubric(cell):
            assert _words(cell.source) in docs, f"{path.name}: rubric not in docs/rubrics.md:\n{cell.source[:120]}"


def test_every_discussion_question_of_the_course_guide_has_a_rubric():
    guide = (DOCS / "course_guide.md").read_text(encoding="utf-8")
    asked = re.findall(r"^- \((\d\d)\)", guide, flags=re.M)
    rubrics = (DOCS / "rubrics.md").read_text(encoding="utf-8").split("## Discussion questions")[1]
    answered = re.findall(r"^\*\*(\d\d) ", rubrics.split("## Written exercises")[0], flags=re.M)
    assert asked and sorted(asked) == sorted(answered)
