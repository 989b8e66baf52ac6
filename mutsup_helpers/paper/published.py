"""The paper's printed numbers as tidy tables.

``data/published_results.yaml`` holds every number Chinman et al. (2002) printed,
exactly as printed (typos included). This module turns it into pandas tables
whose names follow the data contract (``setting3``, ``years_in_discipline``, ...)
and keeps, for every value, the number of decimals it was printed with, so that
"reproduced to printed precision" is decided by code (:class:`~.printed.Printed`).

Each table carries ``table.attrs["decimals"]``: a dict from column name to the
printed number of decimals. Where decimals vary by row (ANOVA p values), the
table has a ``<column>_decimals`` column instead. :func:`targets` stacks every
printed number into one long table with a stable id per number.

Used in: every notebook (paper vs here), ``mutsup verify``, ``mutsup audit``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..paths import data_file
from .design import ITEMS, YEARS, design_of
from .printed import decimals_of_literal, printed_p

# The paper's names for factors and variables -> the data contract's column names.
__all__ = ["Published", "PublishedResultsError", "describe_pattern", "id_part", "load_published", "pattern_id"]

_FACTOR_NAMES = {"setting": "setting3", "training": "training", "group_type": "group_type"}
_TABLE1_VARIABLES = {"race": "race_ethnicity"}


class PublishedResultsError(ValueError):
    """The published-results file does not have the expected structure."""


def _factor_name(effect: str) -> str:
    return ":".join(_FACTOR_NAMES[part] for part in effect.split(":"))


def _with_decimals(frame: pd.DataFrame, decimals: dict[str, int]) -> pd.DataFrame:
    frame.attrs["decimals"] = dict(decimals)
    return frame


@dataclass(frozen=True)
class Published:
    """The printed numbers of the paper, read from one YAML file.

    >>> pub = load_published()
    >>> len(pub.table1), len(pub.table2), len(pub.table3), len(pub.anova), len(pub.ttests)
    (40, 30, 10, 10, 5)
    >>> pub.table2.attrs["decimals"]["mean"]
    2
    """

    # The parsed registry. Read it through ``raw`` (a copy): the parse is cached, and a notebook
    # that edited the shared dict would change every later load in its kernel.
    source: dict = field(repr=False)
    path: Path | None = None

    @property
    def raw(self) -> dict:
        """A deep copy of the registry as parsed; editing it changes nothing else."""
        return copy.deepcopy(self.source)

    @cached_property
    def key(self) -> str:
        """The registry's content as canonical JSON: equal registries have equal keys, wherever they came from."""
        return json.dumps(self.source, sort_keys=True, default=str)

    @property
    def precision(self) -> dict:
        return self.source["precision"]

    @property
    def study(self) -> dict:
        """Sampling facts of the Method section (facilities, surveys mailed, ...)."""
        return dict(self.source["study"])

    @cached_property
    def table1(self) -> pd.DataFrame:
        """Table 1: variable, level, n, pct (40 rows, ``missing`` rows included)."""
        rows = [
            (_TABLE1_VARIABLES.get(var, var), str(level), int(n), float(pct))
            for var, level, n, pct in self.source["table1"]
        ]
        frame = pd.DataFrame(rows, columns=["variable", "level", "n", "pct"])
        return _with_decimals(frame, self.precision["table1"])

    @cached_property
    def continuous(self) -> pd.DataFrame:
        """Years in discipline and in setting: variable, mean, sd."""
        rows = [(var, float(v["mean"]), float(v["sd"])) for var, v in self.source["continuous"].items()]
        frame = pd.DataFrame(rows, columns=["variable", "mean", "sd"])
        return _with_decimals(frame, self.precision["continuous"])

    @cached_property
    def derived_factors(self) -> pd.DataFrame:
        """Coded group sizes stated in the Analyses section: factor, level, n, members."""
        rows = []
        for factor, levels in self.source["derived_factors"].items():
            for level, spec in levels.items():
                members = spec.get("disciplines", spec.get("settings"))
                rows.append((factor, level, int(spec["n"]), list(members)))
        frame = pd.DataFrame(rows, columns=["factor", "level", "n", "members"])
        return _with_decimals(frame, {"n": 0})

    @cached_property
    def anova(self) -> pd.DataFrame:
        """The reported mixed-ANOVA effects (10 rows).

        ``effect`` uses the data contract's names (the paper's "setting" is
        ``setting3``); ``p_decimals`` holds each p value's printed decimals.
        """
        rows = []
        for rec in self.source["anova"]:
            rows.append(
                {
                    "item": rec["item"],
                    "effect": _factor_name(rec["effect"]),
                    "df1": int(rec["df1"]),
                    "df2": int(rec["df2"]),
                    "F": float(rec["F"]),
                    "p": float(rec["p"]),
                    "p_decimals": decimals_of_literal(rec["p"]),
                    "description": rec.get("direction") or rec.get("pattern") or "",
                }
            )
        frame = pd.DataFrame(rows)
        return _with_decimals(frame, {"df1": 0, "df2": 0, "F": self.precision["anova"]["F"]})

    @cached_property
    def ttests(self) -> pd.DataFrame:
        """The five printed t-tests (ms items, "No" minus "Yes"): split, item, df, t, p."""
        frame = pd.DataFrame(self.source["ttests"])[["split", "item", "df", "t", "p"]]
        frame = frame.astype({"df": int, "t": float, "p": float})
        return _with_decimals(frame, {"df": 0, **self.precision["ttests"]})

    @cached_property
    def table2(self) -> pd.DataFrame:
        """Table 2 (30 rows): split, item, level, n, mean, sd, flagged."""
        cols = ["split", "item", "level", "n", "mean", "sd", "flagged"]
        frame = pd.DataFrame(self.source["table2"], columns=cols)
        frame = frame.astype({"n": int, "mean": float, "sd": float, "flagged": bool})
        return _with_decimals(frame, self.precision["table2"])

    @cached_property
    def table3(self) -> pd.DataFrame:
        """Table 3 (10 rows): r of each item with years in setting and in discipline.

        The paper's "years in profession" is ``years_in_discipline``.
        """
        cols = [
            "item",
            "group_type",
            "r_years_in_setting",
            "stars_years_in_setting",
            "r_years_in_discipline",
            "stars_years_in_discipline",
        ]
        frame = pd.DataFrame(self.source["table3"], columns=cols)
        for years in YEARS:
            frame[f"r_{years}"] = frame[f"r_{years}"].astype(float)
        r_dec = self.precision["table3"]["r"]
        return _with_decimals(frame, {f"r_{y}": r_dec for y in YEARS})

    @cached_property
    def value_means(self) -> pd.DataFrame:
        """The value-item means and SDs printed in the Results text: group_type, mean, sd."""
        rows = [(g, float(v["mean"]), float(v["sd"])) for g, v in self.source["value_means_in_text"].items()]
        frame = pd.DataFrame(rows, columns=["group_type", "mean", "sd"])
        return _with_decimals(frame, self.precision["value_means_in_text"])

    @cached_property
    def figures(self) -> pd.DataFrame:
        """Figures 1-4: figure, item, x, lines (x uses the data contract's names)."""
        frame = pd.DataFrame(self.source["figures"])
        frame["x"] = frame["x"].map(_factor_name)
        return frame

    @cached_property
    def scheffe(self) -> pd.DataFrame:
        """Scheffé results stated in the text: item, factor, level_a, level_b, p, p_decimals.

        Items whose text says no pair differed have one row with empty levels and p.
        """
        rows = []
        for rec in self.source.get("scheffe", []):
            factor = _factor_name(rec["factor"])
            for level_a, level_b, p in rec["significant"]:
                rows.append((rec["item"], factor, level_a, level_b, float(p), decimals_of_literal(p)))
            if not rec["significant"]:
                rows.append((rec["item"], factor, None, None, None, None))
        columns = ["item", "factor", "level_a", "level_b", "p", "p_decimals"]
        return pd.DataFrame(rows, columns=columns).astype({"p_decimals": "Int64"})

    @property
    def mean_patterns(self) -> list[dict]:
        """Orders of observed means the text describes (factor names as in the data)."""
        return [{**rec, "factor": _factor_name(rec["factor"])} for rec in self.source.get("mean_patterns", [])]

    def expected_nonsignificant(self) -> pd.DataFrame:
        """The ANOVA effects the paper reports as not significant: every effect not listed.

        >>> ns = load_published().expected_nonsignificant()
        >>> len(ns), sorted(ns.loc[ns.item == "helpfulness", "effect"])[:2]
        (25, ['group_type:training:setting3', 'setting3'])
        """
        listed = set(zip(self.anova["item"], self.anova["effect"], strict=True))
        rows = [(i, e) for i in ITEMS for e in design_of(self).effects if (i, e) not in listed]
        return pd.DataFrame(rows, columns=["item", "effect"])

    @property
    def scales(self) -> dict[str, dict[int, str]]:
        """Anchors of the 1-5 scale of each item."""
        return {item: {int(k): v for k, v in anchors.items()} for item, anchors in self.source["scales"].items()}

    @property
    def questions(self) -> dict[str, str]:
        """Each item's question as printed in Method: Measures, without its anchors or '?'.

        >>> load_published().questions["familiarity"]
        'How familiar are you with each of these groups'
        """
        return dict(self.source.get("questions", {}))

    @property
    def measures(self) -> pd.DataFrame:
        """The five items as printed (Method: Measures): question and the anchors of 1 and 5.

        >>> load_published().measures.loc["referral"].tolist()
        ['How frequently do you now refer clients to each group?', 'Never', 'Often']
        """
        rows = [(item, f"{self.questions[item]}?", self.scales[item][1], self.scales[item][5]) for item in ITEMS]
        return pd.DataFrame(rows, columns=["item", "question", "1", "5"]).set_index("item")

    def targets(self) -> pd.DataFrame:
        """Every printed number, one row each: section, target, printed, decimals, kind.

        ``target`` is a stable id such as ``table2/self_hospitalized/value/Yes/mean``
        or ``anova/familiarity/group_type:setting3/F``. ``kind`` says how a
        reproduced value is compared: ``round`` (to printed decimals), ``p_below``
        (the paper prints p < .001 as 0.0001), ``flag`` / ``stars`` (labels), ``pattern`` (an order
        of means the text states) or ``shape`` (a claim of the text made checkable by a band the
        rebuild chose: :mod:`.shapes`; ``printed`` is then the band in words).

        >>> t = load_published().targets()
        >>> row = t.set_index("target").loc["anova/familiarity/group_type/F"]
        >>> row.printed, int(row.decimals), row.kind
        (38.83, 2, 'round')
        """
        columns = ["section", "target", "printed", "decimals", "kind"]
        frame = pd.DataFrame(_iter_targets(self), columns=columns)
        return frame.astype({"decimals": "Int64"})


