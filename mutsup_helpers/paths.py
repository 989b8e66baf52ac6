"""Where the shipped data files and the notebook series live, for an editable and for a regular install."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Return the folder that holds ``providers.csv`` and ``published_results.yaml``.

    A wheel carries ``data/`` as ``mutsup_helpers/_data``; a source checkout
    (editable install) uses ``data/`` beside the package.

    >>> (data_dir() / "published_results.yaml").is_file()
    True
    """
    bundled = _PACKAGE / "_data"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "data"


def data_file(name: str) -> Path:
    """Return the path of one shipped data file (it may not exist yet)."""
    return data_dir() / name


def notebooks_dir() -> Path:
    """Return the folder that holds the notebook series (``01_overview.ipynb`` ...).

    A wheel carries ``notebooks/`` as ``mutsup_helpers/_notebooks``; a source checkout
    uses ``notebooks/`` beside the package.

    >>> (notebooks_dir() / "01_overview.ipynb").is_file()
    True
    """
    bundled = _PACKAGE / "_notebooks"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "notebooks"
