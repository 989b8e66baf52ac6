"""Binder and JupyterHub: the image repo2docker would build runs a Python that the project declares and tests.

``repo2docker --no-build --debug .`` prints the Dockerfile without Docker and offline. Without
``binder/`` it read the top-level ``environment.yml``, found no ``python=X.Y`` pin there (a ``>=``
bound is not one) and fell back to Python 3.10, on which pingouin 0.7 does not install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lowest_declared_python() -> tuple[int, int]:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    lowest = re.fullmatch(r">=\s*(\d+)\.(\d+)", declared)
    assert lowest, f"requires-python should be a plain lower bound, not {declared!r}"
    return int(lowest[1]), int(lowest[2])


def _repo2docker() -> str:
    exe = shutil.which("repo2docker", path=str(Path(sys.executable).parent)) or shutil.which("repo2docker")
    if not exe:
        pytest.skip("repo2docker is not installed (it is in the test extra: pip install -e '.[test]')")
    return exe


def test_binder_runs_the_lowest_python_the_project_declares():
    result = subprocess.run([_repo2docker(), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True,
                            timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert "Python version unspecified" not in log, "repo2docker fell back to its default Python"
    (picked,) = set(re.findall(r"Building conda environment for python=(\d+\.\d+)", log))
    assert tuple(map(int, picked.split("."))) == _lowest_declared_python()
    # the project is installed into the image from pyproject.toml, as the README and CI install it
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in log
    assert "-e ." in (ROOT / "binder" / "requirements.txt").read_text().splitlines()


def test_requires_python_is_the_python_ci_tests():
    lowest, running = _lowest_declared_python(), sys.version_info[:2]
    if running != lowest and not os.environ.get("CI"):
        pytest.skip(f"run on Python {running[0]}.{running[1]}, not the declared lowest {lowest[0]}.{lowest[1]}: "
                    "only CI's run (its python3) tells whether that bound is tested")
    # CI runs the suite on its python3 only: a lower declared bound would be a promise nothing checks
    assert running == lowest, f"CI runs Python {running}, requires-python promises {lowest}"
