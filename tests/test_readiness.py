"""`mutsup check`: what a class's own data support, on the shipped data and the class-data corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutsup_helpers.cli import main
from mutsup_helpers.compare.readiness import READINESS_STATUSES, cell_counts, readiness
from mutsup_helpers.data.load import load_providers
from mutsup_helpers.paper.design import ITEMS, TABLE2_SPLITS, YEARS
from mutsup_helpers.stats.fallbacks import plan_anova

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
