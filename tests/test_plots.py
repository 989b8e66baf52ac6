"""Figures show the numbers the analysis functions compute."""

from __future__ import annotations

import numpy as np
import pytest

from mutsup_helpers import plots
from mutsup_helpers.correlations import correlate
from mutsup_helpers.descriptives import interaction_means


@pytest.mark.parametrize("view", ["both", "ms", "twelve_step", "difference"])
def test_interaction_plot_draws_the_interaction_means(random_providers, view):
    fig = plots.plot_interaction(random_providers, "referral", x="setting3", view=view)
    means = interaction_means(random_providers, "referral", "setting3")
    groups = ["ms", "twelve_step"] if view == "both" else [view]
    containers = fig.axes[0].containers  # one errorbar container per line drawn
    assert [c.get_label() for c in containers] == [plots.GROUP_LABELS[g] for g in groups]
    for container, group in zip(containers, groups, strict=True):
        expected = means.loc[means.group_type == group, "mean"].to_numpy()
        np.testing.assert_allclose(container.lines[0].get_ydata(), expected)


def test_bad_view_is_refused(random_providers):
    with pytest.raises(ValueError, match="view must be one of"):
        plots.plot_interaction(random_providers, "value", view="lines")


def test_paper_figures_use_the_papers_item_and_factor(random_providers):
    fig = plots.plot_figure(random_providers, 2)
    title = fig.axes[0].get_title()
    assert title.startswith("Figure 2 redrawn.") and "Helpfulness by training" in title


def test_scatter_title_reports_the_correlation(random_providers):
    fig = plots.plot_years_scatter(random_providers, "years_in_setting", "value", "ms")
    res = correlate(random_providers, "years_in_setting", "value_ms")
    assert fig.axes[0].get_title().startswith(f"r = {res['r']:.3f}")


def test_overview_plots_render_to_png(random_providers):
    for fig in (
        plots.plot_item_distributions(random_providers),
        plots.plot_demographics(random_providers),
        plots.plot_missingness(random_providers),
    ):
        assert plots.to_png(fig).startswith(b"\x89PNG")
