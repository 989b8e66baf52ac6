"""Time mutsup_helpers.stats.anova.mixed_anova against pingouin.mixed_anova.

Run from the repository root::

    .venv/bin/python benchmarks/bench_anova.py [--rows 390] [--repeats 200]

Prints the median wall time of one call per variant on a seeded frame in the data
contract. pingouin takes only one between factor, so the like-for-like comparison is
the ``between="setting3"`` row; the budget for the 2 x 3 x 2 Type III call is 20 ms.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd
import pingouin as pg

from mutsup_helpers.stats.anova import mixed_anova

BUDGET_MS = 20.0


def make_frame(rows: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    setting = rng.choice(3, rows, p=[0.5, 0.25, 0.25])
    person = rng.normal(0, 0.7, rows)
    frame = pd.DataFrame({
        "training": pd.Categorical.from_codes(rng.choice(2, rows, p=[0.58, 0.42]),
                                              ["advanced", "mental_health_worker"]),
        "setting3": pd.Categorical.from_codes(
            setting, ["treatment", "rehabilitation", "case_management"]),
    })
    for group, shift in [("ms", 0.3 * (setting == 1)), ("twelve_step", 0.3)]:
        latent = 3.5 + person + shift + rng.normal(0, 0.8, rows)
        frame[f"familiarity_{group}"] = pd.array(
            np.clip(np.rint(latent), 1, 5).astype(int), dtype="Int64")
    return frame


def pingouin_call(frame: pd.DataFrame) -> pd.DataFrame:
    """What a notebook would write without the helper: reshape, then pingouin."""
    long = frame.reset_index(names="respondent").melt(
        id_vars=["respondent", "setting3"], value_vars=["familiarity_ms", "familiarity_twelve_step"],
        var_name="group_type", value_name="score")
    long["score"] = long["score"].astype(float)
    return pg.mixed_anova(long, dv="score", within="group_type", subject="respondent",
                          between="setting3")


def median_ms(call, repeats: int) -> float:
    call()  # warm-up: imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return float(np.median(times) * 1e3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=390)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    frame = make_frame(args.rows)
    warnings.simplefilter("ignore")  # pingouin's pandas deprecation notices
    variants = {
        "mixed_anova, training x setting3, type 3": lambda: mixed_anova(frame, "familiarity"),
        "mixed_anova, training x setting3, type 2": lambda: mixed_anova(
            frame, "familiarity", ss_type=2),
        "mixed_anova, setting3, type 3": lambda: mixed_anova(
            frame, "familiarity", between="setting3"),
        "pingouin.mixed_anova, setting3 (incl. melt)": lambda: pingouin_call(frame),
    }
    results = pd.DataFrame({"variant": list(variants),
                            "median_ms": [median_ms(call, args.repeats)
                                          for call in variants.values()]})
    reference = results["median_ms"].iloc[3]
    results["ratio_to_pingouin"] = results["median_ms"] / reference
    print(f"rows = {args.rows}, repeats = {args.repeats}")
    print(results.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    main_ms = results["median_ms"].iloc[0]
    status = "within" if main_ms <= BUDGET_MS else "OVER"
    print(f"mixed_anova type 3 (two between factors): {main_ms:.2f} ms, {status} the "
          f"{BUDGET_MS:.0f} ms budget")


if __name__ == "__main__":
    main()
