"""Figures: the paper's Figures 1-4 redrawn, and the plots a reader would rather see than read.

Views only: every plotted number comes from an analysis function
(:mod:`~mutsup_helpers.stats.descriptives`, :mod:`~mutsup_helpers.stats.correlations`,
:mod:`~mutsup_helpers.data.tables`), so tests check those, and a figure shows them.
Each function returns a :class:`matplotlib.figure.Figure` that is not registered
with pyplot: it displays once when it is a cell's last expression and is never
left open.

Used in: 02-09 (see each function).
"""

from __future__ import annotations

import functools
import io
import textwrap
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..compare.rebuilds import answer_counts
from ..data.tables import missingness, sample_table
from ..paper.design import GROUP_TYPES, ITEMS, PAPER_BETWEEN, SPLIT_LABELS
from ..paper.published import load_published
from ..stats.anova import MixedAnovaResult
from ..stats.correlations import correlate
from ..stats.descriptives import interaction_means, item_distribution
from ..worlds.provenance import spread_of

__all__ = [
    "interaction_values",
    "message_figure",
    "plot_ensemble",
    "FACTOR_LABELS",
    "GROUP_LABELS",
    "DescribedFigure",
    "LEVEL_LABELS",
    "VIEWS",
    "plot_demographics",
    "plot_figure",
    "plot_interaction",
    "plot_item_distributions",
    "plot_missingness",
    "plot_rebuilds",
    "plot_replication",
    "plot_years_scatter",
    "to_png",
]

GROUP_LABELS = {"ms": "Psychiatric mutual support", "twelve_step": "12-step", "difference": "12-step minus psychiatric"}
FACTOR_LABELS = {"setting3": "Setting", "training": "Training", "group_type": "Group type"}
LEVEL_LABELS = {
    "treatment": "Treatment",
    "rehabilitation": "Rehabilitation",
    "case_management": "Case management",
    "advanced": "Advanced",
    "mental_health_worker": "Mental health worker",
}
#: The nbconvert template of the HTML handouts (see :func:`handout_exporter`).
TEMPLATES = Path(__file__).resolve().parent / "templates"
_VARIABLE_TITLES = {"race_ethnicity": "race/ethnicity", **SPLIT_LABELS}
_PALETTE = {"ms": "#1b7837", "twelve_step": "#762a83", "difference": "#404040"}
#: Group type is told apart by marker and line style too, so the figures read in greyscale and
#: without colour vision.
_MARKERS = {"ms": "o", "twelve_step": "s", "difference": "D"}
_LINESTYLES = {"ms": "-", "twelve_step": "--", "difference": "-"}
VIEWS = ("both", "ms", "twelve_step", "difference")



class DescribedFigure(Figure):
    """A matplotlib figure that carries its alt text (``alt``): a sentence or two saying what it shows.

    In a notebook it is shown as a PNG whose output metadata holds the alt text, which nbconvert
    writes as the ``<img>`` element's ``alt`` (the HTML handouts, Voilà); the same text is the
    output's plain-text form, so a text-only reader of the notebook gets the description too.
    """

    alt: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._layout = None  # what a plotting function drew, for drawing it again in place (_reuse)
        self._data_artists = []

    def _repr_mimebundle_(self, include=None, exclude=None):
        import base64

        png = base64.b64encode(to_png(self)).decode("ascii")
        return {"image/png": png, "text/plain": self.alt}, {"image/png": {"alt": self.alt}}


def _styled(plot):
    """Draw ``plot``'s figure in the series' seaborn style without touching the user's matplotlib settings.

    ``sns.set_theme`` at import would restyle every figure a student draws after importing the package.
    """

    @functools.wraps(plot)
    def draw(*args, **kwargs):
        with mpl.rc_context(), sns.axes_style("whitegrid"), sns.plotting_context("notebook"):
            fig = plot(*args, **kwargs)
            for ax in fig.axes:
                if not getattr(ax, "_ticks_frozen", False):  # a figure drawn again in place has them already
                    _freeze_ticks(ax)
                    ax._ticks_frozen = True
            if not getattr(fig, "alt", ""):
                raise AssertionError(f"{plot.__name__} drew a figure without alt text")
            return fig

    return draw


