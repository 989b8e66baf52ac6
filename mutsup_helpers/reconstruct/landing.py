"""Land the narrow ANOVA bands an annealed item still misses: plan exact integer sums, then realise them.

Every ANOVA, Scheffé and cell-pattern statistic of an item is a function of a few
integers: the twelve-step answer total of each of the six cells, the total of
d² and of s² (d = ts - ms, s = ts + ms) and the cell sizes. The printed Fs are
narrow (two decimals), so near an annealed state these integers often have no
solution at all: one lattice point in about 1e8 satisfies the group-type,
group-type x training and group-type x setting bands together. Annealing then
ends one band short.

Landing searches that lattice directly. With the ms answers (and so Table 2)
fixed, :func:`plan_candidates` enumerates changes of the six twelve-step cell
totals within a radius, and for each one the integer changes of the d² and s²
totals that put every d-side and s-side band in range (both scale as a power of
the error sum of squares). :func:`realize` then anneals the twelve-step answers
only, to those exact totals, keeping every other band (correlations with years,
realism). When the cell sizes admit no plan nearby, one twelve-step skip moves
to another cell: a respondent who answered only the ms question answers both,
one who answered both skips the twelve-step one (preferably someone who already
skips other questions), and the search runs again.
"""

# Numba kernels draw from numba's own generator, seeded per call; inside njit code
# that generator is reached through the legacy np.random API.
# ruff: noqa: NPY002

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from . import anneal as K
from .items import hits

RADIUS = 8  # cell totals move by at most this many answer steps each
UNPRUNED_RADIUS = 3  # when the ratio window cannot prune, every delta is checked: keep it small
SQUARES_CAP = 1e6  # larger changes of a sum of squares are never wanted
MAX_SQUARES_CHANGE = (160, 80)  # |change of sum ts^2|, |change of sum ts*ms| of a usable plan
PLANS_PER_PATTERN = 3
REALIZE_SEEDS = 8
REALIZE_ITERATIONS = 500_000
STAY_COST = 0.05  # per changed twelve-step answer: prefer plans realised with few changes
MAX_TRANSFERS = 200
LEAVERS_PER_CELL = 4
MAX_REALIZATIONS = 12  # plans tried per landing (each up to REALIZE_SEEDS anneals)


# ---- plan: integer cell totals and square totals that put every cell statistic in band

@njit(cache=True)
def _sse_interval(value, lo, hi, power, sse0):
    """Interval of sse on which ``value * (sse0 / sse) ** power`` stays in [lo, hi]."""
    if value < 0:
        value, lo, hi = -value, -hi, -lo
    if value == 0.0:
        return (0.0, np.inf) if lo <= 0.0 <= hi else (np.inf, -np.inf)
    if hi <= 0.0:
        return np.inf, -np.inf
    a = sse0 * (value / hi) ** (1.0 / power) if np.isfinite(hi) else 0.0
    b = sse0 * (value / lo) ** (1.0 / power) if lo > 0.0 else np.inf
    return a, b


@njit(cache=True)
def _type3_interval(sums, n, L, Minv, rows, first, base, lo, hi, weight, sse0, dfe):
    """sse interval on which the Type III statistics ``first..3`` of one side are all in band.

    Same formulas as the annealer's ``_cell_f``: t (1 df) scales as sse^-1/2, F as sse^-1.
    """
    a_all, b_all = 0.0, np.inf
    mse = sse0 / dfe
    for e in range(first, 4):
        k = base + e - first
        if weight[k] == 0.0:
            continue
        v0 = 0.0
        v1 = 0.0
        for c in range(K.N_CELLS):
            mu = sums[c] / n[c]
            v0 += L[e, 0, c] * mu
            v1 += L[e, 1, c] * mu
        q = v0 * v0 * Minv[e, 0, 0]
        if rows[e] == 1:
            value, power = np.sign(v0) * np.sqrt(q / mse), 0.5
        else:
            q += 2 * v0 * v1 * Minv[e, 0, 1] + v1 * v1 * Minv[e, 1, 1]
            value, power = q / rows[e] / mse, 1.0
        a, b = _sse_interval(value, lo[k], hi[k], power, sse0)
        a_all, b_all = max(a_all, a), min(b_all, b)
    return a_all, b_all


