"""Audit family ``significance_marks``: Table 3 stars and Table 2 flags against what the printed numbers allow.

Imports ``paper/`` and the bounds of ``checks/``. Used in: ``checks/audit.py``.
"""

from __future__ import annotations

import pandas as pd

from ..paper.design import ALPHA, SCALE, design_of
from ..paper.printed import Printed, fmt_p
from ..paper.published import Published
from .integers import flag_check
from .records import fixed, record, to_frame
from .statistics import stars_check

__all__ = ["audit_marks", "pairwise_n_bounds"]


def pairwise_n_bounds(pub: Published, item: str, group_type: str) -> tuple[int, int]:
    """Bounds on the number of answers to one question implied by the printed Ns.

    At least the Table 2 groups of one split (for psychiatric groups) and the complete
    cases of the item's ANOVA; at most every respondent.

    >>> from mutsup_helpers.paper.published import load_published
    >>> pairwise_n_bounds(load_published(), "referral", "twelve_step")
    (350, 421)
    """
    total = int(pub.study["surveys_returned"])
    low = 0
    if group_type == "ms":
        t2 = pub.table2[pub.table2["item"] == item]
        low = int(t2.groupby("split")["n"].sum().max())
    anova = pub.anova[pub.anova["item"] == item]
    if len(anova):
        low = max(low, design_of(pub).n_from_df2(int(anova["df2"].iloc[0])))
    return max(low, 3), total


def audit_marks(pub: Published, scale: tuple[int, int] = SCALE) -> pd.DataFrame:
    """Table 3 stars and Table 2 flags against what the printed numbers allow.

    * Table 3: an r printed with k stars must get those stars at some N between
      the smallest N the printed Ns allow for that item
      (:func:`pairwise_n_bounds`) and the sample size;
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
    return to_frame(_star_records(pub) + _flag_records(pub, scale))


def _star_records(pub: Published) -> list[dict]:
    out = []
    years_cols = [c[2:] for c in pub.table3.columns if c.startswith("r_")]
    for r in pub.table3.itertuples():
        low, high = pairwise_n_bounds(pub, r.item, r.group_type)
        for years in years_cols:
            value, stars = getattr(r, f"r_{years}"), getattr(r, f"stars_{years}")
            dec = pub.table3.attrs["decimals"][f"r_{years}"]
            loc = f"table3/{r.item}/{r.group_type}/{years}"
            printed = f"{fixed(value, dec)}{stars}"
            res = stars_check(value, stars, low, high, dec)
            mark = f"'{stars}'" if stars else "no star"
            head = (f"N between {low} (printed Ns for this item) and {high}: r printed as {fixed(value, dec)} has p "
                    f"between {res['p_range'][0]:.4f} and {res['p_range'][1]:.4f}")
            if res["possible"]:
                lo_n, hi_n = res["n_range"]
                where = "at every N in range" if (lo_n, hi_n) == (low, high) else f"for N between {lo_n} and {hi_n}"
                out.append(record("significance_marks", loc, printed, head + f"; {mark} is attainable {where}", "pass"))
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
            out.append(record("significance_marks", loc, printed, evidence, "inconsistency" if same_side else "error"))
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
            out.append(record("significance_marks", loc, "flagged" if flagged else "not flagged",
                            f"not checkable: {exc}", "note"))
            continue
        span = (f"over all integer answers printing as these Ns, means and SDs, Student's t (No - Yes) lies in "
                f"[{res['t_min']:.3f}, {res['t_max']:.3f}] on {res['df']} df; Yes higher at p < {fmt_p(ALPHA)} "
                f"needs t < {-res['t_crit']:.3f}")
        has_test = (split, item) in tests.index
        if res["possible"]:
            out.append(record("significance_marks", loc, "flagged" if flagged else "not flagged", span, "pass"))
        else:
            why = (f"so p >= {res['p_min']:.3f}: the flag claims a difference the printed numbers rule out"
                   if flagged else "so every data set gives a significant difference the table does not flag")
            out.append(record("significance_marks", loc, "flagged" if flagged else "not flagged", f"{span}; {why}",
                            "error"))
        if flagged and not has_test:
            out.append(record("significance_marks", loc, "flagged",
                            "Table 2 flags this difference but the text reports no t-test for it", "note"))
        if has_test:
            t = tests.loc[(split, item)]
            if not flagged:
                out.append(record("significance_marks", loc, "not flagged",
                                "the text reports a t-test for this difference but Table 2 does not flag it", "note"))
            lo_t, hi_t = Printed(float(t.t), tdec).interval()
            ok = lo_t <= res["t_max"] + 1e-9 and hi_t > res["t_min"] - 1e-9
            evidence = (f"printed t = {fixed(t.t, tdec)} stands for [{lo_t:.3f}, {hi_t:.3f}); the Table 2 summaries "
                        f"allow Student's t in [{res['t_min']:.3f}, {res['t_max']:.3f}]")
            out.append(record("significance_marks", f"ttest/{split}/{item}", f"t({int(t.df)}) = {fixed(t.t, tdec)}",
                            evidence + (": consistent" if ok else ": the printed t cannot come from these summaries"),
                            "pass" if ok else "inconsistency"))
    return out
