"""Build worlds on Dask: rebuild each seed, score it with the scorecard, keep it if it passes.

``build_worlds`` runs on a ``dask.distributed`` cluster: a :class:`~distributed.LocalCluster` of one
single-threaded worker process per core by default, or any running scheduler given by its address
(``tcp://host:8786``: dask-jobqueue on Slurm, dask-gateway on a JupyterHub, ``dask scheduler`` on
this machine) with no change to the code. Workers return each world's CSV bytes and scorecard
totals; only this process writes the folder (:class:`~.store.WorldStore`), so the workers need not
share a file system with it.

Inside a worker a world is rebuilt with its five items one after another (``workers=1``): the
worker already has a core of its own, and Dask's worker processes may not fork a pool. Every item
has its own seeds, so the bytes are those of ``mutsup reconstruct`` with the same seed.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm.auto import tqdm

from mutsup_helpers import __version__

from ..compare.scorecard import scorecard
from ..data.load import load_providers_bytes
from ..paths import data_file
from ..reconstruct import rebuild, write_csv
from .store import SHIPPED, WorldResult, WorldStore, sha256

__all__ = ["BuildReport", "build_world", "build_worlds", "score_csv"]

SHIPPED_FILE = "providers.csv"
#: How long to wait for a scheduler given by its address before giving up.
CONNECT_TIMEOUT_S = 20


def score_csv(csv: bytes, name: str = "world") -> tuple[dict[str, int], list[dict]]:
    """Scorecard totals of a world's CSV (status -> count) and its missed numbers (target, printed, reproduced).

    The CSV is read back as a user's file would be (the codebook's checks included), so what is scored
    is what ships.
    """
    card = scorecard(load_providers_bytes(csv, name))
    totals = {status: int(n) for status, n in card["status"].value_counts().items()}
    for status in ("match", "mismatch", "unreachable"):
        totals.setdefault(status, 0)
    bad = card[~card["status"].isin(["match", "unreachable"])]
    misses = [{"target": r.target, "status": r.status, "printed": _plain(r.printed), "reproduced": _plain(r.reproduced)}
              for r in bad.itertuples()]
    return totals, misses


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)


def build_world(seed: int) -> WorldResult:
    """Rebuild one seed (items in series), write it as ``write_csv`` does, and score it."""
    start, cpu = time.perf_counter(), time.process_time()
    frame = rebuild(seed, progress=False, workers=1)
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(frame, Path(folder) / "world.csv")
        csv = path.read_bytes()
    verify, misses = score_csv(csv, f"seed {seed}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return WorldResult(seed, csv, __version__, verify, misses, time.perf_counter() - start, peak,
                       time.process_time() - cpu)


@dataclass
class BuildReport:
    """What a build did: seeds built now, skipped (already done), failed (misses), and errors (exceptions)."""

    folder: Path
    built: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    results: list[WorldResult] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0

    @property
    def passed(self) -> list[int]:
        return [seed for seed in self.built if seed not in self.failed]


def build_worlds(seeds: Iterable[int], out: str | Path, scheduler: str | None = None, workers: int | None = None,
                 progress: bool = True, task: Callable[[int], WorldResult] = build_world,
                 shipped: bool = True) -> BuildReport:
    """Build the worlds of ``seeds`` into the folder ``out``, skipping those already done.

    ``scheduler``: the address of a running Dask scheduler; None starts a local cluster of ``workers``
    single-threaded processes (default: one per core) for this build. ``task`` builds one world on a
    worker (tests pass a quick stand-in). With ``shipped`` the manifest also names the shipped
    ``data/providers.csv`` as the world ``shipped``. Each world is recorded as it finishes, so an
    interrupted build loses only the worlds under way.
    """
    from distributed import Client, LocalCluster, as_completed

    seeds = list(seeds)
    store = WorldStore(out)
    report = BuildReport(Path(out))
    start = time.perf_counter()
    if shipped:
        _name_shipped(store)
    todo = []
    for seed in seeds:
        (report.skipped if store.done(seed) else todo).append(seed)
    report.failed += [seed for seed in report.skipped if store.entry(seed)["status"] == "failed"]
    bar = tqdm(total=len(seeds), initial=len(report.skipped), desc="worlds", unit="world", disable=not progress)
    bar.set_postfix_str(f"failed {len(report.failed)}")
    cluster = None
    try:
        if todo:
            if scheduler is None:
                n = workers or os.cpu_count() or 1
                # dashboard on a free port: two builds, or a dashboard of the user's, do not collide on 8787
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
                client = Client(cluster)
            else:
                try:
                    client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
                except (OSError, TimeoutError) as exc:
                    raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} within "
                                          f"{CONNECT_TIMEOUT_S} s ({exc})") from None
            with client:
                report.workers = len(client.scheduler_info().get("workers", {}))
                futures = client.map(task, todo, pure=False)
                seed_of = {future.key: seed for future, seed in zip(futures, todo, strict=True)}
                for future in as_completed(futures):
                    seed = seed_of[future.key]
                    try:
                        result = future.result()
                    except Exception as exc:  # a crash, not a miss: not recorded, so a new run tries again
                        report.errors[seed] = f"{type(exc).__name__}: {exc}"
                    else:
                        store.record(result)
                        report.built.append(seed)
                        report.results.append(result)
                        if not result.passed:
                            report.failed.append(seed)
                    finally:
                        future.release()
                    bar.update(1)
                    errors = f", errors {len(report.errors)}" if report.errors else ""
                    bar.set_postfix_str(f"failed {len(report.failed)}{errors}")
    finally:
        bar.close()
        if cluster is not None:
            cluster.close()
    report.seconds = time.perf_counter() - start
    return report


def _name_shipped(store: WorldStore) -> None:
    """List ``data/providers.csv`` as the world ``shipped`` (scored only when its checksum changed)."""
    path = data_file(SHIPPED_FILE)
    csv = path.read_bytes()
    entry = store.manifest["named"].get(SHIPPED)
    if entry is not None and entry["sha256"] == sha256(csv):
        return
    recipe = _reconstruction()
    verify, _ = score_csv(csv, str(path))
    store.name(SHIPPED, SHIPPED_FILE, int(recipe["seed"]), str(recipe["solver_version"]), verify)


def _reconstruction() -> dict:
    """The codebook's record of how the shipped data were made (seed, solver version)."""
    package = json.loads(data_file("datapackage.json").read_text(encoding="utf-8"))
    (providers,) = [r for r in package["resources"] if r["name"] == "providers"]
    return providers["mutsup:reconstruction"]
