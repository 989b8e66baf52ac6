"""The whole series on a class's own survey: every notebook runs to the end on small, unbalanced data.

Two data sets of the corpus in ``tests/class_data/`` (the smallest, and one with an empty design
cell) and a class of 25 imported from the shipped Qualtrics example export go through ``mutsup
run``'s own function, headless. A notebook may say that it cannot
compute something (a ``DesignFallbackWarning`` under the cell, "not computable" in the paper vs
your data tables); it must not stop.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.fieldwork.exports import import_export
from mutsup_helpers.series import list_notebooks, run_series

CLASS_DATA = Path(__file__).parent / "class_data"


def _imported_class(folder: Path) -> Path:
    """The class of 25 in the shipped Qualtrics example, imported as an instructor would."""
    examples = Path(__file__).resolve().parents[1] / "mutsup_helpers" / "fieldwork" / "examples"
    out = folder / "imported_class.csv"
    import_export(examples / "qualtrics_choice_text.csv", examples / "qualtrics_mapping.yaml", out)
    return out


@pytest.mark.parametrize("name", ["n12", "n34_empty_cell", "imported_qualtrics_25"])
def test_every_notebook_runs_on_class_data(name, tmp_path):
    data = _imported_class(tmp_path) if name.startswith("imported") else CLASS_DATA / f"{name}.csv"
    results = run_series(tmp_path / "run", data=data, jobs=2)
    assert [r.notebook for r in results] == [nb.stem for nb in list_notebooks()]
    failed = {r.notebook: r.status for r in results if r.status != "ok"}
    assert failed == {}
    said, labels = [], []
    for r in results:
        nb = nbformat.read(tmp_path / "run" / f"{r.notebook}.ipynb", as_version=4)
        outputs = [o for c in nb.cells for o in c.get("outputs", [])]
        said += ["".join(o.get("text", "")) for o in outputs
                 if o.get("name") == "stderr" and "DesignFallbackWarning" in "".join(o.get("text", ""))]
        if not r.notebook.startswith("11_"):  # 11's sections on the rebuilds show the shipped ones on any data
            labels += [o["metadata"]["mutsup"]["provenance"] for o in outputs if "mutsup" in o.get("metadata", {})]
    assert said, "a data set this small must change some analysis, and the notebooks must say so"
    # on a class's data every label says so (or that the table is the paper's numbers alone), and
    # nothing is compared with the paper's rebuilds
    assert labels and all("your data" in label or "(no data involved)" in label for label in labels)
    assert not [label for label in labels if "chosen by the rebuild" in label or "fixed by the printed" in label]
