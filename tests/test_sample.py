"""Table 1 from data, missingness and crosstabs count what is there."""

from __future__ import annotations

from mutsup_helpers.data.load import ITEM_COLUMNS
from mutsup_helpers.data.tables import crosstab, missingness, sample_table, sampling_arithmetic, skipped_per_respondent
from mutsup_helpers.paper.published import load_published


def test_sample_table_has_every_table1_row_and_counts_add_up(random_providers):
    table = sample_table(random_providers)
    printed = load_published().table1
    assert list(zip(table.variable, table.level, strict=True)) == list(
        zip(printed.variable, printed.level, strict=True)
    )
    assert (table.groupby("variable")["n"].sum() == len(random_providers)).all()


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
