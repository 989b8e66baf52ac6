"""The whole series on a class's own survey: every notebook runs to the end on small, unbalanced data.

Two data sets of the corpus in ``tests/class_data/`` (the smallest, and one with an empty design
cell) go through ``mutsup run``'s own function, headless. A notebook may say that it cannot
compute something (a ``DesignFallbackWarning`` under the cell, "not computable" in the paper vs
your data tables); it must not stop.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.series import list_notebooks, run_series

CLASS_DATA = Path(__file__).parent / "class_data"


@pytest.mark.parametrize("name", ["n12", "n34_empty_cell"])
def test_every_notebook_runs_on_class_data(name, tmp_path):
    results = run_series(tmp_path, data=CLASS_DATA / f"{name}.csv", jobs=2)
    assert [r.notebook for r in results] == [nb.stem for nb in list_notebooks()]
    failed = {r.notebook: r.status for r in results if r.status != "ok"}
    assert failed == {}
    said = []
    for r in results:
        nb = nbformat.read(tmp_path / f"{r.notebook}.ipynb", as_version=4)
        said += ["".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", [])
                 if o.get("name") == "stderr" and "DesignFallbackWarning" in "".join(o.get("text", ""))]
    assert said, "a data set this small must change some analysis, and the notebooks must say so"
