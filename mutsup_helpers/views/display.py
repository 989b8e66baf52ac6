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

__all__ = ["correlation_view", "format_number", "group_comparison_view", "paper_vs_here", "replication_view",
           "rounded", "shapes_view", "show"]


def format_number(value, significant: int | None = None) -> str:
    """A value as text: booleans, strings and None as they are; floats to 4 decimals (4 significant
    digits below .001), or to ``significant`` significant digits.

    >>> format_number(3.14159), format_number(0.000123456), format_number(2.5), format_number(1 / 3, 6)
    ('3.1416', '0.0001235', '2.5', '0.333333')
    """
    if isinstance(value, float) and significant is not None:
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

    Used in: the group comparison explorer (07, the Voila app).
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

    Used in: the correlation explorer (08, the Voila app).
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

