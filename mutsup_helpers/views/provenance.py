"""Provenance at every table and figure: what the paper printed, what its numbers fix, what the rebuild chose.

The notebooks show tables and figures computed on the synthetic data. Each carries a line saying
where its numbers come from, worked out by :func:`mutsup_helpers.worlds.provenance.provenance` over
the ensemble of rebuilds in ``data/worlds`` (never typed):

- :func:`labelled` computes a table (or figure) on the data shown and on every world and labels each
  value *printed by the paper*, *fixed by the printed numbers* (it prints the same in every world) or
  *chosen by the rebuild* (it does not; the spread across worlds is given). A mixed table gains a
  ``provenance`` column; a figure of chosen values is drawn with every world's values behind it
  when its plotting function can (``behind=``).
- :func:`labelled_paper_numbers` labels a table made from the printed numbers alone (the audit):
  no data, so no world can change it.
- :func:`labelled_comparison` labels a table that sets the paper's numbers beside ours: the
  paper's column is printed; ours is inside the printed rounding in every world, as each world's
  verify totals in ``data/worlds/manifest.json`` record.

On data that are not one of the paper's worlds (a class's own survey, ``mutsup run --data``) the
label is "your data" and nothing is compared across worlds: the worlds describe the paper's study.
"""

from __future__ import annotations

import functools
import hashlib
import html
import inspect
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..cache import remember_on_disk, stable_key
from ..checks.proofs import unreachable_targets
from ..memo import content_key
from ..paper.design import PAPER_BETWEEN
from ..paper.published import load_published
from ..stats.anova import mixed_anova
from ..stats.mixed_models import printed_anova_cells
from ..worlds import load_manifest, load_worlds
from ..worlds.provenance import CHOSEN, FIXED, LABEL, PRINTED, provenance
from ..worlds.store import worlds_dir
from .plots import LEVEL_LABELS, message_figure, plot_ensemble

__all__ = ["YOUR_DATA", "Labelled", "anova_table", "across_worlds", "is_paper_world", "labelled", "labelled_comparison",
           "labelled_paper_numbers", "labelled_simulation", "paper_worlds", "provenance_line", "show_ensemble",
           "worlds_manifest"]

YOUR_DATA = "your data"
#: The CSS class of every provenance line (the structure test looks for it).
CSS_CLASS = "mutsup-provenance"
#: How many chosen cells a caption lists by name before it points to the provenance column.
_LISTED = 4

_WORLDS: dict[str, object] = {}  # the worlds loaded, and the folder's file stats they were loaded for
_WORLD_KEYS: dict[int, set] = {}  # the content keys of the loaded worlds (kept while _WORLDS holds them)
_READABLE = {"ms": "psychiatric", "twelve_step": "12-step", "difference": "difference", **LEVEL_LABELS}


def paper_worlds(folder: str | Path | None = None) -> list:
    """The ensemble of worlds (shipped first), loaded once per kernel for unchanged files.

    The first kernel loads them with every check (:func:`~mutsup_helpers.worlds.load_worlds`) and stores
    them in the cache (:mod:`mutsup_helpers.cache`) under a key holding every world file's checksum,
    so a changed file is loaded, and refused, again.
    """
    folder = Path(folder if folder is not None else worlds_dir())
    files = sorted(p for p in folder.iterdir() if p.is_file())
    seen = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)  # cheap: no file is read
    if _WORLDS.get("seen") != (str(folder), seen):
        key = str(folder) + "".join(f"\n{p.name} {hashlib.sha256(p.read_bytes()).hexdigest()}" for p in files)
        _WORLDS.clear()
        _WORLDS.update(seen=(str(folder), seen), worlds=remember_on_disk("worlds", key, lambda: load_worlds(folder)))
    return _WORLDS["worlds"]


def is_paper_world(data: pd.DataFrame) -> bool:
    """Whether ``data`` are one of the paper's worlds (the shipped data or a rebuild), by content."""
    worlds = paper_worlds()
    if id(worlds) not in _WORLD_KEYS:
        _WORLD_KEYS.clear()
        _WORLD_KEYS[id(worlds)] = {content_key(w.data) for w in worlds}
    return content_key(data) in _WORLD_KEYS[id(worlds)]


