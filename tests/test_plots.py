"""Figures show the numbers the analysis functions compute."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg

from mutsup_helpers.data.load import load_providers
from mutsup_helpers.paper.design import ITEMS
from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.stats.correlations import correlate
from mutsup_helpers.stats.descriptives import interaction_means
from mutsup_helpers.stats.fallbacks import DesignFallbackWarning
from mutsup_helpers.views import plots

CLASS_DATA = Path(__file__).parent / "class_data"


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


def test_importing_and_plotting_leave_the_users_matplotlib_settings_alone():
    # a fresh interpreter: in this one the package may already be imported
    code = (
        "import matplotlib as mpl; before = dict(mpl.rcParams)\n"
        "from mutsup_helpers.data.load import load_providers\n"
        "from mutsup_helpers.views import plots\n"
        "plots.to_png(plots.plot_figure(load_providers(), 1))\n"
        "changed = sorted(k for k, v in mpl.rcParams.items() if str(before[k]) != str(v))\n"
        "assert not changed, changed\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_figures_keep_the_series_style_when_drawn_outside_it():
    # ticks are made and counted when a figure is drawn, after the style is gone: a figure drawn
    # outside it must look like one drawn inside (Figure 4 of the shipped data got two extra ticks)
    def drawn(fig):
        FigureCanvasAgg(fig).draw()
        ax = fig.axes[0]
        tick = ax.yaxis.get_major_ticks()[-1]
        return list(ax.get_yticks()), tick.label1.get_fontsize(), tick.tick1line.get_markersize()

    data = load_providers()
    outside = drawn(plots.plot_figure(data, 4))
    with sns.axes_style("whitegrid"), sns.plotting_context("notebook"):
        inside = drawn(plots.plot_figure(data, 4))
    assert outside == inside


def _class(name):
    return load_providers(CLASS_DATA / f"{name}.csv")


def test_a_factor_small_data_leave_out_of_the_anova_is_still_drawn_and_the_title_says_so():
    data = _class("n12")  # too few respondents for setting in the ANOVA of familiarity
    with pytest.warns(DesignFallbackWarning, match="setting is left out") as said:
        fig = plots.plot_figure(data, 1)
    assert said[0].filename == __file__  # the warning names the caller's line, not the package's
    with pytest.warns(DesignFallbackWarning):
        means = interaction_means(data, "familiarity", "setting3", fit=mixed_anova(data, "familiarity"))
    assert "not of an ANOVA sample" in means.attrs["note"]
    ax = fig.axes[0]
    assert "design was changed" in ax.get_title()
    drawn = ax.containers[0].lines[0].get_ydata()
    np.testing.assert_allclose(drawn, means.loc[means.group_type == "ms", "mean"].to_numpy())
    low, high = ax.get_ylim()  # a CI of two respondents runs off the 1-5 scale: the axis keeps to the scale
    assert (low, high) == (0.75, 5.25) and means["ci_high"].max() > 5


def test_an_item_nobody_answered_gives_a_figure_that_says_so():
    with pytest.warns(DesignFallbackWarning, match="nobody answered interference"):
        fig = plots.plot_interaction(_class("n50_item_missing"), "interference")
    words = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "nothing to draw" in fig.axes[0].get_title() and "no means to show" in words.replace("\n", " ")
    assert not fig.axes[0].containers


def test_interaction_means_refuses_another_items_fit(random_providers):
    with pytest.raises(ValueError, match="ANOVA of 'value', not of 'referral'"):
        interaction_means(random_providers, "referral", fit=mixed_anova(random_providers, "value"))


def test_the_missingness_picture_has_a_column_per_respondent_who_skipped(random_providers):
    from mutsup_helpers.data.load import ITEM_COLUMNS

    fig = plots.plot_missingness(random_providers)
    image = fig.axes[0].get_images()[0].get_array()
    skipped = random_providers[list(ITEM_COLUMNS)].isna()
    assert image.shape == (len(ITEM_COLUMNS), int(skipped.any(axis=1).sum()))
    assert int(image.sum()) == int(skipped.to_numpy().sum())  # one black cell per missing answer
    counts = image.sum(axis=0)
    assert list(counts) == sorted(counts, reverse=True)  # most skips first


ALL_PLOTS = {
    "demographics": lambda d: plots.plot_demographics(d),
    "items": lambda d: plots.plot_item_distributions(d),
    "missingness": lambda d: plots.plot_missingness(d),
    "figure4": lambda d: plots.plot_figure(d, 4),
    "difference": lambda d: plots.plot_interaction(d, "referral", view="difference"),
    "scatter": lambda d: plots.plot_years_scatter(d, "years_in_setting", "familiarity"),
    "rebuilds": lambda d: plots.plot_rebuilds({"seed 1": d, "seed 2": d}, "value_ms"),
}


@pytest.mark.parametrize("name", sorted(ALL_PLOTS))
def test_every_figure_carries_alt_text_into_the_notebook_output(random_providers, name):
    fig = ALL_PLOTS[name](random_providers)
    data, metadata = fig._repr_mimebundle_()
    assert len(fig.alt) > 40 and data["text/plain"] == fig.alt
    assert metadata == {"image/png": {"alt": fig.alt}}
    assert data["image/png"].startswith("iVBOR")  # base64 of a PNG


def test_the_alt_text_gives_the_numbers_the_figure_shows(random_providers):
    from mutsup_helpers.stats.descriptives import interaction_means

    fig = plots.plot_interaction(random_providers, "value", x="setting3")
    means = interaction_means(random_providers, "value", "setting3")
    for row in means[means["group_type"] != "difference"].itertuples():
        assert f"{row.mean:.2f} [{row.ci_low:.2f}, {row.ci_high:.2f}]" in fig.alt


def test_a_figure_without_alt_text_is_a_bug():
    @plots._styled
    def undescribed():
        return plots._figure()[0]

    with pytest.raises(AssertionError, match="without alt text"):
        undescribed()


def test_the_html_handout_writes_the_alt_text(random_providers):
    import nbformat
    from bs4 import BeautifulSoup

    fig = plots.plot_figure(random_providers, 1)
    data, metadata = fig._repr_mimebundle_()
    output = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("figure", outputs=[output])])
    page, _ = plots.handout_exporter().from_notebook_node(nb)
    assert [img["alt"] for img in BeautifulSoup(page, "html.parser").find_all("img")] == [fig.alt]


def test_group_types_differ_in_marker_and_line_style_not_only_in_colour(random_providers):
    fig = plots.plot_interaction(random_providers, "referral")
    lines = [line for line in fig.axes[0].get_lines() if line.get_marker() in ("o", "s", "D")]  # not the caps
    styles = {(line.get_marker(), line.get_linestyle()) for line in lines}
    assert len(styles) == 2


def test_each_level_shows_its_n_so_a_mean_of_two_looks_it():
    from mutsup_helpers.data.load import load_providers
    from mutsup_helpers.stats.descriptives import interaction_means

    data = load_providers(Path(__file__).parent / "class_data" / "n12.csv")
    with pytest.warns(DesignFallbackWarning):
        fig = plots.plot_interaction(data, "referral")
    with pytest.warns(DesignFallbackWarning):
        means = interaction_means(data, "referral", "setting3")
    ns = means[means["group_type"] == "ms"]["n"].astype(int).tolist()
    assert [t.get_text().split("(n = ")[1].rstrip(")") for t in fig.axes[0].get_xticklabels()] == [str(n) for n in ns]


def _choices(data):
    """Items, factors and views in an order that redraws in place and changes layout in turn."""
    for between, x in [(("training", "setting3"), "setting3"), (("training",), "training")]:
        for view in ("both", "difference"):
            for item in ITEMS:
                yield item, x, view, between, mixed_anova(data, item, between=between)


# on n12 a factor is left out of the ANOVA: said in the figure's title, not the subject here
@pytest.mark.filterwarnings("ignore::mutsup_helpers.stats.fallbacks.DesignFallbackWarning")
@pytest.mark.parametrize("source", ["random", "n12"])
def test_an_interaction_figure_drawn_again_in_place_looks_like_a_new_one(random_providers, source):
    # the explorers draw their figure again for each choice (fast); a student must see the picture and
    # read the alt text a new figure would give, whatever was drawn before (n12: scales clipped, then not)
    data = random_providers if source == "random" else load_providers(CLASS_DATA / "n12.csv")
    figure, reused = None, 0
    for item, x, view, between, fit in _choices(data):
        new = plots.plot_interaction(data, item, x=x, view=view, between=between, fit=fit)
        again = plots.plot_interaction(data, item, x=x, view=view, between=between, fit=fit, redraw=figure)
        reused += again is figure
        figure = again
        assert again.alt == new.alt, (item, x, view)
        assert plots.to_png(again) == plots.to_png(new), (item, x, view)
        assert [c.get_label() for c in again.axes[0].containers] == [c.get_label() for c in new.axes[0].containers]
    # drawn in place whenever the layout stayed: every later item of each layout on the random data; on
    # n12 the design (and so the levels drawn) changes with the item, so fewer
    assert reused >= (4 * (len(ITEMS) - 1) if source == "random" else 1)


def test_a_scatter_drawn_again_in_place_looks_like_a_new_one(random_providers):
    figure = None
    for group_type in ("ms", "twelve_step"):
        for years in ("years_in_setting", "years_in_discipline"):
            for item in ITEMS:
                new = plots.plot_years_scatter(random_providers, years, item, group_type)
                again = plots.plot_years_scatter(random_providers, years, item, group_type, redraw=figure)
                assert figure is None or again is figure
                figure = again
                assert again.alt == new.alt and plots.to_png(again) == plots.to_png(new), (years, item)
                assert len(again.axes[0].collections) == 1 and len(again.axes[0].lines) == 1  # no leftovers



def test_a_years_scatter_without_a_single_pair_draws_and_redraws_with_its_alt_text():
    # A class file where nobody answered the item: no points and no line, but a figure that says so.
    data = load_providers(Path(__file__).parent / "class_data" / "n50_item_missing.csv")
    with pytest.warns(DesignFallbackWarning):
        fig = plots.plot_years_scatter(data, "years_in_setting", "interference", "ms")
        again = plots.plot_years_scatter(data, "years_in_setting", "interference", "ms", redraw=fig)
    assert again is fig and "no correlation computable from N = 0 pairs" in fig.alt and "nan" not in fig.alt
