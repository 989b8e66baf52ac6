"""Scheffé pairwise comparisons among the levels of one between factor, SPSS convention.

SPSS's GLM "Post Hoc... Scheffe" (and the paper's "Scheffé post hoc") compares the
*observed* (weighted) level means of the analysed score, using the error mean square
and df of the fitted between-subjects model (not a one-way error term, which is what
scikit-posthocs' ``posthoc_scheffe`` uses). In a mixed design with a two-level within
factor the analysed score is either

* ``on="difference"``: ``twelve_step - ms``, the score whose ANOVA gives the group
  type interactions (a Scheffé on it follows up e.g. group type x setting); or
* ``on="mean"``: ``(ms + twelve_step) / 2``, whose ANOVA gives the between effects.

For levels i and j of a factor with k levels::

    F = (mean_i - mean_j)^2 / (MSE * (1/n_i + 1/n_j)) / (k - 1),   on (k - 1, df_error)

so a pair is significant only if some contrast's share of the one-way omnibus F of the same
observed means on the same error term (:func:`omnibus`) is large enough; no pair can be
significant when *that* omnibus is not. The Type III F of the fitted model (what a paper prints)
tests unweighted means, so in an unbalanced two-factor design it is not a ceiling: a Scheffé F
on observed means can exceed it (:func:`scheffe_readings` shows both). ``on="ms"`` and
``on="twelve_step"`` give the simple effects of a factor within one group type.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS

from ..paper.design import PAPER_BETWEEN
from .anova import _as_between, _Design, _prepare, _supported
from .fallbacks import NoAnalysisPossible, plain_name, warn_fallback

SCHEFFE_COLUMNS = ["family", "error_term", "level_a", "level_b", "n_a", "n_b", "mean_a",
                   "mean_b", "diff", "se", "F", "df1", "df2", "p", "significant"]
_SCORE_LABEL = {"difference": "twelve_step - ms", "mean": "mean of ms and twelve_step",
                "ms": "ms ratings alone", "twelve_step": "twelve_step ratings alone"}
_SCORE_NAME = {"difference": "the difference score", "mean": "the mean score",
               "ms": "the ms ratings", "twelve_step": "the twelve_step ratings"}
#: The readings of a Scheffé test "among settings" in the paper's mixed design: the score compared
#: and the printed omnibus effect that tests the same question (None: the paper prints none).
SCHEFFE_READINGS = {"mean": "setting3", "difference": "group_type:setting3", "ms": None, "twelve_step": None}

__all__ = ["SCHEFFE_COLUMNS", "SCHEFFE_READINGS", "omnibus", "scheffe", "scheffe_readings"]


def scheffe(
    data: pd.DataFrame,
    item: str,
    factor: str = "setting3",
    on: str = "difference",
    between: str | tuple[str, ...] = PAPER_BETWEEN,
    alpha: float = 0.05,
    fallback: bool = True,
) -> pd.DataFrame:
    """Scheffé comparisons of every pair of levels of ``factor`` (SPSS convention).

    Same listwise complete cases as :func:`mutsup_helpers.stats.anova.mixed_anova`.

    Used in: 05_h2_setting; also by compare.paper_vs_here.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    item : str
        Item name, e.g. ``"referral"``.
    factor : str
        The between factor whose levels are compared; must be in ``between``.
    on : {"difference", "mean", "ms", "twelve_step"}
        Score compared: ``twelve_step - ms``, the mean of the two, or one group type's ratings
        alone (simple effects of ``factor`` within that group type, error from the between
        model of those ratings).
    between : str or sequence of str
        Factors of the fitted between-subjects model that supplies the error term.
    alpha : float
        Level for the ``significant`` column.
    fallback : bool
        As in :func:`mutsup_helpers.stats.anova.mixed_anova`: on data that do not support
        ``between``, compare the levels the supported design keeps (and say so); an empty
        table, with a warning that says why, when ``factor`` is not in it.

    Returns
    -------
    pandas.DataFrame
        One row per pair (levels in category order), columns :data:`SCHEFFE_COLUMNS`:
        ``family`` and ``error_term`` describe what was compared and against which
        error; ``diff = mean_a - mean_b`` (observed, weighted means);
        ``se = sqrt(MSE (1/n_a + 1/n_b))``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(3)
    >>> n = 90
    >>> setting = rng.integers(0, 3, n)
    >>> df = pd.DataFrame({
    ...     "training": pd.Categorical.from_codes(
    ...         rng.integers(0, 2, n), ["advanced", "mental_health_worker"]),
    ...     "setting3": pd.Categorical.from_codes(
    ...         setting, ["treatment", "rehabilitation", "case_management"]),
    ...     "referral_ms": pd.array(rng.integers(1, 5, n) + (setting == 1), dtype="Int64"),
    ...     "referral_twelve_step": pd.array(rng.integers(1, 6, n), dtype="Int64")})
    >>> out = scheffe(df, "referral")
    >>> out[["level_a", "level_b", "diff", "F", "p"]].round(3)
              level_a          level_b   diff       F      p
    0       treatment   rehabilitation  1.951  10.112  0.000
    1       treatment  case_management  0.290   0.214  0.807
    2  rehabilitation  case_management -1.662   6.550  0.002
    >>> out["error_term"].iloc[0]
    'MS_error of training x setting3 model on the difference score, df = 84'
    """
    fitted = _fit(data, item, factor, on, between, fallback)
    if fitted is None:
        return pd.DataFrame(columns=SCHEFFE_COLUMNS)
    design, score, mse, df2, labels = fitted
    means, counts = _level_means(design, factor, score)
    levels = design.levels[design.between.index(factor)]
    k = len(means)
    rows = []
    for a in range(k - 1):
        for b in range(a + 1, k):
            diff = means[a] - means[b]
            se = np.sqrt(mse * (1 / counts[a] + 1 / counts[b]))
            f_value = (diff / se) ** 2 / (k - 1)
            p = float(stats.f.sf(f_value, k - 1, df2))
            rows.append((*labels, levels[a], levels[b], counts[a], counts[b], means[a],
                         means[b], diff, se, f_value, k - 1, df2, p, p < alpha))
    return pd.DataFrame(rows, columns=SCHEFFE_COLUMNS)


def omnibus(
    data: pd.DataFrame,
    item: str,
    factor: str = "setting3",
    on: str = "difference",
    between: str | tuple[str, ...] = PAPER_BETWEEN,
    fallback: bool = True,
) -> pd.Series:
    """One-way omnibus F of ``factor`` on the observed means, over the Scheffé error term.

    ``F = sum_i n_i (mean_i - grand mean)^2 / (k - 1) / MSE``, MSE and df from the same
    model as :func:`scheffe`. It is the ceiling of every Scheffé F of that family:
    if this F is not significant, no pairwise Scheffé comparison is.

    Used in: 05_h2_setting (why no Scheffé pair can beat a non-significant omnibus).

    Parameters
    ----------
    data, item, factor, on, between, fallback
        As in :func:`scheffe` (F and p are NaN when ``factor`` is not in the supported design).

    Returns
    -------
    pandas.Series
        ``family, error_term, F, df1, df2, p``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(3)
    >>> n = 60
    >>> df = pd.DataFrame({
    ...     "setting3": pd.Categorical.from_codes(
    ...         rng.integers(0, 3, n), ["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
    ...     "value_twelve_step": pd.array(rng.integers(1, 6, n), dtype="Int64")})
    >>> res = omnibus(df, "value", between="setting3")
    >>> round(res["F"], 3), res["df1"], res["df2"]
    (2.135, 2, 57)
    """
    fitted = _fit(data, item, factor, on, between, fallback)
    if fitted is None:
        return pd.Series({"family": f"{factor} on {_SCORE_LABEL[on]}", "error_term": None, "F": np.nan,
                          "df1": pd.NA, "df2": pd.NA, "p": np.nan})
    design, score, mse, df2, labels = fitted
    means, counts = _level_means(design, factor, score)
    k = len(means)
    between_ss = float(np.sum(counts * (means - score.mean()) ** 2))
    f_value = between_ss / (k - 1) / mse
    return pd.Series({"family": labels[0], "error_term": labels[1], "F": f_value,
                      "df1": k - 1, "df2": df2, "p": float(stats.f.sf(f_value, k - 1, df2))})


def scheffe_readings(data: pd.DataFrame, item: str, level_a: str = "treatment", level_b: str = "rehabilitation",
                     between: str | tuple[str, ...] = PAPER_BETWEEN) -> pd.DataFrame:
    """One pair of settings under each reading of "a Scheffé test among settings", beside the omnibus tests.

    Rows: the four scores of :data:`SCHEFFE_READINGS`. Columns: ``pair_F`` and ``pair_p`` (Scheffé F/(k-1)
    and p of the pair, SPSS convention); ``largest_pair_F`` (of all pairs); ``observed_omnibus_F``
    (the one-way F of the same observed means on the same error: the exact ceiling of every
    Scheffé F of the family); ``type3_effect`` and ``type3_F`` (the mixed ANOVA's Type III test of
    the same question, what the paper prints; none for the simple effects). In an unbalanced
    two-factor design the Type III F tests unweighted means, so a Scheffé F on observed means can
    exceed it: the ceiling that always holds is the observed-means omnibus.

    Used in: 05_h2_setting.
    """
    from .anova import mixed_anova

    fitted = mixed_anova(data, item, between=between).table.set_index("effect")
    rows = []
    for on, effect in SCHEFFE_READINGS.items():
        table = scheffe(data, item, on=on, between=between)
        pair = table[(table.level_a == level_a) & (table.level_b == level_b)]
        ceiling = omnibus(data, item, on=on, between=between)
        type3 = float(fitted.loc[effect, "F"]) if effect in fitted.index else np.nan
        rows.append((on, _SCORE_LABEL[on], float(pair["F"].iloc[0]) if len(pair) else np.nan,
                     float(pair["p"].iloc[0]) if len(pair) else np.nan,
                     float(table["F"].max()) if len(table) else np.nan, float(ceiling["F"]), effect or "", type3))
    columns = ["reading", "score", "pair_F", "pair_p", "largest_pair_F", "observed_omnibus_F", "type3_effect",
               "type3_F"]
    return pd.DataFrame(rows, columns=columns)


def _fit(data, item, factor, on, between, fallback: bool):
    """Complete cases, the score, and the error MS/df of the full between model on it (None: not possible)."""
    asked = _as_between(between)
    if factor not in asked:
        raise ValueError(f"factor {factor!r} must be one of the model's factors {asked}")
    if on not in _SCORE_NAME:
        raise ValueError(f"on must be one of {', '.join(_SCORE_NAME)}, not {on!r}")
    try:
        data, between, _ = _supported(data, item, between, fallback)
    except NoAnalysisPossible:
        return None
    if factor not in between:
        warn_fallback(f"{item}: {plain_name(factor)} is not in the design these data support, so there are no "
                      "Scheffé comparisons of its levels.")
        return None
    design = _prepare(data, item, between)
    score = design.score(on)
    fit = OLS(score, design.X).fit()
    df2 = int(fit.df_resid)
    family = f"{factor} on {_SCORE_LABEL[on]}"
    error_term = (f"MS_error of {' x '.join(design.between)} model on {_SCORE_NAME[on]}, "
                  f"df = {df2}")
    return design, score, float(fit.scale), df2, (family, error_term)


def _level_means(design: _Design, factor: str, score: np.ndarray):
    """Observed (weighted) mean and n of ``score`` at each level of ``factor``."""
    pos = design.between.index(factor)
    k = len(design.levels[pos])
    counts = np.bincount(design.codes[pos], minlength=k)
    means = np.bincount(design.codes[pos], weights=score, minlength=k) / counts
    return means, counts