class Labelled:
    """A table (or a figure's caption) with its provenance line, as a notebook shows it.

    ``table``: the table as computed on the data shown (with a ``provenance`` column when its rows
    differ in provenance); ``caption``: the provenance line; ``cells``: each value's provenance
    (:data:`~mutsup_helpers.worlds.provenance.PROVENANCE_COLUMNS`), empty on a class's data;
    ``figure``: the figure, when what was labelled is a figure (shown just before the line).
    """

    def __init__(self, table: pd.DataFrame | None, caption: str, cells: pd.DataFrame | None = None,
                 figure: Figure | None = None):
        self.table, self.caption, self.figure = table, caption, figure
        self.cells = cells if cells is not None else pd.DataFrame()

    def line_html(self) -> str:
        """The provenance line as an HTML paragraph (for pages built by hand: the Voilà app)."""
        return f'<p class="{CSS_CLASS}"><b>Provenance:</b> {html.escape(self.caption)}</p>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = f"Provenance: {self.caption}"
        metadata = {"mutsup": {"provenance": self.caption}}
        if self.table is None:
            return {"text/html": self.line_html(), "text/plain": text}, metadata
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            table_html = self.table.to_html(na_rep="")
            plain = repr(self.table)
        return {"text/html": table_html + self.line_html(), "text/plain": f"{plain}\n{text}"}, metadata

    def __repr__(self) -> str:
        return self._repr_mimebundle_()[0]["text/plain"]


def labelled(make: Callable, data: pd.DataFrame, *args, printed: dict | None = None,
             p_values: Iterable = ("p",), decimals: int | dict = 2, what: str = "", worlds: int | None = None,
             **kwargs) -> Labelled:
    """``make(data, *args, **kwargs)`` with its provenance across the worlds.

    ``make`` returns a table (DataFrame, Series, dict or number) or a figure. A value is *fixed* when
    it is the same to ``decimals`` decimals (the paper's usual precision; p-values to 3) in every
    world, *chosen* otherwise; text is compared as text. ``printed`` names cells that are registry
    targets (``{label: target id}``; a ``make`` with a ``printed`` attribute names its own);
    ``p_values`` names the columns (or labels) that are p-values, for the share of worlds in which
    they are significant. For a figure, the values checked are those of its plotting function's
    ``values`` (the numbers it draws); if the function takes ``behind``, every world's values are
    drawn faintly behind the data shown. A figure is displayed at once and the line is returned.
    ``what``: a few words added to the line (what the table is), on any data. ``worlds``: compare
    across the first ``worlds`` worlds only (the shipped data and the rebuilds with the lowest seeds),
    for a computation too slow to repeat on all of them; the line says how many of how many.
    """
    if not is_paper_world(data):
        return _your_data(make, data, args, kwargs, what)
    chosen = _some_worlds(worlds)
    values = getattr(make, "values", None)
    cells = _cells(make, data, args, kwargs, printed, p_values, decimals, worlds)
    caption = _caption(cells, len(chosen), decimals) + _subset_note(chosen) + (f"; {what}" if what else "")
    if values is None:
        result = make(data, *args, **kwargs)
        if isinstance(result, Figure):
            raise TypeError(f"{make.__name__} draws a figure but does not say which values it draws (.values)")
        table = _with_column(_as_table(result), cells, decimals, by_cell=isinstance(result, pd.DataFrame))
        return Labelled(table, caption, cells)
    extra = {}
    if "behind" in inspect.signature(make).parameters and (cells["provenance"] == CHOSEN).any():
        shown = content_key(data)
        extra["behind"] = remember_on_disk("behind", _key(make, args, kwargs, data), lambda: [
            values(w.data, *args, **kwargs) for w in chosen if content_key(w.data) != shown])
        note = getattr(make, "behind_note", "faint lines: the other {n} rebuilds")  # how the figure draws them
        caption += "; " + note.format(n=len(extra["behind"]))
    fig = make(data, *args, **kwargs, **extra)
    return _show_figure(fig, caption, cells)


def provenance_line(make: Callable, data: pd.DataFrame, *args, printed: dict | None = None,
                    p_values: Iterable = ("p",), decimals: int | dict = 2, **kwargs) -> Labelled:
    """The provenance line of ``make(data, *args, **kwargs)`` alone, as :func:`labelled` gives it, shown by itself.

    For output that is drawn elsewhere (an explorer's table or figure): nothing is displayed or drawn.
    """
    if not is_paper_world(data):
        return Labelled(None, _your_data_line(data))
    cells = _cells(make, data, args, kwargs, printed, p_values, decimals)
    return Labelled(None, _caption(cells, len(paper_worlds()), decimals), cells)


def _some_worlds(worlds: int | None) -> list:
    """The worlds a label compares: all of them, or the first ``worlds`` (shipped first, then by seed)."""
    every = paper_worlds()
    if worlds is None or worlds >= len(every):
        return every
    if worlds < 2:
        raise ValueError(f"worlds={worlds}: a comparison across rebuilds needs at least 2")
    return every[:worlds]


