"""Shared fixtures: a valid random data set that follows the codebook, and a quiet matplotlib."""

from __future__ import annotations

import matplotlib
import pytest

from mutsup_helpers.data.load import load_providers

from ._valid_csv import write_valid

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def random_providers(tmp_path_factory):
    """240 random respondents (not the paper's data): every design cell filled."""
    return load_providers(write_valid(tmp_path_factory.mktemp("random"), n=240, seed=3))


@pytest.fixture(autouse=True)
def _ipython_dir(tmp_path, monkeypatch):
    # Output widgets format through an IPython shell; keep its profile out of the home folder.
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
