"""Explorer callbacks, driven without a browser: change a control, the output follows."""

from __future__ import annotations

import base64
from pathlib import Path

import pandas as pd
import pytest

from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.stats.correlations import correlate
from mutsup_helpers.stats.fallbacks import DesignFallbackWarning
from mutsup_helpers.stats.group_tests import compare_groups
from mutsup_helpers.views import plots, widgets


def _mimetypes(output):
    return [next(iter(o["data"])) if "data" in o else o["output_type"] for o in output.outputs]


def test_anova_explorer_redraws_for_item_factor_and_ss_type(random_providers):
    explorer = widgets.anova_explorer(random_providers)
    first = explorer.table.copy()
    explorer.item.value = "referral"
    explorer.between.value = "training"
    explorer.ss_type.value = 2
    expected = mixed_anova(random_providers, "referral", between=("training",), ss_type=2).table
    pd.testing.assert_frame_equal(explorer.table.drop(columns="paper"), expected)
    assert not explorer.table["F"].equals(first["F"])
    assert _mimetypes(explorer.output)[0] == "image/png"
    assert repr(explorer) == "AnovaExplorer(item='referral', between='training', view='both', ss_type=2)"


def _png(output) -> bytes:
    encoded = next(o["data"]["image/png"] for o in output.outputs if "image/png" in o.get("data", {}))
    return base64.b64decode(encoded)


def test_anova_explorer_picture_follows_item_factor_and_view_but_not_ss_type(random_providers):
    explorer = widgets.anova_explorer(random_providers, item="value", between="setting")
    explorer.view.value = "difference"
    expected = plots.to_png(
        plots.plot_interaction(random_providers, "value", x="setting3", view="difference", between=("setting3",)))
    shown = _png(explorer.output)
    assert shown == expected
    explorer.ss_type.value = 2  # a different table, the same means
    assert _png(explorer.output) == shown
    explorer.between.value = "training"
    assert _png(explorer.output) != shown


def test_anova_explorer_marks_what_the_paper_reported(random_providers):
    explorer = widgets.anova_explorer(random_providers, item="helpfulness", between="both")
    paper = explorer.table.set_index("effect")["paper"]
    assert paper["training"].startswith("F(1, ")
    assert paper["setting3"] == ""


def test_the_papers_f_stands_only_beside_the_papers_model(random_providers):
    explorer = widgets.anova_explorer(random_providers, item="helpfulness", between="setting")
    assert (explorer.table["paper"] == "").all()
    explorer.between.value = "both"
    explorer.ss_type.value = 2
    assert (explorer.table["paper"] == "").all()
    explorer.ss_type.value = 3
    assert explorer.table.set_index("effect").loc["group_type", "paper"].startswith("F(1, ")


def test_group_comparison_explorer_switches_to_welch(random_providers):
    explorer = widgets.group_comparison_explorer(random_providers)
    explorer.test.value = "Welch"
    explorer.item.value = "value"
    expected = compare_groups(random_providers, "self_hospitalized", "value", welch=True)
    assert explorer.table.loc["t", "No minus Yes"] == expected["t"]
    assert explorer.table.loc["test", "No minus Yes"] == "Welch"


def test_correlation_explorer_follows_years_and_group_type(random_providers):
    explorer = widgets.correlation_explorer(random_providers)
    explorer.years.value = "years_in_discipline"
    explorer.group_type.value = "twelve_step"
    expected = correlate(random_providers, "years_in_discipline", "familiarity_twelve_step")
    assert explorer.table.loc["r", "familiarity_twelve_step"] == expected["r"]
    assert _mimetypes(explorer.output)[0] == "image/png"


def test_the_explorers_carry_out_what_notebooks_07_and_08_ask_of_them(random_providers):
    groups = widgets.group_comparison_explorer(random_providers)
    groups.group_type.value = "twelve_step"
    expected = compare_groups(random_providers, "self_hospitalized", "familiarity", group_type="twelve_step")
    assert groups.table.loc["t", "No minus Yes"] == expected["t"]
    assert "group_type='twelve_step'" in repr(groups)
    correlations = widgets.correlation_explorer(random_providers)
    correlations.method.value = "spearman"
    expected = correlate(random_providers, "years_in_setting", "familiarity_ms", method="spearman")
    assert correlations.table.loc["r", "familiarity_ms"] == expected["r"]
    assert correlations.table.loc["method", "familiarity_ms"] == "spearman"