def _iter_targets(pub: Published):
    dec = pub.table1.attrs["decimals"]
    for r in pub.table1.itertuples():
        base = f"table1/{r.variable}/{id_part(r.level)}"
        yield "table1", f"{base}/n", r.n, dec["n"], "round"
        yield "table1", f"{base}/pct", r.pct, dec["pct"], "round"
    dec = pub.continuous.attrs["decimals"]
    for r in pub.continuous.itertuples():
        for stat in ("mean", "sd"):
            yield "continuous", f"continuous/{r.variable}/{stat}", getattr(r, stat), dec[stat], "round"
    for r in pub.derived_factors.itertuples():
        yield "derived_factors", f"derived_factors/{r.factor}/{r.level}/n", r.n, 0, "round"
    dec = pub.table2.attrs["decimals"]
    for r in pub.table2.itertuples():
        base = f"table2/{r.split}/{r.item}/{r.level}"
        for stat in ("n", "mean", "sd"):
            yield "table2", f"{base}/{stat}", getattr(r, stat), dec[stat], "round"
        if r.level == "Yes":
            yield "table2", f"table2/{r.split}/{r.item}/flag", r.flagged, None, "flag"
    dec = pub.ttests.attrs["decimals"]
    for r in pub.ttests.itertuples():
        base = f"ttest/{r.split}/{r.item}"
        yield "ttests", f"{base}/df", r.df, 0, "round"
        yield "ttests", f"{base}/t", r.t, dec["t"], "round"
        yield "ttests", f"{base}/p", r.p, dec["p"], "round"
    dec = pub.table3.attrs["decimals"]
    for r in pub.table3.itertuples():
        for years in YEARS:
            base = f"table3/{r.item}/{r.group_type}/{years}"
            yield "table3", f"{base}/r", getattr(r, f"r_{years}"), dec[f"r_{years}"], "round"
            yield "table3", f"{base}/stars", getattr(r, f"stars_{years}"), None, "stars"
    for r in pub.anova.itertuples():
        base = f"anova/{r.item}/{r.effect}"
        yield "anova", f"{base}/df1", r.df1, 0, "round"
        yield "anova", f"{base}/df2", r.df2, 0, "round"
        yield "anova", f"{base}/F", r.F, 2, "round"
        p_kind = "p_below" if printed_p(r.p, r.p_decimals).below is not None else "round"
        yield "anova", f"{base}/p", r.p, r.p_decimals, p_kind
    for r in pub.expected_nonsignificant().itertuples():
        yield "anova", f"anova/{r.item}/{r.effect}/not_significant", "p > .05", None, "not_significant"
    dec = pub.value_means.attrs["decimals"]
    for r in pub.value_means.itertuples():
        for stat in ("mean", "sd"):
            yield "value_means", f"value_means/{r.group_type}/{stat}", getattr(r, stat), dec[stat], "round"
    for r in pub.scheffe.itertuples():
        if pd.isna(r.level_a):
            yield (
                "scheffe",
                f"scheffe/{r.item}/{r.factor}/none_significant",
                "no pair p < .05",
                None,
                "none_significant",
            )
        else:
            yield "scheffe", f"scheffe/{r.item}/{r.factor}/{r.level_a}-{r.level_b}/p", r.p, r.p_decimals, "round"
    for rec in pub.mean_patterns:
        yield "patterns", pattern_id(rec), describe_pattern(rec), None, "pattern"
    from .shapes import shape_targets  # shapes reads the bands from readings, which imports this module

    for shape in shape_targets(pub):
        yield "shapes", shape.id, shape.what, None, "shape"


