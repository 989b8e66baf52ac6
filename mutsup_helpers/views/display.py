"""How numbers are shown: the one place that turns results into text for a student's screen.

Statistics stay exact everywhere below this layer; rounding and formatting happen here,
at display time only (:func:`format_number`, :func:`rounded`, :func:`paper_vs_here`). APA-style p values
are :func:`mutsup_helpers.paper.printed.fmt_p` (the audit's evidence uses them too).

May import: every layer below. Used in: every notebook ("paper vs here"), ``mutsup verify``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import stats

from ..compare.replication import replication_table
from ..compare.scorecard import scorecard
from ..paper.printed import P_FLOOR, fmt_p
from ..paper.published import Published

__all__ = ["anova_view", "apa_f", "apa_r", "apa_t", "correlation_view", "effect_label", "format_number",
           "group_comparison_view", "html_table", "paper_vs_here", "printed_f", "replication_view", "rounded",
           "shapes_view", "show"]


def format_number(value, significant: int | None = None) -> str:
    """A value as text: booleans, strings and None as they are; floats to 4 decimals (4 significant
    digits below .001), or to ``significant`` significant digits.

    >>> format_number(3.14159), format_number(0.000123456), format_number(2.5), format_number(1 / 3, 6)
    ('3.1416', '0.0001235', '2.5', '0.333333')
    >>> format_number(float("nan")), format_number(float("nan"), 3)  # not computable: an empty cell, never "nan"
    ('', '')
    """
    if isinstance(value, float) and significant is not None and not math.isnan(value):
        return f"{value:.{significant}g}"
    return _fmt(value)


def _fmt(value) -> str:  # noqa: PLR0911
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return "" if value is None else str(value)
    if isinstance(value, float):
        return (
            "" if math.isnan(value) else f"{value:.4g}" if abs(value) < 1e-3 else f"{value:.4f}".rstrip("0").rstrip(".")
        )
    return str(value)


def paper_vs_here(
    data: pd.DataFrame,
    pub: Published | None = None,
    section: str | None = None,
    items: Iterable[str] | None = None,
    effects: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One section of the scorecard, ready to show in a notebook.

    ``items`` and ``effects`` keep only targets whose id names one of them.

    Used in: every notebook, section "Paper vs here".
    """
    card = scorecard(data, pub, section=section, items=items, effects=effects)
    is_p = card["target"].str.endswith("/p")
    printed = [_printed_p(v) if p else format_number(v) for v, p in zip(card["printed"], is_p, strict=True)]
    here = [_apa_p(v, 4) if p else format_number(v) for v, p in zip(card["reproduced"], is_p, strict=True)]
    shown = card.assign(printed=printed, reproduced=here)
    # the readable description first; the stable id (for mutsup verify --json) last
    return shown[["what", "printed", "reproduced", "status", "note", "target"]].reset_index(drop=True)


def shapes_view(data: pd.DataFrame, pub: Published | None = None, items: Iterable[str] | None = None,
                factor: str | None = None) -> pd.DataFrame:
    """The text's shape claims on ``data``: what the paper says (retold), where, the band the
    rebuild held itself to (its own choice, not the paper's), the value here and the status.

    The rebuilt data were built to meet every band; on a class's own data the same table says
    whether the class's figures read the way the paper's text describes them. ``items`` and
    ``factor`` (``setting3``, ``training``) keep only the claims about them.

    Used in: 05_h2_setting, 06_h3_training, 11_how_the_data_were_rebuilt.
    """
    card = scorecard(data, pub, section="shapes", items=items, effects=None if factor is None else [factor])
    # Indexed by claim, so that each sentence of the paper shows once above its bands.
    return pd.DataFrame({
        "the paper says (retold; section)": card["what"],
        "band (chosen by the rebuild)": card["printed"],
        "here": [format_number(v, 3) for v in card["reproduced"]],
        "status": card["status"],
        "target": card["target"],
    }).set_index(["the paper says (retold; section)", "band (chosen by the rebuild)"])


