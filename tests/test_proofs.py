"""The audit is the only producer of proofs; readings are decided once and the docs follow them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from mutsup_helpers.checks.audit import run_audit
from mutsup_helpers.checks.proofs import PROJECTING_FAMILIES, unreachable_targets
from mutsup_helpers.checks.readings_table import readings_markdown
from mutsup_helpers.data.load import factor_levels
from mutsup_helpers.paper.design import design_of
from mutsup_helpers.paper.published import load_published
from mutsup_helpers.paper.readings import READINGS, reading_for, table1_counts

ROOT = Path(__file__).resolve().parents[1]


def test_every_unreachable_target_has_exactly_one_audit_finding_behind_it():
    pub = load_published()
    proofs = unreachable_targets(pub)
    assert [n for n in Counter(u["target"] for u in proofs).values() if n != 1] == []
    findings = run_audit(pub)
    found: dict[str, set[str]] = {}
    for f in findings.itertuples():
        found.setdefault(f"{f.check} {f.location}", set()).add(f.evidence)
    targets = set(pub.targets()["target"])
    for u in proofs:
        assert u["target"] in targets
        assert u["proof"] in found[u["finding"]]  # the proof is the finding's own evidence
        assert u["reading"] in {r.id for r in READINGS}


def test_every_finding_that_gives_up_a_printed_number_names_its_targets():
    pub = load_published()
    projected = Counter(u["finding"] for u in unreachable_targets(pub))
    findings = run_audit(pub, severity=("inconsistency", "error"))
    for f in findings[findings["check"].isin(PROJECTING_FAMILIES)].itertuples():
        assert projected[f"{f.check} {f.location}"] >= 1, (f.check, f.location)


def test_the_scorecard_reports_exactly_the_projected_targets_as_unreachable():
    pub = load_published()
    card = json.loads((ROOT / "tests" / "golden" / "verify_providers.json").read_text(encoding="utf-8"))
    unreachable = {r["target"] for r in card if r["status"] == "unreachable"}
    assert unreachable == {u["target"] for u in unreachable_targets(pub)}


def test_every_reading_resolves_a_finding_and_every_number_giving_finding_has_a_reading():
    findings = run_audit()
    used = {reading_for(f.check, f.location).id for f in findings.itertuples() if reading_for(f.check, f.location)}
    assert used == {r.id for r in READINGS}
    for u in unreachable_targets(load_published()):
        assert u["reading"], u


def test_data_readme_lists_the_readings_as_the_table_module_makes_them():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert readings_markdown() in readme


def test_table1_reading_sums_every_variable_to_n():
    pub = load_published()
    total = int(pub.study["surveys_returned"])
    for variable, counts in table1_counts(pub).items():
        assert sum(counts.values()) == total, variable
        printed = dict(zip(pub.table1.loc[pub.table1.variable == variable, "level"],
                           pub.table1.loc[pub.table1.variable == variable, "n"], strict=True))
        changed = [level for level in counts if counts[level] != printed[level]]
        assert changed == [] or (len(changed) == 1 and changed[0].startswith("missing"))


def test_the_codebook_spells_the_design_levels_the_registry_states():
    design = design_of(load_published())
    for factor in design.between:
        assert factor_levels(factor) == design.levels[factor]
