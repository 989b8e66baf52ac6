"""Re-execute the committed notebooks in place, after a change to the package, the data or a twin.

Run from the repository root (maintainers only; users never need it)::

    .venv/bin/python tools/refresh_notebooks.py              # every notebook, explorer included
    .venv/bin/python tools/refresh_notebooks.py 05 explorer  # those whose names start so

For each notebook: the ``py:percent`` twin is synced into the ``.ipynb`` (jupytext keeps the
outputs of unchanged cells), then every cell runs in a fresh kernel from ``notebooks/``.
Cell timing metadata and widget state are not stored, so a refresh that changes no number
changes no text in the diff (pictures aside). nbval then compares against these outputs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs
from nbclient import NotebookClient

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"


def refresh(path: Path) -> float:
    twin = path.with_suffix(".py")
    notebook = nbformat.read(path, as_version=4)
    synced = combine_inputs_with_outputs(jupytext.read(twin), notebook)
    for cell in synced.cells:
        cell.metadata.pop("execution", None)  # timestamps of the last run: noise in every diff
    start = time.perf_counter()
    NotebookClient(synced, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(FOLDER)}},
                   record_timing=False, store_widget_state=False).execute()
    nbformat.write(synced, path)
    return time.perf_counter() - start


def main(prefixes: list[str]) -> None:
    paths = sorted(FOLDER.glob("*.ipynb"))
    chosen = [p for p in paths if not prefixes or any(p.name.startswith(x) for x in prefixes)]
    if not chosen:
        sys.exit(f"no notebook in {FOLDER} starts with {' or '.join(prefixes)}")
    for path in chosen:
        print(f"{path.name:45s} {refresh(path):6.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
