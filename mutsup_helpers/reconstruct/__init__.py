"""Rebuild a synthetic data set of the 421 providers that reproduces the paper's numbers.

The paper's raw data were never published. :func:`rebuild` writes respondents
whose statistics land inside the rounding bin of every printed number that any
data set can reproduce (the audit proves which cannot: :mod:`mutsup_helpers.checks.proofs`),
while looking like a survey: plausible associations between demographics,
years that fit the age band, item nonresponse clustered in a few respondents,
unimodal answer distributions and positively related answers.

Steps: respondent rows with exact Table 1 counts (:mod:`.demographics`), years
(:mod:`.years`), who answered what (:mod:`.missingness`), then each item pair by
simulated annealing on running sums (:mod:`.items`, :mod:`.anneal`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..data.load import load_codebook
from ..paper.published import Published, load_published
from .demographics import build_demographics, nonresponse_propensity
from .missingness import build_missingness
from .solver import solve_items
from .targets import MISSING
from .years import build_years

__all__ = ["rebuild", "write_csv", "last_report"]

_REPORT: dict = {}


def rebuild(seed: int, published: Published | None = None, progress: bool = True,
            workers: int = 2) -> pd.DataFrame:
    """The synthetic wide data set (contract columns, sorted by respondent_id).

    Deterministic for a given ``seed``; another seed gives another data set that
    also hits the targets. ``workers`` is the number of processes the item jobs run on
    (1: one after another in this process, as inside a Dask worker, which may not fork);
    every item has its own seeds, so the data do not depend on it.
    """
    pub = published if published is not None else load_published()
    n = int(pub.study["surveys_returned"])
    rng = np.random.default_rng(seed)
    propensity = nonresponse_propensity(rng, n)
    frame = build_demographics(pub, rng, propensity)
    frame = pd.concat([frame, build_years(pub, rng, frame["age_range"])], axis=1)
    present = build_missingness(pub, frame, propensity, seed)
    results = solve_items(pub, frame, present, seed, progress, workers=workers)
    _REPORT.clear()
    _REPORT.update({item: r for item, r in results.items()})
    for item, result in results.items():
        frame[f"{item}_ms"] = result.answers[0]
        frame[f"{item}_twelve_step"] = result.answers[1]
    return contract_frame(frame)


def last_report() -> dict:
    """Per-item solver results of the last :func:`rebuild` (targets hit, misses)."""
    return dict(_REPORT)


def contract_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns, order and types of the data contract; empty answers and labels become missing."""
    out = pd.DataFrame({"respondent_id": np.arange(1, len(frame) + 1)})
    for field in load_codebook():
        name = field.name
        if name == "respondent_id":
            continue
        values = frame[name]
        if field.type == "integer":
            out[name] = pd.array(np.where(values.to_numpy() > 0, values, 0), dtype="Int64")
            out.loc[values.to_numpy() == 0, name] = pd.NA
        elif field.type == "number":
            out[name] = values.astype(float)
        else:
            out[name] = values.replace(MISSING, pd.NA).astype("string")
    return out


def _format_number(value) -> str:
    if pd.isna(value):
        return ""
    return f"{value:g}" if float(value) != int(value) else str(int(value))


def write_csv(frame: pd.DataFrame, path: str | Path, overwrite: bool = False) -> Path:
    """Write ``frame`` as the contract's CSV (comma, header, UTF-8, empty = missing).

    Writes only to ``path``; refuses to replace an existing file unless ``overwrite``.
    Numbers print as ``12`` or ``12.5``, answers as integers.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it")
    text = frame.copy()
    for column in text.columns:
        if pd.api.types.is_float_dtype(text[column]):
            text[column] = text[column].map(_format_number)
    text.to_csv(path, index=False, na_rep="", lineterminator="\n", encoding="utf-8")
    return path

