"""Audit families ``statcheck`` and ``df``: every printed F and t against its df, p and the design.

Imports ``paper/`` and the bounds of ``checks/``. Used in: ``checks/audit.py``.
"""

from __future__ import annotations

import pandas as pd

from ..paper.design import ALPHA, design_of
from ..paper.printed import P_FLOOR, Printed, fmt_p, printed_p
from ..paper.published import Published
from .records import fixed, record, to_frame
from .statistics import p_range, round_like_r, statcheck

__all__ = ["audit_df", "audit_statcheck"]


def _statcheck_record(loc: str, test: str, value, df, p, p_decimals, stat_decimals, floor) -> dict:
    below = printed_p(p, p_decimals, floor).below is not None
    p_shown, comparison = (floor[1], "<") if below else (p, "=")
    res = statcheck(test, value, df, p_shown, p_decimals, stat_decimals, comparison)
    df_text = f"{df[0]}, {df[1]}" if test == "F" else f"{df}"
    p_text = fmt_p(p_shown, None if below else p_decimals)
    printed = f"{test}({df_text}) = {fixed(value, stat_decimals)}, p {comparison} {p_text}"
    return record("statcheck", loc, printed, _statcheck_evidence(test, value, df_text, stat_decimals, p_decimals,
                                                                 comparison, p_shown, below, floor, res),
                  _statcheck_outcome(res))


def _statcheck_outcome(res: dict) -> str:
    if res["consistent"]:
        return "pass"
    return "error" if res["decision_error"] else "inconsistency"


def _statcheck_evidence(test, value, df_text, stat_decimals, p_decimals, comparison, p_shown, below, floor,
                        res) -> str:
    """statcheck's rule in words: what the printed statistic allows, and what the printed p needs."""
    lo_v, hi_v = Printed(value, stat_decimals).interval()
    text = (f"{test} in [{lo_v:.{stat_decimals + 1}f}, {hi_v:.{stat_decimals + 1}f}) on df {df_text} gives "
            f"p in [{res['p_low']:.4g}, {res['p_high']:.4g}]")
    if below:
        text += (f"; a printed p < {fmt_p(p_shown)} needs the smallest of these at or below it"
                 f" (the paper prints p < {fmt_p(floor[1])} as p = {fmt_p(floor[0])})")
    else:
        lo_r, hi_r = (round_like_r(res[k], p_decimals) for k in ("p_low", "p_high"))
        text += (f", which rounds to [{lo_r:.{p_decimals}f}, {hi_r:.{p_decimals}f}] at the printed p's "
                 f"{p_decimals} decimals; the printed p must lie there")
    if res["consistent"]:
        return text + ": consistent"
    side = "the other" if res["decision_error"] else "the same"
    verdict = "a decision error" if res["decision_error"] else "the significance decision stands"
    return (text + f": inconsistent; the statistic taken as exact gives p = {res['p']:.4g}, on {side} side of "
            f"{fmt_p(ALPHA)} as the printed p, so {verdict} (statcheck's rule)")


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
    return to_frame(records)


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
    design = design_of(pub)
    cells = design.cells
    records = []
    f_dec = pub.anova.attrs["decimals"]["F"]
    for r in pub.anova.itertuples():
        loc = f"anova/{r.item}/{r.effect}"
        want = design.effect_df1(r.effect)
        factors = r.effect.split(":")
        how = " x ".join(f"({len(design.levels[f])} - 1)" for f in factors)
        if r.df1 == want:
            records.append(record("df", loc, r.df1, f"df1 of {r.effect} = {how} = {want}", "pass"))
            continue
        below = printed_p(r.p, int(r.p_decimals), p_floor).below is not None
        p_shown, comp = (p_floor[1], "<") if below else (r.p, "=")
        at_design = statcheck("F", r.F, (want, r.df2), p_shown, r.p_decimals, f_dec, comp)
        at_printed = p_range("F", r.F, (r.df1, r.df2), 12)[0]
        evidence = (f"df1 of {r.effect} in this design = {how} = {want}, not {r.df1}; F = {fixed(r.F, f_dec)} on "
                    f"({want}, {r.df2}) gives p = {at_design['p']:.4f}, "
                    f"{'which matches' if at_design['consistent'] else 'which does not match'} the printed "
                    f"p {comp} {fmt_p(p_shown)} (on ({r.df1}, {r.df2}): p = {at_printed:.4f})")
        if at_design["consistent"]:
            evidence += ": the test was run with the design's df1 and the printed df1 is a misprint"
            records.append(record("df", loc, r.df1, evidence, "inconsistency"))
        else:
            records.append(record("df", loc, r.df1, evidence + ": the printed test does not fit the design", "error"))
    coded = pub.derived_factors.groupby("factor", sort=False)["n"].sum()
    total = int(pub.study["surveys_returned"])
    limit = min([total, *[int(v) for v in coded]])
    limit_text = ", ".join(f"{f} {int(v)}" for f, v in coded.items())
    for item, g in pub.anova.groupby("item", sort=False):
        loc = f"anova/{item}"
        df2s = sorted(set(int(v) for v in g["df2"]))
        if len(df2s) > 1:
            records.append(record("df", loc, ", ".join(map(str, df2s)),
                                f"the {len(g)} reported effects of {item} print different df2 {df2s}; in a mixed "
                                f"design both error strata have N - {cells} df", "inconsistency"))
            continue
        n = design.n_from_df2(df2s[0])
        which = "the one reported effect has" if len(g) == 1 else f"all {len(g)} reported effects have"
        evidence = (f"{which} df2 = {df2s[0]}: N = {df2s[0]} + {cells} cells = {n} "
                    f"complete cases; at most {limit} respondents are coded on every between factor "
                    f"(N = {total}; coded: {limit_text})")
        outcome = "pass" if n <= limit else "error"
        records.append(record("df", loc, df2s[0], evidence + ("" if outcome == "pass" else ": too many"), outcome))
    return to_frame(records)
