"""The package's statcheck against R's statcheck 1.4.0 on the paper's APA strings and edge cases.

The fixtures were made by R itself (``tests/reference/statcheck/make_statcheck_fixtures.R``);
``RULES.md`` beside them says how statcheck decides. Every row is compared value by value:
consistency, decision error, the p of the statistic taken as exact and the two p bounds, with
statcheck's defaults and with each of the two options this package exposes switched off.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from mutsup_helpers.checks.statistics import round_like_r, statcheck

FIXTURES = Path(__file__).parent / "reference" / "statcheck" / "statcheck_fixtures.csv"
ROWS = list(csv.DictReader(FIXTURES.open(encoding="utf-8")))


def _arguments(row: dict) -> dict:
    """statcheck's parsed columns as this package's arguments ("ns" is statcheck's p > alpha)."""
    test = row["test_type"]
    df2 = int(float(row["df2"]))
    ns = row["p_comp"] == "ns"
    return {
        "test": test,
        "value": float(row["test_value"]),
        "df": (int(float(row["df1"])), df2) if test == "F" else df2,
        "p": 0.05 if ns else float(row["reported_p"]),
        "p_decimals": 2 if ns else int(row["p_dec"]),
        "stat_decimals": int(row["test_dec"]),
        "comparison": ">" if ns else row["p_comp"],
        "stat_comparison": row["test_comp"],
    }


def _true(text: str) -> bool:
    assert text in ("TRUE", "FALSE"), text
    return text == "TRUE"


def test_the_fixtures_cover_the_paper_and_every_comparison():
    kinds = {(r["test_comp"], r["p_comp"]) for r in ROWS}
    assert {("=", "="), ("=", "<"), ("=", ">"), ("=", "ns"), ("<", "=")} <= kinds
    assert sum(r["reading"] == "printed" for r in ROWS) >= 10
    assert any(_true(r["decision_error"]) for r in ROWS) and any(_true(r["error"]) for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['id']}:{r['text']}" for r in ROWS])
def test_statcheck_rule_agrees_with_r(row):
    res = statcheck(**_arguments(row))
    assert res["consistent"] is not _true(row["error"])
    assert res["decision_error"] is _true(row["decision_error"])
    assert math.isclose(res["p"], float(row["computed_p"]), rel_tol=1e-9)
    assert math.isclose(res["p_low"], float(row["p_low"]), rel_tol=1e-9)
    assert math.isclose(res["p_high"], float(row["p_up"]), rel_tol=1e-9)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['id']}:{r['text']}" for r in ROWS])
def test_statcheck_options_agree_with_r(row):
    args = _arguments(row)
    no_equal = statcheck(**args, p_equal_alpha_significant=False)
    assert no_equal["consistent"] is not _true(row["error_pEqualAlphaSig_FALSE"])
    assert no_equal["decision_error"] is _true(row["decision_error_pEqualAlphaSig_FALSE"])
    no_zero = statcheck(**args, p_zero_error=False)
    assert no_zero["consistent"] is not _true(row["error_pZeroError_FALSE"])
    assert no_zero["decision_error"] is _true(row["decision_error_pZeroError_FALSE"])


@pytest.mark.parametrize("row", [r for r in ROWS if r["p_comp"] == "="], ids=lambda r: r["id"])
def test_bounds_round_as_in_r(row):
    d = int(row["p_dec"])
    assert round_like_r(float(row["p_low"]), d) == float(row["p_low_rounded"])
    assert round_like_r(float(row["p_up"]), d) == float(row["p_up_rounded"])


def test_the_interval_rule_is_stricter_about_decisions():
    """statcheck decides on the exact p; the interval rule needs every allowed p across alpha."""
    # t(100) = 1.98: exact p .0505, but 1.975 gives p < .05, so only statcheck calls it a decision error
    assert statcheck("t", 1.98, 100, 0.03, 2)["decision_error"]
    assert not statcheck("t", 1.98, 100, 0.03, 2, rule="interval")["decision_error"]
    with pytest.raises(ValueError, match="rule"):
        statcheck("t", 1.98, 100, 0.03, 2, rule="spss")
