"""Many worlds: seed lists, the folder of worlds and its manifest, the Dask build (resumable, deterministic)."""

from __future__ import annotations

import gzip
import json
import shutil

import numpy as np
import pandas as pd
import pytest

from mutsup_helpers.cli import main
from mutsup_helpers.data.load import load_providers
from mutsup_helpers.paths import data_dir, data_file
from mutsup_helpers.worlds import WorldsError, load_manifest, load_worlds, parse_seeds
from mutsup_helpers.worlds.build import build_worlds, score_csv
from mutsup_helpers.worlds.store import WorldResult, sha256, world_file

# ----------------------------------------------------------------------------- seed lists


def test_seed_lists_read_as_typed():
    assert parse_seeds("1-100") == list(range(1, 101))
    assert parse_seeds("7") == [7]
    assert parse_seeds(" 3, 1-2 ,2,0") == [3, 1, 2, 0]  # in order, each once


@pytest.mark.parametrize(("text", "rule"), [
    ("", "an empty part"),
    ("1,,2", "an empty part"),
    ("a", "'a' is not a seed"),
    ("-3", "'-3' is not a seed"),
    ("1.5", "'1.5' is not a seed"),
    ("1-", "'1-' is not a seed"),
    ("5-1", "goes down"),
    ("0-100000", "more than 100000 seeds"),
])
def test_a_bad_seed_list_says_which_part_breaks_which_rule(text, rule):
    with pytest.raises(ValueError, match=rule):
        parse_seeds(text)


