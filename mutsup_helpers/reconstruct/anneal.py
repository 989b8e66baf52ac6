"""Numba kernels: running sums of one item pair, the statistics they give, and the annealer.

State: ``x[g, i]`` the answer (1-5, 0 = skipped) of respondent ``i`` to the ms (g=0)
or twelve_step (g=1) question of one item. Every statistic the paper prints for the
item is a function of a fixed vector of running sums ``S`` (counts, sums, sums of
squares and cross-products per split level, per ANOVA cell, per column). A move
changes one or two respondents: their contribution is subtracted, the answers are
changed, the contribution is added back, so a move costs O(1) whatever N is.

Statistics (index constants below) are turned into a loss by per-statistic bands:
each statistic outside its band costs ``weight * (1 + (distance / scale)**2)``,
so the search must land inside every band, not merely near it.
"""

# Numba kernels draw from numba's own generator, seeded per call; inside njit code
# that generator is reached through the legacy np.random API.
# ruff: noqa: NPY002

from __future__ import annotations

import numpy as np
from numba import njit

N_SPLITS = 3
N_CELLS = 6  # training (2) x setting3 (3), cell = training * 3 + setting
N_YEARS = 2  # years_in_setting, years_in_discipline
MAX_PATTERNS = 24

# ---- layout of the running-sums vector S
S_NCOL = 0  # 2: answered count per column
S_C1 = 2  # 2: sum of answers
S_C2 = 4  # 2: sum of squares
S_CY = 6  # 4: sum of answer * years, index g * 2 + y
S_Y1 = 10  # 4: sum of years over answered rows
S_Y2 = 14  # 4: sum of years^2 over answered rows
S_HIST = 18  # 10: count of each answer value, g * 5 + v - 1
S_SPN = 28  # 6: ms answered count per split level, s * 2 + level
S_SP1 = 34  # 6
S_SP2 = 40  # 6
S_AN = 46  # 2: rows with both the answer and the auxiliary item
S_AX1 = 48
S_AX2 = 50
S_AA1 = 52
S_AA2 = 54
S_AXA = 56
S_PN = 58  # both questions answered: n, sum ms, sum ts, sum ms^2, sum ts^2, sum ms*ts
S_P0 = 59
S_P1 = 60
S_P00 = 61
S_P11 = 62
S_P01 = 63
S_CN = 64  # 6 per ANOVA cell: n, sum ms, sum ts, sum d^2, sum s^2 (d = ts - ms, s = ts + ms)
S_CMS = 70
S_CTS = 76
S_CD2 = 82
S_CS2 = 88
N_SUMS = 94

# ---- statistics
T_MEAN = 0  # 6: ms mean per split level
T_SD = 6  # 6: ms SD (ddof=1) per split level
T_T = 12  # 3: pooled t, No minus Yes, per split
T_R = 15  # 4: r(answer, years), g * 2 + y
T_FD = 19  # 4: Type III test on d: intercept (group_type), training, setting3, interaction
T_FM = 23  # 3: Type III test on the subject sum: training, setting3, interaction
# (1-df effects are reported as signed t, sign of the contrast; 2-df effects as F)
T_SCH = 26  # 3: Scheffe F on d for setting3 pairs (T-R, T-C, R-C)
T_AMEAN = 29  # 2: mean of ms, ts in the ANOVA sample
T_PAT = 31  # MAX_PATTERNS: claimed orders and shapes of cell means (see _pattern_value)
T_RPAIR = T_PAT + MAX_PATTERNS  # r(ms, ts)
T_RAUX = T_RPAIR + 1  # 2: r(answer, auxiliary item) per column
T_DIP = T_RAUX + 2  # 2: share of answers in dips of the histogram (unimodality)
T_INNER = T_DIP + 2  # 2: smallest count among inner categories 2-4
N_STATS = T_INNER + 2


