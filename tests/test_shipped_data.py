"""The shipped data set: rebuilt byte for byte from the seed its codebook records, and realistic."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mutsup_helpers.data.load import ITEM_COLUMNS, load_providers
from mutsup_helpers.paper.design import ITEMS
from mutsup_helpers.paths import data_file


def _recorded_seed() -> int:
    package = json.loads(data_file("datapackage.json").read_text(encoding="utf-8"))
    return package["resources"][0]["mutsup:reconstruction"]["seed"]


@pytest.mark.slow
def test_reconstruct_with_the_recorded_seed_reproduces_the_file_byte_for_byte(tmp_path):
    from mutsup_helpers.cli import main

    out = tmp_path / "rebuilt.csv"
    assert main(["reconstruct", "--seed", str(_recorded_seed()), "--out", str(out)]) == 0
    assert out.read_bytes() == data_file("providers.csv").read_bytes()


@pytest.fixture(scope="module")
def shipped():
    return load_providers()


def test_years_are_whole_or_half_and_setting_within_discipline(shipped):
    years = shipped[["years_in_discipline", "years_in_setting"]].dropna()
    assert ((years * 2) % 1 == 0).all().all()
    assert (years["years_in_setting"] <= years["years_in_discipline"]).all()


def test_the_two_group_types_correlate_positively_on_every_item(shipped):
    for item in ITEMS:
        pair = shipped[[f"{item}_ms", f"{item}_twelve_step"]].dropna().astype(float)
        assert pair.corr().iloc[0, 1] > 0.2, item
    related = shipped[["familiarity_ms", "referral_ms"]].dropna().astype(float)
    assert related.corr().iloc[0, 1] > 0.2


def test_no_empty_inner_answer_category(shipped):
    for column in ITEM_COLUMNS:
        counts = shipped[column].value_counts().reindex(range(1, 6), fill_value=0).to_numpy()
        assert (counts[1:4] > 0).all(), column


def test_nonresponse_is_clustered_within_respondents(shipped):
    skipped = shipped[list(ITEM_COLUMNS)].isna().sum(axis=1).to_numpy()
    # most respondents skip nothing; the skipped answers come mostly from a few respondents
    assert np.mean(skipped == 0) > 0.6
    assert skipped[skipped >= 2].sum() > 0.8 * skipped.sum()