@njit(cache=True)
def _scheffe_interval(d, n, lo, hi, weight, sse0, dfe, a_all, b_all):
    """Narrow the d-side sse interval by the Scheffé bands (observed setting means of d)."""
    for p in range(3):
        ka = (0, 0, 1)[p]
        kb = (1, 2, 2)[p]
        k = K.T_SCH + p
        if weight[k] == 0.0:
            continue
        na = n[ka] + n[ka + 3]
        nb = n[kb] + n[kb + 3]
        diff = (d[ka] + d[ka + 3]) / na - (d[kb] + d[kb + 3]) / nb
        f = diff * diff / (sse0 / dfe * (1 / na + 1 / nb)) / 2
        a, b = _sse_interval(f, lo[k], hi[k], 1.0, sse0)
        a_all, b_all = max(a_all, a), min(b_all, b)
    return a_all, b_all


@njit(cache=True)
def _integer_range(lo, hi):
    """Integers in [lo, hi]; an open end (a band with no upper bound) is capped at
    :data:`SQUARES_CAP` so the cast stays defined."""
    lo = max(lo, -SQUARES_CAP)
    hi = min(hi, SQUARES_CAP)
    return int(np.ceil(lo)), int(np.floor(hi))


@njit(cache=True)
def _nearest_zero(lo, hi, residue):
    """(found, value): the value of [lo, hi] closest to 0 congruent to ``residue`` mod 4."""
    v = min(max(0, lo), hi)
    for step in range(4):
        for w in (v + step, v - step):
            if lo <= w <= hi and w % 4 == residue:
                return True, w
    return False, 0


@njit(cache=True)
def _cheapest_square_change(i0, i1, j0, j1, parity):
    """(cost, dD, dM): dD in [i0, i1], dM in [j0, j1], least cost = max(|dD|, |dM|) =
    |change of sum ts^2| + 2 |change of sum ts*ms|; cost -1 when no pair exists.

    Reachable only if dM - dD is divisible by 4 (it is 4 x the change of sum ts*ms) and
    dD has the parity of the change of the ts total (d^2 and d are congruent mod 2).
    """
    best, bd, bm = -1, 0, 0
    for residue in (parity, parity + 2):
        ok_d, dD = _nearest_zero(i0, i1, residue)
        ok_m, dM = _nearest_zero(j0, j1, residue)
        if not (ok_d and ok_m):
            continue
        cost = max(abs(dD), abs(dM))
        if best < 0 or cost < best:
            best, bd, bm = cost, dD, dM
    return best, bd, bm


@njit(cache=True)
def _half_totals(d0, n, first, radius):
    """Every delta of the three cells ``first..first+2`` and the sum of their d cell means."""
    width = 2 * radius + 1
    deltas = np.zeros((width ** 3, 3), dtype=np.int64)
    totals = np.zeros(width ** 3)
    for code in range(width ** 3):
        r = code
        for c in range(3):
            deltas[code, c] = r % width - radius
            r //= width
            totals[code] += (d0[first + c] + deltas[code, c]) / n[first + c]
    return deltas, totals


