"""Project hygiene: environment files agree, the CLI answers, the code is lint-clean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import mutsup_helpers
from mutsup_helpers.cli import main

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _requirement(spec: str) -> tuple[str, str]:
    # extras (dask[distributed]) name the same package as conda-forge's metapackage (dask)
    name, bound = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[\w,\-]+\])?\s*(?:>=\s*([\w.]+))?", spec).groups()
    return name.lower().replace("_", "-"), bound or ""


def test_environment_yml_and_pyproject_list_the_same_packages_and_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_requirement(s) for s in project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_requirement(s) for s in env["dependencies"] if isinstance(s, str))
    conda.pop("pip")
    python_bound = conda.pop("python")
    (pip,) = [s["pip"] for s in env["dependencies"] if isinstance(s, dict)]
    from_pypi = dict(_requirement(s) for s in pip if s != "-e .")  # what conda-forge does not package
    assert {**conda, **from_pypi} == wanted and not set(conda) & set(from_pypi)
    assert python_bound == project["requires-python"].replace(">=", "")
    assert pip[-1] == "-e ."


def test_required_packages_are_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_requirement(s)[0] for s in project["dependencies"]}
    assert {"jupyterlab", "pandas", "numpy", "pingouin", "seaborn", "ipywidgets", "jupytext"} <= names
    assert "nbval" in {_requirement(s)[0] for s in project["optional-dependencies"]["test"]}
    # every program the README tells a user to run comes with the plain install
    assert "voila" in names


def test_cli_help_and_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mutsup {mutsup_helpers.__version__}"
    assert main([]) == 0
    assert "synthetic" in capsys.readouterr().out


def test_console_script_is_installed():
    exe = shutil.which("mutsup", path=str(Path(sys.executable).parent))
    assert exe, "the console script 'mutsup' is not installed beside this Python"
    out = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True).stdout
    assert "usage: mutsup" in out


def test_ci_runs_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    test_command = next(b for b in blocks if "[test]" in b).strip()
    for line in test_command.splitlines():
        assert line.strip() in ci, f"README's test command line is not in .ci/run: {line}"


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is part of the test extra"
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wheel_carries_the_notebooks_and_data_and_its_cli_finds_them(tmp_path):
    # built and unpacked, not installed: an unpacked wheel on PYTHONPATH is what an installed one is
    # to the import system, without a fresh environment of dependencies to create
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("mutsup_helpers-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)
    sources = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert {f"mutsup_helpers/_notebooks/{name}" for name in sources} <= names
    assert "mutsup_helpers/_data/providers.csv" in names
    examples = sorted(p.name for p in (ROOT / "mutsup_helpers" / "fieldwork" / "examples").iterdir())
    assert {f"mutsup_helpers/fieldwork/examples/{name}" for name in examples} <= names
    code = ("import sys, mutsup_helpers; from mutsup_helpers.paths import notebooks_dir\n"
            "from mutsup_helpers.cli import main\n"
            "print(mutsup_helpers.__file__); print(notebooks_dir())\n"
            "sys.exit(main(['student-copy', '--out', sys.argv[1]]))\n")
    out = tmp_path / "students"
    done = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)})
    assert done.returncode == 0, done.stderr[-2000:]
    package, notebooks = done.stdout.splitlines()[:2]
    assert package.startswith(str(site)) and notebooks == str(site / "mutsup_helpers" / "_notebooks")
    assert sorted(p.name for p in out.glob("[0-9][0-9]_*.ipynb")) == [n for n in sources if n[:2].isdigit()]