@njit(cache=True)
def contribute(S, x, i, sign, cell, levels, years, aux):
    """Add (sign=+1) or remove (sign=-1) respondent ``i``'s contribution to the sums."""
    for g in range(2):
        v = x[g, i]
        if v == 0:
            continue
        S[S_NCOL + g] += sign
        S[S_C1 + g] += sign * v
        S[S_C2 + g] += sign * v * v
        S[S_HIST + g * 5 + v - 1] += sign
        for y in range(N_YEARS):
            yv = years[y, i]
            S[S_CY + g * 2 + y] += sign * v * yv
            S[S_Y1 + g * 2 + y] += sign * yv
            S[S_Y2 + g * 2 + y] += sign * yv * yv
        if g == 0:
            for s in range(N_SPLITS):
                level = levels[s, i]
                if level >= 0:
                    S[S_SPN + s * 2 + level] += sign
                    S[S_SP1 + s * 2 + level] += sign * v
                    S[S_SP2 + s * 2 + level] += sign * v * v
        a = aux[g, i]
        if a > 0:
            S[S_AN + g] += sign
            S[S_AX1 + g] += sign * v
            S[S_AX2 + g] += sign * v * v
            S[S_AA1 + g] += sign * a
            S[S_AA2 + g] += sign * a * a
            S[S_AXA + g] += sign * v * a
    v0, v1 = x[0, i], x[1, i]
    if v0 == 0 or v1 == 0:
        return
    S[S_PN] += sign
    S[S_P0] += sign * v0
    S[S_P1] += sign * v1
    S[S_P00] += sign * v0 * v0
    S[S_P11] += sign * v1 * v1
    S[S_P01] += sign * v0 * v1
    c = cell[i]
    if c >= 0:
        S[S_CN + c] += sign
        S[S_CMS + c] += sign * v0
        S[S_CTS + c] += sign * v1
        S[S_CD2 + c] += sign * (v1 - v0) * (v1 - v0)
        S[S_CS2 + c] += sign * (v1 + v0) * (v1 + v0)


@njit(cache=True)
def all_sums(x, cell, levels, years, aux):
    """The running sums computed from scratch (used to start and to check)."""
    S = np.zeros(N_SUMS)
    for i in range(x.shape[1]):
        contribute(S, x, i, 1.0, cell, levels, years, aux)
    return S


@njit(cache=True)
def _corr(n, sx, sxx, sy, syy, sxy):
    vx = n * sxx - sx * sx
    vy = n * syy - sy * sy
    if vx <= 0 or vy <= 0:
        return 0.0
    return (n * sxy - sx * sy) / np.sqrt(vx * vy)


@njit(cache=True)
def statistics(S, L, Minv, rows, patterns, n_patterns, out):
    """Fill ``out`` (length N_STATS) with every statistic of the item from the sums."""
    for s in range(N_SPLITS):
        k0, k1 = s * 2, s * 2 + 1
        n0, n1 = S[S_SPN + k0], S[S_SPN + k1]
        m0, m1 = S[S_SP1 + k0] / n0, S[S_SP1 + k1] / n1
        ss0 = S[S_SP2 + k0] - S[S_SP1 + k0] * m0
        ss1 = S[S_SP2 + k1] - S[S_SP1 + k1] * m1
        out[T_MEAN + k0], out[T_MEAN + k1] = m0, m1
        out[T_SD + k0] = np.sqrt(max(ss0, 0.0) / (n0 - 1))
        out[T_SD + k1] = np.sqrt(max(ss1, 0.0) / (n1 - 1))
        se = np.sqrt((ss0 + ss1) / (n0 + n1 - 2) * (1 / n0 + 1 / n1))
        out[T_T + s] = (m0 - m1) / se if se > 0 else 0.0
    for g in range(2):
        for y in range(N_YEARS):
            k = g * 2 + y
            out[T_R + k] = _corr(S[S_NCOL + g], S[S_C1 + g], S[S_C2 + g],
                                 S[S_Y1 + k], S[S_Y2 + k], S[S_CY + k])
    _cell_statistics(S, L, Minv, rows, patterns, n_patterns, out)
    out[T_RPAIR] = _corr(S[S_PN], S[S_P0], S[S_P00], S[S_P1], S[S_P11], S[S_P01])
    for g in range(2):
        out[T_RAUX + g] = _corr(S[S_AN + g], S[S_AX1 + g], S[S_AX2 + g],
                                S[S_AA1 + g], S[S_AA2 + g], S[S_AXA + g])
        _hist_shape(S, g, out)


