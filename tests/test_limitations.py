"""Limitations helpers: the test family, p adjustment, clustering, power, rank tests, nonresponse."""

from __future__ import annotations

import numpy as np
import pytest

from mutsup_helpers.paper.published import load_published
from mutsup_helpers.stats import limitations as lim


@pytest.fixture(scope="module")
def family(random_providers):
    return lim.family_of_tests(random_providers)


def test_family_counts_every_test_the_paper_ran(family):
    pub = load_published()
    expected = {
        "anova": 5 * 7,
        "t-test": len(pub.table2) // 2,
        "correlation": 2 * len(pub.table3),
        "scheffe": 3 * len(pub.scheffe),
    }
    assert family["family"].value_counts().to_dict() == expected
    starred = (pub.table3[["stars_years_in_setting", "stars_years_in_discipline"]] != "").to_numpy().sum()
    significant_pairs = pub.scheffe["level_a"].notna().sum()
    expected_reported = len(pub.anova) + pub.table2["flagged"].sum() + starred + significant_pairs
    assert family["reported_significant"].sum() == expected_reported


@pytest.mark.parametrize("method", ["holm", "fdr_bh", "bonferroni"])
def test_adjusted_p_values_never_shrink(family, method):
    adjusted = lim.adjust_pvalues(family, method)
    assert (adjusted["p_adjusted"] >= adjusted["p"] - 1e-15).all()
    assert (adjusted["significant_adjusted"] == (adjusted["p_adjusted"] < 0.05)).all()


def test_summary_expected_false_positives(family):
    summary = lim.multiple_testing_summary(family).set_index("method")
    assert summary.loc["none", "expected_false_positives_if_all_null"] == pytest.approx(0.05 * len(family))
    assert summary.loc["bonferroni", "still_significant"] <= summary.loc["holm", "still_significant"]
    with pytest.raises(ValueError, match="method must be one of"):
        lim.adjust_pvalues(family, "sidak")


def test_design_effect_and_clustering_shrink_evidence(random_providers):
    assert lim.design_effect(0.0, 5.0) == 1.0
    table = lim.clustering_table(random_providers, iccs=(0.0, 0.1))
    for _, group in table.groupby("test"):
        assert abs(group["t"].iloc[1]) < abs(group["t"].iloc[0])
        assert group["p"].iloc[1] > group["p"].iloc[0]


def test_power_and_rank_tables_cover_every_comparison(random_providers):
    power = lim.power_table(random_providers)
    assert len(power) == 15 + 20 and (power["smallest_detectable"] > 0).all()
    ranks = lim.rank_based_table2(random_providers)
    assert len(ranks) == 15 and ranks[["p_student", "p_mann_whitney", "p_brunner_munzel"]].le(1).all().all()


def test_nonresponse_bounds_contain_the_observed_mean(random_providers):
    bounds = lim.nonresponse_bounds(random_providers, "value_ms")
    assert bounds["lowest_possible"] <= bounds["observed_mean"] <= bounds["highest_possible"]


def test_nonresponse_simulation_is_seeded_and_unbiased_without_selection(random_providers):
    a = lim.nonresponse_simulation(random_providers, strength=0.0, seed=1, reps=50)
    b = lim.nonresponse_simulation(random_providers, strength=0.0, seed=1, reps=50)
    assert a.equals(b)
    assert abs(a["bias"].mean()) < 0.05
    selected = lim.nonresponse_simulation(random_providers, strength=1.0, seed=1, reps=50)
    assert selected["bias"].mean() > 0.2
    assert np.isfinite(selected["respondent_mean"]).all()
