"""Write ``random_design.csv``: a seeded synthetic data set in the project's data contract.

It exists only as input for the R reference scripts and the tests that compare with
their fixtures: unequal cells, missing values in items and factors, effects of every
kind. Run from the repository root::

    .venv/bin/python tests/reference/make_random_design.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20020401
N = 421
ITEMS = ["familiarity", "helpfulness", "referral", "interference", "value"]
HERE = Path(__file__).resolve().parent


def _with_missing(values: np.ndarray, rng: np.random.Generator, rate: float) -> pd.Series:
    """Blank a random share of ``values`` (as ``None``) so listwise deletion has work to do."""
    out = pd.Series(values, dtype=object)
    out[rng.random(len(out)) < rate] = None
    return out


def make(seed: int = SEED, n: int = N) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    training = rng.choice(["advanced", "mental_health_worker"], n, p=[0.58, 0.42])
    # setting depends on training, so cells are unequal and factors correlated
    p_setting = {"advanced": [0.6, 0.2, 0.2], "mental_health_worker": [0.35, 0.3, 0.35]}
    setting3 = np.array(
        [rng.choice(["treatment", "rehabilitation", "case_management"], p=p_setting[t])
         for t in training]
    )
    frame = {
        "respondent_id": np.arange(1, n + 1),
        "training": _with_missing(training, rng, 0.03),
        "setting3": _with_missing(setting3, rng, 0.04),
    }
    for split, p_yes in [("self_hospitalized", 0.17), ("family_hospitalized", 0.38),
                         ("participates_mutual_support", 0.14)]:
        frame[split] = _with_missing(np.where(rng.random(n) < p_yes, "Yes", "No"), rng, 0.01)
    disc = np.round(rng.gamma(2.0, 5.6, n) * 2) / 2
    setting_years = np.round(np.minimum(disc, rng.gamma(1.4, 3.8, n)) * 2) / 2
    frame["years_in_discipline"] = _with_missing(disc, rng, 0.02)
    frame["years_in_setting"] = _with_missing(setting_years, rng, 0.03)
    adv = training == "advanced"
    rehab = setting3 == "rehabilitation"
    for k, item in enumerate(ITEMS):
        person = rng.normal(0, 0.7, n)  # shared by both group types: a real within design
        base = 3.2 + 0.1 * k + 0.25 * adv + 0.02 * disc
        ms = base + person + 0.3 * rehab + rng.normal(0, 0.8, n)
        twelve = base + person + 0.35 - 0.2 * rehab + 0.15 * adv + rng.normal(0, 0.8, n)
        for group, latent in [("ms", ms), ("twelve_step", twelve)]:
            score = np.clip(np.rint(latent), 1, 5).astype(int)
            frame[f"{item}_{group}"] = _with_missing(score, rng, 0.06)
    return pd.DataFrame(frame)


if __name__ == "__main__":
    make().to_csv(HERE / "random_design.csv", index=False)
