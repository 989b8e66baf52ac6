"""mixed_anova against afex::aov_ez (stored fixtures), plus its contract and error cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutsup_helpers.stats.anova import (
    difference_score_anova,
    mixed_anova,
    pingouin_mixed_anova,
    subject_mean_anova,
)

from ._analysis_data import ITEMS, fixture, obk_reduced, random_design, small_frame

RTOL = 1e-8
FULL_ORDER = ["training", "setting3", "training:setting3", "group_type", "group_type:training",
              "group_type:setting3", "group_type:training:setting3"]
AFEX = fixture("afex_mixed_anova.csv")
CASES = list(AFEX.groupby(["dataset", "item", "ss_type", "between"], sort=False).groups)


@pytest.fixture(scope="module")
def datasets():
    return {"random_design": random_design(), "obk_reduced": obk_reduced()}


@pytest.mark.parametrize(("dataset", "item", "ss_type", "between"), CASES)
def test_matches_afex(datasets, dataset, item, ss_type, between):
    expected = AFEX[(AFEX["dataset"] == dataset) & (AFEX["item"] == item)
                    & (AFEX["ss_type"] == ss_type) & (AFEX["between"] == between)]
    res = mixed_anova(datasets[dataset], item, between=tuple(between.split("+")),
                      ss_type=int(ss_type))
    assert res.n == expected["n"].iloc[0]
    got = res.table
    assert list(got["effect"]) == list(expected["effect"])
    assert list(got["df1"]) == list(expected["df1"])
    assert list(got["df2"]) == list(expected["df2"])
    for ours, theirs in [("SS", "SS"), ("MS", "MS"), ("F", "F"), ("p", "p"), ("np2", "pes"),
                         ("ges", "ges")]:
        np.testing.assert_allclose(got[ours], expected[theirs], rtol=RTOL, err_msg=ours)
    strata = np.where(got["effect"].str.startswith("group_type"), "within", "between")
    error_ms = res.errors.set_index("stratum")["MS"]
    np.testing.assert_allclose(error_ms[strata], expected["MSE"], rtol=RTOL)


def test_fixture_covers_every_effect_item_and_type():
    full = AFEX[(AFEX["dataset"] == "random_design") & (AFEX["between"] == "training+setting3")]
    assert sorted(full["item"].unique()) == sorted(ITEMS)
    assert sorted(full["ss_type"].unique()) == [2, 3]
    counts = full.groupby(["item", "ss_type"]).size()
    assert (counts == len(FULL_ORDER)).all()


def test_table_contract_and_order():
    res = mixed_anova(small_frame(1), "familiarity")
    assert list(res.table.columns) == ["effect", "SS", "df1", "df2", "MS", "F", "p", "np2", "ges"]
    assert list(res.table["effect"]) == FULL_ORDER
    one = mixed_anova(small_frame(1), "familiarity", between="setting3")
    assert list(one.table["effect"]) == ["setting3", "group_type", "group_type:setting3"]
    assert res.between == ("training", "setting3") and one.between == ("setting3",)
    assert res.ss_type == 3 and res.item == "familiarity"


def test_listwise_counts_and_note():
    data = small_frame(2, n=150, missing=0.1)
    data.loc[[0, 1], "training"] = np.nan
    res = mixed_anova(data, "value")
    complete = data[["training", "setting3", "value_ms", "value_twelve_step"]].notna().all(axis=1)
    assert res.n == complete.sum() and res.n_excluded == len(data) - complete.sum()
    assert res.note == (f"Listwise complete cases: N = {res.n} of {len(data)} "
                        f"({res.n_excluded} excluded)")
    assert res.cells["n"].sum() == 2 * res.n


def test_cells_match_groupby():
    data = small_frame(3)
    res = mixed_anova(data, "referral")
    cc = data.dropna(subset=["training", "setting3", "referral_ms", "referral_twelve_step"])
    expected = cc.groupby(["training", "setting3"], observed=True)["referral_twelve_step"]
    twelve = res.cells[res.cells["group_type"] == "twelve_step"]
    np.testing.assert_allclose(twelve["mean"], expected.mean().astype(float))
    np.testing.assert_allclose(twelve["sd"], expected.std().astype(float))
    assert list(res.cells.columns) == ["training", "setting3", "group_type", "n", "mean", "sd"]


def test_marginal_means_weighted_and_unweighted():
    data = small_frame(4)
    res = mixed_anova(data, "helpfulness")
    mm = res.marginal_means("setting3")
    cc = data.dropna(subset=["training", "setting3", "helpfulness_ms", "helpfulness_twelve_step"])
    row = mm[(mm["setting3"] == "rehabilitation") & (mm["group_type"] == "ms")].iloc[0]
    rehab = cc[cc["setting3"] == "rehabilitation"]
    assert row["weighted_mean"] == pytest.approx(rehab["helpfulness_ms"].astype(float).mean())
    cell_means = rehab.groupby("training", observed=True)["helpfulness_ms"].mean()
    assert row["unweighted_mean"] == pytest.approx(float(cell_means.mean()))
    overall = res.marginal_means("group_type")
    assert list(overall["group_type"]) == ["ms", "twelve_step"]
    with pytest.raises(ValueError, match="factor must be one of"):
        res.marginal_means("gender")


def test_ss_scale_is_the_long_format_one():
    """Between SS + within SS + errors add up to the long-format total SS (balanced data)."""
    rng = np.random.default_rng(5)
    n_cell = 6
    training = np.repeat([0, 1], 3 * n_cell)
    setting = np.tile(np.repeat([0, 1, 2], n_cell), 2)
    frame = pd.DataFrame({
        "training": pd.Categorical.from_codes(training, ["advanced", "mental_health_worker"]),
        "setting3": pd.Categorical.from_codes(
            setting, ["treatment", "rehabilitation", "case_management"]),
        "value_ms": pd.array(rng.integers(1, 6, 6 * n_cell), dtype="Int64"),
        "value_twelve_step": pd.array(rng.integers(1, 6, 6 * n_cell), dtype="Int64"),
    })
    res = mixed_anova(frame, "value")
    stacked = np.concatenate([frame["value_ms"].to_numpy(float),
                              frame["value_twelve_step"].to_numpy(float)])
    total = np.sum((stacked - stacked.mean()) ** 2)
    assert res.table["SS"].sum() + res.errors["SS"].sum() == pytest.approx(total)
    # balanced: Type II and Type III agree
    np.testing.assert_allclose(mixed_anova(frame, "value", ss_type=2).table["SS"],
                               res.table["SS"])


def test_pingouin_adapter_uses_weighted_means():
    data = random_design()
    pg_table = pingouin_mixed_anova(data, "familiarity", between="setting3")
    assert list(pg_table.columns) == ["effect", "SS", "df1", "df2", "MS", "F", "p", "np2"]
    assert list(pg_table["effect"]) == ["setting3", "group_type", "group_type:setting3"]
    type2 = mixed_anova(data, "familiarity", between="setting3", ss_type=2).table
    type3 = mixed_anova(data, "familiarity", between="setting3", ss_type=3).table
    # pingouin's group-type test = Type II (weighted); it differs from Type III here
    np.testing.assert_allclose(pg_table["F"], type2["F"], rtol=1e-8)
    assert abs(pg_table["F"].iloc[1] - type3["F"].iloc[1]) > 1


def test_error_mean_squares_exposed():
    res = mixed_anova(small_frame(6), "value")
    assert list(res.errors.columns) == ["stratum", "SS", "df", "MS"]
    assert res.ms_error_between == pytest.approx(res.errors["MS"].iloc[0])
    assert res.ms_error_within == pytest.approx(res.errors["MS"].iloc[1])
    row = res.table.iloc[3]
    assert row["F"] == pytest.approx(row["MS"] / res.ms_error_within)


def test_plain_string_factors_are_accepted():
    data = small_frame(7)
    res = mixed_anova(data, "value")
    as_text = data.assign(training=data["training"].astype(str))
    np.testing.assert_allclose(mixed_anova(as_text, "value").table["F"], res.table["F"])


@pytest.mark.parametrize("size", [0, 1])
def test_small_cell_is_an_error_without_fallback(size):
    data = small_frame(8)
    rows = data.index[(data["training"] == "mental_health_worker")
                      & (data["setting3"] == "case_management")]
    data = data.drop(rows[size:])
    msg = f"value: design cell training=mental_health_worker, setting3=case_management has {size}"
    with pytest.raises(ValueError, match=msg):
        mixed_anova(data, "value", fallback=False)


def test_unused_category_is_an_empty_cell():
    data = small_frame(9)
    data["setting3"] = data["setting3"].cat.add_categories(["other"])
    with pytest.raises(ValueError, match="setting3=other has 0"):
        mixed_anova(data, "value", between="setting3", fallback=False)


def test_no_variance_is_an_error():
    data = small_frame(10)
    data["value_ms"] = pd.array([3] * len(data), dtype="Int64")
    data["value_twelve_step"] = pd.array([3] * len(data), dtype="Int64")
    with pytest.raises(ValueError, match="value: no variance"):
        mixed_anova(data, "value", fallback=False)


def test_missing_group_type_column_is_an_error():
    data = small_frame(11).drop(columns="value_twelve_step")
    with pytest.raises(ValueError, match=r"value: group type needs exactly the two columns"):
        mixed_anova(data, "value")


def test_empty_group_type_column_is_an_error():
    data = small_frame(16)
    data["value_ms"] = pd.array([pd.NA] * len(data), dtype="Int64")
    with pytest.raises(ValueError, match=r"value: no complete cases.*\['value_ms'\] have no values"):
        mixed_anova(data, "value", fallback=False)


def test_bad_arguments():
    data = small_frame(12)
    with pytest.raises(ValueError, match="ss_type"):
        mixed_anova(data, "value", ss_type=4)
    with pytest.raises(ValueError, match="one or two"):
        mixed_anova(data, "value", between=("training", "setting3", "self_hospitalized"))
    with pytest.raises(ValueError, match="not in the data"):
        mixed_anova(data, "value", between="gender")


def test_result_is_frozen():
    res = mixed_anova(small_frame(13), "value")
    with pytest.raises(AttributeError):
        res.n = 3


@pytest.mark.parametrize("ss_type", [2, 3])
def test_score_anovas_are_the_two_strata(ss_type):
    data = random_design()
    mixed = mixed_anova(data, "referral", ss_type=ss_type).table.set_index("effect")
    diff = difference_score_anova(data, "referral", ss_type=ss_type).set_index("effect")
    mean = subject_mean_anova(data, "referral", ss_type=ss_type).set_index("effect")
    within = ["group_type", "group_type:training", "group_type:setting3",
              "group_type:training:setting3"]
    between = ["training", "setting3", "training:setting3"]
    rows = ["(Intercept)", "training", "setting3", "training:setting3"]
    np.testing.assert_allclose(diff.loc[rows, "F"], mixed.loc[within, "F"], rtol=1e-10)
    np.testing.assert_allclose(diff.loc[rows, "SS"], 2 * mixed.loc[within, "SS"], rtol=1e-10)
    np.testing.assert_allclose(mean.loc[rows[1:], "F"], mixed.loc[between, "F"], rtol=1e-10)
    np.testing.assert_allclose(mean.loc[rows[1:], "SS"], mixed.loc[between, "SS"] / 2,
                               rtol=1e-10)
    assert list(diff.columns) == ["SS", "df1", "df2", "MS", "F", "p"]
    assert diff.loc["Residual", "df1"] == mixed["df2"].iloc[0]
    assert np.isnan(diff.loc["Residual", "F"])


def test_sample_is_the_complete_cases():
    data = small_frame(14, missing=0.1)
    res = mixed_anova(data, "value")
    assert len(res.sample) == res.n
    assert list(res.sample.columns) == ["training", "setting3", "value_ms", "value_twelve_step"]
    assert not res.sample.isna().any().any()
    assert res.sample.index.isin(data.index).all()


def test_marginal_means_are_categorical():
    res = mixed_anova(small_frame(15), "value")
    mm = res.marginal_means("training")
    assert list(mm["training"].cat.categories) == ["advanced", "mental_health_worker"]
    assert list(mm["group_type"].cat.categories) == ["ms", "twelve_step"]


def test_difference_score_anova_matches_statsmodels_formula():
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    data = small_frame(17, missing=0.1)
    cc = data.dropna(subset=["training", "setting3", "value_ms", "value_twelve_step"]).copy()
    cc["d"] = (cc["value_twelve_step"] - cc["value_ms"]).astype(float)
    fit = smf.ols("d ~ C(training, Sum) * C(setting3, Sum)", data=cc).fit()
    expected = sm.stats.anova_lm(fit, typ=3)
    got = difference_score_anova(data, "value")
    np.testing.assert_allclose(got["SS"], expected["sum_sq"], rtol=1e-10)
    np.testing.assert_allclose(got["F"].iloc[:-1], expected["F"].iloc[:-1], rtol=1e-10)


@pytest.mark.parametrize("between", [("training", "setting3"), ("setting3", "training")])
@pytest.mark.parametrize("item", ["familiarity", "helpfulness"])
def test_type_i_is_statsmodels_sequential_anova_of_both_scores(item, between):
    """Type I (sequential) F of the between and within strata equal statsmodels' anova_lm(typ=1)."""
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    data = random_design()
    table = mixed_anova(data, item, between=between, ss_type=1, fallback=False).table.set_index("effect")
    complete = data.dropna(subset=[f"{item}_ms", f"{item}_twelve_step", *between]).copy()
    ms_, ts = complete[f"{item}_ms"].astype(float), complete[f"{item}_twelve_step"].astype(float)
    complete["mean_score"], complete["difference"] = (ms_ + ts) / 2, ts - ms_
    a, b = between
    for score, prefix in (("mean_score", ""), ("difference", "group_type:")):
        ref = anova_lm(smf.ols(f"{score} ~ C({a}, Sum) * C({b}, Sum)", data=complete).fit(), typ=1)
        for term, effect in ((f"C({a}, Sum)", a), (f"C({b}, Sum)", b), (f"C({a}, Sum):C({b}, Sum)", f"{a}:{b}")):
            assert table.loc[prefix + effect, "F"] == pytest.approx(ref.loc[term, "F"], rel=1e-9)


def test_the_three_types_agree_on_the_highest_term_and_type_i_depends_on_order():
    data = random_design()
    tables = {t: mixed_anova(data, "helpfulness", ss_type=t).table.set_index("effect")["SS"] for t in (1, 2, 3)}
    for effect in ("training:setting3", "group_type:training:setting3"):  # nothing contains them
        assert tables[1][effect] == pytest.approx(tables[2][effect]) == pytest.approx(tables[3][effect])
    # Type I and Type II agree on the term entered last among the main effects, not on the first
    assert tables[1]["setting3"] == pytest.approx(tables[2]["setting3"])
    assert tables[1]["training"] != pytest.approx(tables[2]["training"])
    reversed_ = mixed_anova(data, "helpfulness", between=("setting3", "training"), ss_type=1).table.set_index("effect")
    assert reversed_.loc["training", "SS"] == pytest.approx(tables[2]["training"])
