"""Figures show the numbers the analysis functions compute."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from mutsup_helpers.paper.design import ITEMS
from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.stats.correlations import correlate
from mutsup_helpers.stats.descriptives import interaction_means
from mutsup_helpers.views import plots


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


def _drawn(fig):
    """Draw ``fig`` and return its renderer (the figures are not registered with pyplot: give them a canvas)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


@pytest.mark.parametrize(
    "draw",
    [
        lambda d: plots.plot_demographics(d),
        lambda d: plots.plot_item_distributions(d),
        lambda d: plots.plot_item_distributions(d, "interference"),
        lambda d: plots.plot_missingness(d),
        lambda d: plots.plot_figure(d, 1),
        lambda d: plots.plot_interaction(d, "interference", x="training", view="difference"),
        *[lambda d, item=item: plots.plot_interaction(d, item, x="setting3") for item in ITEMS],
        lambda d: plots.plot_years_scatter(d, "years_in_discipline", "helpfulness", "twelve_step"),
        lambda d: plots.plot_rebuilds({"seed 1": d, "seed 2": d}, "value_ms"),
    ],
    ids=["demographics", "items", "one_item", "missingness", "figure1", "difference",
         *[f"interaction_{item}" for item in ITEMS], "scatter", "rebuilds"],
)
def test_fixed_layouts_keep_every_label_inside_the_figure_and_off_other_panels(random_providers, draw):
    fig = draw(random_providers)
    renderer = _drawn(fig)
    page = fig.bbox.padded(1)  # one pixel of antialiasing

    def inside(box):
        return page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1

    for k, ax in enumerate(fig.axes):
        assert inside(ax.get_tightbbox(renderer)), f"panel {k} ({ax.get_title()!r}) spills out of the figure"
        labels = [ax.xaxis.get_tightbbox(renderer), ax.yaxis.get_tightbbox(renderer)]
        for other in fig.axes:
            if other is not ax:
                assert not any(box.overlaps(other.bbox) for box in labels if box), f"panel {k}'s labels hit another"
    for legend in fig.legends:
        box = legend.get_window_extent(renderer)
        assert inside(box), "the legend spills out of the figure"
        assert not any(box.overlaps(ax.get_tightbbox(renderer)) for ax in fig.axes), "the legend covers a panel"


@pytest.mark.parametrize("between", [("setting3",), ("training",), ("training", "setting3")])
def test_interaction_plot_counts_the_anova_sample_of_its_factors(random_providers, between):
    fig = plots.plot_interaction(random_providers, "helpfulness", x=between[-1], between=between)
    n = mixed_anova(random_providers, "helpfulness", between=between).n
    assert f"(N = {n}, 95% CI)" in fig.axes[0].get_title()
