"""Many worlds: an ensemble of rebuilds of the synthetic data, each scored against the paper.

One seed of the solver gives one *world*: 421 synthetic respondents that reproduce every
reachable printed number. Summary statistics do not determine the data, so worlds differ in
everything the paper did not print. The ensemble shows which of those unprinted quantities the
printed numbers pin down and which the rebuild chose.

- :mod:`.seeds` reads a seed list such as ``1-100`` or ``1,5,7-9``;
- :mod:`.store` is the folder of worlds (``data/worlds/``): one gzip-compressed CSV per world,
  written atomically, and ``manifest.json`` (seed, solver version, sha256, verify totals); its
  loader :func:`load_worlds` checks every file against the manifest;
- :mod:`.build` rebuilds and scores worlds on Dask (``mutsup worlds build``).

May import: ``paper``, ``data``, ``stats``, ``checks``, ``compare``, ``reconstruct``.
"""

from __future__ import annotations

from .seeds import parse_seeds
from .store import MANIFEST, World, WorldResult, WorldsError, load_manifest, load_worlds

__all__ = ["MANIFEST", "World", "WorldResult", "WorldsError", "load_manifest", "load_worlds", "parse_seeds"]
