"""Pin every dependency to the lower bound pyproject.toml declares, to test that the bounds are true.

Run from the repository root (maintainers; needs the package registry, about 10 minutes)::

    .venv/bin/python tools/minimum_versions.py > /tmp/minimum.txt
    python3 -m venv /tmp/venv-min
    /tmp/venv-min/bin/pip install -e ".[test]" -c /tmp/minimum.txt
    /tmp/venv-min/bin/python -m pytest -m "not browser" -n 2 --dist loadfile

Prints a pip constraints file: ``name==bound`` for each runtime and test dependency that has a
``>=`` bound (environment markers kept). Raise a bound in pyproject.toml (and environment.yml:
a test keeps them in step) when the suite fails at it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def pins(project: dict) -> list[str]:
    specs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    out = []
    for spec in specs:
        requirement, _, marker = spec.partition(";")
        found = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*>=\s*([\w.]+)\s*$", requirement)
        if found:
            out.append(f"{found[1]}=={found[2]}" + (f"; {marker.strip()}" if marker else ""))
    return out


if __name__ == "__main__":
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    sys.stdout.write("\n".join(pins(project)) + "\n")
