"""Remembering results within a kernel: the same data (by content) gives the same result.

Notebooks show several views of one scorecard or one family of tests; these helpers
let the second view reuse the first computation. Callers always get a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pandas as pd

__all__ = ["Same", "content_key", "remember"]


def content_key(data: pd.DataFrame) -> tuple:
    """A key that identifies a data set by its content (column names, dtypes, every value).

    Any changed answer gives another key, however the frame was loaded or copied.
    """
    values = pd.util.hash_pandas_object(data, index=True).to_numpy()
    return tuple(data.columns), tuple(map(str, data.dtypes)), len(data), int(values.sum()), int((values * 31).sum())


class Same:
    """Part of a key that matches only the very same object (and keeps it alive, so its id
    cannot be reused while the key is stored)."""

    def __init__(self, obj):
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other) -> bool:
        return isinstance(other, Same) and other.obj is self.obj


def remember(store: dict, key: Hashable, compute: Callable[[], pd.DataFrame], kept: int = 32) -> pd.DataFrame:
    """``compute()`` the first time ``key`` is seen (forgetting the oldest entry beyond ``kept``);
    a copy of the stored result every time."""
    if key not in store:
        if len(store) >= kept:
            store.pop(next(iter(store)))
        store[key] = compute()
    return store[key].copy()
