"""Landing: planned integer sums for the narrow ANOVA bands, and their realisation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutsup_helpers.reconstruct import anneal as K
from mutsup_helpers.reconstruct import items as I
from mutsup_helpers.reconstruct import landing
from mutsup_helpers.reconstruct.targets import rounding_band

from .test_reconstruct import synthetic_problem, toy_spec

CELL_STATS = list(range(K.T_FD, K.T_SCH + 3))


def narrow_anova_problem(seed: int, nudges: int = 3, widen: float = 1.0):
    """A problem whose ANOVA bands are the two-decimal rounding bins of hidden answers (times
    ``widen``), with ``nudges`` twelve-step answers of complete cases then moved one step.

    The hidden twelve-step answers sit one step above ms in the advanced-training cells, so
    the group-type and group-type x training effects are clearly positive, as in the paper.
    """
    problem, frame = synthetic_problem(seed)
    problem.weight[K.T_RPAIR:] = 0.0  # uniform random answers are not meant to look like a survey
    problem.weight[K.T_R:K.T_R + 4] = 0.0  # the toy spec has no printed correlations
    planted = (problem.cell >= 0) & (problem.cell < 3)
    problem.x[1, planted] = np.minimum(problem.x[0, planted] + 1, 5)
    hidden = problem.evaluate()
    for k in CELL_STATS:
        band = rounding_band(round(hidden[k], 2), 2)
        centre, half = (band.lo + band.hi) / 2, (band.hi - band.lo) / 2 * widen
        problem.lo[k], problem.hi[k], problem.weight[k] = centre - half, centre + half, 1.0
    rng = np.random.default_rng(seed)
    complete = np.flatnonzero(problem.cell >= 0)
    for i in rng.choice(complete, nudges, replace=False):
        problem.x[1, i] += 1 if problem.x[1, i] < 5 else -1
    return problem, frame


def sums(problem):
    return K.all_sums(problem.x, problem.cell, problem.levels, problem.years, problem.aux)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_pruned_plan_search_equals_full_enumeration(seed):
    problem, _ = narrow_anova_problem(seed % 7, nudges=seed % 4, widen=15.0)
    ratio = landing._ratio_window(problem.L, problem.Minv, problem.lo, problem.hi, problem.weight)
    assert np.isfinite(ratio).all()  # the meet-in-the-middle pruning is active
    args = (sums(problem), problem.L, problem.Minv, problem.rows, problem.lo, problem.hi, problem.weight, 2)
    pruned = landing.plan_candidates(*args)
    full = landing.plan_candidates(*args, prune=False)
    assert len(full) > 0
    assert sorted(map(tuple, pruned)) == sorted(map(tuple, full))


def test_every_usable_plan_puts_the_cell_statistics_in_band():
    problem, _ = narrow_anova_problem(3)
    S = sums(problem)
    plans = landing.usable_plans(problem)
    assert len(plans) > 0
    stats = np.zeros(K.N_STATS)
    for plan in plans:
        # reachable by changing twelve-step answers: d^2 = d (mod 2), s^2 - d^2 = 4 ts ms
        assert plan[6] % 2 == plan[:6].sum() % 2 and (plan[7] - plan[6]) % 4 == 0
        T = S.copy()
        T[K.S_CTS:K.S_CTS + 6] += plan[:6]
        T[K.S_CD2] += plan[6]
        T[K.S_CS2] += plan[7]
        K.statistics(T, problem.L, problem.Minv, problem.rows, problem.patterns, problem.n_patterns, stats)
        assert np.all((problem.lo[CELL_STATS] <= stats[CELL_STATS]) & (stats[CELL_STATS] <= problem.hi[CELL_STATS]))


def test_the_plan_that_undoes_the_nudges_is_found():
    problem, _ = narrow_anova_problem(5, nudges=0)
    before = sums(problem)
    nudged = np.flatnonzero((problem.cell >= 0) & (problem.x[1] < 5))[:2]
    problem.x[1, nudged] += 1
    after = sums(problem)
    undo = (before - after)[K.S_CTS:K.S_CTS + 6].astype(int)
    plans = landing.plan_candidates(after, problem.L, problem.Minv, problem.rows, problem.lo, problem.hi,
                                    problem.weight, 2)
    assert tuple(undo) in {tuple(p[:6]) for p in plans}


def test_land_puts_every_band_in_range_and_is_deterministic():
    problem, frame = narrow_anova_problem(3)
    assert I.hits(problem)[0] < I.hits(problem)[1]

    def build(answered):
        return I.build_problem(toy_spec(), frame, answered, np.random.default_rng(0))

    coded = I.anova_cells(frame, np.ones((2, len(frame)), dtype=bool))
    skips = np.zeros(len(frame), dtype=int)
    first = landing.land(problem, build, coded, skips, [1, 2])
    assert first is not None
    hit, total = I.hits(first.problem)
    assert hit == total
    again, _ = narrow_anova_problem(3)
    second = landing.land(again, build, coded, skips, [1, 2])
    np.testing.assert_array_equal(first.problem.x, second.problem.x)


@pytest.mark.parametrize("lo, hi, residue, expected", [(-5, 5, 0, 0), (3, 9, 1, 5), (-9, -3, 2, -6), (1, 2, 3, None)])
def test_nearest_zero_with_residue(lo, hi, residue, expected):
    found, value = landing._nearest_zero(lo, hi, residue)
    assert (value if found else None) == expected

