"""The text's shape claims: the registry's targets, their statistics against R, the solver's kernel."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutsup_helpers.compare.scorecard import scorecard
from mutsup_helpers.paper.design import ITEMS
from mutsup_helpers.paper.published import load_published
from mutsup_helpers.paper.readings import SHAPE_BANDS
from mutsup_helpers.paper.shapes import Statistic, shape_targets
from mutsup_helpers.reconstruct import items as I
from mutsup_helpers.reconstruct.targets import item_targets
from mutsup_helpers.stats.shapes import shape_statistic

from ._analysis_data import REFERENCE, random_design

SETTINGS = ("treatment", "rehabilitation", "case_management")
TRAINING = ("advanced", "mental_health_worker")


@pytest.fixture(scope="module")
def r_values() -> dict[tuple[str, str], float]:
    frame = pd.read_csv(REFERENCE / "fixtures" / "shapes.csv")
    return {(r.item, r.statistic.strip()): float(r.value) for r in frame.itertuples()}


def test_every_claim_of_the_registry_becomes_targets_with_its_place_in_the_paper():
    pub = load_published()
    targets = shape_targets(pub)
    assert len({t.id for t in targets}) == len(targets)
    claims = {(rec["item"], rec["claim"]) for rec in pub.raw["shapes"]}
    assert claims == {(t.item, t.claim) for t in targets}
    assert all(t.location and t.says and t.lo <= t.hi for t in targets)
    # A stands-apart claim is checked against each other level, on both group types.
    apart = [t for t in targets if t.item == "helpfulness" and t.claim == "stands_apart"]
    assert {(t.statistic.group, t.statistic.a, t.statistic.b) for t in apart} == {
        ("ms", "rehabilitation", "treatment"), ("ms", "rehabilitation", "case_management"),
        ("twelve_step", "treatment", "rehabilitation"), ("twelve_step", "case_management", "rehabilitation")}
    assert all(t.lo == SHAPE_BANDS.visible_margin for t in apart)


def test_the_bands_follow_the_readings():
    wider = dataclasses.replace(SHAPE_BANDS, visible_margin=0.5, nil_gap=0.01)
    targets = {t.id: t for t in shape_targets(load_published(), wider)}
    assert targets["shape/familiarity/setting3/ms/rehabilitation-treatment"].lo == 0.5
    nil = targets["shape/helpfulness/training/ms_gap"]
    assert (nil.lo, nil.hi) == (-0.01, 0.01)


@pytest.mark.parametrize("item", ITEMS)
def test_shape_statistics_equal_base_r(item, r_values):
    data = random_design()
    for group in ("ms", "twelve_step", "difference"):
        for factor, levels in (("training", TRAINING), ("setting3", SETTINGS)):
            for a in levels:
                for b in levels:
                    if a == b:
                        continue
                    got = shape_statistic(data, item, Statistic("mean_diff", group, factor, a, b))
                    mean = {level: r_values[(item, f"mean_{group}_{factor}_{level}")] for level in (a, b)}
                    want = mean[a] - mean[b]
                    assert got == pytest.approx(want, rel=1e-9, abs=1e-12)
    got = shape_statistic(data, item, Statistic("min_cell", "difference"))
    assert got == pytest.approx(r_values[(item, "min_cell_difference")], rel=1e-9)
    for weighting in ("type3", "observed"):
        for level in SETTINGS:
            got = shape_statistic(data, item, Statistic("share", "difference", "setting3", level, weighting=weighting))
            assert got == pytest.approx(r_values[(item, f"share_{weighting}_{level}")], rel=1e-9)


def _problem_on(data: pd.DataFrame, item: str):
    """The solver's problem for ``item`` with ``data``'s answers as its state."""
    frame = data.copy()
    for column in ("training", "setting3", "self_hospitalized", "family_hospitalized",
                   "participates_mutual_support"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    for column in ("years_in_setting", "years_in_discipline"):  # the solver's frame has every year
        frame[column] = frame[column].fillna(frame[column].mean())
    x = np.stack([data[f"{item}_{g}"].fillna(0).to_numpy(int) for g in ("ms", "twelve_step")])
    spec = dataclasses.replace(item_targets(load_published(), item), anova_n=None)
    problem = I.build_problem(spec, frame, x > 0, np.random.default_rng(0))
    problem.x[:] = x
    return problem, spec


@pytest.mark.parametrize("item", ["familiarity", "helpfulness", "referral", "value"])
def test_the_solvers_kernel_computes_each_shape_as_the_scorecard_does(item):
    data = random_design()
    problem, spec = _problem_on(data, item)
    kernel = problem.evaluate()
    assert spec.shapes
    for target in spec.shapes:
        got = kernel[problem.names.index(target.id)]
        assert got == pytest.approx(shape_statistic(data, item, target.statistic), rel=1e-9, abs=1e-12), target.id


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31), st.floats(0.2, 5.0), st.integers(-2, 2))
def test_a_share_lies_in_0_1_and_ignores_the_scale_and_origin_of_the_difference(seed, scale, shift):
    rng = np.random.default_rng(seed)
    n = 60
    data = pd.DataFrame({
        "training": pd.Categorical(rng.choice(TRAINING, n), TRAINING),
        "setting3": pd.Categorical(np.resize(SETTINGS, n), SETTINGS),
        "value_ms": rng.integers(1, 6, n).astype(float),
    })
    data.loc[:3, "training"] = list(TRAINING) * 2  # every training x setting cell occupied
    data["value_twelve_step"] = data["value_ms"] + rng.integers(-2, 3, n)
    other = data.assign(value_twelve_step=data["value_ms"] + scale * (data["value_twelve_step"] - data["value_ms"])
                        + shift)
    for weighting in ("type3", "observed"):
        statistic = Statistic("share", "difference", "setting3", "rehabilitation", weighting=weighting)
        share = shape_statistic(data, "value", statistic)
        assert np.isnan(share) or 0.0 <= share <= 1.0
        assert shape_statistic(other, "value", statistic) == pytest.approx(share, rel=1e-9, nan_ok=True)


def test_a_shape_the_data_cannot_give_is_not_computable_not_an_error():
    data = random_design()
    data = data[data["setting3"] != "rehabilitation"]
    card = scorecard(data, section="shapes")
    apart = card[card["target"].str.contains("rehabilitation")]
    assert set(apart["status"]) == {"not computable"}


def test_a_class_with_an_empty_cell_still_gets_the_shapes_that_do_not_need_it():
    from pathlib import Path

    from mutsup_helpers.data.load import load_providers

    data = load_providers(Path(__file__).parent / "class_data" / "n34_empty_cell.csv")
    cells = data.dropna(subset=["training", "setting3"]).groupby(["training", "setting3"], observed=False).size()
    assert (cells == 0).any()  # the premise: one training x setting cell is empty
    card = scorecard(data, section="shapes").set_index("target")
    # a share needs every cell (Type III) ...
    assert card.loc["shape/familiarity/setting3/share_type3", "status"] == "not computable"
    share = card.loc["shape/familiarity/setting3/share_type3"]
    assert "familiarity" in share["what"] and "not computable" in share["note"]  # the claim stays, the reason beside
    # ... a difference of two setting means does not
    assert card.loc["shape/familiarity/setting3/ms/rehabilitation-treatment", "status"] in {"match", "mismatch"}
