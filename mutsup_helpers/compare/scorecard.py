"""Paper vs here: every printed number next to the number recomputed from a data set.

:func:`scorecard` recomputes, with the package's analysis functions (one
implementation each), every quantity the paper printed and decides a status
per number:

``match``
    the recomputed value rounds to the printed one (or the label/claim holds);
``mismatch``
    it does not, although the printed number is attainable;
``unreachable``
    the printed number cannot be reached by any data set consistent with the
    rest of the paper (a printing error); ``note`` carries the proof: the audit
    finding behind it and its evidence (:mod:`mutsup_helpers.checks.proofs`).

It works on any data set that follows the codebook. ``mutsup verify`` prints it;
every notebook shows its own section through :func:`paper_vs_here`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

import pandas as pd

from ..checks.proofs import unreachable_targets
from ..data.tables import sample_table
from ..memo import content_key, remember
from ..paper.design import ALPHA, SPLIT_LABELS
from ..paper.printed import matches_printed, printed_p
from ..paper.published import Published, id_part, load_published, pattern_id
from ..paper.shapes import ShapeTarget, shape_targets
from ..stats.anova import mixed_anova
from ..stats.correlations import correlate
from ..stats.group_tests import compare_groups
from ..stats.posthoc import scheffe
from ..stats.shapes import shape_statistic

__all__ = ["NOT_COMPUTABLE", "SCORECARD_COLUMNS", "pattern_holds", "scorecard", "summarize"]

SCORECARD_COLUMNS = ["section", "target", "what", "printed", "reproduced", "status", "note"]
#: The status of a printed number these data cannot give at all (an empty design cell, a group of one).
NOT_COMPUTABLE = "not computable"


def scorecard(
    data: pd.DataFrame,
    pub: Published | None = None,
    section: str | None = None,
    items: Iterable[str] | None = None,
    effects: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every printed number of the paper with its recomputed value and a status.

    Returns a DataFrame with columns :data:`SCORECARD_COLUMNS`, one row per
    target of :meth:`Published.targets`, in the same order. ``section``,
    ``items`` and ``effects`` keep only the targets whose id names one of them
    (only those are computed).

    The result is remembered for the same data (by content) and the same ``pub``
    object, so notebooks that show several views of one scorecard compute it once.

    Used in: every notebook (through :func:`paper_vs_here`), ``mutsup verify``.
    """
    pub = pub or load_published()
    # Keyed by the registry's content: an edited registry is scored afresh, an equal one is reused.
    key = (content_key(data), pub.key, section,
           None if items is None else tuple(items), None if effects is None else tuple(effects))
    return remember(_CARDS, key, lambda: _compute_scorecard(data, pub, section, items, effects))


_CARDS: dict[tuple, pd.DataFrame] = {}


def _compute_scorecard(data, pub, section, items, effects) -> pd.DataFrame:
    targets = _select(pub.targets(), section, items, effects)
    here = _Reproduction(data, pub)
    unreachable = _unreachable(pub, section)
    rows = []
    for t in targets.itertuples():
        reproduced, what = here.value(t.target)
        if t.kind == "shape":
            status = "match" if reproduced is not None and here.shape(t.target).holds(reproduced) else "mismatch"
        else:
            status = _status(t.kind, reproduced, t.printed, t.decimals)
        note = ""
        if reproduced is None:  # the data cannot give this number (a class's own survey, say): say why
            # a shape keeps the sentence it encodes: the claim stands whether or not these data can test it
            status, note, what = NOT_COMPUTABLE, what, here.shape(t.target).claim_text if t.kind == "shape" else ""
        if status != "match" and t.target in unreachable:
            status, note = "unreachable", _proof_text(unreachable[t.target])
        elif t.target in unreachable:
            note = "reading: " + str(unreachable[t.target].get("best", ""))
        rows.append((t.section, t.target, readable(what), t.printed, reproduced, status, note))
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


# The data contract's names as a reader says them, for the "what" column (the target id keeps
# the contract's names, for mutsup verify --json and for code).
_READABLE = (
    (re.compile(r"twelve_step - ms"), "12-step minus psychiatric"),
    (re.compile(r"\((?:ms)\)"), "(psychiatric groups)"),
    (re.compile(r"\((?:twelve_step)\)"), "(12-step groups)"),
    (re.compile(r"(\w+)_twelve_step\b"), r"\1, 12-step groups"),
    (re.compile(r"(\w+)_ms\b"), r"\1, psychiatric groups"),
    *((re.compile(rf"\b{split}\b"), label) for split, label in SPLIT_LABELS.items()),
    (re.compile(r"(?<=\w):(?=\w)"), " x "),
    (re.compile(r"\bsetting3\b"), "setting"),
    (re.compile(r"(?<=[a-z])_(?=[a-z])"), " "),
)


