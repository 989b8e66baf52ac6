"""Made-up class data sets for the small-and-unbalanced tests: drawn from the shipped synthetic data.

Each is what a class might bring back from its own survey: few respondents, empty design cells,
a factor with one level, an item nobody answered, an item everyone answered alike. Run from the
repository root (``.venv/bin/python tests/class_data/make_corpus.py``); the seed makes the files
byte-identical on rerun. They are synthetic: no real respondent is in them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
SOURCE = HERE.parent.parent / "data" / "providers.csv"
SEED = 2026


def _draw(data: pd.DataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    return data.iloc[np.sort(rng.choice(len(data), size=n, replace=False))]


def corpus(data: pd.DataFrame) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    sets = {f"n{n}": _draw(data, n, rng) for n in (12, 20, 60, 120)}
    no_cell = data[~((data["training"] == "mental_health_worker") & (data["setting3"] == "case_management"))]
    sets["n34_empty_cell"] = _draw(no_cell, 34, rng)
    sets["n40_one_training"] = _draw(data[data["training"] == "advanced"], 40, rng)
    item_missing = _draw(data, 50, rng).copy()
    item_missing[["interference_ms", "interference_twelve_step"]] = ""
    sets["n50_item_missing"] = item_missing
    constant = _draw(data, 30, rng).copy()
    constant["value_ms"] = "4"
    sets["n30_constant_item"] = constant
    return sets


def main() -> None:
    data = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)
    for name, frame in corpus(data).items():
        frame.to_csv(HERE / f"{name}.csv", index=False, lineterminator="\n")
        print(f"wrote {name}.csv ({len(frame)} respondents)")


if __name__ == "__main__":
    main()
