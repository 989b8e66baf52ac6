"""Write the made-up survey exports shipped in ``mutsup_helpers/fieldwork/examples/``.

A class of 25 drawn (seeded) from the shipped synthetic data, as a survey tool would export it
after the class fielded ``mutsup survey``'s form:

* ``qualtrics_choice_text.csv`` and ``qualtrics_numeric.csv``: Qualtrics' three header rows
  and metadata columns (made-up: IP addresses from the documentation range 203.0.113.0/24),
  plus one survey preview and one unfinished response that ``mutsup import`` leaves out;
* ``google_forms.csv``: a Timestamp column, grid rows as ``Question [row]``, answers as text.

The mappings beside them (``qualtrics_mapping.yaml`` names Qualtrics' column ids,
``google_forms_mapping.yaml`` is ``mutsup survey``'s template) are written too.

    .venv/bin/python tools/make_example_exports.py [--out DIR]

A test rebuilds them into a temporary folder and compares them byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mutsup_helpers.data.load import load_providers  # noqa: E402
from mutsup_helpers.fieldwork.instrument import (  # noqa: E402
    export_headers,
    mapping_template,
    questionnaire,
    scale_labels,
)

SEED = 20261203
FIELDED = datetime(2026, 11, 2, 9, 10)
CLASS_SIZE = 25
META = [  # Qualtrics' metadata columns: id, question-text row, ImportId row
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/New_York"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/New_York"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/New_York"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
]


def qualtrics_ids() -> dict[str, str]:
    """Codebook column -> Qualtrics column id (Q1_1 ... for the grids' rows, Q6 ... for the rest)."""
    ids = {}
    for q in questionnaire():
        if q.kind == "grid":
            ids.update({column: f"Q{q.number}_{k}" for k, column in enumerate(q.columns, start=1)})
        else:
            ids[q.columns[0]] = f"Q{q.number}"
    return ids


def class_answers(rng: np.random.Generator) -> list[dict[str, str]]:
    """25 respondents' answers as text, drawn from the shipped data (empty = not answered)."""
    data = load_providers()
    rows = data.iloc[np.sort(rng.choice(len(data), CLASS_SIZE, replace=False))]
    out = []
    for _, row in rows.iterrows():
        answers = {}
        for column in qualtrics_ids():
            value = row[column]
            answers[column] = "" if pd.isna(value) else f"{value:g}" if isinstance(value, float) else str(value)
        out.append(answers)
    return out


def _label(column: str, answer: str, numeric: bool) -> str:
    """An answer as the tool writes it: the choice's text, or its position (numeric codes)."""
    if not answer:
        return ""
    question = next(q for q in questionnaire() if column in q.columns)
    if question.kind == "grid":
        return answer if numeric else scale_labels(question.columns[0].removesuffix("_ms"))[int(answer) - 1]
    if question.kind == "choice" and numeric:
        return str(question.choices.index(answer) + 1)
    return answer


def qualtrics_csv(answers: list[dict[str, str]], numeric: bool, rng: np.random.Generator) -> str:
    ids = qualtrics_ids()
    texts = export_headers("qualtrics")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([m[0] for m in META] + list(ids.values()))
    writer.writerow([m[1] for m in META] + [texts[c] for c in ids])
    writer.writerow([m[2] for m in META] + [json.dumps({"ImportId": f"QID{v[1:]}"}, separators=(",", ":"))
                                            for v in ids.values()])
    extra = {3: "preview", 11: "unfinished"}  # where the two responses import leaves out go
    people = list(answers)
    for at, kind in sorted(extra.items()):
        people.insert(at, {**answers[at], "_kind": kind})
    for k, person in enumerate(people):
        kind = person.get("_kind", "")
        status = ("1" if numeric else "Survey Preview") if kind == "preview" else ("0" if numeric else "IP Address")
        finished = ("0" if numeric else "False") if kind == "unfinished" else ("1" if numeric else "True")
        duration = int(rng.integers(180, 900))
        start = FIELDED + timedelta(days=k // 9, minutes=53 * k)
        end = start + timedelta(seconds=duration)
        meta = [f"{start:%Y-%m-%d %H:%M:%S}", f"{end:%Y-%m-%d %H:%M:%S}", status,
                "" if kind == "preview" else f"203.0.113.{int(rng.integers(1, 255))}",
                "40" if kind == "unfinished" else "100", str(duration), finished,
                f"{end + timedelta(seconds=1):%Y-%m-%d %H:%M:%S}", f"R_{rng.integers(16**14):014x}", "", "",
                "preview" if kind == "preview" else "anonymous", "EN"]
        cells = [_label(c, person[c], numeric) for c in ids]
        if kind == "unfinished":
            cells = cells[:4] + [""] * (len(cells) - 4)
        writer.writerow(meta + cells)
    return buf.getvalue()


def google_forms_csv(answers: list[dict[str, str]]) -> str:
    headers = export_headers("google_forms")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["Timestamp", *headers.values()])
    for k, person in enumerate(answers):
        when = FIELDED + timedelta(days=k // 9, minutes=53 * k, seconds=13 * k)
        stamp = f"{when.month}/{when.day}/{when.year} {when.hour}:{when:%M:%S}"
        writer.writerow([stamp] + [_label(c, person[c], numeric=False) for c in headers])
    return buf.getvalue()


def qualtrics_mapping() -> str:
    """The Qualtrics template, with column ids in place of question texts."""
    ids = qualtrics_ids()
    texts = export_headers("qualtrics")
    text = mapping_template("qualtrics")
    for column, qid in ids.items():
        text = text.replace(f'  {column}: "{texts[column]}"', f'  {column}: "{qid}"   # {texts[column][:60]}')
    return text


def write_examples(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    answers = class_answers(rng)
    files = {
        "qualtrics_choice_text.csv": qualtrics_csv(answers, numeric=False, rng=rng),
        "qualtrics_numeric.csv": qualtrics_csv(answers, numeric=True, rng=rng),
        "qualtrics_mapping.yaml": qualtrics_mapping(),
        "google_forms.csv": google_forms_csv(answers),
        "google_forms_mapping.yaml": mapping_template("google_forms"),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "mutsup_helpers" / "fieldwork" / "examples")
    for path in write_examples(parser.parse_args().out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