@njit(cache=True)
def _ratio_window(L, Minv, lo, hi, weight):
    """Range of y = (A + B) / (A - B), A and B the two training halves' sums of d cell means,
    on which the group-type and group-type x training bands can hold at one common sse;
    (-inf, inf) when either band is not sign-definite (then nothing is pruned)."""
    g, t = K.T_FD, K.T_FD + 1
    if weight[g] == 0 or weight[t] == 0 or lo[g] * hi[g] <= 0 or lo[t] * hi[t] <= 0:
        return -np.inf, np.inf
    if not (np.isfinite(lo[g]) and np.isfinite(hi[g]) and np.isfinite(lo[t]) and np.isfinite(hi[t])):
        return -np.inf, np.inf
    # t_g / t_t = kappa * y  (both t scale as sse^-1/2, so only their ratio matters)
    kappa = L[0, 0, 0] * np.sqrt(Minv[0, 0, 0]) / (L[1, 0, 0] * np.sqrt(Minv[1, 0, 0]))
    r = np.array([lo[g] / lo[t], lo[g] / hi[t], hi[g] / lo[t], hi[g] / hi[t]]) / kappa
    if r.min() <= -1.0 <= r.max():  # the half sums' map y -> B is not monotone across y = -1
        return -np.inf, np.inf
    return r.min(), r.max()


@njit(cache=True)
def plan_candidates(S, L, Minv, rows, lo, hi, weight, radius, prune=True):
    """Rows (delta of the 6 twelve-step cell totals, dD, dM) under which every Type III and
    Scheffé band holds; dD, dM are the changes of the d² and s² totals.

    Meet in the middle: the group-type and group-type x training t depend on the two
    training halves (cells 0-2, 3-5) only through each half's sum of d cell means, and
    must agree on one sse, which bounds the ratio of those sums. So each half's deltas
    are enumerated once and only pairs inside that ratio window are checked in full.
    ``prune=False`` checks every pair (same result, slower; for tests). A prefilter: the
    caller checks each plan with the annealer's own statistics.
    """
    n = S[K.S_CN:K.S_CN + K.N_CELLS].copy()
    d0 = S[K.S_CTS:K.S_CTS + K.N_CELLS] - S[K.S_CMS:K.S_CMS + K.N_CELLS]
    s0 = S[K.S_CTS:K.S_CTS + K.N_CELLS] + S[K.S_CMS:K.S_CMS + K.N_CELLS]
    qd = S[K.S_CD2:K.S_CD2 + K.N_CELLS].sum()
    qs = S[K.S_CS2:K.S_CS2 + K.N_CELLS].sum()
    dfe = n.sum() - K.N_CELLS
    delta_a, total_a = _half_totals(d0, n, 0, radius)
    delta_b, total_b = _half_totals(d0, n, 3, radius)
    order = np.argsort(total_b)
    sorted_b = total_b[order]
    y_lo, y_hi = _ratio_window(L, Minv, lo, hi, weight)
    prune = prune and np.isfinite(y_lo)
    found = []
    d = np.zeros(K.N_CELLS)
    s = np.zeros(K.N_CELLS)
    delta = np.zeros(K.N_CELLS, dtype=np.int64)
    for ia in range(total_a.shape[0]):
        first, last = 0, sorted_b.shape[0]
        if prune:  # B = A (y - 1) / (y + 1) is monotone in y away from y = -1
            a = total_a[ia]
            b1, b2 = a * (y_lo - 1) / (y_lo + 1), a * (y_hi - 1) / (y_hi + 1)
            first = np.searchsorted(sorted_b, min(b1, b2) - 1e-12)
            last = np.searchsorted(sorted_b, max(b1, b2) + 1e-12, side="right")
        for ib in order[first:last]:
            delta[:3] = delta_a[ia]
            delta[3:] = delta_b[ib]
            sse_d, sse_s = qd, qs
            for c in range(K.N_CELLS):
                d[c] = d0[c] + delta[c]
                s[c] = s0[c] + delta[c]
                sse_d -= d[c] * d[c] / n[c]
                sse_s -= s[c] * s[c] / n[c]
            a, b = _type3_interval(d, n, L, Minv, rows, 0, K.T_FD, lo, hi, weight, sse_d, dfe)
            if a > b:
                continue
            a, b = _scheffe_interval(d, n, lo, hi, weight, sse_d, dfe, a, b)
            i0, i1 = _integer_range(a - sse_d, b - sse_d)
            if i0 > i1:
                continue
            a, b = _type3_interval(s, n, L, Minv, rows, 1, K.T_FM, lo, hi, weight, sse_s, dfe)
            if a > b:
                continue
            j0, j1 = _integer_range(a - sse_s, b - sse_s)
            cost, dD, dM = _cheapest_square_change(i0, i1, j0, j1, delta.sum() % 2)
            if cost >= 0:
                row = np.empty(K.N_CELLS + 2, dtype=np.int64)
                row[:K.N_CELLS] = delta
                row[K.N_CELLS], row[K.N_CELLS + 1] = dD, dM
                found.append(row)
    out = np.zeros((len(found), K.N_CELLS + 2), dtype=np.int64)
    for k in range(len(found)):
        out[k] = found[k]
    return out


