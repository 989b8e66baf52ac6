"""The folder of worlds: one gzip-compressed CSV per passing world and ``manifest.json``.

Storage. A world is the contract's CSV exactly as :func:`mutsup_helpers.reconstruct.write_csv`
writes it, gzip-compressed (about 51 kB of text, some 10 kB on disk). Every column is kept, not
only the answers: demographics, years and who skipped what differ between seeds too, and they are
what the ensemble is for. The sha256 in the manifest is that of the CSV *text*, so it does not
depend on the zlib that compressed it, and it equals the checksum of a direct
``rebuild(seed)`` + ``write_csv``. The gzip header carries no time stamp or name, so the same
world gives the same file bytes from any worker with the same zlib.

The manifest lists every seed built: its file, the solver version, the sha256, the verify totals
(match / mismatch / unreachable) and a status. A world that misses a reachable number is recorded
as ``failed`` with its misses, and no file is shipped for it. ``named`` holds the shipped
``data/providers.csv`` as the world ``shipped`` (its seed is the codebook's; its file is named within the
project's data folder, so the entry holds wherever the folder of worlds is).

Every file is written atomically (a temporary file in the same folder, then ``os.replace``), the
manifest last, so an interrupted build leaves at worst a world file the manifest does not list yet;
a build run again rebuilds it, and :func:`load_worlds` refuses the folder until then.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mutsup_helpers import __version__

from ..data.load import DataValidationError, load_providers_bytes
from ..paths import data_dir, data_file

__all__ = ["MANIFEST", "World", "WorldResult", "WorldsError", "WorldStore", "load_manifest", "load_worlds",
           "world_file", "worlds_dir"]

MANIFEST = "manifest.json"
#: The manifest's layout; a manifest of another format is refused.
FORMAT = 1
SHIPPED = "shipped"
_WORLD_NAME = re.compile(r"^seed_(\d+)\.csv\.gz$")


class WorldsError(ValueError):
    """A world file or the manifest breaks a rule; the message names the file and the rule."""

    def __init__(self, path: str | Path, rule: str):
        self.path, self.rule = Path(path), rule
        super().__init__(f"{path}: {rule}")


@dataclass
class WorldResult:
    """What building one world gives: its CSV (as ``write_csv`` writes it) and its scorecard totals."""

    seed: int
    csv: bytes
    solver_version: str
    verify: dict[str, int]  # match / mismatch / unreachable (/ not computable)
    misses: list[dict] = field(default_factory=list)  # target, printed, reproduced of each missed number
    seconds: float = 0.0  # wall time of the rebuild and its scoring on the worker
    peak_rss_mib: float = 0.0  # the worker process's peak resident memory so far
    cpu_seconds: float = 0.0  # CPU time of the worker process for this world (unlike wall time, not load-dependent)

    @property
    def passed(self) -> bool:
        """Every reachable printed number matched (no mismatch and nothing that could not be computed)."""
        return not any(n for status, n in self.verify.items() if status not in ("match", "unreachable"))


@dataclass
class World:
    """One loaded world: its name (``shipped`` or ``seed N``), seed, file, verify totals and data."""

    name: str
    seed: int
    path: Path
    verify: dict[str, int]
    data: pd.DataFrame


def worlds_dir() -> Path:
    """The shipped ensemble's folder, ``data/worlds``."""
    return data_dir() / "worlds"