def _freeze_ticks(ax) -> None:
    """Keep the style's tick settings on the axes: ticks are remade when the figure is drawn, outside the style."""
    rc = mpl.rcParams
    grid = {"grid_color": rc["grid.color"], "grid_linewidth": rc["grid.linewidth"],
            "grid_linestyle": rc["grid.linestyle"], "grid_alpha": rc["grid.alpha"]}
    for axis in ("x", "y"):
        for which in ("major", "minor"):
            ax.tick_params(axis=axis, which=which, size=rc[f"{axis}tick.{which}.size"],
                           width=rc[f"{axis}tick.{which}.width"], pad=rc[f"{axis}tick.{which}.pad"],
                           labelsize=rc[f"{axis}tick.labelsize"], color=rc[f"{axis}tick.color"], **grid)


def _figure(width: float = 6.4, height: float = 4.2, ncols: int = 1, nrows: int = 1, *, left: float = 0.9,
            right: float = 0.25, top: float = 0.4, bottom: float = 0.6, wspace: float = 0.4, hspace: float = 0.6):
    """A figure whose margins and gaps are fixed, in inches (tests check that nothing spills out).

    A fixed layout, not a layout engine: constrained layout measures every label at each draw,
    which was a quarter to a third of the time a figure took to reach a notebook or a widget.
    """
    fig = DescribedFigure(figsize=(width, height))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    cell_width = (width - left - right - (ncols - 1) * wspace) / ncols
    cell_height = (height - top - bottom - (nrows - 1) * hspace) / nrows
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        wspace=wspace / cell_width,
        hspace=hspace / cell_height,
    )
    return fig, axes


def _title(ax, text: str) -> None:
    # An explicit height: left to itself, matplotlib moves each title clear of every panel's tick
    # labels at each draw: up to a third of the time a five-panel figure took to render.
    ax.set_title(text, y=1.0)


def _legend_below(fig: Figure, handles, labels) -> None:
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=len(labels), frameon=False)


def _bars(ax, labels, values, color, horizontal=False, offset=0.0, width=0.8, label=None, hatch=None) -> None:
    """Plain bars at 0..n-1 (seaborn's barplot computes estimates we do not need: counts are counted).

    ``hatch`` tells a series apart without colour (``"//"``), with a white edge to keep it legible.
    """
    positions = np.arange(len(labels)) + offset
    style = {"hatch": hatch, "edgecolor": "white", "linewidth": 0} if hatch else {}
    if horizontal:
        ax.barh(positions, values, height=width, color=color, label=label, **style)
        ax.set_yticks(np.arange(len(labels)), labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)  # first level on top, as in a table
        ax.grid(axis="y", visible=False)
    else:
        ax.bar(positions, values, width=width, color=color, label=label, **style)
        ax.set_xticks(np.arange(len(labels)), labels)
        ax.set_xlim(-0.5, len(labels) - 0.5)
        ax.grid(axis="x", visible=False)


def _ranges(ax, positions, samples, horizontal: bool = False) -> None:
    """A thin black line at each bar across the 5-95 % range of ``samples`` (one list of values per bar)."""
    for position, values in zip(positions, samples, strict=True):
        _, low, high, _, _ = spread_of(values)
        if np.isfinite(low):
            line = ax.hlines if horizontal else ax.vlines
            line(position, low, high, color="black", lw=1.2, zorder=3)


def _anchors(item: str) -> dict[int, str]:
    return load_published().scales[item]


