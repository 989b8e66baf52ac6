"""Solve the five item pairs, one after another, with restarts and a progress bar."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from ..paper.design import ITEMS
from ..paper.published import Published
from . import anneal as K
from .items import Schedule, anova_cells, answered_matrix, build_problem, hits, misses, solve
from .landing import Landing, land
from .targets import item_targets

# Referral is kept positively correlated with familiarity (providers who know the
# groups refer to them), so familiarity is solved first and passed on.
AUXILIARY = {"referral": "familiarity"}
MAX_ATTEMPTS = 4


@dataclass
class ItemResult:
    item: str
    answers: np.ndarray  # (2, N), 0 = skipped
    hit: int
    total: int
    missed: list
    attempts: int
    loss: float  # loss of the kept attempt (0 when every band holds)
    landing: Landing | None = None  # the planned jump that landed the last bands, if one was needed


def final_loss(problem) -> float:
    """Loss of a state with full weights (what the annealer minimises at the end)."""
    loss, _ = K.loss_of(problem.evaluate(), problem.lo, problem.hi, problem.scale, problem.weight,
                        0.0, Schedule().fixed_end)
    return float(loss)


def solve_item(pub: Published, frame: pd.DataFrame, present: np.ndarray, k: int, seed: int,
               aux: np.ndarray | None = None, bar=None, schedule: Schedule | None = None) -> ItemResult:
    """Anneal one item pair; restart from a new start until every band holds (or give up)."""
    item = ITEMS[k]
    spec = item_targets(pub, item)
    schedule = schedule or Schedule()
    best = None

    def build(answered):
        return build_problem(spec, frame, answered, np.random.default_rng(0), aux)

    coded_cell = anova_cells(frame, np.ones((2, len(frame)), dtype=bool))
    skips = (present == 0).sum(axis=1)
    for attempt in range(MAX_ATTEMPTS):
        rng = np.random.default_rng([seed, k, attempt])
        problem = build_problem(spec, frame, answered_matrix(present, k), rng, aux)

        def report(p, loss, _item=item):
            if bar is not None:
                h, t = hits(p)
                bar.set_postfix_str(f"{_item}: {h}/{t} in band, loss {loss:.2f}", refresh=False)
                bar.update(0)

        solved = solve(problem, seed * 1_000 + k * 10 + attempt, schedule, on_chunk=report)
        landing = None
        if not solved:  # the annealer ends a few narrow bands short: jump to a planned lattice point
            landing = land(problem, build, coded_cell, skips, [seed, k, attempt])
            if landing is not None:
                problem, solved = landing.problem, True
        h, t = hits(problem)
        if best is None or h > best.hit:
            best = ItemResult(item, problem.x.copy(), h, t, misses(problem), attempt + 1,
                              final_loss(problem), landing)
        if solved:
            break
    return best


def _solve_job(pub, frame, present, seed, items) -> list[ItemResult]:
    """Solve ``items`` in order (a worker's share); referral follows familiarity."""
    results: dict[str, ItemResult] = {}
    for item in items:
        aux = results[AUXILIARY[item]].answers if item in AUXILIARY else None
        results[item] = solve_item(pub, frame, present, ITEMS.index(item), seed, aux)
    return list(results.values())


# Two workers: the familiarity -> referral chain, and the rest. Each item has its
# own seeds, so the result does not depend on scheduling.
JOBS = (("familiarity", "referral"), ("helpfulness",), ("interference", "value"))


def solve_items(pub: Published, frame: pd.DataFrame, present: np.ndarray, seed: int,
                progress: bool = True, workers: int = 2) -> dict[str, ItemResult]:
    """All five items, solved in parallel jobs; returns per-item results."""
    results: dict[str, ItemResult] = {}
    with tqdm(total=len(ITEMS), desc="items solved", disable=not progress) as bar:
        def collect(job_results):
            for r in job_results:
                results[r.item] = r
                bar.update(1)
            hit = sum(r.hit for r in results.values())
            total = sum(r.total for r in results.values())
            loss = sum(r.loss for r in results.values())
            bar.set_postfix_str(f"targets in band {hit}/{total}, loss {loss:.2f}")

        if workers <= 1:
            for job in JOBS:
                collect(_solve_job(pub, frame, present, seed, job))
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(_solve_job, pub, frame, present, seed, job) for job in JOBS]
                for future in as_completed(futures):
                    collect(future.result())
    return {item: results[item] for item in ITEMS}