def test_multiple_testing_explorer_switches_method(random_providers):
    explorer = widgets.multiple_testing_explorer(random_providers, method="none")
    unadjusted = explorer.table["p_adjusted"].copy()
    explorer.method.value = "bonferroni"
    assert (explorer.table["p_adjusted"] >= unadjusted).all()
    assert (explorer.table["reported_significant"]).all()
    assert repr(explorer) == "MultipleTestingExplorer(method='bonferroni', tests=79)"


def test_nonresponse_explorer_follows_the_slider(random_providers):
    explorer = widgets.nonresponse_explorer(random_providers, strength=0.0)
    unbiased = explorer.table["mean bias"].iloc[0]
    explorer.strength.value = 1.5
    assert explorer.table["mean bias"].iloc[0] > unbiased + 0.1
    assert repr(explorer) == "NonresponseExplorer(column='helpfulness_ms', strength=1.5)"


def test_anova_explorer_fits_one_anova_per_change(random_providers, monkeypatch):
    from mutsup_helpers.stats import anova, descriptives

    fits = []

    def counted(*args, **kwargs):
        fits.append(args[1])
        return mixed_anova(*args, **kwargs)

    # every module the explorer reaches mixed_anova through
    for module in (widgets, descriptives, anova):
        monkeypatch.setattr(module, "mixed_anova", counted)
    explorer = widgets.anova_explorer(random_providers)
    explorer.item.value = "referral"
    explorer.ss_type.value = 2  # the table only: the picture is kept
    assert fits == ["familiarity", "referral", "referral"]


def test_anova_explorer_on_class_data_shows_the_changed_design_without_a_stray_warning(recwarn):
    from pathlib import Path

    from mutsup_helpers.data.load import load_providers

    data = load_providers(Path(__file__).parent / "class_data" / "n12.csv")
    explorer = widgets.anova_explorer(data)
    text = "".join(o.get("text", "") for o in explorer.output.outputs)
    assert "setting is left out of the ANOVA" in text and "N = 11 of 12 (1 excluded)" in text
    assert set(explorer.table["effect"]) == {"training", "group_type", "group_type:training"}
    assert not [w for w in recwarn if "left out" in str(w.message)]  # said in the explorer, not in a log


def test_the_explorers_show_readable_results_not_internal_fields(random_providers):
    from mutsup_helpers.data.load import load_providers
    from mutsup_helpers.views.display import correlation_view, group_comparison_view

    res = compare_groups(random_providers, "self_hospitalized", "familiarity")
    view = group_comparison_view(res).iloc[:, 0]
    assert view["Student's t"] == f"t({res['df']:.4g}) = {res['t']:.2f}"
    assert view["p (two-sided)"].startswith("p ") and "mean_no" not in view.index
    small = load_providers(Path(__file__).parent / "class_data" / "n12.csv")
    with pytest.warns(DesignFallbackWarning):
        one = compare_groups(small, "participates_mutual_support", "familiarity")
    assert group_comparison_view(one).iloc[:, 0]["Student's t"] == "not computable"
    r = correlate(random_providers, "years_in_setting", "value_ms", method="spearman")
    assert correlation_view(r).index[0] == "Spearman's rho [95% CI]"
    explorer = widgets.group_comparison_explorer(random_providers)
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in explorer.output.outputs)
    assert "No: n, mean (SD)" in shown


def _image(output):
    """(PNG bytes, alt text) of the figure an explorer shows."""
    shown = next(o for o in output.outputs if "image/png" in o.get("data", {}))
    return base64.b64decode(shown["data"]["image/png"]), shown["metadata"]["image/png"]["alt"]


def test_after_each_change_the_anova_explorer_shows_the_picture_and_alt_text_of_a_new_figure(random_providers):
    # the explorer draws its figure again in place (fast): what it shows must not depend on what it showed before
    explorer = widgets.anova_explorer(random_providers)
    for item in ["referral", "value", "familiarity"]:
        explorer.item.value = item
        fit = mixed_anova(random_providers, item, between=("training", "setting3"))
        expected = plots.plot_interaction(random_providers, item, x="setting3", fit=fit)
        assert _image(explorer.output) == (plots.to_png(expected), expected.alt), item


def test_after_each_change_the_correlation_explorer_shows_the_picture_and_alt_text_of_a_new_figure(random_providers):
    explorer = widgets.correlation_explorer(random_providers)
    for years, item, group_type in [("years_in_setting", "value", "ms"), ("years_in_discipline", "value", "ms"),
                                    ("years_in_discipline", "referral", "twelve_step")]:
        explorer.years.value, explorer.item.value, explorer.group_type.value = years, item, group_type
        expected = plots.plot_years_scatter(random_providers, years, item, group_type)
        assert _image(explorer.output) == (plots.to_png(expected), expected.alt), (years, item, group_type)
