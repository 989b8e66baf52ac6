"""The text's shape claims as checkable targets: which setting stands apart, where a gap lies.

The Results and Discussion say more about Figures 1-4 than the printed numbers fix: that
rehabilitation is the setting whose staff rate psychiatric groups higher and 12-step groups
lower than both other settings, that the training gap on helpfulness is on 12-step groups,
that 12-step groups are valued more in every cell. The registry's ``shapes`` section holds
each claim with its place in the paper; :data:`~.readings.SHAPE_BANDS` holds the bands that
make it checkable (the rebuild's choice). :func:`shape_targets` turns both into one list of
targets, each a :class:`Statistic` of the ANOVA sample (complete cases of the item, both
factors known) with a band.

The solver reaches them (``reconstruct/items.py`` maps each statistic to a kernel code), the
scorecard checks them on any data set (``stats/shapes.py`` computes each statistic), and
``mutsup verify`` lists them in their own section.

Used in: ``paper/published.py`` (targets), ``reconstruct/``, ``compare/scorecard.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .design import design_of
from .readings import SHAPE_BANDS, ShapeBands

__all__ = ["SHAPE_GROUPS", "ShapeTarget", "Statistic", "shape_targets"]

#: What a statistic is computed on: each group type's answers, or 12-step minus psychiatric.
SHAPE_GROUPS = ("ms", "twelve_step", "difference")
_FACTORS = {"setting": "setting3", "training": "training"}


@dataclass(frozen=True)
class Statistic:
    """One number of the ANOVA sample.

    ``mean_diff``: observed mean of ``group`` at level ``a`` of ``factor`` minus at level ``b``.
    ``share``: on the difference score, the sum of squares of the contrast of level ``a``
    against the mean of the other levels, as a share of it plus the contrast between those
    other levels; ``weighting`` ``type3`` uses the unweighted marginal means of the training x
    setting cells (the Type III contrasts, training in the model), ``observed`` the observed
    setting means (what a figure of the setting means shows).
    ``min_cell``: the smallest training x setting cell mean of ``group``.
    """

    kind: str
    group: str = "difference"
    factor: str | None = None
    a: str | None = None
    b: str | None = None
    weighting: str | None = None


@dataclass(frozen=True)
class ShapeTarget:
    id: str
    item: str
    claim: str
    statistic: Statistic
    lo: float
    hi: float
    what: str  # the band in words
    says: str  # the registry's retelling of the claim
    location: str

    @property
    def claim_text(self) -> str:
        """The claim retold, with the section of the paper it comes from."""
        return f"{self.says} ({self.location})"

    def holds(self, value: float) -> bool:
        return not math.isnan(value) and self.lo <= value <= self.hi


def _label(level: str) -> str:
    return level.replace("_", " ")


def _stands_apart(rec: dict, factor: str, levels: list[str], bands: ShapeBands):
    level, m = rec["level"], bands.visible_margin
    for other in (lv for lv in levels if lv != level):
        yield (f"ms/{level}-{other}", Statistic("mean_diff", "ms", factor, level, other), m, math.inf,
               f"psychiatric groups: {_label(level)} - {_label(other)} >= {m:.2f}")
        yield (f"twelve_step/{other}-{level}", Statistic("mean_diff", "twelve_step", factor, other, level), m,
               math.inf, f"12-step groups: {_label(other)} - {_label(level)} >= {m:.2f}")


def _carries_interaction(rec: dict, factor: str, levels: list[str], bands: ShapeBands):
    level, s = rec["level"], bands.most_share
    for weighting, words in (("type3", "Type III, training in the model"), ("observed", "observed setting means")):
        yield (f"share_{weighting}", Statistic("share", "difference", factor, level, weighting=weighting), s, 1.0,
               f"difference score: {_label(level)} vs the others carries >= {s:.2f} of the two contrasts' "
               f"SS ({words})")


def _gap_on_one_group(rec: dict, factor: str, levels: list[str], bands: ShapeBands):
    a, b = levels[0], levels[1]
    yield (f"{rec['clear']}_gap", Statistic("mean_diff", rec["clear"], factor, a, b), bands.clear_gap, math.inf,
           f"{_group_words(rec['clear'])}: {_label(a)} - {_label(b)} >= {bands.clear_gap:.2f}")
    yield (f"{rec['nil']}_gap", Statistic("mean_diff", rec["nil"], factor, a, b), -bands.nil_gap, bands.nil_gap,
           f"{_group_words(rec['nil'])}: |{_label(a)} - {_label(b)}| <= {bands.nil_gap:.2f}")


def _every_cell(rec: dict, factor: str | None, levels: list[str], bands: ShapeBands):
    m = bands.cell_margin
    yield ("cells/min_difference", Statistic("min_cell", "difference"), m, math.inf,
           f"smallest training x setting cell mean of 12-step - psychiatric >= {m:.2f}")


_CLAIMS = {"stands_apart": _stands_apart, "carries_interaction": _carries_interaction,
           "gap_on_one_group": _gap_on_one_group, "every_cell": _every_cell}


def _group_words(group: str) -> str:
    return {"ms": "psychiatric groups", "twelve_step": "12-step groups"}.get(group, group)


def shape_targets(pub, bands: ShapeBands = SHAPE_BANDS) -> list[ShapeTarget]:
    """Every shape target of the registry ``pub``, in registry order.

    >>> from mutsup_helpers.paper.published import load_published
    >>> targets = shape_targets(load_published())
    >>> len(targets), targets[0].id
    (21, 'shape/familiarity/setting3/ms/rehabilitation-treatment')
    """
    design = design_of(pub)
    out = []
    for rec in pub.source.get("shapes", []):
        factor = _FACTORS.get(rec.get("factor"))
        levels = list(design.levels[factor]) if factor else []
        for name, statistic, lo, hi, what in _CLAIMS[rec["claim"]](rec, factor, levels, bands):
            prefix = f"shape/{rec['item']}/{factor}" if factor else f"shape/{rec['item']}"
            out.append(ShapeTarget(f"{prefix}/{name}", rec["item"], rec["claim"], statistic, lo, hi, what,
                                   rec["says"], rec["location"]))
    return out