def readable(what: str) -> str:
    """A scorecard description with the contract's names in words.

    >>> readable("t-test familiarity (ms), self_hospitalized No - Yes: t")
    't-test familiarity (psychiatric groups), ever treated (self) No - Yes: t'
    >>> readable("Table 3: r(referral_twelve_step, years_in_discipline) r, pairwise N = 400")
    'Table 3: r(referral, 12-step groups, years in discipline) r, pairwise N = 400'
    >>> readable("helpfulness: group_type:training F (N = 359)")
    'helpfulness: group type x training F (N = 359)'
    """
    for pattern, words in _READABLE:
        what = pattern.sub(words, what)
    return what


def _unreachable(pub: Published, section: str | None) -> dict[str, dict]:
    """Proofs of the unreachable targets (of one section, or all), once per registry content."""
    key = (pub.key, section)
    if key not in _PROOFS:
        sections = None if section is None else [section]
        _PROOFS[key] = {u["target"]: u for u in unreachable_targets(pub, sections=sections)}
    return _PROOFS[key]


_PROOFS: dict[tuple, dict[str, dict]] = {}


def _select(targets: pd.DataFrame, section, items, effects) -> pd.DataFrame:
    if section is not None:
        if section not in set(targets["section"]):
            raise ValueError(f"section must be one of {sorted(set(targets['section']))}, not {section!r}")
        targets = targets[targets["section"] == section]
    for wanted in (items, effects):
        if wanted is not None:
            names = set(wanted)
            targets = targets[targets["target"].map(lambda t, names=names: bool(names & set(t.split("/"))))]
    return targets


def summarize(card: pd.DataFrame) -> pd.DataFrame:
    """Counts of match / mismatch / unreachable (and not computable, when any) per section, with a total row."""
    counts = pd.crosstab(card["section"], card["status"], margins=True, margins_name="total")
    statuses = ["match", "mismatch", "unreachable"] + ([NOT_COMPUTABLE] if NOT_COMPUTABLE in counts else [])
    for status in statuses:
        if status not in counts:
            counts[status] = 0
    return counts[[*statuses, "total"]]


# ----------------------------------------------------------------------------- status


def _status(kind: str, reproduced, printed, decimals) -> str:
    if reproduced is None or (isinstance(reproduced, float) and math.isnan(reproduced)):
        return "mismatch"
    checks: dict[str, Callable[[], bool]] = {
        "round": lambda: matches_printed(float(reproduced), float(printed), int(decimals)),
        "p_below": lambda: printed_p(float(printed), int(decimals)).contains(reproduced),
        "flag": lambda: bool(reproduced) == bool(printed),
        "stars": lambda: reproduced == printed,
        "not_significant": lambda: float(reproduced) > ALPHA,
        "none_significant": lambda: float(reproduced) >= ALPHA,
        "pattern": lambda: bool(reproduced),
    }
    return "match" if checks[kind]() else "mismatch"


def _proof_text(record: dict) -> str:
    best = f"; reading used: {record['best']}" if record.get("best") not in (None, "") else ""
    return f"{record['proof']} (audit: {record['finding']}{best})"


# ------------------------------------------------------------------------ reproduction


