"""describe(): tidy N, mean, SD by factor cells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mutsup_helpers.stats.descriptives import describe, interaction_means, item_distribution
from mutsup_helpers.views.display import rounded

from ._analysis_data import ITEMS, small_frame


def test_overall():
    frame = small_frame(1, missing=0.1)
    out = describe(frame, ["value_ms", "years_in_setting"])
    assert list(out.columns) == ["variable", "n", "mean", "sd"]
    assert list(out["variable"]) == ["value_ms", "years_in_setting"]
    values = frame["value_ms"].dropna().to_numpy(dtype=float)
    assert out["n"].iloc[0] == len(values)
    assert out["mean"].iloc[0] == pytest.approx(values.mean())
    assert out["sd"].iloc[0] == pytest.approx(values.std(ddof=1))


def test_by_cells_in_category_order_observed_only():
    frame = small_frame(2)
    frame["setting3"] = frame["setting3"].cat.add_categories("unused")
    frame.loc[:3, "training"] = np.nan
    out = describe(frame, ["familiarity_ms", "familiarity_twelve_step"],
                   by=["training", "setting3"])
    assert list(out.columns) == ["training", "setting3", "variable", "n", "mean", "sd"]
    assert "unused" not in set(out["setting3"].astype(str))
    assert list(out["training"].astype(str).unique()) == ["advanced", "mental_health_worker"]
    assert list(out["setting3"].astype(str).unique()) == [
        "treatment", "rehabilitation", "case_management"]
    assert list(out["variable"].iloc[:2]) == ["familiarity_ms", "familiarity_twelve_step"]
    subset = frame.iloc[4:]
    cell = subset[(subset["training"] == "advanced") & (subset["setting3"] == "rehabilitation")]
    row = out[(out["training"] == "advanced") & (out["setting3"] == "rehabilitation")
              & (out["variable"] == "familiarity_ms")].iloc[0]
    assert row["n"] == cell["familiarity_ms"].notna().sum()
    assert row["mean"] == pytest.approx(cell["familiarity_ms"].astype(float).mean())


def test_single_answer_cell_has_nan_sd():
    frame = pd.DataFrame({"g": pd.Categorical(["a", "b", "b"], ["b", "a"]),
                          "x": pd.array([1, 2, 4], dtype="Int64")})
    out = describe(frame, "x", by="g")
    assert list(out["g"].astype(str)) == ["b", "a"]
    assert np.isnan(out["sd"].iloc[1]) and out["n"].dtype == np.int64


def test_interaction_means_on_the_anova_sample():
    data = small_frame(3, missing=0.1)
    out = interaction_means(data, "referral", x="setting3")
    assert list(out.columns) == ["setting3", "group_type", "n", "mean", "sd", "ci_low", "ci_high"]
    assert list(out["group_type"].cat.categories) == ["ms", "twelve_step", "difference"]
    cc = data.dropna(subset=["training", "setting3", "referral_ms", "referral_twelve_step"])
    rehab = cc[cc["setting3"] == "rehabilitation"]
    d = (rehab["referral_twelve_step"] - rehab["referral_ms"]).astype(float)
    row = out[(out["setting3"] == "rehabilitation") & (out["group_type"] == "difference")].iloc[0]
    assert row["n"] == len(d) and row["mean"] == pytest.approx(d.mean())
    half = stats.t.ppf(0.975, len(d) - 1) * d.std() / np.sqrt(len(d))
    assert row["ci_high"] - row["mean"] == pytest.approx(half)
    assert out.loc[out["group_type"] == "ms", "n"].sum() == len(cc)
    with pytest.raises(ValueError, match="x must be one of"):
        interaction_means(data, "referral", x="self_hospitalized")


def test_item_distribution_counts_every_answer():
    data = small_frame(4, missing=0.1)
    out = item_distribution(data)
    assert list(out.columns) == ["item", "group_type", "answer", "count", "percent"]
    assert list(out["item"].unique()) == ITEMS and len(out) == len(ITEMS) * 2 * 5
    part = out[(out["item"] == "value") & (out["group_type"] == "ms")]
    assert list(part["answer"]) == [1, 2, 3, 4, 5]
    assert part["count"].sum() == data["value_ms"].notna().sum()
    assert part["percent"].sum() == pytest.approx(100)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(1, 12))
def test_rounded_keeps_digits_significant_figures(x, digits):
    shown = rounded(x, digits)
    assert isinstance(shown, float) and rounded(shown, digits) == shown
    assert abs(shown - x) <= 0.5 * 10.0 ** (1 - digits) * abs(x) * (1 + 1e-9) + 1e-300


def test_rounded_keeps_the_shape_and_leaves_non_floats_alone():
    value = {"p": np.float64(0.04508258141010059), "ok": np.True_, "n": 3, "name": "t",
             "range": (0.0445537245492181, 1.5), "list": [1 / 3], "series": pd.Series([2 / 3, 1.0])}
    shown = rounded(value)
    assert shown["p"] == 0.0450826 and type(shown["p"]) is float
    assert shown["ok"] is np.True_ and shown["n"] == 3 and shown["name"] == "t"
    assert shown["range"] == (0.0445537, 1.5) and shown["list"] == [0.333333]
    assert shown["series"].tolist() == [0.666667, 1.0]
