"""Notebook 12's analyses: the mixed and ordinal models, equivalence tests, the clustering
simulation and multiple imputation, through their public functions.

R references: Rubin's rules against ``mice::pool.scalar`` (fixture made by
``tests/reference/make_pool_fixtures.R``); the mixed and ordinal models against lme4/car and
ordinal in ``tests/test_r_track.py`` (live, on the shipped data).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutsup_helpers import analysis as ms
from mutsup_helpers.paper.design import ITEMS

FIXTURES = Path(__file__).parent / "reference" / "fixtures"
CLASS = Path(__file__).parent / "class_data"


@pytest.fixture(scope="module")
def shipped():
    return ms.load_providers(None)


def _quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


# ----------------------------------------------------------------------------- mixed model


@pytest.mark.parametrize("item", ITEMS)
def test_mixed_model_on_complete_cases_is_the_split_plot_anova(shipped, item):
    """On complete cases the REML estimates are the ANOVA's error mean squares, so F is the same."""
    table = ms.mixed_model_vs_anova(shipped, item)
    np.testing.assert_allclose(table["F_mixed_complete"], table["F_anova"], rtol=1e-6)
    assert (table["n_available"] >= table["n_complete"]).all()


def test_mixed_model_uses_every_answer_and_says_so(shipped):
    complete, available = (ms.mixed_model(shipped, "referral", use) for use in ms.MIXED_MODEL_USES)
    answered_one = shipped[["referral_ms", "referral_twelve_step"]].notna().any(axis=1)
    with_factors = shipped[["training", "setting3"]].notna().all(axis=1)
    assert available.n_respondents == int((answered_one & with_factors).sum())
    assert complete.n_respondents == ms.mixed_anova(shipped, "referral").n
    assert available.n_ratings > 2 * complete.n_respondents
    assert available.converged and complete.converged
    assert "at least one question" in available.note


def test_mixed_model_result_is_not_changed_by_its_caller(shipped):
    first = ms.mixed_model(shipped, "value")
    first.table.loc[:, "F"] = -1.0
    assert (ms.mixed_model(shipped, "value").table["F"] >= 0).all()


def test_mixed_model_refuses_an_unknown_use(shipped):
    with pytest.raises(ValueError, match="use must be one of"):
        ms.long_ratings(shipped, "value", use="some")


# ----------------------------------------------------------------------------- ordinal model


def test_ordinal_model_is_invariant_to_relabelling_the_answers(shipped):
    """Ordered categories only: 1-5 recoded as 10, 20, 30, 40, 50 fits the same model."""
    recoded = shipped.copy()
    for column in ("helpfulness_ms", "helpfulness_twelve_step"):
        recoded[column] = recoded[column] * 10
    a = ms.ordinal_model(shipped, "helpfulness").set_index("effect")
    b = ms.ordinal_model(recoded, "helpfulness").set_index("effect")
    np.testing.assert_allclose(a["chi2_cluster"], b["chi2_cluster"], rtol=1e-4)


def test_ordinal_verdicts_compare_the_same_effects(shipped):
    table = ms.ordinal_vs_anova(shipped, "referral")
    assert list(table.index) == list(ms.mixed_anova(shipped, "referral").table["effect"])
    same = (table["p_anova"] < .05) == (table["p_ordinal"] < .05)
    assert (table["same_verdict"] == same).all()


# ----------------------------------------------------------------------------- equivalence


def test_equivalence_test_is_the_interval_below_the_bound(shipped):
    """The one-sided test at .05 rejects exactly when the 90% interval's upper limit is below the bound."""
    for bound in (0.005, 0.01, 0.03):
        table = ms.anova_equivalence(shipped, eta2_bound=bound, reported=True)
        decided = table["eta2_high"].sub(bound).abs() > 1e-9
        assert ((table["p_equivalence"] < .05) == (table["eta2_high"] < bound))[decided].all()


def test_equivalence_leaves_out_the_reported_effects_unless_asked(shipped):
    nulls, every = ms.anova_equivalence(shipped), ms.anova_equivalence(shipped, reported=True)
    reported = set(zip(ms.load_published().anova["item"], ms.load_published().anova["effect"], strict=True))
    assert not reported & set(zip(nulls["item"], nulls["effect"], strict=True))
    assert len(every) == len(nulls) + len(reported)
    assert set(every["verdict"]) <= set(ms.EQUIVALENCE_VERDICTS)


def test_setting_tost_matches_two_one_sided_t_tests(shipped):
    """TOST p = the larger of the two one-sided Student t-tests against -bound and +bound (as R's t.test)."""
    from scipy import stats

    table = ms.setting_tost(shipped, "value", bound=0.25).set_index("pair")
    complete = shipped.dropna(subset=["value_ms", "value_twelve_step", "training", "setting3"])
    means = complete[["value_ms", "value_twelve_step"]].astype(float).mean(axis=1)
    x = means[complete["setting3"] == "treatment"]
    y = means[complete["setting3"] == "rehabilitation"]
    lower = stats.ttest_ind(x + 0.25, y, alternative="greater").pvalue
    upper = stats.ttest_ind(x - 0.25, y, alternative="less").pvalue
    row = table.loc["treatment - rehabilitation"]
    assert row["n_a"] + row["n_b"] <= ms.mixed_anova(shipped, "value").n
    assert row["p_tost"] == pytest.approx(max(lower, upper), rel=1e-9)
    assert row["ci90_low"] < row["difference"] < row["ci90_high"]


