"""The Voilà app without a browser: its sentences, the upload of bytes, the error shown in the page."""

from __future__ import annotations

import builtins
import datetime as dt
import html
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutsup_helpers.data.load import DataValidationError, load_providers, load_providers_bytes
from mutsup_helpers.paper.published import load_published
from mutsup_helpers.paths import data_file
from mutsup_helpers.stats.anova import mixed_anova
from mutsup_helpers.stats.correlations import correlate
from mutsup_helpers.stats.fallbacks import DesignFallbackWarning
from mutsup_helpers.stats.group_tests import compare_groups
from mutsup_helpers.views import app as A
from mutsup_helpers.views import plots, widgets

CLASS_DATA = Path(__file__).parent / "class_data"


@pytest.fixture(scope="module")
def shipped():
    return load_providers()


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


def _p(p: float) -> str:
    """APA p, written out here independently of the package."""
    return "p < .001" if p < 0.001 else "p = " + f"{p:.3f}".lstrip("0")


# ----------------------------------------------------------------------------- sentences


def test_h1_sentence_is_the_fit_in_apa_style_with_the_direction_of_the_means(shipped):
    fit = mixed_anova(shipped, "familiarity")
    row = fit.table.set_index("effect").loc["group_type"]
    sample = fit.sample
    ms_mean = sample.groupby("setting3", observed=True).apply(  # unweighted: the mean of the six cell means
        lambda g: g.groupby("training", observed=True)["familiarity_ms"].mean().mean()).mean()
    twelve = fit.cells[fit.cells["group_type"] == "twelve_step"]["mean"].mean()
    assert twelve > ms_mean  # the shipped data rebuild the paper's direction
    sentence = A.group_type_sentence(fit)
    assert sentence.startswith("Providers rated 12-step groups as more familiar than psychiatric mutual support groups")
    assert f"F(1, {int(row['df2'])}) = {row['F']:.2f}, {_p(row['p'])}" in sentence
    assert f"partial eta squared = {row['np2']:.2f}".replace("0.", ".") in sentence
    assert f"M = {twelve:.2f} vs. {ms_mean:.2f}" in sentence


def test_a_nonsignificant_effect_is_said_so_and_a_significant_one_is_not(shipped):
    fit = mixed_anova(shipped, "familiarity")
    table = fit.table.set_index("effect")
    setting = A.between_sentence(fit, "setting3")
    assert table.loc["setting3", "p"] > 0.05 and "did not differ significantly by work setting" in setting
    training = A.between_sentence(fit, "training")
    assert table.loc["training", "p"] < 0.05 and "did not" not in training
    assert "providers with advanced training rated the groups as more familiar than mental health workers" in training
    gap = A.interaction_sentence(fit, "setting3")
    cells = fit.cells.pivot_table(index=["training", "setting3"], columns="group_type", values="mean", observed=True)
    gaps = (cells["twelve_step"] - cells["ms"]).groupby(level="setting3", observed=True).mean()
    assert f"{gaps['rehabilitation']:.2f} in rehabilitation" in gap and gap.count(" depended on work setting") == 1


def test_the_papers_statement_comes_from_the_registry_and_only_beside_the_papers_model(shipped):
    pub = load_published()
    printed = pub.anova[(pub.anova["item"] == "referral") & (pub.anova["effect"] == "group_type:setting3")].iloc[0]
    fit = mixed_anova(shipped, "referral")
    statement = A.paper_anova_statement(fit, "group_type:setting3")
    assert f"F({printed['df1']}, {printed['df2']}) = {printed['F']:.2f}" in statement
    assert "printed no F" in A.paper_anova_statement(fit, "setting3")
    with pytest.warns(DesignFallbackWarning):
        small = mixed_anova(load_providers(CLASS_DATA / "n34_empty_cell.csv"), "referral")
    assert small.plan.changed
    assert "F(" not in A.paper_anova_statement(small, "group_type:setting3")


