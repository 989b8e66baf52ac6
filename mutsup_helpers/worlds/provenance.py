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
    it varies between worlds; the spread is given (median, the 5-95 % range, min and max) and, for
    p-values (``p_values``), the share of worlds in which it is below ``alpha``.

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

__all__ = ["CHOSEN", "FIXED", "PRINTED", "PROVENANCE_COLUMNS", "caption", "provenance"]

PRINTED = "printed by the paper"
FIXED = "fixed by the printed numbers"
CHOSEN = "chosen by the rebuild"
PROVENANCE_COLUMNS = ["value", "provenance", "target", "worlds", "median", "q05", "q95", "min", "max",
                      "share_significant"]


def provenance(statistic: Callable[[pd.DataFrame], object], worlds: list[World] | None = None,
               data: pd.DataFrame | None = None, printed: Mapping | None = None, decimals: int | None = None,
               tolerance: float = 1e-9, p_values: bool | Iterable = False, alpha: float = ALPHA) -> pd.DataFrame:
    """Each value of ``statistic`` with its provenance across ``worlds`` (default: :func:`load_worlds`).

    Returns one row per value (index: the value's label; a DataFrame's cells are labelled
    ``(row, column)``) with columns :data:`PROVENANCE_COLUMNS`: ``value`` on ``data`` (default: the first
    world, the shipped one), the class, the registry ``target`` of a printed value, the number of worlds
    where it could be computed, the spread across them and, for p-values, the share of worlds with p below
    ``alpha`` (empty otherwise). A value is fixed only if every world gives it.
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
           tuple(sorted(printed.items(), key=repr)), decimals, tolerance,
           p_values if isinstance(p_values, bool) else tuple(p_values), alpha)
    return remember(_TABLES, key, lambda: _compute(statistic, worlds, shown, printed, decimals, tolerance,
                                                   p_values, alpha))


_TABLES: dict[tuple, pd.DataFrame] = {}


def _as_series(result) -> pd.Series:
    """A statistic's result as labelled numbers."""
    if isinstance(result, pd.DataFrame):
        stacked = result.stack(future_stack=True)
        stacked.index = list(stacked.index)  # (row, column) labels
        result = stacked
    elif isinstance(result, Mapping):
        result = pd.Series(dict(result), dtype=object)
    elif not isinstance(result, pd.Series):
        result = pd.Series({"value": result}, dtype=object)
    return pd.to_numeric(result.astype(object).map(lambda v: np.nan if v is None else float(v)), errors="coerce")


def _compute(statistic, worlds, shown, printed, decimals, tolerance, p_values, alpha) -> pd.DataFrame:
    here = _as_series(statistic(shown))
    table = pd.concat({i: _as_series(statistic(w.data)) for i, w in enumerate(worlds)}, axis=1)
    table = table.reindex(here.index.append(table.index.difference(here.index, sort=False)))
    rows = []
    for label, values in table.iterrows():
        finite = values.to_numpy(dtype=float)
        finite = finite[np.isfinite(finite)]
        is_p = p_values is True or (not isinstance(p_values, bool) and label in set(p_values))
        spread = (np.median(finite), *np.quantile(finite, [0.05, 0.95]), finite.min(), finite.max()) \
            if len(finite) else (np.nan,) * 5
        share = float(np.mean(finite < alpha)) if is_p and len(finite) else np.nan
        if label in printed:
            kind = PRINTED
        elif len(finite) == len(worlds) and _same(finite, decimals, tolerance):
            kind = FIXED
        else:
            kind = CHOSEN
        rows.append((here.get(label, np.nan), kind, printed.get(label, ""), len(finite), *spread, share))
    return pd.DataFrame(rows, index=pd.Index(table.index, tupleize_cols=False), columns=PROVENANCE_COLUMNS)


def _same(values: np.ndarray, decimals: int | None, tolerance: float) -> bool:
    if decimals is not None:
        rounded = np.round(values, decimals)
        return bool(np.all(rounded == rounded[0]))
    return bool(values.max() - values.min() <= tolerance)


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
