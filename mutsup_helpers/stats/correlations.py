"""Pairwise-complete correlations with CIs and stars, and the paper's Table 3."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..paper.design import ITEMS, stars
from ..paper.design import YEARS as TABLE3_YEARS
from .fallbacks import warn_fallback

TABLE3_GROUP_ORDER = ["twelve_step", "ms"]  # the paper's Table 3 lists 12-step groups first
CORRELATION_FIELDS = ["x", "y", "method", "n", "r", "p", "ci_low", "ci_high", "stars"]
_Z975 = float(stats.norm.ppf(0.975))

__all__ = ["CORRELATION_FIELDS", "correlate", "stars", "table3"]


def correlate(data: pd.DataFrame, x: str, y: str, method: str = "pearson", fallback: bool = True) -> pd.Series:
    """Correlation of two columns over the respondents who answered both.

    Used in: 08_h5_years_of_experience; also by compare.paper_vs_here, plots and widgets.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    x, y : str
        Column names.
    method : {"pearson", "spearman"}
        Correlation coefficient.
    fallback : bool
        With fewer than 4 complete pairs, or a column that does not vary, return ``n``
        with NaN ``r``, ``p`` and CI and say why in a ``DesignFallbackWarning``;
        ``False``: raise ``ValueError`` instead.

    Returns
    -------
    pandas.Series
        Fields :data:`CORRELATION_FIELDS`: ``n`` pairwise complete, ``p`` two-tailed,
        ``ci_low, ci_high`` the 95% CI from Fisher's z with SE ``1 / sqrt(n - 3)``
        (as R's ``cor.test`` for Pearson; the same approximation for Spearman),
        ``stars`` as :func:`stars`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(6)
    >>> years = rng.gamma(2, 5, 50)
    >>> df = pd.DataFrame({"years_in_setting": years,
    ...                    "value_ms": pd.array(np.clip(np.rint(3 + years / 10
    ...                        + rng.normal(0, 1, 50)), 1, 5).astype(int), dtype="Int64")})
    >>> df.loc[3, "value_ms"] = pd.NA
    >>> res = correlate(df, "years_in_setting", "value_ms")
    >>> int(res["n"]), round(res["r"], 3), res["stars"]
    (49, 0.376, '**')
    """
    if method not in ("pearson", "spearman"):
        raise ValueError(f"method must be 'pearson' or 'spearman', not {method!r}")
    xs, ys = (pd.to_numeric(data[c]).to_numpy(dtype=float, na_value=np.nan) for c in (x, y))
    complete = ~(np.isnan(xs) | np.isnan(ys))
    n = int(complete.sum())
    problem = (f"{x} and {y}: {n} complete pair(s); a correlation CI needs 4" if n < 4 else
               next((f"{c} does not vary among the {n} respondents who answered both" for c, v in
                     ((x, xs), (y, ys)) if np.ptp(v[complete]) == 0), None))
    if problem:
        if not fallback:
            raise ValueError(problem)
        warn_fallback(f"{problem}, so there is no correlation of {x} with {y}.")
        return pd.Series({"x": x, "y": y, "method": method, "n": n, "r": np.nan, "p": np.nan,
                          "ci_low": np.nan, "ci_high": np.nan, "stars": ""})
    test = (stats.pearsonr if method == "pearson" else stats.spearmanr)(xs[complete], ys[complete])
    r, p = float(test.statistic), float(test.pvalue)
    half = _Z975 / np.sqrt(n - 3)
    z = np.arctanh(r)
    return pd.Series({"x": x, "y": y, "method": method, "n": n, "r": r, "p": p,
                      "ci_low": float(np.tanh(z - half)), "ci_high": float(np.tanh(z + half)),
                      "stars": stars(p)})


def table3(data: pd.DataFrame, method: str = "pearson") -> pd.DataFrame:
    """The paper's Table 3: each item x group type correlated with years of experience.

    Used in: 08_h5_years_of_experience.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data with ``years_in_setting``, ``years_in_discipline`` and the items.
    method : {"pearson", "spearman"}
        Passed to :func:`correlate`.

    Returns
    -------
    pandas.DataFrame
        Rows: items in order familiarity, helpfulness, referral, interference, value,
        each with twelve_step then ms. Columns ``item, group_type`` then, for
        ``years_in_setting`` and then ``years_in_discipline`` (the paper's "years in
        profession"), ``r_<years>, n_<years>, p_<years>, stars_<years>``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(7)
    >>> n = 60
    >>> df = pd.DataFrame({"years_in_setting": rng.gamma(1.5, 3, n),
    ...                    "years_in_discipline": rng.gamma(2, 5, n)})
    >>> for col in [f"{i}_{g}" for i in ITEMS for g in ("ms", "twelve_step")]:
    ...     df[col] = pd.array(rng.integers(1, 6, n), dtype="Int64")
    >>> tab = table3(df)
    >>> tab.shape, list(tab.columns[:4])
    ((10, 10), ['item', 'group_type', 'r_years_in_setting', 'n_years_in_setting'])
    """
    rows = []
    for item in ITEMS:
        for group in TABLE3_GROUP_ORDER:
            row = {"item": item, "group_type": group}
            for years in TABLE3_YEARS:
                res = correlate(data, years, f"{item}_{group}", method=method)
                row.update({f"{key}_{years}": res[key] for key in ("r", "n", "p", "stars")})
            rows.append(row)
    return pd.DataFrame(rows)