def test_the_cli_refuses_a_bad_seed_list_with_a_usage_message(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["worlds", "build", "--seeds", "5-1"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --seeds: seed list '5-1'" in err and "Traceback" not in err


# ----------------------------------------------------------------------------- a folder of worlds, quick stand-ins

SOURCES = {1: data_file("providers.csv"), 2: data_dir() / "alternates" / "providers_seed_2002.csv",
           3: data_dir() / "alternates" / "providers_seed_2004.csv"}
BROKEN = 9


def _broken_csv() -> bytes:
    """The shipped data with every psychiatric-group familiarity answer of 4 made 5: it follows the codebook
    but misses the printed familiarity numbers."""
    frame = pd.read_csv(SOURCES[1], dtype=str, keep_default_na=False)
    frame["familiarity_ms"] = frame["familiarity_ms"].replace("4", "5")
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def stand_in(seed: int) -> WorldResult:
    """A world in a second: a shipped data file (or a broken one) scored for real."""
    csv = _broken_csv() if seed == BROKEN else SOURCES[seed].read_bytes()
    verify, misses = score_csv(csv, f"seed {seed}")
    return WorldResult(seed, csv, "0.3.0", verify, misses)


def never(seed: int) -> WorldResult:
    raise AssertionError(f"seed {seed} was built again")


@pytest.fixture(scope="module")
def scheduler():
    """An in-process Dask cluster (two single-threaded workers), reached by its address as --scheduler is."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def built(tmp_path_factory, scheduler):
    out = tmp_path_factory.mktemp("worlds")
    report = build_worlds([1, 2, BROKEN, 3], out, scheduler=scheduler, progress=False, task=stand_in)
    return out, report


def test_passing_worlds_are_shipped_and_a_failed_one_is_recorded_with_its_misses(built):
    out, report = built
    assert sorted(report.built) == [1, 2, 3, BROKEN] and report.failed == [BROKEN] and not report.errors
    assert sorted(p.name for p in out.glob("seed_*")) == [world_file(1), world_file(2), world_file(3)]
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in out.iterdir())  # readable, as a shipped file is
    manifest = load_manifest(out)
    entries = {e["seed"]: e for e in manifest["worlds"]}
    assert [e["seed"] for e in manifest["worlds"]] == [1, 2, 3, BROKEN]
    assert entries[1]["status"] == "pass" and entries[1]["verify"]["mismatch"] == 0
    failed = entries[BROKEN]
    assert failed["status"] == "failed" and failed["file"] is None and failed["verify"]["mismatch"] > 0
    assert len(failed["misses"]) == failed["verify"]["mismatch"] + failed["verify"].get("not computable", 0)
    assert any("familiarity" in m["target"] for m in failed["misses"])
    assert manifest["named"]["shipped"]["seed"] == 20020401
    assert manifest["named"]["shipped"]["file"] == "providers.csv"


def test_the_loader_gives_the_shipped_world_first_then_every_passing_seed(built):
    out, _ = built
    worlds = load_worlds(out)
    assert [w.name for w in worlds] == ["shipped", "seed 1", "seed 2", "seed 3"]
    assert [w.seed for w in worlds] == [20020401, 1, 2, 3]
    for world in worlds[1:]:
        pd.testing.assert_frame_equal(world.data, load_providers(SOURCES[world.seed]))
    assert all(w.verify["mismatch"] == 0 for w in worlds)
    assert [w.name for w in load_worlds(out, named=False)] == ["seed 1", "seed 2", "seed 3"]


def test_a_second_build_skips_every_world_already_built(built, scheduler):
    out, _ = built
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = build_worlds([1, 2, BROKEN, 3], out, scheduler=scheduler, progress=False, task=never)
    assert again.skipped == [1, 2, BROKEN, 3] and again.built == [] and again.failed == [BROKEN]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _copy(built, tmp_path):
    out, _ = built
    shutil.copytree(out, tmp_path / "w")
    return tmp_path / "w"


def test_a_changed_world_is_refused_by_the_loader_and_built_again(built, tmp_path, scheduler):
    folder = _copy(built, tmp_path)
    path = folder / world_file(2)
    text = gzip.decompress(path.read_bytes()).replace(b",5,", b",4,", 1)
    path.write_bytes(gzip.compress(text))
    with pytest.raises(WorldsError, match="sha256") as info:
        load_worlds(folder)
    assert info.value.path == path
    report = build_worlds([1, 2], folder, scheduler=scheduler, progress=False, task=stand_in)
    assert report.skipped == [1] and report.built == [2]
    assert len(load_worlds(folder)) == 4


@pytest.mark.parametrize(("damage", "rule"), [
    (lambda f: (f / world_file(3)).write_bytes((f / world_file(3)).read_bytes()[:200]), "not a complete gzip file"),
    (lambda f: (f / world_file(3)).unlink(), "listed in manifest.json but missing"),
    (lambda f: shutil.copy(f / world_file(3), f / world_file(4)), "does not list as passing"),
    (lambda f: (f / "manifest.json").write_text("{", encoding="utf-8"), "not valid JSON"),
    (lambda f: (f / "manifest.json").write_text('{"format": 99}', encoding="utf-8"), '"format": 1'),
])
def test_a_damaged_folder_is_refused_naming_the_file_and_the_rule(built, tmp_path, damage, rule):
    folder = _copy(built, tmp_path)
    damage(folder)
    with pytest.raises(WorldsError, match=rule) as info:
        load_worlds(folder)
    assert info.value.path.parent == folder


def test_a_world_that_breaks_the_codebook_is_refused_even_with_a_matching_checksum(built, tmp_path):
    import hashlib

    folder = _copy(built, tmp_path)
    text = gzip.decompress((folder / world_file(2)).read_bytes()).replace(b",5,", b",7,", 1)
    (folder / world_file(2)).write_bytes(gzip.compress(text))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["worlds"][1]["sha256"] = hashlib.sha256(text).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(WorldsError, match="does not follow the codebook") as info:
        load_worlds(folder)
    assert info.value.path == folder / world_file(2) and "'7'" in str(info.value)


def test_worlds_of_another_solver_version_are_refused(built, tmp_path):
    folder = _copy(built, tmp_path)
    with pytest.raises(WorldsError, match="built by solver 0.3.0, but this package's solver is 9.9"):
        load_worlds(folder, solver_version="9.9")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["worlds"][0]["solver_version"] = "0.0.1"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(WorldsError, match="built by solver 0.0.1") as info:
        load_worlds(folder)
    assert info.value.path == folder / world_file(1)


def test_worlds_check_prints_one_line_and_an_error_without_a_traceback(built, tmp_path, capsys):
    out, _ = built
    assert main(["worlds", "check", "--out", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "4 worlds intact (shipped and 3 seeds); 1 seeds failed and are not shipped (9)" in shown
    folder = _copy(built, tmp_path)
    (folder / world_file(1)).unlink()
    assert main(["worlds", "check", "--out", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder / world_file(1)}: listed in manifest.json but missing" in err and "Traceback" not in err


def test_the_cli_resumes_a_build_and_names_the_failed_seeds(built, tmp_path, capsys):
    folder = _copy(built, tmp_path)
    assert main(["worlds", "build", "--seeds", f"1-3,{BROKEN}", "--out", str(folder)]) == 1  # nothing to build
    shown = capsys.readouterr().out
    assert "4 seeds; built now 0, skipped 4 (already built); 3 pass, 1 failed, 0 errors" in shown
    assert f"seed {BROKEN} failed (not shipped): missed table2/" in shown
    assert main(["worlds", "build", "--seeds", "1-3", "--out", str(folder)]) == 0


def test_an_unreachable_scheduler_is_one_message(tmp_path, capsys, monkeypatch):
    from mutsup_helpers.worlds import build

    monkeypatch.setattr(build, "CONNECT_TIMEOUT_S", 1)
    assert main(["worlds", "build", "--seeds", "1", "--out", str(tmp_path / "w"), "--scheduler",
                 "tcp://127.0.0.1:1"]) == 2
    err = capsys.readouterr().err
    assert "--scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 1 s" in err
    assert "Traceback" not in err


def test_worlds_go_into_data_only_into_data_worlds(capsys):
    before = sorted(p.name for p in data_dir().rglob("*"))
    assert main(["worlds", "build", "--seeds", "1", "--out", str(data_dir() / "elsewhere")]) == 2
    assert "inside the project's data/ folder" in capsys.readouterr().err
    assert main(["worlds", "build", "--seeds", "1", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--workers" in capsys.readouterr().err
    assert sorted(p.name for p in data_dir().rglob("*")) == before


# ----------------------------------------------------------------------------- real worlds on a local cluster

#: Three seeds of the shipped ensemble (the quicker ones, benchmarks/bench_worlds.py): the slow test adds about
#: two minutes to CI.
SLOW_SEEDS = (1, 2, 3)


@pytest.mark.slow
def test_real_worlds_on_two_local_workers_are_the_direct_rebuilds_and_resume(tmp_path):
    from mutsup_helpers.reconstruct import rebuild, write_csv

    seeds = list(SLOW_SEEDS)
    report = build_worlds(seeds, tmp_path / "w", workers=2, progress=False)
    assert report.workers == 2 and sorted(report.built) == seeds and not report.errors
    # the bytes of `mutsup reconstruct`: a direct rebuild, its items on two processes, not one after another
    direct = write_csv(rebuild(seeds[0], progress=False), tmp_path / "direct.csv").read_bytes()
    results = {r.seed: r for r in report.results}
    assert results[seeds[0]].csv == direct
    if results[seeds[0]].passed:
        assert gzip.decompress((tmp_path / "w" / world_file(seeds[0])).read_bytes()) == direct
    assert results[seeds[0]].csv != results[seeds[1]].csv
    # the same seed gives the same bytes on any worker: those of the shipped ensemble's world
    shipped = {e["seed"]: e["sha256"] for e in load_manifest()["worlds"]}
    assert {seed: sha256(results[seed].csv) for seed in seeds} == {seed: shipped[seed] for seed in seeds}
    again = build_worlds(seeds, tmp_path / "w", workers=2, progress=False, task=never)
    assert again.skipped == seeds and again.built == []


@pytest.mark.slow
def test_a_separate_scheduler_process_builds_the_bytes_of_the_local_default(tmp_path):
    """`mutsup worlds build --scheduler ADDRESS` against `dask scheduler` and `dask worker` processes."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(2)
        processes.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(3)
        seed = SLOW_SEEDS[0]
        assert main(["worlds", "build", "--seeds", str(seed), "--out", str(tmp_path / "w"),
                     "--scheduler", address]) == 0
        shipped = {e["seed"]: e["sha256"] for e in load_manifest()["worlds"]}
        built = {e["seed"]: e["sha256"] for e in load_manifest(tmp_path / "w")["worlds"]}
        assert built == {seed: shipped[seed]}
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)




# ----------------------------------------------------------------------------- provenance across worlds


@pytest.fixture(scope="module")
def three_worlds():
    from mutsup_helpers.worlds import World

    return [World(name, seed, SOURCES[i], {}, load_providers(SOURCES[i]))
            for i, (name, seed) in enumerate([("shipped", 20020401), ("seed 2002", 2002), ("seed 2004", 2004)], 1)]


def test_printed_fixed_and_chosen_values_are_told_apart(three_worlds):
    from mutsup_helpers.worlds.provenance import CHOSEN, FIXED, PRINTED, provenance

    def statistic(d):
        counts = d["age_range"].value_counts()
        return {"20-35": counts["20-35"], "36-50": counts["36-50"], "rows": len(d),
                "r_years": d["years_in_discipline"].corr(d["years_in_setting"])}

    table = provenance(statistic, three_worlds, printed={"20-35": "table1/age_range/20-35/n",
                                                          "36-50": "table1/age_range/36-50/n"})
    assert table.loc["20-35", "provenance"] == PRINTED and table.loc["20-35", "target"] == "table1/age_range/20-35/n"
    assert table.loc["rows", "provenance"] == FIXED and table.loc["rows", "value"] == 421
    r = [w.data["years_in_discipline"].corr(w.data["years_in_setting"]) for w in three_worlds]
    assert len(set(r)) > 1 and table.loc["r_years", "provenance"] == CHOSEN
    assert table.loc["r_years", "value"] == r[0] and table.loc["r_years", "worlds"] == 3
    assert table.loc["r_years", ["median", "q05", "q95", "min", "max"]].tolist() == pytest.approx(
        [np.median(r), *np.quantile(r, [0.05, 0.95]), min(r), max(r)])
    assert table["share_significant"].isna().all()


def test_a_value_equal_at_printed_precision_is_fixed_by_the_printed_numbers(three_worlds):
    from mutsup_helpers.worlds.provenance import CHOSEN, FIXED, provenance

    def mean_years(d):
        return d["years_in_discipline"].mean()

    from mutsup_helpers.paper.published import load_published

    targets = load_published().targets().set_index("target")
    decimals = int(targets.loc["continuous/years_in_discipline/mean", "decimals"])
    means = [w.data["years_in_discipline"].mean() for w in three_worlds]
    assert len(set(means)) > 1  # the worlds differ beyond the printed decimals
    assert provenance(mean_years, three_worlds, decimals=decimals).loc["value", "provenance"] == FIXED
    assert provenance(mean_years, three_worlds).loc["value", "provenance"] == CHOSEN


def test_p_values_get_the_share_of_worlds_where_they_are_significant(three_worlds):
    from scipy.stats import mannwhitneyu

    from mutsup_helpers.worlds.provenance import caption, provenance

    def rank_test(d):
        yes = d.loc[d["self_hospitalized"] == "Yes", "helpfulness_ms"].dropna()
        no = d.loc[d["self_hospitalized"] == "No", "helpfulness_ms"].dropna()
        return {"p": mannwhitneyu(no, yes).pvalue}

    table = provenance(rank_test, three_worlds, p_values=True)
    ps = [rank_test(w.data)["p"] for w in three_worlds]
    assert table.loc["p", "share_significant"] == pytest.approx(np.mean([p < 0.05 for p in ps]))
    line = caption(table.loc["p"])
    assert line.startswith("chosen by the rebuild: across 3 rebuilds")
    assert f"significant in {np.mean([p < 0.05 for p in ps]):.0%}" in line


def test_a_table_statistic_is_labelled_by_cell_and_remembered(three_worlds):
    from mutsup_helpers.worlds.provenance import provenance

    calls = []

    def crosstab(d):
        calls.append(1)
        return pd.crosstab(d["training"], d["setting3"])

    table = provenance(crosstab, three_worlds)
    shipped = pd.crosstab(three_worlds[0].data["training"], three_worlds[0].data["setting3"])
    assert table.loc[[("advanced", "rehabilitation")], "value"].item() == shipped.loc["advanced", "rehabilitation"]
    assert len(table) == shipped.size and len(calls) == 4  # the data shown, then each world
    provenance(crosstab, three_worlds)
    assert len(calls) == 4  # remembered
    changed = three_worlds[0].data.copy()
    changed.loc[0, "training"] = "advanced" if changed.loc[0, "training"] != "advanced" else "mental_health_worker"
    provenance(crosstab, three_worlds, data=changed)
    assert len(calls) == 8


def test_a_value_missing_in_a_world_is_not_fixed_and_unknown_targets_are_refused(three_worlds):
    from mutsup_helpers.worlds.provenance import CHOSEN, provenance

    table = provenance(lambda d: {"n": len(d) if d is not three_worlds[2].data else None}, three_worlds)
    assert table.loc["n", "provenance"] == CHOSEN and table.loc["n", "worlds"] == 2
    with pytest.raises(ValueError, match="table1/age_range/20-36/n"):
        provenance(lambda d: len(d), three_worlds, printed={"value": "table1/age_range/20-36/n"})
