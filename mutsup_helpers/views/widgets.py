"""Explorers built from ipywidgets 8: views that call the analysis functions, never compute.

Each explorer fills its own Output widget (``outputs`` replaced, then
``append_display_data``) instead of printing inside ``with out:``, so that
nbval sees only the explorer's short text repr and pytest can drive a callback
without a kernel: set ``explorer.item.value`` and read ``explorer.output.outputs``
or ``explorer.table``.

Used in: 04-09 (section "Try it"); the Voilà app (:mod:`.app`, ``explorer``). Nothing but notebooks imports
this module.
"""

from __future__ import annotations

import warnings

import ipywidgets as w
import pandas as pd
from IPython.display import Image

from ..data.load import ITEM_COLUMNS
from ..paper.design import ITEMS, PAPER_BETWEEN, TABLE2_SPLITS, YEARS
from ..paper.published import load_published
from ..stats.anova import mixed_anova
from ..stats.correlations import correlate
from ..stats.fallbacks import DesignFallbackWarning
from ..stats.group_tests import compare_groups
from ..stats.limitations import (
    ADJUST_METHODS,
    adjust_pvalues,
    family_of_tests,
    multiple_testing_summary,
    nonresponse_bounds,
    nonresponse_summary,
)
from .app import ReplicationApp, replication_app
from .display import correlation_view, group_comparison_view
from .plots import plot_interaction, plot_years_scatter, to_png
from .provenance import anova_table, provenance_line

__all__ = [
    "AnovaExplorer",
    "CorrelationExplorer",
    "GroupComparisonExplorer",
    "MultipleTestingExplorer",
    "NonresponseExplorer",
    "ReplicationApp",
    "anova_explorer",
    "correlation_explorer",
    "group_comparison_explorer",
    "multiple_testing_explorer",
    "nonresponse_explorer",
    "replication_app",
]

_BETWEEN_CHOICES = {"training": ("training",), "setting": ("setting3",), "both": PAPER_BETWEEN}


def _show(output: w.Output, *objects) -> None:
    output.outputs = ()
    for obj in objects:
        if isinstance(obj, str):
            output.append_stdout(obj + "\n")
        else:
            output.append_display_data(obj)


_GROUP_TYPE_CHOICES = [("psychiatric", "ms"), ("12-step", "twelve_step")]


class AnovaExplorer(w.VBox):
    """Mixed ANOVA of one item: pick the item, between factors, group-type view and SS type.

    ``table`` holds the ANOVA table on display, with a column ``paper`` that
    shows what the paper printed for each effect it reported.
    """

    def __init__(self, data: pd.DataFrame, item: str = "familiarity", between: str = "both", view: str = "both"):
        self.data = data
        self.item = w.Dropdown(options=list(ITEMS), value=item, description="Item")
        self.between = w.ToggleButtons(options=list(_BETWEEN_CHOICES), value=between, description="Between")
        self.view = w.ToggleButtons(
            options=[
                ("both lines", "both"),
                ("ms only", "ms"),
                ("12-step only", "twelve_step"),
                ("difference", "difference"),
            ],
            value=view,
            description="Group type",
        )
        self.ss_type = w.ToggleButtons(options=[("III", 3), ("II", 2)], value=3, description="SS type")
        self.output = w.Output()
        self.table: pd.DataFrame | None = None
        self._drawn: tuple | None = None  # (item, between, view) of the figure on display
        self._png, self._alt = b"", ""
        self._figure = None  # drawn again in place for the next choice (plot_interaction's redraw)
        controls = [self.item, self.between, self.view, self.ss_type]
        super().__init__(children=[*controls, self.output])
        for control in controls:
            control.observe(self._redraw, names="value")
        self._redraw()

    def _redraw(self, _change=None) -> None:
        between = _BETWEEN_CHOICES[self.between.value]
        with warnings.catch_warnings():
            # a changed design is said in result.note, on display below the figure; a warning
            # raised in a callback would land in the log console, away from the explorer
            warnings.simplefilter("ignore", DesignFallbackWarning)
            result = mixed_anova(self.data, self.item.value, between=between, ss_type=self.ss_type.value)
            drawn = (self.item.value, between, self.view.value)
            if drawn != self._drawn:  # the SS type changes the table only: keep the picture
                x = "setting3" if "setting3" in between else "training"
                figure = plot_interaction(self.data, self.item.value, x=x, view=self.view.value, between=between,
                                          fit=result, redraw=self._figure)
                self._png, self._alt, self._drawn, self._figure = to_png(figure), figure.alt, drawn, figure
        paper_model = (tuple(result.between) == PAPER_BETWEEN and self.ss_type.value == 3
                       and not (result.plan is not None and result.plan.changed))
        self.table = _with_paper_column(result.table, self.item.value, paper_model)
        note = result.note if paper_model else (
            f"{result.note.rstrip('.')}. The paper's F values belong to its own model (training and setting, Type III) "
            "and are shown only beside it.")
        x = "setting3" if "setting3" in between else "training"
        figure_line = provenance_line(plot_interaction, self.data, self.item.value, x=x, view=self.view.value,
                                      between=between)
        table_line = provenance_line(anova_table, self.data, self.item.value, between=between,
                                     ss_type=self.ss_type.value)
        _show(self.output, Image(data=self._png, format="png", metadata={"alt": self._alt}), figure_line, note,
              self.table.round(4), table_line)

    def __repr__(self) -> str:
        return (
            f"AnovaExplorer(item={self.item.value!r}, between={self.between.value!r}, "
            f"view={self.view.value!r}, ss_type={self.ss_type.value})"
        )


