"""What printed summary statistics allow: exact checks for bounded integer data.

Small, pure functions that work on any paper's numbers. Given a printed mean
(and SD) of an integer scale with known N, they list or bound what raw data
could have produced it; given two such groups, the exact range of the pooled t;
given a printed r and its stars, the sample sizes at which both can hold.
:func:`unreachable_targets` applies them to the published numbers of this study
and returns every printed number that no data set can reproduce, with the proof.

Used in: ``mutsup verify``, the reporting audit, the synthetic-data solver.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from scipy import stats

from .published import Published, id_part, matches_printed


def _sums_for_mean(mean: float, n: int, decimals: int, lo: int = -10**9, hi: int = 10**9) -> list[int]:
    """Integer totals s (n*lo <= s <= n*hi) whose s/n prints as ``mean``."""
    half = 0.5 * 10.0 ** (-decimals)
    first = max(math.floor((mean - half) * n) - 1, n * lo)
    last = min(math.ceil((mean + half) * n) + 1, n * hi)
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
    half = 0.5 * 10.0 ** (-sd_decimals)
    for total in _sums_for_mean(mean, n, mean_decimals, lo, hi):
        smallest, largest = sumsq_range(n, total, lo, hi)
        # The SD grows with the sum of squares: test only the window the printed SD allows
        # (solved for the sum of squares, two steps of margin each side for rounding).
        centre = total * total / n
        first = max(smallest, math.floor((n - 1) * max(sd - half, 0.0) ** 2 + centre) - 4)
        last = min(largest, math.ceil((n - 1) * (sd + half) ** 2 + centre) + 4)
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
    half = 0.5 * 10.0 ** (-decimals)
    ends = np.array([max(abs(r) - half, 0.0), min(abs(r) + half, 1 - 1e-12)])
    df = n.astype(float)[:, None] - 2
    ps = 2 * stats.t.sf(ends * np.sqrt(df / (1 - ends * ends)), df)
    return ps.min(axis=1), ps.max(axis=1)


def stars_of(p: float) -> str:
    """The paper's convention: ``**`` p < .01, ``*`` p < .05, else nothing."""
    return "**" if p < 0.01 else ("*" if p < 0.05 else "")


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
    p_lo, p_hi = {"**": (0.0, 0.01), "*": (0.01, 0.05), "": (0.05, 1.0)}[stars]
    n = np.fromiter(n_range, dtype=np.int64)
    if n.size == 0:
        return []
    p_min, p_max = _r_p_ranges(r, n, decimals)
    meets = (p_min < p_hi) & (p_max >= p_lo)  # [p_min, p_max] meets the stars' p interval
    return [int(v) for v in n[meets]]


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


def f_p_consistent(F: float, df1: int, df2: int, p: float, p_decimals: int, below: bool = False,
                   f_decimals: int = 2) -> bool:
    """Whether some F printing as ``F`` has a p printing as ``p`` (``below``: p < .001 style).

    >>> f_p_consistent(5.22, 1, 353, 0.023, 3), f_p_consistent(5.22, 2, 353, 0.023, 3)
    (True, False)
    """
    half = 0.5 * 10.0 ** (-f_decimals)
    p_hi, p_lo = (stats.f.sf(F - half, df1, df2), stats.f.sf(F + half, df1, df2))
    if below:
        return bool(p_lo < 0.001)
    p_half = 0.5 * 10.0 ** (-p_decimals)
    return bool(p_lo < p + p_half and p_hi >= p - p_half)


def t_p_consistent(t: float, df: int, p: float, p_decimals: int, t_decimals: int = 2) -> bool:
    """Whether some t printing as ``t`` has a two-tailed p printing as ``p``.

    >>> t_p_consistent(-2.01, 412, 0.05, 2)
    True
    """
    half = 0.5 * 10.0 ** (-t_decimals)
    ends = (abs(t) - half, abs(t) + half)
    p_hi, p_lo = (2 * stats.t.sf(a, df) for a in ends)
    p_half = 0.5 * 10.0 ** (-p_decimals)
    return bool(p_lo < p + p_half and p_hi >= p - p_half)


# ----------------------------------------------------------------------------- this study
def unreachable_targets(
    published: Published, scale: tuple[int, int] = (1, 5), sections: Iterable[str] | None = None
) -> list[dict]:
    """Printed numbers of ``published`` that no data set can reproduce, with the proof.

    Each entry: ``target`` (id as in ``published.targets()``), ``printed``,
    ``reason``, ``proof`` (the computed numbers in words) and ``best`` (the
    closest attainable value, or the reading used instead). ``sections`` limits
    the search to those scorecard sections (default: all).

    >>> from mutsup_helpers.published import load_published
    >>> ids = [u["target"] for u in unreachable_targets(load_published())]
    >>> "value_means/ms/sd" in ids, "table1/age_range/51-65/pct" in ids
    (True, True)
    """
    checks = {
        "table1": lambda: _table1_problems(published),
        "anova": lambda: _anova_problems(published),
        "value_means": lambda: _value_sd_problems(published, scale),
        "table2": lambda: _table2_flag_problems(published, scale),
        "table3": lambda: _star_problems(published),
    }
    wanted = checks if sections is None else [s for s in checks if s in set(sections)]
    return [entry for section in wanted for entry in checks[section]()]


def _entry(target, printed, reason, proof, best) -> dict:
    return {"target": target, "printed": printed, "reason": reason, "proof": proof, "best": best}


