"""Scheffé (SPSS convention) against by-hand R fixtures, and the Scheffé/omnibus property."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from mutsup_helpers.stats.posthoc import SCHEFFE_COLUMNS, omnibus, scheffe

from ._analysis_data import fixture, obk_reduced, random_design, small_frame

RTOL = 1e-8
SCHEFFE = fixture("scheffe.csv")
OMNIBUS = fixture("scheffe_omnibus.csv")
KEYS = ["dataset", "item", "between", "factor", "on"]
CASES = list(SCHEFFE.groupby(KEYS, sort=False).groups)


@pytest.fixture(scope="module")
def datasets():
    return {"random_design": random_design(), "obk_reduced": obk_reduced()}


def _select(frame, case):
    mask = np.ones(len(frame), dtype=bool)
    for key, value in zip(KEYS, case, strict=True):
        mask &= (frame[key] == value).to_numpy()
    return frame[mask]


@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_matches_r(datasets, case):
    dataset, item, between, factor, on = case
    expected = _select(SCHEFFE, case)
    got = scheffe(datasets[dataset], item, factor=factor, on=on, between=tuple(between.split("+")))
    assert list(got.columns) == SCHEFFE_COLUMNS
    assert list(got["level_a"]) == list(expected["level_a"])
    assert list(got["level_b"]) == list(expected["level_b"])
    assert list(got["n_a"]) == list(expected["n_a"])
    assert list(got["df2"]) == list(expected["df2"])
    for col in ["mean_a", "mean_b", "diff", "se", "F", "p"]:
        np.testing.assert_allclose(got[col], expected[col], rtol=RTOL, err_msg=col)
    assert list(got["significant"]) == list(expected["p"] < 0.05)


@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_omnibus_matches_r(datasets, case):
    dataset, item, between, factor, on = case
    expected = _select(OMNIBUS, case).iloc[0]
    got = omnibus(datasets[dataset], item, factor=factor, on=on, between=tuple(between.split("+")))
    assert got["F"] == pytest.approx(expected["F"], rel=RTOL)
    assert got["p"] == pytest.approx(expected["p"], rel=RTOL)
    assert (got["df1"], got["df2"]) == (expected["df1"], expected["df2"])


def test_labels_name_the_family_and_error():
    data = small_frame(1)
    out = scheffe(data, "referral")
    assert set(out["family"]) == {"setting3 on twelve_step - ms"}
    df2 = out["df2"].iloc[0]
    assert out["error_term"].iloc[0] == (
        f"MS_error of training x setting3 model on the difference score, df = {df2}")
    mean = scheffe(data, "referral", factor="training", on="mean")
    assert mean["family"].iloc[0] == "training on mean of ms and twelve_step"
    assert len(mean) == 1


def test_error_term_is_the_anova_stratum():
    from mutsup_helpers.stats.anova import mixed_anova

    data = small_frame(2)
    res = mixed_anova(data, "value")
    out = scheffe(data, "value")
    mse = (out["se"].iloc[0] ** 2) / (1 / out["n_a"].iloc[0] + 1 / out["n_b"].iloc[0])
    # the difference model's error, on its own scale, is twice afex's within MSE
    assert mse == pytest.approx(2 * res.ms_error_within)
    assert out["df2"].iloc[0] == res.table["df2"].iloc[3]


def test_factor_must_be_in_model():
    with pytest.raises(ValueError, match="must be one of the model's factors"):
        scheffe(small_frame(3), "value", factor="training", between="setting3")
    with pytest.raises(ValueError, match="on must be"):
        scheffe(small_frame(3), "value", on="sum")


PROPERTY_EXAMPLES = 60


def _fits(data, item, between) -> bool:
    """The model's precondition, checked here: every between cell has two complete cases, answers vary."""
    columns = [*between, f"{item}_ms", f"{item}_twelve_step"]
    complete = data[columns].dropna()
    cells = complete.groupby(list(between), observed=False).size()
    answers = complete[columns[-2:]].to_numpy(dtype=float)
    return len(cells) == np.prod([data[b].cat.categories.size for b in between]) and bool(
        (cells >= 2).all()) and answers.size > 0 and np.ptp(answers) > 0