@njit(cache=True)
def _hist_shape(S, g, out):
    """Share of answers sitting in dips of the histogram; smallest inner category count."""
    b = S_HIST + g * 5
    dip = 0.0
    for k in range(1, 4):
        left = 0.0
        for j in range(k):
            left = max(left, S[b + j])
        right = 0.0
        for j in range(k + 1, 5):
            right = max(right, S[b + j])
        dip += max(0.0, min(left, right) - S[b + k])
    out[T_DIP + g] = dip / max(S[S_NCOL + g], 1.0)
    out[T_INNER + g] = min(S[b + 1], min(S[b + 2], S[b + 3]))


@njit(cache=True)
def _cell_f(S, L, Minv, rows, use_sum, sse, dfe, out, at, first):
    """Type III F of hypotheses ``first..3`` on d (use_sum=0) or on ts + ms (use_sum=1)."""
    mse = sse / dfe
    for e in range(first, 4):
        v0 = 0.0
        v1 = 0.0
        for c in range(N_CELLS):
            ms, ts = S[S_CMS + c], S[S_CTS + c]
            mu = ((ts + ms) if use_sum else (ts - ms)) / S[S_CN + c]
            v0 += L[e, 0, c] * mu
            v1 += L[e, 1, c] * mu
        q = v0 * v0 * Minv[e, 0, 0]
        if mse <= 0:
            out[at + e - first] = 0.0
        elif rows[e] == 1:  # signed t (F = t^2): keeps the direction visible to the search
            out[at + e - first] = np.sign(v0) * np.sqrt(q / mse)
        else:
            q += 2 * v0 * v1 * Minv[e, 0, 1] + v1 * v1 * Minv[e, 1, 1]
            out[at + e - first] = q / rows[e] / mse


@njit(cache=True)
def _cell_statistics(S, L, Minv, rows, patterns, n_patterns, out):
    total = 0.0
    sse_d = 0.0
    sse_s = 0.0
    sum_ms = 0.0
    sum_ts = 0.0
    for c in range(N_CELLS):
        n, ms, ts = S[S_CN + c], S[S_CMS + c], S[S_CTS + c]
        if n < 2:
            return
        total += n
        sum_ms += ms
        sum_ts += ts
        sse_d += S[S_CD2 + c] - (ts - ms) ** 2 / n
        sse_s += S[S_CS2 + c] - (ts + ms) ** 2 / n
    dfe = total - N_CELLS
    _cell_f(S, L, Minv, rows, 0, sse_d, dfe, out, T_FD, 0)
    _cell_f(S, L, Minv, rows, 1, sse_s, dfe, out, T_FM, 1)
    # Scheffe on d: observed setting3 means, MSE of the 2 x 3 model on d.
    mse = sse_d / dfe
    k = T_SCH
    for a in range(3):
        for b in range(a + 1, 3):
            na = S[S_CN + a] + S[S_CN + a + 3]
            nb = S[S_CN + b] + S[S_CN + b + 3]
            da = (S[S_CTS + a] - S[S_CMS + a] + S[S_CTS + a + 3] - S[S_CMS + a + 3]) / na
            db = (S[S_CTS + b] - S[S_CMS + b] + S[S_CTS + b + 3] - S[S_CMS + b + 3]) / nb
            out[k] = (da - db) ** 2 / (mse * (1 / na + 1 / nb)) / 2 if mse > 0 else 0.0
            k += 1
    out[T_AMEAN] = sum_ms / total
    out[T_AMEAN + 1] = sum_ts / total
    for p in range(n_patterns):
        out[T_PAT + p] = _pattern_value(patterns[p], S)


@njit(cache=True)
def _marginal(S, g, factor, level):
    """Observed mean of ms (g=0), ts (1) or d (2) over cells of ``level`` of ``factor`` (0 = all)."""
    total = 0.0
    count = 0.0
    for c in range(N_CELLS):
        if factor == 1 and c // 3 != level:
            continue
        if factor == 2 and c % 3 != level:
            continue
        ms, ts = S[S_CMS + c], S[S_CTS + c]
        total += ms if g == 0 else (ts if g == 1 else ts - ms)
        count += S[S_CN + c]
    return total / count