def _table1_problems(pub: Published) -> list[dict]:
    total = int(pub.study["surveys_returned"])
    out = []
    for variable, rows in pub.table1.groupby("variable", sort=False):
        gap = count_sum_gap(rows["n"], total)
        absorbing = rows[rows["level"].str.startswith("missing")].iloc[0]
        for r in rows.itertuples():
            n = r.n + gap if (gap and r.level == absorbing.level) else r.n
            base = f"table1/{variable}/{id_part(r.level)}"
            if n != r.n:
                out.append(_entry(f"{base}/n", r.n, "the counts of the variable do not sum to N",
                                  f"rows sum to {total - gap}, N = {total}; the '{r.level}' row absorbs "
                                  f"{gap:+d}", n))
            if not percent_matches(n, total, r.pct):
                out.append(_entry(f"{base}/pct", r.pct, "percentage disagrees with its count",
                                  f"{n}/{total} = {100 * n / total:.2f}%", round(100 * n / total, 1)))
    return out


def _anova_problems(pub: Published) -> list[dict]:
    out = []
    for r in pub.anova.itertuples():
        design_df1 = 1
        for part in r.effect.split(":"):
            design_df1 *= 2 if part == "setting3" else 1
        if r.df1 != design_df1:
            ok = f_p_consistent(r.F, design_df1, r.df2, r.p, r.p_decimals, r.p <= 0.0001)
            out.append(_entry(f"anova/{r.item}/{r.effect}/df1", r.df1,
                              "df1 impossible in a 2 x 3 x 2 design",
                              f"{r.effect} has df1 = {design_df1}; F = {r.F} on ({design_df1}, {r.df2}) "
                              f"gives p = {stats.f.sf(r.F, design_df1, r.df2):.4f} "
                              f"({'matches' if ok else 'does not match'} the printed p = {r.p}); "
                              f"on ({r.df1}, {r.df2}) p = {stats.f.sf(r.F, r.df1, r.df2):.4f}",
                              design_df1))
    return out


def _value_sd_problems(pub: Published, scale) -> list[dict]:
    out = []
    anova = pub.anova[pub.anova["item"] == "value"]
    n = int(anova["df2"].iloc[0]) + 6
    dec = pub.value_means.attrs["decimals"]
    for r in pub.value_means.itertuples():
        low, high = sd_bounds(r.mean, n, scale[0], scale[1], dec["mean"])
        if r.sd - 0.5 * 10.0 ** (-dec["sd"]) > high:
            out.append(_entry(f"value_means/{r.group_type}/sd", r.sd, "SD above the largest possible",
                              f"n = {n} answers in {scale[0]}-{scale[1]} with mean {r.mean:.2f} have "
                              f"SD at most {high:.3f} (all answers at the scale ends)", round(high, 2)))
    return out


def _table2_flag_problems(pub: Published, scale) -> list[dict]:
    out = []
    dec = pub.table2.attrs["decimals"]
    for (split, item), g in pub.table2.groupby(["split", "item"], sort=False):
        no, yes = (g[g["level"] == lv].iloc[0] for lv in ("No", "Yes"))
        t_min, t_max = t_range_from_summaries((no.n, no["mean"], no.sd), (yes.n, yes["mean"], yes.sd),
                                              scale[0], scale[1], dec["mean"], dec["sd"])
        df = int(no.n + yes.n - 2)
        crit = stats.t.isf(0.025, df)
        p_best = 2 * stats.t.sf(abs(t_min), df)
        if yes.flagged and t_min > -crit:
            out.append(_entry(f"table2/{split}/{item}/flag", True,
                              "flag (Yes higher, p < .05) impossible with the printed means and SDs",
                              f"over all integer data with these Ns, means and SDs, the pooled t "
                              f"(No - Yes) lies in [{t_min:.3f}, {t_max:.3f}]; p < .05 needs t < {-crit:.3f}",
                              f"t = {t_min:.3f}, p = {p_best:.3f}"))
        if not yes.flagged and t_max < -crit:
            out.append(_entry(f"table2/{split}/{item}/flag", False, "unflagged difference must be significant",
                              f"t in [{t_min:.3f}, {t_max:.3f}], p < .05 throughout", f"t = {t_max:.3f}"))
    return out


def pairwise_n_bounds(pub: Published, item: str, group_type: str) -> tuple[int, int]:
    """Bounds on the number of answers to one question implied by the printed Ns."""
    total = int(pub.study["surveys_returned"])
    low = 0
    if group_type == "ms":
        t2 = pub.table2[pub.table2["item"] == item]
        low = int(t2.groupby("split")["n"].sum().max())
    anova = pub.anova[pub.anova["item"] == item]
    if len(anova):
        low = max(low, int(anova["df2"].iloc[0]) + 6)
    return max(low, 3), total


def _star_problems(pub: Published) -> list[dict]:
    out = []
    for r in pub.table3.itertuples():
        for years in ("years_in_setting", "years_in_discipline"):
            value, stars = getattr(r, f"r_{years}"), getattr(r, f"stars_{years}")
            low, high = pairwise_n_bounds(pub, r.item, r.group_type)
            if star_attainable(value, stars, range(low, high + 1)):
                continue
            p_min, p_max = r_p_range(value, low)
            out.append(_entry(f"table3/{r.item}/{r.group_type}/{years}/stars", stars,
                              "stars impossible for this r at any feasible N",
                              f"N is between {low} and {high} (printed Ns); at N = {low} an r printed as "
                              f"{value:.3f} has p in [{p_min:.4f}, {p_max:.4f}], "
                              f"'{stars_of(p_max)}' and larger N only lowers p",
                              stars_of(p_max)))
    return out
