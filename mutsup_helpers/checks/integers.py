"""What printed summaries of bounded integer answers allow: exact checks that work for any paper.

Given a printed mean (and SD) of an integer scale with known N, these list or bound
what raw data could have produced it (GRIM, SD bounds, exact (sum, sum of squares)
states); given two such groups, the exact range of the pooled t; given counts and
percentages, which agree. Small pure functions of plain numbers; every printed
number is read through :class:`~mutsup_helpers.paper.printed.Printed`.

Imports only ``paper/``. Used in: the audit families, ``checks/proofs.py``, the solver's targets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from scipy import stats

from ..paper.design import ALPHA, SCALE
from ..paper.printed import Printed, matches_printed

__all__ = [
    "count_sum_gap",
    "flag_check",
    "grim",
    "grim_range",
    "integer_states",
    "percent_counts",
    "percent_matches",
    "pooled_mean_range",
    "pooled_t",
    "sd_bounds",
    "sd_check",
    "sumsq_range",
    "t_range_from_summaries",
]


def _sums_for_mean(mean: float, n: int, decimals: int, lo: int = -10**9, hi: int = 10**9) -> list[int]:
    """Integer totals s (n*lo <= s <= n*hi) whose s/n prints as ``mean``."""
    low, high = Printed(mean, decimals).interval()
    first = max(math.floor(low * n) - 1, n * lo)
    last = min(math.ceil(high * n) + 1, n * hi)
    return [s for s in range(first, last + 1) if matches_printed(s / n, mean, decimals)]


def grim(mean: float, n: int, decimals: int) -> bool:
    """GRIM test: can a mean of ``n`` integers print as ``mean`` at ``decimals``?

    Parameters
    ----------
    mean : float
        The printed mean.
    n : int
        Number of answers.
    decimals : int
        Decimals the mean was printed with.

    Returns
    -------
    bool
        True when some integer total ``s`` gives ``s / n`` rounding to ``mean``.

    Examples
    --------
    >>> grim(3.34, 356, 2), grim(5.19, 28, 2)
    (True, False)
    """
    return bool(_sums_for_mean(mean, n, decimals))


def sumsq_range(n: int, total: int, lo: int, hi: int) -> tuple[int, int]:
    """Smallest and largest sum of squares of ``n`` integers in [lo, hi] summing to ``total``.

    Smallest: values as equal as possible. Largest: values at the ends, one in between.

    >>> sumsq_range(3, 6, 1, 5)
    (12, 18)
    """
    if not n * lo <= total <= n * hi:
        raise ValueError("total outside n*lo..n*hi")
    base, extra = divmod(total, n)
    smallest = (n - extra) * base**2 + extra * (base + 1) ** 2
    k, rest = divmod(total - n * lo, hi - lo) if hi > lo else (0, 0)
    k = min(k, n)
    largest = k * hi**2 + (n - k) * lo**2
    if k < n and rest:
        largest += (lo + rest) ** 2 - lo**2
    return smallest, largest


def _sd(n: int, total: float, sumsq: float) -> float:
    return math.sqrt(max(sumsq - total * total / n, 0.0) / (n - 1))


def integer_states(n: int, mean: float, sd: float, lo: int, hi: int,
                   mean_decimals: int, sd_decimals: int) -> list[tuple[int, int]]:
    """All (sum, sum of squares) of ``n`` integers in [lo, hi] printing as ``mean`` and ``sd``.

    Sums of squares have the parity of the sum (x^2 = x mod 2), and every value
    of that parity between the extremes is attained (checked by brute force on
    small n in the tests).

    Parameters
    ----------
    n : int
        Number of answers.
    mean, sd : float
        The printed mean and SD (ddof=1).
    lo, hi : int
        Smallest and largest scale point.
    mean_decimals, sd_decimals : int
        Decimals they were printed with.

    Returns
    -------
    list of tuple
        Every ``(sum, sum_of_squares)`` consistent with the print; empty if none.

    Examples
    --------
    >>> integer_states(4, 2.5, 1.29, 1, 5, 2, 2)
    [(10, 30)]
    """
    out = []
    sd_low, sd_high = Printed(sd, sd_decimals).interval()
    for total in _sums_for_mean(mean, n, mean_decimals, lo, hi):
        smallest, largest = sumsq_range(n, total, lo, hi)
        # The SD grows with the sum of squares: test only the window the printed SD allows
        # (solved for the sum of squares, two steps of margin each side for rounding).
        centre = total * total / n
        first = max(smallest, math.floor((n - 1) * max(sd_low, 0.0) ** 2 + centre) - 4)
        last = min(largest, math.ceil((n - 1) * sd_high ** 2 + centre) + 4)
        first += (first - smallest) % 2  # sums of squares keep the parity of the sum
        for sumsq in range(first, last + 1, 2):
            if matches_printed(_sd(n, total, sumsq), sd, sd_decimals):
                out.append((total, sumsq))
    return out


def sd_bounds(mean: float, n: int, lo: int, hi: int, decimals: int) -> tuple[float, float]:
    """Smallest and largest SD (ddof=1) of ``n`` integers in [lo, hi] whose mean prints as ``mean``.

    Parameters
    ----------
    mean : float
        The printed mean.
    n : int
        Number of answers.
    lo, hi : int
        Smallest and largest scale point.
    decimals : int
        Decimals the mean was printed with.

    Returns
    -------
    tuple of float
        ``(smallest_sd, largest_sd)``; a printed SD outside it is impossible.

    Examples
    --------
    >>> [round(v, 3) for v in sd_bounds(4.30, 348, 1, 5, 2)]
    [0.457, 1.523]
    """
    sums = _sums_for_mean(mean, n, decimals, lo, hi)
    if not sums:
        raise ValueError("no integer data give this mean (GRIM)")
    sds = [_sd(n, s, q) for s in sums for q in sumsq_range(n, s, lo, hi)]
    return min(sds), max(sds)


def pooled_t(n1: int, s1: float, q1: float, n2: int, s2: float, q2: float) -> float:
    """Pooled-variance t of group 1 minus group 2 from (n, sum, sum of squares).

    >>> round(pooled_t(3, 6, 14, 3, 9, 29), 3)
    -1.225
    """
    m1, m2 = s1 / n1, s2 / n2
    pooled = (q1 - s1 * m1 + q2 - s2 * m2) / (n1 + n2 - 2)
    return (m1 - m2) / math.sqrt(pooled * (1 / n1 + 1 / n2))


def t_range_from_summaries(group1: tuple, group2: tuple, lo: int, hi: int,
                           mean_decimals: int, sd_decimals: int) -> tuple[float, float]:
    """Exact smallest and largest pooled t (group 1 minus group 2) over all integer data.

    Parameters
    ----------
    group1, group2 : tuple
        ``(n, printed mean, printed sd)`` of each group.
    lo, hi : int
        Smallest and largest scale point.
    mean_decimals, sd_decimals : int
        Decimals the means and SDs were printed with.

    Returns
    -------
    tuple of float
        ``(t_min, t_max)`` over every pair of integer data sets that print as given.

    Examples
    --------
    >>> [round(v, 2) for v in t_range_from_summaries((322, 4.01, 0.79), (68, 4.21, 0.80), 1, 5, 2, 2)]
    [-1.9, -1.82]
    """
    states1 = integer_states(group1[0], group1[1], group1[2], lo, hi, mean_decimals, sd_decimals)
    states2 = integer_states(group2[0], group2[1], group2[2], lo, hi, mean_decimals, sd_decimals)
    if not states1 or not states2:
        raise ValueError("a group's printed mean and SD are impossible for integer data")
    ts = [pooled_t(group1[0], s1, q1, group2[0], s2, q2) for s1, q1 in states1 for s2, q2 in states2]
    return float(min(ts)), float(max(ts))


def count_sum_gap(counts: Iterable[int], total: int) -> int:
    """How many respondents a table's rows miss (+) or double count (-).

    >>> count_sum_gap([18, 15, 50, 119, 171, 20, 15, 1, 10], 421)
    2
    """
    return total - sum(counts)


def percent_matches(n: int, total: int, pct: float, decimals: int = 1) -> bool:
    """Whether ``100 n / total`` prints as ``pct``.

    >>> percent_matches(79, 421, 18.8), percent_matches(79, 421, 10.0)
    (True, False)
    """
    return matches_printed(100.0 * n / total, pct, decimals)


def percent_counts(pct: float, total: int, decimals: int = 1) -> list[int]:
    """Every count out of ``total`` whose percentage prints as ``pct`` (GRIM for percentages).

    >>> percent_counts(10.0, 421), percent_counts(34.2, 421), percent_counts(42.6, 421)
    ([42], [144], [])
    """
    centre = pct * total / 100.0
    spread = Printed(pct, decimals).half * total / 100.0
    first, last = max(0, math.floor(centre - spread) - 1), min(total, math.ceil(centre + spread) + 1)
    return [k for k in range(first, last + 1) if percent_matches(k, total, pct, decimals)]


def grim_range(mean: float, ns: Iterable[int], decimals: int) -> list[int]:
    """The sample sizes among ``ns`` at which integer answers can have a mean printing as ``mean``.

    >>> grim_range(5.19, [27, 28, 29], 2)
    [27]
    """
    return [n for n in ns if grim(mean, n, decimals)]


def sd_check(mean: float, sd: float, ns: Iterable[int], scale: tuple[int, int] = SCALE,
             mean_decimals: int = 2, sd_decimals: int = 2) -> dict:
    """Whether a printed SD is possible for integer answers on ``scale`` with a printed mean.

    Over every N in ``ns`` at which the mean passes GRIM: ``sd_min`` and
    ``sd_max`` are the smallest and largest SD (ddof = 1) that any answers with
    that mean can have (:func:`sd_bounds`);
    ``within_bounds`` says whether the printed SD's rounding interval meets
    [sd_min, sd_max]; ``exact`` whether some set of answers prints as both the
    mean and the SD (:func:`integer_states`); ``n_max``
    is the N with the largest SD. ``possible`` = both.

    >>> r = sd_check(4.30, 1.7, [348], (1, 5), 2, 1)
    >>> r["possible"], round(r["sd_max"], 3)
    (False, 1.523)
    >>> sd_check(3.34, 1.04, [356])["possible"]
    True
    """
    lo, hi = scale
    ns = [int(n) for n in ns if n >= 2 and grim(mean, int(n), mean_decimals)]
    if not ns:
        return {"possible": False, "within_bounds": False, "exact": False, "sd_min": math.nan,
                "sd_max": math.nan, "n_max": None}
    bounds = {n: sd_bounds(mean, n, lo, hi, mean_decimals) for n in ns}
    sd_min = min(b[0] for b in bounds.values())
    n_max = max(bounds, key=lambda n: bounds[n][1])
    sd_max = bounds[n_max][1]
    sd_low, sd_high = Printed(sd, sd_decimals).interval()
    fits = [n for n in ns if sd_low <= bounds[n][1] + 1e-12 and sd_high > bounds[n][0]]
    exact = any(integer_states(n, mean, sd, lo, hi, mean_decimals, sd_decimals) for n in fits)
    return {"possible": bool(fits) and exact, "within_bounds": bool(fits), "exact": exact,
            "sd_min": sd_min, "sd_max": sd_max, "n_max": n_max}


def _t_p(t: float, df: int) -> float:
    return float(2 * stats.t.sf(abs(t), df))


def flag_check(no: tuple, yes: tuple, flagged: bool, scale: tuple[int, int] = SCALE,
               mean_decimals: int = 2, sd_decimals: int = 2, alpha: float = ALPHA) -> dict:
    """Whether a "Yes significantly higher than No" flag is attainable from printed summaries.

    ``no`` and ``yes`` are ``(n, mean, sd)`` as printed. Over all integer
    answers on ``scale`` that print as these summaries, the pooled t (No minus
    Yes) lies in [``t_min``, ``t_max``]
    (:func:`t_range_from_summaries`). A flag is
    attainable when some of those t give p < ``alpha`` with Yes higher; no
    flag is attainable when some do not.

    Returns a dict: ``possible``, ``t_min``, ``t_max``, ``df``, ``t_crit``,
    ``p_min`` and ``p_max`` (two-tailed p over the t range).

    >>> r = flag_check((322, 4.01, 0.79), (68, 4.21, 0.80), True)
    >>> r["possible"], round(r["p_min"], 3)
    (False, 0.058)
    >>> flag_check((345, 3.32, 1.06), (71, 3.65, 0.97), True)["possible"]
    True
    """
    no, yes = ((int(g[0]), float(g[1]), float(g[2])) for g in (no, yes))
    t_min, t_max = t_range_from_summaries(no, yes, scale[0], scale[1], mean_decimals, sd_decimals)
    df = int(no[0] + yes[0] - 2)
    crit = float(stats.t.isf(alpha / 2, df))
    possible = t_min < -crit if flagged else t_max >= -crit
    ps = [_t_p(t_min, df), _t_p(t_max, df)]
    p_max = 1.0 if t_min <= 0 <= t_max else max(ps)
    return {"possible": bool(possible), "t_min": t_min, "t_max": t_max, "df": df, "t_crit": crit,
            "p_min": min(ps), "p_max": p_max}


def pooled_mean_range(ns: Sequence[int], means: Sequence[float], decimals: int) -> tuple[float, float]:
    """Range of the mean of several groups pooled, from their printed means and Ns.

    >>> [round(v, 3) for v in pooled_mean_range([356, 58], [3.34, 3.64], 2)]
    [3.377, 3.387]
    """
    total = sum(ns)
    centre = sum(n * m for n, m in zip(ns, means, strict=True)) / total
    return Printed(centre, decimals).interval()
