"""The reporting audit: each family flags what is wrong and passes what is consistent within rounding.

Synthetic inputs test each family both ways; hypothesis checks that numbers printed from real
integer data never raise an alarm; the last tests run the audit on the shipped YAML and compute
their expectations from it.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from mutsup_helpers import analysis as audit
from mutsup_helpers.analysis import grim, pooled_t, sd_bounds, star_attainable
from mutsup_helpers.cli import main
from mutsup_helpers.paper.printed import matches_printed
from mutsup_helpers.paper.published import Published, load_published

FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=40, deadline=None)


# ----------------------------------------------------------------------------------- helpers
def printed(value: float, decimals: int) -> float:
    """``value`` as the paper would print it (halves away from zero, the package's convention)."""
    step = 10.0 ** (-decimals)
    candidates = sorted({round(round(value, decimals) + k * step, decimals) for k in (-1, 0, 1)},
                        key=lambda c: abs(c - value))
    for cand in candidates:
        if matches_printed(value, cand, decimals):
            return cand
    raise AssertionError(f"no printed form for {value}")


def sd_of(values) -> float:
    n, total, sumsq = len(values), sum(values), sum(v * v for v in values)
    return math.sqrt(max(sumsq - total * total / n, 0.0) / (n - 1))


def synthetic(edit) -> Published:
    """The shipped numbers with one edit applied to a deep copy of the raw YAML."""
    raw = copy.deepcopy(load_published().raw)
    edit(raw)
    return Published(source=raw, path=Path("synthetic.yaml"))


def outcomes(frame, location):
    return list(frame.loc[frame["location"] == location, "outcome"])


@pytest.fixture(scope="module")
def pub():
    return load_published()


@pytest.fixture(scope="module")
def findings(pub):
    return audit.run_audit(pub)


@pytest.fixture(scope="module")
def table(pub):
    return audit.audit_table(pub)


# ----------------------------------------------------------------------------------- statcheck
def test_statcheck_passes_numbers_consistent_within_rounding():
    assert audit.statcheck("t", -2.01, 412, 0.05, 2)["consistent"]
    assert audit.statcheck("F", 5.22, (1, 353), 0.023, 3)["consistent"]
    assert audit.statcheck("t", -2.37, 414, 0.02, 2)["consistent"]
    assert audit.statcheck("F", 38.83, (1, 381), 0.001, 3, comparison="<")["consistent"]


def test_statcheck_flags_wrong_p_and_tells_decision_errors_apart():
    wrong_df = audit.statcheck("F", 5.22, (2, 353), 0.023, 3)
    assert not wrong_df["consistent"] and not wrong_df["decision_error"]
    flipped = audit.statcheck("t", 1.50, 100, 0.03, 2)
    assert not flipped["consistent"] and flipped["decision_error"]
    floor = audit.statcheck("F", 2.00, (1, 100), 0.001, 3, comparison="<")
    assert not floor["consistent"] and floor["decision_error"]


@FAST
@given(t=st.floats(-8, 8, allow_nan=False), df=st.integers(2, 2000), p_decimals=st.sampled_from([2, 3]))
def test_statcheck_passes_p_computed_from_t_and_df(t, df, p_decimals):
    p = 2 * stats.t.sf(abs(t), df)
    p_print = printed(p, p_decimals)
    if p_print == 0:
        result = audit.statcheck("t", printed(t, 2), df, 10.0**-p_decimals, p_decimals, comparison="<")
    else:
        result = audit.statcheck("t", printed(t, 2), df, p_print, p_decimals)
    assert result["consistent"]


@FAST
@given(f=st.floats(0.01, 60, allow_nan=False), df1=st.integers(1, 4), df2=st.integers(5, 1000))
def test_statcheck_passes_p_computed_from_f_and_df(f, df1, df2):
    p_print = printed(stats.f.sf(f, df1, df2), 3)
    comparison, p_shown = ("<", 0.001) if p_print == 0 else ("=", p_print)
    assert audit.statcheck("F", printed(f, 2), (df1, df2), p_shown, 3, comparison=comparison)["consistent"]


def test_audit_statcheck_flags_an_edited_p_and_passes_the_rest():
    def edit(raw):
        raw["ttests"][0]["p"] = 0.20  # t = -2.37 on 414 df cannot give p = .20
    res = audit.audit_statcheck(synthetic(edit))
    first = load_published().ttests.iloc[0]
    location = f"ttest/{first['split']}/{first['item']}"
    assert outcomes(res, location) == ["error"]
    untouched = res[res["location"] != location]
    assert set(untouched["outcome"]) <= {"pass", "inconsistency"}


# ----------------------------------------------------------------------------------- df
def test_effect_df1_is_the_product_of_levels_minus_one():
    design = audit.Design({"a": ("1", "2"), "b": ("1", "2", "3"), "w": ("x", "y")}, within="w")
    assert [audit.effect_df1(e, design) for e in ("a", "b", "w", "a:b", "w:b", "w:a:b")] == [1, 2, 1, 2, 2, 2]
    assert design.effects == ("a", "b", "a:b", "w", "w:a", "w:b", "w:a:b")
    assert audit.n_from_df2(100, design) == 106


def test_a_third_training_level_in_the_registry_changes_df1_everywhere():
    """The audit, the design and the scorecard's proofs read the levels from one place."""
    def edit(raw):
        raw["derived_factors"]["training"]["bachelors"] = {"n": 10, "disciplines": ["Other"]}
    pub3 = synthetic(edit)
    design = audit.design_of(pub3)
    assert design.effect_df1("group_type:training") == 2 and design.cells == 9
    df = audit.audit_df(pub3)
    assert outcomes(df, "anova/helpfulness/group_type:training") == ["pass"]  # the printed 2 now fits
    assert "anova/helpfulness/group_type:training/df1" not in {u["target"] for u in audit.unreachable_targets(pub3)}


def test_audit_df_flags_wrong_df1_wrong_df2_and_impossible_n():
    def edit(raw):
        for rec in raw["anova"]:
            if rec["item"] == "familiarity" and rec["effect"] == "group_type:setting":
                rec["df1"] = 1  # F and p still fit the design's df1 = 2: a misprinted df1
            if rec["item"] == "helpfulness" and rec["effect"] == "group_type:setting":
                rec["df1"], rec["p"] = 1, 0.2  # fits neither df1
            if rec["item"] == "referral" and rec["effect"] == "group_type":
                rec["df2"] = 340
            if rec["item"] == "value":
                rec["df2"] = 900
    res = audit.audit_df(synthetic(edit))
    assert outcomes(res, "anova/familiarity/group_type:setting3") == ["inconsistency"]
    assert outcomes(res, "anova/helpfulness/group_type:setting3") == ["error"]
    assert outcomes(res, "anova/referral") == ["inconsistency"]
    assert outcomes(res, "anova/value") == ["error"]
    assert outcomes(res, "anova/familiarity/group_type") == ["pass"]


def test_audit_df_passes_df2_that_fits_the_complete_cases(pub):
    res = audit.audit_df(pub)
    cells = audit.design_of(pub).cells
    limit = min(pub.derived_factors.groupby("factor")["n"].sum())
    for item, g in pub.anova.groupby("item"):
        expected = "pass" if g["df2"].nunique() == 1 and g["df2"].iloc[0] + cells <= limit else "finding"
        assert outcomes(res, f"anova/{item}") == [expected]


# ----------------------------------------------------------------------------------- GRIM
def test_grim_flags_an_impossible_mean_and_passes_a_possible_one():
    def edit(raw):
        raw["table2"][1][3], raw["table2"][1][4] = 28, 3.19  # 3.19 x 28 is not near an integer
    res = audit.audit_grim(synthetic(edit))
    row = load_published().table2.iloc[1]
    location = f"table2/{row['split']}/{row['item']}/{row['level']}"
    assert outcomes(res, location) == ["inconsistency"]

    def fix(raw):
        raw["table2"][1][3], raw["table2"][1][4] = 28, 3.18  # 89 / 28 = 3.179
    res = audit.audit_grim(synthetic(fix))
    assert outcomes(res, location) == ["pass"]


@FAST
@given(data=st.data(), n=st.integers(1, 300), decimals=st.sampled_from([1, 2]))
def test_any_integer_total_gives_a_mean_that_passes_grim(data, n, decimals):
    total = data.draw(st.integers(n, 5 * n))
    mean = printed(total / n, decimals)
    assert grim(mean, n, decimals)
    assert audit.grim_range(mean, [n], decimals) == [n]


# ----------------------------------------------------------------------------------- SD bounds
def test_sd_check_flags_an_sd_above_the_maximum_and_passes_a_possible_one():
    too_big = audit.sd_check(4.30, 1.7, [348], (1, 5), 2, 1)
    assert not too_big["possible"] and too_big["sd_max"] < 1.7 - 0.05
    assert audit.sd_check(4.30, 1.5, [348], (1, 5), 2, 1)["possible"]
    assert audit.sd_check(3.34, 1.04, [356])["possible"]
    assert not audit.sd_check(3.00, 0.01, [10])["possible"]  # mean 3 with 10 answers: SD 0 or >= 0.32


def test_audit_sd_passes_value_sds_inside_the_bounds():
    def edit(raw):
        raw["value_means_in_text"]["twelve_step"]["sd"] = 0.9
        raw["value_means_in_text"]["ms"]["sd"] = 1.0
    res = audit.audit_sd(synthetic(edit))
    assert set(res["outcome"]) == {"pass"}


@FAST
@given(values=st.lists(st.integers(1, 5), min_size=2, max_size=40))
def test_any_integer_sample_lies_within_the_sd_bounds_and_passes(values):
    n, sd = len(values), sd_of(values)
    mean = printed(sum(values) / n, 2)
    low, high = sd_bounds(mean, n, 1, 5, 2)
    assert low - 1e-9 <= sd <= high + 1e-9
    assert audit.sd_check(mean, printed(sd, 2), [n])["possible"]


# ----------------------------------------------------------------------------------- table arithmetic
def test_percent_counts_flag_79_of_421_printed_as_10_and_pass_144_as_34_2():
    assert 79 not in audit.percent_counts(10.0, 421)
    assert audit.percent_counts(34.2, 421) == [144]


@FAST
@given(data=st.data(), total=st.integers(1, 2000))
def test_every_count_is_among_the_counts_of_its_printed_percentage(data, total):
    k = data.draw(st.integers(0, total))
    assert k in audit.percent_counts(printed(100 * k / total, 1), total)


def test_audit_arithmetic_on_edited_tables():
    def edit(raw):
        for row in raw["table1"]:
            if row[0] == "age_range" and row[1] == "51-65":
                row[3] = 18.8  # now consistent
        raw["table2"][1][3] = 500  # participates "Yes", more than the Table 1 count
        raw["ttests"][0]["df"] = 400  # not n_no + n_yes - 2
        raw["derived_factors"]["setting3"]["treatment"]["n"] = 260  # more than the unnamed pool
    res = audit.audit_arithmetic(synthetic(edit))
    row = load_published().table2.iloc[1]
    first = load_published().ttests.iloc[0]
    assert outcomes(res, "table1/age_range/51-65") == ["pass"]
    assert outcomes(res, f"table2/{row['split']}/{row['item']}/{row['level']}") == ["error"]
    assert outcomes(res, f"ttest/{first['split']}/{first['item']}") == ["inconsistency"]
    assert outcomes(res, "derived_factors/setting3/treatment") == ["error"]
    assert outcomes(res, "derived_factors/training/advanced") == ["pass"]


# ----------------------------------------------------------------------------------- significance marks
def test_stars_check_flags_one_star_for_r_151_at_large_n_and_passes_two():
    flagged = audit.stars_check(0.151, "*", 350, 421)
    assert not flagged["possible"] and flagged["attainable"] == ["**"]
    assert flagged["n_elsewhere"][1] < 300
    assert audit.stars_check(0.151, "**", 350, 421)["possible"]
    assert audit.stars_check(0.130, "*", 382, 421)["possible"]  # one star at the small end of N


@FAST
@given(r=st.floats(-0.6, 0.6, allow_nan=False), n=st.integers(10, 500))
def test_stars_from_an_exact_r_and_n_are_always_attainable(r, n):
    assume(abs(r) > 1e-6)
    p = 2 * stats.t.sf(abs(r) * math.sqrt((n - 2) / (1 - r * r)), n - 2)
    stars = "**" if p < 0.01 else "*" if p < 0.05 else ""
    assert audit.stars_check(printed(r, 3), stars, n, n)["possible"]
    assert star_attainable(printed(r, 3), stars, [n])


def test_flag_check_flags_an_impossible_flag_and_passes_a_possible_one():
    assert not audit.flag_check((322, 4.01, 0.79), (68, 4.21, 0.80), True)["possible"]
    assert audit.flag_check((322, 4.01, 0.79), (68, 4.21, 0.80), False)["possible"]
    assert audit.flag_check((345, 3.32, 1.06), (71, 3.65, 0.97), True)["possible"]
    assert not audit.flag_check((345, 3.32, 1.06), (71, 3.65, 0.97), False)["possible"]


@SLOW
@given(no=st.lists(st.integers(1, 5), min_size=2, max_size=20),
       yes=st.lists(st.integers(1, 5), min_size=2, max_size=20))
def test_flags_from_real_integer_data_are_always_attainable(no, yes):
    assume(sd_of(no) > 0 or sd_of(yes) > 0)
    t = pooled_t(*(x for g in (no, yes) for x in (len(g), sum(g), sum(v * v for v in g))))
    p = 2 * stats.t.sf(abs(t), len(no) + len(yes) - 2)
    flagged = bool(t < 0 and p < 0.05)
    summaries = [(len(g), printed(sum(g) / len(g), 2), printed(sd_of(g), 2)) for g in (no, yes)]
    assert audit.flag_check(summaries[0], summaries[1], flagged)["possible"]


# ----------------------------------------------------------------------------------- claims in the text
CLAIM = {"location": "synthetic", "claim": "synthetic"}


def test_claims_that_the_tables_contradict_are_errors(pub):
    claims = [
        {**CLAIM, "id": "a", "check": "anova_effects", "effect": "training", "significant": ["familiarity", "value"]},
        {**CLAIM, "id": "b", "check": "table2_flags", "split": "family_hospitalized", "items": ["value"]},
        {**CLAIM, "id": "c", "check": "table3_stars",
         "cells": [{"item": "value", "group_types": ["ms"], "years": ["years_in_setting"], "sign": "+"}]},
        {**CLAIM, "id": "d", "check": "value_means_order", "higher": "ms", "than": "twelve_step"},
    ]
    res = audit.audit_claims(pub, claims)
    assert outcomes(res, "text/a/value") == ["error"]  # claimed, not listed
    assert outcomes(res, "text/a/helpfulness") == ["inconsistency"]  # listed, not claimed
    assert outcomes(res, "text/a/familiarity") == ["pass"]
    assert outcomes(res, "text/b/value") == ["error"]
    assert outcomes(res, "text/c/value/ms/years_in_setting") == ["error"]
    assert outcomes(res, "text/d") == ["error"]


def test_claims_that_match_the_tables_pass(pub):
    flagged = pub.table2[pub.table2["flagged"]]
    claims = [
        {**CLAIM, "id": f"flags_{split}", "check": "table2_flags", "split": split, "items": list(g["item"])}
        for split, g in flagged.groupby("split")
    ]
    res = audit.audit_claims(pub, claims)
    tested = set(zip(pub.ttests["split"], pub.ttests["item"], strict=True))
    for r in flagged.itertuples():
        got = outcomes(res, f"text/flags_{r.split}/{r.item}")
        if (r.split, r.item) not in tested:
            assert got == ["note"]  # a claimed difference with no printed test
        else:
            test = pub.ttests.set_index(["split", "item"]).loc[(r.split, r.item)]
            assert got == (["pass"] if test.p < audit.ALPHA else ["note"])


def test_a_sentence_naming_some_flagged_differences_does_not_omit_the_rest(pub):
    flagged = pub.table2[pub.table2["flagged"] & (pub.table2["split"] == "self_hospitalized")]["item"].tolist()
    assert len(flagged) >= 2
    some = {**CLAIM, "check": "table2_flags", "split": "self_hospitalized", "items": flagged[:1]}
    whole = audit.audit_claims(pub, [{**some, "id": "whole"}])
    partial = audit.audit_claims(pub, [{**some, "id": "partial", "complete": False}])
    assert outcomes(whole, f"text/whole/{flagged[1]}") == ["inconsistency"]
    assert outcomes(partial, f"text/partial/{flagged[1]}") == []
    assert outcomes(partial, f"text/partial/{flagged[0]}") == outcomes(whole, f"text/whole/{flagged[0]}")


def test_a_mistyped_optional_key_is_named(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims:\n  - {id: x, location: L, claim: C, check: table2_flags, split: s, items: [a], "
                   "complete: 'no'}\n", encoding="utf-8")
    with pytest.raises(audit.ClaimsError, match="'complete' must be a bool"):
        audit.load_claims(bad)


def test_shipped_claims_load_and_every_check_type_is_known():
    claims = audit.load_claims()
    assert len({c["id"] for c in claims}) == len(claims)
    assert all(c["check"] in audit.CLAIM_KINDS for c in claims)


def test_a_bad_claims_file_is_named(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims:\n  - {id: x, check: anova_effects}\n", encoding="utf-8")
    with pytest.raises(audit.ClaimsError, match="claims.yaml"):
        audit.load_claims(bad)


# ----------------------------------------------------------------------------------- scale direction
def test_construct_direction_follows_the_scale():
    assert audit.construct_direction(-0.2, construct_high_at=1) == "more"
    assert audit.construct_direction(-0.2, construct_high_at=5) == "less"
    assert audit.construct_direction(0.2, construct_high_at=5) == "more"
    with pytest.raises(ValueError):
        audit.construct_direction(0.2, construct_high_at=3)


def test_a_reading_with_the_scale_passes_and_against_it_is_an_error(pub):
    reading = {**CLAIM, "id": "r", "check": "scale_reading", "item": "interference", "group_type": "ms",
               "years": ["years_in_setting"], "construct": "interference", "construct_high_at": 1}
    right = audit.audit_scale_direction(pub, [{**reading, "reading": "more"}])
    wrong = audit.audit_scale_direction(pub, [{**reading, "reading": "less"}])
    assert list(right["outcome"]) == ["pass"] and list(wrong["outcome"]) == ["error"]


# ----------------------------------------------------------------------------------- post hoc vs omnibus
def test_scheffe_consistent_needs_p_at_least_the_omnibus_p():
    assert not audit.scheffe_consistent(0.002, 3, omnibus_p_low=audit.ALPHA)
    assert audit.scheffe_consistent(0.002, 3, omnibus_p_low=0.0)
    assert audit.scheffe_consistent(0.03, 2, omnibus_p_low=0.0285)


@FAST
@given(groups=st.lists(st.lists(st.integers(1, 5), min_size=2, max_size=15), min_size=3, max_size=4))
def test_no_pairwise_scheffe_p_is_below_the_omnibus_p(groups):
    k = len(groups)
    n = [len(g) for g in groups]
    means = [sum(g) / len(g) for g in groups]
    df_error = sum(n) - k
    sse = sum(sum((v - m) ** 2 for v in g) for g, m in zip(groups, means, strict=True))
    assume(sse > 1e-9)
    mse = sse / df_error
    grand = sum(sum(g) for g in groups) / sum(n)
    ssb = sum(size * (m - grand) ** 2 for size, m in zip(n, means, strict=True))
    omnibus_p = stats.f.sf(ssb / (k - 1) / mse, k - 1, df_error)
    for i in range(k):
        for j in range(i + 1, k):
            contrast_f = (means[i] - means[j]) ** 2 / (mse * (1 / n[i] + 1 / n[j]))
            assert audit.scheffe_p(contrast_f, k, df_error) >= omnibus_p - 1e-9


def test_audit_posthoc_passes_the_plain_reading_when_the_main_effect_is_significant():
    def edit(raw):
        raw["anova"].append({"item": "referral", "effect": "setting", "df1": 2, "df2": 344, "F": 7.0, "p": 0.001})
    res = audit.audit_posthoc(synthetic(edit))
    assert outcomes(res, "scheffe/referral/setting3/treatment-rehabilitation") == ["pass"]

    def neither(raw):
        for rec in raw["anova"]:
            if rec["item"] == "referral" and rec["effect"] == "group_type:setting":
                rec["F"], rec["p"] = 3.2, 0.042
    res = audit.audit_posthoc(synthetic(neither))
    assert outcomes(res, "scheffe/referral/setting3/treatment-rehabilitation") == ["error"]


# ----------------------------------------------------------------------------------- the shipped paper
def test_the_shipped_audit_finds_the_known_printing_errors(pub, findings):
    found = set(zip(findings["check"], findings["location"], strict=True))
    total = int(pub.study["surveys_returned"])
    # percentages that do not follow from their counts
    for r in pub.table1.itertuples():
        bad = not matches_printed(100 * r.n / total, r.pct, 1)
        assert (("table_arithmetic", f"table1/{r.variable}/{r.level.replace('/', ' or ')}") in found) == bad
    # counts that do not sum to N
    for variable, rows in pub.table1.groupby("variable"):
        assert (("table_arithmetic", f"table1/{variable}") in found) == (rows["n"].sum() != total)
    # df1 that the 2 x 3 x 2 design does not allow
    levels = {f: len(v) for f, v in audit.design_of(pub).levels.items()}
    for r in pub.anova.itertuples():
        wrong = r.df1 != math.prod(levels[f] - 1 for f in r.effect.split(":"))
        assert (("df", f"anova/{r.item}/{r.effect}") in found) == wrong
    # SDs above sqrt((M - lo)(hi - M) n / (n - 1)) at the smallest N the ANOVA allows
    n = int(pub.anova.loc[pub.anova["item"] == "value", "df2"].iloc[0]) + 6
    for r in pub.value_means.itertuples():
        ceiling = math.sqrt((r.mean + 0.005 - 1) * (5 - r.mean + 0.005) * n / (n - 1))
        if r.sd - 0.05 > ceiling:
            assert ("sd_bounds", f"value_means/{r.group_type}") in found
    # negative r with a reverse-keyed item read as "less interference"
    anchors = pub.scales["interference"]
    assert "not" in anchors[5].lower()
    negative = pub.table3[(pub.table3["item"] == "interference") & (pub.table3["group_type"] == "ms")]
    for years in ("years_in_setting", "years_in_discipline"):
        if float(negative[f"r_{years}"].iloc[0]) < 0:
            assert ("scale_direction", f"table3/interference/ms/{years}") in found
    # flags without a printed t-test
    tested = set(zip(pub.ttests["split"], pub.ttests["item"], strict=True))
    for r in pub.table2[pub.table2["flagged"]].itertuples():
        if (r.split, r.item) not in tested:
            assert ("significance_marks", f"table2/{r.split}/{r.item}") in found


def test_the_shipped_audit_raises_no_false_alarm_on_consistent_tests(pub, table):
    # every printed t-test whose p follows from its t and df passes statcheck
    for r in pub.ttests.itertuples():
        p = 2 * stats.t.sf(abs(r.t), r.df)
        if matches_printed(p, r.p, 2):
            assert outcomes(table[table["check"] == "statcheck"], f"ttest/{r.split}/{r.item}") == ["pass"]
    # every Table 2 mean passes GRIM, every Table 2 N fits its Table 1 count
    assert set(table.loc[table["check"] == "grim", "outcome"]) == {"pass"}


def test_findings_are_ordered_typed_and_partition_the_checks(pub, findings, table):
    assert list(findings.columns) == audit.AUDIT_COLUMNS
    assert list(findings["location"]) == sorted(findings["location"])
    assert set(findings["severity"]) <= set(audit.SEVERITIES)
    passed = audit.checks_passed(pub)
    assert len(passed) + len(findings) == len(table)
    summary = audit.audit_summary(pub)
    assert summary.loc["total", "checks"] == len(table)
    assert summary.loc["total", "pass"] == len(passed)
    assert list(audit.run_audit(pub, severity="error")["severity"].unique()) == ["error"]
    with pytest.raises(ValueError):
        audit.run_audit(pub, severity="fatal")


def test_mutsup_audit_prints_grouped_findings_and_writes_json(tmp_path, capsys, findings):
    out = tmp_path / "audit.json"
    assert main(["audit", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "ERROR (" in text
    assert any(line.startswith(f"{len(findings)} findings: ") for line in text.splitlines())
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == len(findings)
    assert {"check", "location", "printed", "evidence", "severity"} <= set(records[0])
    by_location = {r["location"]: r for r in records}
    assert isinstance(by_location["table1/age_range/51-65"]["printed"], float)


def test_printed_ns_larger_than_the_sample_are_a_finding_not_a_crash():
    def edit(raw):
        raw["study"]["surveys_returned"] = 240  # fewer respondents than the value ANOVA's 348 complete cases
    pub240 = synthetic(edit)
    for family in (audit.audit_grim, audit.audit_sd):
        res = family(pub240)
        assert outcomes(res, "value_means/ms") == ["inconsistency"]
        assert "at least" in res.loc[res.location == "value_means/ms", "evidence"].iloc[0]