def _subset_note(chosen: list) -> str:
    every = len(paper_worlds())
    if len(chosen) == every:
        return ""
    return (f" (only {len(chosen)} of the {every} rebuilds compared, to keep the notebook fast: the shipped "
            f"data and the {len(chosen) - 1} with the lowest seeds)")


def _cells(make, data, args, kwargs, printed, p_values, decimals, worlds: int | None = None) -> pd.DataFrame:
    """Each value's provenance across the worlds (remembered on disk; see :func:`labelled`)."""
    values = getattr(make, "values", None)
    statistic = (lambda d: values(d, *args, **kwargs)) if values else (lambda d: make(d, *args, **kwargs))
    if printed is None and hasattr(make, "printed"):
        printed = make.printed(*args, **kwargs)
    # a number no data set can reproduce (a misprint) is not what the cell beside it shows
    printed = {label: t for label, t in (printed or {}).items() if t not in _unreachable()}
    p_values = tuple(p_values)
    precision = {None: decimals, **{p: 3 for p in p_values}} if isinstance(decimals, int) else decimals
    key = _key(make, args, kwargs, printed, p_values, precision, data, worlds)
    return remember_on_disk("provenance", key, lambda: provenance(
        _Call(statistic, make, args, kwargs), _some_worlds(worlds), data=data, printed=printed, p_values=p_values,
        decimals=precision))


def anova_table(data: pd.DataFrame, item: str, between: str | tuple = PAPER_BETWEEN, ss_type: int = 3) -> pd.DataFrame:
    """An item's mixed ANOVA table (:func:`~mutsup_helpers.stats.anova.mixed_anova`), one row per effect."""
    return mixed_anova(data, item, between=between, ss_type=ss_type).table.set_index("effect")


def _anova_printed(item: str, between: str | tuple = PAPER_BETWEEN, ss_type: int = 3) -> dict:
    """The cells of :func:`anova_table` the paper printed (its own model only: the design and Type III)."""
    if (tuple(between) if not isinstance(between, str) else (between,)) != tuple(PAPER_BETWEEN) or ss_type != 3:
        return {}
    return printed_anova_cells(item)


anova_table.printed = _anova_printed


def worlds_manifest(folder: str | Path | None = None) -> pd.DataFrame:
    """Every seed the ensemble's build tried (``data/worlds/manifest.json``): its status and verify totals.

    One row per seed: ``status`` ("pass": shipped; "failed": it missed printed numbers and is not
    shipped), the counts of matched, missed and unreachable numbers, and the missed targets.
    """
    manifest = load_manifest(folder if folder is not None else worlds_dir())
    rows = [{"seed": e["seed"], "status": e["status"], "solver_version": e["solver_version"],
             **{k: e["verify"].get(k, 0) for k in ("match", "mismatch", "unreachable")},
             "missed": ", ".join(m["target"] for m in e.get("misses", []))} for e in manifest["worlds"]]
    return pd.DataFrame(rows).set_index("seed")


def across_worlds(statistic: Callable, data: pd.DataFrame) -> pd.DataFrame:
    """``statistic`` in every world, one row per world (``world``: its name; the shipped one first).

    For questions about the ensemble itself ("in what share of the rebuilds is this test
    significant?"). On data that are not one of the paper's worlds (a class's own survey) the table is
    empty and ``attrs["note"]`` says why: the rebuilds describe the paper's study, not the class's.
    """
    if not is_paper_world(data):
        out = pd.DataFrame()
        out.attrs["note"] = (f"Not shown on {YOUR_DATA}: the rebuilds describe the paper's study; "
                             "on your survey there is one data set, yours.")
        return out
    rows = remember_on_disk("across", _key(statistic, data), lambda: {
        w.name: pd.Series(_as_table(statistic(w.data)).stack(future_stack=True).to_dict()) for w in paper_worlds()})
    out = pd.DataFrame(rows).T
    if all(isinstance(c, tuple) and c[1] == "value" for c in out.columns):
        out.columns = [c[0] for c in out.columns]
    out.index.name = "world"
    out.attrs["note"] = ""
    return out


def show_ensemble(statistic: Callable, data: pd.DataFrame, names: dict[str, str] | None = None,
                  decimals: int | dict = 2, what: str = "") -> Labelled:
    """Strip plots of ``statistic``'s values in every world (:func:`~.plots.plot_ensemble`), with their provenance.

    ``statistic`` returns a dict of numbers (quantities the paper did not print, say). The figure is
    displayed and its provenance line returned; on a class's data the figure says why there is no
    ensemble to show.
    """
    return labelled(_ensemble_figure, data, statistic, names)


