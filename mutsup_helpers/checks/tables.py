"""Audit family ``table_arithmetic``: counts, percentages, group sizes and t-test df against one another.

Imports ``paper/`` and the bounds of ``checks/``. Used in: ``checks/audit.py``.
"""

from __future__ import annotations

import pandas as pd

from ..paper.published import Published, id_part
from .integers import count_sum_gap, percent_counts, percent_matches
from .records import fixed, record, to_frame

__all__ = ["audit_arithmetic"]


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
    return to_frame(records)


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
        out.append(record("table_arithmetic", f"study/{key}", pct, evidence, "pass" if ok else "inconsistency"))
    if "facilities_breakdown" in study and "facilities_invited" in study:
        parts = study["facilities_breakdown"]
        gap = count_sum_gap(parts.values(), int(study["facilities_invited"]))
        evidence = f"{' + '.join(str(v) for v in parts.values())} = {sum(parts.values())} facilities of " \
                   f"{study['facilities_invited']} invited"
        out.append(record("table_arithmetic", "study/facilities_breakdown", sum(parts.values()), evidence,
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
        out.append(record("table_arithmetic", f"table1/{variable}", [int(v) for v in rows["n"]], evidence,
                        "inconsistency" if gap else "pass"))
        for r in rows.itertuples():
            loc = f"table1/{variable}/{id_part(r.level)}"
            exact = 100 * r.n / total
            if percent_matches(r.n, total, r.pct, dec):
                out.append(record("table_arithmetic", loc, r.pct, f"{r.n} / {total} = {exact:.2f}%, prints as "
                                f"{fixed(r.pct, dec)}%", "pass"))
                continue
            counts = percent_counts(r.pct, total, dec)
            alt = (f"{fixed(r.pct, dec)}% would be a count of {' or '.join(map(str, counts))}" if counts
                   else f"no count out of {total} prints as {fixed(r.pct, dec)}%, so the percentage itself is "
                   "misprinted")
            out.append(record("table_arithmetic", loc, r.pct, f"{r.n} / {total} = {exact:.2f}%, which prints as "
                            f"{exact:.{dec}f}%, not {fixed(r.pct, dec)}%; {alt}", "inconsistency"))
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
                out.append(record("table_arithmetic", loc, int(r.n), evidence + ": equal", "pass"))
            elif int(r.n) < named:
                out.append(record("table_arithmetic", loc, int(r.n), evidence + f": {named - r.n} of the named "
                                f"respondents are missing from the group, and the text does not say why",
                                "inconsistency"))
            else:
                pool_text = " + ".join(f"{lv} {counts[lv]}" for lv in pool_levels)
                pool_text += f" = {pool}" if len(pool_levels) > 1 else ""
                evidence += (f": {r.n - named} more than the named levels hold; over the levels of {factor}, "
                             f"{excess_total} respondents must come from levels the text does not name "
                             f"({pool_text})")
                if excess_total <= pool:
                    out.append(record("table_arithmetic", loc, int(r.n), evidence + ", which is possible only if "
                                    "some of them were recoded into this group; the text does not say so", "note"))
                else:
                    out.append(record("table_arithmetic", loc, int(r.n), evidence + ", more than there are", "error"))
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
            out.append(record("table_arithmetic", loc, int(r.n), evidence, "pass"))
        else:
            out.append(record("table_arithmetic", loc, int(r.n), evidence + f": {r.n - count} more respondents "
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
        out.append(record("table_arithmetic", loc, int(r.df), evidence, "pass" if want == r.df else "inconsistency"))
    return out