def _with_paper_column(table: pd.DataFrame, item: str, paper_model: bool) -> pd.DataFrame:
    """The printed F beside each effect, when the fitted model is the paper's (else an empty column)."""
    if not paper_model:
        return table.assign(paper="")
    printed = load_published().anova
    printed = printed[printed["item"] == item].set_index("effect")
    labels = {e: f"F({r.df1}, {r.df2}) = {r.F:.2f}" for e, r in printed.iterrows()}
    return table.assign(paper=table["effect"].map(labels).fillna(""))


class GroupComparisonExplorer(w.VBox):
    """t-test of an item between "No" and "Yes" of a personal-experience split (the paper tested ms items)."""

    def __init__(self, data: pd.DataFrame, split: str = "self_hospitalized", item: str = "familiarity",
                 group_type: str = "ms"):
        self.data = data
        self.split = w.Dropdown(options=list(TABLE2_SPLITS), value=split, description="Split")
        self.item = w.Dropdown(options=list(ITEMS), value=item, description="Item")
        self.group_type = w.ToggleButtons(options=_GROUP_TYPE_CHOICES, value=group_type, description="Group type")
        self.test = w.ToggleButtons(options=["Student", "Welch"], value="Student", description="Test")
        self.output = w.Output()
        self.table: pd.DataFrame | None = None
        controls = [self.split, self.item, self.group_type, self.test]
        super().__init__(children=[*controls, self.output])
        for control in controls:
            control.observe(self._redraw, names="value")
        self._redraw()

    def _redraw(self, _change=None) -> None:
        res = compare_groups(self.data, self.split.value, self.item.value, group_type=self.group_type.value,
                             welch=self.test.value == "Welch")
        self.table = res.to_frame(name="No minus Yes")
        line = provenance_line(compare_groups, self.data, self.split.value, self.item.value,
                               group_type=self.group_type.value, welch=self.test.value == "Welch")
        _show(self.output, group_comparison_view(res), line)

    def __repr__(self) -> str:
        return (
            f"GroupComparisonExplorer(split={self.split.value!r}, item={self.item.value!r}, "
            f"group_type={self.group_type.value!r}, test={self.test.value!r})"
        )


class CorrelationExplorer(w.VBox):
    """Scatter of an item against years of experience, with r, N and p."""

    def __init__(
        self, data: pd.DataFrame, years: str = "years_in_setting", item: str = "familiarity", group_type: str = "ms"
    ):
        self.data = data
        self.years = w.Dropdown(options=list(YEARS), value=years, description="Years")
        self.item = w.Dropdown(options=list(ITEMS), value=item, description="Item")
        self.group_type = w.ToggleButtons(options=_GROUP_TYPE_CHOICES, value=group_type, description="Group type")
        self.method = w.ToggleButtons(options=[("Pearson", "pearson"), ("Spearman", "spearman")], value="pearson",
                                      description="Method")
        self.output = w.Output()
        self.table: pd.DataFrame | None = None
        self._figure = None  # drawn again in place for the next choice (plot_years_scatter's redraw)
        controls = [self.years, self.item, self.group_type, self.method]
        super().__init__(children=[*controls, self.output])
        for control in controls:
            control.observe(self._redraw, names="value")
        self._redraw()

    def _redraw(self, _change=None) -> None:
        column = f"{self.item.value}_{self.group_type.value}"
        res = correlate(self.data, self.years.value, column, method=self.method.value)
        self.table = res.to_frame(name=column)
        figure = self._figure = plot_years_scatter(self.data, self.years.value, self.item.value, self.group_type.value,
                                                   redraw=self._figure)
        figure_line = provenance_line(plot_years_scatter, self.data, self.years.value, self.item.value,
                                      self.group_type.value)
        table_line = provenance_line(correlate, self.data, self.years.value, column, method=self.method.value)
        _show(self.output, Image(data=to_png(figure), format="png", metadata={"alt": figure.alt}), figure_line,
              correlation_view(res), table_line)

    def __repr__(self) -> str:
        return (
            f"CorrelationExplorer(years={self.years.value!r}, item={self.item.value!r}, "
            f"group_type={self.group_type.value!r}, method={self.method.value!r})"
        )


