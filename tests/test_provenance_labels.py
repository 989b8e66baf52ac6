"""Provenance at every table and figure: the labels, their arithmetic, and their presence in the notebooks."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest

from mutsup_helpers import analysis as ms
from mutsup_helpers.memo import content_key
from mutsup_helpers.worlds.provenance import CHOSEN, FIXED, PRINTED

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[01][0-9]_*.ipynb"))
CLASS = ROOT / "tests" / "class_data" / "n60.csv"
MARK = 'class="mutsup-provenance"'


@pytest.fixture(scope="module")
def shipped():
    return ms.load_providers(None)


def _shown(fn, *args, **kwargs):
    """Call ``fn`` and collect what it displays (a labelled figure is displayed at once)."""
    import IPython.display

    shown = []
    with mock.patch.object(IPython.display, "display", shown.append):
        result = fn(*args, **kwargs)
    return result, shown


def _worlds_from_disk() -> list[pd.DataFrame]:
    """The ensemble read straight from data/worlds with pandas (not the package's loader)."""
    folder = ROOT / "data" / "worlds"
    manifest = json.loads((folder / "manifest.json").read_text())
    frames = [pd.read_csv(ROOT / "data" / "providers.csv")]
    frames += [pd.read_csv(io.BytesIO(gzip.decompress((folder / e["file"]).read_bytes())))
               for e in manifest["worlds"] if e["status"] == "pass"]
    return frames


def test_a_crosstab_label_agrees_with_one_recomputed_from_the_world_files(shipped):
    labelled = ms.labelled(ms.crosstab, shipped, "training", "setting3")
    frames = _worlds_from_disk()
    counts = [pd.crosstab(f["training"], f["setting3"]) for f in frames]
    for (row, column), cell in labelled.cells.iterrows():
        if row not in counts[0].index or column not in counts[0].columns:
            continue  # the totals and the (missing) margins: checked below
        values = [c.loc[row, column] if row in c.index and column in c.columns else 0 for c in counts]
        assert cell["provenance"] == (FIXED if len(set(values)) == 1 else CHOSEN), (row, column)
        assert cell["worlds"] == len(frames)
        assert (cell["min"], cell["max"]) == (min(values), max(values))
    totals = [f["training"].value_counts() for f in frames]
    for level in counts[0].index:
        assert labelled.cells.loc[[(level, "total")], "provenance"].item() == (
            FIXED if len({t[level] for t in totals}) == 1 else CHOSEN)
    assert "fixed by the printed numbers" in labelled.caption and "chosen by the rebuild" in labelled.caption
    assert "provenance" in labelled.table.columns  # a mixed table says so row by row


def test_the_papers_anova_cells_are_printed_and_the_rest_is_told_apart(shipped):
    labelled = ms.labelled(ms.anova_table, shipped, "familiarity")
    cells = labelled.cells
    targets = set(ms.load_published().targets()["target"])
    for (effect, column), cell in cells.iterrows():
        printed = f"anova/familiarity/{effect}/{column}" in targets
        assert (cell["provenance"] == PRINTED) == printed, (effect, column)
        if printed:
            assert cell["target"] == f"anova/familiarity/{effect}/{column}"
    ps = cells.loc[[label for label in cells.index if label[1] == "p"]]
    assert ps["share_significant"].notna().all() and cells.loc[[("group_type", "F")], "share_significant"].isna().all()
    html = labelled._repr_mimebundle_()[0]["text/html"]
    assert "<table" in html and MARK in html


def test_on_a_class_survey_the_label_says_your_data_and_no_world_is_used(shipped):
    data = ms.load_providers(CLASS)
    with mock.patch("mutsup_helpers.worlds.provenance.provenance", side_effect=AssertionError("worlds used")):
        labelled = ms.labelled(ms.crosstab, data, "training", "setting3")
    assert labelled.caption.startswith(ms.YOUR_DATA) and f"{len(data)} respondents" in labelled.caption
    assert labelled.cells.empty and "provenance" not in labelled.table.columns
    assert ms.across_worlds(len, data).empty and "your data" in ms.across_worlds(len, data).attrs["note"]
    labelled, (fig,) = _shown(ms.show_ensemble, lambda d: {"n": len(d)}, data)
    assert labelled.caption.startswith(ms.YOUR_DATA) and "Not shown on your data" in fig.alt
    comparison = ms.labelled_comparison(pd.DataFrame({"x": [1]}), data)
    assert comparison.caption.endswith(ms.YOUR_DATA)


def test_a_figure_of_chosen_means_draws_the_other_worlds_behind_and_says_so(shipped):
    labelled, shown = _shown(ms.labelled, ms.plot_figure, shipped, 2)
    (fig,) = shown
    n_worlds = len(ms.paper_worlds())
    faint = [line for line in fig.axes[0].lines if line.get_alpha() is not None and line.get_alpha() < 0.5]
    assert len(faint) == 2 * (n_worlds - 1)  # one line per group type per other world
    assert f"faint lines: the other {n_worlds - 1} rebuilds" in labelled.caption
    assert labelled.caption in fig.alt and MARK in labelled._repr_mimebundle_()[0]["text/html"]


def test_a_figure_of_fixed_counts_is_labelled_fixed_without_lines_behind(shipped):
    labelled, (fig,) = _shown(ms.labelled, ms.plot_demographics, shipped)
    assert labelled.caption.startswith(FIXED)
    assert labelled.cells["provenance"].eq(FIXED).all()


def test_the_comparison_label_counts_the_manifest(shipped):
    manifest = json.loads((ROOT / "data" / "worlds" / "manifest.json").read_text())
    entries = [e for e in manifest["worlds"] if e["status"] == "pass"] + list(manifest["named"].values())
    caption = ms.labelled_comparison(pd.DataFrame({"x": [1]}), shipped).caption
    assert f"all {len(entries)} rebuilds" in caption and "0 misses" in caption


def test_the_ensemble_table_has_a_row_per_world_with_the_shipped_first(shipped):
    table = ms.across_worlds(lambda d: {"n": len(d), "r": d["years_in_discipline"].corr(d["years_in_setting"])},
                             shipped)
    frames = _worlds_from_disk()
    assert list(table.columns) == ["n", "r"] and table.index[0] == "shipped" and len(table) == len(frames)
    assert table["r"].to_numpy() == pytest.approx(
        [f["years_in_discipline"].corr(f["years_in_setting"]) for f in frames])


def _outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            yield number, cell.get("outputs", [])


def _html(output) -> str:
    value = output.get("data", {}).get("text/html", "")
    return "".join(value) if isinstance(value, list) else value


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_table_and_figure_in_a_notebook_carries_its_provenance(path):
    """A table's output holds its provenance line; a figure is followed by one in the same cell."""
    unlabelled = []
    for number, outputs in _outputs(path):
        for k, output in enumerate(outputs):
            html = _html(output)
            if "image/png" in output.get("data", {}):
                if not any(MARK in _html(later) for later in outputs[k + 1:]):
                    unlabelled.append(f"cell {number}: a figure without a provenance line after it")
            elif "<table" in html and MARK not in html:
                unlabelled.append(f"cell {number}: a table without a provenance line")
    assert not unlabelled, "\n".join(unlabelled)


def test_the_ensemble_plot_marks_the_shipped_world_and_reads_without_colour(shipped):
    table = ms.across_worlds(lambda d: {"r": d["years_in_discipline"].corr(d["years_in_setting"]), "n": len(d)},
                             shipped)
    fig = ms.plot_ensemble(table, {"r": "r of the two years"})
    assert len(fig.axes) == 2 and "r of the two years" in fig.axes[0].get_title()
    assert "the same in all" in fig.axes[1].get_title()
    diamonds = [line for line in fig.axes[0].lines if line.get_marker() == "D"]
    assert len(diamonds) == 1 and diamonds[0].get_xdata()[0] == pytest.approx(table["r"].iloc[0])
    colours = {line.get_color() for ax in fig.axes for line in ax.lines}
    assert all(len(set(np.round(mpl_rgb(c), 3))) == 1 for c in colours)  # greys only


def mpl_rgb(colour):
    from matplotlib.colors import to_rgb

    return to_rgb(colour)


def test_rows_with_two_level_labels_get_their_own_provenance_and_empty_cells_are_not_values(shipped):
    def table(d):
        out = pd.crosstab([d["training"], d["setting3"]], d["self_hospitalized"])
        out["never"] = np.nan  # empty in every world: not a value, not "chosen"
        return out

    labelled = ms.labelled(table, shipped, what="a test table")
    assert labelled.caption.endswith("; a test table")
    never = labelled.cells.loc[[label for label in labelled.cells.index if label[1] == "never"]]
    assert (never["provenance"] == "").all() and "never" not in labelled.caption
    assert labelled.table.loc[("advanced", "treatment"), "provenance"].startswith("chosen: No")


def test_the_manifest_table_lists_every_seed_tried(shipped):
    manifest = json.loads((ROOT / "data" / "worlds" / "manifest.json").read_text())
    table = ms.worlds_manifest()
    assert list(table.index) == [e["seed"] for e in manifest["worlds"]]
    assert (table["status"] == "pass").sum() == len(ms.paper_worlds()) - len(manifest["named"])
    failed = table[table["status"] == "failed"]
    assert (failed["mismatch"] > 0).all() and failed["missed"].str.len().gt(0).all()


def test_a_misprint_no_data_set_can_reproduce_is_not_labelled_printed(shipped):
    unreachable = {u["target"] for u in ms.unreachable_targets(ms.load_published())}
    labelled = ms.labelled(ms.anova_table, shipped, "helpfulness", printed=None)
    for item in ("familiarity", "helpfulness", "referral", "interference", "value"):
        own = ms.anova_table.printed(item)
        cells = ms.labelled(ms.anova_table, shipped, item).cells
        for label, target in own.items():
            if label not in cells.index:  # "not significant": a claim about p, not a cell
                continue
            assert (cells.loc[[label], "provenance"].item() == PRINTED) == (target not in unreachable), target
    assert labelled.cells["target"].isin(unreachable).sum() == 0


def test_bar_charts_of_chosen_counts_mark_the_range_across_the_other_worlds(shipped):
    from matplotlib.collections import LineCollection

    labelled, (fig,) = _shown(ms.labelled, ms.plot_item_distributions, shipped, "value")
    ranges = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert len(ranges) == 10  # one per bar: five answers x two group types
    assert "black lines: the 5-95% range of each count" in labelled.caption
    frames = _worlds_from_disk()[1:]
    fives = sorted(int((f["value_twelve_step"] == 5).sum()) for f in frames)
    drawn = [seg for c in ranges for seg in c.get_segments()]
    assert any(seg[0][1] >= fives[0] and seg[1][1] <= fives[-1] for seg in drawn)


def _lines(outputs) -> list[str]:
    return [o["metadata"]["mutsup"]["provenance"] for o in outputs if "mutsup" in o.get("metadata", {})]


def test_the_explorers_and_the_app_label_what_they_show(shipped):
    from mutsup_helpers.views import widgets

    explorer = widgets.anova_explorer(shipped, item="helpfulness")
    lines = _lines(explorer.output.outputs)
    assert len(lines) == 2 and "printed by the paper" in lines[1] and "rebuilds" in lines[0]
    explorer.item.value = "value"
    assert [o for o in explorer.output.outputs if "mutsup" in o.get("metadata", {})]
    app = widgets.replication_app(shipped)
    h1 = app.panels[0]
    assert "Provenance:</b> " in h1.tables.value and "printed by the paper" in h1.tables.value
    assert "Provenance:</b> " in h1.figure.value and "rebuilds" in h1.figure.value
    on_class = widgets.correlation_explorer(ms.load_providers(CLASS))
    lines = _lines(on_class.output.outputs)
    assert lines and all(line.startswith(ms.YOUR_DATA) for line in lines)


def test_a_label_over_some_worlds_uses_those_and_says_how_many_of_how_many(shipped, monkeypatch):
    every = ms.paper_worlds()
    monkeypatch.setenv("MUTSUP_CACHE", "off")  # computed here, not read from an earlier run's cache
    seen = []

    def count(data):
        seen.append(content_key(data))
        return pd.DataFrame({"n": [len(data)], "mean": [float(data["value_ms"].mean())]})

    labelled = ms.labelled(count, shipped, worlds=4)
    assert set(seen) == {content_key(w.data) for w in every[:4]}  # the shipped data and the next three
    assert labelled.cells["worlds"].max() == 4
    assert f"only 4 of the {len(every)} rebuilds compared" in labelled.caption
    assert "only" not in ms.labelled(count, shipped).caption
    with pytest.raises(ValueError, match="at least 2"):
        ms.labelled(count, shipped, worlds=1)


def test_a_simulation_is_labelled_as_such_on_any_data():
    labelled = ms.labelled_simulation(pd.DataFrame({"x": [1.0]}), assumptions="facility sizes")
    assert labelled.caption.startswith("simulated (no data involved)") and "facility sizes" in labelled.caption
    assert "chosen by this project (the paper prints none of them)" in labelled.caption
