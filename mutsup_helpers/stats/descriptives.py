"""Tidy N, mean and SD of any columns, overall or by factor cells."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..paper.design import GROUP_TYPES, ITEMS, PAPER_BETWEEN
from .anova import MixedAnovaResult, mixed_anova
from .fallbacks import plain_name

ANSWERS = [1, 2, 3, 4, 5]

__all__ = ["describe", "interaction_means", "item_distribution", "normal_share_below"]


def describe(
    data: pd.DataFrame,
    columns: str | list[str],
    by: str | list[str] | None = None,
) -> pd.DataFrame:
    """N, mean and SD (ddof=1) of each column, per cell of the ``by`` factors.

    Each statistic uses the respondents with an answer to that column (and, with
    ``by``, a non-missing level of every ``by`` factor). Cells are listed in category
    order (the paper's order for this package's factors) and only if they occur
    (``observed=True``).

    Used in: 01_overview, 02_sample_and_procedure, 03_measures, 09_limitations_and_discussion.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    columns : str or list of str
        Numeric columns to describe.
    by : str or list of str, optional
        Factor(s) defining the cells.

    Returns
    -------
    pandas.DataFrame
        Columns ``*by, variable, n, mean, sd``; one row per cell x column, the
        column varying fastest. ``sd`` is NaN for a cell with one answer.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(8)
    >>> df = pd.DataFrame({
    ...     "training": pd.Categorical(rng.choice(["advanced", "mental_health_worker"], 40),
    ...                                ["advanced", "mental_health_worker"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, 40), dtype="Int64")})
    >>> df.loc[0, "value_ms"] = pd.NA
    >>> describe(df, "value_ms", by="training").round(3)
                   training  variable   n   mean     sd
    0              advanced  value_ms  24  3.083  1.381
    1  mental_health_worker  value_ms  15  2.600  1.724
    """
    columns = [columns] if isinstance(columns, str) else list(columns)
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    values = data[columns].apply(pd.to_numeric).astype("float64")  # Int64 <NA> -> NaN
    long = pd.concat([data[by], values], axis=1).melt(
        id_vars=by, value_vars=columns, var_name="variable", value_name="value")
    # categorical so that columns keep the caller's order, like the factor levels
    long["variable"] = pd.Categorical(long["variable"], categories=columns)
    tidy = (long.groupby([*by, "variable"], observed=True, sort=True)["value"]
            .agg(n="count", mean="mean", sd="std").reset_index())
    tidy["variable"] = tidy["variable"].astype(str)
    return tidy


def interaction_means(
    data: pd.DataFrame,
    item: str,
    x: str = "setting3",
    between: str | tuple[str, ...] = PAPER_BETWEEN,
    fit: MixedAnovaResult | None = None,
) -> pd.DataFrame:
    """Observed means of one item by a between factor and group type, with 95% CIs.

    Computed on the item's ANOVA sample (the listwise complete cases of
    :func:`mutsup_helpers.stats.anova.mixed_anova` with the same ``between``), for each
    group type and for the difference ``twelve_step - ms``, whose pattern across
    ``x`` is the group type x ``x`` interaction. CIs are ``mean +/- t(.975, n - 1) SE``
    within each level (observed, weighted means, not model estimates); a level with one
    respondent has a mean and NaN SD and CI.

    When the data do not support ``between`` (small class data), the sample is that of
    the design :func:`~mutsup_helpers.stats.anova.mixed_anova` falls back to; if that
    design leaves ``x`` out (or no ANOVA is possible), the means are of everyone who
    answered both questions and ``x``, levels with nobody omitted. ``out.attrs["note"]``
    then says which respondents the means describe ('' when they are the asked ANOVA's).

    Used in: 01_overview, 05_h2_setting, 06_h3_training (through plots.plot_interaction
    and plots.plot_figure).

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    item : str
        Item name, e.g. ``"referral"``.
    x : str
        The between factor on the horizontal axis; must be in ``between``.
    between : str or sequence of str
        Factors that define the ANOVA sample.
    fit : MixedAnovaResult, optional
        The item's ANOVA with ``between``, when the caller has fitted it already (not refitted).

    Returns
    -------
    pandas.DataFrame
        ``x, group_type, n, mean, sd, ci_low, ci_high``; ``x`` and ``group_type``
        (ms, twelve_step, difference) are Categorical, rows level-major.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(9)
    >>> n = 60
    >>> df = pd.DataFrame({
    ...     "setting3": pd.Categorical.from_codes(
    ...         rng.integers(0, 3, n), ["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
    ...     "value_twelve_step": pd.array(rng.integers(2, 6, n), dtype="Int64")})
    >>> out = interaction_means(df, "value", between="setting3")
    >>> out[["setting3", "group_type", "n", "mean"]].head(3).round(3)
        setting3   group_type   n   mean
    0  treatment           ms  15  2.467
    1  treatment  twelve_step  15  3.667
    2  treatment   difference  15  1.200
    """
    factors = (between,) if isinstance(between, str) else tuple(between)
    if x not in factors:
        raise ValueError(f"x must be one of the between factors {factors}, not {x!r}")
    if fit is None:
        fit = mixed_anova(data, item, between=factors)
    elif fit.item != item:
        raise ValueError(f"fit is the ANOVA of {fit.item!r}, not of {item!r}")
    sample, levels, note = _means_sample(data, item, x, fit)
    scores = {group: sample[f"{item}_{group}"].astype("float64") for group in GROUP_TYPES}
    scores["difference"] = scores["twelve_step"] - scores["ms"]
    rows = []
    for level in levels:
        at_level = (sample[x] == level).to_numpy()
        for group, values in scores.items():
            v = values[at_level]
            sd = v.std(ddof=1) if len(v) > 1 else np.nan
            half = stats.t.ppf(0.975, len(v) - 1) * sd / np.sqrt(len(v)) if len(v) > 1 else np.nan
            rows.append((level, group, len(v), v.mean(), sd, v.mean() - half, v.mean() + half))
    out = pd.DataFrame(rows, columns=[x, "group_type", "n", "mean", "sd", "ci_low", "ci_high"])
    out[x] = pd.Categorical(out[x], categories=levels)
    out["group_type"] = pd.Categorical(out["group_type"], categories=list(scores))
    out.attrs["note"] = note
    return out


def _means_sample(data: pd.DataFrame, item: str, x: str, fit: MixedAnovaResult):
    """The respondents whose means :func:`interaction_means` shows, the levels of ``x``, and a note."""
    if x in fit.between:
        sample = fit.sample
        note = fit.plan.text() if fit.plan is not None and fit.plan.changed else ""
        return sample, list(sample[x].cat.categories), note
    columns = [f"{item}_{group}" for group in GROUP_TYPES]
    sample = data.loc[data[[x, *columns]].notna().all(axis=1), [x, *columns]]
    present = set(sample[x].astype(str))
    levels = [level for level in _categories(data[x]) if level in present]
    reason = fit.plan.text() if fit.plan is not None else ""
    who = (f"The means are of the {len(sample)} respondents who answered both {item} questions and "
           f"{plain_name(x)}, not of an ANOVA sample." if len(sample) else
           f"Nobody answered both {item} questions and {plain_name(x)}, so there are no means to show.")
    note = f"{reason} {who}".strip()
    return sample, levels, note


def _categories(values: pd.Series) -> list[str]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(level) for level in values.cat.categories]
    return sorted(str(level) for level in values.dropna().unique())


def item_distribution(
    data: pd.DataFrame,
    items: str | list[str] | None = None,
) -> pd.DataFrame:
    """Counts and percentages of each answer 1-5, per item and group type.

    Each column uses every respondent who answered it (no listwise deletion);
    answers nobody gave are listed with count 0.

    Used in: 03_measures, 04_h1_group_type (through plots.plot_item_distributions).

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data with ``{item}_ms`` and ``{item}_twelve_step`` columns.
    items : str or list of str, optional
        Items to count; default all five in paper order.

    Returns
    -------
    pandas.DataFrame
        ``item, group_type, answer, count, percent`` (percent of that column's answers).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"value_ms": pd.array([5, 5, 4, None], dtype="Int64"),
    ...                    "value_twelve_step": pd.array([1, 5, 5, 5], dtype="Int64")})
    >>> item_distribution(df, "value").query("answer >= 4").round(1)
        item   group_type  answer  count  percent
    3  value           ms       4      1     33.3
    4  value           ms       5      2     66.7
    8  value  twelve_step       4      0      0.0
    9  value  twelve_step       5      3     75.0
    """
    items = ITEMS if items is None else [items] if isinstance(items, str) else list(items)
    rows = []
    for item in items:
        for group in GROUP_TYPES:
            answers = data[f"{item}_{group}"].dropna().astype("int64")
            counts = answers.value_counts().reindex(ANSWERS, fill_value=0)
            for answer, count in counts.items():
                rows.append((item, group, answer, int(count), 100 * count / max(len(answers), 1)))
    return pd.DataFrame(rows, columns=["item", "group_type", "answer", "count", "percent"])


def normal_share_below(value: float, mean: float, sd: float) -> float:
    """The share of a normal distribution with this mean and SD that lies below ``value``.

    Used in: 02_sample_and_procedure (a normal curve with the years' mean and SD would put people
    below zero years).

    >>> round(normal_share_below(0, 5.0, 4.0), 3)
    0.106
    """
    return float(stats.norm.cdf(value, loc=mean, scale=sd))
