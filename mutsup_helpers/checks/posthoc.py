"""Audit family ``posthoc_omnibus``: each Scheffé result against the omnibus tests it could belong to.

Imports ``paper/`` and the bounds of ``checks/``. Used in: ``checks/audit.py``.
"""

from __future__ import annotations

import pandas as pd

from ..paper.design import ALPHA
from ..paper.printed import P_FLOOR, fmt_p, printed_p
from ..paper.published import Published
from .claims import _listed
from .records import record, to_frame
from .statistics import scheffe_consistent

__all__ = ["audit_posthoc"]


def audit_posthoc(pub: Published, alpha: float = ALPHA, p_floor: tuple[float, float] | None = P_FLOOR,
                  ) -> pd.DataFrame:
    """Scheffé results against the omnibus F they belong to.

    A Scheffé p is never below the p of the omnibus F of the *same means on the same
    error* (:func:`scheffe_p`). That omnibus is the printed F in a one-way or balanced
    design; the paper prints Type III F of an unbalanced two-factor design, which tests
    unweighted means while SPSS's Scheffé compares observed means, so against the printed
    F the bound is approximate and the evidence says so. A Scheffé test among the
    settings can be a test of the setting means averaged over group type (printed
    omnibus: the setting main effect), of the group-type difference score (the group
    type x setting interaction), or simple effects of setting within each group type
    (no printed omnibus). The first reading that is consistent is reported: the plain
    one passes, the second is a note, none is an error.

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
                p_printed = printed_p(row.p, int(row.p_decimals), p_floor)
                low = p_printed.interval()[0]
                shown = f"p {p_printed.text()}" if p_printed.below else f"p = {fmt_p(row.p)}"
                texts.append(f"on {what}, the omnibus {effect} has F({row.df1}, {row.df2}) = {row.F:.2f}, {shown}")
            else:
                low = alpha
                texts.append(f"on {what}, the omnibus {effect} is not significant (p > {fmt_p(alpha)})")
            lows.append(low)
        if not isinstance(r.level_a, str):
            loc = f"scheffe/{r.item}/{r.factor}/none_significant"
            evidence = ("no pair significant: possible under any omnibus result (a significant omnibus of the "
                        "same means guarantees some significant contrast, not a significant pair); "
                        + "; ".join(texts))
            records.append(record("posthoc_omnibus", loc, "none significant", evidence, "pass"))
            continue
        loc = f"scheffe/{r.item}/{r.factor}/{r.level_a}-{r.level_b}"
        ok = [scheffe_consistent(float(r.p), int(r.p_decimals), low) for low in lows]
        head = (f"Scheffé {r.level_a} vs {r.level_b} p = {fmt_p(r.p)}; a Scheffé p is never below the p of the "
                "omnibus of the same means on the same error, which the printed Type III F is only in a balanced "
                "design (here the bound is approximate): ")
        if ok[0]:
            records.append(record("posthoc_omnibus", loc, float(r.p), head + texts[0] + ": consistent", "pass"))
        elif ok[1]:
            evidence = (head + texts[0] + f", so a Scheffé contrast on those means reaching p = {fmt_p(r.p)} is "
                        "unlikely; " + texts[1] + ": consistent if the Scheffé test compared the settings' "
                        "group-type differences; simple effects of setting within each group type (closest to the "
                        "text's wording) have no printed omnibus to check against; the text does not say which")
            records.append(record("posthoc_omnibus", loc, float(r.p), evidence, "note"))
        else:
            records.append(record("posthoc_omnibus", loc, float(r.p), head + "; ".join(texts) + ": consistent with "
                                "neither", "error"))
    return to_frame(records)
