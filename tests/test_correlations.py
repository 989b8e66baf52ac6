"""Correlations against R's cor.test, and the Table 3 layout."""

from __future__ import annotations

import numpy as np
import pytest

from mutsup_helpers.stats.correlations import CORRELATION_FIELDS, correlate, stars, table3

from ._analysis_data import ITEMS, fixture, random_design, small_frame

RTOL = 1e-8
CORRELATIONS = fixture("correlations.csv")


@pytest.fixture(scope="module")
def data():
    return random_design()


@pytest.mark.parametrize("row", range(len(CORRELATIONS)))
def test_matches_r_cor_test(data, row):
    expected = CORRELATIONS.iloc[row]
    got = correlate(data, expected["x"], expected["y"], method=expected["method"])
    assert list(got.index) == CORRELATION_FIELDS
    assert got["n"] == expected["n"]
    assert got["r"] == pytest.approx(expected["r"], rel=RTOL)
    assert got["p"] == pytest.approx(expected["p"], rel=RTOL)
    if expected["method"] == "pearson":  # cor.test gives no CI for Spearman
        assert got["ci_low"] == pytest.approx(expected["ci_low"], rel=RTOL)
        assert got["ci_high"] == pytest.approx(expected["ci_high"], rel=RTOL)
    assert got["stars"] == stars(expected["p"])


def test_stars_thresholds():
    assert [stars(p) for p in (0.0099, 0.01, 0.049, 0.05)] == ["**", "*", "*", ""]


def test_pairwise_complete_n():
    frame = small_frame(1, missing=0.2)
    frame.loc[:9, "years_in_setting"] = np.nan
    got = correlate(frame, "years_in_setting", "value_ms")
    expected = frame[["years_in_setting", "value_ms"]].dropna()
    assert got["n"] == len(expected)


def test_errors():
    frame = small_frame(2)
    with pytest.raises(ValueError, match="method"):
        correlate(frame, "years_in_setting", "value_ms", method="kendall")
    with pytest.raises(ValueError, match="complete pair"):
        correlate(frame.iloc[:3], "years_in_setting", "value_ms", fallback=False)


def test_table3_layout(data):
    tab = table3(data)
    years = ["years_in_setting", "years_in_discipline"]
    assert list(tab.columns) == ["item", "group_type"] + [
        f"{stat}_{y}" for y in years for stat in ("r", "n", "p", "stars")]
    assert list(tab["item"]) == [item for item in ITEMS for _ in range(2)]
    assert list(tab["group_type"]) == ["twelve_step", "ms"] * len(ITEMS)
    one = correlate(data, "years_in_discipline", "referral_ms")
    row = tab[(tab["item"] == "referral") & (tab["group_type"] == "ms")].iloc[0]
    assert row["r_years_in_discipline"] == one["r"] and row["n_years_in_discipline"] == one["n"]
    assert table3(data, method="spearman")["r_years_in_setting"].iloc[0] != tab[
        "r_years_in_setting"].iloc[0]