# Pattern codes (spec[1]): 0 whole-sample mean of g, 1 training and 2 setting3 difference of
# observed means (level spec[2] minus spec[3]), 3 smallest cell mean of g, 4 and 5 the share of
# the setting contrast "level spec[2] vs the other two" in it plus the contrast between those two,
# on d, from the unweighted cell means (4, Type III) or the observed setting means (5).
@njit(cache=True)
def _pattern_value(spec, S):
    g, factor = spec[0], spec[1]
    if factor == 0:
        return _marginal(S, g, 0, 0)
    if factor <= 2:
        return _marginal(S, g, factor, spec[2]) - _marginal(S, g, factor, spec[3])
    if factor == 3:
        low = np.inf
        for c in range(N_CELLS):
            low = min(low, _cell_mean(S, g, c))
        return low
    return _setting_share(S, spec[2], factor == 4)


@njit(cache=True)
def _cell_mean(S, g, c):
    ms, ts = S[S_CMS + c], S[S_CTS + c]
    return (ms if g == 0 else (ts if g == 1 else ts - ms)) / S[S_CN + c]


@njit(cache=True)
def _setting_share(S, apart, type3):
    """SS(apart vs the others) / (that + SS(the others against each other)) on d."""
    r0 = 1 if apart == 0 else 0
    r1 = 2 if apart != 2 else 1
    ss = np.zeros(2)
    for k in range(2):
        psi = 0.0
        v = 0.0
        for s in range(3):
            if k == 0:
                w = 1.0 if s == apart else -0.5
            else:
                w = 1.0 if s == r0 else (-1.0 if s == r1 else 0.0)
            if w == 0.0:
                continue
            if type3:  # each training cell of the level weighs 1/2 (unweighted marginal mean)
                for t in range(2):
                    c = t * 3 + s
                    psi += 0.5 * w * _cell_mean(S, 2, c)
                    v += 0.25 * w * w / S[S_CN + c]
            else:
                n = S[S_CN + s] + S[S_CN + s + 3]
                d = S[S_CTS + s] - S[S_CMS + s] + S[S_CTS + s + 3] - S[S_CMS + s + 3]
                psi += w * d / n
                v += w * w / n
        ss[k] = psi * psi / v
    total = ss[0] + ss[1]
    return ss[0] / total if total > 0 else 0.0


@njit(cache=True)
def loss_of(stats, lo, hi, scale, weight, attract, fixed):
    """Loss and number of statistics outside their band.

    Outside: ``weight * (fixed + (distance / scale)^2)``. Inside a two-sided band a
    mild pull to its centre (``attract``) keeps room for later moves.
    """
    total = 0.0
    outside = 0
    for k in range(stats.shape[0]):
        w = weight[k]
        if w == 0.0:
            continue
        v = stats[k]
        if v < lo[k]:
            d = (lo[k] - v) / scale[k]
            total += w * (fixed + d * d)
            outside += 1
        elif v > hi[k]:
            d = (v - hi[k]) / scale[k]
            total += w * (fixed + d * d)
            outside += 1
        if attract > 0 and np.isfinite(lo[k]) and np.isfinite(hi[k]):
            c = (v - 0.5 * (lo[k] + hi[k])) / scale[k]
            total += w * attract * c * c
    return total, outside


@njit(cache=True)
def count_hits(stats, lo, hi, weight):
    hits = 0
    for k in range(stats.shape[0]):
        if weight[k] > 0 and lo[k] <= stats[k] <= hi[k]:
            hits += 1
    return hits


