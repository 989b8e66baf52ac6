"""What printed summaries of integer answers allow (checks/integers.py), against brute-force enumeration."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutsup_helpers import analysis as F
from mutsup_helpers.paper.printed import matches_printed
from mutsup_helpers.paper.published import load_published

LO, HI = 1, 5


def all_samples(n):
    return itertools.combinations_with_replacement(range(LO, HI + 1), n)


def moments(sample):
    n = len(sample)
    total = sum(sample)
    sumsq = sum(v * v for v in sample)
    return total, sumsq, total / n, math.sqrt(max(sumsq - total * total / n, 0) / (n - 1))


def printed(value, decimals):
    return round(value + 1e-12, decimals)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_integer_states_equal_brute_force(n):
    samples = [moments(s) for s in all_samples(n)]
    for _total, _sumsq, mean, sd in samples[:: max(1, len(samples) // 25)]:
        pm, ps = printed(mean, 2), printed(sd, 2)
        expected = {(t, q) for t, q, m, s in samples if matches_printed(m, pm, 2) and matches_printed(s, ps, 2)}
        assert set(F.integer_states(n, pm, ps, LO, HI, 2, 2)) == expected


@pytest.mark.parametrize("n", [2, 3, 5, 7])
def test_sd_bounds_equal_brute_force(n):
    samples = [moments(s) for s in all_samples(n)]
    for mean in sorted({printed(m, 1) for _, _, m, _ in samples}):
        sds = [s for _, _, m, s in samples if matches_printed(m, mean, 1)]
        low, high = F.sd_bounds(mean, n, LO, HI, 1)
        assert low == pytest.approx(min(sds)) and high == pytest.approx(max(sds))


def test_grim_equals_brute_force():
    for n in (3, 7, 11):
        means = {printed(sum(s) / n, 2) for s in all_samples(n)}
        for cents in range(100, 501):
            assert F.grim(cents / 100, n, 2) == (cents / 100 in means)


def test_t_range_equals_brute_force():
    a_samples = [moments(s) for s in all_samples(4)]
    b_samples = [moments(s) for s in all_samples(3)]
    a, b = a_samples[17], b_samples[9]
    ga = (4, printed(a[2], 2), printed(a[3], 2))
    gb = (3, printed(b[2], 2), printed(b[3], 2))
    ts = [F.pooled_t(4, x[0], x[1], 3, y[0], y[1])
          for x in a_samples if matches_printed(x[2], ga[1], 2) and matches_printed(x[3], ga[2], 2)
          for y in b_samples if matches_printed(y[2], gb[1], 2) and matches_printed(y[3], gb[2], 2)
          if x[3] + y[3] > 0]
    low, high = F.t_range_from_summaries(ga, gb, LO, HI, 2, 2)
    assert low == pytest.approx(min(ts)) and high == pytest.approx(max(ts))


def test_critical_r_gives_alpha():
    from scipy import stats

    for n in (10, 50, 400):
        r = F.critical_r(n, 0.05)
        t = r * math.sqrt((n - 2) / (1 - r * r))
        assert 2 * stats.t.sf(t, n - 2) == pytest.approx(0.05)


def test_star_attainable_matches_p_range():
    for n in (100, 300, 421):
        p_min, p_max = F.r_p_range(0.151, n)
        got = bool(F.star_attainable(0.151, "*", [n]))
        assert got == (p_min < 0.05 and p_max >= 0.01)


def test_count_and_percent_helpers():
    assert F.count_sum_gap([1, 2, 3], 10) == 4
    assert F.percent_matches(1, 3, 33.3) and not F.percent_matches(1, 3, 33.4)


def test_unreachable_targets_of_the_paper():
    pub = load_published()
    found = {u["target"]: u for u in F.unreachable_targets(pub)}
    ids = set(pub.targets()["target"])
    assert set(found) <= ids
    for key in ("table1/age_range/51-65/pct", "value_means/ms/sd", "value_means/twelve_step/sd",
                "anova/helpfulness/group_type:training/df1",
                "table3/referral/twelve_step/years_in_discipline/stars",
                "table2/self_hospitalized/helpfulness/flag"):
        assert key in found
        assert set(found[key]) == {"target", "printed", "finding", "reading", "proof", "best"}
    assert found["anova/helpfulness/group_type:training/df1"]["best"] == 1


def test_unreachable_targets_of_one_section_are_that_sections_share():
    pub = load_published()
    everything = [u["target"] for u in F.unreachable_targets(pub)]
    sections = sorted(set(pub.targets()["section"]))
    by_section = {s: [u["target"] for u in F.unreachable_targets(pub, sections=[s])] for s in sections}
    assert sorted(t for found in by_section.values() for t in found) == sorted(everything)
    for section, found in by_section.items():
        assert all(t.split("/")[0] == section for t in found), section


def _sd_of(n, total, sumsq):
    return math.sqrt(max(sumsq - total * total / n, 0.0) / (n - 1))


@settings(max_examples=200, deadline=None)
@given(n=st.integers(2, 400), where=st.floats(0, 1), spread=st.floats(0, 1), decimals=st.sampled_from([1, 2, 3]))
def test_integer_states_equal_a_scan_of_every_sum_of_squares(n, where, spread, decimals):
    # Printed values of a data set that exists, so the answer is never empty.
    total = n * LO + round(where * n * (HI - LO))
    smallest, largest = F.sumsq_range(n, total, LO, HI)
    sumsq = smallest + 2 * round(spread * (largest - smallest) / 2)
    mean, sd = printed(total / n, 2), printed(_sd_of(n, total, sumsq), decimals)
    scan = []
    for t in range(n * LO, n * HI + 1):
        if matches_printed(t / n, mean, 2):
            low, high = F.sumsq_range(n, t, LO, HI)
            scan += [(t, q) for q in range(low, high + 1, 2) if matches_printed(_sd_of(n, t, q), sd, decimals)]
    found = F.integer_states(n, mean, sd, LO, HI, 2, decimals)
    assert (total, sumsq) in found and found == scan
