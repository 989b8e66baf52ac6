"""Guard rails for refactoring: `mutsup verify --json` and `mutsup audit --json` stay as stored.

The golden files in ``tests/golden/`` were written by the command line on the shipped data and
both alternates (verify) and on the shipped registry (audit: its findings, and every check with
its outcome). A change of layout must leave them identical; a record that changes because a
defect was fixed is updated here together with the fix, and the commit says which and why.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from mutsup_helpers.cli import main
from mutsup_helpers.paths import data_file

GOLDEN = Path(__file__).parent / "golden"
DATA_SETS = {
    "verify_providers.json": data_file("providers.csv"),
    "verify_seed_2002.json": data_file("alternates/providers_seed_2002.csv"),
    "verify_seed_2004.json": data_file("alternates/providers_seed_2004.csv"),
}


def _same(got, want) -> bool:
    """Equal, with floats equal to 1e-9 relative: the last bits of a correlation move between numpy
    releases (seen: 0.12086972038431823 vs ...820), which is not a change of behaviour."""
    if isinstance(got, float) and isinstance(want, float):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(got, dict) and isinstance(want, dict):
        return got.keys() == want.keys() and all(_same(got[k], want[k]) for k in got)
    return got == want


def _differences(got: list[dict], want: list[dict], key: str) -> list[str]:
    got_by, want_by = {r[key]: r for r in got}, {r[key]: r for r in want}
    out = [f"missing {k}" for k in want_by if k not in got_by]
    out += [f"new {k}" for k in got_by if k not in want_by]
    out += [f"changed {k}: {want_by[k]} -> {got_by[k]}" for k in want_by
            if k in got_by and not _same(got_by[k], want_by[k])]
    return out


def test_float_noise_is_not_a_change_but_a_fourth_decimal_is():
    assert _differences([{"t": "a", "r": 0.1208697203843182}], [{"t": "a", "r": 0.12086972038431823}], "t") == []
    assert _differences([{"t": "a", "r": 0.1209}], [{"t": "a", "r": 0.1208}], "t") != []
    assert _differences([{"t": "a", "r": None}], [{"t": "a", "r": 0.1}], "t") != []


@pytest.mark.parametrize("golden", sorted(DATA_SETS))
def test_verify_json_is_unchanged(golden, tmp_path, capsys):
    out = tmp_path / "card.json"
    assert main(["verify", "--data", str(DATA_SETS[golden]), "--json", str(out)]) == 0
    capsys.readouterr()
    got = json.loads(out.read_text(encoding="utf-8"))
    want = json.loads((GOLDEN / golden).read_text(encoding="utf-8"))
    assert [r["target"] for r in got] == [r["target"] for r in want]
    assert _differences(got, want, "target") == []


def test_audit_json_is_unchanged(tmp_path, capsys):
    out = tmp_path / "findings.json"
    assert main(["audit", "--json", str(out)]) == 0
    capsys.readouterr()
    got = json.loads(out.read_text(encoding="utf-8"))
    want = json.loads((GOLDEN / "audit.json").read_text(encoding="utf-8"))
    assert sorted(map(json.dumps, got)) == sorted(map(json.dumps, want)), [r for r in got if r not in want]


def test_every_audit_check_is_unchanged():
    from mutsup_helpers.analysis import audit_table, findings_to_records

    got = findings_to_records(audit_table())
    want = json.loads((GOLDEN / "audit_table.json").read_text(encoding="utf-8"))
    assert [(r["check"], r["location"]) for r in got] == [(r["check"], r["location"]) for r in want]
    assert [r for r in got if r not in want] == []
