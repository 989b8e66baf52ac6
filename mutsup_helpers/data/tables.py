"""Who answered: the sampling arithmetic, Table 1 from the data, missingness, crosstabs.

Used in: 02_sample_and_procedure, 03_measures, 09_limitations_and_discussion.
"""

from __future__ import annotations

import pandas as pd

from ..paper.published import Published
from .load import ITEM_COLUMNS, factor_levels

__all__ = [
    "TABLE1_VARIABLES",
    "crosstab",
    "missingness",
    "sample_table",
    "sampling_arithmetic",
    "skipped_per_respondent",
]

TABLE1_VARIABLES = (
    "age_range",
    "race_ethnicity",
    "gender",
    "discipline",
    "setting",
    "self_hospitalized",
    "family_hospitalized",
    "participates_mutual_support",
)
# Table 1 prints setting "Other" and an empty answer together as one row.
_MERGED_MISSING = {"setting": ("Other", "missing/other")}


def sampling_arithmetic(pub: Published) -> pd.DataFrame:
    """Recompute the Method section's sampling numbers from its stated rules.

    One survey per 50 patients served, at least three per facility: the
    per-facility caseloads were not published, so the minimum-three rule can
    only be shown as the gap between the mailed total and patients / 50.

    >>> from mutsup_helpers.paper.published import load_published
    >>> table = sampling_arithmetic(load_published()).set_index("quantity")
    >>> float(table.loc["response rate, individuals (%)", "recomputed"])
    33.0
    """
    s = pub.study
    one_per_50 = s["patients_served"] / 50
    rows = [
        (
            "facilities invited",
            s["facilities_invited"],
            sum(s["facilities_breakdown"].values()),
            "sum of the breakdown",
        ),
        ("surveys at one per 50 patients", None, round(one_per_50, 1), "patients served / 50"),
        (
            "surveys added by the minimum of three",
            None,
            round(s["surveys_mailed"] - one_per_50, 1),
            "surveys mailed - patients served / 50",
        ),
        ("surveys mailed", s["surveys_mailed"], None, "as printed"),
        ("surveys returned", s["surveys_returned"], None, "as printed"),
        (
            "response rate, individuals (%)",
            s["response_rate_pct"],
            round(100 * s["surveys_returned"] / s["surveys_mailed"], 1),
            "returned / mailed",
        ),
        (
            "response rate, facilities (%)",
            s["facilities_responding_pct"],
            round(100 * s["facilities_responding"] / s["facilities_invited"], 1),
            "facilities responding / invited",
        ),
    ]
    return pd.DataFrame(rows, columns=["quantity", "printed", "recomputed", "how"])


def sample_table(data: pd.DataFrame) -> pd.DataFrame:
    """Table 1 from a data set: variable, level, n, pct (of all rows), missing rows included.

    Levels follow the paper's order; ``setting`` "Other" and empty cells form one
    ``missing/other`` row, as in the paper. ``pct`` is not rounded: statistics stay exact
    and are rounded only for display (the scorecard compares the exact value with the
    printed one; rounding first, half to even, would turn 18.25 into 18.2 and miss a printed 18.3).
    """
    total = len(data)
    rows = []
    for variable in TABLE1_VARIABLES:
        counts = data[variable].value_counts(dropna=True).reindex(factor_levels(variable), fill_value=0)
        missing_label, merged = "missing", int(data[variable].isna().sum())
        if variable in _MERGED_MISSING:
            other, missing_label = _MERGED_MISSING[variable]
            merged += int(counts.pop(other))
        for level, n in [*counts.items(), (missing_label, merged)]:
            rows.append((variable, str(level), int(n), 100 * n / total))
    return pd.DataFrame(rows, columns=["variable", "level", "n", "pct"])


def missingness(data: pd.DataFrame) -> pd.DataFrame:
    """Answered and missing counts for each of the ten item columns.

    Also tells how concentrated nonresponse is: ``skipped_by_respondents_who_skipped_3plus``
    is the share of this column's missing answers that come from respondents who
    left three or more of the ten items empty.
    """
    skipped = data[list(ITEM_COLUMNS)].isna()
    heavy = skipped.sum(axis=1) >= 3
    rows = []
    for column in ITEM_COLUMNS:
        n_missing = int(skipped[column].sum())
        share = (skipped[column] & heavy).sum() / n_missing if n_missing else float("nan")
        rows.append((column, int(len(data) - n_missing), n_missing, round(100 * n_missing / len(data), 1), share))
    columns = ["column", "answered", "missing", "pct_missing", "skipped_by_respondents_who_skipped_3plus"]
    return pd.DataFrame(rows, columns=columns)


def skipped_per_respondent(data: pd.DataFrame) -> pd.Series:
    """How many respondents left 0, 1, 2, ... of the ten item columns empty."""
    counts = data[list(ITEM_COLUMNS)].isna().sum(axis=1)
    return counts.value_counts().sort_index().rename_axis("items_skipped").rename("respondents")


def crosstab(data: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Counts of ``rows`` x ``columns`` with totals; missing shown as its own level."""

    def labelled(column: str) -> pd.Series:
        return data[column].cat.add_categories("(missing)").fillna("(missing)")

    return pd.crosstab(labelled(rows), labelled(columns), margins=True, margins_name="total", dropna=False)
