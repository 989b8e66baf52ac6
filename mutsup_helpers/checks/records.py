"""The audit's records: one row per check, its families, severities, and how findings are printed.

Every family function returns rows with the columns :data:`CHECK_COLUMNS`; a row whose
outcome is not ``pass`` is a finding. :func:`format_findings` and
:func:`findings_to_records` present findings as text and as JSON-ready records.

Imports nothing from the package. Used in: every audit family, ``mutsup audit``, notebook 10.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "AUDIT_COLUMNS",
    "CHECK_COLUMNS",
    "FAMILIES",
    "OUTCOMES",
    "SEVERITIES",
    "findings_to_records",
    "fixed",
    "format_findings",
    "record",
    "to_frame",
]

FAMILIES = (
    "statcheck",
    "df",
    "grim",
    "sd_bounds",
    "table_arithmetic",
    "significance_marks",
    "text_claims",
    "scale_direction",
    "posthoc_omnibus",
)


SEVERITIES = ("error", "inconsistency", "note")


OUTCOMES = ("pass", *SEVERITIES)


AUDIT_COLUMNS = ["check", "location", "printed", "evidence", "severity"]


CHECK_COLUMNS = ["check", "location", "printed", "evidence", "outcome"]


def record(check: str, location: str, printed, evidence: str, outcome: str) -> dict:
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}")
    if hasattr(printed, "item") and not isinstance(printed, (list, dict)):
        printed = printed.item()
    return {"check": check, "location": location, "printed": printed, "evidence": evidence, "outcome": outcome}


def to_frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=CHECK_COLUMNS)
    frame["printed"] = pd.Series([r["printed"] for r in records], index=frame.index, dtype=object)
    return frame


def fixed(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def format_findings(findings: pd.DataFrame, width: int = 100) -> str:
    """Findings as text, grouped by severity (errors first), with a count line at the end.

    Accepts the output of :func:`run_audit` or of a family function (its
    passed checks are counted, not listed).

    >>> last = format_findings(run_audit()).splitlines()[-1]
    >>> last.split(": ")[1].split(", ")[0].endswith("error"), "findings" in last
    (True, True)
    """
    import textwrap

    column = "severity" if "severity" in findings.columns else "outcome"
    lines = []
    counts = {s: int((findings[column] == s).sum()) for s in SEVERITIES}
    for severity in SEVERITIES:
        rows = findings[findings[column] == severity]
        if rows.empty:
            continue
        lines.append(f"{severity.upper()} ({len(rows)})")
        for r in rows.itertuples():
            lines.append(f"  {r.location}  [{r.check}]  printed: {r.printed}")
            lines += textwrap.wrap(str(r.evidence), width, initial_indent="      ", subsequent_indent="      ")
        lines.append("")
    total = sum(counts.values())
    line = f"{total} finding{'' if total == 1 else 's'}: " + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)
    if column == "outcome":
        line = f"{len(findings)} checks, {int((findings[column] == 'pass').sum())} passed; " + line
    lines.append(line)
    return "\n".join(lines)


def findings_to_records(findings: pd.DataFrame) -> list[dict]:
    """Findings as JSON-ready records (numbers stay numbers).

    >>> import json
    >>> records = findings_to_records(run_audit())
    >>> isinstance(json.dumps(records), str), sorted(records[0])[:2]
    (True, ['check', 'evidence'])
    """
    return [{k: _plain(v) for k, v in rec.items()} for rec in findings.to_dict(orient="records")]


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") else value