def anova_explorer(data: pd.DataFrame, item: str = "familiarity", between: str = "both", view: str = "both"):
    """The ANOVA explorer (H1-H3). Used in: 04, 05, 06."""
    return AnovaExplorer(data, item=item, between=between, view=view)


def group_comparison_explorer(data: pd.DataFrame, split: str = "self_hospitalized", item: str = "familiarity"):
    """The group-comparison explorer (H4). Used in: 07."""
    return GroupComparisonExplorer(data, split=split, item=item)


def correlation_explorer(data: pd.DataFrame, years: str = "years_in_setting", item: str = "familiarity"):
    """The correlation explorer (H5). Used in: 08."""
    return CorrelationExplorer(data, years=years, item=item)


class MultipleTestingExplorer(w.VBox):
    """Which of the paper's reported findings survive a correction for the whole family of tests."""

    def __init__(self, data: pd.DataFrame, method: str = "holm"):
        self.data = data
        self.family = family_of_tests(data)
        self.method = w.ToggleButtons(options=list(ADJUST_METHODS), value=method, description="Correction")
        self.output = w.Output()
        self.table: pd.DataFrame | None = None
        super().__init__(children=[self.method, self.output])
        self.method.observe(self._redraw, names="value")
        self._redraw()

    def _redraw(self, _change=None) -> None:
        adjusted = adjust_pvalues(self.family, self.method.value)
        self.table = adjusted[adjusted["reported_significant"]].reset_index(drop=True)
        summary = multiple_testing_summary(self.family).set_index("method").loc[[self.method.value]]
        line = provenance_line(_reported_adjusted, self.data, self.method.value)
        _show(self.output, summary, self.table.round(4), line)

    def __repr__(self) -> str:
        return f"MultipleTestingExplorer(method={self.method.value!r}, tests={len(self.family)})"


def _reported_adjusted(data: pd.DataFrame, method: str) -> pd.DataFrame:
    """The explorer's table: the paper's reported findings with p adjusted by ``method`` (for its provenance)."""
    adjusted = adjust_pvalues(family_of_tests(data), method)
    return adjusted[adjusted["reported_significant"]].set_index("test")[["p", "p_adjusted"]]


def multiple_testing_explorer(data: pd.DataFrame, method: str = "holm"):
    """The multiple-testing explorer (limitations). Used in: 09."""
    return MultipleTestingExplorer(data, method=method)


class NonresponseExplorer(w.VBox):
    """How far respondents' mean can drift from the population's when returning the survey depends on attitude."""

    def __init__(self, data: pd.DataFrame, column: str = "helpfulness_ms", strength: float = 0.5):
        self.data = data
        self.column = w.Dropdown(options=list(ITEM_COLUMNS), value=column, description="Item")
        self.strength = w.FloatSlider(value=strength, min=0.0, max=2.0, step=0.1, description="Selection")
        self.output = w.Output()
        self.table: pd.DataFrame | None = None
        super().__init__(children=[self.column, self.strength, self.output])
        for control in (self.column, self.strength):
            control.observe(self._redraw, names="value")
        self._redraw()

    def _redraw(self, _change=None) -> None:
        self.table = nonresponse_summary(self.data, self.column.value, self.strength.value)
        bounds = nonresponse_bounds(self.data, self.column.value).to_frame(name="worst case, any nonresponse")
        line = provenance_line(nonresponse_summary, self.data, self.column.value, self.strength.value)
        _show(self.output, self.table.round(3), bounds.round(3), line)

    def __repr__(self) -> str:
        return f"NonresponseExplorer(column={self.column.value!r}, strength={self.strength.value})"


def nonresponse_explorer(data: pd.DataFrame, column: str = "helpfulness_ms", strength: float = 0.5):
    """The nonresponse explorer (limitations). Used in: 09."""
    return NonresponseExplorer(data, column=column, strength=strength)
