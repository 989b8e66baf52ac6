"""Independent-samples t-tests by personal experience, and the paper's Table 2.

Sign convention (the paper's): every difference is **"No" minus "Yes"**, so t < 0 and
``diff`` < 0 when the respondents who answered "Yes" (e.g. have been hospitalized
themselves) rate the item higher. ``cohen_d`` and ``hedges_g`` carry the same sign
(pingouin's ``compute_effsize`` reports |d|; we keep the sign so it agrees with t).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from ..paper.design import ITEMS, SPLIT_LEVELS, TABLE2_SPLITS
from .fallbacks import warn_fallback

FLAG_TEXT = "Yes significantly higher, p < .05"
TEST_FIELDS = ["split", "item", "group_type", "n_no", "n_yes", "mean_no", "mean_yes", "sd_no", "sd_yes",
                 "diff", "t", "df", "p", "ci_low", "ci_high", "cohen_d", "hedges_g", "test"]

__all__ = ["FLAG_TEXT", "TEST_FIELDS", "compare_groups", "table2"]


def compare_groups(
    data: pd.DataFrame,
    split: str,
    item: str,
    group_type: str = "ms",
    welch: bool = False,
    fallback: bool = True,
) -> pd.Series:
    """t-test of one item between the "No" and "Yes" respondents of ``split``.

    Each group uses every respondent with an answer to the item and to ``split``
    (pairwise deletion, as the paper's per-test df show).

    Used in: 02_sample_and_procedure, 07_h4_personal_experience; also by
    compare.paper_vs_here and the t-test explorer widget.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    split : str
        A "No"/"Yes" factor, e.g. ``"self_hospitalized"``.
    item : str
        Item name (the column is ``{item}_{group_type}``) or any numeric column name.
    group_type : {"ms", "twelve_step"}
        Which group type's rating of the item.
    welch : bool
        Welch's unequal-variance test instead of Student's pooled-variance test.
    fallback : bool
        When a group has fewer than two answers, or no answer varies, return the counts
        and means there are with NaN test statistics and say why in a
        ``DesignFallbackWarning``; ``False``: raise ``ValueError`` instead.

    Returns
    -------
    pandas.Series
        Fields :data:`TEST_FIELDS` (``group_type`` is None when ``item`` named a
        plain column, e.g. ``"years_in_setting"``). ``diff = mean_no - mean_yes``; ``t`` has the same
        sign; ``ci_low, ci_high`` is the 95% CI of ``diff``; ``cohen_d`` uses the
        pooled SD (also for Welch), ``hedges_g = d (1 - 3 / (4 (n_no + n_yes) - 9))``;
        ``test`` is "Student" or "Welch".

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(4)
    >>> n = 80
    >>> yes = rng.random(n) < 0.3
    >>> df = pd.DataFrame({
    ...     "self_hospitalized": pd.Categorical(np.where(yes, "Yes", "No"), ["No", "Yes"]),
    ...     "value_ms": pd.array(rng.integers(2, 5, n) + yes, dtype="Int64")})
    >>> res = compare_groups(df, "self_hospitalized", "value")
    >>> {k: round(float(v), 3) for k, v in res[["n_no", "n_yes", "diff", "t", "df", "p"]].items()}
    {'n_no': 63.0, 'n_yes': 17.0, 'diff': -1.315, 't': -6.429, 'df': 78.0, 'p': 0.0}
    """
    column = _column(data, item, group_type)
    no, yes = _groups(data, split, column)
    problem = _too_little(split, column, no, yes)
    if problem:
        if not fallback:
            raise ValueError(problem)
        warn_fallback(f"{problem}, so there is no t-test of {column} by {split}.")
        return _no_test(split, item, group_type if column != item else None, no, yes, welch)
    with warnings.catch_warnings():
        # scipy warns of "precision loss" when one group is constant; the t-test is still exact then
        warnings.filterwarnings("ignore", "Precision loss", RuntimeWarning)
        test = stats.ttest_ind(no, yes, equal_var=not welch)
    diff = no.mean() - yes.mean()
    df = float(test.df)
    se = np.sqrt(no.var(ddof=1) / len(no) + yes.var(ddof=1) / len(yes)) if welch \
        else _pooled_sd(no, yes) * np.sqrt(1 / len(no) + 1 / len(yes))
    half = stats.t.ppf(0.975, df) * se
    d = diff / _pooled_sd(no, yes)
    return pd.Series({
        "split": split, "item": item,
        "group_type": group_type if column != item else None, "n_no": len(no), "n_yes": len(yes),
        "mean_no": no.mean(), "mean_yes": yes.mean(),
        "sd_no": no.std(ddof=1), "sd_yes": yes.std(ddof=1), "diff": diff,
        "t": float(test.statistic), "df": df, "p": float(test.pvalue),
        "ci_low": diff - half, "ci_high": diff + half,
        "cohen_d": d, "hedges_g": d * (1 - 3 / (4 * (len(no) + len(yes)) - 9)),
        "test": "Welch" if welch else "Student",
    })


def table2(data: pd.DataFrame, group_type: str = "ms", welch: bool = False,
           alpha: float = 0.05) -> pd.DataFrame:
    """The paper's Table 2: each item by each personal-experience split, with its t-test.

    Used in: 07_h4_personal_experience.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    group_type : {"ms", "twelve_step"}
        The paper's Table 2 is about mutual support groups (``"ms"``).
    welch : bool
        Passed to :func:`compare_groups`.
    alpha : float
        Level for the flag.

    Returns
    -------
    pandas.DataFrame
        Two rows (No, Yes) per split x item, splits and items in paper order:
        ``split, item, level, n, mean, sd, t, df, p, flagged, flag``. ``t, df, p``
        (No minus Yes) repeat on both rows; ``flagged`` is True, and ``flag`` reads
        "Yes significantly higher, p < .05", on the Yes row when t < 0 and p < alpha.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(5)
    >>> n = 100
    >>> df = pd.DataFrame({s: pd.Categorical(rng.choice(["No", "Yes"], n), ["No", "Yes"])
    ...                    for s in TABLE2_SPLITS})
    >>> for item in ITEMS:
    ...     df[f"{item}_ms"] = pd.array(rng.integers(1, 6, n), dtype="Int64")
    >>> tab = table2(df)
    >>> tab.shape, list(tab.columns[:6])
    ((30, 11), ['split', 'item', 'level', 'n', 'mean', 'sd'])
    """
    rows = []
    for split in TABLE2_SPLITS:
        for item in ITEMS:
            res = compare_groups(data, split, item, group_type=group_type, welch=welch)
            flagged = bool(res["t"] < 0 and res["p"] < alpha)
            for level, suffix in zip(SPLIT_LEVELS, ("no", "yes"), strict=True):
                is_flagged = flagged and level == "Yes"
                rows.append({
                    "split": split, "item": item, "level": level, "n": res[f"n_{suffix}"],
                    "mean": res[f"mean_{suffix}"], "sd": res[f"sd_{suffix}"],
                    "t": res["t"], "df": res["df"], "p": res["p"], "flagged": is_flagged,
                    "flag": FLAG_TEXT if is_flagged else "",
                })
    return pd.DataFrame(rows)


def _column(data: pd.DataFrame, item: str, group_type: str) -> str:
    for column in (f"{item}_{group_type}", item):
        if column in data.columns:
            return column
    raise ValueError(f"neither {item}_{group_type!s} nor {item} is a column of the data")


def _groups(data: pd.DataFrame, split: str, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Non-missing values of ``column`` for the "No" and "Yes" respondents."""
    if split not in data.columns:
        raise ValueError(f"split {split!r} is not a column of the data")
    labels = data[split].astype("string").to_numpy(dtype=object, na_value=None)
    values = pd.to_numeric(data[column]).to_numpy(dtype=float, na_value=np.nan)
    no, yes = (values[(labels == level) & ~np.isnan(values)] for level in SPLIT_LEVELS)
    return no, yes


def _too_little(split: str, column: str, no: np.ndarray, yes: np.ndarray) -> str | None:
    """Why no t-test can be computed, or None."""
    for level, group in zip(SPLIT_LEVELS, (no, yes), strict=True):
        if len(group) < 2:
            return f"{split}={level} has {len(group)} answer(s) to {column}; a t-test needs 2"
    if np.ptp(no) == 0 and np.ptp(yes) == 0:
        return f"the answers to {column} do not vary within either group of {split}"
    return None


def _no_test(split, item, group_type, no, yes, welch) -> pd.Series:
    """The fields of :func:`compare_groups` with what the data give and NaN where a test is needed."""
    mean = [float(g.mean()) if len(g) else np.nan for g in (no, yes)]
    sd = [float(g.std(ddof=1)) if len(g) > 1 else np.nan for g in (no, yes)]
    return pd.Series({
        "split": split, "item": item, "group_type": group_type, "n_no": len(no), "n_yes": len(yes),
        "mean_no": mean[0], "mean_yes": mean[1], "sd_no": sd[0], "sd_yes": sd[1], "diff": mean[0] - mean[1],
        "t": np.nan, "df": np.nan, "p": np.nan, "ci_low": np.nan, "ci_high": np.nan,
        "cohen_d": np.nan, "hedges_g": np.nan, "test": "Welch" if welch else "Student",
    })


def _pooled_sd(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.sqrt(((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1))
                         / (len(x) + len(y) - 2)))