def _ensemble_figure(data: pd.DataFrame, statistic: Callable, names: dict | None = None) -> Figure:
    table = across_worlds(statistic, data)
    if table.empty:
        return message_figure("No rebuilds to compare", table.attrs["note"])
    return plot_ensemble(table, names)


_ensemble_figure.values = lambda data, statistic, names=None: statistic(data)


@functools.lru_cache(maxsize=1)
def _unreachable() -> frozenset:
    return frozenset(u["target"] for u in unreachable_targets(load_published()))


def _key(*parts) -> str | None:
    """The cache key of a computation: its parts named stably, data sets by content; None if one cannot be."""
    named = [repr(content_key(p)) if isinstance(p, pd.DataFrame) else stable_key(p) for p in parts]
    return None if None in named else "\n".join(named)


class _Call:
    """A statistic keyed by what it calls (function and arguments), so a second identical cell reuses it."""

    def __init__(self, statistic, make, args, kwargs):
        self.statistic, self.key = statistic, (make, repr(args), repr(sorted(kwargs.items())))

    def __call__(self, data):
        return self.statistic(data)

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return isinstance(other, _Call) and other.key == self.key


def labelled_paper_numbers(table, what: str = "") -> Labelled:
    """A table computed from the paper's printed numbers alone (no data): no rebuild can change it."""
    line = f"{PRINTED}, or computed from its printed numbers alone (no data involved)"
    return Labelled(_as_table(table), line + (f"; {what}" if what else ""))


def labelled_simulation(table, assumptions: str, what: str = "") -> Labelled:
    """A table simulated from the paper's printed design and stated assumptions: no data set enters it.

    ``assumptions``: what the rebuild chose (the quantities the paper does not print), in words.
    """
    line = (f"simulated (no data involved): the study's design as printed, with {assumptions} chosen by this "
            "project (the paper prints none of them); seeded, so the same on every run and on any data set")
    return Labelled(_as_table(table), line + (f"; {what}" if what else ""))


def labelled_comparison(shown, data: pd.DataFrame, what: str = "") -> Labelled:
    """A table (or figure) of the paper's numbers beside ours: printed, and (on the paper's worlds) fixed by them.

    Each world's verify totals (``data/worlds/manifest.json``) say how many of the reachable printed
    numbers it reproduces within the printed rounding; the line reports them instead of typing them.
    A figure is displayed at once and the line is returned.
    """
    if not is_paper_world(data):
        line = f"the paper's numbers: {PRINTED}; the numbers beside them: {YOUR_DATA}"
    else:
        manifest = load_manifest()
        entries = [e for e in manifest["worlds"] if e["status"] == "pass"] + list(manifest["named"].values())
        misses = sum(e["verify"].get("mismatch", 0) for e in entries)
        matched = "/".join(map(str, sorted({e["verify"]["match"] for e in entries})))
        line = (f"the paper's numbers: {PRINTED}; the reproduced ones: {FIXED}, inside the printed rounding in "
                f"all {len(entries)} rebuilds ({matched} matches and {misses} misses in all, "
                "data/worlds/manifest.json); a number no data set can reproduce is unreachable in every one")
    line += f"; {what}" if what else ""
    if isinstance(shown, Figure):
        return _show_figure(shown, line, None)
    return Labelled(_as_table(shown), line)


def _your_data_line(data: pd.DataFrame) -> str:
    return (f"{YOUR_DATA} ({len(data)} respondents): computed on the data loaded, not on the paper's rebuilds, "
            "so no comparison across rebuilds is shown")


def _your_data(make, data, args, kwargs, what: str = "") -> Labelled:
    line = _your_data_line(data) + (f"; {what}" if what else "")
    result = make(data, *args, **kwargs)
    if isinstance(result, Figure):
        return _show_figure(result, line, None)
    return Labelled(_as_table(result), line)


def _show_figure(fig: Figure, caption: str, cells) -> Labelled:
    from IPython.display import display

    if hasattr(fig, "alt"):
        fig.alt = f"{fig.alt} Provenance: {caption}."
    display(fig)
    return Labelled(None, caption, cells, figure=fig)


def _as_table(result) -> pd.DataFrame:
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, pd.Series):
        return result.to_frame(result.name if result.name is not None else "value")
    if isinstance(result, dict):
        return pd.Series(result, dtype=object).to_frame("value")
    return pd.DataFrame({"value": [result]})


