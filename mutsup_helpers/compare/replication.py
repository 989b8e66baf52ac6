"""Did your data replicate the paper? A verdict per finding, by established criteria.

The findings are the paper's hypothesis tests: the ten mixed-ANOVA effects it reports as
significant (the registry's ``anova``), the five t-tests of the Personal Experience paragraph
(``ttests``), and the ANOVA effects its text calls not significant (the ``anova_effects``
claims of ``published_claims.yaml``: every item a claim does not list). For each, on the
class's data:

* **direction**: the observed means follow the order the text describes (``mean_patterns``
  of the registry; for a t-test, the sign of the printed t);
* **original in the class's CI**: the paper's partial eta squared, from its printed F and df,
  lies in the class's 90% confidence interval;
* **small telescopes** (Simonsohn, 2015): is the class's effect significantly smaller than the
  one the original design had 33% power to detect? One-sided, alpha = .05;
* for a finding the paper reports as **not significant**, the same one-sided test is an
  equivalence test (Lakens, 2017) whose smallest effect of interest is that 33%-power effect:
  the effect a study the size of the original could barely have seen.

Effect sizes are partial eta squared; its interval comes from the noncentral F distribution
with lambda = f^2 (df1 + df2 + 1) (Steiger, 2004, as in R's MBESS); the 90% interval excludes
0 exactly when p < .05. A t-test is the F test of t^2 on (1, df). The reference values of
every function here are computed with base R in ``tests/reference/make_replication_fixtures.R``.

The effect-size functions are :mod:`mutsup_helpers.stats.effect_sizes`. Imports ``paper/``,
``data/`` and ``stats/``; the scorecard's pattern rule comes from
:mod:`.scorecard`. Used in: notebook 01, ``mutsup run``'s closing lines.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from ..data.load import factor_levels
from ..paper.claims import load_claims
from ..paper.design import ALPHA, ITEMS, SPLIT_LABELS, paper_design
from ..paper.published import Published, load_published
from ..stats.anova import mixed_anova
from ..stats.effect_sizes import eta2_interval, f2_detectable, p_smaller_than, partial_eta2
from ..stats.fallbacks import DesignFallbackWarning, plain_name
from ..stats.group_tests import compare_groups
from .scorecard import pattern_holds

__all__ = [
    "REPLICATION_COLUMNS",
    "VERDICTS",
    "replication_summary",
    "replication_table",
]

#: The verdicts, in the order the summary lists them.
VERDICTS = (
    "replicated",
    "null replicated",
    "inconclusive",
    "not replicated",
    "other direction",
    "not computable",
)
REPLICATION_COLUMNS = [
    "finding", "location", "paper_result", "df1", "paper_df2", "paper_F", "paper_eta2", "paper_low",
    "paper_high", "class_df2", "class_F", "class_p", "class_eta2", "class_low", "class_high",
    "same_direction", "paper_in_class_ci", "bound_eta2", "p_smaller", "verdict", "note",
]
# ----------------------------------------------------------------------------- the findings


def _findings(pub: Published) -> list[dict]:
    """The paper's hypothesis tests: reported ANOVA effects, t-tests, and the nulls its text states."""
    design = paper_design()
    out = []
    for r in pub.anova.itertuples():
        note = "" if r.df1 == design.effect_df1(r.effect) else (
            f"printed df1 = {r.df1} read as the design's {design.effect_df1(r.effect)} (see mutsup audit)")
        out.append({"kind": "anova", "item": r.item, "effect": r.effect, "df1": design.effect_df1(r.effect),
                    "paper_df2": r.df2, "paper_F": r.F, "significant": True, "location": "Results", "note": note})
    for r in pub.ttests.itertuples():
        out.append({"kind": "ttest", "item": r.item, "effect": r.split, "df1": 1, "paper_df2": r.df,
                    "paper_F": r.t ** 2, "paper_t": r.t, "significant": True,
                    "location": "Results: Personal Experience", "note": ""})
    df2_of = pub.anova.groupby("item")["df2"].first().to_dict()
    for claim in load_claims():
        if claim["check"] != "anova_effects":
            continue
        effect = claim["effect"]
        for item in ITEMS:
            if item in claim["significant"]:
                continue
            df2, note = df2_of.get(item), ""
            if df2 is None:  # the paper prints no F (hence no df) for this item
                df2 = int(pub.anova["df2"].max())
                note = (f"the paper prints no df for {item}: the bound uses the largest printed ANOVA "
                        f"df2 ({df2}), our choice")
            out.append({"kind": "anova", "item": item, "effect": effect, "df1": design.effect_df1(effect),
                        "paper_df2": int(df2), "paper_F": np.nan, "significant": False,
                        "location": claim["location"], "note": note})
    return out


def _label(f: dict) -> str:
    """``familiarity: group type x setting``, ``value: ever treated (self) (t-test)``."""
    if f["kind"] == "ttest":
        return f"{f['item']}: {SPLIT_LABELS[f['effect']]} (t-test)"
    effect = f["effect"].replace("group_type", "group type").replace("setting3", "setting")
    return f"{f['item']}: {effect.replace(':', ' x ')}"


def _patterns(pub: Published, item: str, effect: str) -> list[dict]:
    """The mean orders the text gives for an effect (empty: it states none)."""
    recs = [r for r in pub.mean_patterns if r["item"] == item]
    if effect == "group_type":
        return [r for r in recs if r["factor"] == "group_type"]
    if effect == "training":
        return [r for r in recs if r["factor"] == "training" and "larger_gap_on" not in r]
    if effect == "group_type:training":
        return [r for r in recs if r["factor"] == "training" and "larger_gap_on" in r]
    if effect == "group_type:setting3":
        return [r for r in recs if r["factor"] == "setting3"]
    return []


