"""The rebuilt data sets side by side: same printed statistics, different respondents.

``data/alternates/`` holds data sets rebuilt with other seeds by the same solver
(``mutsup reconstruct --seed N``). Together with the shipped one they show that
summary statistics do not determine the data.

Used in: 11_how_the_data_were_rebuilt.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..data.load import ITEM_COLUMNS, load_providers
from ..paper.design import ITEMS
from ..paper.published import Published
from ..paths import data_dir
from .scorecard import scorecard, summarize

__all__ = ["answer_counts", "load_rebuilds", "realism_checks", "rebuild_differences", "scorecards_side_by_side"]


def load_rebuilds() -> dict[str, pd.DataFrame]:
    """The shipped data set and the alternates, labelled by seed (shipped first)."""
    from json import loads

    package = loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    seed = package["resources"][0]["mutsup:reconstruction"]["seed"]
    frames = {f"seed {seed} (shipped)": load_providers()}
    for path in sorted((data_dir() / "alternates").glob("providers_seed_*.csv"), key=_seed_of):
        frames[f"seed {_seed_of(path)}"] = load_providers(path)
    return frames


def _seed_of(path) -> int:
    return int(re.search(r"seed_(\d+)", path.name).group(1))


def scorecards_side_by_side(frames: dict[str, pd.DataFrame], pub: Published | None = None) -> pd.DataFrame:
    """Matched / total printed numbers per section, one column per data set."""
    columns = {}
    for label, frame in frames.items():
        summary = summarize(scorecard(frame, pub))
        columns[label] = summary["match"].astype(str) + " / " + summary["total"].astype(str)
    return pd.DataFrame(columns)


def answer_counts(frames: dict[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """Counts of answers 1-5 in one item column per data set, with its mean and SD."""
    rows = {}
    for label, frame in frames.items():
        values = frame[column].dropna().astype(int)
        counts = values.value_counts().reindex(range(1, 6), fill_value=0)
        rows[label] = {
            **{f"answered {k}": int(v) for k, v in counts.items()},
            "n": len(values),
            "mean": values.mean(),
            "sd": values.std(ddof=1),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def rebuild_differences(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How many respondents of each data set also appear, with all ten answers identical, in the first one.

    Respondent ids are arbitrary, so a respondent is matched by the whole
    answer vector (plus training and setting3), regardless of row.
    """
    keys = ["training", "setting3", *ITEM_COLUMNS]
    labels = list(frames)
    reference = _row_keys(frames[labels[0]], keys)
    rows = []
    for label in labels[1:]:
        mine = _row_keys(frames[label], keys)
        shared = sum(min(reference.get(k, 0), n) for k, n in mine.items())
        rows.append((label, len(frames[label]), shared, round(100 * shared / len(frames[label]), 1)))
    return pd.DataFrame(rows, columns=["data set", "respondents", f"identical to a respondent of {labels[0]}", "pct"])


def _row_keys(frame: pd.DataFrame, keys: list[str]) -> dict[tuple, int]:
    as_text = frame[keys].astype(object).where(frame[keys].notna(), "")
    return as_text.apply(tuple, axis=1).value_counts().to_dict()


def realism_checks(data: pd.DataFrame) -> pd.DataFrame:
    """What makes the rebuilt data look like a survey, checked: value, rule, ok."""
    items = {item: data[[f"{item}_ms", f"{item}_twelve_step"]].dropna().astype(float) for item in ITEMS}
    pair_r = min(pair.corr().iloc[0, 1] for pair in items.values())
    fam_ref = data[["familiarity_ms", "referral_ms"]].dropna().astype(float).corr().iloc[0, 1]
    counts = [data[c].value_counts().reindex(range(1, 6), fill_value=0).to_numpy() for c in ITEM_COLUMNS]
    empty_inner = sum(int((c[1:4] == 0).sum()) for c in counts)
    skipped = data[list(ITEM_COLUMNS)].isna().sum(axis=1).to_numpy()
    from_heavy = skipped[skipped >= 2].sum() / max(skipped.sum(), 1)
    years = data[["years_in_discipline", "years_in_setting"]].dropna()
    half_steps = float(((years * 2) % 1 == 0).all(axis=1).mean())
    inverted = int((years["years_in_setting"] > years["years_in_discipline"]).sum())
    rows = [
        ("smallest r between a respondent's two group-type answers (over items)", pair_r, "> .2", pair_r > 0.2),
        ("r of familiarity and referral (psychiatric groups)", fam_ref, "> 0", fam_ref > 0),
        ("empty inner answer categories (2-4) over the ten columns", empty_inner, "0", empty_inner == 0),
        ("respondents who skipped no item", float(np.mean(skipped == 0)), "most", np.mean(skipped == 0) > 0.5),
        ("share of skipped answers from respondents who skipped two or more", from_heavy, "most", from_heavy > 0.5),
        ("years given in whole or half years", half_steps, "all", half_steps == 1.0),
        ("years in setting above years in discipline", inverted, "none", inverted == 0),
    ]
    return pd.DataFrame(rows, columns=["check", "value", "rule", "ok"])
