"""The command line fails well: a user's mistake is one message on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mutsup_helpers.cli import USER_ERROR, main
from mutsup_helpers.paths import data_dir, data_file
from mutsup_helpers.series import list_notebooks


def _error(capsys, argv: list[str]) -> str:
    assert main(argv) == USER_ERROR
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    return captured.err


def test_missing_data_file(capsys, tmp_path):
    err = _error(capsys, ["verify", "--data", str(tmp_path / "class.csv")])
    assert err == f"mutsup verify: error: --data {tmp_path / 'class.csv'}: no such file\n"


def test_folder_given_as_data(capsys, tmp_path):
    assert "is a folder; give the CSV file itself" in _error(capsys, ["verify", "--data", str(tmp_path)])


def test_invalid_data_names_file_column_and_line(capsys, tmp_path):
    text = data_file("providers.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("familiarity_ms")] = "7"
    bad = tmp_path / "class.csv"
    bad.write_text("\n".join([text[0], ",".join(row), *text[2:30]]) + "\n", encoding="utf-8")
    for command in ("verify", "run"):
        err = _error(capsys, [command, "--data", str(bad), "--out" if command == "run" else "--all",
                              *([str(tmp_path / "out")] if command == "run" else [])])
        assert str(bad) in err and "column 'familiarity_ms', line 2" in err and "'7'" in err
        assert err.rstrip().endswith("run again.")
    assert not (tmp_path / "out").exists()  # no kernel was started, nothing written


@pytest.mark.parametrize("argv", [
    ["run", "--out", "{data}/build"],
    ["student-copy", "--out", "{data}/copy"],
    ["verify", "--json", "{data}/card.json"],
    ["audit", "--json", "{data}/findings.json"],
    ["reconstruct", "--seed", "1", "--out", "{data}/providers_1.csv"],
])
def test_nothing_is_written_into_data(capsys, argv):
    before = sorted(p.name for p in data_dir().rglob("*"))
    err = _error(capsys, [a.format(data=data_dir()) for a in argv])
    assert "inside the project's data/ folder" in err
    assert sorted(p.name for p in data_dir().rglob("*")) == before


def test_existing_outputs_need_force(capsys, tmp_path):
    findings = tmp_path / "findings.json"
    findings.write_text("keep", encoding="utf-8")
    assert "exists; add --force" in _error(capsys, ["audit", "--json", str(findings)])
    assert findings.read_text(encoding="utf-8") == "keep"
    assert main(["audit", "--json", str(findings), "--force"]) == 0
    assert findings.read_text(encoding="utf-8").startswith("[")

    copy = tmp_path / "copy"
    assert main(["student-copy", "--out", str(copy)]) == 0
    capsys.readouterr()
    assert "already holds" in _error(capsys, ["student-copy", "--out", str(copy)])
    assert main(["student-copy", "--out", str(copy), "--force"]) == 0
    capsys.readouterr()

    (tmp_path / "build").mkdir()
    (tmp_path / "build" / f"{list_notebooks()[0].stem}.html").write_text("old", encoding="utf-8")
    assert "add --force to replace them" in _error(capsys, ["run", "--out", str(tmp_path / "build")])


def test_reconstruct_refuses_an_existing_file_before_solving(capsys, tmp_path):
    out = tmp_path / "rebuilt.csv"
    out.write_text("keep", encoding="utf-8")
    assert "exists; add --force" in _error(capsys, ["reconstruct", "--seed", "1", "--out", str(out)])


def test_debug_shows_the_traceback(tmp_path):
    missing = str(tmp_path / "class.csv")
    plain = subprocess.run([sys.executable, "-m", "mutsup_helpers.cli", "verify", "--data", missing],
                           capture_output=True, text=True)
    debug = subprocess.run([sys.executable, "-m", "mutsup_helpers.cli", "--debug", "verify", "--data", missing],
                           capture_output=True, text=True)
    assert plain.returncode == USER_ERROR and "Traceback" not in plain.stderr
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "UserError" in debug.stderr
