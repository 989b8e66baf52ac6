"""Facility clustering, simulated: how far the paper's standard errors and p values move if
providers in the same facility answer alike.

The paper sampled within 93 facilities (one survey per 50 patients, at least three per facility;
Method: Procedures; who answered: Method: Participants) and analysed the respondents as
independent. The data carry no facility code, so the clustering cannot be estimated; it can be
simulated. The printed design fixes the number of facilities, the patients they serve, the surveys
mailed and returned and how many facilities answered; the rebuild must choose how unequal the
facilities are (``cv``, the coefficient of variation of patients per facility: none is printed)
and the intraclass correlations (ICC) to try.

For each ICC the simulation draws ratings ``y = u_facility + e`` (var(u) = ICC, var(e) = 1 - ICC)
under the null of no effect and compares two predictors with the naive two-sample t-test:

- a **facility-level** predictor (a setting: every respondent of a facility shares it), which
  clustering hurts most;
- a **respondent-level** predictor (e.g. having been hospitalized, 17% of respondents), which it
  hardly touches.

``se_ratio`` is the SD of the estimated difference across replicates over the mean naive SE
(1 = the naive SE is right); ``se_ratio_formula`` what the design effect for unequal clusters
(:func:`~mutsup_helpers.stats.limitations.design_effect`, Eldridge et al., 2006) predicts for a
facility-level predictor, sqrt(1 + ((cv^2 + 1) m - 1) ICC) with the simulated respondents'
mean m and CV per facility (1 for a respondent-level one: its groups are mixed within
facilities); ``false_positive_rate`` the share of naive tests with p < .05 when nothing is
going on (nominal .05); ``p_for_naive_01``: the p that a naive p of .01 becomes once the
SE is corrected by ``se_ratio``. Seeded: the same numbers on every run.

Used in: 12_what_we_would_do_today.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..paper.design import ALPHA
from ..paper.published import load_published
from .limitations import design_effect

__all__ = ["CLUSTERING_SEED", "clustering_simulation", "facility_sizes"]

CLUSTERING_SEED = 2002
_PATIENTS_PER_SURVEY, _MIN_SURVEYS = 50, 3  # the sampling rule (Method: Procedures)


def facility_sizes(cv: float = 1.0, seed: int = CLUSTERING_SEED) -> pd.DataFrame:
    """One row per facility: patients (lognormal with coefficient of variation ``cv``, scaled to the
    printed total), surveys by the printed rule, whether it responded, and respondents.

    The responding facilities are drawn at random in the printed number; the returned surveys are
    shared among them in proportion to the surveys each was sent (largest remainders), so the
    totals are the printed ones.
    """
    study = load_published().study
    rng = np.random.default_rng(seed)
    k = study["facilities_invited"]
    sigma = np.sqrt(np.log1p(cv**2))
    raw = rng.lognormal(0.0, sigma, k) if cv > 0 else np.ones(k)
    patients = np.maximum(1, np.round(raw / raw.sum() * study["patients_served"])).astype(int)
    surveys = np.maximum(_MIN_SURVEYS, np.round(patients / _PATIENTS_PER_SURVEY)).astype(int)
    responding = np.zeros(k, dtype=bool)
    responding[rng.choice(k, study["facilities_responding"], replace=False)] = True
    share = np.where(responding, surveys, 0) / np.where(responding, surveys, 0).sum() * study["surveys_returned"]
    respondents = np.floor(share).astype(int)
    left = study["surveys_returned"] - respondents.sum()
    respondents[np.argsort(-(share - respondents), kind="stable")[:left]] += 1
    return pd.DataFrame({"patients": patients, "surveys": surveys, "responded": responding,
                         "respondents": respondents})


def _facility_level_split(sizes: np.ndarray, rng) -> np.ndarray:
    """Facilities assigned to one of two settings so that each holds about half the respondents."""
    order = rng.permutation(len(sizes))
    in_first = np.zeros(len(sizes), dtype=bool)
    in_first[order[np.cumsum(sizes[order]) <= sizes.sum() / 2]] = True
    return in_first


def _naive_t(y: np.ndarray, group: np.ndarray):
    """Student's t-test of y between group and not group, one per row of y (replicates)."""
    a, b = group, ~group
    n1, n2 = a.sum(axis=-1), b.sum(axis=-1)
    m1 = (y * a).sum(axis=-1) / n1
    m2 = (y * b).sum(axis=-1) / n2
    ss = ((y - m1[..., None]) ** 2 * a).sum(axis=-1) + ((y - m2[..., None]) ** 2 * b).sum(axis=-1)
    se = np.sqrt(ss / (n1 + n2 - 2) * (1 / n1 + 1 / n2))
    diff = m1 - m2
    return diff, se, 2 * stats.t.sf(np.abs(diff / se), n1 + n2 - 2)


def clustering_simulation(iccs=(0.0, 0.01, 0.02, 0.05, 0.10, 0.20), cvs=(0.5, 1.0, 1.5),
                          replicates: int = 2000, seed: int = CLUSTERING_SEED) -> pd.DataFrame:
    """One row per facility-size spread, ICC and predictor (see the module docstring)."""
    rows = []
    for cv in cvs:
        table = facility_sizes(cv, seed)
        sizes = table.loc[table["responded"], "respondents"].to_numpy()
        facility = np.repeat(np.arange(len(sizes)), sizes)
        rng = np.random.default_rng([seed, int(cv * 100)])
        n = len(facility)
        by_facility = _facility_level_split(sizes, rng)[facility]
        by_person = np.zeros(n, dtype=bool)
        by_person[rng.choice(n, round(0.17 * n), replace=False)] = True
        for icc in iccs:
            y = (rng.normal(0, np.sqrt(icc), (replicates, len(sizes)))[:, facility]
                 + rng.normal(0, np.sqrt(1 - icc), (replicates, n)))
            for name, group in (("facility-level (setting)", by_facility), ("respondent-level", by_person)):
                diff, se, p = _naive_t(y, np.broadcast_to(group, y.shape))
                ratio = float(diff.std(ddof=1) / se.mean())
                df = n - 2
                t01 = stats.t.isf(0.005, df)
                formula = (float(np.sqrt(design_effect(icc, sizes.mean(), sizes.std() / sizes.mean())))
                           if group is by_facility else 1.0)
                rows.append((cv, float(sizes.mean()), icc, name, ratio, formula, float((p < ALPHA).mean()),
                             float(2 * stats.t.sf(t01 / ratio, df))))
    columns = ["cv", "mean_per_facility", "icc", "predictor", "se_ratio", "se_ratio_formula", "false_positive_rate",
               "p_for_naive_01"]
    return pd.DataFrame(rows, columns=columns)
