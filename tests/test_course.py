"""The instructor's kit: the answer key computed on a data set (``mutsup key``) and the lecture decks
(``mutsup slides``) as files; the decks in a browser are in ``tests/browser/test_slides.py``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mutsup_helpers import analysis as ms
from mutsup_helpers.cli import main
from mutsup_helpers.course import answer_key, build_slides
from mutsup_helpers.series import list_notebooks

CLASS_DATA = Path(__file__).parent / "class_data"
H1 = next(p for p in list_notebooks() if p.name.startswith("04_"))


@pytest.fixture
def one_notebook(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    shutil.copy(H1, folder / H1.name)
    return folder


def _group_type_f(data_path) -> float:
    table = ms.mixed_anova(ms.load_providers(data_path), "value").table.set_index("effect")
    return float(table.loc["group_type", "F"])


@pytest.mark.parametrize("data", [None, CLASS_DATA / "n34_empty_cell.csv"], ids=["shipped", "n34_empty_cell"])
def test_the_key_shows_each_exercise_with_the_answer_computed_on_that_data(one_notebook, tmp_path, data):
    pages, results = answer_key(tmp_path / "key", data=data, folder=one_notebook)
    assert [r.status for r in results] == ["ok"]
    index, page = pages
    assert index.name == "index.html" and page.name == f"{H1.stem}_key.html"
    text = page.read_text(encoding="utf-8")
    for n in range(1, 5):
        assert f"Exercise {n}" in text
    assert "Rubric (Exercise 4" in text  # the written exercise's rubric, for the instructor
    assert "def test_" not in text and "BEGIN QUESTION" not in text  # grading code stays out of the key
    # Exercise 1's answer, the difference score's intercept F, is the one computed on this data set
    assert f"{_group_type_f(data):.6f}" in text
    label = data.name if data is not None else "shipped synthetic data"
    assert label in text and label in index.read_text(encoding="utf-8")


def test_the_key_differs_between_data_sets():
    # the class data's F is not the shipped one's, so a key for one is wrong for the other
    assert f"{_group_type_f(None):.6f}" != f"{_group_type_f(CLASS_DATA / 'n34_empty_cell.csv'):.6f}"


def test_key_command_refuses_to_overwrite_and_to_write_into_data(tmp_path, capsys):
    from mutsup_helpers.paths import data_dir

    assert main(["key", "--out", str(data_dir() / "key")]) == 2
    assert "inside the project's data/ folder" in capsys.readouterr().err
    (tmp_path / "key").mkdir()
    (tmp_path / "key" / "index.html").write_text("old", encoding="utf-8")
    assert main(["key", "--out", str(tmp_path / "key")]) == 2
    assert "add --force" in capsys.readouterr().err


def test_slides_one_offline_deck_per_notebook(tmp_path):
    decks = build_slides(tmp_path / "slides")
    assert [d.name for d in decks] == [f"{p.stem}.slides.html" for p in list_notebooks()]
    assert (tmp_path / "slides" / "reveal.js" / "dist" / "reveal.js").is_file()
    for deck in decks:
        text = deck.read_text(encoding="utf-8")
        # nothing is loaded from the network: no script, style sheet or image with a remote address
        assert not re.search(r"""(src|href)\s*=\s*["']https?:""", text), deck.name
        assert '<script src="reveal.js/dist/reveal.js">' in text
        assert "grader.check" not in text and "Rubric (" not in text and "BEGIN SOLUTION" not in text, deck.name
        assert "R track:" not in text and "mutsup-r-track" not in text, deck.name  # the deck shows no code
        assert "$$" not in text, deck.name  # formulas are MathML, drawn by the browser
    h1 = (tmp_path / "slides" / f"{H1.stem}.slides.html").read_text(encoding="utf-8")
    assert "<math" in h1 and "<img" in h1 and "Discuss" in h1


def test_slides_command(tmp_path, capsys):
    assert main(["slides", "--out", str(tmp_path / "decks")]) == 0
    assert f"wrote {len(list_notebooks())} decks" in capsys.readouterr().out


def test_handouts_leave_out_otters_marker_cells():
    import nbformat

    from mutsup_helpers.views.plots import handout_exporter

    body, _ = handout_exporter().from_notebook_node(nbformat.read(H1, as_version=4))
    assert "BEGIN QUESTION" not in body and "END TESTS" not in body
    assert "Exercise 1 (code)" in body
