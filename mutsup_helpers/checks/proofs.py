"""The audit's findings projected onto the scorecard: which printed numbers no data set can reproduce.

The audit (:mod:`.audit`) is the only producer of proofs. A finding says that printed
numbers cannot all hold; the reading of :mod:`mutsup_helpers.paper.readings` says which
of them the rebuild gives up; this module names the scorecard targets that are then
unreachable, with the finding's evidence as their proof and the value the reading uses.
``mutsup verify``, the notebooks' "paper vs here" tables and the solver all take
"unreachable" from here.

Families whose findings never give up a printed number the scorecard compares
(``statcheck``, whose inconsistency here is the misprinted df1 that ``df`` proves;
``text_claims``, ``scale_direction``, ``posthoc_omnibus``, and the notes on coded
group sizes) project onto nothing. A test checks both directions: every unreachable
target has exactly one finding behind it, and every finding of a projecting family
has at least one target.

Imports ``paper/`` and ``checks/``. Used in: ``compare/scorecard.py``, ``reconstruct/targets.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..paper.design import stars
from ..paper.printed import Printed
from ..paper.published import Published, id_part
from ..paper.readings import absorbing_level, anova_df1, reading_for, table1_counts
from .audit import audit_table
from .integers import flag_check, sd_check
from .marks import pairwise_n_bounds
from .statistics import stars_check

__all__ = ["PROJECTING_FAMILIES", "unreachable_targets"]

PROJECTING_FAMILIES = ("table_arithmetic", "df", "grim", "sd_bounds", "significance_marks")


def unreachable_targets(pub: Published, sections: Iterable[str] | None = None) -> list[dict]:
    """Every scorecard target no data set can reproduce, from the audit's findings.

    Each entry: ``target`` (an id of ``pub.targets()``), ``printed``, ``finding``
    (the audit's family and location), ``reading`` (the id of the reading that gives
    the number up), ``proof`` (the finding's evidence) and ``best`` (what the reading
    uses instead). ``sections`` keeps the targets of those scorecard sections.

    >>> from mutsup_helpers.paper.published import load_published
    >>> ids = [u["target"] for u in unreachable_targets(load_published())]
    >>> "value_means/ms/sd" in ids, "table1/age_range/51-65/pct" in ids, len(ids)
    (True, True, 13)
    """
    findings = audit_table(pub)
    findings = findings[findings["outcome"] != "pass"]
    targets = pub.targets().set_index("target")
    out = []
    for f in findings.itertuples():
        project = _PROJECTIONS.get(f.check)
        for target, best in project(pub, f, findings) if project else []:
            reading = reading_for(f.check, f.location)
            out.append({"target": target, "printed": targets.loc[target, "printed"],
                        "finding": f"{f.check} {f.location}", "reading": reading.id if reading else "",
                        "proof": f.evidence, "best": best})
    if sections is not None:
        wanted = set(sections)
        out = [u for u in out if targets.loc[u["target"], "section"] in wanted]
    return out


# ------------------------------------------------------------------ one projection per family
def _table_arithmetic(pub: Published, f, findings: pd.DataFrame):
    parts = f.location.split("/")
    if parts[0] == "table1":
        return _table1(pub, parts, findings)
    if parts[0] == "table2" and f.outcome == "error":  # a group larger than the people who could be in it
        return [(f"{f.location}/n", None)]
    if parts[0] == "ttest":
        split, item = parts[1:]
        return [(f"{f.location}/df", None)] if (split, item) else []
    return []  # sampling percentages are not scorecard targets; coded sizes are reproduced


def _table1(pub: Published, parts: list[str], findings: pd.DataFrame):
    total = int(pub.study["surveys_returned"])
    variable = parts[1]
    rows = pub.table1[pub.table1["variable"] == variable]
    counts = table1_counts(pub)[variable]
    dec = pub.table1.attrs["decimals"]["pct"]
    own = set(findings.loc[findings["check"] == "table_arithmetic", "location"])
    if len(parts) == 2:  # the counts miss N: the absorbing row gives way (reading table1_sums)
        level = absorbing_level(rows["level"])
        row = rows[rows["level"] == level].iloc[0]
        base = f"table1/{variable}/{id_part(level)}"
        out = [(f"{base}/n", counts[level])]
        pct = 100 * counts[level] / total
        if base not in own and not Printed(float(row.pct), dec).contains(pct):
            out.append((f"{base}/pct", round(pct, dec)))
        return out
    level = next(lv for lv in rows["level"] if id_part(lv) == parts[2])
    row = rows[rows["level"] == level].iloc[0]
    pct = 100 * counts[level] / total  # the percentage follows the count the reading keeps
    return [] if Printed(float(row.pct), dec).contains(pct) else [(f"{'/'.join(parts)}/pct", round(pct, dec))]


def _df(pub: Published, f, findings):
    parts = f.location.split("/")
    if len(parts) == 3:  # anova/item/effect: a df1 the design cannot have
        return [(f"{f.location}/df1", anova_df1(pub, parts[2]))]
    rows = pub.anova[pub.anova["item"] == parts[1]]
    return [(f"{f.location}/{effect}/df2", None) for effect in rows["effect"]]


def _grim(pub: Published, f, findings):
    return [(f"{f.location}/mean", None)]


def _sd_bounds(pub: Published, f, findings):
    parts = f.location.split("/")
    if parts[0] == "value_means":
        row = pub.value_means.set_index("group_type").loc[parts[1]]
        dec = pub.value_means.attrs["decimals"]
        low, high = pairwise_n_bounds(pub, "value", parts[1])
        res = sd_check(float(row["mean"]), float(row["sd"]), range(low, high + 1), mean_decimals=dec["mean"],
                       sd_decimals=dec["sd"])
        return [(f"{f.location}/sd", round(res["sd_max"], 2))]
    return [(f"{f.location}/sd", None)]


def _significance_marks(pub: Published, f, findings):
    parts = f.location.split("/")
    if f.outcome == "note":  # a reporting practice (flag without a test), not a number given up
        return []
    if parts[0] == "table2":
        return [(f"{f.location}/flag", _flag_best(pub, parts[1], parts[2]))]
    if parts[0] == "table3":
        item, group_type, years = parts[1:]
        row = pub.table3.set_index(["item", "group_type"]).loc[(item, group_type)]
        low, high = pairwise_n_bounds(pub, item, group_type)
        res = stars_check(float(row[f"r_{years}"]), row[f"stars_{years}"], low, high)
        return [(f"{f.location}/stars", stars(res["p_range"][1]))]
    if parts[0] == "ttest":
        return [(f"{f.location}/t", None)]
    return []


def _flag_best(pub: Published, split: str, item: str) -> str:
    """The attainable t closest to the flag and its p (what the data give instead)."""
    rows = pub.table2[(pub.table2["split"] == split) & (pub.table2["item"] == item)].set_index("level")
    dec = pub.table2.attrs["decimals"]
    no, yes = ((int(rows.loc[lv, "n"]), float(rows.loc[lv, "mean"]), float(rows.loc[lv, "sd"])) for lv in ("No", "Yes"))
    res = flag_check(no, yes, bool(rows.loc["Yes", "flagged"]), mean_decimals=dec["mean"], sd_decimals=dec["sd"])
    return f"t = {res['t_min']:.3f}, p = {res['p_min']:.3f}"


_PROJECTIONS = {
    "table_arithmetic": _table_arithmetic,
    "df": _df,
    "grim": _grim,
    "sd_bounds": _sd_bounds,
    "significance_marks": _significance_marks,
}
