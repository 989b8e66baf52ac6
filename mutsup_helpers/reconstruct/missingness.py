"""Which respondents answered which item: exact Ns with nonresponse clustered in people.

The printed Ns pin down, per item, how many respondents answered the ms question
within each level of each yes/no split (Table 2) and how many answered both
questions while having both coded factors (ANOVA df2 + 6). A small annealer
toggles answered/skipped cells until every count is exact, while a realism cost
prefers skips by respondents who already skip (a concave cost per person), by
respondents with a high nonresponse propensity, and skipping both questions of
an item together.
"""

# Numba kernels draw from numba's own generator, seeded per call; inside njit code
# that generator is reached through the legacy np.random API.
# ruff: noqa: NPY002

from __future__ import annotations

import numpy as np
import pandas as pd
from numba import njit

from ..paper.design import ITEMS, SPLIT_LEVELS, TABLE1_SPLITS
from .targets import MISSING, item_targets

N_GROUPS = 2  # ms, twelve_step
COUNT_WEIGHT = 50.0
PERSON_COST = 1.0  # per respondent with any skip: concentrates skips in few people
PROPENSITY_REWARD = 1.5  # per skip, times the respondent's propensity
ONE_SIDED_COST = 0.6  # skipping one question of an item but answering the other
TS_EXTRA_SKIPS = 2  # twelve_step questions skipped beyond the ms ones (soft)
TS_WEIGHT = 0.05


def split_levels(frame: pd.DataFrame) -> np.ndarray:
    """(split, respondent) code: -1 missing, 0 No, 1 Yes."""
    out = np.full((len(TABLE1_SPLITS), len(frame)), -1, dtype=np.int64)
    for s, split in enumerate(TABLE1_SPLITS):
        for code, level in enumerate(SPLIT_LEVELS):
            out[s, (frame[split] == level).to_numpy()] = code
    return out


def count_targets(pub) -> tuple[np.ndarray, np.ndarray]:
    """Table 2 Ns as (item, split, level) and ANOVA Ns per item (-1: not printed)."""
    split_n = np.full((len(ITEMS), len(TABLE1_SPLITS), 2), -1, dtype=np.int64)
    anova_n = np.full(len(ITEMS), -1, dtype=np.int64)
    for k, item in enumerate(ITEMS):
        spec = item_targets(pub, item)
        for (split, level), n in spec.split_n.items():
            split_n[k, TABLE1_SPLITS.index(split), SPLIT_LEVELS.index(level)] = n
        anova_n[k] = -1 if spec.anova_n is None else spec.anova_n
    return split_n, anova_n


@njit(cache=True)
def _count_loss(split_cnt, split_n, anova_cnt, anova_n, ms_cnt, ts_cnt):
    loss = 0.0
    for k in range(split_n.shape[0]):
        for s in range(split_n.shape[1]):
            for level in range(2):
                if split_n[k, s, level] >= 0:
                    loss += COUNT_WEIGHT * (split_cnt[k, s, level] - split_n[k, s, level]) ** 2
        if anova_n[k] >= 0:
            loss += COUNT_WEIGHT * (anova_cnt[k] - anova_n[k]) ** 2
        loss += TS_WEIGHT * (ts_cnt[k] - ms_cnt[k] + TS_EXTRA_SKIPS) ** 2
    return loss


@njit(cache=True)
def _person_loss(present, i, propensity):
    n_items = present.shape[1] // N_GROUPS
    skips = 0
    one_sided = 0
    for k in range(n_items):
        a, b = present[i, 2 * k], present[i, 2 * k + 1]
        skips += 2 - a - b
        one_sided += a != b
    return PERSON_COST * (skips > 0) - PROPENSITY_REWARD * propensity[i] * skips + ONE_SIDED_COST * one_sided


