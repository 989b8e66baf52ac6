"""The printed numbers are all there, with their printed precision."""

from __future__ import annotations

import pytest
import yaml

from mutsup_helpers.paper.printed import decimals_of_literal, matches_printed
from mutsup_helpers.paper.published import PublishedResultsError, load_published


@pytest.fixture(scope="module")
def pub():
    return load_published()


def test_every_table_has_all_its_rows(pub):
    assert (len(pub.table1), len(pub.table2), len(pub.table3), len(pub.anova), len(pub.ttests)) == (40, 30, 10, 10, 5)
    assert set(pub.derived_factors.factor) == {"training", "setting3"}
    assert set(pub.value_means.group_type) == {"ms", "twelve_step"}


def test_printed_precision_travels_with_each_table(pub):
    assert pub.table1.attrs["decimals"] == {"n": 0, "pct": 1}
    assert pub.table2.attrs["decimals"] == {"n": 0, "mean": 2, "sd": 2}
    assert pub.table3.attrs["decimals"] == {"r_years_in_setting": 3, "r_years_in_discipline": 3}
    assert pub.ttests.attrs["decimals"]["t"] == 2
    assert pub.continuous.attrs["decimals"] == {"mean": 1, "sd": 1}


def test_anova_p_keeps_its_own_printed_decimals(pub):
    by_effect = pub.anova.set_index(["item", "effect"])
    assert by_effect.loc[("familiarity", "group_type:setting3"), "p_decimals"] == 3
    assert by_effect.loc[("familiarity", "group_type"), "p_decimals"] == 4


def test_paper_names_become_contract_names(pub):
    assert "group_type:setting3" in set(pub.anova.effect)
    assert "race_ethnicity" in set(pub.table1.variable)
    assert set(pub.figures.x) == {"setting3", "training"}


def test_targets_have_unique_stable_ids_and_cover_every_table(pub):
    targets = pub.targets()
    assert targets.target.is_unique
    assert set(targets.section) >= {"table1", "table2", "table3", "anova", "ttests", "continuous", "value_means"}
    assert (targets.section == "table3").sum() == 40  # 20 r and 20 star marks
    flagged = targets[targets.kind == "flag"]
    assert len(flagged) == 15 and flagged.printed.sum() == 6
    assert targets.set_index("target").loc["table2/self_hospitalized/value/Yes/mean", "printed"] == 4.26


def test_matching_is_half_open_and_symmetric():
    assert matches_printed(0.1075, 0.108, 3) and not matches_printed(0.1085, 0.108, 3)
    assert matches_printed(-0.1075, -0.108, 3) and not matches_printed(-0.1085, -0.108, 3)
    assert not matches_printed(float("nan"), 1.0, 1)
    assert decimals_of_literal(0.002) == 3


def test_broken_file_is_named(tmp_path):
    path = tmp_path / "published.yaml"
    path.write_text(yaml.safe_dump({"precision": {}}), encoding="utf-8")
    with pytest.raises(PublishedResultsError, match="published.yaml: missing section"):
        load_published(path)
