"""Where a number comes from: printed by the paper, fixed by the printed numbers, or chosen by the rebuild.

A *statistic* is any function of a data set that returns numbers: a float, a dict, a Series or a
DataFrame (a table's cells, a figure's plotted values). :func:`provenance` computes it on every world
of the ensemble and classifies each value:

``printed by the paper``
    it is a printed number: the caller names its registry target (``printed={label: target id}``);
``fixed by the printed numbers``
    it is the same in every world, within ``decimals`` (equal once rounded to that many decimals) or an
    absolute ``tolerance``;
``chosen by the rebuild``
    it varies between worlds; the spread is given (median, the 5-95 % range, min and max; for whole
    numbers such as counts the range's ends are values that occur) and, for
    p-values (``p_values``), the share of worlds in which it is below ``alpha``.

Values may be numbers or text with a number in it (a formatted cell such as ``F(1, 381) = 38.83``):
text is compared as text. ``decimals`` may differ by column (``{"F": 2, "p": 3}`` for a table's
cells). Text without a digit (a level's name) is a label, not a value: its class is empty and it
is not counted.

Nothing is typed in: the classes come from the registry and from the worlds. The result is
remembered for the same statistic object, the same worlds (by content) and the same options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from ..memo import Same, content_key, remember
from ..paper.design import ALPHA
from ..paper.published import load_published
from .store import World, load_worlds

__all__ = ["CHOSEN", "FIXED", "LABEL", "PRINTED", "PROVENANCE_COLUMNS", "caption", "provenance", "spread_of"]

PRINTED = "printed by the paper"
FIXED = "fixed by the printed numbers"
CHOSEN = "chosen by the rebuild"
LABEL = ""  # text without a number: a name, not a value
PROVENANCE_COLUMNS = ["value", "provenance", "target", "worlds", "median", "q05", "q95", "min", "max",
                      "share_significant"]


def provenance(statistic: Callable[[pd.DataFrame], object], worlds: list[World] | None = None,
               data: pd.DataFrame | None = None, printed: Mapping | None = None,
               decimals: int | Mapping | None = None, tolerance: float = 1e-9, p_values: bool | Iterable = False,
               alpha: float = ALPHA) -> pd.DataFrame:
    """Each value of ``statistic`` with its provenance across ``worlds`` (default: :func:`load_worlds`).

    Returns one row per value (index: the value's label; a DataFrame's cells are labelled
    ``(row, column)``) with columns :data:`PROVENANCE_COLUMNS`: ``value`` on ``data`` (default: the first
    world, the shipped one), the class, the registry ``target`` of a printed value, the number of worlds
    where it could be computed, the spread across them and, for p-values, the share of worlds with p below
    ``alpha`` (empty otherwise). A value is fixed only if every world gives it. ``decimals`` as a
    mapping gives a table's columns their own; its key ``None`` holds for every other column (without
    it, those are compared by ``tolerance``).
    """
    worlds = list(worlds) if worlds is not None else load_worlds()
    if not worlds:
        raise ValueError("provenance needs at least one world (data/worlds is built by mutsup worlds build)")
    printed = dict(printed or {})
    known = set(load_published().targets()["target"])
    unknown = sorted(str(t) for t in printed.values() if t not in known)
    if unknown:
        raise ValueError(f"printed= names targets that are not in the registry (data/published_results.yaml): "
                         f"{unknown}")
    shown = data if data is not None else worlds[0].data
    key = (Same(statistic), tuple(content_key(w.data) for w in worlds), content_key(shown),
           tuple(sorted(printed.items(), key=repr)),
           tuple(sorted(decimals.items(), key=repr)) if isinstance(decimals, Mapping) else decimals, tolerance,
           p_values if isinstance(p_values, bool) else tuple(p_values), alpha)
    return remember(_TABLES, key, lambda: _compute(statistic, worlds, shown, printed, decimals, tolerance,
                                                   p_values, alpha))


_TABLES: dict[tuple, pd.DataFrame] = {}


def _as_series(result) -> pd.Series:
    """A statistic's result as labelled values (numbers as floats, None and NA as NaN, text kept)."""
    if isinstance(result, pd.DataFrame):  # (row, column) labels; a row label may itself be a tuple
        labels = [(row, column) for row in result.index for column in result.columns]
        result = pd.Series(list(result.to_numpy(dtype=object).ravel()), index=pd.Index(labels, tupleize_cols=False),
                           dtype=object)
    elif isinstance(result, Mapping):
        result = pd.Series(dict(result), dtype=object)
    elif not isinstance(result, pd.Series):
        result = pd.Series({"value": result}, dtype=object)
    return result.astype(object).map(_value)


