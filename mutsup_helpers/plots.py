"""Figures: the paper's Figures 1-4 redrawn, and the plots a reader would rather see than read.

Views only: every plotted number comes from an analysis function
(:mod:`~mutsup_helpers.descriptives`, :mod:`~mutsup_helpers.correlations`,
:mod:`~mutsup_helpers.sample`), so tests check those, and a figure shows them.
Each function returns a :class:`matplotlib.figure.Figure` that is not registered
with pyplot: it displays once when it is a cell's last expression and is never
left open.

Used in: 02-09 (see each function).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from .correlations import correlate
from .descriptives import interaction_means, item_distribution
from .published import GROUP_TYPES, ITEMS, load_published
from .rebuilds import answer_counts
from .sample import missingness, sample_table

GROUP_LABELS = {"ms": "Psychiatric mutual support", "twelve_step": "12-step", "difference": "12-step minus psychiatric"}
FACTOR_LABELS = {"setting3": "Setting", "training": "Training", "group_type": "Group type"}
LEVEL_LABELS = {
    "treatment": "Treatment",
    "rehabilitation": "Rehabilitation",
    "case_management": "Case management",
    "advanced": "Advanced",
    "mental_health_worker": "Mental health worker",
}
_VARIABLE_TITLES = {
    "race_ethnicity": "race/ethnicity",
    "self_hospitalized": "ever treated (self)",
    "family_hospitalized": "family member treated",
    "participates_mutual_support": "in peer support",
}
_PALETTE = {"ms": "#1b7837", "twelve_step": "#762a83", "difference": "#404040"}
VIEWS = ("both", "ms", "twelve_step", "difference")

sns.set_theme(style="whitegrid", context="notebook")


def _figure(width: float = 6.4, height: float = 4.2, ncols: int = 1, nrows: int = 1):
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, axes


def _anchors(item: str) -> dict[int, str]:
    return load_published().scales[item]


def plot_interaction(data: pd.DataFrame, item: str, x: str = "setting3", view: str = "both") -> Figure:
    """Means of one item by a between factor and group type, with 95% CIs.

    The means are those of the item's ANOVA sample (listwise complete cases);
    ``view`` picks both group types, one, or the difference score
    (12-step minus psychiatric), whose pattern across ``x`` is the interaction.

    Used in: 04_h1_group_type, 05_h2_setting, 06_h3_training, the ANOVA explorer.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    means = interaction_means(data, item, x)
    shown = ["difference"] if view == "difference" else list(GROUP_TYPES) if view == "both" else [view]
    fig, axes = _figure()
    ax = axes[0, 0]
    levels = list(means[x].cat.categories)
    offsets = np.linspace(-0.06, 0.06, len(shown)) if len(shown) > 1 else [0.0]
    for offset, group in zip(offsets, shown, strict=True):
        rows = means[means["group_type"] == group].set_index(x).loc[levels]
        mean, low, high = (rows[c].to_numpy(dtype=float) for c in ("mean", "ci_low", "ci_high"))
        xs = np.arange(len(levels)) + offset
        err = np.vstack([mean - low, high - mean])
        ax.errorbar(xs, mean, yerr=err, marker="o", capsize=4, lw=2, color=_PALETTE[group], label=GROUP_LABELS[group])
    ax.set_xticks(range(len(levels)), [LEVEL_LABELS.get(lev, lev) for lev in levels])
    ax.grid(axis="x", visible=False)  # the two lines are offset sideways; vertical grid lines would miss them
    ax.set_xlabel(FACTOR_LABELS.get(x, x))
    n = int(means.loc[means["group_type"] == shown[0], "n"].sum())
    if view == "difference":
        ax.axhline(0, color="#999999", lw=1, ls="--")
        ax.set_ylabel(f"{item.capitalize()}: 12-step minus psychiatric")
    else:
        anchors = _anchors(item)
        ax.set_ylabel(f"Mean {item}\n(1 = {anchors[1]}, 5 = {anchors[5]})")
    ax.set_title(f"{item.capitalize()} by {FACTOR_LABELS.get(x, x).lower()} and group type\n(N = {n}, 95% CI)")
    fig.legend(loc="outside lower center", ncols=len(shown), frameon=False)
    return fig


def plot_figure(data: pd.DataFrame, number: int) -> Figure:
    """The paper's Figure 1, 2, 3 or 4 redrawn from ``data``, with 95% CIs the paper lacked.

    Used in: 05_h2_setting (Figures 1, 3, 4), 06_h3_training (Figure 2).
    """
    spec = load_published().figures.set_index("figure").loc[number]
    fig = plot_interaction(data, spec["item"], x=spec["x"])
    ax = fig.axes[0]
    ax.set_title(f"Figure {number} redrawn. {ax.get_title()}")
    return fig