def test_h4_sentence_names_the_groups_their_stats_and_the_t_test(shipped):
    res = compare_groups(shipped, "self_hospitalized", "familiarity")
    sentence = A.t_test_sentence(res, shipped)
    higher = "yes" if res["mean_yes"] > res["mean_no"] else "no"
    assert res["p"] < 0.05
    assert sentence.startswith("Providers who had been hospitalized" if higher == "yes" else "Providers who had never")
    assert f"n = {int(res['n_yes'])}, M = {res['mean_yes']:.2f}, SD = {res['sd_yes']:.2f}" in sentence
    assert f"t({int(res['df'])}) = {res['t']:.2f}, {_p(res['p'])}, d = {res['cohen_d']:.2f}" in sentence
    printed = load_published().ttests.set_index(["split", "item"]).loc[("self_hospitalized", "familiarity")]
    assert f"t({int(printed['df'])}) = {printed['t']:.2f}" in A.paper_t_statement(res)


def test_h4_says_why_a_test_cannot_run_on_small_data():
    small = load_providers(CLASS_DATA / "n12.csv")
    res = compare_groups(small, "self_hospitalized", "familiarity")
    assert not np.isfinite(res["t"])
    sentence = A.t_test_sentence(res, small)
    assert "cannot be computed on these data" in sentence and "a t-test needs 2" in sentence
    assert "nan" not in sentence


def test_h5_sentence_uses_df_n_minus_2_and_the_papers_table_3(shipped):
    res = correlate(shipped, "years_in_setting", "familiarity_ms")
    sentence = A.correlation_sentence(res, shipped)
    assert sentence.startswith("Years in the current work setting correlated positively")
    assert f"r({int(res['n']) - 2}) = {res['r']:.2f}".replace("0.", ".") in sentence
    table3 = load_published().table3.set_index(["item", "group_type"]).loc[("familiarity", "ms")]
    statement = A.paper_correlation_statement(res)
    assert f"r = {table3['r_years_in_setting']:.3f}".replace("0.", ".") in statement
    assert table3["stars_years_in_setting"] in statement


def test_apa_helpers_round_and_drop_leading_zeros():
    from mutsup_helpers.views.display import apa_f, apa_r, apa_t

    assert apa_f(4.6822, 1, 381, 0.0311, 0.01214) == "F(1, 381) = 4.68, p = .031, partial eta squared = .01"
    assert apa_f(2.0, 2, 30, 0.0009) == "F(2, 30) = 2.00, p < .001"
    assert apa_t(1.234, 97.26, 0.2201) == "t(97.3) = 1.23, p = .220"
    assert apa_r(-0.1749, 402, 0.0004) == "r(400) = -.17, p < .001"
    assert apa_r(0.05, 30, 0.79, ci=(-0.31, 0.4)) == "r(28) = .05, p = .790, 95% CI [-.31, .40]"


# ----------------------------------------------------------------------------- the app


def _app(data=None):
    return widgets.replication_app(data)


def test_the_app_shows_a_landing_five_hypothesis_tabs_and_the_provenance(shipped):
    app = _app(shipped)
    assert app.tabs.titles == ("About the study", "H1 Group type", "H2 Setting", "H3 Training", "H4 Experience",
                               "H5 Years")
    landing = _text(app.landing.value)
    assert "The data are synthetic." in landing and "Chinman" in landing and "doi.org/10.1002/jcop.10010" in landing
    assert "synthetic data rebuilt to reproduce the paper" in _text(app.banner.value)
    for panel in app.panels:
        assert "Computed from: synthetic data rebuilt to reproduce the paper" in _text(panel.result.value)
    assert repr(app) == "ReplicationApp(data=shipped, n=421)" or not data_file("providers.csv").is_file()


def test_changing_an_item_recomputes_the_sentence_and_the_figure(shipped):
    app = _app(shipped)
    h1 = app.panels[0]
    h1.item.value = "value"
    fit = mixed_anova(shipped, "value")
    assert A.group_type_sentence(fit) in _text(h1.result.value)
    alt = plots.plot_interaction(shipped, "value", x="setting3", fit=fit).alt
    assert f'alt="{html.escape(alt, quote=True)}"' in h1.figure.value


def test_tables_have_no_index_and_no_raw_floats(shipped):
    app = _app(shipped)
    for panel in app.panels:
        shown = panel.tables.value
        assert "0.0000" not in shown and ">nan<" not in shown.lower()
    headers = re.findall(r'<th scope="col">([^<]*)</th>', app.panels[0].tables.value)
    assert headers[:4] == ["effect", "F (df)", "p", "partial eta squared"]
    cells = re.findall(r"<td>([^<]*)</td>", app.panels[0].tables.value)
    assert not any(re.fullmatch(r"-?\d+\.\d{5,}", c) for c in cells)