@njit(cache=True)
def _propose(x, group, group_start, group_members, answered, near):
    """Pick a move: returns (kind, i, j, g, a, b) with the new values a (for i) and b (for j)."""
    n_answered = answered.shape[0]
    i = answered[np.random.randint(n_answered)]
    g = np.random.randint(2)
    if x[g, i] == 0:
        g = 1 - g
    u = np.random.random()
    if u < 0.15 and x[0, i] > 0 and x[1, i] > 0:  # swap own ms and ts answers: flips d
        return 0, i, i, 0, x[1, i], x[0, i]
    if u < 0.40:  # one answer one step up or down
        a = x[g, i] + (1 if np.random.random() < 0.5 else -1)
        return 1, i, i, g, a, 0
    # two respondents, same column: often from the same ANOVA cell, or with similar
    # years (narrow effect on the correlations with years), else anyone.
    u2 = np.random.random()
    if u2 < 0.35:
        j = near[i, np.random.randint(near.shape[1])]
    elif u2 < 0.75:
        grp = group[i]
        size = group_start[grp + 1] - group_start[grp]
        j = group_members[group_start[grp] + np.random.randint(size)]
    else:
        j = answered[np.random.randint(n_answered)]
    if j == i or x[g, j] == 0:
        return -1, i, j, g, 0, 0
    if u < 0.55:  # swap their answers
        return 2, i, j, g, x[g, j], x[g, i]
    if u < 0.80 and x[1 - g, j] > 0 and x[1 - g, i] > 0:  # swap both answers: keeps cell sums
        return 3, i, j, g, 0, 0
    return 2, i, j, g, x[g, i] + 1, x[g, j] - 1  # move one step from j to i


@njit(cache=True)
def _apply(x, kind, i, j, g, a, b, S, cell, levels, years, aux):
    contribute(S, x, i, -1.0, cell, levels, years, aux)
    if j != i:
        contribute(S, x, j, -1.0, cell, levels, years, aux)
    if kind == 0:
        x[0, i], x[1, i] = a, b
    elif kind == 3:
        x[0, i], x[0, j] = x[0, j], x[0, i]
        x[1, i], x[1, j] = x[1, j], x[1, i]
    else:
        x[g, i] = a
        if j != i:
            x[g, j] = b
    contribute(S, x, i, 1.0, cell, levels, years, aux)
    if j != i:
        contribute(S, x, j, 1.0, cell, levels, years, aux)


@njit(cache=True)
def anneal_chunk(x, S, cell, levels, years, aux, group, group_start, group_members, answered,
                 near, L, Minv, rows, patterns, n_patterns, lo, hi, scale, weight,
                 attract, fixed, n_iter, t_start, t_end, seed):
    """Run ``n_iter`` Metropolis moves with a geometric temperature; stop once all bands hold.

    ``x`` and ``S`` are updated in place. Returns (loss, statistics outside, iterations).
    """
    np.random.seed(seed)
    stats = np.zeros(N_STATS)
    statistics(S, L, Minv, rows, patterns, n_patterns, stats)
    loss, outside = loss_of(stats, lo, hi, scale, weight, attract, fixed)
    ratio = (t_end / t_start) ** (1.0 / max(n_iter, 1))
    temp = t_start
    old = np.zeros(4, dtype=np.int64)
    for it in range(n_iter):
        if outside == 0:
            return loss, outside, it
        temp *= ratio
        kind, i, j, g, a, b = _propose(x, group, group_start, group_members, answered, near)
        if kind < 0 or (kind != 3 and (a < 1 or a > 5 or (kind == 2 and (b < 1 or b > 5)))):
            continue
        old[0], old[1], old[2], old[3] = x[0, i], x[1, i], x[0, j], x[1, j]
        _apply(x, kind, i, j, g, a, b, S, cell, levels, years, aux)
        statistics(S, L, Minv, rows, patterns, n_patterns, stats)
        new_loss, new_outside = loss_of(stats, lo, hi, scale, weight, attract, fixed)
        delta = new_loss - loss
        if delta <= 0 or np.random.random() < np.exp(-delta / temp):
            loss, outside = new_loss, new_outside
        else:
            _restore(x, i, j, old, S, cell, levels, years, aux)
    return loss, outside, n_iter


@njit(cache=True)
def _restore(x, i, j, old, S, cell, levels, years, aux):
    contribute(S, x, i, -1.0, cell, levels, years, aux)
    if j != i:
        contribute(S, x, j, -1.0, cell, levels, years, aux)
    x[0, i], x[1, i] = old[0], old[1]
    if j != i:
        x[0, j], x[1, j] = old[2], old[3]
    contribute(S, x, i, 1.0, cell, levels, years, aux)
    if j != i:
        contribute(S, x, j, 1.0, cell, levels, years, aux)