@njit(cache=True)
def _toggle(present, i, col, levels, base, split_cnt, anova_cnt, ms_cnt, ts_cnt):
    k, g = col // 2, col % 2
    step = 1 - 2 * present[i, col]  # +1 when a skip becomes an answer
    present[i, col] += step
    if g == 0:
        ms_cnt[k] += step
        for s in range(levels.shape[0]):
            if levels[s, i] >= 0:
                split_cnt[k, s, levels[s, i]] += step
    else:
        ts_cnt[k] += step
    if base[i] and present[i, 2 * k + 1 - g] == 1:
        anova_cnt[k] += step


@njit(cache=True)
def anneal_missingness(present, levels, base, propensity, split_n, anova_n, n_iter, t_start, t_end, seed):
    """Toggle cells of ``present`` (respondent x item column) until the counts are exact.

    Returns the final count loss (0 when every printed N holds).
    """
    np.random.seed(seed)
    n, n_cols = present.shape
    n_items = n_cols // 2
    split_cnt = np.zeros(split_n.shape, dtype=np.int64)
    anova_cnt = np.zeros(n_items, dtype=np.int64)
    ms_cnt = np.zeros(n_items, dtype=np.int64)
    ts_cnt = np.zeros(n_items, dtype=np.int64)
    start = present.copy()
    present[:, :] = 0
    for i in range(n):
        for col in range(n_cols):
            if start[i, col] == 1:  # count by toggling from an empty sheet
                _toggle(present, i, col, levels, base, split_cnt, anova_cnt, ms_cnt, ts_cnt)
    count_loss = _count_loss(split_cnt, split_n, anova_cnt, anova_n, ms_cnt, ts_cnt)
    ratio = (t_end / t_start) ** (1.0 / n_iter)
    temp = t_start
    for _ in range(n_iter):
        temp *= ratio
        i = np.random.randint(n)
        col = np.random.randint(n_cols)
        # Half the moves toggle two respondents of one column in opposite directions,
        # which moves a skip between people without changing the column's count.
        j = np.random.randint(n) if np.random.random() < 0.5 else i
        if j != i and present[j, col] == present[i, col]:
            continue
        before = _person_loss(present, i, propensity)
        if j != i:
            before += _person_loss(present, j, propensity)
            _toggle(present, j, col, levels, base, split_cnt, anova_cnt, ms_cnt, ts_cnt)
        _toggle(present, i, col, levels, base, split_cnt, anova_cnt, ms_cnt, ts_cnt)
        new_count = _count_loss(split_cnt, split_n, anova_cnt, anova_n, ms_cnt, ts_cnt)
        after = _person_loss(present, i, propensity)
        if j != i:
            after += _person_loss(present, j, propensity)
        delta = new_count - count_loss + after - before
        if delta <= 0 or np.random.random() < np.exp(-delta / temp):
            count_loss = new_count
        else:
            _toggle(present, i, col, levels, base, split_cnt, anova_cnt, ms_cnt, ts_cnt)
            if j != i:
                _toggle(present, j, col, levels, base, split_cnt, anova_cnt, ms_cnt, ts_cnt)
    exact = 0.0
    for k in range(n_items):
        for s in range(split_n.shape[1]):
            for level in range(2):
                if split_n[k, s, level] >= 0:
                    exact += abs(split_cnt[k, s, level] - split_n[k, s, level])
        if anova_n[k] >= 0:
            exact += abs(anova_cnt[k] - anova_n[k])
    return exact


def build_missingness(pub, frame: pd.DataFrame, propensity: np.ndarray, seed: int) -> np.ndarray:
    """Answered (1) / skipped (0) per respondent and item column (item-major, ms then twelve_step)."""
    levels = split_levels(frame)
    base = ((frame["training"] != MISSING) & (frame["setting3"] != MISSING)).to_numpy()
    split_n, anova_n = count_targets(pub)
    rng = np.random.default_rng(seed)
    for attempt in range(5):
        start = (rng.random((len(frame), 2 * len(ITEMS))) > 0.5 * propensity[:, None]).astype(np.int64)
        residual = anneal_missingness(start, levels, base, propensity, split_n, anova_n,
                                      400_000, 3.0, 0.02, seed * 7 + attempt)
        if residual == 0:
            return start
    raise RuntimeError("item nonresponse could not match the printed Ns")
