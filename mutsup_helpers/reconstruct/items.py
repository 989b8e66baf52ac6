"""One item pair (ms, twelve_step): the search problem, its targets, and the solve loop.

Once the respondent rows, years and the answered/skipped pattern are fixed, the
five items share no target, so each is solved on its own (referral additionally
keeps a positive correlation with the already solved familiarity answers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..paper.design import GROUP_TYPES, SPLIT_LEVELS, TABLE1_SPLITS, YEARS, effect_df1, paper_design
from ..paper.shapes import SHAPE_GROUPS, Statistic
from . import anneal as K
from .targets import (
    SETTING3_LEVELS,
    TRAINING_LEVELS,
    Band,
    ItemTargets,
    f_not_significant,
    r_band,
)

# Realism bands: within-person agreement across group types, link to the auxiliary
# item, histogram without dips or near-empty inner categories.
PAIR_R = Band(0.25, 0.85)
AUX_R = Band(0.20, 0.90)
MAX_DIP_SHARE = 0.01
MIN_INNER_COUNT = 3
PATTERN_MARGIN = 0.01

# Type III hypotheses on the six cell means (cell = training * 3 + setting3), sum-to-zero.
_HYPOTHESES = (
    np.array([[1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]]) / 6.0,  # intercept
    np.array([[1, 1, 1, -1, -1, -1], [0, 0, 0, 0, 0, 0]]) / 3.0,  # training
    np.array([[1, -1, 0, 1, -1, 0], [1, 0, -1, 1, 0, -1]]) / 2.0,  # setting3
    np.array([[1, -1, 0, -1, 1, 0], [1, 0, -1, -1, 0, 1]]) / 1.0,  # interaction
)
_ROWS = np.array([1, 1, 2, 2])
# Effects on the difference score (the within factor and its interactions) and on the subject mean.
D_EFFECTS = paper_design().within_effects
M_EFFECTS = paper_design().between_effects
_LEVELS = {"training": TRAINING_LEVELS, "setting3": SETTING3_LEVELS}  # a between factor's levels, kernel order
SCHEFFE_PAIRS = [(a, b) for i, a in enumerate(SETTING3_LEVELS) for b in SETTING3_LEVELS[i + 1:]]


def hypothesis_matrices(cell_n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """L (4, 2, 6) and (L D L')^-1 (4, 2, 2) with D = diag(1 / cell n)."""
    L = np.stack(_HYPOTHESES)
    Minv = np.zeros((4, 2, 2))
    D = np.diag(1.0 / cell_n)
    for e, rows in enumerate(_ROWS):
        Le = L[e, :rows]
        Minv[e, :rows, :rows] = np.linalg.inv(Le @ D @ Le.T)
    return L, Minv


@dataclass
class ItemProblem:
    """Arrays the kernels need for one item, plus the target bands."""

    item: str
    x: np.ndarray  # (2, N) answers, 0 = skipped
    cell: np.ndarray
    levels: np.ndarray
    years: np.ndarray
    aux: np.ndarray
    group: np.ndarray
    group_start: np.ndarray
    group_members: np.ndarray
    answered: np.ndarray
    L: np.ndarray
    Minv: np.ndarray
    rows: np.ndarray
    patterns: np.ndarray
    n_patterns: int
    lo: np.ndarray
    hi: np.ndarray
    scale: np.ndarray
    weight: np.ndarray
    stage: np.ndarray  # 1 = brought in gradually (ANOVA and Scheffe F)
    names: list
    near: np.ndarray  # (N, k) respondents with the most similar years

    def kernel_args(self):
        return (self.cell, self.levels, self.years, self.aux, self.group, self.group_start,
                self.group_members, self.answered, self.near, self.L, self.Minv, self.rows,
                self.patterns, self.n_patterns)

    def evaluate(self) -> np.ndarray:
        return K.evaluate(self.x, self.cell, self.levels, self.years, self.aux,
                          self.L, self.Minv, self.rows, self.patterns, self.n_patterns)


def unprinted_anova(spec: ItemTargets, n_complete: int) -> ItemTargets:
    """Targets of an item whose ANOVA the paper reports only as "nothing significant"."""
    from dataclasses import replace

    df2 = n_complete - paper_design().cells
    bands = {effect: f_not_significant(effect_df1(effect), df2) for effect in paper_design().effects}
    return replace(spec, f_bands=bands)


def anova_cells(frame: pd.DataFrame, answered: np.ndarray) -> np.ndarray:
    """Cell of the 2 x 3 design for complete cases (both questions answered), else -1."""
    training = frame["training"].map({lv: k for k, lv in enumerate(TRAINING_LEVELS)})
    setting3 = frame["setting3"].map({lv: k for k, lv in enumerate(SETTING3_LEVELS)})
    complete = training.notna() & setting3.notna() & answered.all(axis=0)
    cell = (training.fillna(0) * 3 + setting3.fillna(0)).astype(np.int64).to_numpy()
    return np.where(complete.to_numpy(), cell, -1)


def _groups(cell: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    group = np.where(cell >= 0, cell, K.N_CELLS)
    order = np.argsort(group, kind="stable")
    counts = np.bincount(group, minlength=K.N_CELLS + 1)
    start = np.concatenate([[0], np.cumsum(counts)])
    return group.astype(np.int64), start.astype(np.int64), order.astype(np.int64)


def _pattern_specs(spec: ItemTargets) -> list[tuple[tuple[int, int, int, int], str, Band, float]]:
    """(code, name, band, scale) per claimed order of observed means and per shape target.

    code = (g, factor, a, b) as the kernel's ``_pattern_value`` reads it; g 2 = d = ts - ms.
    """
    factor_code = {"group_type": 0, "training": 1, "setting3": 2}
    order = Band(lo=PATTERN_MARGIN)
    out = []
    for rec in spec.patterns:
        factor = rec["factor"]
        name = f"pattern/{spec.item}/{factor}/{rec.get('group_type', 'both')}"
        if factor == "group_type":  # higher twelve_step than ms: mean d > 0
            sign = 1 if rec["higher"] == "twelve_step" else -1
            if sign < 0:
                raise NotImplementedError("ms > twelve_step pattern")
            out.append(((2, 0, 0, 0), name, order, 0.01))
            continue
        lv = _LEVELS[factor]
        if "larger_gap_on" in rec:  # gap on ts larger than on ms = difference of d
            hi, lo = (0, 1) if rec["larger_gap_on"] == "twelve_step" else (1, 0)
            out.append(((2, factor_code[factor], hi, lo), name + "/gap", order, 0.01))
            continue
        g = GROUP_TYPES.index(rec["group_type"]) if "group_type" in rec else 2
        for other in rec["than"]:
            if "higher" in rec:
                pair = (lv.index(rec["higher"]), lv.index(other))
            else:
                pair = (lv.index(other), lv.index(rec["lower"]))
            out.append(((g, factor_code[factor], *pair), f"{name}/{lv[pair[0]]}>{lv[pair[1]]}", order, 0.01))
    for target in spec.shapes:
        code, scale = shape_code(target.statistic)
        out.append((code, target.id, Band(target.lo, target.hi), scale))
    if len(out) > K.MAX_PATTERNS:
        raise ValueError(f"{spec.item}: {len(out)} patterns and shapes, the kernel holds {K.MAX_PATTERNS}")
    return out


def shape_code(statistic: Statistic) -> tuple[tuple[int, int, int, int], float]:
    """The kernel's pattern code of a shape statistic, and the scale of its loss."""
    g = SHAPE_GROUPS.index(statistic.group)
    if statistic.kind == "mean_diff":
        lv = _LEVELS[statistic.factor]
        factor = 1 if statistic.factor == "training" else 2
        return (g, factor, lv.index(statistic.a), lv.index(statistic.b)), 0.01
    if statistic.kind == "min_cell":
        return (g, 3, 0, 0), 0.01
    if statistic.kind == "share" and statistic.factor == "setting3":
        return (2, 4 if statistic.weighting == "type3" else 5, SETTING3_LEVELS.index(statistic.a), 0), 0.05
    raise ValueError(f"no kernel code for {statistic}")


def effect_sign(spec: ItemTargets, effect: str) -> int | None:
    """Direction of a 1-df contrast implied by the claimed mean orders (None: no claim).

    The kernel's contrasts are twelve_step - ms (group_type) and advanced -
    mental_health_worker (training).
    """
    for rec in spec.patterns:
        if effect == "group_type" and rec["factor"] == "group_type":
            return 1 if rec["higher"] == "twelve_step" else -1
        if effect == "training" and rec["factor"] == "training" and "higher" in rec:
            return 1 if rec["higher"] == TRAINING_LEVELS[0] else -1
        if effect == "group_type:training" and "larger_gap_on" in rec:
            return 1 if rec["larger_gap_on"] == "twelve_step" else -1
    return None


def signed_t_band(f_band: Band, sign: int | None) -> Band:
    """Band of the signed t of a 1-df effect given the band of its F = t^2."""
    hi = np.sqrt(f_band.hi)
    if f_band.lo <= 0:
        return Band(-hi, hi)
    lo = np.sqrt(f_band.lo)
    if sign is None:
        raise ValueError("a significant 1-df effect needs a claimed direction")
    return Band(lo, hi) if sign > 0 else Band(-hi, -lo)


class _TargetTable:
    def __init__(self):
        self.lo = np.full(K.N_STATS, -np.inf)
        self.hi = np.full(K.N_STATS, np.inf)
        self.scale = np.ones(K.N_STATS)
        self.weight = np.zeros(K.N_STATS)
        self.stage = np.zeros(K.N_STATS, dtype=np.int64)
        self.names = [""] * K.N_STATS

    def set(self, k, band: Band, scale: float, name: str, stage: int = 0, weight: float = 1.0):
        self.lo[k], self.hi[k], self.scale[k] = band.lo, band.hi, scale
        self.weight[k], self.stage[k], self.names[k] = weight, stage, name


def build_targets(spec: ItemTargets, n_answered: np.ndarray, has_aux: bool):
    """Target table of one item (bands, scales, stages) over the kernel's statistics."""
    tt = _TargetTable()
    item = spec.item
    for s, split in enumerate(TABLE1_SPLITS):
        for level_code, level in enumerate(SPLIT_LEVELS):
            k = s * 2 + level_code
            n = spec.split_n[(split, level)]
            tt.set(K.T_MEAN + k, spec.split_mean[(split, level)], 1 / n, f"{item}/{split}/{level}/mean")
            tt.set(K.T_SD + k, spec.split_sd[(split, level)], 1 / n, f"{item}/{split}/{level}/sd")
        tt.set(K.T_T + s, spec.split_t[split], 0.05, f"{item}/{split}/t")
    for g, group in enumerate(GROUP_TYPES):
        for y, years in enumerate(YEARS):
            key = (group, years)
            band, _ = r_band(spec.r_printed[key], spec.r_stars[key], int(n_answered[g]))
            tt.set(K.T_R + g * 2 + y, band, 0.0025, f"{item}/{group}/{years}/r")
    for base, effects, first in ((K.T_FD, D_EFFECTS, 0), (K.T_FM, M_EFFECTS, 1)):
        for e, effect in enumerate(effects):
            if effect not in spec.f_bands:
                continue
            band, scale = spec.f_bands[effect], 0.1
            if _ROWS[e + first] == 1:
                band, scale = signed_t_band(band, effect_sign(spec, effect)), 0.03
            tt.set(base + e, band, scale, f"{item}/{effect}/F", stage=1)
    for k, pair in enumerate(SCHEFFE_PAIRS):
        if pair in spec.scheffe_bands:
            tt.set(K.T_SCH + k, spec.scheffe_bands[pair], 0.1, f"{item}/scheffe/{pair[0]}-{pair[1]}", stage=1)
    for g, group in enumerate(GROUP_TYPES):
        if group in spec.anova_mean:
            tt.set(K.T_AMEAN + g, spec.anova_mean[group], 0.01, f"{item}/anova_sample/{group}/mean")
    patterns = _pattern_specs(spec)
    for p, (_, name, band, scale) in enumerate(patterns):
        tt.set(K.T_PAT + p, band, scale, name)
    tt.set(K.T_RPAIR, PAIR_R, 0.02, f"{item}/realism/r_ms_twelve_step")
    if has_aux:
        for g, group in enumerate(GROUP_TYPES):
            tt.set(K.T_RAUX + g, AUX_R, 0.02, f"{item}/realism/r_aux_{group}")
    for g, group in enumerate(GROUP_TYPES):
        tt.set(K.T_DIP + g, Band(hi=MAX_DIP_SHARE), 0.01, f"{item}/realism/dip_{group}")
        tt.set(K.T_INNER + g, Band(lo=MIN_INNER_COUNT), 1.0, f"{item}/realism/inner_{group}")
    pattern_array = np.zeros((K.MAX_PATTERNS, 4), dtype=np.int64)
    for p, (code, *_) in enumerate(patterns):
        pattern_array[p] = code
    return tt, pattern_array, len(patterns)


def pattern_shifts(spec: ItemTargets, cell: np.ndarray, step: float = 0.15) -> np.ndarray:
    """(2, N) latent shifts that put the claimed mean orders into the starting answers."""
    shifts = np.zeros((2, len(cell)))
    for (g, factor, hi, lo), *_ in _pattern_specs(spec):
        if factor not in (1, 2):
            continue
        level = cell // 3 if factor == 1 else cell % 3
        sign = np.where(cell < 0, 0.0, np.where(level == hi, 1.0, np.where(level == lo, -1.0, 0.0)))
        for col, direction in ((0, 1.0), (1, 1.0)) if g < 2 else ((0, -0.5), (1, 0.5)):
            if g < 2 and col != g:
                continue
            shifts[col] += step * direction * sign
    return shifts


def initial_answers(rng: np.random.Generator, spec: ItemTargets, answered: np.ndarray,
                    years: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """Plausible starting answers: a shared person effect, a twelve_step shift, the claimed
    orders of means, rounding to 1-5."""
    n = answered.shape[1]
    shifts = pattern_shifts(spec, cell)
    means = np.array([m.lo for m in spec.split_mean.values()])
    sds = np.array([s.lo for s in spec.split_sd.values()])
    # Unprinted moments (synthetic target sets) start from the middle of the scale.
    mean_ms = means.mean() if np.isfinite(means).all() else 3.0
    sd = sds.mean() if np.isfinite(sds).all() else 1.0
    person = rng.normal(size=n) + 0.1 * (years[1] - years[1].mean()) / years[1].std()
    x = np.zeros((2, n), dtype=np.int64)
    for g, shift in enumerate((0.0, 0.25)):
        latent = mean_ms + shift + shifts[g] + sd * (0.7 * person + 0.7 * rng.normal(size=n))
        x[g] = np.clip(np.round(latent), 1, 5).astype(np.int64)
    return np.where(answered, x, 0)


def build_problem(spec: ItemTargets, frame: pd.DataFrame, answered: np.ndarray,
                  rng: np.random.Generator, aux: np.ndarray | None = None) -> ItemProblem:
    """Assemble arrays and targets for one item. ``answered`` is (2, N) bool."""
    from .missingness import split_levels

    years = frame[list(YEARS)].to_numpy(dtype=float).T.copy()
    cell = anova_cells(frame, answered)
    group, start, members = _groups(cell)
    cell_n = np.bincount(cell[cell >= 0], minlength=K.N_CELLS).astype(float)
    if spec.anova_n is not None and int(cell_n.sum()) != spec.anova_n:
        raise ValueError(f"{spec.item}: {int(cell_n.sum())} complete cases, printed df imply {spec.anova_n}")
    if spec.anova_n is None:  # N not printed: every effect "not significant" at the actual df
        spec = unprinted_anova(spec, int(cell_n.sum()))
    L, Minv = hypothesis_matrices(cell_n)
    tt, patterns, n_patterns = build_targets(spec, answered.sum(axis=1), aux is not None)
    aux_arr = np.zeros((2, len(frame)), dtype=np.int64) if aux is None else aux.astype(np.int64)
    return ItemProblem(
        item=spec.item, x=initial_answers(rng, spec, answered, years, cell), cell=cell,
        levels=split_levels(frame), years=years, aux=aux_arr, group=group, group_start=start,
        group_members=members, answered=np.flatnonzero(answered.any(axis=0)).astype(np.int64),
        L=L, Minv=Minv, rows=_ROWS.astype(np.int64), patterns=patterns, n_patterns=n_patterns,
        lo=tt.lo, hi=tt.hi, scale=tt.scale, weight=tt.weight, stage=tt.stage, names=tt.names,
        near=years_neighbours(years),
    )


def years_neighbours(years: np.ndarray, k: int = 12) -> np.ndarray:
    """For each respondent, the ``k`` others closest in (years in setting, years in discipline)."""
    d = ((years[:, :, None] - years[:, None, :]) ** 2).sum(axis=0)
    np.fill_diagonal(d, np.inf)
    return np.argsort(d, axis=1, kind="stable")[:, :k].astype(np.int64)


@dataclass
class Schedule:
    """Temperature, target ramp and penalty ramp of one solve (iterations counted in chunks)."""

    chunk: int = 50_000
    cool_chunks: int = 60  # chunks from t_hot to t_warm
    ramp_chunks: int = 20  # chunks over which stage-1 targets reach full weight
    max_chunks: int = 120
    t_hot: float = 2.0
    t_warm: float = 0.3
    attract: float = 0.05  # pull to the centre of two-sided bands
    fixed_start: float = 0.2  # cost per statistic outside its band, ramped to fixed_end
    fixed_end: float = 2.0
    polish_below: int = 3  # try a full-neighbourhood descent when this few bands miss
    polish_sweeps: int = 4
    polish_every: int = 10


def solve(problem: ItemProblem, seed: int, schedule: Schedule | None = None, on_chunk=None) -> bool:
    """Anneal ``problem.x`` in place; True when every target band holds.

    Annealing brings all statistics near or into their bands; every few chunks,
    when only a few miss, a descent over the whole neighbourhood tries to land
    the narrow ones.
    """
    schedule = schedule or Schedule()
    S = K.all_sums(problem.x, problem.cell, problem.levels, problem.years, problem.aux)
    args = problem.kernel_args()
    bands = (problem.lo, problem.hi)
    # The descent approaches narrow bands steeply: distance in units of the band width.
    width = problem.hi - problem.lo
    steep = np.where(np.isfinite(width), np.minimum(problem.scale, width), problem.scale)
    next_polish = schedule.ramp_chunks
    for c in range(schedule.max_chunks):
        ramp = min(1.0, 0.05 + c / schedule.ramp_chunks)
        weight = np.where(problem.stage == 1, ramp * problem.weight, problem.weight)
        frac = min(1.0, c / schedule.cool_chunks)
        t0 = schedule.t_hot * (schedule.t_warm / schedule.t_hot) ** frac
        t1 = schedule.t_hot * (schedule.t_warm / schedule.t_hot) ** min(1.0, (c + 1) / schedule.cool_chunks)
        fixed = schedule.fixed_start + (schedule.fixed_end - schedule.fixed_start) * frac
        loss, outside, _ = K.anneal_chunk(problem.x, S, *args, *bands, problem.scale,
                                          weight, schedule.attract, fixed, schedule.chunk, t0, t1,
                                          seed * 100_003 + c)
        if on_chunk is not None:
            on_chunk(problem, loss)
        if outside == 0:
            return True
        if outside > schedule.polish_below or c < next_polish:
            continue
        next_polish = c + schedule.polish_every
        if K.polish(problem.x, S, *args, *bands, steep, problem.weight, schedule.fixed_end,
                    schedule.polish_sweeps) == 0:
            return True
    return False


def hits(problem: ItemProblem) -> tuple[int, int]:
    """(targets inside their band, active targets), from a from-scratch evaluation."""
    stats = problem.evaluate()
    return int(K.count_hits(stats, problem.lo, problem.hi, problem.weight)), int((problem.weight > 0).sum())


def misses(problem: ItemProblem) -> list[tuple[str, float, float, float]]:
    """(name, value, lo, hi) of each target outside its band."""
    stats = problem.evaluate()
    return [(problem.names[k], float(stats[k]), float(problem.lo[k]), float(problem.hi[k]))
            for k in range(K.N_STATS)
            if problem.weight[k] > 0 and not problem.lo[k] <= stats[k] <= problem.hi[k]]


def answered_matrix(present: np.ndarray, k: int) -> np.ndarray:
    """(2, N) bool: answered ms / twelve_step of item ``k`` from the missingness matrix."""
    return present[:, 2 * k : 2 * k + 2].T.astype(bool)

