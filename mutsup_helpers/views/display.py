"""How numbers are shown: the one place that turns results into text for a student's screen.

Statistics stay exact everywhere below this layer; rounding and formatting happen here,
at display time only (:func:`format_number`, :func:`paper_vs_here`). APA-style p values
are :func:`mutsup_helpers.paper.printed.fmt_p` (the audit's evidence uses them too).

May import: every layer below. Used in: every notebook ("paper vs here"), ``mutsup verify``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from ..compare.scorecard import scorecard
from ..paper.published import Published

__all__ = ["format_number", "paper_vs_here"]


def format_number(value, significant: int | None = None) -> str:
    """A value as text: booleans, strings and None as they are; floats to 4 decimals (4 significant
    digits below .001), or to ``significant`` significant digits.

    >>> format_number(3.14159), format_number(0.000123456), format_number(2.5), format_number(1 / 3, 6)
    ('3.1416', '0.0001235', '2.5', '0.333333')
    """
    if isinstance(value, float) and significant is not None:
        return f"{value:.{significant}g}"
    return _fmt(value)


def _fmt(value) -> str:  # noqa: PLR0911
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return "" if value is None else str(value)
    if isinstance(value, float):
        return (
            "" if math.isnan(value) else f"{value:.4g}" if abs(value) < 1e-3 else f"{value:.4f}".rstrip("0").rstrip(".")
        )
    return str(value)


def paper_vs_here(
    data: pd.DataFrame,
    pub: Published | None = None,
    section: str | None = None,
    items: Iterable[str] | None = None,
    effects: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One section of the scorecard, ready to show in a notebook.

    ``items`` and ``effects`` keep only targets whose id names one of them.

    Used in: every notebook, section "Paper vs here".
    """
    card = scorecard(data, pub, section=section, items=items, effects=effects)
    shown = card.assign(printed=card["printed"].map(format_number), reproduced=card["reproduced"].map(format_number))
    return shown.drop(columns="section").reset_index(drop=True)
