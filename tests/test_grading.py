"""The graded exercises, graded by otter-grader itself, as an instructor would run it.

``mutsup student-copy`` makes the student versions and the autograder bundles; ``otter.api.grade_submission``
(what ``otter run`` calls, no Docker) grades: the worked solutions earn full marks, the blank student copy
none, a copy with two wrong answers loses the marks of those two and only those, a coding exercise
written another way than the worked solution is accepted, and the checks follow the data a notebook
loads (right on a class data set; the shipped data's answer typed into it is wrong there).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.series import PARAMETERS_TAG, is_graded, list_notebooks, student_copy

otter_api = pytest.importorskip("otter.api")

GRADED = [p for p in list_notebooks() if is_graded(nbformat.read(p, as_version=4))]
CLASS_DATA = Path(__file__).parent / "class_data"


def _ids(paths):
    return [p.stem for p in paths]


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The student copy and its autograder folder, made once for the module."""
    out = tmp_path_factory.mktemp("kit") / "students"
    student_copy(out)
    return out, out.with_name("students_autograder")


def _grade(notebook: Path, bundle: Path) -> dict[str, float]:
    results = otter_api.grade_submission(str(notebook), str(bundle), quiet=True)
    scores = {name: results.get_score(name) for name in results.results}
    return {**scores, "total": results.total, "possible": results.possible}


def _answer_cell(nb, question: str):
    """The cell a student answers a question in: the code cell just before its ``grader.check`` cell."""
    index = next(i for i, c in enumerate(nb.cells) if c.source.strip() == f'grader.check("{question}")')
    return next(c for c in reversed(nb.cells[:index]) if c.cell_type == "code")


def _edited(source: Path, target: Path, answers: dict[str, str], data: Path | None = None,
            replace: bool = False) -> Path:
    """A copy of ``source`` with lines added to (or, with ``replace``, in place of) the named questions'
    answer cells, and optionally another DATA_PATH."""
    nb = nbformat.read(source, as_version=4)
    for question, line in answers.items():
        cell = _answer_cell(nb, question)
        cell.source = line if replace else f"{cell.source}\n{line}"
    if data is not None:
        (parameters,) = [c for c in nb.cells if PARAMETERS_TAG in c.metadata.get("tags", [])]
        parameters.source = f"DATA_PATH = {str(data)!r}"
    nbformat.write(nb, target)
    return target


def test_the_series_has_graded_notebooks():
    assert {p.name[:2] for p in GRADED} >= {"02", "03", "04", "05", "06", "07", "08", "09", "10"}


@pytest.mark.parametrize("source", GRADED, ids=_ids(GRADED))
def test_worked_solutions_get_full_marks_and_a_blank_copy_none(kit, source):
    students, autograder = kit
    bundle = autograder / f"{source.stem}.zip"
    full = _grade(autograder / f"{source.stem}_solution.ipynb", bundle)
    assert full["possible"] > 0 and full["total"] == full["possible"], full
    blank = _grade(students / source.name, bundle)
    assert blank["possible"] == full["possible"] and blank["total"] == 0, blank


def test_two_wrong_answers_lose_their_marks_and_only_theirs(kit, tmp_path):
    students, autograder = kit
    stem = "04_h1_group_type"
    bundle = autograder / f"{stem}.zip"
    right = _grade(autograder / f"{stem}_solution.ipynb", bundle)
    # an F off by one (the hidden difference-score test still passes: half the question's points)
    # and an empty list where the impossible SDs belong
    wrong = _grade(_edited(autograder / f"{stem}_solution.ipynb", tmp_path / f"{stem}.ipynb",
                           {"ex1": "ex1_intercept_f = ex1_intercept_f + 1", "ex3": "ex3_impossible = []"}), bundle)
    assert wrong["ex1"] < right["ex1"] and wrong["ex3"] == 0 < right["ex3"], wrong
    assert {q: wrong[q] for q in right if q not in ("ex1", "ex3", "total")} == \
           {q: right[q] for q in right if q not in ("ex1", "ex3", "total")}
    assert wrong["total"] == right["total"] - (right["ex1"] - wrong["ex1"]) - right["ex3"]


def test_a_coding_exercise_accepts_another_correct_implementation(kit, tmp_path):
    """Welch's test through scipy and numpy in the student copy, not the worked solution's formula."""
    students, autograder = kit
    stem = "07_h4_personal_experience"
    other = "\n".join([
        "import numpy as np",
        "from scipy import stats",
        "def welch(m1, s1, n1, m2, s2, n2):",
        "    result = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)",
        "    a, b = np.square(s1) / n1, np.square(s2) / n2",
        "    return float(result.statistic), float((a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1)))",
        "referral = data.loc[data['referral_ms'].notna()]",
        "no = referral.loc[referral['family_hospitalized'] == 'No', 'referral_ms']",
        "yes = referral.loc[referral['family_hospitalized'] == 'Yes', 'referral_ms']",
        "ex2_t, ex2_df = welch(no.mean(), no.std(), no.size, yes.mean(), yes.std(), yes.size)",
    ])
    scores = _grade(_edited(students / f"{stem}.ipynb", tmp_path / f"{stem}.ipynb", {"ex2": other}, replace=True),
                    autograder / f"{stem}.zip")
    full = _grade(autograder / f"{stem}_solution.ipynb", autograder / f"{stem}.zip")
    assert scores["ex2"] == full["ex2"] > 0, scores


def test_the_checks_follow_the_data_the_notebook_loads(kit, tmp_path):
    """On a class's data the worked solution still earns full marks; the shipped data's answer does not."""
    students, autograder = kit
    stem = "04_h1_group_type"
    bundle = autograder / f"{stem}.zip"
    solution = autograder / f"{stem}_solution.ipynb"
    class_data = (CLASS_DATA / "n34_empty_cell.csv").resolve()
    on_class = _grade(_edited(solution, tmp_path / f"{stem}.ipynb", {}, data=class_data), bundle)
    assert on_class["total"] == on_class["possible"] > 0, on_class

    from mutsup_helpers import analysis as ms

    shipped = ms.mixed_anova(ms.load_providers(None), "value").table.set_index("effect").loc["group_type", "F"]
    (tmp_path / "typed").mkdir()
    typed = _edited(solution, tmp_path / "typed" / f"{stem}.ipynb", {"ex1": f"ex1_intercept_f = {float(shipped)!r}"},
                    data=class_data)
    assert _grade(typed, bundle)["ex1"] < on_class["ex1"]
