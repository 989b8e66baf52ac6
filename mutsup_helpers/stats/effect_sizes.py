"""Effect sizes of F tests with their intervals, and the effects a design can detect.

Partial eta squared from F and its df; its confidence interval by inverting the noncentral F
distribution with lambda = f^2 (df1 + df2 + 1) (Steiger, 2004, as R's MBESS); the Cohen's f^2
an F test detects with a given power (for ``power=1/3`` the small-telescopes bound of
Simonsohn, 2015); the one-sided p that an observed F comes from an effect at least that large.
Reference values: base R, ``tests/reference/make_replication_fixtures.R``.

Imports ``paper/`` only. Used in: compare.replication, stats.limitations (sensitivity).
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

from ..paper.design import ALPHA

__all__ = ["POWER_33", "eta2_interval", "f2_detectable", "p_smaller_than", "partial_eta2"]

POWER_33 = 1 / 3
_MAX_LAMBDA = 1e5


def _noncentrality(f_value: float, df1: int, df2: int, tail: float, upper: bool) -> float:
    """The lambda at which P(F' >= F) (lower limit) or P(F' <= F) (upper limit) equals ``tail``."""
    def gap(lam):  # the distributions' methods, not frozen objects: freezing costs a millisecond a call
        if lam > 0:
            return (stats.ncf.cdf(f_value, df1, df2, lam) if upper else stats.ncf.sf(f_value, df1, df2, lam)) - tail
        return (stats.f.cdf(f_value, df1, df2) if upper else stats.f.sf(f_value, df1, df2)) - tail

    # the limits lie near F * df1; a bracket far beyond them meets scipy's NaN for huge lambda
    top = 2.0 * f_value * df1 + 20.0
    while gap(0.0) * gap(top) > 0 and top < _MAX_LAMBDA:
        top *= 2.0
    if gap(0.0) * gap(top) > 0:
        return 0.0
    return optimize.brentq(gap, 0.0, top, xtol=1e-12, rtol=1e-14)


def eta2_interval(f_value: float, df1: int, df2: int, level: float = 0.90) -> tuple[float, float]:
    """Confidence interval of partial eta squared from F and its df (noncentral F, Steiger 2004).

    >>> low, high = eta2_interval(38.83, 1, 381)
    >>> round(low, 4), round(high, 4)
    (0.0511, 0.1405)
    """
    if not np.isfinite(f_value):
        return (np.nan, np.nan)
    tail = (1 - level) / 2
    n = df1 + df2 + 1
    low = 0.0 if stats.f.sf(f_value, df1, df2) >= tail else _noncentrality(f_value, df1, df2, tail, upper=False)
    high = 0.0 if stats.f.cdf(f_value, df1, df2) <= tail else _noncentrality(f_value, df1, df2, tail, upper=True)
    return low / (low + n), high / (high + n)


def f2_detectable(df1: int, df2: int, power: float = POWER_33, alpha: float = ALPHA) -> float:
    """Cohen's f^2 that an F test on (df1, df2) detects with ``power`` (Simonsohn's d33 for F).

    >>> round(f2_detectable(1, 381), 6)
    0.006131
    """
    crit = stats.f.isf(alpha, df1, df2)
    n = df1 + df2 + 1
    return optimize.brentq(lambda f2: stats.ncf.sf(crit, df1, df2, f2 * n) - power, 1e-10, 10.0,
                           xtol=1e-15, rtol=1e-14)


def p_smaller_than(f_value: float, df1: int, df2: int, f2_bound: float) -> float:
    """One-sided p of "the effect is at least ``f2_bound``" given an observed F on (df1, df2).

    Small telescopes and the equivalence test both reject when this is below alpha.
    """
    if not np.isfinite(f_value):
        return np.nan
    return float(stats.ncf.cdf(f_value, df1, df2, f2_bound * (df1 + df2 + 1)))


def partial_eta2(f_value: float, df1: int, df2: int) -> float:
    """Partial eta squared of an F test: F df1 / (F df1 + df2).

    >>> round(partial_eta2(38.83, 1, 381), 4)
    0.0925
    """
    return f_value * df1 / (f_value * df1 + df2)
