"""Limitations helpers: the test family, p adjustment, clustering, power, rank tests, nonresponse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, special, stats
from statsmodels.stats.power import TTestIndPower

from mutsup_helpers.paper.design import ITEMS, TABLE2_SPLITS, YEARS
from mutsup_helpers.paper.published import load_published
from mutsup_helpers.stats import limitations as lim

from ._analysis_data import small_frame


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


#: (seed, rows, power, alpha): small random data sets with ~10% missing answers, so group sizes differ by test.
POWER_CASES = [(0, 40, 0.80, 0.05), (1, 150, 0.90, 0.01), (2, 90, 0.50, 0.10)]


@pytest.fixture(scope="module", params=POWER_CASES, ids=lambda c: "seed{}-n{}-power{}-alpha{}".format(*c))
def power_case(request):
    seed, rows, power, alpha = request.param
    data = small_frame(seed, n=rows, missing=0.1)
    return data, power, alpha, lim.power_table(data, power=power, alpha=alpha).set_index("test")


def test_power_t_tests_match_statsmodels(power_case):
    """Smallest Cohen's d against statsmodels' ``TTestIndPower`` (Student's pooled two-sample t, two-sided).

    Same convention on both sides: noncentral t with df = n_no + n_yes - 2 and noncentrality
    d / sqrt(1/n_no + 1/n_yes); statsmodels' nobs1 = n_no, ratio = n_yes / n_no. Group sizes are
    counted here from the raw columns. statsmodels' own ``solve_power`` stops at ~1e-6 in d,
    so its power function is checked at the package's d and solved with a tight root finder.
    """
    data, power, alpha, table = power_case
    statsmodels_power = TTestIndPower().power
    for split in TABLE2_SPLITS:
        for item in ITEMS:
            answered = data[f"{item}_ms"].notna()
            n_no, n_yes = (int((answered & (data[split] == level)).sum()) for level in ("No", "Yes"))
            row = table.loc[f"{item} (ms) by {split}"]
            assert row["n"] == n_no + n_yes

            def at(d, n_no=n_no, n_yes=n_yes):
                return statsmodels_power(effect_size=d, nobs1=n_no, ratio=n_yes / n_no, alpha=alpha)

            d = row["smallest_detectable"]
            assert at(d) == pytest.approx(power, abs=1e-10)
            # bracketed near d: statsmodels' lower tail turns NaN for a large noncentrality
            expected = optimize.brentq(lambda x, at=at: at(x) - power, 0.8 * d, 1.2 * d, xtol=1e-14)
            assert d == pytest.approx(expected, abs=1e-9)


def _pwr_r_power(r, n, alpha):
    """Two-sided power for r = 0 as in Cohen (1988) and R's ``pwr.r.test``: an approximation.

    Critical r from t(n - 2); the sample r's Fisher z taken as normal with mean
    atanh(r) + r / (2 (n - 1)) and SD 1 / sqrt(n - 3).
    """
    t_crit = stats.t.isf(alpha / 2, n - 2)
    z_crit = np.arctanh(t_crit / np.sqrt(t_crit**2 + n - 2))
    mean, sd = np.arctanh(r) + r / (2 * (n - 1)), 1 / np.sqrt(n - 3)
    return stats.norm.sf(z_crit, mean, sd) + stats.norm.cdf(-z_crit, mean, sd)


def _exact_r_density(x, rho, n):
    """Exact density of Pearson's r for n bivariate normal pairs with correlation rho (Hotelling 1953)."""
    log_c = np.log(n - 2) + special.gammaln(n - 1) - 0.5 * np.log(2 * np.pi) - special.gammaln(n - 0.5)
    log_f = log_c + (n - 1) / 2 * np.log1p(-(rho**2)) + (n - 4) / 2 * np.log1p(-(x**2)) - (n - 1.5) * np.log1p(-rho * x)
    return np.exp(log_f) * special.hyp2f1(0.5, 0.5, n - 0.5, (1 + rho * x) / 2)


def _exact_r_power(rho, n, alpha):
    t_crit = stats.t.isf(alpha / 2, n - 2)
    r_crit = t_crit / np.sqrt(t_crit**2 + n - 2)
    upper = integrate.quad(_exact_r_density, r_crit, 1, args=(rho, n), epsabs=1e-12)[0]
    lower = integrate.quad(_exact_r_density, -1, -r_crit, args=(rho, n), epsabs=1e-12)[0]
    return upper + lower


def test_power_correlations_match_the_pwr_formula_and_nearly_the_exact_power(power_case):
    """Smallest r, which statsmodels has no power class for, against the textbook formula computed here.

    pingouin's ``power_corr`` (which the package calls) is R's ``pwr.r.test``: a Fisher-z normal
    approximation (see :func:`_pwr_r_power`). At the package's r that formula must give the
    target power to 1e-10. Against the exact power of the t test of r = 0 under bivariate
    normality (integrating the exact density of r) the approximation is off by < 0.005 in power
    for these n (>= 30); so the package's r is the approximation's, not an exact, answer.
    """
    data, power, alpha, table = power_case
    for item in ITEMS:
        for group in ("twelve_step", "ms"):
            for years in YEARS:
                n = int((data[years].notna() & data[f"{item}_{group}"].notna()).sum())
                row = table.loc[f"{item}_{group} x {years}"]
                assert row["n"] == n
                r = row["smallest_detectable"]
                assert _pwr_r_power(r, n, alpha) == pytest.approx(power, abs=1e-10)
                assert _exact_r_power(r, n, alpha) == pytest.approx(power, abs=0.005)


def test_exact_correlation_power_is_a_distribution_and_has_size_alpha():
    """The exact route used above: the density integrates to 1 and, with rho = 0, rejects alpha of the time."""
    for rho, n in [(0.0, 30), (0.4, 30), (-0.2, 150)]:
        total = integrate.quad(_exact_r_density, -1, 1, args=(rho, n), epsabs=1e-12)[0]
        assert total == pytest.approx(1.0, abs=1e-9)
    assert _exact_r_power(0.0, 40, 0.05) == pytest.approx(0.05, abs=1e-9)


def _item(values) -> pd.DataFrame:
    return pd.DataFrame({"value_ms": pd.array(values, dtype="Int64")})


def test_nonresponse_bounds_put_every_nonrespondent_at_an_end_of_the_scale():
    """A hand-made column, bounds recomputed as plain arithmetic on the published counts.

    The returned surveys (421 of 1275 mailed, not ``len(data)``) carry the mean of the
    answers given (a missing answer is dropped); the 854 surveys never returned all
    answer 1 (lowest) or all 5 (highest).
    """
    study = load_published().study
    mailed, returned = study["surveys_mailed"], study["surveys_returned"]
    assert (mailed, returned) == (1275, 421)
    bounds = lim.nonresponse_bounds(_item([2, 3, 3, 4, None]), "value_ms")  # answered mean 12 / 4 = 3
    assert bounds["observed_mean"] == 3.0
    assert bounds["response_share"] == pytest.approx(421 / 1275, rel=1e-12)
    # (421 surveys x 3 + 854 surveys x 1) / 1275 and (421 x 3 + 854 x 5) / 1275
    assert bounds["lowest_possible"] == pytest.approx((421 * 3 + 854 * 1) / 1275, rel=1e-12)
    assert bounds["highest_possible"] == pytest.approx((421 * 3 + 854 * 5) / 1275, rel=1e-12)
    # answers at the scale's ends: that end is reached exactly
    assert lim.nonresponse_bounds(_item([1, 1, None]), "value_ms")["lowest_possible"] == pytest.approx(1.0)
    assert lim.nonresponse_bounds(_item([5, 5, 5]), "value_ms")["highest_possible"] == pytest.approx(5.0)


@pytest.mark.parametrize("column", ["familiarity_ms", "value_ms", "referral_twelve_step"])
def test_nonresponse_bounds_width_and_position(random_providers, column):
    """Width (5 - 1) x nonresponse share whatever the answers; each bound moves with the mean by the response share."""
    study = load_published().study
    silent = (study["surveys_mailed"] - study["surveys_returned"]) / study["surveys_mailed"]
    answers = random_providers[column].dropna().to_numpy(dtype=float)
    bounds = lim.nonresponse_bounds(random_providers, column)
    assert bounds["observed_mean"] == pytest.approx(answers.sum() / len(answers), rel=1e-12)
    assert bounds["highest_possible"] - bounds["lowest_possible"] == pytest.approx((5 - 1) * silent, rel=1e-12)
    assert bounds["response_share"] + silent == pytest.approx(1.0, rel=1e-12)
    # distance to the observed mean: the silent share times the distance from the mean to each end
    assert bounds["observed_mean"] - bounds["lowest_possible"] == pytest.approx(
        silent * (answers.mean() - 1), rel=1e-12
    )
    assert bounds["highest_possible"] - bounds["observed_mean"] == pytest.approx(
        silent * (5 - answers.mean()), rel=1e-12
    )
    shifted = random_providers.assign(**{column: random_providers[column].clip(upper=4) + 1})
    moved = lim.nonresponse_bounds(shifted, column)
    mean_shift = moved["observed_mean"] - bounds["observed_mean"]
    assert mean_shift > 0
    assert moved["lowest_possible"] - bounds["lowest_possible"] == pytest.approx(
        bounds["response_share"] * mean_shift, rel=1e-9
    )


def test_nonresponse_simulation_is_seeded_and_unbiased_without_selection(random_providers):
    a = lim.nonresponse_simulation(random_providers, strength=0.0, seed=1, reps=50)
    b = lim.nonresponse_simulation(random_providers, strength=0.0, seed=1, reps=50)
    assert a.equals(b)
    assert abs(a["bias"].mean()) < 0.05
    selected = lim.nonresponse_simulation(random_providers, strength=1.0, seed=1, reps=50)
    assert selected["bias"].mean() > 0.2
    assert np.isfinite(selected["respondent_mean"]).all()


def test_the_unequal_cluster_design_effect_matches_a_simulation():
    """Variance of the mean of all respondents under a random-intercept model with unequal clusters."""
    rng = np.random.default_rng(20261203)
    sizes = np.maximum(1, np.round(rng.gamma(shape=1.0, scale=5.0, size=84))).astype(int)  # CV about 1
    icc, reps = 0.10, 20000
    cluster = np.repeat(np.arange(len(sizes)), sizes)
    means = np.empty(reps)
    for k in range(reps):
        u = rng.normal(0, np.sqrt(icc), len(sizes))
        means[k] = (u[cluster] + rng.normal(0, np.sqrt(1 - icc), len(cluster))).mean()
    simulated = means.var() * len(cluster)  # variance relative to independent answers (variance 1 / N)
    cv = sizes.std() / sizes.mean()
    assert cv > 0.7
    assert simulated == pytest.approx(float(lim.design_effect(icc, sizes.mean(), cv)), rel=0.04)
    assert simulated > 1.15 * float(lim.design_effect(icc, sizes.mean()))  # equal-size formula understates


def test_clustering_scenarios_grow_with_icc_and_with_unequal_clusters():
    table = lim.clustering_scenarios(iccs=(0.05, 0.10), cvs=(0.0, 1.0))
    deff = table.set_index(["icc", "cv_cluster_size"])["design_effect"]
    assert deff[(0.05, 0.0)] < deff[(0.05, 1.0)] < deff[(0.10, 1.0)]
    assert (table["effective_n"] * table["design_effect"]).round(6).nunique() == 1


@pytest.mark.parametrize("power", [0.8, 0.5])
def test_anova_sensitivity_gives_the_effect_detected_with_that_power(random_providers, power):
    from statsmodels.stats.power import FTestAnovaPower

    table = lim.anova_sensitivity(random_providers, power=power)
    assert len(table) == 35 and set(table["paper_reports"]) == {"significant", "not significant"}
    for r in table.itertuples():
        f = np.sqrt(r.smallest_detectable_eta2 / (1 - r.smallest_detectable_eta2))
        got = FTestAnovaPower().power(effect_size=f, nobs=r.df1 + r.df2 + 1, alpha=0.05, k_groups=r.df1 + 1)
        assert got == pytest.approx(power, rel=1e-6)
