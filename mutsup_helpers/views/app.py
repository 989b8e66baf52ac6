"""The app for students who do not program (served by Voilà from ``notebooks/explorer.ipynb``).

A landing tab says what the study is and where the data come from; one tab per hypothesis
(H1 group type, H2 setting, H3 training, H4 personal experience, H5 years) shows each result as
a sentence in APA style, computed from the data on display, beside what the paper printed when
the model is the paper's; figures carry their alt text; tables go through
:func:`~mutsup_helpers.views.display.html_table`. An upload control reads a class's CSV that
follows the codebook (``data/datapackage.json``) with
:func:`~mutsup_helpers.data.load.load_providers_bytes`, or a Qualtrics or Google Forms export
through the import step (:func:`~mutsup_helpers.fieldwork.exports.import_upload`, with the
uploaded mapping file or the one ``mutsup survey`` writes), in memory (nothing is written to
disk), and every tab is computed again on it; a file the loader rejects is named, with every broken
rule, in a message on the page, and the data on display stay as they were.

The sentences are module functions (``*_sentence``, ``paper_*``) so that a test can check
them without a browser; :class:`ReplicationApp` only arranges them. The widgets fill
``HTML`` widgets (never print), so nbval sees only the app's text repr.

May import: every layer below. Used in: ``notebooks/explorer.ipynb`` (through ``widgets``).
"""

from __future__ import annotations

import base64
import warnings
from dataclasses import dataclass
from html import escape

import ipywidgets as w
import numpy as np
import pandas as pd

from ..compare.readiness import READINESS_STATUSES, readiness
from ..data.load import DataValidationError, load_providers, load_providers_bytes
from ..fieldwork.exports import ImportResult, detect_tool, import_upload
from ..paper.design import ALPHA, ITEMS, PAPER_BETWEEN, STAR_LEVELS, TABLE2_SPLITS, YEARS
from ..paper.published import Published, load_published
from ..stats.anova import MixedAnovaResult, mixed_anova
from ..stats.correlations import correlate
from ..stats.fallbacks import DesignFallbackWarning
from ..stats.group_tests import compare_groups
from .display import (
    _no_zero,
    _printed_p,
    anova_view,
    apa_f,
    apa_r,
    apa_t,
    effect_label,
    html_table,
    printed_f,
    shapes_view,
)
from .plots import plot_interaction, plot_years_scatter, to_png
from .provenance import anova_table, provenance_line

__all__ = [
    "DataSource",
    "ReplicationApp",
    "between_sentence",
    "correlation_sentence",
    "group_type_sentence",
    "interaction_sentence",
    "paper_anova_statement",
    "paper_correlation_statement",
    "paper_t_statement",
    "replication_app",
    "t_test_sentence",
]

CITATION = ("Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of "
            "psychiatric mutual support groups. <i>Journal of Community Psychology, 30</i>(4), 349-366. "
            "https://doi.org/10.1002/jcop.10010")
SHIPPED_LABEL = "synthetic data rebuilt to reproduce the paper"

GROUP_NAMES = {"ms": "psychiatric mutual support groups", "twelve_step": "12-step groups"}
#: What a higher score means, as a verb phrase; ``{cmp}`` is "more" for the higher-scoring side
#: (for interference, where 5 = does not interfere, the higher side interferes "less").
_RATED = {
    "familiarity": "rated {obj} as {cmp} familiar",
    "helpfulness": "rated {obj} as {cmp} helpful",
    "referral": "referred clients to {obj} {cmp} often",
    "interference": "rated {obj} as interfering {cmp} with their work",
    "value": "rated {obj} as {cmp} valuable",
}
_THAN = {"referral": "than to "}
_WHO = {  # the respondents at each level of a between factor, as the subject of a sentence
    "advanced": "providers with advanced training",
    "mental_health_worker": "mental health workers",
    "treatment": "providers in treatment settings",
    "rehabilitation": "providers in rehabilitation settings",
    "case_management": "providers in case management",
}
_WHERE = {
    "advanced": "among providers with advanced training",
    "mental_health_worker": "among mental health workers",
    "treatment": "in treatment",
    "rehabilitation": "in rehabilitation",
    "case_management": "in case management",
}
_FACTOR_WORDS = {"training": "training", "setting3": "work setting"}
#: Each personal-experience split: (Yes, No, Yes after "than", No after "than").
_SPLIT_WHO = {
    "self_hospitalized": (
        "providers who had been hospitalized or treated for a psychiatric condition themselves",
        "providers who had never been hospitalized or treated for a psychiatric condition",
        "those who had", "those who had not"),
    "family_hospitalized": (
        "providers with a family member who had been hospitalized or treated for a psychiatric condition",
        "providers without such a family member", "those with such a family member", "those without"),
    "participates_mutual_support": (
        "providers who regularly take part in a peer support or self-help group",
        "providers who do not regularly take part in a peer support or self-help group",
        "those who do", "those who do not"),
}
_SPLIT_OPTIONS = {"self_hospitalized": "Treated for a psychiatric condition (self)",
                  "family_hospitalized": "Family member treated",
                  "participates_mutual_support": "Takes part in a peer support group"}
