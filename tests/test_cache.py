"""The on-disk cache: keyed by code, data and statistic; off, unwritable or stale, it only costs time."""

from __future__ import annotations

import shutil

import pytest

from mutsup_helpers import cache
from mutsup_helpers.cache import remember_on_disk, stable_key


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MUTSUP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_second_call_reads_the_stored_result(folder):
    calls = []
    first = remember_on_disk("t", "k", lambda: calls.append(1) or {"x": 1})
    again = remember_on_disk("t", "k", lambda: calls.append(1) or {"x": 2})
    assert first == again == {"x": 1} and len(calls) == 1
    assert list((folder / "t").glob("*.pickle"))


def test_changed_code_or_data_gives_another_key(folder, monkeypatch):
    remember_on_disk("t", "k", lambda: 1)
    monkeypatch.setattr(cache, "fingerprint", lambda: "another package")
    assert remember_on_disk("t", "k", lambda: 2) == 2


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_the_cache_can_be_turned_off(monkeypatch, setting):
    monkeypatch.setenv("MUTSUP_CACHE", setting)
    assert cache.cache_dir() is None
    results = iter([1, 2])
    assert remember_on_disk("t", "k", lambda: next(results)) == 1
    assert remember_on_disk("t", "k", lambda: next(results)) == 2


def test_an_unwritable_folder_is_no_cache_not_an_error(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MUTSUP_CACHE", str(blocked / "cache"))
    assert remember_on_disk("t", "k", lambda: 3) == 3


def test_no_key_means_computed_every_time(folder):
    results = iter([1, 2])
    assert remember_on_disk("t", None, lambda: next(results)) == 1
    assert remember_on_disk("t", None, lambda: next(results)) == 2


def test_a_function_is_named_by_its_source_and_the_values_it_reads():
    item = "familiarity"
    statistic = lambda d: (d, item)  # noqa: E731 (a notebook's lambda)
    before = stable_key(statistic)
    item = "value"
    assert stable_key(statistic) != before
    assert stable_key(lambda d: d) != stable_key(lambda d: d + 1)
    assert stable_key(shutil.copy) != stable_key(shutil.move)
    # the package's own functions: by name (their code is in the fingerprint)
    assert stable_key(cache.fingerprint).startswith("mutsup_helpers.cache.fingerprint|")


def test_an_object_without_a_stable_name_gives_no_key():
    class Opaque:
        pass

    thing = Opaque()
    assert stable_key(thing) is None
    assert stable_key((1, thing)) is None
    assert stable_key(lambda d: thing) is None


def test_a_changed_world_file_is_refused_even_after_the_worlds_were_cached(folder, tmp_path):
    from mutsup_helpers.paths import data_dir
    from mutsup_helpers.views.provenance import paper_worlds
    from mutsup_helpers.worlds import WorldsError

    copy = tmp_path / "worlds"
    shutil.copytree(data_dir() / "worlds", copy)
    assert len(paper_worlds(copy)) > 1
    assert list((folder / "worlds").glob("*.pickle"))
    victim = sorted(copy.glob("seed_*.csv.gz"))[0]
    victim.write_bytes(victim.read_bytes()[:-8] + b"\0" * 8)
    with pytest.raises(WorldsError, match=victim.name):
        paper_worlds(copy)


def test_a_package_lambda_is_told_apart_by_what_it_closes_over():
    from mutsup_helpers import analysis as ms

    def make(method):
        statistic = lambda d: ms.adjust_pvalues(d, method)  # noqa: E731
        statistic.__module__ = "mutsup_helpers.views.widgets"  # as if made in a package method
        return statistic

    assert stable_key(make("holm")) != stable_key(make("fdr_bh"))
    assert stable_key(make("holm")) == stable_key(make("holm"))
