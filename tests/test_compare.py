"""Paper vs here: the scorecard recomputes every target and decides its status by code."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from mutsup_helpers.cli import main
from mutsup_helpers.compare.scorecard import SCORECARD_COLUMNS, scorecard, summarize
from mutsup_helpers.data.load import load_providers
from mutsup_helpers.paper.published import Published, load_published
from mutsup_helpers.paths import data_file
from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.views.display import paper_vs_here

STATUSES = {"match", "mismatch", "unreachable"}


@pytest.fixture(scope="module")
def card(random_providers):
    return scorecard(random_providers)


def test_every_target_gets_a_value_and_a_status(card):
    targets = load_published().targets()
    assert list(card.columns) == SCORECARD_COLUMNS
    assert list(card["target"]) == list(targets["target"])
    assert set(card["status"]) <= STATUSES
    assert card["reproduced"].notna().all()


def test_reproduced_values_come_from_the_analysis_functions(card, random_providers):
    table = mixed_anova(random_providers, "referral").table.set_index("effect")
    by_target = card.set_index("target")["reproduced"]
    assert by_target["anova/referral/group_type:setting3/F"] == table.loc["group_type:setting3", "F"]
    assert by_target["anova/referral/setting3/not_significant"] == table.loc["setting3", "p"]
    n_yes = (random_providers["self_hospitalized"] == "Yes") & random_providers["value_ms"].notna()
    assert by_target["table2/self_hospitalized/value/Yes/n"] == n_yes.sum()


def test_status_follows_the_printed_precision(card):
    for row in card[card["target"].str.endswith("/n")].itertuples():
        assert (row.status == "match") == (row.reproduced == row.printed) or row.status == "unreachable"


def test_unreachable_targets_carry_a_proof(card):
    unreachable = card[card["status"] == "unreachable"]
    assert len(unreachable) > 0
    assert unreachable["note"].str.len().gt(20).all()


def test_summary_counts_add_up(card):
    summary = summarize(card)
    assert summary.loc["total", "total"] == len(card)
    assert summary.loc["total", ["match", "mismatch", "unreachable"]].sum() == len(card)


def test_a_section_alone_scores_as_in_the_whole_card(card, random_providers):
    for section, rows in card.groupby("section", sort=False):
        alone = scorecard(random_providers, section=section)
        pd.testing.assert_frame_equal(alone.reset_index(drop=True), rows.reset_index(drop=True), check_dtype=False)


def test_paper_vs_here_filters_by_section_and_item(random_providers):
    shown = paper_vs_here(random_providers, section="anova", items=["value"])
    assert len(shown) > 0 and shown["target"].str.startswith("anova/value/").all()
    with pytest.raises(ValueError, match="section must be one of"):
        paper_vs_here(random_providers, section="tabel2")


def test_verify_cli_writes_json_and_fails_on_misses(tmp_path, random_providers, capsys):
    out = tmp_path / "card.json"
    data = tmp_path / "random.csv"
    # write the random frame back as a CSV the loader accepts
    frame = random_providers.astype(object).where(random_providers.notna(), "")
    frame.to_csv(data, index=False)
    assert main(["verify", "--data", str(data), "--json", str(out)]) == 1
    records = json.loads(out.read_text())
    assert {"section", "target", "printed", "reproduced", "status", "note"} <= set(records[0])
    assert "reachable number(s) missed" in capsys.readouterr().out


def test_shipped_data_reproduce_every_reachable_number():
    card = scorecard(load_providers())
    missed = card[card["status"] == "mismatch"]
    assert missed.empty, missed[["target", "printed", "reproduced"]].to_string()


@pytest.mark.parametrize("seed", [2002, 2004])
def test_alternate_rebuilds_reproduce_every_reachable_number(seed):
    path = data_file("alternates") / f"providers_seed_{seed}.csv"
    card = scorecard(load_providers(path))
    missed = card[card["status"] == "mismatch"]
    assert missed.empty, missed[["target", "printed", "reproduced"]].to_string()
    assert path.read_bytes() != data_file("providers.csv").read_bytes()


@pytest.mark.skipif(not data_file("providers.csv").exists(), reason="the shipped data come with the reconstruction")
def test_one_changed_answer_is_caught_and_named(tmp_path):
    raw = pd.read_csv(data_file("providers.csv"), dtype=str, keep_default_na=False)
    row = raw.index[raw["value_ms"] != ""][0]
    raw.loc[row, "value_ms"] = "1" if raw.loc[row, "value_ms"] != "1" else "5"
    changed = tmp_path / "changed.csv"
    raw.to_csv(changed, index=False)
    card = scorecard(load_providers(changed))
    missed = set(card.loc[card["status"] == "mismatch", "target"])
    assert any(t.startswith(("table2/", "table3/", "anova/value", "value_means")) for t in missed)


def test_scorecard_is_remembered_by_content_and_recomputed_when_an_answer_changes():
    data, pub = load_providers(), load_published()
    first = scorecard(data, pub, section="table2")
    first.loc[:, "status"] = "tampered"  # the caller's copy; the remembered card must not change
    again = scorecard(data, pub, section="table2")
    assert (again["status"] != "tampered").all()
    changed = data.copy()
    row = changed.index[changed["value_ms"].notna()][0]
    changed.loc[row, "value_ms"] = 1 if changed.loc[row, "value_ms"] != 1 else 5
    moved = scorecard(changed, pub, section="table2")
    assert (moved["reproduced"].astype(str) != again["reproduced"].astype(str)).any()


def _registry(edit) -> Published:
    raw = load_published().raw
    edit(raw)
    return Published(source=raw, path=None)


def test_a_percentage_at_a_half_is_compared_unrounded(random_providers):
    """3 of 240 is 1.25%: it prints as 1.3 (halves away from zero), so a printed 1.3 is matched.

    Rounding to 1.2 first (Python's round is half-to-even) and comparing that would miss it.
    """
    data = random_providers.copy()
    data["age_range"] = "36-50"
    data.loc[data.index[:3], "age_range"] = "51-65"

    def edit(raw):
        for row in raw["table1"]:
            if row[:2] == ["age_range", "51-65"]:
                row[2:] = [3, 1.3]

    card = scorecard(data, _registry(edit), section="table1").set_index("target")  # a 421-row registry
    assert card.loc["table1/age_range/51-65/pct", "reproduced"] == 100 * 3 / 240
    assert card.loc["table1/age_range/51-65/pct", "status"] == "match"


def test_an_in_memory_registry_is_scored_and_an_edited_one_is_scored_afresh(random_providers):
    shipped = scorecard(random_providers, section="anova").set_index("target")
    in_memory = _registry(lambda raw: None)
    assert in_memory.path is None
    same = scorecard(random_providers, in_memory, section="anova").set_index("target")
    assert same.equals(shipped)

    def more_training_levels(raw):  # df1 = 2 for group_type:training is then the design's own
        raw["derived_factors"]["training"]["bachelors"] = {"n": 10, "disciplines": ["Other"]}

    edited = scorecard(random_providers, _registry(more_training_levels), section="anova").set_index("target")
    target = "anova/helpfulness/group_type:training/df1"
    assert shipped.loc[target, "note"] != "" and edited.loc[target, "note"] == ""


def test_the_registry_handed_out_is_a_copy():
    pub = load_published()
    raw = pub.raw
    raw["anova"].clear()
    raw["study"]["surveys_returned"] = 1
    again = load_published()
    assert len(again.raw["anova"]) == len(pub.anova) > 0
    assert again.study["surveys_returned"] == 421 == pub.study["surveys_returned"]


def test_show_prints_every_row_and_leaves_the_pandas_options_alone(capsys):
    import pandas as pd

    from mutsup_helpers.views.display import show

    before = pd.get_option("display.max_rows")
    show(pd.DataFrame({"row": range(100), "label": [f"row {i}" for i in range(100)]}))
    out = capsys.readouterr().out
    assert "row 50" in out and "..." not in out
    assert pd.get_option("display.max_rows") == before


def test_paper_vs_here_shows_p_values_the_apa_way_and_the_description_first():
    from mutsup_helpers.data.load import load_providers

    shown = paper_vs_here(load_providers(), section="anova", items=["familiarity"])
    assert list(shown.columns[:2]) == ["what", "printed"] and shown.columns[-1] == "target"
    p_rows = shown[shown["target"].str.endswith("/p")]
    assert p_rows["reproduced"].str.match(r"^p (< \.001|= \.\d{4})$").all()
    tiny = p_rows.set_index("target").loc["anova/familiarity/group_type/p"]
    assert (tiny["printed"], tiny["reproduced"]) == ("p = .0001 (read: p < .001)", "p < .001")
