"""Audit families ``text_claims`` and ``scale_direction``: the text's claims against the printed tables.

The claims are read and validated by :mod:`mutsup_helpers.paper.claims`; each kind of
claim has one checker here.

Imports ``paper/`` and the bounds of ``checks/``. Used in: ``checks/audit.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..paper.claims import load_claims
from ..paper.design import ALPHA, GROUP_TYPES, ITEMS, SCALE
from ..paper.printed import P_FLOOR, fmt_p, printed_p
from ..paper.published import Published
from .integers import pooled_mean_range
from .records import fixed, record, to_frame
from .statistics import construct_direction, statcheck

__all__ = ["audit_claims", "audit_scale_direction"]


def _listed(pub: Published) -> pd.DataFrame:
    return pub.anova.set_index(["item", "effect"])


def _f_text(row, p_floor: tuple[float, float] | None = P_FLOOR) -> str:
    p_printed = printed_p(row.p, int(row.p_decimals), p_floor)
    p_text = f"p {p_printed.text()}" if p_printed.below else f"p = {fmt_p(row.p)}"
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
            out.append(record("text_claims", loc, "significant", head + f"claimed significant; printed {stat}", "pass"))
        elif item in claimed:
            out.append(record("text_claims", loc, "significant", head + "claimed significant, but the ANOVA results "
                            "list no such effect", "error"))
        elif found:
            out.append(record("text_claims", loc, "not claimed", head + f"printed as significant ({stat}) but the "
                            "claim leaves it out", "inconsistency"))
        else:
            out.append(record("text_claims", loc, "not significant", head + "neither claimed nor listed", "pass"))
    return out


def _claim_value_order(pub: Published, c: dict) -> list[dict]:
    vm = pub.value_means.set_index("group_type")
    hi, lo = vm.loc[c["higher"], "mean"], vm.loc[c["than"], "mean"]
    dec = pub.value_means.attrs["decimals"]["mean"]
    evidence = f"{c['location']}: value mean {c['higher']} {fixed(hi, dec)} vs {c['than']} {fixed(lo, dec)}"
    outcome = "pass" if hi > lo else "error"
    return [record("text_claims", f"text/{c['id']}", f"{c['higher']} > {c['than']}", evidence, outcome)]


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
            out.append(record("text_claims", loc, "claimed", head + "claimed but not flagged in Table 2", "error"))
            continue
        elif flagged and item not in claimed:
            if c.get("complete", True):  # a sentence that names some differences does not omit the rest
                out.append(record("text_claims", loc, "not claimed", head + "flagged in Table 2 but absent from the "
                                  "text's list of differences", "inconsistency"))
            continue
        elif not flagged:
            out.append(record("text_claims", loc, "not claimed", head + "neither claimed nor flagged", "pass"))
        if item not in claimed:
            continue
        if (c["split"], item) not in tests.index:
            out.append(record("text_claims", loc, "claimed", head + "claimed, but no t-test is printed", "note"))
            continue
        t = tests.loc[(c["split"], item)]
        res = statcheck("t", float(t.t), int(t.df), float(t.p), pdec, tdec)
        stat = f"t({int(t.df)}) = {fixed(t.t, tdec)}, p = {fmt_p(t.p, pdec)}"
        if t.t > 0:
            out.append(record("text_claims", loc, stat, head + "the printed t is positive: No scored higher", "error"))
        elif res["p_high"] >= ALPHA:
            out.append(record("text_claims", loc, stat, head + f"claimed, but {stat} allows p up to "
                            f"{res['p_high']:.4f}", "error"))
        elif t.p >= ALPHA:
            out.append(record("text_claims", loc, stat, head + f"claimed and flagged; the printed p is not below "
                            f"{fmt_p(ALPHA)}, but t and df give p = {res['p']:.4f}, so the claim holds and only the "
                            "rounded p reads as borderline", "note"))
        else:
            out.append(record("text_claims", loc, stat, head + f"claimed, flagged, and {stat}", "pass"))
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
            out.append(record("text_claims", loc, printed, head + "not significant", "pass" if ok else "error"))
            continue
        ok_sign = (r > 0) == (sign == "+")
        if stars and ok_sign:
            out.append(record("text_claims", loc, printed, head + f"significant with sign {sign}", "pass"))
        else:
            what = "no star" if not stars else "the opposite sign"
            out.append(record("text_claims", loc, printed, head + f"significant with sign {sign}, but it has {what}",
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
                out.append(record("text_claims", loc, f"{value:.3f}{stars}", f"{c['location']}: starred and "
                                "reported in the text", "pass"))
            else:
                out.append(record("text_claims", loc, f"{value:.3f}{stars}", f"{c['location']}: starred in Table 3 "
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
            out.append(record("text_claims", loc, "main effect", head + "but no such main effect is listed", "error"))
            continue
        main = listed.loc[(item, c["effect"])]
        inter = [e for e in inter_names if (item, e) in listed.index]
        text = f"main effect {_f_text(main)}"
        if not inter:
            out.append(record("text_claims", loc, "main effect", head + text + f", and no {across} interaction: "
                            "the difference is not shown to vary", "pass"))
            continue
        row = listed.loc[(item, inter[0])]
        evidence = (head + text + f"; but the {inter[0]} interaction is significant too ({_f_text(row)}: "
                    f"{row.description}). A main effect averages over {across}; "
                    f"'at every level' needs simple effects, which are not reported, and the text's own description "
                    "of the interaction puts most of the difference on one level")
        out.append(record("text_claims", loc, "main effect", evidence, "note"))
    return out


def _claim_posthoc(pub: Published, c: dict) -> list[dict]:
    sch = pub.scheffe
    rows = sch[(sch["item"] == c["item"]) & (sch["factor"] == c["factor"])]
    pair = set(c["pair"])
    loc = f"text/{c['id']}"
    head = f"{c['location']}: {c['pair'][0]} vs {c['pair'][1]} on {c['item']} described as different; "
    hits = [r for r in rows.itertuples() if isinstance(r.level_a, str) and {r.level_a, r.level_b} == pair]
    if hits:
        return [record("text_claims", loc, "described", head + f"Scheffé p = {fmt_p(hits[0].p)}", "pass")]
    reported = [f"{r.level_a} vs {r.level_b}" for r in rows.itertuples() if isinstance(r.level_a, str)]
    if reported:
        return [record("text_claims", loc, "described", head + "but the only significant Scheffé pair the text reports "
                     f"for this item is {', '.join(reported)}: no reported post hoc test supports this one", "note")]
    if len(rows):
        return [record("text_claims", loc, "described", head + "but the text reports no significant Scheffé pair for "
                     "this item: the description rests on the interaction and the figure's cell means, which no "
                     "reported post hoc test supports", "note")]
    return [record("text_claims", loc, "described", head + "no post hoc test is reported", "note")]


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
        out.append(record("text_claims", loc, f"{lo}-{hi}", evidence, "pass" if ok else "inconsistency"))
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
    return to_frame(records)


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
                records.append(record("scale_direction", loc, f"{r:.3f}{stars}", evidence, "pass"))
            else:
                records.append(record("scale_direction", loc, f"{r:.3f}{stars}", evidence + ": the interpretation "
                                    "runs against the scale", "error"))
    return to_frame(records)
