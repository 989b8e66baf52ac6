"""Wall time of `mutsup reconstruct` per seed, fresh (numba's cache emptied) and warm, with the verdict.

    .venv/bin/python benchmarks/bench_reconstruct.py [SEED ...]

Each seed is rebuilt twice in a subprocess: first with ``NUMBA_CACHE_DIR`` pointing to an empty
folder (every kernel compiled, as on a fresh install), then with that cache warm. Each output is
scored by ``mutsup verify`` (exit 0 = every reachable printed number and every shape target met)
and the two outputs are compared byte for byte. The budget is the issue's: a fresh rebuild of
one seed within 120 s on 2 cores; the last column is the fresh time as a share of it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_S = 120.0
DEFAULT_SEEDS = (20020401, 2002, 2004)
MUTSUP = Path(sys.executable).with_name("mutsup")


def _run(seed: int, out: Path, cache: Path) -> float:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run([str(MUTSUP), "reconstruct", "--seed", str(seed), "--out", str(out), "--force"],
                   env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def _verified(path: Path) -> bool:
    return subprocess.run([str(MUTSUP), "verify", "--data", str(path)], capture_output=True).returncode == 0


def main(seeds: list[int]) -> None:
    print(f"| seed | fresh (s) | warm (s) | verify | fresh = warm bytes | fresh / {BUDGET_S:.0f} s |")
    print("|---|---|---|---|---|---|")
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            cache = tmp / "numba"
            fresh = _run(seed, tmp / "fresh.csv", cache)
            warm = _run(seed, tmp / "warm.csv", cache)
            same = (tmp / "fresh.csv").read_bytes() == (tmp / "warm.csv").read_bytes()
            ok = "exit 0" if _verified(tmp / "fresh.csv") else "MISSES"
            print(f"| {seed} | {fresh:.1f} | {warm:.1f} | {ok} | {'yes' if same else 'NO'} | {fresh / BUDGET_S:.2f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or list(DEFAULT_SEEDS))
