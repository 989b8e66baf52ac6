"""Equivalence tests for the paper's null results: absence of evidence, or evidence of absence?

A non-significant F says only that the data do not rule out "no effect". An equivalence test asks
the other question: do they rule out every effect at least as large as the smallest one that would
matter (the smallest effect size of interest, SESOI)? Two forms:

- **for an ANOVA effect**, the one-sided test that the population partial eta squared is at
  least ``eta2_bound``, from the observed F and the noncentral F distribution (Campbell & Lakens,
  2021; :func:`~mutsup_helpers.stats.effect_sizes.p_smaller_than`); equivalent to the 90%
  interval of partial eta squared lying below the bound;
- **for two settings**, two one-sided t-tests (TOST; Lakens, 2017) on the respondents' mean rating
  of the two group types (what the setting main effect compares), with bounds of +/- ``bound``
  scale points (pingouin ``tost``: Student's t, pooled variance, as ``t.test(var.equal = TRUE)``
  in R with ``mu = -bound`` and ``mu = bound``).

Used in: 12_what_we_would_do_today.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from ..paper.design import ALPHA, GROUP_TYPES, ITEMS, PAPER_BETWEEN
from ..paper.published import load_published
from .anova import mixed_anova
from .effect_sizes import eta2_interval, p_smaller_than
from .fallbacks import DesignFallbackWarning, plain_name

__all__ = ["EQUIVALENCE_VERDICTS", "anova_equivalence", "setting_tost"]

#: What an effect's two tests say together.
EQUIVALENCE_VERDICTS = {
    "different": "significant: an effect is there (the equivalence test is moot)",
    "equivalent": "equivalent: every effect as large as the bound is ruled out",
    "undecided": "undecided: neither an effect nor its absence is shown",
}


def _verdict(p: float, p_equivalent: float, alpha: float) -> str:
    if not np.isfinite(p):
        return "not computed"
    if p < alpha:
        return "different"
    return "equivalent" if p_equivalent < alpha else "undecided"


def anova_equivalence(data: pd.DataFrame, eta2_bound: float = 0.01, items=ITEMS, alpha: float = ALPHA,
                      reported: bool = False) -> pd.DataFrame:
    """Every mixed-ANOVA effect (or, with ``reported=False``, only those the paper does *not* report as
    significant, its null results) with its 90% interval of partial eta squared and the equivalence
    test against ``eta2_bound``.

    >>> from mutsup_helpers.data.load import load_providers
    >>> t = anova_equivalence(load_providers())
    >>> bool(((t["p_equivalence"] < .05) == (t["eta2_high"] < .01)).all())  # the test is the interval
    True
    """
    significant = set(zip(load_published().anova["item"], load_published().anova["effect"], strict=True))
    f2_bound = eta2_bound / (1 - eta2_bound)
    rows = []
    for item in items:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DesignFallbackWarning)
            table = mixed_anova(data, item).table
        for r in table.itertuples():
            if (item, r.effect) in significant and not reported:
                continue
            low, high = eta2_interval(r.F, int(r.df1), int(r.df2)) if np.isfinite(r.F) else (np.nan, np.nan)
            p_eq = p_smaller_than(r.F, int(r.df1), int(r.df2), f2_bound)
            rows.append((item, r.effect, int(r.df1), int(r.df2), r.F, r.p, r.np2, low, high, p_eq,
                         _verdict(r.p, p_eq, alpha)))
    columns = ["item", "effect", "df1", "df2", "F", "p", "np2", "eta2_low", "eta2_high", "p_equivalence", "verdict"]
    return pd.DataFrame(rows, columns=columns)


def setting_tost(data: pd.DataFrame, item: str, bound: float = 0.25, alpha: float = ALPHA) -> pd.DataFrame:
    """Each pair of settings: difference of the respondents' mean rating (both group types), its 90%
    interval, the usual t-test's p and the TOST p against +/- ``bound`` scale points.

    Respondents who answered both questions of ``item`` and gave training and setting (the ANOVA's
    cases in the paper's design). Training is ignored in the comparison (the ANOVA's setting effect
    averages over it), so the differences are those of the raw setting means.
    """
    import pingouin as pg  # imported where used: the series' import time
    from scipy import stats

    columns = [f"{item}_{group}" for group in GROUP_TYPES]
    complete = data.loc[data[[*columns, *PAPER_BETWEEN]].notna().all(axis=1)]
    means = complete[columns].astype(float).mean(axis=1)
    levels = [str(level) for level in complete["setting3"].astype("category").cat.categories]
    rows = []
    for a, b in itertools.combinations(levels, 2):
        x, y = means[complete["setting3"] == a].to_numpy(), means[complete["setting3"] == b].to_numpy()
        if min(len(x), len(y)) < 2:
            rows.append((f"{plain_name(a)} - {plain_name(b)}", len(x), len(y), *[np.nan] * 5, "not computed"))
            continue
        test = stats.ttest_ind(x, y)
        diff = x.mean() - y.mean()
        se = diff / test.statistic if test.statistic != 0 else np.nan
        half = stats.t.isf(alpha, len(x) + len(y) - 2) * abs(se)  # 90% interval: the TOST's own
        p_tost = float(pg.tost(x, y, bound=bound)["pval"].iloc[0])
        rows.append((f"{plain_name(a)} - {plain_name(b)}", len(x), len(y), diff, diff - half, diff + half,
                     float(test.pvalue), p_tost, _verdict(float(test.pvalue), p_tost, alpha)))
    names = ["pair", "n_a", "n_b", "difference", "ci90_low", "ci90_high", "p", "p_tost", "verdict"]
    return pd.DataFrame(rows, columns=names)
