"""A class's own survey: the questionnaire quotes the paper, exports import to the codebook, errors name the cell."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutsup_helpers.cli import main
from mutsup_helpers.data.load import DataValidationError, load_codebook, load_providers
from mutsup_helpers.fieldwork.exports import MappingError, import_export, load_mapping, read_export
from mutsup_helpers.fieldwork.instrument import (
    export_headers,
    mapping_template,
    questionnaire,
    questionnaire_html,
    scale_labels,
)
from mutsup_helpers.paper.published import load_published
from mutsup_helpers.paths import data_dir

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "mutsup_helpers" / "fieldwork" / "examples"
EXPORTS = {
    "qualtrics_choice_text.csv": "qualtrics_mapping.yaml",
    "qualtrics_numeric.csv": "qualtrics_mapping.yaml",
    "google_forms.csv": "google_forms_mapping.yaml",
}
#: The paper's full text, outside the repository (not redistributed); the faithfulness test needs it.
PAPER_TEXT = Path(os.environ.get("MUTSUP_PAPER_TEXT", ROOT.parent / "shared" / "paper" / "chinman_2002.txt"))


# ----------------------------------------------------------------------------- the questionnaire


def test_the_items_are_the_registry_questions_with_their_printed_anchors():
    pub = load_published()
    grids = [q for q in questionnaire() if q.kind == "grid"]
    assert [q.text for q in grids] == [f"{pub.questions[i]}?" for i in pub.scales]
    for q in grids:
        item = q.columns[0].removesuffix("_ms")
        assert q.quoted
        assert q.choices[0] == f"1 = {pub.scales[item][1]}" and q.choices[-1] == f"5 = {pub.scales[item][5]}"
        assert q.choices[1:-1] == ("2", "3", "4")


def test_every_codebook_column_but_the_id_and_the_coded_factors_is_asked_once():
    asked = [c for q in questionnaire() for c in q.columns]
    expected = [f.name for f in load_codebook() if f.name not in ("respondent_id", "training", "setting3")]
    assert sorted(asked) == sorted(expected) and len(asked) == len(set(asked))
    levels = {f.name: f.levels for f in load_codebook()}
    for q in questionnaire():
        if q.kind == "choice":
            assert q.choices == levels[q.columns[0]], "answer categories are the codebook's (Table 1's)"


@pytest.mark.skipif(not PAPER_TEXT.is_file(), reason=f"the paper's text is not at {PAPER_TEXT} (set MUTSUP_PAPER_TEXT)")
def test_each_quoted_item_is_in_the_paper_word_for_word():
    text = PAPER_TEXT.read_text(encoding="utf-8")
    pub = load_published()
    for item, question in pub.questions.items():
        anchors = pub.scales[item]
        assert f"\u201c{question} (1 = {anchors[1]} to 5 = {anchors[5]})?\u201d" in text, item


def test_the_codebook_describes_each_item_in_the_registry_words():
    pub = load_published()
    for f in load_codebook():
        item = f.spec.get("mutsup:item")
        if item:
            a = pub.scales[item]
            assert f.spec["description"].startswith(f"{pub.questions[item]}? ("), f.name
            assert f"1 = {a[1]}, 5 = {a[5]}." in f.spec["description"], f.name


class _Inputs(HTMLParser):
    """Collects the form's inputs and whether each has a name a screen reader can read."""

    def __init__(self):
        super().__init__()
        self.inputs, self.open_labels, self.lang = [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "label":
            self.open_labels += 1
        if tag == "input":
            self.inputs.append({**attrs, "labelled": bool(attrs.get("aria-label")) or self.open_labels > 0})

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1


def test_the_printable_form_labels_every_answer_and_asks_for_no_identifier():
    parser = _Inputs()
    parser.feed(questionnaire_html())
    assert parser.lang == "en"
    assert all(i["labelled"] for i in parser.inputs)
    names = {i["name"] for i in parser.inputs}
    assert names == {c for q in questionnaire() for c in q.columns}
    assert not {i.get("type") for i in parser.inputs} & {"email", "tel"}
    grid_radios = [i for i in parser.inputs if i["name"] == "value_ms"]
    assert [i["value"] for i in grid_radios] == ["1", "2", "3", "4", "5"]


def test_the_survey_command_writes_the_form_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "survey"
    assert main(["survey", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["questionnaire.html", "questionnaire.txt", "consent_note.md", "qualtrics_mapping.yaml",
         "google_forms_mapping.yaml"])
    assert "How frequently do you now refer clients to each group?" in (out / "questionnaire.txt").read_text()
    assert main(["survey", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["survey", "--out", str(data_dir() / "survey")]) == 2
    assert not (data_dir() / "survey").exists()


# ----------------------------------------------------------------------------- importing exports


def test_the_shipped_examples_are_what_the_generator_writes(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_example_exports.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for path in sorted(EXAMPLES.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_each_example_export_imports_to_the_same_valid_class_of_25(export, tmp_path):
    out = tmp_path / "class.csv"
    result = import_export(EXAMPLES / export, EXAMPLES / EXPORTS[export], out)
    reference = import_export(EXAMPLES / "google_forms.csv", EXAMPLES / "google_forms_mapping.yaml",
                              tmp_path / "reference.csv")
    assert out.read_bytes() == (tmp_path / "reference.csv").read_bytes()
    data = load_providers(out)
    assert len(data) == 25 and list(data["respondent_id"]) == list(range(1, 26))
    if export.startswith("qualtrics"):
        assert result.read == 27 and result.dropped == {"survey preview": 1, "unfinished": 1}
        assert set(result.identifying) == {"IPAddress", "LocationLatitude", "LocationLongitude"}
    text = out.read_text()
    assert "203.0.113." not in text and "R_" not in text, "no identifier reaches the contract file"
    assert reference.derived["training"][0] == int(data["training"].notna().sum())


def test_the_surveys_own_mapping_finds_qualtrics_columns_by_question_text(tmp_path):
    mapping = tmp_path / "qualtrics_mapping.yaml"
    mapping.write_text(mapping_template("qualtrics"), encoding="utf-8")
    by_text = read_export(EXAMPLES / "qualtrics_choice_text.csv", load_mapping(mapping)).table
    by_id = read_export(EXAMPLES / "qualtrics_choice_text.csv", load_mapping(EXAMPLES / "qualtrics_mapping.yaml")).table
    assert by_text.equals(by_id)


def _google_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO((EXAMPLES / "google_forms.csv").read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def test_a_rejected_answer_names_the_export_file_line_and_column(tmp_path):
    rows = _google_rows()
    header = rows[0]
    rows[3][header.index(export_headers("google_forms")["familiarity_twelve_step"])] = "5 = Very familiar"
    rows[5][header.index(export_headers("google_forms")["years_in_discipline"])] = "about 6"
    bad = _write(tmp_path / "bad.csv", rows)
    with pytest.raises(DataValidationError) as err:
        read_export(bad, load_mapping(EXAMPLES / "google_forms_mapping.yaml"))
    message = str(err.value)
    assert str(bad) in message
    assert re.search(r"'years_in_discipline' \(export column 'How many years have you spent.*'\), line 6:.*'about 6'",
                     message)
    assert re.search(r"'familiarity_twelve_step' .*line 4: .*'5 = Very familiar'", message)


def test_qualtrics_lines_count_its_three_header_rows(tmp_path):
    rows = list(csv.reader(io.StringIO((EXAMPLES / "qualtrics_numeric.csv").read_text(encoding="utf-8"))))
    rows[4][rows[0].index("Q1_1")] = "7"  # the second response, on line 5 of the file
    with pytest.raises(DataValidationError, match=r"'familiarity_ms' \(export column 'Q1_1'\), line 5: integer"):
        read_export(_write(tmp_path / "q.csv", rows), load_mapping(EXAMPLES / "qualtrics_mapping.yaml"))


def test_a_google_export_read_as_qualtrics_says_what_it_expected(tmp_path):
    with pytest.raises(DataValidationError, match="not a Qualtrics export with three header rows"):
        read_export(EXAMPLES / "google_forms.csv", load_mapping(EXAMPLES / "qualtrics_mapping.yaml"))


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace("tool: google_forms", "tool: surveymonkey"), "tool must be one of qualtrics, google_forms"),
    (lambda t: t.replace("  gender:", "  sex:"), "sex is not a codebook column"),
    (lambda t: re.sub(r"\n  gender: .*", "", t), "gender missing; name the export column, or write null"),
    (lambda t: t + "  respondent_id: Timestamp\n", "respondent_id is not mapped"),
    (lambda t: t.replace("What is your gender?", "What is your sex?"), "did you mean 'What is your gender?'"),
    (lambda t: t + "extra: 1\n", "unknown key(s) extra"),
])
def test_a_broken_mapping_names_the_file_and_the_key(edit, message, tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(edit(mapping_template("google_forms")), encoding="utf-8")
    with pytest.raises(MappingError) as err:
        read_export(EXAMPLES / "google_forms.csv", load_mapping(mapping))
    assert str(mapping) in str(err.value) and message in str(err.value)


def test_a_question_not_asked_is_left_empty_and_said(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(re.sub(r"  race_ethnicity: .*", "  race_ethnicity: null", mapping_template("google_forms")),
                       encoding="utf-8")
    result = read_export(EXAMPLES / "google_forms.csv", load_mapping(mapping))
    assert result.not_asked == ("race_ethnicity",) and (result.table["race_ethnicity"] == "").all()
    assert "not asked (left empty): race_ethnicity" in result.summary(Path("x.csv"), "google_forms")


def test_the_import_command_fails_in_one_message_and_never_writes_into_data(tmp_path, capsys):
    rows = _google_rows()
    rows[2][rows[0].index(export_headers("google_forms")["gender"])] = "Nonbinary"
    bad = _write(tmp_path / "bad.csv", rows)
    mapping = str(EXAMPLES / "google_forms_mapping.yaml")
    assert main(["import", str(bad), "--mapping", mapping, "--out", str(tmp_path / "c.csv")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "line 3" in err and "'Nonbinary'" in err and "values:" in err
    assert not (tmp_path / "c.csv").exists()
    assert main(["import", str(bad), "--mapping", mapping, "--out", str(data_dir() / "c.csv")]) == 2
    good = str(EXAMPLES / "google_forms.csv")
    assert main(["import", good, "--mapping", mapping, "--out", str(tmp_path / "c.csv")]) == 0
    assert "Next: mutsup check --data" in capsys.readouterr().out
    assert main(["import", good, "--mapping", mapping, "--out", str(tmp_path / "c.csv")]) == 2
    assert main(["check", "--data", str(tmp_path / "c.csv")]) == 0


_ANSWER = st.one_of(st.just(""), st.integers(1, 5).map(str))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_mix_of_rating_forms_imports_to_the_same_numbers(tmp_path, data):
    """A rating given as 4, '5 = Very Familiar' or 'Very Familiar' is the number, whatever the mix."""
    rows = _google_rows()
    header = rows[0]
    expected = {}
    for column, title in export_headers("google_forms").items():
        if not column.endswith(("_ms", "_twelve_step")):
            continue
        labels = scale_labels(column.removesuffix("_ms").removesuffix("_twelve_step"))
        anchors = load_published().scales[column.removesuffix("_ms").removesuffix("_twelve_step")]
        for row in rows[1:]:
            value = data.draw(_ANSWER)
            forms = [value]
            if value and int(value) in anchors:
                forms += [labels[int(value) - 1], anchors[int(value)]]
            row[header.index(title)] = data.draw(st.sampled_from(forms))
            expected.setdefault(column, []).append(value)
    table = read_export(_write(tmp_path / "mix.csv", rows), load_mapping(EXAMPLES / "google_forms_mapping.yaml")).table
    for column, values in expected.items():
        assert table[column].tolist() == values