@_styled
def plot_interaction(
    data: pd.DataFrame,
    item: str,
    x: str = "setting3",
    view: str = "both",
    between: str | tuple[str, ...] = PAPER_BETWEEN,
    fit: MixedAnovaResult | None = None,
    redraw: Figure | None = None,
    behind: list[pd.Series] | None = None,
) -> Figure:
    """Means of one item by a between factor and group type, with 95% CIs.

    The means are those of the item's ANOVA sample with the factors ``between``
    (listwise complete cases, so the N in the title is the ANOVA's);
    ``view`` picks both group types, one, or the difference score
    (12-step minus psychiatric), whose pattern across ``x`` is the interaction.
    ``fit``: that ANOVA, when the caller has it (see
    :func:`~mutsup_helpers.stats.descriptives.interaction_means`, which also says what
    the means describe when small data change the design: the title then says so).
    ``redraw``: a figure this function drew before (the ANOVA explorer's); when it has the same
    layout (factor, levels, group types shown) it is drawn again in place and returned, looking
    exactly as a new figure would (see :func:`_reuse`).
    ``behind``: the same means in other data sets (the worlds, :func:`interaction_values`), drawn
    as faint lines behind these, so a reader sees how much the rebuild chose.

    Used in: 04_h1_group_type, 05_h2_setting, 06_h3_training, the ANOVA explorer.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    means = interaction_means(data, item, x, between=between, fit=fit)
    if means.empty:
        return message_figure(f"{item.capitalize()} by {FACTOR_LABELS.get(x, x).lower()}: nothing to draw",
                               means.attrs["note"])
    shown = ["difference"] if view == "difference" else list(GROUP_TYPES) if view == "both" else [view]
    levels = list(means[x].cat.categories)
    fig = _reuse(redraw, (x, tuple(levels), tuple(shown)))
    new = fig is None
    if new:
        fig, axes = _figure(height=4.45, left=1.05, right=0.45, top=0.65, bottom=1.3)
        fig._layout = (x, tuple(levels), tuple(shown))
    ax = fig.axes[0]
    offsets = np.linspace(-0.1, 0.1, len(shown)) if len(shown) > 1 else [0.0]  # error bars side by side
    by_group = {group: means[means["group_type"] == group].set_index(x).loc[levels] for group in shown}
    for other in behind or ():
        for offset, group in zip(offsets, shown, strict=True):
            line = other.get(group)
            if line is not None:
                ys = line.reindex(levels).to_numpy(dtype=float)
                fig._data_artists.extend(ax.plot(np.arange(len(levels)) + offset, ys, ls=_LINESTYLES[group], lw=0.8,
                                                 color=_PALETTE[group], alpha=0.18, zorder=1))
    for offset, group in zip(offsets, shown, strict=True):
        rows = by_group[group]
        mean, low, high = (rows[c].to_numpy(dtype=float) for c in ("mean", "ci_low", "ci_high"))
        xs = np.arange(len(levels)) + offset
        err = np.vstack([mean - low, high - mean])
        fig._data_artists.append(ax.errorbar(xs, mean, yerr=err, marker=_MARKERS[group], ls=_LINESTYLES[group],
                                             capsize=4, lw=2, color=_PALETTE[group], label=GROUP_LABELS[group]))
    # each level's n under its name: on a class's small data a mean of two respondents must look it
    per_level = by_group[shown[0]]["n"]
    ax.set_xticks(range(len(levels)), [f"{LEVEL_LABELS.get(lev, lev)}\n(n = {int(per_level[lev])})" for lev in levels])
    ax.set_xlim(-0.5, len(levels) - 0.5)  # each level's label gets its share of the width
    ax.grid(axis="x", visible=False)  # the two lines are offset sideways; vertical grid lines would miss them
    ax.set_xlabel(FACTOR_LABELS.get(x, x))
    n = int(per_level.sum())
    _keep_on_scale(ax, means.loc[means["group_type"].isin(shown)], difference=view == "difference")
    if view == "difference":
        fig._data_artists.append(ax.axhline(0, color="#999999", lw=1, ls="--"))
        ax.set_ylabel(f"{item.capitalize()}: 12-step\nminus psychiatric")
    else:
        anchors = _anchors(item)
        ax.set_ylabel(f"Mean {item}\n(1 = {anchors[1]}, 5 = {anchors[5]})")
    changed = "; the design was changed to fit these data" if means.attrs["note"] else ""
    _title(ax, f"{item.capitalize()} by {FACTOR_LABELS.get(x, x).lower()} and group type\n(N = {n}, 95% CI{changed})")
    if new:  # the same group types, so the same legend, on a figure drawn again
        _legend_below(fig, *ax.get_legend_handles_labels())
    lines = "; ".join(
        f"{GROUP_LABELS[group]}: " + ", ".join(
            f"{LEVEL_LABELS.get(lev, lev)} {mean:.2f} [{low:.2f}, {high:.2f}], n = {int(count)}"
            for lev, mean, low, high, count in zip(levels, *(rows[c] for c in ("mean", "ci_low", "ci_high", "n")),
                                                   strict=True))
        for group, rows in by_group.items())
    what = "12-step minus psychiatric difference" if view == "difference" else f"mean {item} (1-5)"
    fig.alt = (f"Line chart of {what} by {FACTOR_LABELS.get(x, x).lower()}, N = {n}, with 95% confidence "
               f"intervals{changed}. Means [CI]: {lines}.")
    return fig


def interaction_values(data: pd.DataFrame, item: str, x: str = "setting3", view: str = "both",
                       between: str | tuple[str, ...] = PAPER_BETWEEN, **_) -> pd.Series:
    """The means :func:`plot_interaction` draws, labelled (group type, level): what its provenance is of."""
    means = interaction_means(data, item, x, between=between)
    shown = ["difference"] if view == "difference" else list(GROUP_TYPES) if view == "both" else [view]
    if means.empty:
        return pd.Series(dtype=float)
    means = means[means["group_type"].isin(shown)]
    return pd.Series(means["mean"].to_numpy(dtype=float),
                     index=pd.MultiIndex.from_arrays([means["group_type"].astype(str), means[x].astype(str)]))


plot_interaction.values = interaction_values


def _reuse(figure: Figure | None, layout: tuple) -> Figure | None:
    """``figure`` emptied of its data, ready to be drawn again, if it was drawn with ``layout``; else None.

    Why: an explorer's redraw was mostly building a new figure (axes, ticks, text objects) and
    laying out and rasterising text that did not change. Drawn again in place, the figure keeps its
    axes, ticks, legend and text objects (and matplotlib's cache of their rendered sizes); only the
    data artists are removed and drawn anew, by the same calls a new figure makes and in the same
    order, so the picture is the one a new figure would give (``tests/test_plots.py`` compares the
    pixels). The texts that change (labels, title) are set again by the caller.
    """
    if figure is None or getattr(figure, "_layout", None) != layout:
        return None
    ax = figure.axes[0]
    for artist in figure._data_artists:
        artist.remove()
    figure._data_artists.clear()
    ax.relim()  # forget the old data's extent (the new artists add theirs, as on a new figure)
    ax.set_autoscaley_on(True)  # undo a clipped scale (_keep_on_scale) of the previous data
    return figure


def _keep_on_scale(ax, means: pd.DataFrame, difference: bool) -> None:
    """Clip the y axis to the answer scale when a CI runs past it (a level of two or three respondents).

    Answers are 1-5 (differences -4 to 4): a CI beyond that says only that the level has too few
    respondents to tell, and left alone it would flatten every other mean into a line.
    """
    low, high = (-4.0, 4.0) if difference else (1.0, 5.0)
    if means["ci_low"].min() < low or means["ci_high"].max() > high:
        ax.set_ylim(low - 0.25, high + 0.25)


def message_figure(title: str, text: str) -> Figure:
    """A figure that says, in words, why there is nothing to plot (small class data)."""
    fig, axes = _figure(height=2.4, left=0.3, right=0.3, top=0.5, bottom=0.3)
    ax = axes[0, 0]
    ax.set_axis_off()
    _title(ax, title)
    ax.text(0.0, 0.5, textwrap.fill(text, 80), transform=ax.transAxes, va="center", ha="left", fontsize=9)
    fig.alt = f"No chart: {title}. {text}"
    return fig


@_styled
def plot_figure(data: pd.DataFrame, number: int, behind: list[pd.Series] | None = None) -> Figure:
    """The paper's Figure 1, 2, 3 or 4 redrawn from ``data``, with 95% CIs the paper lacked.

    ``behind``: as for :func:`plot_interaction`. Used in: 05_h2_setting (Figures 1, 3, 4), 06_h3_training (Figure 2).
    """
    spec = load_published().figures.set_index("figure").loc[number]
    fig = plot_interaction(data, spec["item"], x=spec["x"], behind=behind)
    ax = fig.axes[0]
    _title(ax, f"Figure {number} redrawn. {ax.get_title()}")
    fig.alt = f"The paper's Figure {number} redrawn from these data. {fig.alt}"
    return fig


def _figure_values(data: pd.DataFrame, number: int, **_) -> pd.Series:
    spec = load_published().figures.set_index("figure").loc[number]
    return interaction_values(data, spec["item"], x=spec["x"])


plot_figure.values = _figure_values


@_styled
def plot_item_distributions(data: pd.DataFrame, item: str | None = None,
                            behind: list[pd.Series] | None = None) -> Figure:
    """Answer counts 1-5 by group type, for one item or all five.

    ``behind``: the same counts in other data sets (the worlds): a thin black line on each bar spans
    their 5-95 % range, so a reader sees how far the rebuild chose each count. Used in: 03_measures.
    """
    items = [item] if item else list(ITEMS)
    dist = item_distribution(data, items)
    fig, axes = _figure(width=max(3.0 * len(items), 4.5), height=3.4, ncols=len(items), left=0.65, right=0.1, top=0.35,
                        bottom=1.05, wspace=0.45)
    for ax, name in zip(axes[0], items, strict=True):
        for offset, group in zip((-0.2, 0.2), GROUP_TYPES, strict=True):
            part = dist[(dist["item"] == name) & (dist["group_type"] == group)]
            _bars(ax, part["answer"], part["count"], _PALETTE[group], offset=offset, width=0.4,
                  label=GROUP_LABELS[group], hatch="//" if group == "twelve_step" else None)
            if behind:
                _ranges(ax, np.arange(len(part)) + offset,
                        [[other.get((f"{name} {group}", str(int(a))), np.nan) for other in behind]
                         for a in part["answer"]])
        _title(ax, name.capitalize())
        ax.set_xlabel(f"1 = {_anchors(name)[1]}\n5 = {_anchors(name)[5]}", fontsize=8)
    axes[0, 0].set_ylabel("count")
    _legend_below(fig, *axes[0, 0].get_legend_handles_labels())
    fig.alt = "Bar charts of how many respondents gave each answer from 1 to 5, by group type. " + " ".join(
        f"{name.capitalize()}, " + "; ".join(
            f"{GROUP_LABELS[g].lower()}: " + ", ".join(
                f"{int(r.answer)}: {int(r.count)}"
                for r in dist[(dist["item"] == name) & (dist["group_type"] == g)].itertuples())
            for g in GROUP_TYPES) + "." for name in items)
    return fig


def _distribution_values(data: pd.DataFrame, item: str | None = None, **_) -> pd.Series:
    dist = item_distribution(data, [item] if item else list(ITEMS))
    return pd.Series(dist["count"].to_numpy(dtype=float), index=pd.MultiIndex.from_arrays(
        [dist["item"].astype(str) + " " + dist["group_type"].astype(str), dist["answer"].astype(int).astype(str)]))


plot_item_distributions.values = _distribution_values
plot_item_distributions.behind_note = "black lines: the 5-95% range of each count in the other {n} rebuilds"


@_styled
def plot_demographics(data: pd.DataFrame) -> Figure:
    """Table 1 as bar charts (counts), one panel per variable.

    Used in: 02_sample_and_procedure.
    """
    table = sample_table(data)
    variables = list(dict.fromkeys(table["variable"]))
    fig, axes = _figure(width=13.5, height=8, ncols=4, nrows=2, left=2.5, right=0.3, top=0.35, bottom=0.6,
                        wspace=1.85, hspace=0.85)
    for ax, variable in zip(axes.flat, variables, strict=True):
        part = table[table["variable"] == variable]
        _bars(ax, part["level"], part["n"], "#4c72b0", horizontal=True)
        _title(ax, _VARIABLE_TITLES.get(variable, variable.replace("_", " ")))
        ax.set_xlabel("respondents")
    fig.alt = "Bar charts of Table 1, respondents per category. " + " ".join(
        f"{_VARIABLE_TITLES.get(v, v.replace('_', ' ')).capitalize()}: "
        + ", ".join(f"{r.level} {int(r.n)}" for r in table[table["variable"] == v].itertuples()) + "."
        for v in variables)
    return fig


def _demographics_values(data: pd.DataFrame, **_) -> pd.Series:
    table = sample_table(data)
    return pd.Series(table["n"].to_numpy(dtype=float),
                     index=pd.MultiIndex.from_arrays([table["variable"].astype(str), table["level"].astype(str)]))


plot_demographics.values = _demographics_values


@_styled
def plot_years_scatter(data: pd.DataFrame, years: str, item: str, group_type: str = "ms",
                       redraw: Figure | None = None) -> Figure:
    """An item against years of experience, with the least-squares line and r, N, p.

    Answers are integers, so points are drawn with the count at each spot as size.
    ``redraw``: a figure this function drew before (the correlation explorer's), drawn again in
    place and returned, looking exactly as a new one would (see :func:`_reuse`).

    Used in: 08_h5_years_of_experience, the correlation explorer.
    """
    column = f"{item}_{group_type}"
    res = correlate(data, years, column)
    pairs = data[[years, column]].dropna().astype(float)
    counts = pairs.value_counts().rename("count").reset_index()
    fig = _reuse(redraw, ("years_scatter",))
    if fig is None:
        fig, _ = _figure(left=0.9, bottom=0.65)
        fig._layout = ("years_scatter",)
    ax = fig.axes[0]
    fig._data_artists.append(ax.scatter(counts[years], counts[column], s=12 * counts["count"], alpha=0.45,
                                        color=_PALETTE[group_type], lw=0))
    drawn = len(ax.lines)
    sns.regplot(pairs, x=years, y=column, scatter=False, ci=None, ax=ax, line_kws={"color": "black", "lw": 2})
    fig._data_artists.extend(ax.lines[drawn:])  # the least-squares line regplot drew (none without pairs)
    ax.set_xlabel(years.replace("_", " "))
    ax.set_ylabel(f"{item} ({GROUP_LABELS[group_type]})")
    ax.set_yticks(range(1, 6))
    if np.isfinite(res["r"]):
        result = f"r = {res['r']:.3f}, N = {int(res['n'])}, p = {res['p']:.3f}"
        _title(ax, f"r = {res['r']:.3f}{res['stars']}, N = {int(res['n'])}, p = {res['p']:.3f}")
    else:  # too few pairs (a class's own data): say so instead of printing nan
        result = f"no correlation computable from N = {int(res['n'])} pairs"
        _title(ax, result)
    fig.alt = (f"Scatter plot of {item} ({GROUP_LABELS[group_type].lower()}, 1-5) against "
               f"{years.replace('_', ' ')}, point size the number of respondents, with the least-squares line: "
               f"{result}.")
    return fig


def _scatter_values(data: pd.DataFrame, years: str, item: str, group_type: str = "ms", **_) -> dict:
    res = correlate(data, years, f"{item}_{group_type}")
    return {"r": res["r"], "N": res["n"], "p": res["p"]}


plot_years_scatter.values = _scatter_values


@_styled
def plot_missingness(data: pd.DataFrame, behind: list[pd.Series] | None = None) -> Figure:
    """Item by respondent: which answers are missing, and how many per item.

    Left, one column per respondent who skipped at least one item (sorted by how many), one
    row per item column, black where the answer is missing: a column with several black
    cells is a person who skipped several items. Right, the count of missing answers per item
    column, in the same rows. Black and white, so it reads without colour. ``behind``: the same
    counts in other data sets (the worlds), drawn as a black line across their 5-95 % range on each
    bar. Used in: 03_measures.
    """
    table = missingness(data)
    columns = list(table["column"])
    labels = [f"{c.removesuffix('_twelve_step').removesuffix('_ms')} "
              f"({'12-step' if c.endswith('twelve_step') else 'psychiatric'})" for c in columns]
    missing = data[columns].isna().to_numpy()
    skippers = missing[missing.any(axis=1)]
    skippers = skippers[np.argsort(-skippers.sum(axis=1), kind="stable")]
    fig, axes = _figure(width=9.4, height=3.7, ncols=2, left=2.4, right=0.3, top=0.5, bottom=0.7, wspace=0.6)
    grid, bars = axes[0, 0], axes[0, 1]
    if len(skippers):
        grid.imshow(skippers.T, aspect="auto", cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
    grid.set_yticks(range(len(columns)), labels, fontsize=8)
    grid.set_xlabel(f"respondents who skipped an item ({len(skippers)} of {len(data)})")
    grid.grid(False)
    _title(grid, "black: answer missing")
    y = np.arange(len(columns))
    bars.barh(y, table["missing"], color="#999999")
    if behind:
        _ranges(bars, y, [[other.get(column, np.nan) for other in behind] for column in columns], horizontal=True)
    bars.set_ylim(len(columns) - 0.5, -0.5)
    bars.set_yticks(y, [""] * len(columns))
    bars.set_xlabel("missing answers")
    fig.alt = (f"Grid of missing answers, one row per item and one column per respondent who skipped any "
               f"({len(skippers)} of {len(data)}), beside bars of the missing answers per item: "
               + ", ".join(f"{label} {int(m)}" for label, m in zip(labels, table["missing"], strict=True)) + ".")
    return fig


def _missing_values(data: pd.DataFrame, **_) -> pd.Series:
    table = missingness(data)
    skipped = data[list(table["column"])].isna().any(axis=1).sum()
    return pd.concat([pd.Series({"respondents who skipped any": float(skipped)}),
                      pd.Series(table["missing"].to_numpy(dtype=float), index=table["column"].astype(str))])


plot_missingness.values = _missing_values
plot_missingness.behind_note = "black lines: the 5-95% range of each count in the other {n} rebuilds"


@_styled
def plot_rebuilds(frames: dict[str, pd.DataFrame], column: str) -> Figure:
    """Answer counts of one item column in several rebuilt data sets, side by side.

    Used in: 11_how_the_data_were_rebuilt.
    """
    counts = answer_counts(frames, column)
    answers = list(range(1, 6))
    fig, axes = _figure(width=7.5, left=0.8, bottom=0.65)
    ax = axes[0, 0]
    width = 0.8 / len(counts)
    colors = sns.color_palette("Set2", len(counts))
    for k, (label, row) in enumerate(counts.iterrows()):
        offset = (k - (len(counts) - 1) / 2) * width
        values = [row[f"answered {a}"] for a in answers]
        _bars(ax, answers, values, colors[k], offset=offset, width=width,
              label=f"{label}: mean {row['mean']:.2f}, SD {row['sd']:.2f}")
    ax.set_xlabel("answer")
    ax.set_ylabel("count")
    ax.legend(frameon=False, fontsize=9)
    _title(ax, f"{column}: same printed statistics, different answers")
    fig.alt = (f"Bar chart of the answers 1 to 5 to {column} in {len(counts)} rebuilt data sets. " + " ".join(
        f"{label}: " + ", ".join(f"{a}: {int(row[f'answered {a}'])}" for a in answers)
        + f" (mean {row['mean']:.2f}, SD {row['sd']:.2f})." for label, row in counts.iterrows()))
    return fig


@_styled
def plot_replication(table: pd.DataFrame) -> Figure:
    """The paper's and the class's partial eta squared per finding, with 90% CIs (a forest plot).

    Shapes, not colours, tell the estimates apart: the paper's is an open diamond on a dashed
    interval, the class's a filled circle on a solid one; a bar marks the effect the original
    design had 33% power to detect (the small-telescopes bound). The verdict is written at the
    right of each row. ``table`` is :func:`mutsup_helpers.compare.replication.replication_table`.
    """
    rows = table.reset_index(drop=True)
    height = 0.9 + 0.27 * len(rows)
    fig, axes = _figure(width=9.2, height=height, left=3.3, right=1.9, top=0.5, bottom=0.75)
    ax = axes[0, 0]
    y = np.arange(len(rows))[::-1]
    paper = rows["paper_eta2"].notna()
    ax.hlines(y[paper], rows.loc[paper, "paper_low"], rows.loc[paper, "paper_high"], color="#777777",
              linestyles="dashed", lw=1.2)
    ax.plot(rows.loc[paper, "paper_eta2"], y[paper] + 0.0, "D", mfc="white", mec="#333333", ms=6,
            label="paper (from its printed F and df)")
    done = rows["class_eta2"].notna()
    ax.hlines(y[done] - 0.22, rows.loc[done, "class_low"], rows.loc[done, "class_high"], color="black", lw=1.6)
    ax.plot(rows.loc[done, "class_eta2"], y[done] - 0.22, "o", color="black", ms=5, label="your data")
    ax.plot(rows["bound_eta2"], y, "|", color="#b2182b", ms=11, mew=2,
            label="effect the original had 33% power to detect")
    ax.set_yticks(y, rows["finding"], fontsize=8)
    nulls = rows["paper_result"].eq("not significant").to_numpy()
    if nulls.any() and not nulls.all():  # the paper's significant findings above, its nulls below
        ax.axhline(y[np.argmax(nulls)] + 0.5, color="#333333", lw=0.8)
        ax.annotate("reported not significant", (0.99, y[np.argmax(nulls)] + 0.35), xycoords=("axes fraction", "data"),
                    ha="right", va="top", fontsize=7, style="italic")
    right = float(np.nanmax(rows[["paper_high", "class_high", "bound_eta2"]].to_numpy(dtype=float)))
    # a square-root axis: the bounds and small effects near 0 stay apart from the large ones
    ax.set_xscale("function", functions=(np.sqrt, np.square))
    ax.set_xlim(0, max(0.05, right * 1.08))
    ax.set_xticks([t for t in (0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0) if t <= ax.get_xlim()[1]])
    ax.set_ylim(-0.8, len(rows) - 0.4)
    for yy, verdict in zip(y, rows["verdict"], strict=True):
        ax.annotate(verdict, (1.0, yy), xycoords=("axes fraction", "data"), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("partial eta squared, 90% CI (square-root axis)")
    _title(ax, "Did your data replicate the paper? One row per finding")
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=3, frameon=False, fontsize=8)
    counts = rows["verdict"].value_counts()
    fig.alt = (f"Forest plot of {len(rows)} findings of the paper: for each, the paper's partial eta squared "
               "(from its printed F and df) and the data's, with 90% intervals, and the effect the original study "
               "had 33% power to detect. Verdicts: " + ", ".join(f"{n} {v}" for v, n in counts.items()) + ". "
               + "; ".join(f"{r.finding}: {r.verdict}" for r in rows.itertuples()) + ".")
    return fig


@_styled
def plot_ensemble(table: pd.DataFrame, names: dict[str, str] | None = None) -> Figure:
    """Each column of ``table`` (one row per world, shipped first: :func:`~.provenance.across_worlds`) as a strip.

    One panel per quantity, each on its own scale: a dot per rebuild, the shipped data as a larger
    open diamond, and the 5-95 % range of the rebuilds as a bar. A quantity the printed numbers fix
    is a single point; one the rebuild chose is spread out. Black and grey only. ``names``: how
    each column is said in the figure (default: the column's name).

    Used in: 11_how_the_data_were_rebuilt.
    """
    names = names or {}
    columns = list(table.columns)
    fig, axes = _figure(width=7.6, height=1.25 * len(columns) + 0.85, nrows=len(columns), left=0.3, right=0.3,
                        top=0.75, bottom=0.35, hspace=0.75)
    rng = np.random.default_rng(0)  # vertical jitter only, so dots that coincide stay visible
    lines = []
    for ax, column in zip(axes[:, 0], columns, strict=True):
        values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        _, low, high, _, _ = spread_of(finite)
        ax.hlines(0, low, high, color="#bbbbbb", lw=7, zorder=1)
        ax.plot(values[1:], rng.uniform(-0.25, 0.25, len(values) - 1), "o", ms=4, color="#444444", alpha=0.7, zorder=2)
        ax.plot(values[:1], [0], "D", ms=9, color="black", mfc="white", mec="black", mew=1.5, zorder=3)
        ax.set_ylim(-0.6, 0.6)
        ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        span = high - low
        label = names.get(column, column)
        if len(finite) and span == 0:
            verdict = f"the same in all {len(finite)} rebuilds"
        else:
            verdict = f"5-95%: {low:.3g} to {high:.3g} across {len(finite)} rebuilds"
        if len(finite) and finite.max() == finite.min():
            pad = max(abs(finite[0]) * 0.01, 0.05)
            ax.set_xlim(finite[0] - pad, finite[0] + pad)
        _title(ax, f"{label}: {verdict}")
        lines.append(f"{label}: {verdict}, shipped data {values[0]:.3g}")
    handles = [mpl.lines.Line2D([], [], ls="", marker="o", color="#444444", label="one rebuild"),
               mpl.lines.Line2D([], [], ls="", marker="D", mfc="white", mec="black", label="the shipped data"),
               mpl.lines.Line2D([], [], color="#bbbbbb", lw=7, label="5-95% of the rebuilds")]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False, fontsize=8)
    fig.alt = (f"Strip plots, one per quantity the paper did not print, of its value in each of {len(table)} "
               f"rebuilds of the data: " + "; ".join(lines) + ".")
    return fig


def handout_exporter():
    """nbconvert's HTML exporter with the series' template: JupyterLab's page plus each figure's alt text."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="mutsup_handout", extra_template_basedirs=[str(TEMPLATES)])


def to_png(fig: Figure) -> bytes:
    """PNG bytes of a figure (for Output widgets and HTML handouts)."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        # a canvas of its own: savefig would otherwise make a new Agg canvas and renderer at each call,
        # and a figure drawn again in place (an explorer's) would lose matplotlib's cache of text sizes
        FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()
