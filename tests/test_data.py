"""The loader accepts files that follow the codebook and rejects each kind of bad input clearly."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutsup_helpers.data.load import DataValidationError, factor_levels, load_providers, to_long
from mutsup_helpers.paths import data_dir

from ._valid_csv import to_csv, valid_rows


def write(tmp_path, text: str | bytes, name: str = "providers.csv"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rejected(tmp_path, rows=None, *, text=None) -> DataValidationError:
    path = write(tmp_path, text if text is not None else to_csv(rows))
    with pytest.raises(DataValidationError) as info:
        load_providers(path)
    assert str(path) in str(info.value)
    return info.value


def test_valid_file_loads_with_paper_order_levels_and_nullable_items(tmp_path):
    frame = load_providers(write(tmp_path, to_csv(valid_rows())))
    assert len(frame) == 12
    assert list(frame["setting3"].cat.categories) == ["treatment", "rehabilitation", "case_management"]
    assert list(frame["age_range"].cat.categories) == list(factor_levels("age_range"))
    assert frame["familiarity_ms"].dtype == "Int64"
    assert frame["familiarity_ms"].isna().sum() == 1
    assert frame["participates_mutual_support"].isna().sum() == 1
    assert frame["years_in_discipline"].dtype == "float64"


def test_loader_never_writes(tmp_path):
    path = write(tmp_path, to_csv(valid_rows()))
    before = sorted(p.name for p in tmp_path.iterdir()), hashlib.sha256(path.read_bytes()).hexdigest()
    load_providers(path)
    after = sorted(p.name for p in tmp_path.iterdir()), hashlib.sha256(path.read_bytes()).hexdigest()
    assert before == after


def test_missing_column_is_named(tmp_path):
    rows = valid_rows()
    for row in rows:
        del row["value_ms"]
    err = rejected(tmp_path, rows)
    assert "column 'value_ms'" in str(err) and "required column is missing" in str(err)


def test_unknown_column_is_named(tmp_path):
    rows = valid_rows()
    for row in rows:
        row["shoe_size"] = "42"
    assert "column 'shoe_size'" in str(rejected(tmp_path, rows))


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ("7", "integer must lie between 1 and 5"),
        ("0", "integer must lie between 1 and 5"),
        ("3.5", "fractional value"),
        ("agree", "text where an integer is required"),
    ],
)
def test_bad_likert_value_names_column_line_and_rule(tmp_path, cell, rule):
    rows = valid_rows()
    rows[4]["referral_twelve_step"] = cell
    err = rejected(tmp_path, rows)
    (problem,) = err.problems
    assert problem.column == "referral_twelve_step"
    assert problem.lines == (6,)  # header is line 1, rows[4] is line 6
    assert rule in str(err) and "line 6" in str(err) and repr(cell) in str(err)


def test_unknown_category_label(tmp_path):
    rows = valid_rows()
    rows[2]["gender"] = "male"
    rows[9]["gender"] = "M"
    err = rejected(tmp_path, rows)
    assert "column 'gender'" in str(err) and "lines 4, 11" in str(err) and "unknown label" in str(err)


def test_duplicate_ids(tmp_path):
    rows = valid_rows()
    rows[5]["respondent_id"] = rows[1]["respondent_id"]
    err = rejected(tmp_path, rows)
    assert "column 'respondent_id'" in str(err) and "lines 3, 7" in str(err) and "duplicate" in str(err)


def test_negative_years(tmp_path):
    rows = valid_rows()
    rows[0]["years_in_setting"] = "-2"
    err = rejected(tmp_path, rows)
    assert "column 'years_in_setting'" in str(err) and "line 2" in str(err) and "negative" in str(err)


def test_text_years(tmp_path):
    rows = valid_rows()
    rows[3]["years_in_discipline"] = "ten"
    assert "text where a number is required" in str(rejected(tmp_path, rows))


def test_empty_file(tmp_path):
    assert "empty" in str(rejected(tmp_path, text=""))


def test_header_only(tmp_path):
    header = to_csv(valid_rows()).splitlines()[0] + "\n"
    assert "no data rows" in str(rejected(tmp_path, text=header))


def test_wrong_delimiter(tmp_path):
    err = rejected(tmp_path, text=to_csv(valid_rows(), delimiter=";"))
    assert "not comma-separated" in str(err) and "';'" in str(err)


def test_non_utf8(tmp_path):
    rows = valid_rows()
    rows[6]["race_ethnicity"] = "Hispanic"
    raw = to_csv(rows).replace("Hispanic", "Hispánic").encode("latin-1")
    err = rejected(tmp_path, text=raw)
    assert "not UTF-8" in str(err) and "line 2" in str(err)


def test_training_must_follow_discipline(tmp_path):
    rows = valid_rows()
    rows[2]["training"] = "advanced" if rows[2]["discipline"] == "Mental health worker" else "mental_health_worker"
    err = rejected(tmp_path, rows)
    assert "column 'training'" in str(err) and "coding rule" in str(err)


def test_every_problem_is_reported_at_once(tmp_path):
    rows = valid_rows()
    rows[1]["value_ms"] = "9"
    rows[2]["gender"] = "?"
    err = rejected(tmp_path, rows)
    assert {p.column for p in err.problems} == {"value_ms", "gender"}


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_providers(tmp_path / "nope.csv")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["value", "referral", "familiarity"]), min_size=1, max_size=3, unique=True))
def test_long_format_keeps_every_answer(tmp_path_factory, items):
    wide = load_providers(write(tmp_path_factory.mktemp("d"), to_csv(valid_rows())))
    long = to_long(wide, items=items)
    assert len(long) == 2 * len(wide)
    assert list(long["group_type"].cat.categories) == ["ms", "twelve_step"]
    for item in items:
        for group in ("ms", "twelve_step"):
            back = long.loc[long.group_type == group, item].reset_index(drop=True)
            pd.testing.assert_series_equal(back, wide[f"{item}_{group}"], check_names=False)


def test_shipped_data_loads_when_present():
    path = data_dir() / "providers.csv"
    if not path.exists():
        pytest.skip("data/providers.csv comes with the reconstruction")
    frame = load_providers()
    assert len(frame) == 421 and frame["respondent_id"].is_unique
