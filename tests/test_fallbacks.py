"""The largest ANOVA small or unbalanced data support, and the sentences that say what changed."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutsup_helpers.data.load import load_providers
from mutsup_helpers.paper.design import ITEMS
from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.stats.correlations import correlate
from mutsup_helpers.stats.fallbacks import DesignFallbackWarning, plan_anova
from mutsup_helpers.stats.group_tests import compare_groups
from mutsup_helpers.stats.posthoc import scheffe

TRAINING = ["advanced", "mental_health_worker"]
SETTINGS = ["treatment", "rehabilitation", "case_management"]


@pytest.fixture(scope="module")
def shipped():
    return load_providers()


def _frame(training, setting, ms, ts, item="value") -> pd.DataFrame:
    return pd.DataFrame({
        "training": pd.Categorical(training, categories=TRAINING),
        "setting3": pd.Categorical(setting, categories=SETTINGS),
        f"{item}_ms": pd.array(ms, dtype="Int64"),
        f"{item}_twelve_step": pd.array(ts, dtype="Int64"),
    })


def _balanced(n_per_cell: int, rng: np.random.Generator, drop=()) -> pd.DataFrame:
    cells = [(t, s) for t in TRAINING for s in SETTINGS if (t, s) not in drop]
    rows = [cell for cell in cells for _ in range(n_per_cell)]
    n = len(rows)
    return _frame([r[0] for r in rows], [r[1] for r in rows], rng.integers(1, 6, n), rng.integers(1, 6, n))


@pytest.mark.parametrize("item", ITEMS)
def test_the_shipped_data_get_the_papers_design_unchanged(shipped, item):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignFallbackWarning)
        fitted = mixed_anova(shipped, item)
    assert fitted.plan.between == ("training", "setting3") and not fitted.plan.changed
    pd.testing.assert_frame_equal(fitted.table, mixed_anova(shipped, item, fallback=False).table)
    assert fitted.note == mixed_anova(shipped, item, fallback=False).note


def test_an_empty_cell_leaves_out_its_level_and_keeps_both_factors():
    data = _balanced(4, np.random.default_rng(1), drop={("mental_health_worker", "case_management")})
    with pytest.warns(DesignFallbackWarning, match="case management is left out") as caught:
        fitted = mixed_anova(data, "value")
    assert len(caught) == 1 and str(caught[0].message) in fitted.note
    assert fitted.plan.between == ("training", "setting3")
    assert fitted.plan.levels["setting3"] == ("treatment", "rehabilitation")
    assert fitted.plan.n == 16 and fitted.n == 16
    assert "no respondent in the cell mental health worker x case management" in fitted.plan.text()
    assert fitted.table.set_index("effect").loc["setting3", "df1"] == 1
    with pytest.raises(ValueError, match="0 complete case"):
        mixed_anova(data, "value", fallback=False)
    # the fit is the strict ANOVA on the rows and levels kept
    kept = data[data["setting3"] != "case_management"].copy()
    kept["setting3"] = kept["setting3"].cat.remove_unused_categories()
    strict = mixed_anova(kept, "value")
    pd.testing.assert_frame_equal(fitted.table, strict.table)
    # Scheffé follows the same plan: the pairs of the levels kept
    with pytest.warns(DesignFallbackWarning):
        pairs = scheffe(data, "value")
    assert list(zip(pairs["level_a"], pairs["level_b"], strict=True)) == [("treatment", "rehabilitation")]


def test_a_factor_with_one_level_is_left_out():
    rng = np.random.default_rng(2)
    data = _balanced(5, rng)
    data["training"] = pd.Categorical(["advanced"] * len(data), categories=TRAINING)
    plan = plan_anova(data, "value")
    assert plan.between == ("setting3",)
    assert plan.text() == ("value: everyone who answered is advanced, so training is left out of the ANOVA "
                           "(all 30 respondents who answered both value questions are analysed).")


def test_a_level_with_one_respondent_is_left_out():
    data = _balanced(3, np.random.default_rng(3), drop={("advanced", "case_management")})
    data = data[~((data["setting3"] == "case_management") & (data.index % 3 != 0))]
    plan = plan_anova(data, "value")
    assert "only 1 respondent in case management answered both value questions" in plan.text()
    assert plan.levels["setting3"] == ("treatment", "rehabilitation")


def test_an_item_nobody_answered_is_not_analysed():
    data = _balanced(3, np.random.default_rng(4))
    data["value_twelve_step"] = pd.array([pd.NA] * len(data), dtype="Int64")
    with pytest.warns(DesignFallbackWarning, match="nobody answered value_twelve_step"):
        fitted = mixed_anova(data, "value")
    assert fitted.table.empty and fitted.n == 0 and not fitted.plan.possible
    assert fitted.note == "No ANOVA: value: nobody answered value_twelve_step, so there is no ANOVA of value."
    with pytest.warns(DesignFallbackWarning):
        assert scheffe(data, "value").empty


def test_answers_that_do_not_vary_are_not_analysed():
    n = 18
    data = _balanced(3, np.random.default_rng(5))
    data["value_ms"] = pd.array([4] * n, dtype="Int64")
    data["value_twelve_step"] = pd.array([4] * n, dtype="Int64")
    with pytest.warns(DesignFallbackWarning, match=r"the answers do not vary \(every answer is 4\)"):
        assert mixed_anova(data, "value").table.empty


@st.composite
def class_data(draw):
    n = draw(st.integers(12, 60))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    p_train = rng.dirichlet(np.ones(2))
    p_set = rng.dirichlet(np.ones(3) * draw(st.sampled_from([0.3, 1.0, 5.0])))
    miss = draw(st.sampled_from([0.0, 0.1, 0.4]))

    def answers():
        values = rng.integers(1, 6, n).astype(object)
        values[rng.random(n) < miss] = pd.NA
        return values

    return _frame(rng.choice(TRAINING, n, p=p_train), rng.choice(SETTINGS, n, p=p_set), answers(), answers())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(class_data())
def test_any_class_data_get_an_answer_never_an_exception(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignFallbackWarning)
        fitted = mixed_anova(data, "value")
    plan = fitted.plan
    assert fitted.table.empty != plan.possible
    if not plan.possible:
        assert plan.notes and fitted.note.startswith("No ANOVA: ")  # a reason is always given
        return
    kept = plan.restrict(data).dropna(subset=["value_ms", "value_twelve_step", *plan.between])
    counts = kept.groupby(list(plan.between), observed=False).size()
    assert counts.min() >= 2 and fitted.n == plan.n == len(kept)
    if not plan.changed and not fitted.table["F"].isna().any():
        pd.testing.assert_frame_equal(fitted.table, mixed_anova(data, "value", fallback=False).table)


def test_cells_whose_members_all_answer_alike_leave_that_strata_without_f_and_say_so():
    # found by the property above: in every cell each respondent gives the same twelve_step - ms
    data = _frame(["advanced"] * 7, ["treatment"] * 3 + ["rehabilitation"] * 2 + ["case_management"] * 2,
                  [1, 1, 5, 5, 5, 2, 1], [1, 1, 5, 3, 3, 4, 3])
    with pytest.warns(DesignFallbackWarning, match="same difference twelve_step - ms.*within-subjects effects"):
        fitted = mixed_anova(data, "value", between="setting3")
    table = fitted.table.set_index("effect")
    assert table.loc[["group_type", "group_type:setting3"], "F"].isna().all()
    assert np.isfinite(table.loc["setting3", "F"]) and "no error variance" in fitted.note
    with pytest.raises(ValueError, match="no error variance"):
        mixed_anova(data, "value", between="setting3", fallback=False)


def test_a_t_test_on_a_group_of_one_says_so_and_keeps_the_counts():
    data = pd.DataFrame({"self_hospitalized": pd.Categorical(["No"] * 5 + ["Yes"], ["No", "Yes"]),
                         "value_ms": pd.array([1, 2, 3, 4, 5, 3], dtype="Int64")})
    with pytest.warns(DesignFallbackWarning, match="self_hospitalized=Yes has 1 answer"):
        res = compare_groups(data, "self_hospitalized", "value")
    assert (res["n_no"], res["n_yes"], res["mean_no"], res["mean_yes"]) == (5, 1, 3.0, 3.0)
    assert np.isnan(res["t"]) and np.isnan(res["p"])
    with pytest.raises(ValueError, match="a t-test needs 2"):
        compare_groups(data, "self_hospitalized", "value", fallback=False)


def test_a_correlation_of_a_constant_column_says_so():
    data = pd.DataFrame({"years_in_setting": [1.0, 2, 3, 4, 5], "value_ms": pd.array([3] * 5, dtype="Int64")})
    with pytest.warns(DesignFallbackWarning, match="value_ms does not vary"):
        res = correlate(data, "years_in_setting", "value_ms")
    assert res["n"] == 5 and np.isnan(res["r"]) and res["stars"] == ""
    with pytest.raises(ValueError, match="does not vary"):
        correlate(data, "years_in_setting", "value_ms", fallback=False)
