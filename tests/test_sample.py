"""Table 1 from data, missingness and crosstabs count what is there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutsup_helpers.data.load import ITEM_COLUMNS, factor_levels
from mutsup_helpers.data.tables import (
    TABLE1_VARIABLES,
    crosstab,
    missingness,
    sample_table,
    sampling_arithmetic,
    skipped_per_respondent,
)
from mutsup_helpers.paper.published import load_published


def test_sample_table_has_every_table1_row_and_counts_add_up(random_providers):
    table = sample_table(random_providers)
    printed = load_published().table1
    assert list(zip(table.variable, table.level, strict=True)) == list(
        zip(printed.variable, printed.level, strict=True)
    )
    assert (table.groupby("variable")["n"].sum() == len(random_providers)).all()


def _expected_table1(data):
    """(variable, level) -> (n, pct) from value_counts on each column, missing (and setting "Other") as one row."""
    expected = {}
    for variable in TABLE1_VARIABLES:
        counts = data[variable].astype(object).value_counts(dropna=False)
        for level, n in counts.items():
            if pd.isna(level) or (variable == "setting" and level == "Other"):
                label = "missing/other" if variable == "setting" else "missing"
            else:
                label = str(level)
            old_n = expected.get((variable, label), (0, 0.0))[0]
            expected[(variable, label)] = (old_n + int(n), 100 * (old_n + int(n)) / len(data))
    return expected


def test_sample_table_percentages_are_shares_of_all_rows(random_providers):
    """pct = 100 n / N for every row (unrounded by design: rounding is for display), each block sums to 100."""
    data = random_providers.copy()
    data.loc[data.index[:7], "gender"] = None  # some missing, so the missing rows carry a share
    table = sample_table(data)
    expected = _expected_table1(data)
    got = table.set_index(["variable", "level"])
    for key, (n, pct) in expected.items():
        assert got.loc[key, "n"] == n, key
        assert got.loc[key, "pct"] == pytest.approx(pct, rel=1e-12, abs=1e-12), key
    # levels nobody chose are in the table with n = 0, pct = 0
    absent = got.drop(index=list(expected))
    assert (absent["n"] == 0).all() and (absent["pct"] == 0).all()
    assert got.loc[("gender", "missing"), "pct"] > 0 and got.loc[("setting", "missing/other"), "pct"] > 0
    sums = table.groupby("variable")["pct"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 100.0, rtol=0, atol=1e-9)
    assert set(sums.index) == set(TABLE1_VARIABLES)


def test_sample_table_percentages_of_a_hand_made_sample(random_providers):
    """Eight respondents: 3 of 8 men is 37.5%, 4 of 8 women 50%, 1 of 8 missing 12.5%, unrounded."""
    data = random_providers.iloc[:8].copy()
    data["gender"] = pd.Categorical(["Male"] * 3 + ["Female"] * 4 + [None], categories=["Male", "Female"])
    setting = ["State hospital"] * 5 + ["Other", None, None]
    data["setting"] = pd.Categorical(setting, categories=factor_levels("setting"))
    data["age_range"] = pd.Categorical(["20-35"] * 7 + ["66+"], categories=factor_levels("age_range"))
    got = sample_table(data).set_index(["variable", "level"])
    assert got.loc["gender", "pct"].to_dict() == {"Male": 37.5, "Female": 50.0, "missing": 12.5}
    assert got.loc[("setting", "missing/other"), "pct"] == 37.5  # "Other" and two empty cells
    assert got.loc[("setting", "State hospital"), "pct"] == 62.5
    assert got.loc[("age_range", "20-35"), "pct"] == 87.5
    assert got.loc[("age_range", "66+"), "pct"] == 12.5  # not rounded to 12 or 13


def test_setting_other_and_missing_share_one_row(random_providers):
    table = sample_table(random_providers).set_index(["variable", "level"])
    other = (random_providers["setting"] == "Other").sum() + random_providers["setting"].isna().sum()
    assert table.loc[("setting", "missing/other"), "n"] == other


def test_missingness_counts_each_column(random_providers):
    table = missingness(random_providers).set_index("column")
    assert list(table.index) == list(ITEM_COLUMNS)
    assert (table["answered"] + table["missing"] == len(random_providers)).all()
    assert table.loc["familiarity_ms", "missing"] == random_providers["familiarity_ms"].isna().sum()
    assert skipped_per_respondent(random_providers).sum() == len(random_providers)


def test_crosstab_totals(random_providers):
    table = crosstab(random_providers, "training", "setting3")
    assert table.loc["total", "total"] == len(random_providers)
    assert "(missing)" in table.index


def test_sampling_arithmetic_recomputes_rates():
    table = sampling_arithmetic(load_published()).set_index("quantity")
    study = load_published().study
    expected = round(100 * study["surveys_returned"] / study["surveys_mailed"], 1)
    assert table.loc["response rate, individuals (%)", "recomputed"] == expected
