"""A small file that follows the codebook, for loader tests to break one rule at a time."""

from __future__ import annotations

import csv
import io

import numpy as np

from mutsup_helpers.data.load import ITEM_COLUMNS, load_codebook

_DISCIPLINE_TRAINING = {
    "Psychologist": "advanced",
    "Social worker": "advanced",
    "Mental health worker": "mental_health_worker",
    "Other": "",
}
_SETTING_SETTING3 = {
    "Community Mental Health Ctr.": "treatment",
    "Psychiatric rehabilitation": "rehabilitation",
    "ACT team": "case_management",
    "Other": "",
}


def valid_rows(n: int = 12, seed: int = 1) -> list[dict[str, str]]:
    """``n`` rows of string cells that pass validation (a few cells empty)."""
    rng = np.random.default_rng(seed)
    disciplines, settings = list(_DISCIPLINE_TRAINING), list(_SETTING_SETTING3)
    rows = []
    for i in range(n):
        discipline, setting = disciplines[rng.integers(0, 4)], settings[rng.integers(0, 4)]
        years = float(rng.integers(0, 30))
        row = {
            "respondent_id": str(i + 1),
            "age_range": ["20-35", "36-50", "51-65", ""][i % 4],
            "race_ethnicity": "White" if i % 3 else "Hispanic",
            "gender": "Female" if i % 2 else "Male",
            "discipline": discipline,
            "years_in_discipline": f"{years:g}",
            "setting": setting,
            "years_in_setting": f"{years / 2:g}",
            "self_hospitalized": "Yes" if i % 5 == 0 else "No",
            "family_hospitalized": "Yes" if i % 3 == 0 else "No",
            "participates_mutual_support": "" if i == 7 else ("Yes" if i % 4 == 1 else "No"),
            "training": _DISCIPLINE_TRAINING[discipline],
            "setting3": _SETTING_SETTING3[setting],
        }
        for col in ITEM_COLUMNS:
            row[col] = str(rng.integers(1, 6))
        row[ITEM_COLUMNS[0]] = "" if i == 3 else row[ITEM_COLUMNS[0]]
        rows.append(row)
    return rows


def to_csv(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    names = [f.name for f in load_codebook() if f.name in rows[0]]
    names += [c for c in rows[0] if c not in names]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_valid(directory, n: int = 240, seed: int = 1):
    """Write a valid providers file of ``n`` random rows into ``directory``; return its path."""
    path = directory / "providers.csv"
    path.write_text(to_csv(valid_rows(n, seed)), encoding="utf-8")
    return path