def id_part(label: str) -> str:
    """A label made safe for a slash-separated target id (``missing/other`` -> ``missing or other``).

    >>> id_part("missing/other")
    'missing or other'
    """
    return label.replace("/", " or ")


def pattern_id(rec: dict) -> str:
    """Stable id of one mean-order claim, e.g. ``pattern/familiarity/setting3/ms/rehabilitation``."""
    focus = rec.get("higher") or rec.get("lower") or f"gap_{rec.get('larger_gap_on')}"
    return f"pattern/{rec['item']}/{rec['factor']}/{rec.get('group_type', 'both')}/{focus}"


def describe_pattern(rec: dict) -> str:
    """The claim in words, e.g. ``ms: rehabilitation > treatment, case_management``."""
    if "larger_gap_on" in rec:
        return f"{rec['factor']} gap larger on {rec['larger_gap_on']} than on {', '.join(rec['than'])}"
    sign, level = (">", rec["higher"]) if "higher" in rec else ("<", rec["lower"])
    prefix = f"{rec['group_type']}: " if "group_type" in rec else ""
    return f"{prefix}{level} {sign} {', '.join(rec['than'])}"


@lru_cache(maxsize=8)
def _parse_yaml(text: str) -> dict:
    # Parsing is the slow part and every notebook cell may ask for the registry: cache by the
    # file's content (an edited file is parsed again, whatever its modification time says).
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_published(path: str | Path | None = None) -> Published:
    """Read ``published_results.yaml`` (the shipped copy by default).

    Raises :class:`PublishedResultsError` naming the file and the missing section.
    """
    path = Path(path) if path is not None else data_file("published_results.yaml")
    try:
        raw = _parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PublishedResultsError(f"{path}: cannot read the published results: {exc}") from exc
    required = (
        "precision",
        "study",
        "table1",
        "continuous",
        "derived_factors",
        "anova",
        "ttests",
        "table2",
        "table3",
        "value_means_in_text",
        "scales",
    )
    missing = [key for key in required if not isinstance(raw, dict) or key not in raw]
    if missing:
        raise PublishedResultsError(f"{path}: missing section(s) {', '.join(missing)}")
    return Published(source=raw, path=path)
