"""Respondent rows with Table 1's exact counts and a plausible joint structure.

Each categorical column is assigned with exact level counts (after reconciliation,
see :func:`targets.reconciled_counts`) by an assignment problem: every respondent
has a preference score for every level (a plausible association with columns
already assigned, plus Gumbel noise), and the counts are met by maximising the
total score. Demographic nonresponse follows a per-respondent propensity that
later also drives item nonresponse, so that skipping clusters within people.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from ..data.load import load_codebook
from ..paper.published import Published
from .targets import MISSING, SETTING3_LEVELS, SETTING_OTHER, coded_sizes, reconciled_counts

NONRESPONSE_WEIGHT = 6.0  # logit boost of "missing" per unit of propensity

# Plausible log-affinities of a discipline for a setting (0 = neutral). Treatment
# settings draw psychiatrists and nurses; rehabilitation and case management draw
# bachelor-level mental health workers.
_SETTING_AFFINITY = {
    "Psychiatrist": {"Community Mental Health Ctr.": 1.2, "State hospital": 1.5, "Partial hospital program": 0.8,
                     "Psychiatric rehabilitation": -2.0, "Case management program": -1.5, "ACT team": 0.3},
    "Nurse": {"State hospital": 1.2, "Partial hospital program": 0.8, "ACT team": 0.5,
              "Psychiatric rehabilitation": -1.0, "Case management program": -0.8},
    "Psychologist": {"Community Mental Health Ctr.": 1.0, "State hospital": 0.8, "Partial hospital program": 0.3,
                     "Psychiatric rehabilitation": -1.2, "Case management program": -1.2, "ACT team": -0.8},
    "Social worker": {"Community Mental Health Ctr.": 0.8, "Partial hospital program": 0.2,
                      "Psychiatric rehabilitation": 0.3},
    "Masters clinician": {"Community Mental Health Ctr.": 0.7, "Partial hospital program": 0.5},
    "Mental health worker": {"Psychiatric rehabilitation": 0.3, "Case management program": 0.7, "ACT team": 0.4,
                             "Community Mental Health Ctr.": -0.5},
}
_YOUNG, _MIDDLE, _OLDER = "20-35", "36-50", "51-65"
_AGE_AFFINITY = {
    "Psychiatrist": {_YOUNG: -1.5, _OLDER: 0.8},
    "Psychologist": {_YOUNG: -0.5, _OLDER: 0.4},
    "Administrator": {_YOUNG: -1.0, _OLDER: 0.6},
    "Mental health worker": {_YOUNG: 0.6, _OLDER: -0.5},
}


def assign_exact(rng: np.random.Generator, counts: dict[str, int], scores: np.ndarray) -> np.ndarray:
    """Give each row one level so that level counts are exact and total score (plus noise) is maximal.

    ``scores`` has one row per respondent and one column per level of ``counts``.

    >>> rng = np.random.default_rng(0)
    >>> out = assign_exact(rng, {"a": 2, "b": 1}, np.zeros((3, 2)))
    >>> sorted(out.tolist())
    ['a', 'a', 'b']
    """
    levels = list(counts)
    noisy = scores + rng.gumbel(size=scores.shape)
    slots = np.repeat(np.arange(len(levels)), [counts[level] for level in levels])
    rows, cols = linear_sum_assignment(-noisy[:, slots])
    out = np.empty(len(scores), dtype=object)
    out[rows] = np.asarray(levels, dtype=object)[slots[cols]]
    return out


def _scores(levels, n_rows, propensity, by=None, affinity=None) -> np.ndarray:
    """Score matrix: nonresponse propensity for the missing level, affinities given ``by``."""
    scores = np.zeros((n_rows, len(levels)))
    for j, level in enumerate(levels):
        if level == MISSING:
            scores[:, j] = NONRESPONSE_WEIGHT * propensity
        elif by is not None and affinity:
            scores[:, j] = [affinity.get(b, {}).get(level, 0.0) for b in by]
    return scores


def nonresponse_propensity(rng: np.random.Generator, n: int) -> np.ndarray:
    """Per-respondent tendency to skip questions: small for most, large for a few."""
    return rng.beta(0.35, 3.0, size=n)


def build_demographics(pub: Published, rng: np.random.Generator, propensity: np.ndarray) -> pd.DataFrame:
    """All categorical columns of the contract with Table 1 (reconciled) counts."""
    counts = reconciled_counts(pub)
    n = len(propensity)
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    frame["discipline"] = assign_exact(rng, counts["discipline"], _scores(counts["discipline"], n, propensity))
    frame["setting"] = _assign_setting(pub, rng, counts["setting"], frame["discipline"], propensity)
    frame["age_range"] = assign_exact(
        rng, counts["age_range"],
        _scores(counts["age_range"], n, propensity, frame["discipline"], _AGE_AFFINITY))
    for column in ("race_ethnicity", "gender"):
        frame[column] = assign_exact(rng, counts[column], _scores(counts[column], n, propensity))
    _assign_experience(rng, frame, counts, propensity)
    frame["training"] = training_from_discipline(frame["discipline"])
    frame["setting3"] = _assign_setting3(pub, rng, frame)
    return frame


def _assign_setting(pub, rng, counts, discipline, propensity) -> np.ndarray:
    """Setting with "missing/other" split into written-in Other and empty.

    Respondents coded into setting3 beyond the named settings must have written a
    setting in, so they are "Other"; of the rest, half wrote something in.
    """
    counts = dict(counts)
    other_or_missing = counts.pop(MISSING)
    surplus = sum(coded_sizes(pub)["setting3"].values()) - (len(discipline) - other_or_missing)
    counts[SETTING_OTHER] = surplus + (other_or_missing - surplus) // 2
    counts[MISSING] = other_or_missing - counts[SETTING_OTHER]
    scores = _scores(counts, len(discipline), propensity, discipline, _SETTING_AFFINITY)
    scores[:, list(counts).index(MISSING)] += 3.0 * (discipline.to_numpy() == MISSING)
    return assign_exact(rng, counts, scores)


def _assign_experience(rng, frame, counts, propensity) -> None:
    """Own treatment, family treatment and own participation, mildly associated."""
    n = len(frame)
    levels = counts["self_hospitalized"]
    frame["self_hospitalized"] = assign_exact(rng, levels, _scores(levels, n, propensity))
    self_yes = (frame["self_hospitalized"] == "Yes").to_numpy()
    for column, strength in (("family_hospitalized", 0.8), ("participates_mutual_support", 1.5)):
        levels = counts[column]
        scores = _scores(levels, n, propensity)
        scores[:, list(levels).index("Yes")] += strength * self_yes
        frame[column] = assign_exact(rng, levels, scores)


def coding_rule(column: str) -> dict[str, str]:
    """Source label -> coded level, from the codebook's ``mutsup:coding`` of ``column``."""
    field = next(f for f in load_codebook() if f.name == column)
    return {source: level for level, sources in field.coding.items() for source in sources}


