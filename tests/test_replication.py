"""Did the data replicate the paper? Effect-size intervals, small telescopes, equivalence, verdicts."""

from __future__ import annotations

import csv
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.power import FTestAnovaPower

from mutsup_helpers.compare.replication import VERDICTS, replication_summary, replication_table
from mutsup_helpers.data.load import load_providers
from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.stats.effect_sizes import eta2_interval, f2_detectable, p_smaller_than
from mutsup_helpers.stats.fallbacks import DesignFallbackWarning
from mutsup_helpers.views.display import replication_view
from mutsup_helpers.views.plots import plot_replication

FIXTURE = Path(__file__).parent / "reference" / "fixtures" / "replication.csv"
CLASS_DATA = Path(__file__).parent / "class_data"


def _fixture_rows() -> list[dict]:
    with FIXTURE.open(encoding="utf-8") as fh:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(fh)]


@pytest.mark.parametrize("row", _fixture_rows(), ids=lambda r: f"F{r['F']:.3g}_df{r['df1']:.0f}_{r['df2']:.0f}")
def test_interval_bound_and_one_sided_p_match_base_r(row):
    df1, df2, df2_orig = int(row["df1"]), int(row["df2"]), int(row["df2_original"])
    low, high = eta2_interval(row["F"], df1, df2)
    assert low == pytest.approx(row["eta2_low"], rel=1e-7, abs=1e-10)
    assert high == pytest.approx(row["eta2_high"], rel=1e-7, abs=1e-10)
    bound = f2_detectable(df1, df2_orig)
    assert bound == pytest.approx(row["f2_33"], rel=1e-7)
    assert p_smaller_than(row["F"], df1, df2, bound) == pytest.approx(row["p_smaller"], rel=1e-6, abs=1e-12)


@pytest.mark.parametrize(("df1", "df2"), [(1, 381), (2, 344), (1, 20), (2, 9)])
def test_the_bound_is_the_effect_detected_with_a_third_of_power_by_statsmodels(df1, df2):
    # statsmodels' one-way power: nc = f^2 * nobs, df = (k - 1, nobs - k): our N = df1 + df2 + 1
    f2 = f2_detectable(df1, df2)
    power = FTestAnovaPower().power(effect_size=math.sqrt(f2), nobs=df1 + df2 + 1, alpha=0.05, k_groups=df1 + 1)
    assert power == pytest.approx(1 / 3, rel=1e-6)


@settings(max_examples=80, deadline=None)
@given(f_value=st.floats(0.01, 60), df1=st.sampled_from([1, 2]), df2=st.integers(5, 500))
def test_the_90_interval_excludes_zero_exactly_when_p_is_below_05_and_holds_the_estimate(f_value, df1, df2):
    low, high = eta2_interval(f_value, df1, df2)
    p = stats.f.sf(f_value, df1, df2)
    assert (low > 0) == (p < 0.05)
    assert 0 <= low <= high < 1
    if stats.f.cdf(f_value, df1, df2) > 0.05:  # otherwise the interval is [0, 0] by construction
        assert low <= f_value * df1 / (f_value * df1 + df2) <= high


@settings(max_examples=50, deadline=None)
@given(a=st.floats(0.01, 30), b=st.floats(0.01, 30), df2=st.integers(5, 400))
def test_a_larger_f_is_never_more_significantly_smaller_than_the_bound(a, b, df2):
    bound = f2_detectable(1, 381)
    low, high = sorted((a, b))
    assert p_smaller_than(low, 1, df2, bound) <= p_smaller_than(high, 1, df2, bound) + 1e-12


@pytest.fixture(scope="module")
def shipped_table():
    return replication_table(load_providers())


def test_the_findings_are_the_papers_tests_and_its_stated_nulls(shipped_table):
    counts = shipped_table["paper_result"].value_counts()
    assert counts["significant"] == 15 and counts["not significant"] == 15
    nulls = set(shipped_table.loc[shipped_table.paper_result == "not significant", "finding"])
    assert {f"{item}: setting" for item in ("familiarity", "helpfulness", "referral", "interference", "value")} <= nulls
    assert "interference: group type" in nulls and "familiarity: group type" not in nulls


def test_on_the_shipped_data_every_reported_effect_replicates_with_the_paper_in_its_interval(shipped_table):
    reported = shipped_table[shipped_table.paper_result == "significant"]
    assert (reported["verdict"] == "replicated").all()
    assert reported["paper_in_class_ci"].all() and reported["same_direction"].all()
    assert set(shipped_table["verdict"]) <= set(VERDICTS)


def test_a_class_verdict_uses_the_series_own_anova(tmp_path):
    data = load_providers(CLASS_DATA / "n34_empty_cell.csv")
    table = replication_table(data).set_index("finding")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignFallbackWarning)
        fit = mixed_anova(data, "referral").table.set_index("effect")
    row = table.loc["referral: group type x setting"]
    assert row["class_F"] == fit.loc["group_type:setting3", "F"] and row["class_df2"] == fit.loc["group_type:setting3",
                                                                                                    "df2"]
    assert row["note"] == "changed design: training left out (N = 30; see mutsup check)"


@pytest.mark.parametrize("name", ["n12", "n34_empty_cell", "n40_one_training", "n50_item_missing", "n30_constant_item"])
def test_small_class_data_get_a_verdict_or_a_reason_for_every_finding(name):
    table = replication_table(load_providers(CLASS_DATA / f"{name}.csv"))
    assert len(table) == 30 and set(table["verdict"]) <= set(VERDICTS)
    absent = table[table["verdict"] == "not computable"]
    assert (absent["note"].str.len() > 0).all()
    computed = table[table["verdict"] != "not computable"]
    assert np.isfinite(computed["class_F"]).all() and np.isfinite(computed["p_smaller"]).all()
    summary = replication_summary(table)
    assert summary.endswith("(of 30 findings)")
    assert sum(int(part.split()[0]) for part in summary.split(" (")[0].split(", ")) == 30


def test_the_verdict_follows_the_criteria(shipped_table):
    for row in replication_table(load_providers(CLASS_DATA / "n60.csv")).itertuples():
        if row.verdict == "not computable":
            continue
        if row.paper_result == "significant":
            expected = (("other direction" if row.same_direction is False else "replicated") if row.class_p < 0.05
                        else "not replicated" if row.p_smaller < 0.05 else "inconclusive")
        else:
            expected = ("not replicated" if row.class_p < 0.05
                        else "null replicated" if row.p_smaller < 0.05 else "inconclusive")
        assert row.verdict == expected, row.finding


def test_the_view_and_the_figure_show_every_finding(shipped_table):
    view = replication_view(load_providers(CLASS_DATA / "n34_empty_cell.csv"))
    assert len(view) == 30 and view.loc[0, "paper"] == "F(1, 381) = 38.83, p < .001"
    assert view.loc[0, "paper eta2 [90% CI]"] == ".092 [.051, .141]"
    fig = plot_replication(shipped_table)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(shipped_table["finding"])
    markers = {line.get_marker() for line in ax.get_lines()}
    assert {"D", "o", "|"} <= markers, "estimates told apart by shape, not by colour alone"