def _counted(cells: pd.DataFrame) -> pd.DataFrame:
    return cells[cells["provenance"] != LABEL]


def _caption(cells: pd.DataFrame, n_worlds: int, digits) -> str:
    """One line: the class of every value, or how many of each, with the spread of the chosen ones."""
    counted = _counted(cells)
    kinds = counted["provenance"].value_counts()
    chosen = counted[counted["provenance"] == CHOSEN]
    if len(chosen) > _LISTED:  # the widest ranges relative to their size: how much the choice matters
        width = ((chosen["q95"] - chosen["q05"]) / chosen["median"].abs().clip(lower=0.05)).fillna(np.inf)
        chosen = chosen.loc[width.sort_values(ascending=False, kind="stable").index[:_LISTED - 1]]
        spread = "widest " + "; ".join(f"{_name(label)} {_spread(row, digits)}" for label, row in chosen.iterrows())
    else:
        spread = "; ".join(f"{_name(label)} {_spread(row, digits)}" for label, row in chosen.iterrows())
    if len(kinds) == 0:
        return "labels only, no values"
    if len(kinds) == 1:
        return {FIXED: f"{FIXED}: the same{_to(digits)} in all {n_worlds} rebuilds",
                PRINTED: PRINTED,
                CHOSEN: f"{CHOSEN}: every value differs between the {n_worlds} rebuilds (5-95%: {spread})"
                }[kinds.index[0]]
    parts = [f"{kinds[PRINTED]} {PRINTED}"] if PRINTED in kinds else []
    if FIXED in kinds:
        parts.append(f"{kinds[FIXED]} {FIXED} (the same{_to(digits)} in all {n_worlds} rebuilds)")
    if CHOSEN in kinds:
        parts.append(f"{kinds[CHOSEN]} {CHOSEN} (5-95% across {n_worlds} rebuilds: {spread})")
    return "; ".join(parts)


def _to(digits) -> str:
    return f" to {digits} decimals" if isinstance(digits, int) else ""


def _name(label) -> str:
    """A value's label as a reader says it (group types and levels by their names in the figures)."""
    def flat(part):
        return [w for p in part for w in flat(p)] if isinstance(part, tuple) else str(part).split(" ")

    words = flat(label)
    return " ".join(_READABLE.get(word, word) for word in words)


def _spread(row: pd.Series, digits: int) -> str:
    if not np.isfinite(row["q05"]):
        return f"differs between rebuilds (computable in {row['worlds']})"
    low, high = (_short(row[c], digits) for c in ("q05", "q95"))
    if low != high:
        text = f"{low}-{high}"
    else:  # 90 % of the worlds agree; say how far the others go
        text = f"{low} in most, {_short(row['min'], digits)}-{_short(row['max'], digits)} in all"
    if pd.notna(row["share_significant"]):
        text += f", significant in {row['share_significant']:.0%}"
    return text


def _short(value: float, digits) -> str:
    digits = digits if isinstance(digits, int) else 2
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.{digits}f}"


def _with_column(table: pd.DataFrame, cells: pd.DataFrame, digits: int, by_cell: bool) -> pd.DataFrame:
    """The table with a ``provenance`` column when its rows differ in provenance or a row is mixed.

    ``by_cell``: the values are a table's cells, labelled (row, column); otherwise each label is a row.
    """
    counted = _counted(cells)
    if counted["provenance"].nunique() <= 1 and len(counted[counted["provenance"] == CHOSEN]) <= _LISTED:
        return table
    notes = {}
    for label, row in counted.iterrows():
        index, column = label if by_cell else (label, None)
        notes.setdefault(index, []).append((column, row))
    out = table.copy()
    out["provenance"] = [_row_note(notes.get(index, []), digits) for index in out.index]
    return out


def _row_note(entries: list, digits: int) -> str:
    """A row's provenance: its class, or the chosen values with their spread and the class of the rest."""
    kinds = {row["provenance"] for _, row in entries}
    if not entries:
        return ""
    if CHOSEN not in kinds:  # "fixed", "printed", or both
        return " and ".join(k.split(" ")[0] for k in (PRINTED, FIXED) if k in kinds)
    chosen = [f"{column if column is not None else ''} {_spread(row, digits)}".strip()
              for column, row in entries if row["provenance"] == CHOSEN]
    rest = [k.split(" ")[0] for k in (FIXED, PRINTED) if k in kinds]
    return "chosen: " + ", ".join(chosen) + (f"; the rest {' or '.join(rest)}" if rest else "")
