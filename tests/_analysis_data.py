"""Shared test data for the statistics-core tests (anova, posthoc, group tests, ...).

Two kinds of data:

* the reference data sets in ``tests/reference/`` (read by the R scripts that made
  the fixtures), loaded here with the project's data contract applied;
* small seeded frames built on the fly for unit and property tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

REFERENCE = Path(__file__).resolve().parent / "reference"
FIXTURES = REFERENCE / "fixtures"

ITEMS = ["familiarity", "helpfulness", "referral", "interference", "value"]
GROUP_TYPES = ["ms", "twelve_step"]
LEVELS = {
    "training": ["advanced", "mental_health_worker"],
    "setting3": ["treatment", "rehabilitation", "case_management"],
    "self_hospitalized": ["No", "Yes"],
    "family_hospitalized": ["No", "Yes"],
    "participates_mutual_support": ["No", "Yes"],
}
ITEM_COLUMNS = [f"{item}_{group}" for item in ITEMS for group in GROUP_TYPES]


def apply_contract(frame: pd.DataFrame, levels: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Categorical factors with levels in paper order; items as nullable Int64."""
    frame = frame.copy()
    for name, lev in (levels or LEVELS).items():
        if name in frame:
            frame[name] = pd.Categorical(frame[name], categories=lev)
    for col in frame.columns:
        if col in ITEM_COLUMNS:
            frame[col] = frame[col].astype("Int64")
    return frame


def random_design() -> pd.DataFrame:
    """The seeded data set the R fixtures were computed from."""
    return apply_contract(pd.read_csv(REFERENCE / "random_design.csv"))


def obk_reduced() -> pd.DataFrame:
    """O'Brien & Kaiser (afex's obk.long): treatment x gender, pre ('ms') vs post ('twelve_step')."""
    frame = pd.read_csv(FIXTURES / "obk_reduced.csv")
    return apply_contract(frame, {"treatment": ["control", "A", "B"], "gender": ["F", "M"]})


def fixture(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name, keep_default_na=False, na_values=[""])


def small_frame(seed: int = 0, n: int = 120, effect: float = 0.5,
                missing: float = 0.05) -> pd.DataFrame:
    """A small frame in the data contract with unequal cells and some missing values."""
    rng = np.random.default_rng(seed)
    training = rng.choice(2, n, p=[0.6, 0.4])
    setting = rng.choice(3, n, p=[0.5, 0.25, 0.25])
    frame = {
        "training": pd.Categorical.from_codes(training, LEVELS["training"]),
        "setting3": pd.Categorical.from_codes(setting, LEVELS["setting3"]),
        "years_in_setting": np.round(rng.gamma(1.5, 3.5, n) * 2) / 2,
        "years_in_discipline": np.round(rng.gamma(2.0, 5.5, n) * 2) / 2,
    }
    for split in ["self_hospitalized", "family_hospitalized", "participates_mutual_support"]:
        frame[split] = pd.Categorical.from_codes(rng.choice(2, n, p=[0.7, 0.3]), ["No", "Yes"])
    person = rng.normal(0, 0.7, n)
    for item in ITEMS:
        for g, group in enumerate(GROUP_TYPES):
            latent = 3 + person + effect * (g * (setting == 1) + training) + rng.normal(0, 0.9, n)
            values = pd.array(np.clip(np.rint(latent), 1, 5).astype(int), dtype="Int64")
            values[rng.random(n) < missing] = pd.NA
            frame[f"{item}_{group}"] = values
    return pd.DataFrame(frame)