def training_from_discipline(discipline: pd.Series) -> pd.Series:
    """The coding rule of the codebook; empty for discipline Other or missing."""
    return discipline.map(coding_rule("training")).fillna(MISSING)


def _assign_setting3(pub: Published, rng, frame) -> np.ndarray:
    """Named settings map to their level; the coded surplus comes from written-in "Other"."""
    setting3 = frame["setting"].map(coding_rule("setting3")).fillna(MISSING).to_numpy(dtype=object)
    sizes = coded_sizes(pub)["setting3"]
    other = np.flatnonzero(frame["setting"].to_numpy() == SETTING_OTHER)
    surplus = {level: sizes[level] - int((setting3 == level).sum()) for level in SETTING3_LEVELS}
    if min(surplus.values()) < 0 or sum(surplus.values()) > len(other):
        raise ValueError(f"setting3 sizes cannot be reached from Table 1 settings: {surplus}")
    surplus[MISSING] = len(other) - sum(surplus.values())
    # Written-in settings of psychiatrists and nurses read as treatment, of workers as rehabilitation.
    disc = frame["discipline"].to_numpy()[other]
    scores = np.zeros((len(other), len(surplus)))
    levels = list(surplus)
    scores[:, levels.index("treatment")] = np.isin(disc, ["Psychiatrist", "Nurse", "Psychologist"]) * 1.0
    scores[:, levels.index("rehabilitation")] = (disc == "Mental health worker") * 1.0
    setting3[other] = assign_exact(rng, surplus, scores)
    return setting3
