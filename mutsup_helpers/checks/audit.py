"""The paper checked against itself: a reporting audit from the printed numbers alone.

No data are needed. A paper's printed numbers constrain one another: a test
statistic and its degrees of freedom fix the p value, a design fixes the
degrees of freedom, a count and N fix a percentage, the mean of integer answers
with a known N can take only certain values, a correlation and N fix its
significance stars, and the text's claims must agree with the tables. This
module checks every such constraint in nine families:

``statcheck``
    test statistic, df and printed p agree within rounding (Nuijten et al., 2016);
``df``
    numerator df follow from the design, denominator df from the complete cases;
``grim``
    a mean of integer answers is possible with its N (Brown & Heathers, 2017);
``sd_bounds``
    an SD lies between the smallest and largest possible for a bounded integer
    item with that mean and N, and the mean and SD are possible together;
``table_arithmetic``
    counts sum to N, percentages follow from counts, group sizes in the text
    follow from the tables, t-test df follow from the group sizes;
``significance_marks``
    stars and superscript flags are attainable with the printed r, N, means and
    SDs; printed t statistics agree with the printed summaries;
``text_claims``
    the text's claims (``data/published_claims.yaml``) against the tables;
``scale_direction``
    the text's reading of a correlation against the direction of the scale;
``posthoc_omnibus``
    a Scheffé contrast is never more significant than its omnibus F.

Every check produces one row, passed or not (:func:`audit_table`): ``check``
(the family), ``location`` (a stable id such as ``table1/age_range/51-65`` or
``anova/helpfulness/group_type:training``), ``printed``, ``evidence`` (the
computation, in words, with its numbers) and ``outcome``. A check that fails
is a *finding* (:func:`run_audit`) with one of three severities:

``error``
    the printed numbers contradict a conclusion a reader would draw: a
    significance decision that flips (statcheck's "gross inconsistency"), a
    significance mark that is wrong about p < .05, a group larger than the
    people who could be in it, or an interpretation that runs against the
    scale's direction;
``inconsistency``
    printed numbers that cannot all be right (beyond rounding), while the
    conclusions drawn from them stand;
``note``
    consistent only under a reading the paper does not state, or a reporting
    practice worth knowing about; nothing is shown to be wrong.

A number consistent within its printed rounding always passes: the checks use
exact ranges over every value that prints as the printed number, never a point
estimate. Each family is a public function of a
:class:`~mutsup_helpers.paper.published.Published` (any paper's numbers in the same
YAML form); the plain-number checks they apply are public too
(:mod:`mutsup_helpers.checks.integers`, :mod:`mutsup_helpers.checks.statistics`). The
findings are also the only source of the scorecard's proofs (:mod:`mutsup_helpers.checks.proofs`).

Used in: notebook 10 (reporting audit), ``mutsup audit``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import pandas as pd

from ..paper.claims import load_claims
from ..paper.published import Published, load_published
from .claims import audit_claims, audit_scale_direction
from .marks import audit_marks
from .posthoc import audit_posthoc
from .records import AUDIT_COLUMNS, FAMILIES, SEVERITIES
from .reported_tests import audit_df, audit_statcheck
from .summaries import audit_grim, audit_sd
from .tables import audit_arithmetic

__all__ = ["audit_summary", "audit_table", "checks_passed", "run_audit"]

_FAMILY_FUNCTIONS: dict[str, Callable] = {
    "statcheck": lambda pub, claims: audit_statcheck(pub),
    "df": lambda pub, claims: audit_df(pub),
    "grim": lambda pub, claims: audit_grim(pub),
    "sd_bounds": lambda pub, claims: audit_sd(pub),
    "table_arithmetic": lambda pub, claims: audit_arithmetic(pub),
    "significance_marks": lambda pub, claims: audit_marks(pub),
    "text_claims": audit_claims,
    "scale_direction": audit_scale_direction,
    "posthoc_omnibus": lambda pub, claims: audit_posthoc(pub),
}


_CACHE: dict[str, pd.DataFrame] = {}


def audit_table(pub: Published | None = None, claims: list[dict] | None = None) -> pd.DataFrame:
    """Every check of every family, passed or not (columns :data:`CHECK_COLUMNS`), in family order.

    >>> table = audit_table()
    >>> list(table.columns), set(table["outcome"]) <= set(OUTCOMES)
    (['check', 'location', 'printed', 'evidence', 'outcome'], True)
    """
    pub = pub or load_published()
    claims = load_claims() if claims is None else claims
    key = json.dumps([pub.source, claims], sort_keys=True, default=str)
    if key not in _CACHE:
        frames = [_FAMILY_FUNCTIONS[family](pub, claims) for family in FAMILIES]
        _CACHE.clear()
        _CACHE[key] = pd.concat(frames, ignore_index=True)
    return _CACHE[key].copy()


def run_audit(pub: Published | None = None, claims: list[dict] | None = None,
              severity: str | Iterable[str] | None = None) -> pd.DataFrame:
    """All findings: the checks that failed, ordered by location (columns :data:`AUDIT_COLUMNS`).

    ``severity`` keeps one severity or several.

    >>> findings = run_audit()
    >>> list(findings.columns)
    ['check', 'location', 'printed', 'evidence', 'severity']
    >>> "table1/age_range/51-65" in set(run_audit(severity="inconsistency")["location"])
    True
    """
    table = audit_table(pub, claims)
    found = table[table["outcome"] != "pass"].rename(columns={"outcome": "severity"})
    if severity is not None:
        wanted = {severity} if isinstance(severity, str) else set(severity)
        unknown = wanted - set(SEVERITIES)
        if unknown:
            raise ValueError(f"severity must be among {SEVERITIES}, not {sorted(unknown)}")
        found = found[found["severity"].isin(wanted)]
    order = found["check"].map({f: i for i, f in enumerate(FAMILIES)})
    found = found.assign(_order=order).sort_values(["location", "_order"], kind="stable").drop(columns="_order")
    return found[AUDIT_COLUMNS].reset_index(drop=True)


def checks_passed(pub: Published | None = None, claims: list[dict] | None = None) -> pd.DataFrame:
    """The checks that passed (columns check, location, printed, evidence), in family order.

    >>> passed = checks_passed()
    >>> "ttest/participates_mutual_support/familiarity" in set(passed["location"])
    True
    """
    table = audit_table(pub, claims)
    return table[table["outcome"] == "pass"].drop(columns="outcome").reset_index(drop=True)


def audit_summary(pub: Published | None = None, claims: list[dict] | None = None) -> pd.DataFrame:
    """Checks per family: how many were run, passed, and found at each severity, with a total row.

    >>> summary = audit_summary()
    >>> list(summary.columns)
    ['checks', 'pass', 'note', 'inconsistency', 'error']
    >>> int(summary.loc["total", "checks"]) == len(audit_table())
    True
    """
    table = audit_table(pub, claims)
    counts = pd.crosstab(table["check"], table["outcome"]).reindex(index=list(FAMILIES), fill_value=0)
    counts = counts.reindex(columns=["pass", "note", "inconsistency", "error"], fill_value=0)
    counts.insert(0, "checks", counts.sum(axis=1))
    counts.loc["total"] = counts.sum()
    counts.index.name = "family"
    counts.columns.name = None
    return counts.astype(int)