# ---- realise: anneal the twelve-step answers to the planned totals

@njit(cache=True)
def _gap(S, target):
    """Distance of the plan sums (ts per cell, total d², total s²) from their targets."""
    g = 0.0
    for c in range(K.N_CELLS):
        g += abs(S[K.S_CTS + c] - target[c])
    g += abs(S[K.S_CD2:K.S_CD2 + K.N_CELLS].sum() - target[K.N_CELLS]) / 2
    g += abs(S[K.S_CS2:K.S_CS2 + K.N_CELLS].sum() - target[K.N_CELLS + 1]) / 2
    return g


@njit(cache=True)
def _propose_ts(x, group, group_start, group_members, near, answered):
    """A twelve-step move: (i, j, new value of i, new value of j); j == i for a single step."""
    i = answered[np.random.randint(answered.shape[0])]
    u = np.random.random()
    if u < 0.3:
        return i, i, x[1, i] + (1 if np.random.random() < 0.5 else -1), 0
    grp = group[i]
    if u < 0.8 and grp < K.N_CELLS:  # same cell: keeps the planned cell totals
        j = group_members[group_start[grp] + np.random.randint(group_start[grp + 1] - group_start[grp])]
    else:
        j = near[i, np.random.randint(near.shape[1])]
    if j == i or x[1, j] == 0:
        return i, -1, 0, 0
    if u < 0.6:
        return i, j, x[1, j], x[1, i]
    return i, j, x[1, i] + 1, x[1, j] - 1


@njit(cache=True)
def realize(x, S, target, cell, levels, years, aux, group, group_start, group_members, near,
            L, Minv, rows, patterns, n_patterns, lo, hi, scale, weight, n_iter, t_start, t_end,
            stay, seed):
    """Anneal ``x[1]`` (twelve-step answers) in place towards the planned sums with every
    weighted band held; returns the remaining loss (0 = planned sums exact, bands hold)."""
    np.random.seed(seed)
    answered = np.flatnonzero(x[1] > 0)
    start = x[1].copy()
    stats = np.zeros(K.N_STATS)
    K.statistics(S, L, Minv, rows, patterns, n_patterns, stats)
    loss = _gap(S, target) + K.loss_of(stats, lo, hi, scale, weight, 0.0, 2.0)[0]
    moved = 0
    old = np.zeros(4, dtype=np.int64)
    temp = t_start
    ratio = (t_end / t_start) ** (1.0 / n_iter)
    for _ in range(n_iter):
        if loss - stay * moved == 0.0:
            break
        temp *= ratio
        i, j, a, b = _propose_ts(x, group, group_start, group_members, near, answered)
        if j < 0 or a < 1 or a > 5 or (j != i and (b < 1 or b > 5)):
            continue
        old[0], old[1], old[2], old[3] = x[0, i], x[1, i], x[0, j], x[1, j]
        K._apply(x, 1 if j == i else 2, i, j, 1, a, b, S, cell, levels, years, aux)
        K.statistics(S, L, Minv, rows, patterns, n_patterns, stats)
        moved_new = moved + (x[1, i] != start[i]) - (old[1] != start[i])
        if j != i:
            moved_new += (x[1, j] != start[j]) - (old[3] != start[j])
        new = _gap(S, target) + K.loss_of(stats, lo, hi, scale, weight, 0.0, 2.0)[0] + stay * moved_new
        if new <= loss or np.random.random() < np.exp(-(new - loss) / temp):
            loss, moved = new, moved_new
        else:
            K._restore(x, i, j, old, S, cell, levels, years, aux)
    return loss - stay * moved


