"""The table of readings in ``data/README.md``, made from the readings and the audit's findings.

Each row: the misprint as the reading states it, the audit findings the reading resolves
(family and locations, computed by the audit, so the table cannot name a finding the
audit does not make), and what the rebuild uses instead. ``python -m
mutsup_helpers.checks.readings_table`` prints it; a test keeps ``data/README.md`` equal to it.

Imports ``paper/`` and ``checks/``. Used in: ``data/README.md`` (through its test).
"""

from __future__ import annotations

from ..paper.published import Published, load_published
from ..paper.readings import READINGS, reading_for
from .audit import run_audit

__all__ = ["readings_markdown"]


def readings_markdown(pub: Published | None = None) -> str:
    """The readings as a Markdown table (one row per reading, in the order of :data:`READINGS`).

    >>> print(readings_markdown().splitlines()[0])
    | printed | the audit's findings (`mutsup audit`) | reading used here |
    """
    findings = run_audit(pub or load_published())
    where: dict[str, list[str]] = {r.id: [] for r in READINGS}
    for f in findings.itertuples():
        reading = reading_for(f.check, f.location)
        if reading is not None and f"`{f.location}`" not in where[reading.id]:
            where[reading.id].append(f"`{f.location}`")
    lines = ["| printed | the audit's findings (`mutsup audit`) | reading used here |", "|---|---|---|"]
    for r in READINGS:
        found = f"{r.family}: " + ", ".join(where[r.id]) if where[r.id] else "none in this registry"
        lines.append(f"| {r.printed} | {found} | {r.used} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(readings_markdown())
