"""Side-by-side views of rebuilt data sets."""

from __future__ import annotations

from mutsup_helpers.compare import rebuilds
from mutsup_helpers.views import plots


def test_answer_counts_add_up_to_n(random_providers):
    frames = {"a": random_providers, "b": random_providers.iloc[::-1]}
    counts = rebuilds.answer_counts(frames, "value_ms")
    answered = counts[[f"answered {k}" for k in range(1, 6)]].sum(axis=1)
    assert (answered == counts["n"]).all()
    assert counts.loc["a", "mean"] == random_providers["value_ms"].mean()


def test_identical_respondents_are_found_whatever_the_row_order(random_providers):
    frames = {"a": random_providers, "same rows shuffled": random_providers.sample(frac=1, random_state=0)}
    table = rebuilds.rebuild_differences(frames)
    assert table.iloc[0, 2] == len(random_providers)


def test_realism_checks_report_a_value_and_a_verdict(random_providers):
    table = rebuilds.realism_checks(random_providers)
    assert list(table.columns) == ["check", "value", "rule", "ok"]
    # the random test data have independent answers, so the positive-correlation check must fail
    assert not table.loc[0, "ok"]


def test_plot_rebuilds_labels_each_data_set_with_its_mean(random_providers):
    fig = plots.plot_rebuilds({"a": random_providers, "b": random_providers}, "value_ms")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[0].startswith("a: mean ") and len(labels) == 2
