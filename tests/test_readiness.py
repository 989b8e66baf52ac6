"""`mutsup check`: what a class's own data support, on the shipped data and the class-data corpus."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutsup_helpers.cli import main
from mutsup_helpers.compare.readiness import READINESS_STATUSES, cell_counts, readiness, readiness_report
from mutsup_helpers.compare.replication import replication_table
from mutsup_helpers.data.load import load_codebook, load_providers
from mutsup_helpers.paper.design import ITEMS, TABLE2_SPLITS, YEARS
from mutsup_helpers.stats.fallbacks import DesignFallbackWarning, plan_anova

from ._valid_csv import to_csv

CORPUS = sorted((Path(__file__).parent / "class_data").glob("*.csv"))


def test_the_corpus_is_there():
    assert {p.stem for p in CORPUS} >= {"n12", "n20", "n60", "n120", "n34_empty_cell", "n40_one_training",
                                        "n50_item_missing", "n30_constant_item"}


def test_the_shipped_data_run_every_analysis_as_printed():
    table = readiness(load_providers())
    assert len(table) == len(ITEMS) * (1 + len(TABLE2_SPLITS) + 2 * len(YEARS))
    assert set(table["status"]) == {"as in the paper"} and set(table["note"]) == {""}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_class_data_set_gets_a_report(path, capsys):
    assert main(["check", "--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: ") and "Analyses: " in out
    table = readiness(load_providers(path))
    assert set(table["status"]) <= set(READINESS_STATUSES)
    assert (table.loc[table["status"] != "as in the paper", "note"] != "").all()  # every change has a reason


def test_the_report_agrees_with_the_fallback_plan():
    data = load_providers(next(p for p in CORPUS if p.stem == "n34_empty_cell"))
    table = readiness(data).set_index("analysis")
    for item in ITEMS:
        plan = plan_anova(data, item)
        assert (table.loc[f"mixed ANOVA of {item}", "status"] == "changed") == plan.changed
    counts = cell_counts(data)
    assert counts.loc[("mental_health_worker", "case_management")].sum() == 0


def test_an_item_nobody_answered_cannot_run():
    data = load_providers(next(p for p in CORPUS if p.stem == "n50_item_missing"))
    table = readiness(data)
    blocked = table[table["analysis"].str.contains("interference")]
    assert set(blocked["status"]) == {"cannot run"}
    assert (table.loc[~table["analysis"].str.contains("interference"), "status"] != "cannot run").all()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_paper_vs_your_data_says_what_cannot_be_computed(path):
    from mutsup_helpers.compare.scorecard import NOT_COMPUTABLE, scorecard, summarize

    card = scorecard(load_providers(path))
    absent = card[card["status"] == NOT_COMPUTABLE]
    assert absent["reproduced"].isna().all()
    assert absent["note"].str.startswith("not computable on these data: ").all()
    totals = summarize(card)
    assert (NOT_COMPUTABLE in totals.columns) == (len(absent) > 0)
    assert totals.loc["total", "total"] == len(card)


def test_the_shipped_scorecard_has_no_uncomputable_number():
    from mutsup_helpers.compare.scorecard import scorecard, summarize

    assert list(summarize(scorecard(load_providers())).columns) == ["match", "mismatch", "unreachable", "total"]


def _contract_rows(draw, n: int) -> list[dict[str, str]]:
    """``n`` rows that follow the codebook: any label or empty, coded factors by the coding rules."""
    fields = load_codebook()
    rows = []
    for i in range(n):
        row = {}
        for f in fields:
            if f.name == "respondent_id":
                row[f.name] = str(i + 1)
            elif f.coding:
                continue
            elif f.levels:
                row[f.name] = draw(st.sampled_from(["", *f.levels]))
            elif f.type == "integer":
                row[f.name] = draw(st.sampled_from(["", "1", "2", "3", "4", "5"]))
            else:
                row[f.name] = draw(st.sampled_from(["", "0", "2.5", "7", "15"]))
        for f in fields:
            if f.coding:
                source = row["discipline" if f.name == "training" else "setting"]
                row[f.name] = next((level for level, members in f.coding.items() if source in members), "")
        rows.append(row)
    return rows


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_check_and_the_replication_verdicts_never_crash_on_contract_valid_data(tmp_path_factory, data):
    n = data.draw(st.integers(12, 60))
    path = tmp_path_factory.mktemp("class") / "class.csv"
    path.write_text(to_csv(_contract_rows(data.draw, n)), encoding="utf-8")
    frame = load_providers(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignFallbackWarning)
        report = readiness_report(frame, str(path))
        table = replication_table(frame)
    assert report.startswith(f"{path}: {n} respondents")
    assert len(table) == 30 and table["verdict"].notna().all()