_YEARS_WORDS = {"years_in_setting": "Years in the current work setting",
                "years_in_discipline": "Years in the profession (discipline)"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rated(item: str, obj: str, higher: bool) -> str:
    more, less = ("less", "more") if item == "interference" else ("more", "less")
    return _RATED[item].format(obj=obj, cmp=more if higher else less)


def _row(result: MixedAnovaResult, effect: str) -> pd.Series | None:
    table = result.table.set_index("effect")
    return table.loc[effect] if effect in table.index else None


def _f(row: pd.Series) -> str:
    return apa_f(row["F"], row["df1"], row["df2"], row["p"], row["np2"])


def _not_in_model(result: MixedAnovaResult, effect: str) -> str:
    why = " ".join(result.plan.notes) if result.plan is not None and result.plan.notes else result.note
    if result.table.empty:
        return f"No ANOVA of {result.item} can be run on these data: {why}"
    return f"The {effect_label(effect).lower()} effect cannot be tested on these data: {why}"


def _means(result: MixedAnovaResult, factor: str) -> pd.DataFrame:
    """Unweighted marginal means (what a Type III test compares), by level x group type."""
    means = result.marginal_means(factor)
    return means.pivot_table(index=factor, columns="group_type", values="unweighted_mean", observed=True)


def group_type_sentence(result: MixedAnovaResult) -> str:
    """H1: 12-step against psychiatric groups (the within effect), as a sentence for a report."""
    row = _row(result, "group_type")
    if row is None:
        return _not_in_model(result, "group_type")
    means = result.marginal_means("group_type").set_index("group_type")["unweighted_mean"]
    ms_mean, twelve = float(means["ms"]), float(means["twelve_step"])
    if row["p"] < ALPHA:
        hi, lo = ("twelve_step", "ms") if twelve > ms_mean else ("ms", "twelve_step")
        return (f"Providers {_rated(result.item, GROUP_NAMES[hi], True)} {_THAN.get(result.item, 'than ')}"
                f"{GROUP_NAMES[lo]} (M = {means[hi]:.2f} vs. {means[lo]:.2f}), {_f(row)}.")
    return (f"Ratings of {result.item} did not differ significantly between 12-step groups (M = {twelve:.2f}) "
            f"and psychiatric mutual support groups (M = {ms_mean:.2f}), {_f(row)}.")


def between_sentence(result: MixedAnovaResult, factor: str) -> str:
    """H2 / H3: the main effect of a between factor (averaged over the two kinds of group)."""
    row = _row(result, factor)
    if row is None:
        return _not_in_model(result, factor)
    means = _means(result, factor).mean(axis=1)  # each level's mean over the two group types
    significant = row["p"] < ALPHA
    if len(means) == 2:
        (a, ma), (b, mb) = means.items()
        if significant:
            (hi, mh), (lo, ml) = ((a, ma), (b, mb)) if ma > mb else ((b, mb), (a, ma))
            return (f"Averaged over the two kinds of group, {_WHO[hi]} {_rated(result.item, 'the groups', True)} "
                    f"than {_WHO[lo]} did (M = {mh:.2f} vs. {ml:.2f}), {_f(row)}.")
        return (f"Averaged over the two kinds of group, ratings of {result.item} did not differ significantly "
                f"between {_WHO[a]} (M = {ma:.2f}) and {_WHO[b]} (M = {mb:.2f}), {_f(row)}.")
    listed = _listing([f"{m:.2f} {_WHERE[level]}" for level, m in means.items()])
    verb = "differed" if significant else "did not differ significantly"
    return (f"Averaged over the two kinds of group, ratings of {result.item} {verb} by "
            f"{_FACTOR_WORDS[factor]}, {_f(row)}; the means were {listed}.")


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def interaction_sentence(result: MixedAnovaResult, factor: str) -> str:
    """H2 / H3: does the 12-step minus psychiatric difference depend on the between factor?"""
    effect = f"group_type:{factor}"
    row = _row(result, effect)
    if row is None:
        return _not_in_model(result, effect)
    means = _means(result, factor)
    gaps = means["twelve_step"] - means["ms"]
    listed = _listing([f"{gap:.2f} {_WHERE[level]}" for level, gap in gaps.items()])
    verb = "depended on" if row["p"] < ALPHA else "did not depend significantly on"
    return (f"The difference between 12-step and psychiatric mutual support groups in ratings of {result.item} "
            f"{verb} {_FACTOR_WORDS[factor]}, {_f(row)}; 12-step minus psychiatric was {listed}.")


def _is_paper_model(result: MixedAnovaResult) -> bool:
    return (tuple(result.between) == PAPER_BETWEEN and result.ss_type == 3
            and not (result.plan is not None and result.plan.changed))


def paper_anova_statement(result: MixedAnovaResult, effect: str, pub: Published | None = None) -> str:
    """What the paper printed for ``effect`` on the item, when ``result`` is the paper's model."""
    if not _is_paper_model(result):
        return ("The paper's F values belong to its own model (training x setting x group type, Type III); "
                "the model here is a different one (see the model note below), so they are not set beside it.")
    printed = _printed_fs(result.item, pub).get(effect)
    if printed is None:
        return (f"The paper printed no F for the {effect_label(effect).lower()} effect on {result.item}: it prints F "
                "values only for the effects it reports as significant (Chinman et al., 2002, Results).")
    return f"The paper printed {printed} for this effect (Chinman et al., 2002, Results)."


def _printed_fs(item: str, pub: Published | None = None) -> dict[str, str]:
    """Each effect the paper printed an F for on ``item``, as printed."""
    printed = (pub or load_published()).anova
    rows = printed[printed["item"] == item]
    return {r.effect: printed_f(r.F, r.df1, r.df2, r.p) for r in rows.itertuples()}


def _group_stats(res: pd.Series, level: str) -> str:
    n, mean, sd = int(res[f"n_{level}"]), res[f"mean_{level}"], res[f"sd_{level}"]
    if not np.isfinite(mean):
        return f"n = {n}"
    return f"n = {n}, M = {mean:.2f}" + (f", SD = {sd:.2f}" if np.isfinite(sd) else "")


def t_test_sentence(res: pd.Series, data: pd.DataFrame | None = None) -> str:
    """H4: a t-test of :func:`compare_groups` (No minus Yes) as a sentence for a report.

    When it cannot be computed, the sentence says why (the reason ``compare_groups`` gives
    without its fallback, when ``data`` is given).
    """
    yes_who, no_who, yes_short, no_short = _SPLIT_WHO[res["split"]]
    group, item = GROUP_NAMES[res["group_type"]], res["item"]
    if not np.isfinite(res["t"]):
        reason = "one of the two groups has fewer than two answers, or the answers do not vary"
        if data is not None:
            try:
                compare_groups(data, res["split"], item, group_type=res["group_type"], fallback=False)
            except ValueError as exc:
                reason = str(exc)
        return (f"The t-test of {item} ratings of {group} between {yes_who} ({_group_stats(res, 'yes')}) and "
                f"{no_short} ({_group_stats(res, 'no')}) cannot be computed on these data: {reason}.")
    test = apa_t(res["t"], res["df"], res["p"], res["cohen_d"])
    if res["p"] < ALPHA:
        yes_higher = res["mean_yes"] > res["mean_no"]
        hi_who, lo_short = (yes_who, no_short) if yes_higher else (no_who, yes_short)
        hi, lo = ("yes", "no") if yes_higher else ("no", "yes")
        return (f"{_cap(hi_who)} ({_group_stats(res, hi)}) {_rated(item, group, True)} "
                f"than {lo_short} ({_group_stats(res, lo)}), {test}.")
    return (f"Ratings of {item} of {group} did not differ significantly between {yes_who} "
            f"({_group_stats(res, 'yes')}) and {no_short} ({_group_stats(res, 'no')}), {test}.")


def paper_t_statement(res: pd.Series, pub: Published | None = None) -> str:
    """What the paper printed for this split and item (its t-tests and Table 2)."""
    if res["group_type"] != "ms" or res["test"] != "Student":
        return "The paper tested psychiatric mutual support groups only, with Student's t."
    pub = pub or load_published()
    table2 = pub.table2[(pub.table2["split"] == res["split"]) & (pub.table2["item"] == res["item"])]
    means = "; ".join(f"{r.level}: n = {r.n}, M = {r.mean:.2f}, SD = {r.sd:.2f}" for r in table2.itertuples())
    tests = pub.ttests[(pub.ttests["split"] == res["split"]) & (pub.ttests["item"] == res["item"])]
    if tests.empty:
        return f"The paper printed no t for this comparison; its Table 2 gives the means ({means})."
    r = tests.iloc[0]
    return (f"The paper printed t({r['df']}) = {r['t']:.2f}, {_printed_p(float(r['p']))} "
            f"(Chinman et al., 2002, Results; Table 2: {means}).")


def _item_and_group(column: str) -> tuple[str, str]:
    group = "ms" if column.endswith("_ms") else "twelve_step"
    return column[: -len(group) - 1], group


def correlation_sentence(res: pd.Series, data: pd.DataFrame | None = None) -> str:
    """H5: a correlation of :func:`correlate` as a sentence for a report."""
    item, group = _item_and_group(res["y"])
    years = _YEARS_WORDS[res["x"]]
    what = f"ratings of {item} of {GROUP_NAMES[group]}"
    if not np.isfinite(res["r"]):
        reason = f"{int(res['n'])} respondents answered both"
        if data is not None:
            try:
                correlate(data, res["x"], res["y"], method=res["method"], fallback=False)
            except ValueError as exc:
                reason = str(exc)
        return f"The correlation of {years.lower()} with {what} cannot be computed on these data: {reason}."
    stat = apa_r(res["r"], res["n"], res["p"], res["method"], ci=(res["ci_low"], res["ci_high"]))
    if res["p"] < ALPHA:
        sign = "positively" if res["r"] > 0 else "negatively"
        return f"{years} correlated {sign} with {what}, {stat}."
    return f"{years} did not correlate significantly with {what}, {stat}."


def paper_correlation_statement(res: pd.Series, pub: Published | None = None) -> str:
    """What Table 3 of the paper printed for this pair (r with its significance mark)."""
    if res["method"] != "pearson":
        return "The paper's Table 3 prints Pearson correlations."
    table3 = (pub or load_published()).table3
    item, group = _item_and_group(res["y"])
    row = table3[(table3["item"] == item) & (table3["group_type"] == group)].iloc[0]
    r, mark = float(row[f"r_{res['x']}"]), row[f"stars_{res['x']}"]
    level = f", marked {mark} (p < {STAR_LEVELS[mark]:g})".replace("0.", ".") if mark else ", not marked significant"
    return f"The paper's Table 3 printed r = {_no_zero(r, 3)}{level} (Chinman et al., 2002)."


# ----------------------------------------------------------------------------- the widgets


@dataclass(frozen=True)
class DataSource:
    """The data on display and where they come from (the provenance note)."""

    data: pd.DataFrame
    name: str
    shipped: bool

    @property
    def label(self) -> str:
        if self.shipped:
            return f"{SHIPPED_LABEL} ({len(self.data)} made-up respondents; no real person's answers)"
        return f"your data ({escape(self.name)}, {len(self.data)} respondents)"


_ITEM_OPTIONS = [(item.capitalize(), item) for item in ITEMS]
_GROUP_OPTIONS = [("psychiatric mutual support", "ms"), ("12-step", "twelve_step")]


def _image(figure) -> str:
    encoded = base64.b64encode(to_png(figure)).decode("ascii")
    return (f'<figure class="mutsup-figure" style="margin:0"><img src="data:image/png;base64,{encoded}" '
            f'alt="{escape(figure.alt, quote=True)}" style="max-width:100%;height:auto"></figure>')


def _result_html(pairs: list[tuple[str, str, str]], source: DataSource) -> str:
    """Sentences, each beside what the paper printed: (heading, here, paper)."""
    blocks = [f'<p class="mutsup-provenance"><b>Computed from:</b> {source.label}.</p>']
    for heading, here, paper in pairs:
        blocks.append(f"<h3>{escape(heading)}</h3>"
                      f'<p class="mutsup-sentence"><b>Here:</b> {escape(here)}</p>'
                      f'<p class="mutsup-paper"><b>Paper:</b> {escape(paper)}</p>')
    return "".join(blocks)


class _Panel(w.VBox):
    """One hypothesis: an intro, controls, sentences beside the paper, a figure, tables."""

    hypothesis = ""
    intro = ""

    def __init__(self, source: DataSource, controls: list[w.Widget]):
        self.source = source
        self.controls = controls
        self.result = w.HTML(layout=w.Layout(width="100%"))
        self.figure = w.HTML()
        self.tables = w.HTML()
        self._figure = None
        heading = w.HTML(f"<h2>{escape(self.hypothesis)}</h2><p>{self.intro}</p>")
        super().__init__(children=[heading, w.HBox(controls, layout=w.Layout(flex_flow="row wrap")),
                                   self.result, self.figure, self.tables])
        for control in controls:
            control.observe(self.redraw, names="value")

    def show(self, source: DataSource) -> None:
        self.source = source
        self._figure = None
        self.redraw()

    def redraw(self, _change=None) -> None:
        with warnings.catch_warnings():
            # a changed design is said in the sentences; a warning in a callback would land in the log
            warnings.simplefilter("ignore", DesignFallbackWarning)
            result, figure, tables = self._draw()
        # all three computed first, then shown together: no moment with a new sentence beside an old figure
        self.result.value, self.figure.value, self.tables.value = result, figure, tables

    def _draw(self) -> tuple[str, str, str]:  # pragma: no cover - every panel has its own
        raise NotImplementedError


class _AnovaPanel(_Panel):
    """H1-H3: the paper's mixed ANOVA of one item; the effects of one hypothesis in sentences."""

    x = "setting3"
    effects: tuple[str, ...] = ()

    def __init__(self, source: DataSource, item: str = "familiarity"):
        self.item = w.Dropdown(options=_ITEM_OPTIONS, value=item, description="Item")
        self.fit: MixedAnovaResult | None = None
        super().__init__(source, [self.item])

    def _sentences(self, fit: MixedAnovaResult) -> list[tuple[str, str]]:
        raise NotImplementedError  # pragma: no cover

    def _draw(self) -> tuple[str, str, str]:
        fit = self.fit = mixed_anova(self.source.data, self.item.value)
        pairs = [(h, s, paper_anova_statement(fit, e)) for (h, s), e in zip(self._sentences(fit), self.effects,
                                                                             strict=True)]
        question = load_published().questions[self.item.value]
        note = f'<p class="mutsup-note"><b>Model:</b> {escape(fit.note.rstrip("."))}.</p>'
        result = (f"<p><b>Survey question:</b> {escape(question)}? (1-5, once for each kind of group)</p>"
                  + _result_html(pairs, self.source) + note)
        if fit.table.empty:
            return result, "", ""
        x = self.x if self.x in fit.between else (fit.between[0] if fit.between else None)
        figure = ""
        if x is not None:
            self._figure = plot_interaction(self.source.data, self.item.value, x=x, between=fit.between, fit=fit,
                                            redraw=self._figure)
            figure = _image(self._figure) + provenance_line(plot_interaction, self.source.data, self.item.value,
                                                            x=x, between=fit.between).line_html()
        paper = _printed_fs(self.item.value) if _is_paper_model(fit) else None
        tables = [html_table(anova_view(fit.table, paper), caption=f"Mixed ANOVA of {self.item.value} "
                             f"({fit.n} respondents with both answers)"),
                  provenance_line(anova_table, self.source.data, self.item.value, between=fit.between).line_html()]
        return result, figure, "".join(tables + self._extra_tables())

    def _extra_tables(self) -> list[str]:
        return []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(item={self.item.value!r})"


class GroupTypePanel(_AnovaPanel):
    hypothesis = "H1 Group type: are 12-step groups viewed more favourably than psychiatric groups?"
    intro = ("The authors expected providers to view the long-established 12-step groups (such as Alcoholics "
             "Anonymous) more favourably than psychiatric mutual support groups. Every respondent rated both "
             "kinds of group, so this is the within-subject effect of the mixed ANOVA.")
    effects = ("group_type",)

    def _sentences(self, fit):
        return [("12-step against psychiatric groups", group_type_sentence(fit))]


class _FactorPanel(_AnovaPanel):
    factor = ""

    def _sentences(self, fit):
        word = _FACTOR_WORDS[self.factor]
        return [(f"Main effect of {word}", between_sentence(fit, self.factor)),
                (f"Group type x {word}", interaction_sentence(fit, self.factor))]

    def _extra_tables(self) -> list[str]:
        shapes = shapes_view(self.source.data, items=[self.item.value], factor=self.factor).reset_index()
        if shapes.empty:
            return []
        shapes = shapes.drop(columns="target")
        return [html_table(shapes, caption="How the paper's text describes the figure, checked on these data")]


class SettingPanel(_FactorPanel):
    hypothesis = "H2 Setting: do providers in rehabilitation settings view psychiatric groups more favourably?"
    intro = ("The authors expected staff of psychiatric rehabilitation programs, whose work stresses recovery, to "
             "view psychiatric mutual support groups more favourably than staff in treatment or case management. "
             "Setting is a between-subjects factor; what matters is whether the gap between the two kinds of "
             "group differs by setting (the group type x setting interaction).")
    effects = ("setting3", "group_type:setting3")
    factor = x = "setting3"


class TrainingPanel(_FactorPanel):
    hypothesis = "H3 Training: do providers with advanced training view mutual support less favourably?"
    intro = ("The authors expected providers with advanced professional training (psychiatrists, psychologists, "
             "nurses, social workers and other master's-level staff) to view mutual support less favourably than "
             "mental health workers with less training.")
    effects = ("training", "group_type:training")
    factor = x = "training"


class ExperiencePanel(_Panel):
    hypothesis = "H4 Personal experience: do providers with personal experience view the groups more favourably?"
    intro = ("The authors expected providers who had been treated for a psychiatric condition, who had a family "
             "member who had been, or who take part in a mutual support group themselves to view psychiatric "
             "mutual support groups more favourably. Each question splits the respondents in two, compared by a "
             "t-test.")

    def __init__(self, source: DataSource, split: str = "self_hospitalized", item: str = "familiarity"):
        self.split = w.Dropdown(options=[(_SPLIT_OPTIONS[s], s) for s in TABLE2_SPLITS], value=split,
                                description="Experience")
        self.item = w.Dropdown(options=_ITEM_OPTIONS, value=item, description="Item")
        self.group_type = w.Dropdown(options=_GROUP_OPTIONS, value="ms", description="Kind of group")
        self.res: pd.Series | None = None
        super().__init__(source, [self.split, self.item, self.group_type])

    def _draw(self) -> tuple[str, str, str]:
        res = self.res = compare_groups(self.source.data, self.split.value, self.item.value,
                                        group_type=self.group_type.value)
        pairs = [("Yes against No", t_test_sentence(res, self.source.data), paper_t_statement(res))]
        table = pd.DataFrame({"group": ["Yes", "No"],
                              "n": [int(res["n_yes"]), int(res["n_no"])],
                              "mean": [_two(res["mean_yes"]), _two(res["mean_no"])],
                              "SD": [_two(res["sd_yes"]), _two(res["sd_no"])]})
        caption = f"{self.item.value} of {GROUP_NAMES[self.group_type.value]}"
        line = provenance_line(compare_groups, self.source.data, self.split.value, self.item.value,
                               group_type=self.group_type.value)
        return _result_html(pairs, self.source), "", html_table(table, caption=caption) + line.line_html()

    def __repr__(self) -> str:
        return f"ExperiencePanel(split={self.split.value!r}, item={self.item.value!r})"


def _two(value) -> str:
    return f"{value:.2f}" if np.isfinite(value) else "-"


class YearsPanel(_Panel):
    hypothesis = "H5 Years of experience: do longer-serving providers view the groups more favourably?"
    intro = ("The authors expected more years in the profession and in the current setting to go with more "
             "favourable views, through more chances to see what the groups do. Each pair is a Pearson "
             "correlation (the paper's Table 3).")

    def __init__(self, source: DataSource, years: str = "years_in_setting", item: str = "familiarity"):
        self.years = w.Dropdown(options=[(_YEARS_WORDS[y], y) for y in YEARS], value=years, description="Years")
        self.item = w.Dropdown(options=_ITEM_OPTIONS, value=item, description="Item")
        self.group_type = w.Dropdown(options=_GROUP_OPTIONS, value="ms", description="Kind of group")
        self.res: pd.Series | None = None
        super().__init__(source, [self.years, self.item, self.group_type])

    def _draw(self) -> tuple[str, str, str]:
        column = f"{self.item.value}_{self.group_type.value}"
        res = self.res = correlate(self.source.data, self.years.value, column)
        pairs = [("Correlation", correlation_sentence(res, self.source.data), paper_correlation_statement(res))]
        self._figure = plot_years_scatter(self.source.data, self.years.value, self.item.value, self.group_type.value,
                                          redraw=self._figure)
        line = provenance_line(plot_years_scatter, self.source.data, self.years.value, self.item.value,
                               self.group_type.value)
        return _result_html(pairs, self.source), _image(self._figure) + line.line_html(), ""

    def __repr__(self) -> str:
        return f"YearsPanel(years={self.years.value!r}, item={self.item.value!r})"


LANDING = f"""
<h2>What the study asked</h2>
<p>Mutual support groups bring together people who share a problem and help one another from their own
experience. People often reach such a group because a professional told them about it, so what mental-health
providers think of the groups matters. Chinman, Kloos, O'Connell and Davidson (2002) mailed a survey to
providers in Connecticut's public mental-health system and compared their views of two kinds of group:
<b>psychiatric mutual support groups</b> and the older <b>12-step groups</b> such as Alcoholics Anonymous.
Each provider answered five questions about each kind of group (familiarity, helpfulness, how often they refer
clients, interference with their work, value), on a scale from 1 to 5.</p>
<h2>Five hypotheses, one tab each</h2>
<ul>
<li><b>H1 Group type</b>: providers view 12-step groups more favourably (mixed ANOVA, within-subject effect).</li>
<li><b>H2 Setting</b>: staff in rehabilitation programs view psychiatric groups more favourably than staff in
treatment or case management (mixed ANOVA, interaction with setting).</li>
<li><b>H3 Training</b>: providers with advanced training view the groups less favourably than mental health
workers (mixed ANOVA, training).</li>
<li><b>H4 Personal experience</b>: providers with personal or family experience of psychiatric treatment, or
who take part in a mutual support group, view psychiatric groups more favourably (t-tests).</li>
<li><b>H5 Years</b>: more years in the profession or the setting go with more favourable views
(correlations).</li>
</ul>
<p>Each tab gives its result as a sentence you can copy into a report (APA style), computed from the data on
display, and beside it what the paper printed, when the analysis is the paper's. The figures have a text
description for screen readers.</p>
<h2>Where the data come from</h2>
<p><b>The data are synthetic.</b> The paper's raw answers were never published. The shipped file holds 421
made-up respondents, rebuilt so that the statistics the paper printed come out again. It teaches the methods;
it is not evidence about real providers.</p>
<p><b>Your class's data:</b> use <i>Upload a class CSV</i> above with a file that follows the codebook
(<code>data/datapackage.json</code>; <code>mutsup import</code> turns a Qualtrics or Google Forms export into
one). Every tab is computed again on it; nothing is saved on the server. Analyses your data cannot support as in
the paper run on a smaller design, or say why they cannot run.</p>
<h2>Reference</h2>
<p>{CITATION}</p>
"""


_MAX_PROBLEMS = 12  # a survey tool's raw export breaks dozens of rules: the first ones say what is wrong
_EXPORT_HINT = ("The file must follow the codebook (data/datapackage.json), or be a Qualtrics or Google Forms "
                "export of the survey <code>mutsup survey</code> writes (upload it alone, or together with its "
                "mapping file if you changed the questions; <code>mutsup import</code> does the same on the "
                "command line, see the README).")

#: Tables readable at a glance (rules between rows, left-aligned text); colours with 4.5:1 contrast or more.
_STYLE = """<style>
.mutsup-table { border-collapse: collapse; margin: 0.8em 0; }
.mutsup-table caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
.mutsup-table th, .mutsup-table td { text-align: left; padding: 0.25em 0.8em 0.25em 0; border-bottom: 1px solid #767676;
  vertical-align: top; }
.mutsup-banner { background: #f3f3f3; padding: 0.4em 0.8em; border-left: 4px solid #1f5f99; }
.mutsup-sentence { font-size: 1.05em; }
.mutsup-app .jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { color: #1a1a1a; background: #ececec; }
.mutsup-app .jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab.lm-mod-current { background: #ffffff; }
</style>"""


def _imported_text(result: ImportResult, how: str) -> str:
    """What the import step did to an export, in a sentence for the page (ends with a space)."""
    dropped = "; ".join(f"{n} {why}" for why, n in result.dropped.items())
    left = f"; left behind, as identifying: {', '.join(result.identifying)}" if result.identifying else ""
    return (f"imported through {escape(how)} ({result.read} responses read"
            + (f", left out: {escape(dropped)}" if dropped else "") + f"{escape(left)}), ")


class ReplicationApp(w.VBox):
    """The whole app: the provenance banner, the upload, the landing tab and one tab per hypothesis.

    ``load_bytes(content, name)`` is what an upload does (tests call it directly); ``message``
    holds the last upload's outcome; ``source`` the data on display.
    """

    TITLES = ("About the study", "H1 Group type", "H2 Setting", "H3 Training", "H4 Experience", "H5 Years")

    def __init__(self, data: pd.DataFrame | None = None, name: str = "data/providers.csv", shipped: bool = True):
        self.source = DataSource(load_providers() if data is None else data, name, shipped)
        self.shipped_source = self.source if shipped else None
        self.banner = w.HTML()
        self.upload = w.FileUpload(accept=".csv,text/csv,.yaml,.yml", multiple=True, description="Upload a class CSV",
                                   tooltip="A CSV file that follows the codebook (data/datapackage.json), or a "
                                           "Qualtrics or Google Forms export (with its mapping file, if any)",
                                   layout=w.Layout(width="auto"))
        self.reset = w.Button(description="Use the shipped data", tooltip="Back to the synthetic data",
                              disabled=shipped, layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.landing = w.HTML(LANDING)
        self.readiness = w.HTML()
        self.panels = [GroupTypePanel(self.source), SettingPanel(self.source), TrainingPanel(self.source),
                       ExperiencePanel(self.source), YearsPanel(self.source)]
        self.tabs = w.Tab(children=[w.VBox([self.landing, self.readiness]), *self.panels], titles=self.TITLES)
        upload_row = w.HBox([self.upload, self.reset], layout=w.Layout(flex_flow="row wrap"))
        super().__init__(children=[self.banner, upload_row, self.message, self.tabs])
        self.add_class("mutsup-app")
        self.upload.observe(self._uploaded, names="value")
        self.reset.on_click(self._reset)
        self._show(self.source)

    # -- data in
    def load_bytes(self, content: bytes, name: str, mapping: tuple[str, str] | None = None) -> bool:
        """Read an uploaded file (in memory) and show it on every tab; on a rejected file, say why.

        A file that follows the codebook is loaded as it is. A survey tool's export (Qualtrics, Google
        Forms) goes through the import step, with ``mapping`` (its file name and text) or, without
        one, the mapping ``mutsup survey`` writes for that tool. Nothing is written to disk.
        """
        imported = ""
        try:
            if mapping is None and detect_tool(content) is None:
                data = load_providers_bytes(content, name)
            else:
                result, how = import_upload(name, content, *(mapping or (None, None)))
                data = load_providers_bytes(result.table.to_csv(index=False).encode("utf-8"), name)
                imported = _imported_text(result, how)
        except DataValidationError as exc:
            what = "its answers do not fit the mapping" if mapping or detect_tool(content) else \
                "it does not follow the codebook"
            self._error(f"{name} was not loaded: {what}.", [p.describe() for p in exc.problems])
            return False
        except (ValueError, UnicodeError) as exc:  # a mapping file's error (MappingError) is a ValueError
            self._error(f"{name} was not loaded.", [str(exc)])
            return False
        self._show(DataSource(data, name, shipped=False))
        counts = readiness(data)["status"].value_counts()
        summary = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in READINESS_STATUSES)
        self.message.value = (f'<div role="status" class="mutsup-message mutsup-ok">Loaded {escape(name)}: '
                              f"{imported}{len(data)} respondents, valid under the codebook. The paper's analyses "
                              f"on it: {summary} (the tab About the study lists those that changed).</div>")
        return True

    def load_files(self, files: dict[str, bytes]) -> bool:
        """What an upload of several files does: one CSV (the data or an export), at most one mapping file."""
        csvs = {n: c for n, c in files.items() if not n.lower().endswith((".yaml", ".yml"))}
        mappings = {n: c for n, c in files.items() if n not in csvs}
        if len(csvs) != 1 or len(mappings) > 1:
            self._error("Nothing was loaded: upload one CSV file, and at most one mapping file (.yaml) with it.",
                        [f"uploaded: {', '.join(files) or 'nothing'}"])
            return False
        (name, content), = csvs.items()
        mapping = None
        if mappings:
            (mapping_name, mapping_bytes), = mappings.items()
            try:
                mapping = (mapping_name, bytes(mapping_bytes).decode("utf-8-sig"))
            except UnicodeDecodeError:
                self._error(f"{mapping_name} was not read: it is not a UTF-8 text file.", [])
                return False
        return self.load_bytes(bytes(content), name, mapping)

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        self.load_files({upload["name"]: bytes(upload["content"]) for upload in files})

    def _reset(self, _button=None) -> None:
        if self.shipped_source is None:
            self.shipped_source = DataSource(load_providers(), "data/providers.csv", shipped=True)
        self._show(self.shipped_source)
        self.message.value = '<div role="status" class="mutsup-message">Showing the shipped synthetic data.</div>'

    def _error(self, headline: str, problems: list[str]) -> None:
        shown = problems[:_MAX_PROBLEMS]
        more = len(problems) - len(shown)
        listed = "".join(f"<li>{escape(p)}</li>" for p in shown) + (f"<li>and {more} more</li>" if more else "")
        self.message.value = (f'<div role="alert" class="mutsup-message mutsup-error" style="border-left:4px solid '
                              f'#a30000;padding:0.3em 0.8em"><p><b>{escape(headline)}</b></p><ul>{listed}</ul>'
                              f"<p>{_EXPORT_HINT}</p><p>The tabs still show {self.source.label}.</p></div>")

    # -- data out
    def _show(self, source: DataSource) -> None:
        self.source = source
        self.reset.disabled = source.shipped
        self.banner.value = (f'{_STYLE}<p class="mutsup-banner" role="status"><b>Data on display:</b> '
                             f"{source.label}.</p>")
        for panel in self.panels:
            panel.show(source)
        self.readiness.value = "" if source.shipped else self._readiness_html(source.data)

    @staticmethod
    def _readiness_html(data: pd.DataFrame) -> str:
        table = readiness(data)
        changed = table[table["status"] != "as in the paper"].drop(columns="section")
        if changed.empty:
            return "<h2>Your data</h2><p>Every analysis of the paper runs on your data as in the paper.</p>"
        return ("<h2>Your data</h2><p>These analyses do not run as in the paper on your data:</p>"
                + html_table(changed, caption="Analyses that changed or cannot run"))

    def __repr__(self) -> str:
        shown = "shipped" if self.source.shipped else repr(self.source.name)
        return f"ReplicationApp(data={shown}, n={len(self.source.data)})"


def replication_app(data: pd.DataFrame | None = None, data_path=None) -> ReplicationApp:
    """The Voilà app (``notebooks/explorer.ipynb``): on ``data``, on the file at ``data_path``, or on the shipped data.

    Used in: explorer.
    """
    if data is None and data_path is not None:
        return ReplicationApp(load_providers(data_path), name=str(data_path), shipped=False)
    return ReplicationApp(data)