# ---- driver

@dataclass
class Landing:
    problem: object  # the item's problem with the landed answers (cell sizes may differ)
    plan: np.ndarray  # delta of the six ts cell totals, dD, dM
    transfer: tuple[int, int] | None  # (now answers ts, now skips ts) respondents, if any
    changed: int  # twelve-step answers changed by the realisation


def usable_plans(problem) -> np.ndarray:
    """Plans for the current cell sizes, checked with the annealer's statistics, cheapest first."""
    S = K.all_sums(problem.x, problem.cell, problem.levels, problem.years, problem.aux)
    y_lo, _ = _ratio_window(problem.L, problem.Minv, problem.lo, problem.hi, problem.weight)
    radius = RADIUS if np.isfinite(y_lo) else UNPRUNED_RADIUS
    rows = plan_candidates(S, problem.L, problem.Minv, problem.rows, problem.lo, problem.hi,
                           problem.weight, radius)
    stats = np.zeros(K.N_STATS)
    cell_stats = np.arange(K.T_FD, K.T_PAT + problem.n_patterns)
    active = cell_stats[problem.weight[cell_stats] > 0]
    keep = []
    for row in rows:
        dA, dB = (row[6] + row[7]) // 2, (row[7] - row[6]) // 4
        if abs(dA) > MAX_SQUARES_CHANGE[0] or abs(dB) > MAX_SQUARES_CHANGE[1]:
            continue
        T = _planned_sums(S, row)
        K.statistics(T, problem.L, problem.Minv, problem.rows, problem.patterns, problem.n_patterns, stats)
        if np.all((problem.lo[active] <= stats[active]) & (stats[active] <= problem.hi[active])):
            keep.append((np.abs(row[:6]).sum() + abs(dA) / 4 + abs(dB) / 2, len(keep), row))
    keep.sort(key=lambda t: t[:2])
    return np.array([row for *_, row in keep], dtype=np.int64).reshape(-1, 8)


def _planned_sums(S: np.ndarray, plan: np.ndarray) -> np.ndarray:
    T = S.copy()
    T[K.S_CTS:K.S_CTS + K.N_CELLS] += plan[:K.N_CELLS]
    T[K.S_CD2] += plan[K.N_CELLS]
    T[K.S_CS2] += plan[K.N_CELLS + 1]
    return T


def realize_plan(problem, plan: np.ndarray, seed) -> bool:
    """Realise ``plan`` on ``problem.x``; ``problem.x`` changes only when it succeeds."""
    S = K.all_sums(problem.x, problem.cell, problem.levels, problem.years, problem.aux)
    T = _planned_sums(S, plan)
    target = np.concatenate([T[K.S_CTS:K.S_CTS + K.N_CELLS],
                             [T[K.S_CD2:K.S_CD2 + K.N_CELLS].sum(), T[K.S_CS2:K.S_CS2 + K.N_CELLS].sum()]])
    # Every statistic the plan sums decide is left to the plan; the rest keep their bands.
    weight = problem.weight.copy()
    weight[K.T_FD:K.T_PAT + problem.n_patterns] = 0.0
    for attempt in range(REALIZE_SEEDS):
        x = problem.x.copy()
        Sx = S.copy()
        loss = realize(x, Sx, target, problem.cell, problem.levels, problem.years, problem.aux,
                       problem.group, problem.group_start, problem.group_members, problem.near,
                       problem.L, problem.Minv, problem.rows, problem.patterns, problem.n_patterns,
                       problem.lo, problem.hi, problem.scale, weight, REALIZE_ITERATIONS, 1.0, 0.02,
                       STAY_COST, int(np.random.SeedSequence([*seed, attempt]).generate_state(1)[0]))
        if loss == 0.0:
            problem.x[:] = x
            return True
    return False