def world_file(seed: int) -> str:
    """The file name of a world in its folder.

    >>> world_file(7)
    'seed_0007.csv.gz'
    """
    return f"seed_{seed:04d}.csv.gz"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def compress(csv: bytes) -> bytes:
    """gzip with no time stamp and no file name in the header: the same text gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        out.write(csv)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes the file private; a shipped file is readable by all, as any other
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ----------------------------------------------------------------------------- the manifest


def _empty_manifest() -> dict:
    return {"format": FORMAT, "worlds": [], "named": {}}


def load_manifest(folder: str | Path | None = None) -> dict:
    """The manifest of a folder of worlds, checked for its layout (a clear error naming the rule)."""
    path = Path(folder if folder is not None else worlds_dir()) / MANIFEST
    if not path.is_file():
        raise WorldsError(path, "no manifest: the folder holds no built worlds (build them with mutsup worlds build)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorldsError(path, f"the manifest is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise WorldsError(path, f"the manifest must be a JSON object with \"format\": {FORMAT}")
    worlds = manifest.get("worlds")
    if not isinstance(worlds, list):
        raise WorldsError(path, "the manifest's \"worlds\" must be a list")
    needed = {"seed", "file", "status", "solver_version", "sha256", "verify"}
    for i, entry in enumerate(worlds):
        missing = needed - set(entry) if isinstance(entry, dict) else needed
        if missing:
            raise WorldsError(path, f"world entry {i} lacks {sorted(missing)}")
        if entry["status"] not in ("pass", "failed"):
            raise WorldsError(path, f"world entry {i} (seed {entry['seed']}): status must be 'pass' or 'failed'")
    seeds = [entry["seed"] for entry in worlds]
    if len(seeds) != len(set(seeds)):
        raise WorldsError(path, "a seed is listed twice")
    manifest.setdefault("named", {})
    return manifest


class WorldStore:
    """A folder of worlds being built: what is done already, and recording what a build gives.

    One process (the Dask client) writes the folder; workers only return results.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / MANIFEST
        self.manifest = load_manifest(self.folder) if self.path.exists() else _empty_manifest()
        self._entries = {entry["seed"]: entry for entry in self.manifest["worlds"]}

    def entry(self, seed: int) -> dict | None:
        return self._entries.get(seed)

    def done(self, seed: int, solver_version: str = __version__) -> bool:
        """Built by this solver version and intact: a failure on record, or a file whose checksum matches."""
        entry = self._entries.get(seed)
        if entry is None or entry["solver_version"] != solver_version:
            return False
        if entry["status"] == "failed":  # the same seed and solver fail the same way again
            return True
        path = self.folder / entry["file"]
        try:
            return sha256(gzip.decompress(path.read_bytes())) == entry["sha256"]
        except (OSError, EOFError, gzip.BadGzipFile):
            return False

    def record(self, result: WorldResult) -> dict:
        """Write a passing world's file, then its manifest entry; a failing world gets an entry only."""
        name = world_file(result.seed)
        entry = {"seed": result.seed, "file": name if result.passed else None,
                 "status": "pass" if result.passed else "failed", "solver_version": result.solver_version,
                 "sha256": sha256(result.csv), "verify": dict(sorted(result.verify.items()))}
        if result.passed:
            write_atomically(self.folder / name, compress(result.csv))
        else:
            entry["misses"] = result.misses
            (self.folder / name).unlink(missing_ok=True)  # never leave a failed world looking shipped
        self._entries[result.seed] = entry
        self._save()
        return entry

    def name(self, name: str, file: str, seed: int, solver_version: str, verify: dict[str, int]) -> None:
        """List a shipped data file (``providers.csv``, a name in the project's data folder) as a named world.

        The name is kept, not a path: the loader finds it in ``data/`` (or a wheel's copy of it) from any folder.
        """
        self.manifest["named"][name] = {
            "seed": seed, "file": file, "in": "data",
            "solver_version": solver_version, "sha256": sha256(data_file(file).read_bytes()),
            "verify": dict(sorted(verify.items()))}
        self._save()

    def _save(self) -> None:
        self.manifest["worlds"] = [self._entries[seed] for seed in sorted(self._entries)]
        text = json.dumps(self.manifest, indent=1, sort_keys=True, default=_plain) + "\n"
        write_atomically(self.path, text.encode("utf-8"))


def _plain(value):
    """numpy numbers in misses as plain JSON numbers."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# ----------------------------------------------------------------------------- the loader


def load_worlds(folder: str | Path | None = None, named: bool = True,
                solver_version: str | None = __version__) -> list[World]:
    """Every passing world of a folder (default ``data/worlds``), checked against its manifest.

    Each file must exist, decompress, have the manifest's sha256, have been built by
    ``solver_version`` (None: any) and follow the codebook; every ``seed_N.csv.gz`` in the folder
    must be listed. A broken rule raises :class:`WorldsError` naming the file and the rule.
    With ``named`` the named worlds (``shipped``: ``data/providers.csv``) come first.
    """
    folder = Path(folder if folder is not None else worlds_dir())
    manifest = load_manifest(folder)
    listed = {entry["file"] for entry in manifest["worlds"] if entry["status"] == "pass"}
    for path in sorted(folder.iterdir()):
        if _WORLD_NAME.match(path.name) and path.name not in listed:
            raise WorldsError(path, "a world file that manifest.json does not list as passing "
                                    "(an interrupted build: run mutsup worlds build again)")
    worlds = []
    if named:
        for name, entry in sorted(manifest["named"].items()):
            path = data_file(entry["file"])
            worlds.append(_load_one(name, path, entry, _read(path), solver_version))
    for entry in manifest["worlds"]:
        if entry["status"] != "pass":
            continue
        path = folder / entry["file"]
        raw = _read(path)
        try:
            text = gzip.decompress(raw)
        except (EOFError, gzip.BadGzipFile, OSError):
            raise WorldsError(path, "not a complete gzip file") from None
        worlds.append(_load_one(f"seed {entry['seed']}", path, entry, text, solver_version))
    return worlds


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise WorldsError(path, "listed in manifest.json but missing")
    return path.read_bytes()


def _load_one(name: str, path: Path, entry: dict, text: bytes, solver_version: str | None) -> World:
    if sha256(text) != entry["sha256"]:
        raise WorldsError(path, f"its sha256 {sha256(text)[:12]}... is not the manifest's {entry['sha256'][:12]}... "
                                "(the file changed after it was built)")
    if solver_version is not None and entry["solver_version"] != solver_version:
        raise WorldsError(path, f"built by solver {entry['solver_version']}, but this package's solver is "
                                f"{solver_version}: rebuild the worlds (mutsup worlds build)")
    try:
        data = load_providers_bytes(text, str(path))
    except DataValidationError as exc:
        raise WorldsError(path, f"does not follow the codebook: {exc}") from None
    return World(name, int(entry["seed"]), path, dict(entry["verify"]), data)
