"""How the rebuild reads each misprint of the paper: once, for the solver, the scorecard and ``data/README.md``.

Where printed numbers cannot all be right (the audit proves which: :mod:`mutsup_helpers.checks`),
some printed number has to give way. Each :class:`Reading` says which one and what is
used instead. The solver builds the data from these readings, the scorecard reports
the printed numbers they give up as *unreachable* (with the audit's proof), and the
table in ``data/README.md`` lists them (a test keeps it in step with :data:`READINGS`).

The readings that need numbers are functions of the registry: :func:`table1_counts`
(the missing row of a Table 1 variable takes up the gap to N) and :func:`anova_df1`
(the design's df1, not the printed one). Nothing here computes a bound; a reading
only chooses among printed numbers.

Used in: ``reconstruct/`` (targets, demographics), ``checks/proofs.py``, ``data/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .design import design_of
from .published import Published

__all__ = ["READINGS", "SHAPE_BANDS", "Reading", "ShapeBands", "absorbing_level", "anova_df1", "reading_for",
           "table1_counts"]


@dataclass(frozen=True)
class Reading:
    """One misprint and the reading the rebuild follows.

    ``family`` and ``location`` name the audit finding it resolves (``location`` may end in
    ``*``: every location with that prefix); ``printed`` and ``used`` are the two columns
    of the table in ``data/README.md``.
    """

    id: str
    family: str
    location: str
    printed: str
    used: str

    def resolves(self, family: str, location: str) -> bool:
        if family != self.family:
            return False
        if self.location.endswith("*"):
            return location.startswith(self.location[:-1])
        return location == self.location


READINGS: tuple[Reading, ...] = (
    Reading("table1_sums", "table_arithmetic", "table1/*",
            "Table 1 counts of a variable that do not sum to N (discipline, setting)",
            "the variable's last row (\"missing\", for setting \"missing/other\") takes up the difference; "
            "its percentage follows the new count"),
    Reading("table1_percentages", "table_arithmetic", "table1/*",
            "Table 1 percentages that disagree with their own counts out of N",
            "the counts are kept; the percentages fall where the counts put them"),
    Reading("coded_setting_sizes", "table_arithmetic", "derived_factors/setting3/*",
            "coded setting sizes (Analyses section) larger than the Table 1 settings they name (treatment, "
            "rehabilitation)",
            "the extra treatment and rehabilitation respondents have setting \"Other\" (a written-in setting); "
            "the coded sizes are reproduced"),
    Reading("anova_df1", "df", "anova/*",
            "a numerator df the design cannot have (helpfulness, group type x training)",
            "the design's df1, with which the printed F gives the printed p"),
    Reading("value_sds", "sd_bounds", "value_means/*",
            "the value SDs in the Results text, larger than any SD of answers on the 1-5 scale with those means",
            "the means are reproduced; the SDs fall where the data put them"),
    Reading("table2_flag", "significance_marks", "table2/*",
            "a Table 2 flag (\"Yes\" significantly higher) that no data with the printed Ns, means and SDs can earn",
            "the Ns, means and SDs are reproduced, without the flag"),
    Reading("table3_stars", "significance_marks", "table3/*",
            "Table 3 stars that an r printed as it is cannot earn at any N the printed Ns allow",
            "the r is reproduced; the stars are those its p earns"),
    Reading("scheffe_referral", "posthoc_omnibus", "scheffe/*",
            "a significant Scheffé pair on referral (treatment vs rehabilitation) beside a Setting main effect "
            "that is not significant (unlikely for a Scheffé on the mean score; the printed Type III F bounds "
            "SPSS's Scheffé on observed means only approximately in this unbalanced design)",
            "the Scheffé test compares the settings on the group-type difference score (12-step minus "
            "psychiatric): observed setting means, the error term of the 2 x 3 model of that score, "
            "F/(k - 1) on (2, df error); simple effects of setting within each group type are as consistent "
            "with the paper, and the rebuild did not target them"),
)


@dataclass(frozen=True)
class ShapeBands:
    """How the rebuild makes the text's shape claims (registry ``shapes``) checkable: the paper
    says which setting stands apart and where a gap lies, never by how much, so these numbers
    are the rebuild's choice, not the paper's. Used by :mod:`.shapes`."""

    #: "higher"/"lower" in a figure: a tenth of a point on the 1-5 scale. Smaller gaps read as a
    #: tie on a plot of the means (the shipped 0.2 data had rehabilitation ahead by 0.02-0.04).
    visible_margin: float = 0.10
    #: "carries most of the interaction": the level's contrast has at least two thirds of the two
    #: contrasts' sums of squares, i.e. at least twice the other contrast's.
    most_share: float = 2 / 3
    #: "hardly differ" / "equally": a gap within a tenth of a point either way.
    nil_gap: float = 0.10
    #: "much larger": at least twice the largest gap that still counts as nil.
    clear_gap: float = 0.20
    #: "in every cell": each cell's 12-step minus psychiatric mean at least this far above zero.
    cell_margin: float = 0.05


SHAPE_BANDS = ShapeBands()


def reading_for(family: str, location: str, evidence: str = "") -> Reading | None:
    """The reading that resolves an audit finding, if the rebuild needs one.

    Two readings share Table 1's family and locations: a whole-variable location
    (``table1/discipline``) is a sum that misses N, a row location a percentage.

    >>> reading_for("table_arithmetic", "table1/discipline").id
    'table1_sums'
    >>> reading_for("df", "anova/helpfulness/group_type:training").id
    'anova_df1'
    >>> reading_for("text_claims", "text/own_participation/familiarity") is None
    True
    """
    if family == "table_arithmetic" and location.startswith("table1/"):
        return _by_id("table1_sums" if location.count("/") == 1 else "table1_percentages")
    return next((r for r in READINGS if r.resolves(family, location)), None)


def _by_id(reading_id: str) -> Reading:
    return next(r for r in READINGS if r.id == reading_id)


def absorbing_level(levels) -> str:
    """The row of a Table 1 variable that takes up a gap to N: the one labelled missing."""
    return next(str(level) for level in levels if str(level).startswith("missing"))


def table1_counts(pub: Published) -> dict[str, dict[str, int]]:
    """Table 1 counts per variable under the reading ``table1_sums``: they sum to N.

    Returns ``{variable: {level: n}}`` with the levels as printed.

    >>> from mutsup_helpers.paper.published import load_published
    >>> counts = table1_counts(load_published())
    >>> counts["discipline"]["missing"], counts["setting"]["missing/other"], sum(counts["setting"].values())
    (12, 31, 421)
    """
    total = int(pub.study["surveys_returned"])
    out: dict[str, dict[str, int]] = {}
    for variable, rows in pub.table1.groupby("variable", sort=False):
        counts = {str(r.level): int(r.n) for r in rows.itertuples()}
        counts[absorbing_level(counts)] += total - sum(counts.values())
        out[variable] = counts
    return out


def anova_df1(pub: Published, effect: str) -> int:
    """The numerator df the rebuild uses for an effect (reading ``anova_df1``): the design's.

    >>> from mutsup_helpers.paper.published import load_published
    >>> anova_df1(load_published(), "group_type:training")
    1
    """
    return design_of(pub).effect_df1(effect)