def _printed_p(value) -> str:
    """A printed p as printed, with the paper's floor spelled out (.0001 stands for p < .001)."""
    if not isinstance(value, float) or not np.isfinite(value):
        return format_number(value)
    return "p = .0001 (read: p < .001)" if value <= P_FLOOR[0] else f"p = {fmt_p(value)}"


def rounded(value, digits: int = 6):
    """``value`` with every float rounded to ``digits`` significant digits, for display.

    Dicts, lists, plain tuples and pandas Series keep their shape; ints, bools, strings and
    anything else pass through. A float printed in full shows 17 digits, and the last ones
    change from one scipy release to the next; six are more than any conclusion needs.

    Used in: 08_h5_years_of_experience, 10_reporting_audit (results of the check functions).

    >>> rounded({"p": 0.04508258141010059, "consistent": True, "n": 3, "range": (0.0445537245, 2.5)})
    {'p': 0.0450826, 'consistent': True, 'n': 3, 'range': (0.0445537, 2.5)}
    """
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if number == 0 or not math.isfinite(number):
            return number
        try:
            return round(number, digits - 1 - math.floor(math.log10(abs(number))))
        except OverflowError:  # rounding up past the largest float (about 1.8e308)
            return number
    if isinstance(value, dict):
        return {key: rounded(item, digits) for key, item in value.items()}
    if isinstance(value, list) or (type(value) is tuple):
        return type(value)(rounded(item, digits) for item in value)
    if isinstance(value, pd.Series):
        return value.map(lambda item: rounded(item, digits))
    return value


def replication_view(data: pd.DataFrame, pub: Published | None = None) -> pd.DataFrame:
    """The replication verdicts as a table to read: one row per finding, numbers as text.

    ``paper`` (from its printed F, or t as F = t squared, and df) and ``your data`` give F, df,
    p and partial eta squared with its 90% CI; ``direction``: the means follow the text ("-":
    the paper states no direction); ``paper in CI``; ``smaller than d33``: the one-sided p of
    the small-telescopes test (for a reported null, the equivalence test). Used in: 01_overview.
    """
    table = replication_table(data, pub)
    rows = [r for _, r in table.iterrows()]
    return pd.DataFrame({
        "finding": table["finding"],
        "paper says": table["paper_result"],
        "paper": [_test(r, "paper") for r in rows],
        "paper eta2 [90% CI]": [_eta2(r, "paper") for r in rows],
        "your data": [_test(r, "class") for r in rows],
        "your eta2 [90% CI]": [_eta2(r, "class") for r in rows],
        "direction": table["same_direction"].map(_yes_no),
        "paper in CI": table["paper_in_class_ci"].map(_yes_no),
        "smaller than d33": [_apa_p(p) for p in table["p_smaller"]],
        "verdict": table["verdict"],
        "note": table["note"],
    })


def _apa_p(p, decimals: int = 3) -> str:
    """APA style: ``p < .001``, else ``p = .023`` (``decimals`` after the point)."""
    if not isinstance(p, (float, int)) or isinstance(p, bool) or not np.isfinite(p):
        return format_number(p)
    return "p < .001" if p < 0.001 else f"p = {fmt_p(p, decimals)}"


def _yes_no(value) -> str:
    return "-" if value is None else "yes" if value else "no"


def _test(row: pd.Series, side: str) -> str:
    f_value, df2 = row[f"{side}_F"], row[f"{side}_df2"]
    if not np.isfinite(f_value):
        return "no F printed" if side == "paper" else "not computable"
    return f"F({row['df1']}, {df2:.0f}) = {f_value:.2f}, {_apa_p(float(stats.f.sf(f_value, row['df1'], df2)))}"


def _eta2(row: pd.Series, side: str) -> str:
    if not np.isfinite(row[f"{side}_eta2"]):
        return ""
    low, high = fmt_p(row[f"{side}_low"], 3), fmt_p(row[f"{side}_high"], 3)
    return f"{fmt_p(row[f'{side}_eta2'], 3)} [{low}, {high}]"


