"""The statistics behind the text's shape claims, computed on any data set.

Each :class:`~mutsup_helpers.paper.shapes.Statistic` is a number of an item's ANOVA sample
(complete cases: both ratings and both factors known): a difference of observed means, the
share of a contrast's sum of squares, or the smallest cell mean. NaN when the data cannot
give it (an empty level or cell), never an error: class data are often small.

The contrasts' sums of squares follow the usual single-df rule, SS = psi^2 / sum(c^2 / n) over
the cells; with every contrast on the same error term, the share of two of them is the share
of their squared t ratios, which is what R's ``emmeans::contrast`` on ``lm(d ~ training *
setting3)`` reports (``tests/reference/make_shape_fixtures.R``).

Used in: ``compare/scorecard.py`` (the verify section ``shapes``), notebooks 05, 06, 11.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..paper.design import PAPER_BETWEEN
from ..paper.shapes import Statistic

__all__ = ["shape_sample", "shape_statistic"]


def shape_sample(data: pd.DataFrame, item: str) -> pd.DataFrame:
    """Complete cases of ``item`` with ``ms``, ``twelve_step`` and ``difference`` columns.

    The paper's ANOVA sample (both ratings, training and setting known), taken directly, so that
    a class's data with an empty design cell still give the statistics that do not need it.
    """
    columns = [f"{item}_ms", f"{item}_twelve_step"]
    sample = data.dropna(subset=[*columns, *PAPER_BETWEEN])
    out = sample[list(PAPER_BETWEEN)].copy()
    out["ms"] = sample[columns[0]].astype(float)
    out["twelve_step"] = sample[columns[1]].astype(float)
    out["difference"] = out["twelve_step"] - out["ms"]
    return out


def shape_statistic(data: pd.DataFrame, item: str, statistic: Statistic) -> float:
    """The value of ``statistic`` on the ANOVA sample of ``item`` in ``data`` (NaN if not computable)."""
    sample = shape_sample(data, item)
    if statistic.kind == "mean_diff":
        means = sample.groupby(statistic.factor, observed=True)[statistic.group].mean()
        return float(means.get(statistic.a, np.nan) - means.get(statistic.b, np.nan))
    if statistic.kind == "min_cell":
        cells = sample.groupby(list(PAPER_BETWEEN), observed=False)[statistic.group].mean()
        return float(cells.min()) if cells.notna().all() else float("nan")
    if statistic.kind == "share":
        return _contrast_share(sample, statistic)
    raise ValueError(f"unknown shape statistic {statistic.kind!r}")


def _contrast_share(sample: pd.DataFrame, statistic: Statistic) -> float:
    """SS of (level a vs the others) / (that SS + SS of the others against each other)."""
    factor, other_factor = statistic.factor, next(f for f in PAPER_BETWEEN if f != statistic.factor)
    levels = list(sample[factor].cat.categories)
    rest = [lv for lv in levels if lv != statistic.a]
    if len(rest) != 2:
        raise ValueError(f"a share needs a factor with three levels, {factor} has {len(levels)}")
    apart = {statistic.a: 1.0, rest[0]: -0.5, rest[1]: -0.5}
    between_rest = {rest[0]: 1.0, rest[1]: -1.0}
    if statistic.weighting not in ("type3", "observed"):
        raise ValueError(f"weighting must be 'type3' or 'observed', not {statistic.weighting!r}")
    # Type III: each training x setting cell of a level counts 1/k (the unweighted marginal mean);
    # observed: the setting means as a plain groupby gives them.
    type3 = statistic.weighting == "type3"
    keys = [other_factor, factor] if type3 else [factor]
    k = len(sample[other_factor].cat.categories) if type3 else 1
    groups = sample.groupby(keys, observed=False)["difference"]
    level_of_cell = groups.mean().index.get_level_values(factor)

    def weights(coef: dict) -> np.ndarray:
        return np.array([coef.get(level, 0.0) for level in level_of_cell]) / k

    mean, n = groups.mean().to_numpy(), groups.size().to_numpy().astype(float)
    if (n == 0).any():
        return float("nan")
    ss = [(weights(c) @ mean) ** 2 / np.sum(weights(c) ** 2 / n) for c in (apart, between_rest)]
    return float(ss[0] / (ss[0] + ss[1])) if ss[0] + ss[1] > 0 else float("nan")