def _value(v):
    if isinstance(v, str):
        return v
    if v is None or v is pd.NA or v is pd.NaT:
        return np.nan
    try:
        return float(v)
    except (TypeError, ValueError):
        return str(v)


def _is_label(v) -> bool:
    return isinstance(v, str) and not any(c.isdigit() for c in v)


def _compute(statistic, worlds, shown, printed, decimals, tolerance, p_values, alpha) -> pd.DataFrame:
    here = _as_series(statistic(shown))
    table = pd.concat({i: _as_series(statistic(w.data)) for i, w in enumerate(worlds)}, axis=1)
    table = table.reindex(here.index.append(table.index.difference(here.index, sort=False)))
    p_labels = None if isinstance(p_values, bool) else set(p_values)
    rows = [_classify(label, here.get(label, np.nan), list(values), len(worlds), printed,
                      _decimals_of(label, decimals), tolerance,
                      p_values is True or (p_labels is not None and _p_label(label, p_labels)), alpha)
            for label, values in table.iterrows()]
    return pd.DataFrame(rows, index=pd.Index(table.index, tupleize_cols=False), columns=PROVENANCE_COLUMNS)


def _decimals_of(label, decimals):
    if not isinstance(decimals, Mapping):
        return decimals
    column = label[1] if isinstance(label, tuple) and len(label) == 2 else label
    return decimals.get(column, decimals.get(None))  # the key None: every other column


def _p_label(label, p_labels: set) -> bool:
    """A label names a p-value if it is listed, or (a table's cell) its column is."""
    return label in p_labels or (isinstance(label, tuple) and len(label) == 2 and label[1] in p_labels)


def _classify(label, value, values, n_worlds, printed, decimals, tolerance, is_p, alpha) -> tuple:
    present = [v for v in values if isinstance(v, str) or np.isfinite(v)]
    numbers = np.array([v for v in present if not isinstance(v, str)], dtype=float)
    if label in printed:
        kind = PRINTED
    elif all(_is_label(v) for v in present) and (isinstance(value, str) or value != value):
        kind = LABEL  # text without a number, or a cell empty in every world (a Residual row's F)
    elif len(present) == n_worlds and _same(present, numbers, decimals, tolerance):
        kind = FIXED
    else:
        kind = CHOSEN
    spread = spread_of(numbers)
    share = float(np.mean(numbers < alpha)) if is_p and len(numbers) else np.nan
    return (value, kind, printed.get(label, ""), len(present), *spread, share)


def spread_of(numbers) -> tuple[float, float, float, float, float]:
    """Median, 5 % and 95 % quantiles, min and max of the finite values (NaN when there are none).

    For whole numbers (counts) the quantiles are values that occur (inverted CDF), not a count between
    two worlds' counts.
    """
    numbers = np.asarray(numbers, dtype=float)
    numbers = numbers[np.isfinite(numbers)]
    if not len(numbers):
        return (np.nan,) * 5
    method = "inverted_cdf" if np.all(numbers == np.round(numbers)) else "linear"
    return (float(np.median(numbers)), *map(float, np.quantile(numbers, [0.05, 0.95], method=method)),
            float(numbers.min()), float(numbers.max()))


def _same(present: list, numbers: np.ndarray, decimals: int | None, tolerance: float) -> bool:
    if len(numbers) != len(present):  # text: the same text
        return len(set(map(str, present))) == 1
    if decimals is not None:
        rounded = np.round(numbers, decimals)
        return bool(np.all(rounded == rounded[0]))
    return bool(numbers.max() - numbers.min() <= tolerance)


def caption(row: pd.Series, digits: int = 2) -> str:
    """The short line shown under a value: its class and, for a chosen one, the 5-95 % range across worlds.

    >>> caption(pd.Series({"provenance": CHOSEN, "worlds": 100, "q05": 0.612, "q95": 0.804,
    ...                    "share_significant": float("nan")}))
    'chosen by the rebuild: across 100 rebuilds 0.61-0.80'
    >>> caption(pd.Series({"provenance": FIXED, "worlds": 100}))
    'fixed by the printed numbers: the same in all 100 rebuilds'
    """
    if row["provenance"] == PRINTED:
        return PRINTED
    if row["provenance"] == FIXED:
        return f"{FIXED}: the same in all {row['worlds']} rebuilds"
    text = f"{CHOSEN}: across {row['worlds']} rebuilds {row['q05']:.{digits}f}-{row['q95']:.{digits}f}"
    share = row.get("share_significant", np.nan)
    if pd.notna(share):
        text += f", significant in {share:.0%} of them"
    return text
