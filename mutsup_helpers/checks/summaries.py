"""Audit families ``grim`` and ``sd_bounds``: every printed mean and SD of an integer item.

Imports ``paper/`` and the bounds of ``checks/``. Used in: ``checks/audit.py``.
"""

from __future__ import annotations

import math

import pandas as pd

from ..paper.design import SCALE
from ..paper.published import Published
from .integers import grim_range, sd_check
from .marks import pairwise_n_bounds
from .records import fixed, record, to_frame

__all__ = ["audit_grim", "audit_sd"]


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
    return to_frame(records)


def _no_n_record(check: str, loc: str, printed, ns) -> dict | None:
    """A record when the printed Ns leave no possible N (they need more answers than respondents)."""
    if isinstance(ns, range) and not ns:
        return record(check, loc, printed, f"the printed Ns need at least {ns.start} answers, but there are only "
                      f"{ns.stop - 1} respondents", "inconsistency")
    return None


def _grim_record(loc: str, mean: float, ns, decimals: int) -> dict:
    if (empty := _no_n_record("grim", loc, mean, ns)) is not None:
        return empty
    ns = list(ns)
    ok = grim_range(mean, ns, decimals)
    n_text = f"N = {ns[0]}" if len(ns) == 1 else f"N between {ns[0]} and {ns[-1]}"
    if ok:
        n = ok[0]
        s = round(mean * n)
        evidence = f"{n_text}: {s} / {n} = {s / n:.4f}, which prints as {fixed(mean, decimals)}"
        if len(ns) > 1:
            evidence += f" ({len(ok)} of the {len(ns)} Ns allow it)"
        return record("grim", loc, mean, evidence, "pass")
    n = ns[0]
    s = math.floor(mean * n)
    evidence = (f"{n_text}: no integer total gives a mean printing as {fixed(mean, decimals)} "
                f"(e.g. {s} / {n} = {s / n:.4f}, {s + 1} / {n} = {(s + 1) / n:.4f})")
    return record("grim", loc, mean, evidence, "inconsistency")


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
    return to_frame(records)


def _sd_record(loc, mean, sd, ns, scale, mean_dec, sd_dec) -> dict:
    if (empty := _no_n_record("sd_bounds", loc, sd, ns)) is not None:
        return empty
    ns = list(ns)
    res = sd_check(mean, sd, ns, scale, mean_dec, sd_dec)
    n_text = f"N = {ns[0]}" if len(ns) == 1 else f"N between {ns[0]} and {ns[-1]}"
    head = f"{n_text}, answers {scale[0]}-{scale[1]}, mean {fixed(mean, mean_dec)}: "
    if not res["within_bounds"]:
        if math.isnan(res["sd_max"]):
            return record("sd_bounds", loc, sd, head + "the mean itself is impossible (GRIM)", "inconsistency")
        side = "largest" if sd > res["sd_max"] else "smallest"
        bound = res["sd_max"] if side == "largest" else res["sd_min"]
        evidence = (head + f"the {side} possible SD is {bound:.3f} (at N = {res['n_max']}"
                    f"{', every answer at a scale end as far as the mean allows' if side == 'largest' else ''}); "
                    f"the printed SD {fixed(sd, sd_dec)} cannot be a standard deviation of these answers")
        return record("sd_bounds", loc, sd, evidence, "inconsistency")
    span = f"SD between {res['sd_min']:.3f} and {res['sd_max']:.3f}"
    if not res["exact"]:
        return record("sd_bounds", loc, sd, head + f"{span}, but no set of answers prints as both this mean and "
                    f"SD {fixed(sd, sd_dec)}", "inconsistency")
    return record("sd_bounds", loc, sd, head + f"{span}; some answers print as both the mean and "
                f"SD {fixed(sd, sd_dec)}", "pass")