def test_fits_rejects_a_design_with_a_thin_cell():
    data = small_frame(0, n=60)
    assert _fits(data, "referral", ("training", "setting3"))
    thin = data[~((data["training"] == "advanced") & (data["setting3"] == "rehabilitation"))].copy()
    assert not _fits(thin, "referral", ("training", "setting3"))
    with pytest.raises(ValueError, match="design cell"):
        scheffe(thin, "referral", factor="setting3", between=("training", "setting3"), fallback=False)


def test_no_pair_significant_without_significant_omnibus():
    """Scheffé's theorem as a property, run on PROPERTY_EXAMPLES valid random designs.

    Draws that break the model's precondition (a thin cell) are rejected with ``assume``;
    any other ValueError fails. The count of examples that reached the assertions is checked.
    """
    checked = []

    @settings(max_examples=PROPERTY_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 2**32 - 1), n=st.integers(40, 200),
           effect=st.floats(0.0, 1.5), on=st.sampled_from(["difference", "mean"]),
           between=st.sampled_from([("training", "setting3"), ("setting3",)]))
    def no_pair_beats_the_omnibus(seed, n, effect, on, between):
        data = small_frame(seed, n=n, effect=effect)
        assume(_fits(data, "referral", between))
        event(f"on={on}, between={'+'.join(between)}")
        out = scheffe(data, "referral", factor="setting3", on=on, between=between)
        omni = omnibus(data, "referral", factor="setting3", on=on, between=between)
        # Scheffé's theorem: every contrast's F is at most the omnibus F of its family
        assert out["F"].max() <= omni["F"] * (1 + 1e-9) + 1e-12
        if omni["p"] >= 0.05:
            assert not out["significant"].any()
        checked.append((on, between, bool(omni["p"] < 0.05)))

    no_pair_beats_the_omnibus()
    assert len(checked) >= PROPERTY_EXAMPLES
    # both scores, both models, and significant and non-significant omnibus tests were exercised
    assert {(on, between) for on, between, _ in checked} == {
        (on, between) for on in ("difference", "mean") for between in (("training", "setting3"), ("setting3",))}
    assert {significant for *_, significant in checked} == {True, False}


def test_the_observed_means_omnibus_is_the_ceiling_of_every_reading_and_type_iii_is_not():
    from mutsup_helpers.data.load import load_providers
    from mutsup_helpers.stats.posthoc import scheffe_readings

    data = load_providers()
    for item in ("familiarity", "helpfulness", "referral"):
        table = scheffe_readings(data, item)
        assert list(table["reading"]) == ["mean", "difference", "ms", "twelve_step"]
        assert (table["largest_pair_F"] <= table["observed_omnibus_F"] * (1 + 1e-12)).all()
    referral = scheffe_readings(data, "referral").set_index("reading")
    # the printed (Type III) interaction F is exceeded by a Scheffé F on observed means
    assert referral.loc["difference", "largest_pair_F"] > referral.loc["difference", "type3_F"]
    assert referral[["type3_F"]].loc[["ms", "twelve_step"]].isna().all().all()


def test_simple_effects_use_one_group_types_ratings_and_their_own_model_error():
    import statsmodels.formula.api as smf

    from mutsup_helpers.data.load import load_providers

    data = load_providers()
    complete = data.dropna(subset=["referral_ms", "referral_twelve_step", "training", "setting3"]).copy()
    complete["y"] = complete["referral_ms"].astype(float)
    fit = smf.ols("y ~ C(training, Sum) * C(setting3, Sum)", data=complete).fit()
    means = complete.groupby("setting3", observed=True)["y"].agg(["mean", "count"])
    a, b = means.loc["treatment"], means.loc["rehabilitation"]
    expected = (a["mean"] - b["mean"]) ** 2 / (fit.scale * (1 / a["count"] + 1 / b["count"])) / 2
    got = scheffe(data, "referral", on="ms").iloc[0]
    assert (got["level_a"], got["level_b"]) == ("treatment", "rehabilitation")
    assert got["F"] == pytest.approx(expected, rel=1e-10) and got["df2"] == int(fit.df_resid)