class _Reproduction:
    """Lazily computes the quantities the targets name; each analysis runs once."""

    def __init__(self, data: pd.DataFrame, pub: Published):
        self.data = data
        self.pub = pub
        self._cache: dict = {}

    def _once(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def value(self, target: str) -> tuple[object, str]:
        """Recomputed value of one target and a short description of it."""
        section, *parts = target.split("/")
        handler = getattr(self, f"_{section}")
        try:
            return handler(*parts)
        except ValueError as exc:  # e.g. an empty design cell in a class's own data
            return None, f"not computable on these data: {exc}"
        except (KeyError, IndexError):  # a level nobody in these data has
            return None, "not computable on these data: nobody in them has this level"

    # Table 1 and the coded factors ------------------------------------------------
    def _table1(self, variable, level, stat):
        table = self._once("table1", lambda: sample_table(self.data).assign(level=lambda t: t["level"].map(id_part))
                           .set_index(["variable", "level"]))
        return table.loc[(variable, level), stat], f"Table 1: {variable} = {level}, {stat}"

    def _continuous(self, variable, stat):
        series = self.data[variable].dropna()
        value = series.mean() if stat == "mean" else series.std(ddof=1)
        return float(value), f"{variable}: {stat}"

    def _derived_factors(self, factor, level, _stat):
        return int((self.data[factor] == level).sum()), f"coded {factor} = {level}: n"

    # Table 2 and the t-tests ------------------------------------------------------
    def _ttest_result(self, split, item):
        return self._once(("ttest", split, item), lambda: compare_groups(self.data, split, item, fallback=False))

    def _table2(self, split, item, level, stat=None):
        res = self._ttest_result(split, item)
        if level == "flag":
            flagged = bool(res["p"] < ALPHA and res["mean_yes"] > res["mean_no"])
            return flagged, f"Table 2: {item} (ms) by {split}: Yes higher, pooled t p < .05"
        key = {"n": "n", "mean": "mean", "sd": "sd"}[stat]
        return float(res[f"{key}_{level.lower()}"]), f"Table 2: {item} (ms), {split} = {level}: {stat}"

    def _ttest(self, split, item, stat):
        res = self._ttest_result(split, item)
        return float(res[stat]), f"t-test {item} (ms), {split} No - Yes: {stat}"

    # Table 3 ----------------------------------------------------------------------
    def _table3(self, item, group_type, years, stat):
        res = self._once(("r", item, group_type, years), lambda: correlate(self.data, years, f"{item}_{group_type}",
                                                                    fallback=False))
        value = res["stars"] if stat == "stars" else float(res["r"])
        return value, f"Table 3: r({item}_{group_type}, {years}) {stat}, pairwise N = {int(res['n'])}"

    # ANOVAs -----------------------------------------------------------------------
    def _anova_result(self, item):
        return self._once(("anova", item), lambda: mixed_anova(self.data, item, fallback=False))

    def _anova(self, item, effect, stat):
        res = self._anova_result(item)
        row = res.table.set_index("effect").loc[effect]
        if stat == "not_significant":
            return float(row["p"]), f"{item}: {effect} F({row.df1:.0f}, {row.df2:.0f}) = {row.F:.2f}, p"
        return float(row[stat]), f"{item}: {effect} {stat} (N = {res.n})"

    def _value_means(self, group_type, stat):
        res = self._anova_result("value")
        column = res.sample[f"value_{group_type}"]
        value = column.mean() if stat == "mean" else column.std(ddof=1)
        return float(value), f"value ({group_type}) in the ANOVA sample (N = {res.n}): {stat}"

    # Scheffé ----------------------------------------------------------------------
    def _scheffe(self, item, factor, pair, stat=None):
        table = self._once(("scheffe", item, factor), lambda: scheffe(self.data, item, factor=factor,
                                                                                fallback=False))
        if pair == "none_significant":
            return float(table["p"].min()), f"{item}: smallest Scheffé p among {factor} pairs (difference score)"
        level_a, level_b = pair.split("-")
        row = table[(table.level_a == level_a) & (table.level_b == level_b)].iloc[0]
        return float(row["p"]), f"{item}: Scheffé {level_a} vs {level_b} on twelve_step - ms, p"

    # Mean patterns ----------------------------------------------------------------
    def _pattern(self, item, factor, group_type, focus):
        rec = next(
            r
            for r in self.pub.mean_patterns
            if pattern_id(r) == f"pattern/{item}/{factor}/{group_type}/{focus}"
        )
        return pattern_holds(self._anova_result(item), rec), f"{item}: observed means, {factor}"

    # Shapes the text gives the figures ---------------------------------------------
    def shape(self, target: str) -> ShapeTarget:
        return self._once("shapes", lambda: _shapes_by_id(self.pub))[target]

    def _shape(self, *parts):
        target = self.shape("/".join(("shape", *parts)))
        value = shape_statistic(self.data, target.item, target.statistic)
        if math.isnan(value):
            return None, "not computable on these data: a level or cell it compares is empty"
        return value, target.claim_text


def _shapes_by_id(pub: Published) -> dict[str, ShapeTarget]:
    return {t.id: t for t in shape_targets(pub)}


def pattern_holds(result, rec: dict) -> bool:
    """Whether the observed (weighted) means of the ANOVA sample follow one claim."""
    factor = rec["factor"]
    if factor == "group_type":
        means = result.marginal_means("group_type").set_index("group_type")["weighted_mean"]
        return all(means[rec["higher"]] > means[other] for other in rec["than"])
    means = result.marginal_means(factor).set_index([factor, "group_type"])["weighted_mean"]
    if "larger_gap_on" in rec:
        levels = list(result.marginal_means(factor)[factor].cat.categories)
        gap = {g: abs(means[(levels[0], g)] - means[(levels[1], g)]) for g in ("ms", "twelve_step")}
        return all(gap[rec["larger_gap_on"]] > gap[other] for other in rec["than"])
    group = rec["group_type"]
    if "higher" in rec:
        return all(means[(rec["higher"], group)] > means[(other, group)] for other in rec["than"])
    return all(means[(rec["lower"], group)] < means[(other, group)] for other in rec["than"])