def replication_table(data: pd.DataFrame, pub: Published | None = None) -> pd.DataFrame:
    """One row per finding of the paper, with the class's estimate and the verdict.

    Columns: :data:`REPLICATION_COLUMNS`. ``paper_*`` come from the printed F (or t) and df,
    ``class_*`` from ``data`` through the series' own functions (the mixed ANOVA on the paper's
    design where the data support it; the t-test). A finding the data cannot test is
    ``not computable`` with the reason in ``note``.
    """
    pub = pub or load_published()
    fits: dict = {}
    rows = []
    for f in _findings(pub):
        rows.append(_row(data, pub, f, fits))
    return pd.DataFrame(rows, columns=REPLICATION_COLUMNS)


def _class_anova(data, item, fits):
    if item not in fits:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DesignFallbackWarning)
            fits[item] = mixed_anova(data, item)
    return fits[item]


def _row(data: pd.DataFrame, pub: Published, f: dict, fits: dict) -> dict:
    df1, paper_df2, paper_f = f["df1"], f["paper_df2"], f["paper_F"]
    low, high = eta2_interval(paper_f, df1, paper_df2)
    bound = f2_detectable(df1, paper_df2)
    row = {"finding": _label(f), "location": f["location"],
           "paper_result": "significant" if f["significant"] else "not significant",
           "df1": df1, "paper_df2": paper_df2, "paper_F": paper_f, "paper_eta2": partial_eta2(paper_f, df1, paper_df2),
           "paper_low": low, "paper_high": high, "bound_eta2": bound / (1 + bound)}
    class_f, class_df2, direction, why = _class_test(data, pub, f, fits)
    notes = [n for n in (f["note"], why) if n]
    if not np.isfinite(class_f):
        return {**row, **dict.fromkeys(["class_df2", "class_F", "class_p", "class_eta2", "class_low",
                                        "class_high", "p_smaller"], np.nan),
                "same_direction": None, "paper_in_class_ci": None, "verdict": "not computable",
                "note": "; ".join(notes)}
    c_low, c_high = eta2_interval(class_f, df1, class_df2)
    p = float(stats.f.sf(class_f, df1, class_df2))
    p_small = p_smaller_than(class_f, df1, class_df2, bound)
    inside = None if not f["significant"] else bool(c_low <= row["paper_eta2"] <= c_high)
    return {**row, "class_df2": class_df2, "class_F": class_f, "class_p": p,
            "class_eta2": partial_eta2(class_f, df1, class_df2), "class_low": c_low, "class_high": c_high,
            "same_direction": direction, "paper_in_class_ci": inside, "p_smaller": p_small,
            "verdict": _verdict(f["significant"], p, p_small, direction), "note": "; ".join(notes)}


def _class_test(data, pub, f, fits) -> tuple[float, float, bool | None, str]:
    """The class's F, its df2, whether the text's direction holds (None: none stated) and a note."""
    if f["kind"] == "ttest":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DesignFallbackWarning)
            res = compare_groups(data, f["effect"], f["item"])
        if not np.isfinite(res["t"]):
            return np.nan, np.nan, None, "too few answers in a group for a t-test"
        return float(res["t"]) ** 2, float(res["df"]), bool(np.sign(res["t"]) == np.sign(f["paper_t"])), ""
    fit = _class_anova(data, f["item"], fits)
    table = fit.table.set_index("effect")
    change = _design_change(fit.plan)
    if f["effect"] not in table.index:
        return np.nan, np.nan, None, f"the class's ANOVA has no such effect ({change or fit.note})"
    effect = table.loc[f["effect"]]
    if int(effect["df1"]) != f["df1"]:
        why = f"{int(effect['df1'])} df in the class's ANOVA, {f['df1']} in the paper's ({change})"
        return np.nan, np.nan, None, why
    if not np.isfinite(effect["F"]):
        return np.nan, np.nan, None, f"no F in the class's ANOVA ({fit.note})"
    patterns = _patterns(pub, f["item"], f["effect"]) if f["significant"] else []
    direction = all(pattern_holds(fit, p) for p in patterns) if patterns else None
    return float(effect["F"]), float(effect["df2"]), direction, change


def _design_change(plan) -> str:
    """What the class's ANOVA of an item left out, in a few words ('' when it is the paper's design)."""
    if plan is None or not plan.changed:
        return ""
    if not plan.possible:
        return plan.text()
    parts = []
    for factor in plan.asked:
        if factor not in plan.between:
            parts.append(f"{plain_name(factor)} left out")
            continue
        dropped = [plain_name(level) for level in factor_levels(factor) if level not in plan.levels[factor]]
        if dropped:
            parts.append(f"{' and '.join(dropped)} left out")
    return f"changed design: {'; '.join(parts)} (N = {plan.n}; see mutsup check)"


def _verdict(significant: bool, p: float, p_small: float, direction: bool | None) -> str:
    if significant:
        if p < ALPHA:
            return "other direction" if direction is False else "replicated"
        return "not replicated" if p_small < ALPHA else "inconclusive"
    if p < ALPHA:
        return "not replicated"
    return "null replicated" if p_small < ALPHA else "inconclusive"


def replication_summary(table: pd.DataFrame) -> str:
    """One line: how many findings got each verdict (``mutsup run`` prints it)."""
    counts = table["verdict"].value_counts()
    return ", ".join(f"{int(counts[v])} {v}" for v in VERDICTS if v in counts) + f" (of {len(table)} findings)"
