"""Years in discipline and in the current setting.

Years are drawn from a plausible career model (a latent age inside the age band,
a career that starts after 21, the current job a share of the career), rounded
to whole or half years, and then nudged by whole-year steps until the mean and SD
(ddof=1) of both columns land inside the printed rounding bins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..paper.published import Published
from .targets import Band, rounding_band

CAREER_START = 21  # youngest plausible age at the start of a career
STEP = 0.5
_AGE_RANGES = {"20-35": (22, 35), "36-50": (36, 50), "51-65": (51, 65), "66+": (66, 70)}


def age_upper_bound(age_range: str) -> float:
    """Oldest age in the band (66+ read as at most 70)."""
    return float(_AGE_RANGES[age_range][1])


def latent_age(rng: np.random.Generator, age_range: pd.Series) -> np.ndarray:
    """A whole age inside each respondent's band; a missing band is drawn from the others."""
    known = age_range[age_range.isin(list(_AGE_RANGES))]
    bands = age_range.to_numpy(dtype=object).copy()
    missing = ~age_range.isin(list(_AGE_RANGES)).to_numpy()
    bands[missing] = rng.choice(known.to_numpy(dtype=object), size=int(missing.sum()))
    lo = np.array([_AGE_RANGES[b][0] for b in bands])
    hi = np.array([_AGE_RANGES[b][1] for b in bands])
    return rng.integers(lo, hi + 1)


def to_half_years(rng: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """Round to whole years, keeping a half year for about one answer in five."""
    half = rng.random(len(years)) < 0.2
    return np.where(half, np.round(years / STEP) * STEP, np.round(years))


def draw_years(rng: np.random.Generator, age: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Career length and time in the current setting before calibration."""
    career_cap = np.maximum(age - CAREER_START, 1.0)
    discipline = to_half_years(rng, career_cap * rng.beta(1.6, 1.4, size=len(age)))
    discipline = np.clip(discipline, STEP, career_cap)
    share = rng.beta(1.2, 1.6, size=len(age))
    setting = np.clip(to_half_years(rng, discipline * share), STEP, discipline)
    return discipline, setting


def _moment_loss(total: float, total_sq: float, n: int, mean_band: Band, sd_band: Band) -> float:
    mean = total / n
    sd = np.sqrt(max(total_sq - total * total / n, 0.0) / (n - 1))
    loss = 0.0
    for value, band in ((mean, mean_band), (sd, sd_band)):
        loss += max(0.0, band.lo - value) + max(0.0, value - band.hi)
    return loss


def calibrate(rng, values, lower, upper, mean_band, sd_band, max_steps=200_000) -> np.ndarray:
    """Whole-year nudges (within per-row bounds) until mean and SD sit inside their bands."""
    values = values.astype(float).copy()
    n = len(values)
    total, total_sq = values.sum(), (values**2).sum()
    loss = _moment_loss(total, total_sq, n, mean_band, sd_band)
    for _ in range(max_steps):
        if loss == 0.0:
            return values
        i = rng.integers(n)
        new = values[i] + rng.choice((-2.0, -1.0, 1.0, 2.0))  # whole years keep the halves rare
        if not lower[i] <= new <= upper[i]:
            continue
        t2, q2 = total - values[i] + new, total_sq - values[i] ** 2 + new**2
        new_loss = _moment_loss(t2, q2, n, mean_band, sd_band)
        if new_loss <= loss:
            values[i], total, total_sq, loss = new, t2, q2, new_loss
    raise RuntimeError("years could not be calibrated to the printed mean and SD")


def build_years(pub: Published, rng: np.random.Generator, age_range: pd.Series) -> pd.DataFrame:
    """``years_in_discipline`` and ``years_in_setting`` hitting the printed mean and SD."""
    bands = {r.variable: (rounding_band(r.mean, 1), rounding_band(r.sd, 1)) for r in pub.continuous.itertuples()}
    age = latent_age(rng, age_range)
    discipline, setting = draw_years(rng, age)
    cap = np.maximum(age - CAREER_START, 1.0)
    discipline = calibrate(rng, discipline, np.maximum(setting, STEP), cap, *bands["years_in_discipline"])
    setting = calibrate(rng, setting, np.full(len(setting), STEP), discipline, *bands["years_in_setting"])
    return pd.DataFrame({"years_in_discipline": discipline, "years_in_setting": setting})
