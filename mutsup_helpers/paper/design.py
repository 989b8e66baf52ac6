"""The study's design as the paper states it: items, factors, scale, alpha, how it prints p.

The one home of every design fact the package uses. The names of items, group
types, the personal-experience splits and the years variables follow the data
contract; the levels of the coded between-subjects factors are read from the
registry (the Analyses section states the coded groups and their sizes), so an
effect's numerator df and the complete cases behind a denominator df are
computed from what the paper printed, by :func:`effect_df1` and
:func:`n_from_df2` and nowhere else. The codebook (``data/datapackage.json``)
spells the same levels; a test keeps the two in step.

This layer imports nothing from the rest of the package but :mod:`.published`.

Used in: every layer (the scorecard, the audit, the solver, the analyses' defaults).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

__all__ = [
    "ALPHA",
    "Design",
    "GROUP_TYPES",
    "GROUP_TYPE_LABELS",
    "ITEMS",
    "PAPER_BETWEEN",
    "SCALE",
    "SPLIT_LABELS",
    "SPLIT_LEVELS",
    "STAR_LEVELS",
    "TABLE1_SPLITS",
    "TABLE2_SPLITS",
    "WITHIN",
    "YEARS",
    "design_of",
    "effect_df1",
    "n_from_df2",
    "paper_design",
    "stars",
]

#: The five survey items, in the order of the Measures section.
ITEMS = ("familiarity", "helpfulness", "referral", "interference", "value")
#: The within-subject factor's levels: psychiatric mutual support ("ms") and 12-step groups.
GROUP_TYPES = ("ms", "twelve_step")
#: How the group types read in a sentence.
GROUP_TYPE_LABELS = {"ms": "psychiatric-group", "twelve_step": "12-step-group"}
WITHIN = "group_type"
#: The between-subjects factors of the paper's mixed ANOVAs (coded training, coded setting).
PAPER_BETWEEN = ("training", "setting3")
#: The three personal-experience questions in the order of Table 1 (demographics) ...
TABLE1_SPLITS = ("self_hospitalized", "family_hospitalized", "participates_mutual_support")
#: ... and in the order of Table 2 (the t-tests), which differs.
TABLE2_SPLITS = ("participates_mutual_support", "self_hospitalized", "family_hospitalized")
SPLIT_LEVELS = ("No", "Yes")
#: How the three splits read in a label (figures, the replication table).
SPLIT_LABELS = {"self_hospitalized": "ever treated (self)", "family_hospitalized": "family member treated",
                "participates_mutual_support": "in peer support"}
YEARS = ("years_in_setting", "years_in_discipline")
#: Every item is answered on integers 1-5.
SCALE = (1, 5)
ALPHA = 0.05
#: Table 3's significance marks: the largest p each mark stands for (two-tailed).
STAR_LEVELS = {"**": 0.01, "*": 0.05}


def stars(p: float) -> str:
    """The paper's significance marks: ``"**"`` p < .01, ``"*"`` p < .05, else ``""``.

    >>> [stars(p) for p in (0.001, 0.03, 0.05, 0.2)]
    ['**', '*', '', '']
    """
    return next((mark for mark, bound in STAR_LEVELS.items() if p < bound), "")


@dataclass(frozen=True)
class Design:
    """Levels of each factor of the mixed design (between factors first, then the within factor).

    >>> d = Design({"training": ("a", "b"), "setting3": ("t", "r", "c"), "group_type": GROUP_TYPES})
    >>> d.cells, d.effect_df1("group_type:setting3"), d.n_from_df2(353)
    (6, 2, 359)
    >>> d.between_effects
    ('training', 'setting3', 'training:setting3')
    """

    levels: dict[str, tuple[str, ...]]
    within: str = WITHIN

    @property
    def between(self) -> tuple[str, ...]:
        return tuple(f for f in self.levels if f != self.within)

    @property
    def cells(self) -> int:
        """Number of between-subjects cells (the df lost by each error stratum)."""
        return math.prod(len(self.levels[f]) for f in self.between)

    @property
    def between_effects(self) -> tuple[str, ...]:
        """Main effects and interactions of the between factors, lower orders first."""
        return tuple(":".join(c) for k in range(1, len(self.between) + 1) for c in combinations(self.between, k))

    @property
    def within_effects(self) -> tuple[str, ...]:
        """The within factor and its interactions with every between effect."""
        return (self.within, *(f"{self.within}:{e}" for e in self.between_effects))

    @property
    def effects(self) -> tuple[str, ...]:
        """Every effect of the mixed ANOVA, in the order the package reports them."""
        return self.between_effects + self.within_effects

    def effect_df1(self, effect: str) -> int:
        """Numerator df: the product of (levels - 1) over the effect's factors."""
        return math.prod(len(self.levels[f]) - 1 for f in effect.split(":"))

    def n_from_df2(self, df2: int) -> int:
        """Complete cases behind an error df: both strata of a split-plot ANOVA have N - cells df."""
        return int(df2) + self.cells


def design_of(pub) -> Design:
    """The design a registry states: the coded between factors of ``derived_factors``, and group type.

    >>> from mutsup_helpers.paper.published import load_published
    >>> d = design_of(load_published())
    >>> {f: len(v) for f, v in d.levels.items()}, d.cells
    ({'training': 2, 'setting3': 3, 'group_type': 2}, 6)
    """
    frame = pub.derived_factors
    levels = {factor: tuple(g["level"]) for factor, g in frame.groupby("factor", sort=False)}
    return Design({**levels, WITHIN: GROUP_TYPES})


@lru_cache(maxsize=1)
def paper_design() -> Design:
    """The design of the shipped registry (``data/published_results.yaml``)."""
    from .published import load_published

    return design_of(load_published())


def effect_df1(effect: str, design: Design | None = None) -> int:
    """Numerator df of an effect of ``design`` (the paper's by default).

    >>> effect_df1("group_type:training"), effect_df1("group_type:setting3")
    (1, 2)
    """
    return (design or paper_design()).effect_df1(effect)


def n_from_df2(df2: int, design: Design | None = None) -> int:
    """Complete cases of a mixed ANOVA whose error df is ``df2`` (the paper's design by default).

    >>> n_from_df2(381)
    387
    """
    return (design or paper_design()).n_from_df2(df2)
