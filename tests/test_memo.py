"""Remembered results: by content, by object identity, bounded, and always copies."""

import pandas as pd

from mutsup_helpers.memo import Same, content_key, remember


def test_content_key_follows_values_not_identity():
    frame = pd.DataFrame({"a": [1, 2, 3]})
    assert content_key(frame) == content_key(frame.copy())
    changed = frame.copy()
    changed.loc[1, "a"] = 5
    assert content_key(changed) != content_key(frame)


def test_same_matches_only_the_very_object():
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1]})
    assert Same(a) == Same(a) and Same(a) != Same(b)


def test_remember_computes_once_returns_copies_and_forgets_the_oldest():
    store, calls = {}, []

    def compute(v):
        calls.append(v)
        return pd.DataFrame({"v": [v]})

    first = remember(store, 1, lambda: compute(1), kept=2)
    first.loc[0, "v"] = 99
    assert remember(store, 1, lambda: compute(1), kept=2)["v"].tolist() == [1]
    remember(store, 2, lambda: compute(2), kept=2)
    remember(store, 3, lambda: compute(3), kept=2)
    assert list(store) == [2, 3] and calls == [1, 2, 3]