def show(table: pd.DataFrame) -> None:
    """Display every row and column of a table in the notebook (pandas would cut a long one to ten rows).

    The options apply to this display only; the kernel's pandas settings stay as they are.
    Used in: the notebooks' long tables (scorecards, Table 1, Table 2, the test family).
    """
    from IPython.display import display

    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
        display(table)


def group_comparison_view(res: pd.Series) -> pd.DataFrame:
    """A t-test of :func:`~mutsup_helpers.stats.group_tests.compare_groups` as a reader says it.

    Used in: the group comparison explorer (07).
    """
    def group(level: str) -> str:
        n, mean, sd = res[f"n_{level}"], res[f"mean_{level}"], res[f"sd_{level}"]
        if not np.isfinite(mean):
            return f"{int(n)}, -"
        return f"{int(n)}, {mean:.2f} ({sd:.2f})" if np.isfinite(sd) else f"{int(n)}, {mean:.2f} (SD needs 2)"

    finite = np.isfinite(res["t"])
    rows = {
        "No: n, mean (SD)": group("no"),
        "Yes: n, mean (SD)": group("yes"),
        "difference No - Yes [95% CI]": (f"{res['diff']:.2f} [{res['ci_low']:.2f}, {res['ci_high']:.2f}]"
                                         if finite else "not computable"),
        f"{res['test']}'s t": f"t({res['df']:.4g}) = {res['t']:.2f}" if finite else "not computable",
        "p (two-sided)": _apa_p(float(res["p"])) if finite else "",
        "Cohen's d / Hedges' g": f"{res['cohen_d']:.2f} / {res['hedges_g']:.2f}" if finite else "",
    }
    label = f"{res['item']} ({'12-step' if res['group_type'] == 'twelve_step' else 'psychiatric'}) by {res['split']}"
    return pd.DataFrame({label: rows})


def correlation_view(res: pd.Series) -> pd.DataFrame:
    """A correlation of :func:`~mutsup_helpers.stats.correlations.correlate` as a reader says it.

    Used in: the correlation explorer (08).
    """
    finite = np.isfinite(res["r"])
    name = "Pearson's r" if res["method"] == "pearson" else "Spearman's rho"
    rows = {
        f"{name} [95% CI]": (f"{res['r']:.3f} [{res['ci_low']:.3f}, {res['ci_high']:.3f}]" if finite
                             else "not computable"),
        "N (answered both)": str(int(res["n"])),
        "p (two-sided)": _apa_p(float(res["p"])) if finite else "",
    }
    return pd.DataFrame({f"{res['y']} with {res['x']}": rows})



# ----------------------------------------------------------------------------- APA style, for sentences


def _no_zero(value: float, decimals: int) -> str:
    """A statistic bounded by 1 without its leading zero (APA): ``.09``, ``-.15``."""
    text = f"{value:.{decimals}f}"
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def _df(value) -> str:
    value = float(value)
    return f"{value:.0f}" if value == round(value) else f"{value:.1f}"


def apa_f(f_value, df1, df2, p, np2=None) -> str:
    """An F test as APA prints it: ``F(1, 381) = 38.83, p < .001, partial eta squared = .09``.

    >>> apa_f(38.831903, 1, 381, 1.22e-09, 0.092494)
    'F(1, 381) = 38.83, p < .001, partial eta squared = .09'
    >>> apa_f(0.0587, 2, 381.0, 0.94296)
    'F(2, 381) = 0.06, p = .943'
    """
    text = f"F({_df(df1)}, {_df(df2)}) = {float(f_value):.2f}, {_apa_p(float(p))}"
    return text if np2 is None else f"{text}, partial eta squared = {_no_zero(float(np2), 2)}"


