"""t-tests ("No" minus "Yes") against R's t.test, and the Table 2 layout."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutsup_helpers.paper.design import TABLE2_SPLITS
from mutsup_helpers.stats.group_tests import FLAG_TEXT, TEST_FIELDS, compare_groups, table2

from ._analysis_data import ITEMS, fixture, random_design, small_frame

RTOL = 1e-8
TTESTS = fixture("ttests.csv")
NUMERIC = ["n_no", "n_yes", "mean_no", "mean_yes", "sd_no", "sd_yes", "diff", "t", "df", "p",
           "ci_low", "ci_high", "cohen_d", "hedges_g"]


@pytest.fixture(scope="module")
def data():
    return random_design()


@pytest.mark.parametrize("row", range(len(TTESTS)))
def test_matches_r_t_test(data, row):
    expected = TTESTS.iloc[row]
    got = compare_groups(data, expected["split"], expected["item"],
                         group_type=expected["group_type"], welch=bool(expected["welch"]))
    assert list(got.index) == TEST_FIELDS
    for field in NUMERIC:
        assert got[field] == pytest.approx(expected[field], rel=RTOL), field
    assert got["test"] == ("Welch" if expected["welch"] else "Student")


def test_sign_convention_no_minus_yes():
    rng = np.random.default_rng(0)
    yes = np.arange(60) < 20
    frame = pd.DataFrame({
        "self_hospitalized": pd.Categorical(np.where(yes, "Yes", "No"), ["No", "Yes"]),
        "value_ms": pd.array(rng.integers(1, 4, 60) + 2 * yes, dtype="Int64"),
    })
    res = compare_groups(frame, "self_hospitalized", "value")
    assert res["mean_yes"] > res["mean_no"]
    assert res["diff"] < 0 and res["t"] < 0 and res["cohen_d"] < 0 and res["hedges_g"] < 0
    assert res["ci_low"] < res["diff"] < res["ci_high"] < 0


def test_plain_column_and_missing_split():
    data = small_frame(1)
    data.loc[:4, "family_hospitalized"] = np.nan
    res = compare_groups(data, "family_hospitalized", "years_in_setting")
    assert res["group_type"] is None and res["item"] == "years_in_setting"
    assert res["n_no"] + res["n_yes"] == len(data) - 5


def test_errors():
    data = small_frame(2)
    with pytest.raises(ValueError, match="is not a column"):
        compare_groups(data, "gender", "value")
    with pytest.raises(ValueError, match="neither"):
        compare_groups(data, "self_hospitalized", "nonsense")
    data["self_hospitalized"] = pd.Categorical(["No"] * (len(data) - 1) + ["Yes"], ["No", "Yes"])
    with pytest.raises(ValueError, match="self_hospitalized=Yes has 1 answer"):
        compare_groups(data, "self_hospitalized", "value", fallback=False)


def test_table2_layout(data):
    tab = table2(data)
    assert list(tab.columns) == ["split", "item", "level", "n", "mean", "sd", "t", "df", "p",
                                 "flagged", "flag"]
    assert len(tab) == len(TABLE2_SPLITS) * len(ITEMS) * 2
    assert tuple(tab["split"].unique()) == TABLE2_SPLITS
    assert list(tab["item"].unique()) == ITEMS
    assert list(tab["level"].iloc[:2]) == ["No", "Yes"]
    first = compare_groups(data, TABLE2_SPLITS[0], ITEMS[0])
    assert tab["n"].iloc[1] == first["n_yes"] and tab["t"].iloc[1] == first["t"]


def test_table2_flags_only_yes_higher():
    rng = np.random.default_rng(3)
    n = 200
    yes = rng.random(n) < 0.4
    frame = pd.DataFrame({s: pd.Categorical(np.where(yes, "Yes", "No"), ["No", "Yes"])
                          for s in TABLE2_SPLITS})
    for k, item in enumerate(ITEMS):
        shift = {0: 1, 1: -1}.get(k, 0)  # familiarity: Yes higher; helpfulness: No higher
        frame[f"{item}_ms"] = pd.array(rng.integers(1, 4, n) + shift * yes + 1, dtype="Int64")
    tab = table2(frame)
    flagged = tab[tab["flagged"]]
    assert set(flagged["item"]) == {"familiarity"} and set(flagged["level"]) == {"Yes"}
    assert set(flagged["flag"]) == {FLAG_TEXT}
    assert (tab.loc[~tab["flagged"], "flag"] == "").all()