@njit(cache=True)
def evaluate(x, cell, levels, years, aux, L, Minv, rows, patterns, n_patterns):
    """Statistics of a state computed from scratch."""
    S = all_sums(x, cell, levels, years, aux)
    out = np.zeros(N_STATS)
    statistics(S, L, Minv, rows, patterns, n_patterns, out)
    return out


@njit(cache=True)
def _try(x, kind, i, j, g, a, b, S, cell, levels, years, aux, L, Minv, rows, patterns,
         n_patterns, lo, hi, scale, weight, fixed, stats, old):
    """Loss after a move, the state left unchanged."""
    old[0], old[1], old[2], old[3] = x[0, i], x[1, i], x[0, j], x[1, j]
    _apply(x, kind, i, j, g, a, b, S, cell, levels, years, aux)
    statistics(S, L, Minv, rows, patterns, n_patterns, stats)
    loss, outside = loss_of(stats, lo, hi, scale, weight, 0.0, fixed)
    _restore(x, i, j, old, S, cell, levels, years, aux)
    return loss, outside


@njit(cache=True)
def polish(x, S, cell, levels, years, aux, group, group_start, group_members, answered, near,
           L, Minv, rows, patterns, n_patterns, lo, hi, scale, weight, fixed, max_passes):
    """First-improvement descent over a whole neighbourhood: every own ms/ts swap, every
    +-1, and every swap or one-step transfer between two respondents of one ANOVA cell.

    Lands statistics whose bands are narrower than a typical move. Returns the
    number of statistics still outside their band.
    """
    stats = np.zeros(N_STATS)
    old = np.zeros(4, dtype=np.int64)
    statistics(S, L, Minv, rows, patterns, n_patterns, stats)
    loss, outside = loss_of(stats, lo, hi, scale, weight, 0.0, fixed)
    args = (S, cell, levels, years, aux, L, Minv, rows, patterns, n_patterns, lo, hi, scale, weight,
            fixed, stats, old)
    for _ in range(max_passes):
        improved = False
        for i in answered:
            if outside == 0:
                return 0
            if x[0, i] > 0 and x[1, i] > 0 and x[0, i] != x[1, i]:
                new, out = _try(x, 0, i, i, 0, x[1, i], x[0, i], *args)
                if new < loss:
                    _apply(x, 0, i, i, 0, x[1, i], x[0, i], S, cell, levels, years, aux)
                    loss, outside, improved = new, out, True
            for g in range(2):
                for step in (-1, 1):
                    a = x[g, i] + step
                    if x[g, i] == 0 or a < 1 or a > 5:
                        continue
                    new, out = _try(x, 1, i, i, g, a, 0, *args)
                    if new < loss:
                        _apply(x, 1, i, i, g, a, 0, S, cell, levels, years, aux)
                        loss, outside, improved = new, out, True
        for grp in range(group_start.shape[0] - 1):
            for p in range(group_start[grp], group_start[grp + 1]):
                i = group_members[p]
                for q in range(p + 1, group_start[grp + 1]):
                    j = group_members[q]
                    if outside == 0:
                        return 0
                    if x[0, i] > 0 and x[1, i] > 0 and x[0, j] > 0 and x[1, j] > 0:
                        new, out = _try(x, 3, i, j, 0, 0, 0, *args)
                        if new < loss:
                            _apply(x, 3, i, j, 0, 0, 0, S, cell, levels, years, aux)
                            loss, outside, improved = new, out, True
                    for g in range(2):
                        for step in (0, -1, 1):
                            xi, xj = x[g, i], x[g, j]
                            if xi == 0 or xj == 0 or (step == 0 and xi == xj):
                                continue
                            a, b = (xj, xi) if step == 0 else (xi + step, xj - step)
                            if a < 1 or a > 5 or b < 1 or b > 5:
                                continue
                            new, out = _try(x, 2, i, j, g, a, b, *args)
                            if new < loss:
                                _apply(x, 2, i, j, g, a, b, S, cell, levels, years, aux)
                                loss, outside, improved = new, out, True
        if not improved:
            break
    return outside