def plot_item_distributions(data: pd.DataFrame, item: str | None = None) -> Figure:
    """Answer counts 1-5 by group type, for one item or all five.

    Used in: 03_measures.
    """
    items = [item] if item else list(ITEMS)
    dist = item_distribution(data, items)
    fig, axes = _figure(width=3.0 * len(items), height=3.4, ncols=len(items))
    for ax, name in zip(axes[0], items, strict=True):
        part = dist[dist["item"] == name]
        sns.barplot(
            part,
            x="answer",
            y="count",
            hue="group_type",
            hue_order=list(GROUP_TYPES),
            palette=_PALETTE,
            ax=ax,
            errorbar=None,
        )
        ax.set_title(name.capitalize())
        ax.set_xlabel(f"1 = {_anchors(name)[1]}\n5 = {_anchors(name)[5]}", fontsize=8)
        if ax is not axes[0, 0]:
            ax.set_ylabel("")
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
    handles, _ = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, [GROUP_LABELS[g] for g in GROUP_TYPES], loc="outside lower center", ncols=2, frameon=False)
    return fig


def plot_demographics(data: pd.DataFrame) -> Figure:
    """Table 1 as bar charts (counts), one panel per variable.

    Used in: 02_sample_and_procedure.
    """
    table = sample_table(data)
    variables = list(dict.fromkeys(table["variable"]))
    fig, axes = _figure(width=12, height=8, ncols=4, nrows=2)
    for ax, variable in zip(axes.flat, variables, strict=True):
        part = table[table["variable"] == variable]
        sns.barplot(part, y="level", x="n", ax=ax, color="#4c72b0", errorbar=None)
        ax.set_title(_VARIABLE_TITLES.get(variable, variable.replace("_", " ")))
        ax.set_ylabel("")
        ax.set_xlabel("respondents")
    return fig


def plot_years_scatter(data: pd.DataFrame, years: str, item: str, group_type: str = "ms") -> Figure:
    """An item against years of experience, with the least-squares line and r, N, p.

    Answers are integers, so points are drawn with the count at each spot as size.

    Used in: 08_h5_years_of_experience, the correlation explorer.
    """
    column = f"{item}_{group_type}"
    res = correlate(data, years, column)
    pairs = data[[years, column]].dropna().astype(float)
    counts = pairs.value_counts().rename("count").reset_index()
    fig, axes = _figure()
    ax = axes[0, 0]
    ax.scatter(counts[years], counts[column], s=12 * counts["count"], alpha=0.45, color=_PALETTE[group_type], lw=0)
    sns.regplot(pairs, x=years, y=column, scatter=False, ci=None, ax=ax, line_kws={"color": "black", "lw": 2})
    ax.set_xlabel(years.replace("_", " "))
    ax.set_ylabel(f"{item} ({GROUP_LABELS[group_type]})")
    ax.set_yticks(range(1, 6))
    ax.set_title(f"r = {res['r']:.3f}{res['stars']}, N = {int(res['n'])}, p = {res['p']:.3f}")
    return fig


def plot_missingness(data: pd.DataFrame) -> Figure:
    """Missing answers per item column.

    Used in: 03_measures.
    """
    table = missingness(data)
    fig, axes = _figure(height=3.6)
    sns.barplot(table, y="column", x="missing", ax=axes[0, 0], color="#dd8452", errorbar=None)
    axes[0, 0].set_xlabel("respondents who left the item empty")
    axes[0, 0].set_ylabel("")
    return fig


def plot_rebuilds(frames: dict[str, pd.DataFrame], column: str) -> Figure:
    """Answer counts of one item column in several rebuilt data sets, side by side.

    Used in: 11_how_the_data_were_rebuilt.
    """
    counts = answer_counts(frames, column)
    tidy = (
        counts[[f"answered {k}" for k in range(1, 6)]]
        .rename(columns=lambda c: int(c.split()[-1]))
        .rename_axis(index="data set", columns="answer")
        .stack()
        .rename("count")
        .reset_index()
    )
    fig, axes = _figure(width=7.5)
    sns.barplot(tidy, x="answer", y="count", hue="data set", ax=axes[0, 0], errorbar=None, palette="Set2")
    labels = [f"{label}: mean {row['mean']:.2f}, SD {row['sd']:.2f}" for label, row in counts.iterrows()]
    handles, _ = axes[0, 0].get_legend_handles_labels()
    axes[0, 0].legend(handles, labels, frameon=False, fontsize=9)
    axes[0, 0].set_title(f"{column}: same printed statistics, different answers")
    return fig


def to_png(fig: Figure) -> bytes:
    """PNG bytes of a figure (for Output widgets and HTML handouts)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()