def _upload(path: Path) -> dict:
    content = path.read_bytes()
    return {"name": path.name, "type": "text/csv", "size": len(content), "content": memoryview(content),
            "last_modified": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}


@pytest.fixture
def no_writes(monkeypatch):
    """Fail any attempt to open a file for writing while the upload is handled."""
    real_open = builtins.open

    def guarded(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            raise AssertionError(f"the app tried to write {file}")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(Path, "write_bytes", lambda *a, **k: (_ for _ in ()).throw(AssertionError("write")))
    monkeypatch.setattr(Path, "write_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("write")))
    return monkeypatch


def test_an_uploaded_class_file_recomputes_every_tab_in_memory(shipped, no_writes):
    path = CLASS_DATA / "n34_empty_cell.csv"
    app = _app(shipped)
    app.upload.value = (_upload(path),)  # what the browser's upload does
    mine = load_providers(path)
    assert app.source.data.equals(mine) and not app.source.shipped
    assert "your data (n34_empty_cell.csv, 34 respondents)" in _text(app.banner.value)
    assert "Loaded n34_empty_cell.csv: 34 respondents" in _text(app.message.value)
    for panel in app.panels:
        assert "Computed from: your data (n34_empty_cell.csv, 34 respondents)" in _text(panel.result.value)
    fit = mixed_anova(mine, "familiarity")
    assert A.group_type_sentence(fit) in _text(app.panels[0].result.value)
    assert app.panels[0].fit.n == fit.n
    # training is left out on these data: H3 says so instead of a number, and no paper F stands beside it
    h3 = _text(app.panels[2].result.value)
    assert "The training effect cannot be tested on these data" in h3 and "The paper printed F" not in h3
    res = compare_groups(mine, "self_hospitalized", "familiarity")
    assert A.t_test_sentence(res, mine) in _text(app.panels[3].result.value)
    assert "Analyses that changed or cannot run" in app.readiness.value
    app.reset.click()
    assert app.source.shipped and "Computed from: synthetic data" in _text(app.panels[0].result.value)


@pytest.mark.parametrize("name", ["n12.csv", "n30_constant_item.csv", "n40_one_training.csv", "n50_item_missing.csv",
                                  "n60.csv"])
def test_small_class_files_run_or_say_what_cannot(name, shipped, recwarn):
    app = _app(shipped)
    assert app.load_bytes((CLASS_DATA / name).read_bytes(), name)
    for panel in app.panels:
        for item in ("familiarity", "interference"):
            panel.item.value = item
            text = _text(panel.result.value + panel.tables.value)
            assert "Here:" in text and not re.search(r"\bnan\b", text)
    assert not [w for w in recwarn if "DesignFallback" in type(w.message).__name__]


def test_an_invalid_upload_is_a_message_in_the_page_and_the_data_stay(shipped, no_writes):
    rows = (CLASS_DATA / "n12.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    column = header.index("familiarity_ms")
    broken = rows[2].split(",")
    broken[column] = "7"
    content = "\n".join([rows[0], rows[1], ",".join(broken), *rows[3:]]).encode("utf-8")
    with pytest.raises(DataValidationError):
        load_providers_bytes(content, "broken.csv")
    app = _app(shipped)
    before = app.panels[0].result.value
    assert app.load_bytes(content, "broken.csv") is False
    message = _text(app.message.value)
    assert 'role="alert"' in app.message.value
    assert "broken.csv was not loaded" in message
    assert "column 'familiarity_ms', line 3: integer must lie between 1 and 5 (found '7')" in message
    assert "Traceback" not in message and "The tabs still show synthetic data" in message
    assert app.source.shipped and app.panels[0].result.value == before


def test_a_file_that_is_not_a_csv_is_a_message_too(shipped):
    app = _app(shipped)
    assert app.load_bytes(b"\xff\xfe\x00binary", "photo.csv") is False
    assert "the file is not UTF-8" in _text(app.message.value)
    assert app.load_bytes(b"", "empty.csv") is False
    assert "the file is empty" in _text(app.message.value)


def test_uploaded_bytes_load_as_the_file_does():
    path = CLASS_DATA / "n60.csv"
    pd.testing.assert_frame_equal(load_providers_bytes(path.read_bytes(), path.name), load_providers(path))


def test_a_file_name_is_shown_as_text_and_a_long_list_of_problems_is_cut(shipped):
    app = _app(shipped)
    name = "<b>class</b>.csv"
    content = (CLASS_DATA / "n12.csv").read_bytes()
    assert app.load_bytes(content, name)
    assert "&lt;b&gt;class&lt;/b&gt;.csv" in app.banner.value and "<b>class</b>" not in app.banner.value
    export = ",".join(f"Q{i}" for i in range(30)).encode() + b"\n" + b",".join([b"1"] * 30) + b"\n"
    assert app.load_bytes(export, "qualtrics_export.csv") is False
    items = re.findall(r"<li>(.*?)</li>", app.message.value)
    assert len(items) == 13 and re.fullmatch(r"and \d+ more", items[-1])
    assert "mutsup import" in app.message.value


def test_the_anova_table_says_the_paper_printed_no_f_where_it_reported_nothing_significant():
    from mutsup_helpers.views.display import NOT_REPORTED_SIGNIFICANT, anova_view

    fit = mixed_anova(load_providers(), "familiarity")
    printed = load_published().anova.query("item == 'familiarity'")
    shown = anova_view(fit.table, {e: "printed" for e in printed["effect"]}).set_index("effect")["paper printed"]
    assert (shown == "printed").sum() == len(printed)
    assert (shown == NOT_REPORTED_SIGNIFICANT).sum() == len(fit.table) - len(printed)


EXAMPLES = Path(__file__).resolve().parents[1] / "mutsup_helpers" / "fieldwork" / "examples"


@pytest.mark.parametrize(("export", "tool"), [("qualtrics_numeric.csv", "Qualtrics"),
                                              ("qualtrics_choice_text.csv", "Qualtrics"),
                                              ("google_forms.csv", "Google Forms")])
def test_a_survey_tools_export_uploaded_alone_goes_through_the_import_step(export, tool, shipped, no_writes):
    from mutsup_helpers.fieldwork.exports import import_export

    app = _app(shipped)
    app.upload.value = (_upload(EXAMPLES / export),)
    message = _text(app.message.value)
    assert f"imported through the {tool} mapping of mutsup survey" in message, message
    # the same respondents as the command line's import with the mapping mutsup survey writes
    from mutsup_helpers.fieldwork.instrument import mapping_template

    no_writes.undo()
    with tempfile.TemporaryDirectory() as tmp:
        mapping = Path(tmp) / "mapping.yaml"
        mapping.write_text(mapping_template("qualtrics" if tool == "Qualtrics" else "google_forms"))
        import_export(EXAMPLES / export, mapping, Path(tmp) / "out.csv")
        expected = load_providers(Path(tmp) / "out.csv")
    assert app.source.data.equals(expected) and f"{len(expected)} respondents" in message


def test_an_export_with_its_mapping_file_and_the_errors_of_a_bad_upload(shipped, no_writes):
    app = _app(shipped)
    export = (EXAMPLES / "qualtrics_choice_text.csv").read_bytes()
    mapping = (EXAMPLES / "qualtrics_mapping.yaml").read_bytes()
    assert app.load_files({"class.csv": export, "qualtrics_mapping.yaml": mapping})
    assert "imported through qualtrics_mapping.yaml (tool: Qualtrics)" in _text(app.message.value)
    shown = app.source
    assert not app.load_files({"class.csv": export, "other.csv": export})
    assert "upload one CSV file" in _text(app.message.value) and app.source is shown
    assert not app.load_files({"class.csv": export, "bad.yaml": b"tool: surveymonkey\ncolumns: {}\n"})
    assert "tool must be one of" in _text(app.message.value) and app.source is shown
    broken = export.replace(b"Very Familiar", b"Extremely Familiar", 1)
    assert not app.load_files({"class.csv": broken})
    message = _text(app.message.value)
    assert "its answers do not fit the mapping" in message and "line" in message and app.source is shown
