"""Before running the series on a class's own survey: what its data support, analysis by analysis.

``mutsup check --data FILE`` prints this. Each of the paper's analyses gets one row: it runs
*as in the paper*, runs *changed* (a smaller design, said in a sentence), or *cannot run* (and
why). The rules are not restated here: each analysis is tried with the function the notebooks
call, so the report cannot disagree with what the series will do.

Imports ``paper/``, ``data/`` and ``stats/``. Used in: ``mutsup check``.
"""

from __future__ import annotations

import pandas as pd

from ..data.tables import missingness
from ..paper.design import GROUP_TYPES, ITEMS, PAPER_BETWEEN, TABLE2_SPLITS, YEARS
from ..stats.correlations import correlate
from ..stats.fallbacks import plan_anova
from ..stats.group_tests import compare_groups

__all__ = ["READINESS_STATUSES", "cell_counts", "readiness", "readiness_report"]

READINESS_STATUSES = ("as in the paper", "changed", "cannot run")


def readiness(data: pd.DataFrame) -> pd.DataFrame:
    """One row per analysis of the paper: ``section, analysis, status, note``.

    ``status`` is one of :data:`READINESS_STATUSES`; ``note`` says what changes or why it
    cannot run ('' when it runs as in the paper).
    """
    rows = [_anova_row(data, item) for item in ITEMS]
    rows += [_test_row(data, split, item) for split in TABLE2_SPLITS for item in ITEMS]
    rows += [_correlation_row(data, years, item, group)
             for years in YEARS for item in ITEMS for group in GROUP_TYPES]
    return pd.DataFrame(rows, columns=["section", "analysis", "status", "note"])


def cell_counts(data: pd.DataFrame, between=PAPER_BETWEEN) -> pd.DataFrame:
    """Respondents with both answers to each item, in each cell of the paper's between design."""
    counts = {}
    for item in ITEMS:
        complete = data[[*between, f"{item}_ms", f"{item}_twelve_step"]].dropna()
        counts[item] = complete.groupby(list(between), observed=False).size()
    return pd.DataFrame(counts)


def readiness_report(data: pd.DataFrame, source: str) -> str:
    """The text ``mutsup check`` prints: size, cells, missingness, and every analysis not run as printed."""
    table = readiness(data)
    lines = [f"{source}: {len(data)} respondents, valid under the codebook", "",
             "Respondents with both answers, by design cell:", cell_counts(data).to_string(), "",
             "Missing answers per item column:",
             missingness(data)[["column", "answered", "missing"]].to_string(index=False), ""]
    counts = table["status"].value_counts()
    lines.append("Analyses: " + ", ".join(f"{int(counts.get(s, 0))} {s}" for s in READINESS_STATUSES))
    for row in table[table["status"] != "as in the paper"].itertuples():
        lines.append(f"  {row.status:<11} {row.analysis}: {row.note}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- one row per analysis


def _anova_row(data, item) -> tuple:
    plan = plan_anova(data, item)
    status = "cannot run" if not plan.possible else ("changed" if plan.changed else "as in the paper")
    note = " ".join(n.removeprefix(f"{item}: ") for n in plan.notes)  # the row already names the item
    return ("ANOVA", f"mixed ANOVA of {item}", status, note)


def _test_row(data, split, item) -> tuple:
    name = f"t-test of {item} (psychiatric groups) by {split}"
    try:
        compare_groups(data, split, item, fallback=False)
    except ValueError as exc:
        return ("Table 2", name, "cannot run", str(exc))
    return ("Table 2", name, "as in the paper", "")


def _correlation_row(data, years, item, group) -> tuple:
    column = f"{item}_{group}"
    name = f"correlation of {years} with {column}"
    try:
        correlate(data, years, column, fallback=False)
    except ValueError as exc:
        return ("Table 3", name, "cannot run", str(exc))
    return ("Table 3", name, "as in the paper", "")
