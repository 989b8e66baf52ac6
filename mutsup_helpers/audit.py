"""The paper checked against itself: a reporting audit from the printed numbers alone.

No data are needed. A paper's printed numbers constrain one another: a test
statistic and its degrees of freedom fix the p value, a design fixes the
degrees of freedom, a count and N fix a percentage, the mean of integer answers
with a known N can take only certain values, a correlation and N fix its
significance stars, and the text's claims must agree with the tables. This
module checks every such constraint in nine families:

``statcheck``
    test statistic, df and printed p agree within rounding (Nuijten et al., 2016);
``df``
    numerator df follow from the design, denominator df from the complete cases;
``grim``
    a mean of integer answers is possible with its N (Brown & Heathers, 2017);
``sd_bounds``
    an SD lies between the smallest and largest possible for a bounded integer
    item with that mean and N, and the mean and SD are possible together;
``table_arithmetic``
    counts sum to N, percentages follow from counts, group sizes in the text
    follow from the tables, t-test df follow from the group sizes;
``significance_marks``
    stars and superscript flags are attainable with the printed r, N, means and
    SDs; printed t statistics agree with the printed summaries;
``text_claims``
    the text's claims (``data/published_claims.yaml``) against the tables;
``scale_direction``
    the text's reading of a correlation against the direction of the scale;
``posthoc_omnibus``
    a Scheffé contrast is never more significant than its omnibus F.

Every check produces one row, passed or not (:func:`audit_table`): ``check``
(the family), ``location`` (a stable id such as ``table1/age_range/51-65`` or
``anova/helpfulness/group_type:training``), ``printed``, ``evidence`` (the
computation, in words, with its numbers) and ``outcome``. A check that fails
is a *finding* (:func:`run_audit`) with one of three severities:

``error``
    the printed numbers contradict a conclusion a reader would draw: a
    significance decision that flips (statcheck's "gross inconsistency"), a
    significance mark that is wrong about p < .05, a group larger than the
    people who could be in it, or an interpretation that runs against the
    scale's direction;
``inconsistency``
    printed numbers that cannot all be right (beyond rounding), while the
    conclusions drawn from them stand;
``note``
    consistent only under a reading the paper does not state, or a reporting
    practice worth knowing about; nothing is shown to be wrong.

A number consistent within its printed rounding always passes: the checks use
exact ranges over every value that prints as the printed number, never a point
estimate. Each family is a public function of a
:class:`~mutsup_helpers.published.Published` (any paper's numbers in the same
YAML form); the plain-number checks they apply are public too, and reuse
:mod:`mutsup_helpers.feasibility`.

Used in: notebook 10 (reporting audit), ``mutsup audit``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd
import yaml
from scipy import stats

from .feasibility import (
    count_sum_gap,
    f_p_consistent,
    grim,
    integer_states,
    pairwise_n_bounds,
    percent_matches,
    r_p_range,
    sd_bounds,
    star_attainable,
    t_p_consistent,
    t_range_from_summaries,
)
from .paths import data_file
from .published import GROUP_TYPES, ITEMS, Published, id_part, load_published

FAMILIES = (
    "statcheck",
    "df",
    "grim",
    "sd_bounds",
    "table_arithmetic",
    "significance_marks",
    "text_claims",
    "scale_direction",
    "posthoc_omnibus",
)
SEVERITIES = ("error", "inconsistency", "note")
OUTCOMES = ("pass", *SEVERITIES)
AUDIT_COLUMNS = ["check", "location", "printed", "evidence", "severity"]
CHECK_COLUMNS = ["check", "location", "printed", "evidence", "outcome"]
ALPHA = 0.05
SCALE = (1, 5)
#: How this paper prints its smallest p values: "p = .0001" stands for p < .001.
P_FLOOR = (0.0001, 0.001)


# =============================================================================== plain-number checks
def _half(decimals: int) -> float:
    return 0.5 * 10.0 ** (-decimals)


def fmt_p(p: float, decimals: int | None = None) -> str:
    """A p value the APA way, without the leading zero (``0.023`` -> ``.023``).

    >>> fmt_p(0.023), fmt_p(0.05, 2), fmt_p(0.0045123)
    ('.023', '.05', '.0045')
    """
    text = f"{p:.{decimals}f}" if decimals is not None else f"{p:.2g}" if p < 0.01 else f"{p:.3f}".rstrip("0")
    return text.replace("0.", ".", 1) if text.startswith("0.") else text


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
    half = _half(decimals)
    small, large = max(abs(value) - half, 0.0), abs(value) + half
    if test == "t":
        return float(2 * stats.t.sf(large, df)), float(2 * stats.t.sf(small, df))
    if test == "F":
        df1, df2 = df
        return float(stats.f.sf(large, df1, df2)), float(stats.f.sf(small, df1, df2))
    raise ValueError(f"test must be 't' or 'F', not {test!r}")


def statcheck(test: str, value: float, df, p: float, p_decimals: int, stat_decimals: int = 2,
              comparison: str = "=", alpha: float = ALPHA) -> dict:
    """Whether a printed statistic, df and p agree, with statcheck's rounding rule.

    The statistic stands for every value that rounds to it; the check passes
    when the p values of that interval meet the interval the printed p stands
    for (``comparison="="``, e.g. .023 stands for [.0225, .0235)), or reach
    below a printed bound (``comparison="<"``, e.g. p < .001). A failing check
    is a *decision error* when the printed and the computed p fall on
    different sides of ``alpha`` (a printed p equal to ``alpha`` counts as
    significant, as in statcheck).

    Returns a dict: ``consistent``, ``decision_error``, ``p_low``, ``p_high``
    (the p values the printed statistic allows) and ``p`` (the p of the printed
    statistic taken as exact).

    >>> r = statcheck("t", -2.01, 412, 0.05, 2)
    >>> r["consistent"], round(r["p"], 3)
    (True, 0.045)
    >>> statcheck("F", 5.22, (1, 353), 0.023, 3)["consistent"]
    True
    >>> r = statcheck("F", 5.22, (2, 353), 0.023, 3)
    >>> r["consistent"], r["decision_error"], round(r["p"], 4)
    (False, False, 0.0058)
    >>> statcheck("F", 38.83, (1, 381), 0.001, 3, comparison="<")["consistent"]
    True
    """
    p_low, p_high = p_range(test, value, df, stat_decimals)
    if comparison == "<":
        consistent = p_low < p
    elif comparison == "=":
        if test == "t":
            consistent = t_p_consistent(value, df, p, p_decimals, stat_decimals)
        else:
            consistent = f_p_consistent(value, df[0], df[1], p, p_decimals, False, stat_decimals)
    else:
        raise ValueError(f"comparison must be '=' or '<', not {comparison!r}")
    reported_sig = p <= alpha
    decision_error = (not consistent) and ((reported_sig and p_low >= alpha) or (not reported_sig and p_high < alpha))
    exact = p_range(test, value, df, 12)[0]
    return {"consistent": bool(consistent), "decision_error": bool(decision_error),
            "p_low": p_low, "p_high": p_high, "p": exact}


def effect_df1(effect: str, levels: dict[str, int]) -> int:
    """Numerator df of an ANOVA effect: the product of (levels - 1) over its factors.

    >>> levels = {"training": 2, "setting3": 3, "group_type": 2}
    >>> effect_df1("group_type:training", levels), effect_df1("group_type:setting3", levels)
    (1, 2)
    """
    return math.prod(levels[factor] - 1 for factor in effect.split(":"))


def percent_counts(pct: float, total: int, decimals: int = 1) -> list[int]:
    """Every count out of ``total`` whose percentage prints as ``pct`` (GRIM for percentages).

    >>> percent_counts(10.0, 421), percent_counts(34.2, 421), percent_counts(42.6, 421)
    ([42], [144], [])
    """
    centre = pct * total / 100.0
    spread = _half(decimals) * total / 100.0
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
    that mean can have (:func:`~mutsup_helpers.feasibility.sd_bounds`);
    ``within_bounds`` says whether the printed SD's rounding interval meets
    [sd_min, sd_max]; ``exact`` whether some set of answers prints as both the
    mean and the SD (:func:`~mutsup_helpers.feasibility.integer_states`); ``n_max``
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
    half = _half(sd_decimals)
    fits = [n for n in ns if sd - half <= bounds[n][1] + 1e-12 and sd + half > bounds[n][0]]
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
    (:func:`~mutsup_helpers.feasibility.t_range_from_summaries`). A flag is
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
    return p + _half(p_decimals) > omnibus_p_low


def pooled_mean_range(ns: Sequence[int], means: Sequence[float], decimals: int) -> tuple[float, float]:
    """Range of the mean of several groups pooled, from their printed means and Ns.

    >>> [round(v, 3) for v in pooled_mean_range([356, 58], [3.34, 3.64], 2)]
    [3.377, 3.387]
    """
    total = sum(ns)
    half = _half(decimals)
    centre = sum(n * m for n, m in zip(ns, means, strict=True)) / total
    return centre - half, centre + half


# =============================================================================== records
def _rec(check: str, location: str, printed, evidence: str, outcome: str) -> dict:
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}")
    if hasattr(printed, "item") and not isinstance(printed, (list, dict)):
        printed = printed.item()
    return {"check": check, "location": location, "printed": printed, "evidence": evidence, "outcome": outcome}


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=CHECK_COLUMNS)
    frame["printed"] = pd.Series([r["printed"] for r in records], index=frame.index, dtype=object)
    return frame


def _f(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def design_of(pub: Published) -> tuple[dict[str, int], int]:
    """Levels per factor of the mixed design and the number of between-subject cells.

    Between factors and their levels come from ``derived_factors``; the
    within factor is group type.

    >>> design_of(load_published())
    ({'training': 2, 'setting3': 3, 'group_type': 2}, 6)
    """
    counts = pub.derived_factors.groupby("factor", sort=False).size()
    levels = {factor: int(n) for factor, n in counts.items()}
    cells = math.prod(levels.values())
    levels["group_type"] = len(GROUP_TYPES)
    return levels, cells


def _statcheck_record(loc: str, test: str, value, df, p, p_decimals, stat_decimals, floor) -> dict:
    below = floor is not None and math.isclose(p, floor[0])
    p_shown, comparison = (floor[1], "<") if below else (p, "=")
    res = statcheck(test, value, df, p_shown, p_decimals, stat_decimals, comparison)
    df_text = f"{df[0]}, {df[1]}" if test == "F" else f"{df}"
    p_text = fmt_p(p_shown, None if below else p_decimals)
    printed = f"{test}({df_text}) = {_f(value, stat_decimals)}, p {comparison} {p_text}"
    half = _half(stat_decimals)
    lo_v, hi_v = value - half, value + half
    allowed = f"p {comparison} {fmt_p(p_shown)}" if below else (
        f"p in [{p - _half(p_decimals):.{p_decimals + 1}f}, {p + _half(p_decimals):.{p_decimals + 1}f})")
    evidence = (f"{test} in [{lo_v:.{stat_decimals + 1}f}, {hi_v:.{stat_decimals + 1}f}) on df {df_text} gives "
                f"p in [{res['p_low']:.4g}, {res['p_high']:.4g}]; the printed p stands for {allowed}")
    if below:
        evidence += f" (the paper prints p < {fmt_p(floor[1])} as p = {fmt_p(floor[0])})"
    if res["consistent"]:
        return _rec("statcheck", loc, printed, evidence + ": consistent", "pass")
    if res["decision_error"]:
        return _rec("statcheck", loc, printed, evidence + f": inconsistent, and on the other side of "
                    f"{fmt_p(ALPHA)} (a decision error)", "error")
    return _rec("statcheck", loc, printed, evidence + f": inconsistent; both sides of {fmt_p(ALPHA)} agree, "
                "so the significance decision stands", "inconsistency")


# =============================================================================== families
def audit_statcheck(pub: Published, p_floor: tuple[float, float] | None = P_FLOOR) -> pd.DataFrame:
    """Every printed F and t against its df and printed p (statcheck's rules).

    ``p_floor`` (printed value, meaning) says how the paper prints its
    smallest p: here "p = .0001" stands for p < .001.

    >>> res = audit_statcheck(load_published())
    >>> res.loc[res.outcome != "pass", "location"].tolist()
    ['anova/helpfulness/group_type:training']
    """
    records = []
    f_dec = pub.anova.attrs["decimals"]["F"]
    for r in pub.anova.itertuples():
        records.append(_statcheck_record(f"anova/{r.item}/{r.effect}", "F", r.F, (r.df1, r.df2), r.p,
                                         r.p_decimals, f_dec, p_floor))
    dec = pub.ttests.attrs["decimals"]
    for r in pub.ttests.itertuples():
        records.append(_statcheck_record(f"ttest/{r.split}/{r.item}", "t", r.t, int(r.df), r.p, dec["p"],
                                         dec["t"], p_floor))
    return _frame(records)


def audit_df(pub: Published, p_floor: tuple[float, float] | None = P_FLOOR) -> pd.DataFrame:
    """Numerator df against the design; denominator df against each other and the possible N.

    In a mixed design with between factors of a, b levels and a within factor
    of w levels, an effect's df1 is the product of (levels - 1) of its factors;
    both error strata have N - a*b df, so one item's effects share df2, and
    N = df2 + a*b complete cases must not exceed the respondents coded on
    every between factor.

    >>> res = audit_df(load_published())
    >>> res.loc[res.outcome != "pass", ["location", "outcome"]].values.tolist()
    [['anova/helpfulness/group_type:training', 'inconsistency']]
    """
    levels, cells = design_of(pub)
    records = []
    f_dec = pub.anova.attrs["decimals"]["F"]
    for r in pub.anova.itertuples():
        loc = f"anova/{r.item}/{r.effect}"
        want = effect_df1(r.effect, levels)
        factors = r.effect.split(":")
        how = " x ".join(f"({levels[f]} - 1)" for f in factors)
        if r.df1 == want:
            records.append(_rec("df", loc, r.df1, f"df1 of {r.effect} = {how} = {want}", "pass"))
            continue
        below = p_floor is not None and math.isclose(r.p, p_floor[0])
        p_shown, comp = (p_floor[1], "<") if below else (r.p, "=")
        at_design = statcheck("F", r.F, (want, r.df2), p_shown, r.p_decimals, f_dec, comp)
        at_printed = p_range("F", r.F, (r.df1, r.df2), 12)[0]
        evidence = (f"df1 of {r.effect} in this design = {how} = {want}, not {r.df1}; F = {_f(r.F, f_dec)} on "
                    f"({want}, {r.df2}) gives p = {at_design['p']:.4f}, "
                    f"{'which matches' if at_design['consistent'] else 'which does not match'} the printed "
                    f"p {comp} {fmt_p(p_shown)} (on ({r.df1}, {r.df2}): p = {at_printed:.4f})")
        if at_design["consistent"]:
            evidence += ": the test was run with the design's df1 and the printed df1 is a misprint"
            records.append(_rec("df", loc, r.df1, evidence, "inconsistency"))
        else:
            records.append(_rec("df", loc, r.df1, evidence + ": the printed test does not fit the design", "error"))
    coded = pub.derived_factors.groupby("factor", sort=False)["n"].sum()
    total = int(pub.study["surveys_returned"])
    limit = min([total, *[int(v) for v in coded]])
    limit_text = ", ".join(f"{f} {int(v)}" for f, v in coded.items())
    for item, g in pub.anova.groupby("item", sort=False):
        loc = f"anova/{item}"
        df2s = sorted(set(int(v) for v in g["df2"]))
        if len(df2s) > 1:
            records.append(_rec("df", loc, ", ".join(map(str, df2s)),
                                f"the {len(g)} reported effects of {item} print different df2 {df2s}; in a mixed "
                                f"design both error strata have N - {cells} df", "inconsistency"))
            continue
        n = df2s[0] + cells
        which = "the one reported effect has" if len(g) == 1 else f"all {len(g)} reported effects have"
        evidence = (f"{which} df2 = {df2s[0]}: N = {df2s[0]} + {cells} cells = {n} "
                    f"complete cases; at most {limit} respondents are coded on every between factor "
                    f"(N = {total}; coded: {limit_text})")
        outcome = "pass" if n <= limit else "error"
        records.append(_rec("df", loc, df2s[0], evidence + ("" if outcome == "pass" else ": too many"), outcome))
    return _frame(records)


def audit_grim(pub: Published) -> pd.DataFrame:
    """GRIM for every printed mean of an integer item: Table 2 and the value means in the text.

    >>> res = audit_grim(load_published())
    >>> len(res), (res.outcome == "pass").all()
    (32, np.True_)
    """
    records = []
    dec = pub.table2.attrs["decimals"]["mean"]
    for r in pub.table2.itertuples():
        loc = f"table2/{r.split}/{r.item}/{r.level}"
        records.append(_grim_record(loc, r.mean, [int(r.n)], dec))
    dec = pub.value_means.attrs["decimals"]["mean"]
    for r in pub.value_means.itertuples():
        low, high = pairwise_n_bounds(pub, "value", r.group_type)
        records.append(_grim_record(f"value_means/{r.group_type}", r.mean, range(low, high + 1), dec))
    return _frame(records)


def _grim_record(loc: str, mean: float, ns, decimals: int) -> dict:
    ns = list(ns)
    ok = grim_range(mean, ns, decimals)
    n_text = f"N = {ns[0]}" if len(ns) == 1 else f"N between {ns[0]} and {ns[-1]}"
    if ok:
        n = ok[0]
        s = round(mean * n)
        evidence = f"{n_text}: {s} / {n} = {s / n:.4f}, which prints as {_f(mean, decimals)}"
        if len(ns) > 1:
            evidence += f" ({len(ok)} of the {len(ns)} Ns allow it)"
        return _rec("grim", loc, mean, evidence, "pass")
    n = ns[0]
    s = math.floor(mean * n)
    evidence = (f"{n_text}: no integer total gives a mean printing as {_f(mean, decimals)} "
                f"(e.g. {s} / {n} = {s / n:.4f}, {s + 1} / {n} = {(s + 1) / n:.4f})")
    return _rec("grim", loc, mean, evidence, "inconsistency")


def audit_sd(pub: Published, scale: tuple[int, int] = SCALE) -> pd.DataFrame:
    """Every printed SD of an integer item against the smallest and largest possible SD.

    >>> res = audit_sd(load_published())
    >>> res.loc[res.outcome != "pass", "location"].tolist()
    ['value_means/twelve_step', 'value_means/ms']
    """
    records = []
    dec = pub.table2.attrs["decimals"]
    for r in pub.table2.itertuples():
        loc = f"table2/{r.split}/{r.item}/{r.level}"
        records.append(_sd_record(loc, r.mean, r.sd, [int(r.n)], scale, dec["mean"], dec["sd"]))
    dec = pub.value_means.attrs["decimals"]
    for r in pub.value_means.itertuples():
        low, high = pairwise_n_bounds(pub, "value", r.group_type)
        records.append(_sd_record(f"value_means/{r.group_type}", r.mean, r.sd, range(low, high + 1), scale,
                                  dec["mean"], dec["sd"]))
    return _frame(records)


def _sd_record(loc, mean, sd, ns, scale, mean_dec, sd_dec) -> dict:
    ns = list(ns)
    res = sd_check(mean, sd, ns, scale, mean_dec, sd_dec)
    n_text = f"N = {ns[0]}" if len(ns) == 1 else f"N between {ns[0]} and {ns[-1]}"
    head = f"{n_text}, answers {scale[0]}-{scale[1]}, mean {_f(mean, mean_dec)}: "
    if not res["within_bounds"]:
        if math.isnan(res["sd_max"]):
            return _rec("sd_bounds", loc, sd, head + "the mean itself is impossible (GRIM)", "inconsistency")
        side = "largest" if sd > res["sd_max"] else "smallest"
        bound = res["sd_max"] if side == "largest" else res["sd_min"]
        evidence = (head + f"the {side} possible SD is {bound:.3f} (at N = {res['n_max']}"
                    f"{', every answer at a scale end as far as the mean allows' if side == 'largest' else ''}); "
                    f"the printed SD {_f(sd, sd_dec)} cannot be a standard deviation of these answers")
        return _rec("sd_bounds", loc, sd, evidence, "inconsistency")
    span = f"SD between {res['sd_min']:.3f} and {res['sd_max']:.3f}"
    if not res["exact"]:
        return _rec("sd_bounds", loc, sd, head + f"{span}, but no set of answers prints as both this mean and "
                    f"SD {_f(sd, sd_dec)}", "inconsistency")
    return _rec("sd_bounds", loc, sd, head + f"{span}; some answers print as both the mean and "
                f"SD {_f(sd, sd_dec)}", "pass")


def audit_arithmetic(pub: Published) -> pd.DataFrame:
    """Counts, percentages, group sizes and t-test df against one another.

    * the study's percentages (response rate, facilities) against their counts;
    * Table 1: each variable's counts sum to N; each percentage follows from
      its count (if not, which counts would give it);
    * the group sizes stated in the text (``derived_factors``) against the
      Table 1 counts of the levels they name;
    * Table 2 Ns never exceed the Table 1 count of their level;
    * each printed t-test's df = n_no + n_yes - 2 of Table 2.

    >>> res = audit_arithmetic(load_published())
    >>> "table1/age_range/51-65" in set(res.loc[res.outcome != "pass", "location"])
    True
    """
    records = _study_records(pub) + _table1_records(pub) + _derived_records(pub) + _table2_n_records(pub)
    records += _ttest_df_records(pub)
    return _frame(records)


def _study_records(pub: Published) -> list[dict]:
    study, out = pub.study, []
    pairs = [("response_rate_pct", "surveys_returned", "surveys_mailed"),
             ("facilities_responding_pct", "facilities_responding", "facilities_invited")]
    for key, num, den in pairs:
        if not all(k in study for k in (key, num, den)):
            continue
        pct, n, total = study[key], int(study[num]), int(study[den])
        dec = max(0, len(str(pct).split(".")[1]) if isinstance(pct, float) else 0)
        ok = percent_matches(n, total, float(pct), dec)
        evidence = f"{num} / {den} = {n} / {total} = {100 * n / total:.2f}%, printed {pct}%"
        out.append(_rec("table_arithmetic", f"study/{key}", pct, evidence, "pass" if ok else "inconsistency"))
    if "facilities_breakdown" in study and "facilities_invited" in study:
        parts = study["facilities_breakdown"]
        gap = count_sum_gap(parts.values(), int(study["facilities_invited"]))
        evidence = f"{' + '.join(str(v) for v in parts.values())} = {sum(parts.values())} facilities of " \
                   f"{study['facilities_invited']} invited"
        out.append(_rec("table_arithmetic", "study/facilities_breakdown", sum(parts.values()), evidence,
                        "pass" if gap == 0 else "inconsistency"))
    return out


def _table1_records(pub: Published) -> list[dict]:
    total = int(pub.study["surveys_returned"])
    dec = pub.table1.attrs["decimals"]["pct"]
    out = []
    for variable, rows in pub.table1.groupby("variable", sort=False):
        gap = count_sum_gap(rows["n"], total)
        summed = int(rows["n"].sum())
        evidence = f"{' + '.join(str(v) for v in rows['n'])} = {summed}, N = {total}"
        if gap:
            what = f"{gap} respondent(s) unaccounted for" if gap > 0 else f"{-gap} respondent(s) counted twice"
            evidence += f": {what}; at least one count is misprinted"
        out.append(_rec("table_arithmetic", f"table1/{variable}", [int(v) for v in rows["n"]], evidence,
                        "inconsistency" if gap else "pass"))
        for r in rows.itertuples():
            loc = f"table1/{variable}/{id_part(r.level)}"
            exact = 100 * r.n / total
            if percent_matches(r.n, total, r.pct, dec):
                out.append(_rec("table_arithmetic", loc, r.pct, f"{r.n} / {total} = {exact:.2f}%, prints as "
                                f"{_f(r.pct, dec)}%", "pass"))
                continue
            counts = percent_counts(r.pct, total, dec)
            alt = (f"{_f(r.pct, dec)}% would be a count of {' or '.join(map(str, counts))}" if counts
                   else f"no count out of {total} prints as {_f(r.pct, dec)}%, so the percentage itself is misprinted")
            out.append(_rec("table_arithmetic", loc, r.pct, f"{r.n} / {total} = {exact:.2f}%, which prints as "
                            f"{exact:.{dec}f}%, not {_f(r.pct, dec)}%; {alt}", "inconsistency"))
    return out


def _match_members(members: list[str], levels: list[str]) -> dict[str, str]:
    """Member name -> Table 1 level (exact name first, else a level named inside the member's text)."""
    found = {}
    for member in members:
        if member in levels:
            found[member] = member
            continue
        inside = [lv for lv in levels if lv.lower() in member.lower()]
        if len(inside) == 1:
            found[member] = inside[0]
    return found


def _derived_records(pub: Published) -> list[dict]:
    out = []
    t1 = pub.table1
    for factor, spec in pub.derived_factors.groupby("factor", sort=False):
        variables = {v: list(g["level"]) for v, g in t1.groupby("variable", sort=False)}
        members = [m for ms_ in spec["members"] for m in ms_]
        variable = max(variables, key=lambda v: len(_match_members(members, variables[v])))
        counts = t1[t1["variable"] == variable].set_index("level")["n"]
        named_levels: set[str] = set()
        sums = {}
        for r in spec.itertuples():
            match = _match_members(list(r.members), list(counts.index))
            named_levels |= set(match.values())
            sums[r.level] = (match, int(sum(counts[lv] for lv in match.values())))
        pool_levels = [lv for lv in counts.index if lv not in named_levels]
        pool = int(counts[pool_levels].sum())
        excess_total = sum(max(0, int(r.n) - sums[r.level][1]) for r in spec.itertuples())
        for r in spec.itertuples():
            match, named = sums[r.level]
            loc = f"derived_factors/{factor}/{r.level}"
            parts = " + ".join(f"{lv} {counts[lv]}" for lv in match.values()) or "no Table 1 level named"
            evidence = f"text: {r.level} n = {r.n}; Table 1 ({variable}): {parts} = {named}"
            if int(r.n) == named:
                out.append(_rec("table_arithmetic", loc, int(r.n), evidence + ": equal", "pass"))
            elif int(r.n) < named:
                out.append(_rec("table_arithmetic", loc, int(r.n), evidence + f": {named - r.n} of the named "
                                f"respondents are missing from the group, and the text does not say why",
                                "inconsistency"))
            else:
                pool_text = " + ".join(f"{lv} {counts[lv]}" for lv in pool_levels)
                pool_text += f" = {pool}" if len(pool_levels) > 1 else ""
                evidence += (f": {r.n - named} more than the named levels hold; over the levels of {factor}, "
                             f"{excess_total} respondents must come from levels the text does not name "
                             f"({pool_text})")
                if excess_total <= pool:
                    out.append(_rec("table_arithmetic", loc, int(r.n), evidence + ", which is possible only if "
                                    "some of them were recoded into this group; the text does not say so", "note"))
                else:
                    out.append(_rec("table_arithmetic", loc, int(r.n), evidence + ", more than there are", "error"))
    return out


def _table2_n_records(pub: Published) -> list[dict]:
    t1 = pub.table1.set_index(["variable", "level"])["n"]
    out = []
    for r in pub.table2.itertuples():
        if (r.split, r.level) not in t1.index:
            continue
        count = int(t1[(r.split, r.level)])
        loc = f"table2/{r.split}/{r.item}/{r.level}"
        evidence = f"Table 2 n = {r.n} of the {count} '{r.level}' answers to {r.split} in Table 1"
        if r.n <= count:
            out.append(_rec("table_arithmetic", loc, int(r.n), evidence, "pass"))
        else:
            out.append(_rec("table_arithmetic", loc, int(r.n), evidence + f": {r.n - count} more respondents "
                            "than there are", "error"))
    return out


def _ttest_df_records(pub: Published) -> list[dict]:
    t2 = pub.table2.set_index(["split", "item", "level"])["n"]
    out = []
    for r in pub.ttests.itertuples():
        loc = f"ttest/{r.split}/{r.item}"
        try:
            n_no, n_yes = int(t2[(r.split, r.item, "No")]), int(t2[(r.split, r.item, "Yes")])
        except KeyError:
            continue
        want = n_no + n_yes - 2
        evidence = f"Student's t: df = {n_no} + {n_yes} - 2 = {want} (Table 2 Ns); printed df = {r.df}"
        out.append(_rec("table_arithmetic", loc, int(r.df), evidence, "pass" if want == r.df else "inconsistency"))
    return out


def audit_marks(pub: Published, scale: tuple[int, int] = SCALE) -> pd.DataFrame:
    """Table 3 stars and Table 2 flags against what the printed numbers allow.

    * Table 3: an r printed with k stars must get those stars at some N between
      the smallest N the printed Ns allow for that item
      (:func:`~mutsup_helpers.feasibility.pairwise_n_bounds`) and the sample size;
    * Table 2: a flag ("Yes significantly higher") must be attainable by some
      integer data printing as the row's N, mean and SD, and so must its
      absence (:func:`flag_check`); a flag without a printed t-test, or a
      printed t-test without a flag, is a note;
    * each printed t must lie within the range of t the Table 2 summaries allow.

    >>> res = audit_marks(load_published())
    >>> res.loc[res.outcome != "pass", ["location", "outcome"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['table3/referral/twelve_step/years_in_discipline', 'inconsistency'],
     ['table2/self_hospitalized/helpfulness', 'error'],
     ['table2/self_hospitalized/helpfulness', 'note']]
    """
    return _frame(_star_records(pub) + _flag_records(pub, scale))


def _star_records(pub: Published) -> list[dict]:
    out = []
    years_cols = [c[2:] for c in pub.table3.columns if c.startswith("r_")]
    for r in pub.table3.itertuples():
        low, high = pairwise_n_bounds(pub, r.item, r.group_type)
        for years in years_cols:
            value, stars = getattr(r, f"r_{years}"), getattr(r, f"stars_{years}")
            dec = pub.table3.attrs["decimals"][f"r_{years}"]
            loc = f"table3/{r.item}/{r.group_type}/{years}"
            printed = f"{_f(value, dec)}{stars}"
            res = stars_check(value, stars, low, high, dec)
            mark = f"'{stars}'" if stars else "no star"
            head = (f"N between {low} (printed Ns for this item) and {high}: r printed as {_f(value, dec)} has p "
                    f"between {res['p_range'][0]:.4f} and {res['p_range'][1]:.4f}")
            if res["possible"]:
                lo_n, hi_n = res["n_range"]
                where = "at every N in range" if (lo_n, hi_n) == (low, high) else f"for N between {lo_n} and {hi_n}"
                out.append(_rec("significance_marks", loc, printed, head + f"; {mark} is attainable {where}", "pass"))
                continue
            marks = " or ".join(f"'{s}'" if s else "no star" for s in res["attainable"])
            evidence = head + f", which earns {marks}, not {mark}"
            if res["n_elsewhere"]:
                a, b = res["n_elsewhere"]
                evidence += (f"; {mark} would need N between {a} and {b}, i.e. at least {low - b} of the {low} "
                             f"respondents who answered the item without years data, which Table 1 does not show")
            same_side = any(bool(s) == bool(stars) for s in res["attainable"])
            if same_side:
                evidence += f"; significant at {fmt_p(ALPHA)} either way, only the level is misprinted"
            out.append(_rec("significance_marks", loc, printed, evidence, "inconsistency" if same_side else "error"))
    return out


def _flag_records(pub: Published, scale) -> list[dict]:
    out = []
    dec = pub.table2.attrs["decimals"]
    tdec = pub.ttests.attrs["decimals"]["t"]
    tests = pub.ttests.set_index(["split", "item"])
    for (split, item), g in pub.table2.groupby(["split", "item"], sort=False):
        no, yes = (g[g["level"] == lv].iloc[0] for lv in ("No", "Yes"))
        loc = f"table2/{split}/{item}"
        flagged = bool(yes.flagged)
        try:
            res = flag_check((int(no.n), no["mean"], no.sd), (int(yes.n), yes["mean"], yes.sd), flagged, scale,
                             dec["mean"], dec["sd"])
        except ValueError as exc:  # summaries impossible for integer data: the sd family reports it
            out.append(_rec("significance_marks", loc, "flagged" if flagged else "not flagged",
                            f"not checkable: {exc}", "note"))
            continue
        span = (f"over all integer answers printing as these Ns, means and SDs, Student's t (No - Yes) lies in "
                f"[{res['t_min']:.3f}, {res['t_max']:.3f}] on {res['df']} df; Yes higher at p < {fmt_p(ALPHA)} "
                f"needs t < {-res['t_crit']:.3f}")
        has_test = (split, item) in tests.index
        if res["possible"]:
            out.append(_rec("significance_marks", loc, "flagged" if flagged else "not flagged", span, "pass"))
        else:
            why = (f"so p >= {res['p_min']:.3f}: the flag claims a difference the printed numbers rule out"
                   if flagged else "so every data set gives a significant difference the table does not flag")
            out.append(_rec("significance_marks", loc, "flagged" if flagged else "not flagged", f"{span}; {why}",
                            "error"))
        if flagged and not has_test:
            out.append(_rec("significance_marks", loc, "flagged",
                            "Table 2 flags this difference but the text reports no t-test for it", "note"))
        if has_test:
            t = tests.loc[(split, item)]
            if not flagged:
                out.append(_rec("significance_marks", loc, "not flagged",
                                "the text reports a t-test for this difference but Table 2 does not flag it", "note"))
            half = _half(tdec)
            lo_t, hi_t = float(t.t) - half, float(t.t) + half
            ok = lo_t <= res["t_max"] + 1e-9 and hi_t > res["t_min"] - 1e-9
            evidence = (f"printed t = {_f(t.t, tdec)} stands for [{lo_t:.3f}, {hi_t:.3f}); the Table 2 summaries "
                        f"allow Student's t in [{res['t_min']:.3f}, {res['t_max']:.3f}]")
            out.append(_rec("significance_marks", f"ttest/{split}/{item}", f"t({int(t.df)}) = {_f(t.t, tdec)}",
                            evidence + (": consistent" if ok else ": the printed t cannot come from these summaries"),
                            "pass" if ok else "inconsistency"))
    return out


# ------------------------------------------------------------------------------- claims in the text
class ClaimsError(ValueError):
    """The claims file does not have the expected structure."""


def load_claims(path: str | Path | None = None) -> list[dict]:
    """The text's claims in structured form (``data/published_claims.yaml`` by default).

    >>> claims = load_claims()
    >>> {"id", "location", "claim", "check"} <= set(claims[0])
    True
    """
    path = Path(path) if path is not None else data_file("published_claims.yaml")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ClaimsError(f"{path}: cannot read the claims: {exc}") from exc
    claims = raw.get("claims") if isinstance(raw, dict) else None
    if not isinstance(claims, list):
        raise ClaimsError(f"{path}: expected a top-level 'claims' list")
    for i, claim in enumerate(claims):
        missing = [k for k in ("id", "location", "claim", "check") if k not in claim]
        if missing:
            raise ClaimsError(f"{path}: claim {i + 1} lacks {', '.join(missing)}")
        if claim["check"] not in _CLAIM_CHECKS and claim["check"] != "scale_reading":
            raise ClaimsError(f"{path}: claim {claim['id']!r} has an unknown check {claim['check']!r}")
    return claims


def claims_table(claims: list[dict] | None = None) -> pd.DataFrame:
    """The claims as a table: id, location, check, claim (one row each).

    >>> claims_table().columns.tolist()
    ['id', 'location', 'check', 'claim']
    """
    claims = load_claims() if claims is None else claims
    return pd.DataFrame([{k: c[k] for k in ("id", "location", "check", "claim")} for c in claims])


def _listed(pub: Published) -> pd.DataFrame:
    return pub.anova.set_index(["item", "effect"])


def _f_text(row, p_floor: tuple[float, float] | None = P_FLOOR) -> str:
    below = p_floor is not None and math.isclose(row.p, p_floor[0])
    p_text = f"p < {fmt_p(p_floor[1])}" if below else f"p = {fmt_p(row.p)}"
    return f"F({row.df1}, {row.df2}) = {row.F:.2f}, {p_text}"


def _claim_anova_effects(pub: Published, c: dict) -> list[dict]:
    listed = _listed(pub)
    out = []
    claimed = set(c.get("significant", []))
    for item in c.get("items", ITEMS):
        loc = f"text/{c['id']}/{item}"
        found = (item, c["effect"]) in listed.index
        head = f"{c['location']}: {c['effect']} on {item} "
        if found:
            stat = _f_text(listed.loc[(item, c["effect"])])
        if item in claimed and found:
            out.append(_rec("text_claims", loc, "significant", head + f"claimed significant; printed {stat}", "pass"))
        elif item in claimed:
            out.append(_rec("text_claims", loc, "significant", head + "claimed significant, but the ANOVA results "
                            "list no such effect", "error"))
        elif found:
            out.append(_rec("text_claims", loc, "not claimed", head + f"printed as significant ({stat}) but the "
                            "claim leaves it out", "inconsistency"))
        else:
            out.append(_rec("text_claims", loc, "not significant", head + "neither claimed nor listed", "pass"))
    return out


def _claim_value_order(pub: Published, c: dict) -> list[dict]:
    vm = pub.value_means.set_index("group_type")
    hi, lo = vm.loc[c["higher"], "mean"], vm.loc[c["than"], "mean"]
    dec = pub.value_means.attrs["decimals"]["mean"]
    evidence = f"{c['location']}: value mean {c['higher']} {_f(hi, dec)} vs {c['than']} {_f(lo, dec)}"
    outcome = "pass" if hi > lo else "error"
    return [_rec("text_claims", f"text/{c['id']}", f"{c['higher']} > {c['than']}", evidence, outcome)]


def _claim_table2_flags(pub: Published, c: dict) -> list[dict]:
    t2 = pub.table2[(pub.table2["split"] == c["split"]) & (pub.table2["level"] == "Yes")].set_index("item")
    tests = pub.ttests.set_index(["split", "item"])
    pdec = pub.ttests.attrs["decimals"]["p"]
    tdec = pub.ttests.attrs["decimals"]["t"]
    claimed = set(c["items"])
    out = []
    for item in t2.index:
        loc = f"text/{c['id']}/{item}"
        flagged = bool(t2.loc[item, "flagged"])
        head = f"{c['location']}: {c['split']} on {item}: "
        if item in claimed and not flagged:
            out.append(_rec("text_claims", loc, "claimed", head + "claimed but not flagged in Table 2", "error"))
            continue
        elif flagged and item not in claimed:
            out.append(_rec("text_claims", loc, "not claimed", head + "flagged in Table 2 but absent from the text's "
                            "list of differences", "inconsistency"))
        elif not flagged:
            out.append(_rec("text_claims", loc, "not claimed", head + "neither claimed nor flagged", "pass"))
        if item not in claimed:
            continue
        if (c["split"], item) not in tests.index:
            out.append(_rec("text_claims", loc, "claimed", head + "claimed, but no t-test is printed", "note"))
            continue
        t = tests.loc[(c["split"], item)]
        res = statcheck("t", float(t.t), int(t.df), float(t.p), pdec, tdec)
        stat = f"t({int(t.df)}) = {_f(t.t, tdec)}, p = {fmt_p(t.p, pdec)}"
        if t.t > 0:
            out.append(_rec("text_claims", loc, stat, head + "the printed t is positive: No scored higher", "error"))
        elif res["p_high"] >= ALPHA:
            out.append(_rec("text_claims", loc, stat, head + f"claimed, but {stat} allows p up to "
                            f"{res['p_high']:.4f}", "error"))
        elif t.p >= ALPHA:
            out.append(_rec("text_claims", loc, stat, head + f"claimed and flagged; the printed p is not below "
                            f"{fmt_p(ALPHA)}, but t and df give p = {res['p']:.4f}, so the claim holds and only the "
                            "rounded p reads as borderline", "note"))
        else:
            out.append(_rec("text_claims", loc, stat, head + f"claimed, flagged, and {stat}", "pass"))
    return out


def _table3_cells(pub: Published, c: dict):
    years_cols = [col[2:] for col in pub.table3.columns if col.startswith("r_")]
    t3 = pub.table3.set_index(["item", "group_type"])
    for cell in c["cells"]:
        for gt in cell.get("group_types", GROUP_TYPES):
            for years in cell.get("years", years_cols):
                row = t3.loc[(cell["item"], gt)]
                yield cell, gt, years, float(row[f"r_{years}"]), row[f"stars_{years}"]


def _claim_table3_stars(pub: Published, c: dict) -> list[dict]:
    out = []
    for cell, gt, years, r, stars in _table3_cells(pub, c):
        loc = f"text/{c['id']}/{cell['item']}/{gt}/{years}"
        sign = cell["sign"]
        printed = f"{r:.3f}{stars}"
        head = f"{c['location']}: r({years}, {cell['item']} {gt}) printed {printed}; claimed "
        if sign == "ns":
            ok = not stars
            out.append(_rec("text_claims", loc, printed, head + "not significant", "pass" if ok else "error"))
            continue
        ok_sign = (r > 0) == (sign == "+")
        if stars and ok_sign:
            out.append(_rec("text_claims", loc, printed, head + f"significant with sign {sign}", "pass"))
        else:
            what = "no star" if not stars else "the opposite sign"
            out.append(_rec("text_claims", loc, printed, head + f"significant with sign {sign}, but it has {what}",
                            "error"))
    return out


def _claim_table3_complete(pub: Published, c: dict, claims: list[dict]) -> list[dict]:
    covered = set()
    for other in claims:
        if other["id"] in c["covered_by"]:
            covered |= {(cell["item"], gt, years) for cell, gt, years, _, _ in _table3_cells(pub, other)}
    years_cols = [col[2:] for col in pub.table3.columns if col.startswith("r_")]
    out = []
    for r in pub.table3.itertuples():
        for years in years_cols:
            stars = getattr(r, f"stars_{years}")
            if not stars:
                continue
            loc = f"text/{c['id']}/{r.item}/{r.group_type}/{years}"
            value = getattr(r, f"r_{years}")
            if (r.item, r.group_type, years) in covered:
                out.append(_rec("text_claims", loc, f"{value:.3f}{stars}", f"{c['location']}: starred and "
                                "reported in the text", "pass"))
            else:
                out.append(_rec("text_claims", loc, f"{value:.3f}{stars}", f"{c['location']}: starred in Table 3 "
                                "but not mentioned in the text", "inconsistency"))
    return out


def _claim_both_levels(pub: Published, c: dict) -> list[dict]:
    listed = _listed(pub)
    out = []
    across = c["across"]
    inter_names = {f"{across}:{c['effect']}", f"{c['effect']}:{across}"}
    for item in c["items"]:
        loc = f"text/{c['id']}/{item}"
        head = f"{c['location']}: {c['effect']} difference on {item} claimed for every level of {across}; "
        if (item, c["effect"]) not in listed.index:
            out.append(_rec("text_claims", loc, "main effect", head + "but no such main effect is listed", "error"))
            continue
        main = listed.loc[(item, c["effect"])]
        inter = [e for e in inter_names if (item, e) in listed.index]
        text = f"main effect {_f_text(main)}"
        if not inter:
            out.append(_rec("text_claims", loc, "main effect", head + text + f", and no {across} interaction: "
                            "the difference is not shown to vary", "pass"))
            continue
        row = listed.loc[(item, inter[0])]
        evidence = (head + text + f"; but the {inter[0]} interaction is significant too ({_f_text(row)}: "
                    f"{row.description}). A main effect averages over {across}; "
                    f"'at every level' needs simple effects, which are not reported, and the text's own description "
                    "of the interaction puts most of the difference on one level")
        out.append(_rec("text_claims", loc, "main effect", evidence, "note"))
    return out


def _claim_posthoc(pub: Published, c: dict) -> list[dict]:
    sch = pub.scheffe
    rows = sch[(sch["item"] == c["item"]) & (sch["factor"] == c["factor"])]
    pair = set(c["pair"])
    loc = f"text/{c['id']}"
    head = f"{c['location']}: {c['pair'][0]} vs {c['pair'][1]} on {c['item']} described as different; "
    hits = [r for r in rows.itertuples() if isinstance(r.level_a, str) and {r.level_a, r.level_b} == pair]
    if hits:
        return [_rec("text_claims", loc, "described", head + f"Scheffé p = {fmt_p(hits[0].p)}", "pass")]
    if len(rows):
        return [_rec("text_claims", loc, "described", head + "but the text reports no significant Scheffé pair for "
                     "this item: the description rests on the interaction and the figure's cell means, which no "
                     "reported post hoc test supports", "note")]
    return [_rec("text_claims", loc, "described", head + "no post hoc test is reported", "note")]


def _claim_mean_range(pub: Published, c: dict) -> list[dict]:
    t2 = pub.table2
    dec = t2.attrs["decimals"]["mean"]
    out = []
    for item, (lo, hi) in c["ranges"].items():
        loc = f"text/{c['id']}/{item}"
        spans = []
        for split, g in t2[t2["item"] == item].groupby("split", sort=False):
            spans.append((split, pooled_mean_range(list(g["n"]), list(g["mean"]), dec)))
        ok = all(a < hi and b > lo for _, (a, b) in spans)
        text = "; ".join(f"{s}: {a:.3f}-{b:.3f}" for s, (a, b) in spans)
        evidence = (f"{c['location']}: {item} ({c.get('group_type', 'ms')}) described as between {lo} and {hi}; "
                    f"Table 2 pooled over No and Yes: {text}")
        out.append(_rec("text_claims", loc, f"{lo}-{hi}", evidence, "pass" if ok else "inconsistency"))
    return out


_CLAIM_CHECKS: dict[str, Callable] = {
    "anova_effects": _claim_anova_effects,
    "value_means_order": _claim_value_order,
    "table2_flags": _claim_table2_flags,
    "table3_stars": _claim_table3_stars,
    "table3_complete": _claim_table3_complete,
    "both_levels": _claim_both_levels,
    "posthoc_support": _claim_posthoc,
    "mean_range": _claim_mean_range,
}


def audit_claims(pub: Published, claims: list[dict] | None = None) -> pd.DataFrame:
    """The text's claims (``data/published_claims.yaml``) checked against the printed tables.

    Check types: ``anova_effects`` (which items an effect was significant
    for), ``value_means_order``, ``table2_flags`` (and their printed t-tests),
    ``table3_stars``, ``table3_complete`` (every star is mentioned),
    ``both_levels`` (a main effect said to hold at every level of another
    factor), ``posthoc_support`` (a described difference has a post hoc test
    behind it), ``mean_range`` (verbal descriptions of how high means are).

    >>> res = audit_claims(load_published())
    >>> sorted(set(res.loc[res.outcome != "pass", "outcome"]))
    ['inconsistency', 'note']
    """
    claims = load_claims() if claims is None else claims
    records = []
    for c in claims:
        if c["check"] == "scale_reading":
            continue
        if c["check"] == "table3_complete":
            records += _claim_table3_complete(pub, c, claims)
        else:
            records += _CLAIM_CHECKS[c["check"]](pub, c)
    return _frame(records)


def audit_scale_direction(pub: Published, claims: list[dict] | None = None) -> pd.DataFrame:
    """The text's readings of correlations against each item's scale direction.

    A ``scale_reading`` claim names the item, the end of the scale that means
    more of the construct (``construct_high_at``) and the authors' reading
    (``more`` or ``less`` of it with more years); the printed r decides.

    >>> res = audit_scale_direction(load_published())
    >>> res[["location", "outcome"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['table3/interference/ms/years_in_setting', 'error'],
     ['table3/interference/ms/years_in_discipline', 'error']]
    """
    claims = load_claims() if claims is None else claims
    t3 = pub.table3.set_index(["item", "group_type"])
    records = []
    for c in (c for c in claims if c["check"] == "scale_reading"):
        anchors = pub.scales.get(c["item"], {})
        for years in c["years"]:
            row = t3.loc[(c["item"], c["group_type"])]
            r, stars = float(row[f"r_{years}"]), row[f"stars_{years}"]
            direction = construct_direction(r, c["construct_high_at"], SCALE)
            loc = f"table3/{c['item']}/{c['group_type']}/{years}"
            anchor_text = "; ".join(f"{k} = {v}" for k, v in sorted(anchors.items()))
            evidence = (f"{c['location']}: scale {anchor_text}; more {c['construct']} is toward "
                        f"{c['construct_high_at']}, so r = {r:.3f} with {years} means {direction} "
                        f"{c['construct']} with more years; the text reads it as {c['reading']}")
            if direction == c["reading"]:
                records.append(_rec("scale_direction", loc, f"{r:.3f}{stars}", evidence, "pass"))
            else:
                records.append(_rec("scale_direction", loc, f"{r:.3f}{stars}", evidence + ": the interpretation "
                                    "runs against the scale", "error"))
    return _frame(records)


def audit_posthoc(pub: Published, alpha: float = ALPHA, p_floor: tuple[float, float] | None = P_FLOOR,
                  ) -> pd.DataFrame:
    """Scheffé results against the omnibus F they belong to.

    A Scheffé p is never below the p of its omnibus F (:func:`scheffe_p`). A
    Scheffé test among the settings can be a test of the setting means averaged
    over group type (omnibus: the setting main effect) or of the group-type
    difference score (omnibus: the group type x setting interaction). The first
    reading that is consistent is reported: the plain one passes, the second
    is a note, none is an error.

    >>> res = audit_posthoc(load_published())
    >>> res[["location", "outcome"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['scheffe/familiarity/setting3/none_significant', 'pass'],
     ['scheffe/helpfulness/setting3/none_significant', 'pass'],
     ['scheffe/referral/setting3/treatment-rehabilitation', 'note']]
    """
    listed = _listed(pub)
    records = []
    for r in pub.scheffe.itertuples():
        readings = [(r.factor, f"the {r.factor} means averaged over group type"),
                    (f"group_type:{r.factor}", "the group-type difference score (12-step minus psychiatric)")]
        texts, lows = [], []
        for effect, what in readings:
            if (r.item, effect) in listed.index:
                row = listed.loc[(r.item, effect)]
                below = p_floor is not None and math.isclose(row.p, p_floor[0])
                low = 0.0 if below else float(row.p) - _half(int(row.p_decimals))
                shown = f"p < {fmt_p(p_floor[1])}" if below else f"p = {fmt_p(row.p)}"
                texts.append(f"on {what}, the omnibus {effect} has F({row.df1}, {row.df2}) = {row.F:.2f}, {shown}")
            else:
                low = alpha
                texts.append(f"on {what}, the omnibus {effect} is not significant (p > {fmt_p(alpha)})")
            lows.append(low)
        if not isinstance(r.level_a, str):
            loc = f"scheffe/{r.item}/{r.factor}/none_significant"
            evidence = ("no pair significant: possible under any omnibus result (a significant omnibus F "
                        "guarantees some significant contrast, not a significant pair); " + "; ".join(texts))
            records.append(_rec("posthoc_omnibus", loc, "none significant", evidence, "pass"))
            continue
        loc = f"scheffe/{r.item}/{r.factor}/{r.level_a}-{r.level_b}"
        ok = [scheffe_consistent(float(r.p), int(r.p_decimals), low) for low in lows]
        head = f"Scheffé {r.level_a} vs {r.level_b} p = {fmt_p(r.p)}, and a Scheffé p is never below its omnibus p: "
        if ok[0]:
            records.append(_rec("posthoc_omnibus", loc, float(r.p), head + texts[0] + ": consistent", "pass"))
        elif ok[1]:
            evidence = (head + texts[0] + ", so no Scheffé contrast on those means can reach p = "
                        f"{fmt_p(r.p)}; " + texts[1] + ": consistent only if the Scheffé test compared the settings' "
                        "group-type differences, which the text does not say")
            records.append(_rec("posthoc_omnibus", loc, float(r.p), evidence, "note"))
        else:
            records.append(_rec("posthoc_omnibus", loc, float(r.p), head + "; ".join(texts) + ": consistent with "
                                "neither", "error"))
    return _frame(records)


# =============================================================================== the whole audit
_FAMILY_FUNCTIONS: dict[str, Callable] = {
    "statcheck": lambda pub, claims: audit_statcheck(pub),
    "df": lambda pub, claims: audit_df(pub),
    "grim": lambda pub, claims: audit_grim(pub),
    "sd_bounds": lambda pub, claims: audit_sd(pub),
    "table_arithmetic": lambda pub, claims: audit_arithmetic(pub),
    "significance_marks": lambda pub, claims: audit_marks(pub),
    "text_claims": audit_claims,
    "scale_direction": audit_scale_direction,
    "posthoc_omnibus": lambda pub, claims: audit_posthoc(pub),
}
_CACHE: dict[str, pd.DataFrame] = {}


def audit_table(pub: Published | None = None, claims: list[dict] | None = None) -> pd.DataFrame:
    """Every check of every family, passed or not (columns :data:`CHECK_COLUMNS`), in family order.

    >>> table = audit_table()
    >>> list(table.columns), set(table["outcome"]) <= set(OUTCOMES)
    (['check', 'location', 'printed', 'evidence', 'outcome'], True)
    """
    pub = pub or load_published()
    claims = load_claims() if claims is None else claims
    key = json.dumps([pub.raw, claims], sort_keys=True, default=str)
    if key not in _CACHE:
        frames = [_FAMILY_FUNCTIONS[family](pub, claims) for family in FAMILIES]
        _CACHE.clear()
        _CACHE[key] = pd.concat(frames, ignore_index=True)
    return _CACHE[key].copy()


def run_audit(pub: Published | None = None, claims: list[dict] | None = None,
              severity: str | Iterable[str] | None = None) -> pd.DataFrame:
    """All findings: the checks that failed, ordered by location (columns :data:`AUDIT_COLUMNS`).

    ``severity`` keeps one severity or several.

    >>> findings = run_audit()
    >>> list(findings.columns)
    ['check', 'location', 'printed', 'evidence', 'severity']
    >>> "table1/age_range/51-65" in set(run_audit(severity="inconsistency")["location"])
    True
    """
    table = audit_table(pub, claims)
    found = table[table["outcome"] != "pass"].rename(columns={"outcome": "severity"})
    if severity is not None:
        wanted = {severity} if isinstance(severity, str) else set(severity)
        unknown = wanted - set(SEVERITIES)
        if unknown:
            raise ValueError(f"severity must be among {SEVERITIES}, not {sorted(unknown)}")
        found = found[found["severity"].isin(wanted)]
    order = found["check"].map({f: i for i, f in enumerate(FAMILIES)})
    found = found.assign(_order=order).sort_values(["location", "_order"], kind="stable").drop(columns="_order")
    return found[AUDIT_COLUMNS].reset_index(drop=True)


def checks_passed(pub: Published | None = None, claims: list[dict] | None = None) -> pd.DataFrame:
    """The checks that passed (columns check, location, printed, evidence), in family order.

    >>> passed = checks_passed()
    >>> "ttest/participates_mutual_support/familiarity" in set(passed["location"])
    True
    """
    table = audit_table(pub, claims)
    return table[table["outcome"] == "pass"].drop(columns="outcome").reset_index(drop=True)


def audit_summary(pub: Published | None = None, claims: list[dict] | None = None) -> pd.DataFrame:
    """Checks per family: how many were run, passed, and found at each severity, with a total row.

    >>> summary = audit_summary()
    >>> list(summary.columns)
    ['checks', 'pass', 'note', 'inconsistency', 'error']
    >>> int(summary.loc["total", "checks"]) == len(audit_table())
    True
    """
    table = audit_table(pub, claims)
    counts = pd.crosstab(table["check"], table["outcome"]).reindex(index=list(FAMILIES), fill_value=0)
    counts = counts.reindex(columns=["pass", "note", "inconsistency", "error"], fill_value=0)
    counts.insert(0, "checks", counts.sum(axis=1))
    counts.loc["total"] = counts.sum()
    counts.index.name = "family"
    counts.columns.name = None
    return counts.astype(int)


def format_findings(findings: pd.DataFrame, width: int = 100) -> str:
    """Findings as text, grouped by severity (errors first), with a count line at the end.

    Accepts the output of :func:`run_audit` or of a family function (its
    passed checks are counted, not listed).

    >>> last = format_findings(run_audit()).splitlines()[-1]
    >>> last.split(": ")[1].split(", ")[0].endswith("error"), "findings" in last
    (True, True)
    """
    import textwrap

    column = "severity" if "severity" in findings.columns else "outcome"
    lines = []
    counts = {s: int((findings[column] == s).sum()) for s in SEVERITIES}
    for severity in SEVERITIES:
        rows = findings[findings[column] == severity]
        if rows.empty:
            continue
        lines.append(f"{severity.upper()} ({len(rows)})")
        for r in rows.itertuples():
            lines.append(f"  {r.location}  [{r.check}]  printed: {r.printed}")
            lines += textwrap.wrap(str(r.evidence), width, initial_indent="      ", subsequent_indent="      ")
        lines.append("")
    total = sum(counts.values())
    line = f"{total} finding{'' if total == 1 else 's'}: " + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
    if column == "outcome":
        line = f"{len(findings)} checks, {int((findings[column] == 'pass').sum())} passed; " + line
    lines.append(line)
    return "\n".join(lines)


def findings_to_records(findings: pd.DataFrame) -> list[dict]:
    """Findings as JSON-ready records (numbers stay numbers).

    >>> records = findings_to_records(run_audit())
    >>> isinstance(json.dumps(records), str), sorted(records[0])[:2]
    (True, ['check', 'evidence'])
    """
    return [{k: _plain(v) for k, v in rec.items()} for rec in findings.to_dict(orient="records")]


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") else value