def apa_t(t, df, p, d=None) -> str:
    """A t test as APA prints it: ``t(414) = -2.37, p = .018, d = -0.31`` (Welch's df with one decimal).

    >>> apa_t(-2.374319, 414.0, 0.018036, -0.309419)
    't(414) = -2.37, p = .018, d = -0.31'
    >>> apa_t(-2.2, 98.456, 0.03)
    't(98.5) = -2.20, p = .030'
    """
    text = f"t({_df(df)}) = {float(t):.2f}, {_apa_p(float(p))}"
    return text if d is None else f"{text}, d = {float(d):.2f}"


def apa_r(r, n, p, method: str = "pearson", ci=None) -> str:
    """A correlation as APA prints it, df = N - 2: ``r(417) = .15, p = .002, 95% CI [.05, .24]``.

    >>> apa_r(0.148235, 419, 0.00235, ci=(0.05319, 0.240618))
    'r(417) = .15, p = .002, 95% CI [.05, .24]'
    >>> apa_r(-0.0412, 30, 0.83, method="spearman")
    'rs(28) = -.04, p = .830'
    """
    name = "r" if method == "pearson" else "rs"
    text = f"{name}({int(n) - 2}) = {_no_zero(float(r), 2)}, {_apa_p(float(p))}"
    if ci is None:
        return text
    return f"{text}, 95% CI [{_no_zero(float(ci[0]), 2)}, {_no_zero(float(ci[1]), 2)}]"


def printed_f(f_value, df1, df2, p) -> str:
    """An F test as the paper printed it (its p as printed, the floor spelled out).

    >>> printed_f(38.83, 1, 381, 0.0001)
    'F(1, 381) = 38.83, p = .0001 (read: p < .001)'
    """
    return f"F({_df(df1)}, {_df(df2)}) = {float(f_value):.2f}, {_printed_p(float(p))}"


#: How an effect of the mixed ANOVA reads in a table or a sentence.
_EFFECT_LABELS = {"group_type": "Group type", "training": "Training", "setting3": "Setting"}


def effect_label(effect: str) -> str:
    """``group_type:setting3`` -> ``Group type x Setting``."""
    return " x ".join(_EFFECT_LABELS.get(part, part) for part in effect.split(":"))


#: What the paper's Results say of an ANOVA effect they print no F for: nothing significant was reported.
NOT_REPORTED_SIGNIFICANT = "no F printed (not reported as significant)"


def anova_view(table: pd.DataFrame, paper: dict[str, str] | None = None) -> pd.DataFrame:
    """A mixed-ANOVA table as a reader says it: effect, F with its df, APA p, partial eta squared.

    ``paper`` maps an effect to what the paper printed for it (a column ``paper`` when given).
    Used in: the Voila app (its H1-H3 tabs).
    """
    shown = pd.DataFrame({
        "effect": [effect_label(e) for e in table["effect"]],
        "F (df)": [f"F({_df(a)}, {_df(b)}) = {f:.2f}" for a, b, f in zip(table["df1"], table["df2"], table["F"],
                                                                         strict=True)],
        "p": [_apa_p(float(v)) for v in table["p"]],
        "partial eta squared": [_no_zero(float(v), 3) for v in table["np2"]],
    })
    if paper is not None:  # the paper prints an F only for its significant effects
        shown["paper printed"] = [paper.get(e, NOT_REPORTED_SIGNIFICANT) for e in table["effect"]]
    return shown


def html_table(frame: pd.DataFrame, caption: str = "") -> str:
    """A table as HTML for a page: every cell through :func:`format_number` (no raw floats), no index.

    >>> html = html_table(pd.DataFrame({"p": [0.00001234, 2.0]}, index=[7, 8]), caption="Two numbers")
    >>> html[:58]
    '<table class="mutsup-table"><caption>Two numbers</caption>'
    >>> html.count("<td>"), "<td>1.234e-05</td>" in html, "<td>2</td>" in html, ">7<" in html
    (2, True, True, False)
    """
    from html import escape

    def cell(value) -> str:
        return escape(format_number(float(value) if isinstance(value, np.floating) else value))

    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False, name=None))
    caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table class="mutsup-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