def skip_transfers(problem, coded_cell: np.ndarray, skips: np.ndarray,
                   rng: np.random.Generator) -> list[tuple[int, int]]:
    """(i, j) pairs: ``i`` answered ms only and would answer ts too; ``j`` answered both and
    would skip ts.

    ``coded_cell`` is each respondent's design cell whatever they answered (-1 without
    both factors), ``skips`` the questions each respondent skipped over the whole survey.
    ``i`` and ``j`` sit in different cells (so the cell sizes change); each ``j`` is one of
    the :data:`LEAVERS_PER_CELL` respondents of its cell who skip most, as skips cluster in
    people. At most :data:`MAX_TRANSFERS` pairs, in a seeded order.
    """
    x = problem.x
    joiners = np.flatnonzero((coded_cell >= 0) & (x[0] > 0) & (x[1] == 0))
    leavers = np.flatnonzero(problem.cell >= 0)
    leavers = leavers[np.lexsort((rng.random(len(leavers)), -skips[leavers]))]
    pairs = [(int(i), int(j))
             for b in range(K.N_CELLS)
             for j in leavers[problem.cell[leavers] == b][:LEAVERS_PER_CELL]
             for i in joiners[coded_cell[joiners] != b]]
    return [pairs[k] for k in rng.permutation(len(pairs))[:MAX_TRANSFERS]]


def _with_transfer(problem, build, i: int, j: int):
    """The problem after respondent ``i`` answers the twelve-step question and ``j`` skips it."""
    x = problem.x.copy()
    cell_d = x[1, problem.cell == problem.cell[j]] - x[0, problem.cell == problem.cell[j]]
    x[1, i] = int(np.clip(x[0, i] + round(float(cell_d.mean())), 1, 5))
    x[1, j] = 0
    moved = build(x > 0)
    moved.x = x
    # The bands do not depend on who sits in which cell: keep the caller's.
    for name in ("lo", "hi", "scale", "weight", "stage"):
        setattr(moved, name, getattr(problem, name).copy())
    return moved


def only_cell_statistics_miss(problem) -> bool:
    """True when every band that misses is decided by the cell sums (ANOVA, Scheffé, patterns):
    the only kind a planned jump on the twelve-step answers is for."""
    stats = problem.evaluate()
    outside = (problem.weight > 0) & ((stats < problem.lo) | (stats > problem.hi))
    cell = np.zeros(K.N_STATS, dtype=bool)
    cell[K.T_FD:K.T_PAT + problem.n_patterns] = True
    return bool(outside.any() and not (outside & ~cell).any())


def land(problem, build, coded_cell: np.ndarray, skips: np.ndarray, seed) -> Landing | None:
    """Put every band of ``problem`` in range by a planned jump (see the module docstring).

    ``build(answered)`` makes the item's problem for another answered pattern. Tries the
    current cell sizes first, then single twelve-step skip transfers; None if nothing lands.
    """
    if not only_cell_statistics_miss(problem):
        return None
    original = problem.x[1].copy()
    rng = np.random.default_rng(seed)
    realizations = 0
    for transfer in [None, *skip_transfers(problem, coded_cell, skips, rng)]:
        candidate = problem if transfer is None else _with_transfer(problem, build, *transfer)
        start = candidate.x.copy()
        for k, plan in enumerate(usable_plans(candidate)[:PLANS_PER_PATTERN]):
            if realizations == MAX_REALIZATIONS:
                return None
            realizations += 1
            if not realize_plan(candidate, plan, [*np.atleast_1d(seed), k]):
                continue
            hit, total = hits(candidate)
            if hit == total:
                return Landing(candidate, plan, transfer, int((candidate.x[1] != original).sum()))
            candidate.x[:] = start
    return None
