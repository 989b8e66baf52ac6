"""What printed test statistics allow: p ranges, statcheck, correlation stars, Scheffé against its omnibus.

Pure functions of plain numbers that work for any paper: the p values a rounded t or F
can have, whether a printed statistic, df and p agree (statcheck's rules), which Ns let
a printed r carry its stars, what a correlation with a scored item says about the
construct, and how a Scheffé p relates to its omnibus test.

Imports only ``paper/``. Used in: the audit families, ``checks/proofs.py``, the solver's targets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from scipy import stats

from ..paper.design import ALPHA, SCALE, STAR_LEVELS, stars
from ..paper.printed import Printed, printed_p

__all__ = [
    "construct_direction",
    "critical_r",
    "f_p_consistent",
    "p_of_f",
    "p_range",
    "round_like_r",
    "STATCHECK_RULES",
    "r_p_range",
    "scheffe_consistent",
    "scheffe_p",
    "star_attainable",
    "stars_check",
    "stars",
    "statcheck",
    "t_p_consistent",
]


def p_range(test: str, value: float, df, decimals: int = 2) -> tuple[float, float]:
    """Smallest and largest two-tailed p of a statistic printed as ``value`` at ``decimals``.

    A printed t = -2.37 stands for any t in [-2.375, -2.365); the p values of
    that interval are returned. ``test`` is ``"t"`` (``df`` an int) or ``"F"``
    (``df`` a pair ``(df1, df2)``).

    >>> [round(p, 4) for p in p_range("t", -2.01, 412)]
    [0.0446, 0.0456]
    >>> [round(p, 4) for p in p_range("F", 5.22, (1, 353))]
    [0.0229, 0.023]
    """
    small, large = Printed(abs(value), decimals).interval()
    small = max(small, 0.0)
    if test == "t":
        return float(2 * stats.t.sf(large, df)), float(2 * stats.t.sf(small, df))
    if test == "F":
        df1, df2 = df
        return float(stats.f.sf(large, df1, df2)), float(stats.f.sf(small, df1, df2))
    raise ValueError(f"test must be 't' or 'F', not {test!r}")


STATCHECK_RULES = ("statcheck", "interval")


def statcheck(test: str, value: float, df, p: float, p_decimals: int, stat_decimals: int = 2,
              comparison: str = "=", alpha: float = ALPHA, rule: str = "statcheck",
              stat_comparison: str = "=", p_equal_alpha_significant: bool = True,
              p_zero_error: bool = True) -> dict:
    """Whether a printed statistic, df and p agree, and whether a disagreement flips significance.

    ``rule="statcheck"`` (the default) is R's statcheck 1.4 (Nuijten et al., 2016), as read from
    its source (``tests/reference/statcheck/RULES.md``) and tested against its output: the
    statistic stands for every value within half a unit of its last printed decimal, giving
    p values from ``p_low`` to ``p_high``; a p printed with "=" is consistent when it lies
    between those two bounds rounded (R's way) to the printed p's decimals; a p printed with
    "<" when ``p_low`` reaches it, with ">" when ``p_high`` does not exceed it. Only an
    inconsistent result can be a *decision error*, and statcheck decides it on the p of the
    printed statistic taken as exact (``p``): the printed and that p on different sides of
    ``alpha`` (a p equal to ``alpha`` counts as significant unless
    ``p_equal_alpha_significant=False``); a printed p of 0 is an error (``p_zero_error``).

    ``rule="interval"`` is this package's stricter reading of rounding on both sides: the p
    values the statistic allows must meet the interval the printed p stands for (.023 stands
    for [.0225, .0235)); a decision error needs every allowed p on the other side of ``alpha``.

    ``comparison`` is the printed p's ("=", "<", ">"), ``stat_comparison`` the statistic's.
    Returns a dict: ``consistent``, ``decision_error``, ``p_low``, ``p_high``, ``p``, ``rule``.

    >>> r = statcheck("t", -2.01, 412, 0.05, 2)
    >>> r["consistent"], round(r["p"], 3)
    (True, 0.045)
    >>> r = statcheck("F", 5.22, (2, 353), 0.023, 3)
    >>> r["consistent"], r["decision_error"], round(r["p"], 4)
    (False, False, 0.0058)
    >>> statcheck("F", 38.83, (1, 381), 0.001, 3, comparison="<")["consistent"]
    True
    >>> strict = statcheck("t", 1.98, 100, 0.03, 2, rule="interval")
    >>> statcheck("t", 1.98, 100, 0.03, 2)["decision_error"], strict["decision_error"]
    (True, False)
    """
    if rule not in STATCHECK_RULES:
        raise ValueError(f"rule must be one of {STATCHECK_RULES}, not {rule!r}")
    if comparison not in ("=", "<", ">") or stat_comparison not in ("=", "<", ">"):
        raise ValueError(f"comparisons must be '=', '<' or '>', not {comparison!r} / {stat_comparison!r}")
    p_low, p_high = p_range(test, value, df, stat_decimals)
    exact = _p_of(test, abs(value), df)
    if rule == "interval":
        consistent = _interval_consistent(test, value, df, p, p_decimals, stat_decimals, comparison, p_low, p_high)
        reported_sig = p <= alpha
        flips = (reported_sig and p_low >= alpha) or (not reported_sig and p_high < alpha)
        decision_error = (not consistent) and flips
    else:
        consistent = _statcheck_consistent(p, p_decimals, comparison, stat_comparison, p_low, p_high,
                                           p_zero_error)
        decision_error = (not consistent) and _statcheck_decision_error(p, exact, alpha, comparison, stat_comparison,
                                                                        p_equal_alpha_significant)
    return {"consistent": bool(consistent), "decision_error": bool(decision_error),
            "p_low": p_low, "p_high": p_high, "p": exact, "rule": rule}


def p_of_f(f_value: float, df1: int, df2: int) -> float:
    """The p (upper tail) of an F statistic on (df1, df2): more numerator df, thinner tail.

    >>> round(p_of_f(5.22, 1, 353), 3), round(p_of_f(5.22, 2, 353), 3)
    (0.023, 0.006)
    """
    return _p_of("F", f_value, (df1, df2))


def _p_of(test: str, value: float, df) -> float:
    """Two-tailed p of |t|, or the upper-tail p of F."""
    if test == "t":
        return float(2 * stats.t.sf(value, df))
    return float(stats.f.sf(value, df[0], df[1]))


def _interval_consistent(test, value, df, p, p_decimals, stat_decimals, comparison, p_low, p_high) -> bool:
    if comparison == "<":
        return p_low < p
    if comparison == ">":
        return p_high > p
    if test == "t":
        return t_p_consistent(value, df, p, p_decimals, stat_decimals)
    return f_p_consistent(value, df[0], df[1], p, p_decimals, False, stat_decimals)


def round_like_r(x: float, digits: int) -> float:
    """R 4's ``round(x, digits)``: the nearer of the two decimal candidates, the even one on a measured tie.

    Python's ``round`` rounds the exact binary value, R compares the two distances in double
    arithmetic (``round(0.45, 1)`` is 0.4 in R, 0.5 in Python). statcheck rounds its p bounds
    so; ``tests/reference/statcheck/RULES.md`` records the check against R.

    >>> round_like_r(0.45, 1), round(0.45, 1), round_like_r(0.05, 1), round_like_r(0.0234, 3)
    (0.4, 0.5, 0.0, 0.023)
    """
    scale = 10.0**digits
    floor = math.floor(x * scale)
    low, high = floor / scale, math.ceil(x * scale) / scale
    to_high, to_low = high - x, x - low
    if to_high != to_low:
        return high if to_high < to_low else low
    return high if floor % 2 == 1 else low


def _statcheck_consistent(p, p_decimals, comparison, stat_comparison, p_low, p_high, p_zero_error) -> bool:
    if p_zero_error and p <= 0:
        return False
    rounded_low, rounded_high = round_like_r(p_low, p_decimals), round_like_r(p_high, p_decimals)
    error = {
        ("=", "="): p > rounded_high or p < rounded_low,
        ("=", "<"): p < p_low,
        ("=", ">"): p > p_high,
        ("<", "="): p < rounded_high,
        ("<", "<"): p < p_high,
        ("<", ">"): False,
        (">", "="): p > rounded_low,
        (">", "<"): False,
        (">", ">"): p > p_low,
    }[(stat_comparison, comparison)]
    return not error


def _statcheck_decision_error(p, exact, alpha, comparison, stat_comparison, equal_is_significant) -> bool:
    a, c = alpha, exact
    if equal_is_significant:
        cells = {
            ("=", "="): (p <= a and c > a) or (p > a and c <= a),
            ("=", ">"): p >= a and c <= a,
            ("<", "="): p <= a and c >= a,
            (">", "="): p > a and c <= a,
        }
    else:
        cells = {
            ("=", "="): (p < a and c >= a) or (p >= a and c < a),
            ("=", ">"): p >= a and c < a,
            ("<", "="): p < a and c >= a,
            (">", "="): p >= a and c <= a,
        }
    cells |= {
        ("=", "<"): p <= a and c > a,
        ("<", "<"): p <= a and c >= a,
        ("<", ">"): False,
        (">", "<"): False,
        (">", ">"): p >= a and c <= a,
    }
    return cells[(stat_comparison, comparison)]


def f_p_consistent(F: float, df1: int, df2: int, p: float, p_decimals: int, below: bool = False,
                   f_decimals: int = 2) -> bool:
    """Whether some F printing as ``F`` has a p printing as ``p`` (``below``: read at the paper's p floor).

    >>> f_p_consistent(5.22, 1, 353, 0.023, 3), f_p_consistent(5.22, 2, 353, 0.023, 3)
    (True, False)
    >>> f_p_consistent(38.83, 1, 381, 0.0001, 4, below=True)
    True
    """
    f_low, f_high = Printed(F, f_decimals).interval()
    p_hi, p_lo = (stats.f.sf(f_low, df1, df2), stats.f.sf(f_high, df1, df2))
    if below:
        return printed_p(p, p_decimals).contains(p_lo)
    low, high = Printed(p, p_decimals).interval()
    return bool(p_lo < high and p_hi >= low)


def t_p_consistent(t: float, df: int, p: float, p_decimals: int, t_decimals: int = 2) -> bool:
    """Whether some t printing as ``t`` has a two-tailed p printing as ``p``.

    >>> t_p_consistent(-2.01, 412, 0.05, 2)
    True
    """
    ends = Printed(abs(t), t_decimals).interval()
    p_hi, p_lo = (2 * stats.t.sf(a, df) for a in ends)
    low, high = Printed(p, p_decimals).interval()
    return bool(p_lo < high and p_hi >= low)


def critical_r(n: int, alpha: float) -> float:
    """|r| at which the two-tailed p of Pearson's r with ``n`` pairs equals ``alpha``.

    >>> round(critical_r(100, 0.05), 4)
    0.1966
    """
    t = stats.t.isf(alpha / 2, n - 2)
    return float(t / math.sqrt(n - 2 + t * t))


def r_p_range(r: float, n: int, decimals: int = 3) -> tuple[float, float]:
    """Smallest and largest two-tailed p of an r printed as ``r`` with ``n`` pairs.

    >>> [round(p, 4) for p in r_p_range(0.151, 350)]
    [0.0045, 0.0048]
    """
    p_min, p_max = _r_p_ranges(r, np.array([n]), decimals)
    return float(p_min[0]), float(p_max[0])


def _r_p_ranges(r: float, n: np.ndarray, decimals: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`r_p_range` for many ``n`` at once (one vectorised t survival call)."""
    low, high = Printed(abs(r), decimals).interval()
    ends = np.array([max(low, 0.0), min(high, 1 - 1e-12)])
    df = n.astype(float)[:, None] - 2
    ps = 2 * stats.t.sf(ends * np.sqrt(df / (1 - ends * ends)), df)
    return ps.min(axis=1), ps.max(axis=1)


def _star_interval(mark: str) -> tuple[float, float]:
    """The p interval [low, high) a significance mark stands for."""
    bounds = sorted(STAR_LEVELS.values())
    high = STAR_LEVELS.get(mark, 1.0)
    lower = [b for b in bounds if b < high]
    return (lower[-1] if lower else 0.0), high


def star_attainable(r: float, stars: str, n_range: Iterable[int], decimals: int = 3) -> list[int]:
    """Sample sizes in ``n_range`` at which some r printing as ``r`` gets ``stars``.

    Parameters
    ----------
    r : float
        The printed correlation.
    stars : {"", "*", "**"}
        Printed stars (two-tailed p < .05, p < .01).
    n_range : iterable of int
        Candidate numbers of pairs.
    decimals : int
        Decimals r was printed with.

    Returns
    -------
    list of int
        The sizes at which value and stars can both hold (empty: impossible).

    Examples
    --------
    >>> star_attainable(0.151, "*", range(350, 422))
    []
    >>> star_attainable(0.151, "*", [250, 300])
    [250]
    """
    p_lo, p_hi = _star_interval(stars)
    n = np.fromiter(n_range, dtype=np.int64)
    if n.size == 0:
        return []
    p_min, p_max = _r_p_ranges(r, n, decimals)
    meets = (p_min < p_hi) & (p_max >= p_lo)  # [p_min, p_max] meets the stars' p interval
    return [int(v) for v in n[meets]]


def stars_check(r: float, stars: str, n_low: int, n_high: int, decimals: int = 3) -> dict:
    """Whether a correlation printed as ``r`` can carry ``stars`` at some N in [n_low, n_high].

    Stars: ``**`` p < .01, ``*`` p < .05, ``""`` otherwise (two-tailed).
    Returns ``possible``, ``n_range`` (the Ns in range where it can, or
    ``None``), ``n_elsewhere`` (the Ns below ``n_low`` where it could, if any),
    ``attainable`` (the marks attainable in range) and ``p_range`` (p over the
    rounding of r and the N range).

    >>> r = stars_check(0.151, "*", 350, 421)
    >>> r["possible"], r["attainable"], r["n_elsewhere"][1]
    (False, ['**'], 292)
    >>> stars_check(0.108, "*", 387, 421)["possible"]
    True
    """
    n_low, n_high = int(n_low), int(n_high)
    in_range = star_attainable(r, stars, range(n_low, n_high + 1), decimals)
    elsewhere = [] if in_range else star_attainable(r, stars, range(4, n_low), decimals)
    attainable = [s for s in ("**", "*", "") if star_attainable(r, s, range(n_low, n_high + 1), decimals)]
    p_lo = r_p_range(r, n_high, decimals)[0]
    p_hi = r_p_range(r, n_low, decimals)[1]
    return {"possible": bool(in_range), "n_range": (min(in_range), max(in_range)) if in_range else None,
            "n_elsewhere": (min(elsewhere), max(elsewhere)) if elsewhere else None,
            "attainable": attainable, "p_range": (p_lo, p_hi)}


def construct_direction(r: float, construct_high_at: int, scale: tuple[int, int] = SCALE) -> str:
    """What a correlation with a scored item says about the construct the item names.

    ``construct_high_at`` is the end of the scale that means *more* of the
    construct. The interference item is scored 1 = interferes a lot, 5 = does
    not interfere, so more interference sits at 1, and a negative r with years
    means *more* interference with more years.

    >>> construct_direction(-0.175, construct_high_at=1)
    'more'
    >>> construct_direction(0.148, construct_high_at=5)
    'more'
    >>> construct_direction(0.2, construct_high_at=1)
    'less'
    """
    if construct_high_at not in scale:
        raise ValueError(f"construct_high_at must be one end of the scale {scale}")
    if r == 0:
        return "no change"
    rises = (r > 0) == (construct_high_at == scale[1])
    return "more" if rises else "less"


def scheffe_p(contrast_f: float, k: int, df_error: float) -> float:
    """Scheffé p of a contrast among ``k`` means: F_contrast / (k - 1) referred to F(k - 1, df_error).

    Because no contrast's F exceeds (k - 1) times the omnibus F, a Scheffé p is
    never smaller than the omnibus p.

    >>> round(scheffe_p(12.0, 3, 344), 4)
    0.0027
    """
    return float(stats.f.sf(contrast_f / (k - 1), k - 1, df_error))


def scheffe_consistent(p: float, p_decimals: int, omnibus_p_low: float) -> bool:
    """Whether a printed Scheffé p can be at least the omnibus p (whose smallest possible value is given).

    ``omnibus_p_low``: ``alpha`` for an omnibus reported as not significant,
    0 for one printed as p < .001, the printed p minus half a unit otherwise.

    >>> scheffe_consistent(0.002, 3, omnibus_p_low=0.05), scheffe_consistent(0.002, 3, omnibus_p_low=0.0)
    (False, True)
    """
    return Printed(p, p_decimals).interval()[1] > omnibus_p_low