# ----------------------------------------------------------------------------- clustering


@pytest.mark.parametrize("cv", [0.0, 0.5, 1.5])
def test_facility_sizes_keep_the_printed_totals_and_rule(cv):
    study = ms.load_published().study
    sizes = ms.facility_sizes(cv)
    assert len(sizes) == study["facilities_invited"]
    assert sizes["respondents"].sum() == study["surveys_returned"]
    assert sizes["responded"].sum() == study["facilities_responding"]
    assert (sizes["surveys"] >= 3).all()
    assert (sizes.loc[~sizes["responded"], "respondents"] == 0).all()
    assert abs(sizes["patients"].sum() - study["patients_served"]) <= len(sizes)


def test_clustering_simulation_is_seeded_and_behaves():
    a = ms.clustering_simulation(iccs=(0.0, 0.2), cvs=(1.0,), replicates=400)
    b = ms.clustering_simulation(iccs=(0.0, 0.2), cvs=(1.0,), replicates=400)
    pd.testing.assert_frame_equal(a, b)
    by = a.set_index(["icc", "predictor"])
    facility, person = "facility-level (setting)", "respondent-level"
    # no clustering: the naive test is right (within Monte Carlo error of 400 replicates)
    assert abs(by.loc[(0.0, facility), "false_positive_rate"] - 0.05) < 0.035
    # strong clustering inflates the facility-level SE far more than the respondent-level one
    assert by.loc[(0.2, facility), "se_ratio"] > 1.3 > by.loc[(0.2, person), "se_ratio"]
    assert by.loc[(0.2, facility), "p_for_naive_01"] > 0.01


def test_clustering_simulation_agrees_with_the_design_effect_formula():
    """Eldridge et al.'s design effect for unequal clusters predicts the simulated SE inflation."""
    table = ms.clustering_simulation(iccs=(0.05, 0.2), cvs=(0.5, 1.5), replicates=2000)
    facility = table[table["predictor"].str.startswith("facility")]
    np.testing.assert_allclose(facility["se_ratio"], facility["se_ratio_formula"], atol=0.06)
    assert (table.loc[~table.index.isin(facility.index), "se_ratio_formula"] == 1.0).all()


# ----------------------------------------------------------------------------- multiple imputation


def test_rubin_pool_matches_mice_pool_scalar():
    reference = pd.read_csv(FIXTURES / "rubin_pool.csv")
    for row in reference.itertuples():
        q = [float(v) for v in str(row.q).split(";")]
        u = [float(v) for v in str(row.u).split(";")]
        estimate, se, df, _, fmi = ms.rubin_pool(q, u, n=int(row.n), k=int(row.k))
        np.testing.assert_allclose([estimate, se, df, fmi], [row.qbar, row.se, row.df, row.fmi], rtol=1e-10)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=2, max_size=30), st.floats(0.001, 1.0))
def test_rubin_pool_never_has_less_variance_than_one_imputation(estimates, variance):
    _, se, df, p, fmi = ms.rubin_pool(estimates, [variance] * len(estimates), n=400, k=6)
    assert se >= np.sqrt(variance) - 1e-12 and df > 0 and 0 <= p <= 1 and 0 <= fmi <= 1


def test_imputation_is_seeded_and_uses_more_respondents(shipped):
    a = ms.imputation_vs_listwise(shipped, "referral", imputations=5, burn_in=3)
    b = ms.imputation_vs_listwise(shipped.copy(), "referral", imputations=5, burn_in=3, seed=ms.IMPUTATION_SEED)
    pd.testing.assert_frame_equal(a, b)
    assert (a["n_imputed"] > a["n_listwise"]).all()
    complete = shipped.dropna(subset=["training", "setting3", "referral_ms", "referral_twelve_step"])
    difference = (complete["referral_twelve_step"] - complete["referral_ms"]).astype(float)
    unweighted = difference.groupby([complete["training"], complete["setting3"]], observed=True).mean().mean()
    # the sum-coded intercept is the 12-step minus psychiatric difference averaged over the design cells
    assert a.set_index("contrast").iloc[0]["estimate_listwise"] == pytest.approx(unweighted, rel=1e-9)


# ----------------------------------------------------------------------------- small class data


@pytest.mark.parametrize("name", ["n12.csv", "n34_empty_cell.csv", "n40_one_training.csv", "n30_constant_item.csv"])
def test_every_analysis_runs_on_small_class_data(name):
    data = ms.load_providers(CLASS / name)
    for item in ("helpfulness", "value"):
        assert isinstance(_quiet(ms.mixed_model_vs_anova, data, item), pd.DataFrame)
        assert isinstance(_quiet(ms.ordinal_vs_anova, data, item), pd.DataFrame)
        assert isinstance(_quiet(ms.setting_tost, data, item), pd.DataFrame)
        assert len(_quiet(ms.imputation_vs_listwise, data, item, imputations=3, burn_in=2)) == 3
    assert isinstance(_quiet(ms.anova_equivalence, data), pd.DataFrame)
