"""The rebuild's targets, read from the published numbers, with the readings it chose.

Nothing here types a number from the paper: every count, mean, F and p comes from
:func:`mutsup_helpers.paper.published.load_published`. Where printed numbers cannot all
hold (Table 1 rows that do not sum to N, a df1 that cannot be right), the reading
chosen is a small rule applied here and described in ``SOLVER_NOTES.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scipy import stats

from ..checks.proofs import unreachable_targets
from ..checks.statistics import critical_r
from ..paper.design import ALPHA, STAR_LEVELS, effect_df1, n_from_df2, paper_design
from ..paper.printed import Printed, printed_p
from ..paper.published import Published
from ..paper.readings import table1_counts
from ..paper.shapes import ShapeTarget, shape_targets

MISSING = ""  # the contract's missing value
SETTING_OTHER = "Other"
TRAINING_LEVELS = paper_design().levels["training"]
SETTING3_LEVELS = paper_design().levels["setting3"]
# p values kept clear of .05 so that a recomputation elsewhere agrees on "significant".
SIG_MARGIN = 0.0005
BIN_MARGIN = 1e-4  # fraction of a rounding bin kept free at each edge (1e-6 at 2 decimals)


@dataclass(frozen=True)
class Band:
    """A closed interval a statistic must land in (either end may be infinite)."""

    lo: float = -float("inf")
    hi: float = float("inf")

    def __and__(self, other: Band) -> Band:
        return Band(max(self.lo, other.lo), min(self.hi, other.hi))

    @property
    def empty(self) -> bool:
        return self.lo > self.hi


def rounding_band(printed: float, decimals: int, margin: float = BIN_MARGIN) -> Band:
    """Values that round to ``printed``, shrunk by ``margin`` of the bin at each end."""
    bin_ = Printed(printed, decimals)
    low, high = bin_.interval()
    width = 2 * bin_.half
    return Band(low + margin * width, high - margin * width)


def f_band_from_p(p_band: Band, df1: int, df2: int) -> Band:
    """F values whose upper-tail p lies in ``p_band``."""
    lo = stats.f.isf(min(p_band.hi, 1.0), df1, df2) if p_band.hi < 1 else 0.0
    hi = stats.f.isf(p_band.lo, df1, df2) if p_band.lo > 0 else float("inf")
    return Band(lo, hi)


def f_significant(df1: int, df2: int) -> Band:
    return Band(lo=stats.f.isf(ALPHA - SIG_MARGIN, df1, df2))


def f_not_significant(df1: int, df2: int) -> Band:
    return Band(hi=stats.f.isf(ALPHA + SIG_MARGIN, df1, df2))


def printed_p_band(p: float, decimals: int) -> Band:
    """p values that print as ``p`` (at the paper's floor, every p below its bound)."""
    printed = printed_p(p, decimals)
    if printed.below is not None:
        return Band(0.0, printed.below * (1 - BIN_MARGIN))
    return rounding_band(p, decimals)


# ----------------------------------------------------------------------------- Table 1
def reconciled_counts(pub: Published) -> dict[str, dict[str, int]]:
    """Table 1 counts per variable under the paper layer's reading (the missing row takes up the gap to N).

    Returns ``{variable: {level: n}}`` with the missing row under the contract's missing value ``""``.
    """
    out = {}
    for variable, counts in table1_counts(pub).items():
        missing_key = next(level for level in counts if level.startswith("missing"))
        out[variable] = {**{k: v for k, v in counts.items() if k != missing_key}, MISSING: counts[missing_key]}
    return out


def coded_sizes(pub: Published) -> dict[str, dict[str, int]]:
    """Sizes of the coded factors ``training`` and ``setting3`` stated in the Analyses section."""
    frame = pub.derived_factors
    return {f: dict(zip(g.level, g.n.astype(int), strict=True)) for f, g in frame.groupby("factor")}


# ----------------------------------------------------------------------------- Items
@dataclass
class ItemTargets:
    """Everything one item pair (ms, twelve_step) must reproduce."""

    item: str
    anova_n: int | None  # complete cases of the mixed ANOVA; None = free (not printed)
    split_n: dict[tuple[str, str], int] = field(default_factory=dict)  # (split, level) -> n (ms)
    split_mean: dict[tuple[str, str], Band] = field(default_factory=dict)
    split_sd: dict[tuple[str, str], Band] = field(default_factory=dict)
    split_t: dict[str, Band] = field(default_factory=dict)  # split -> band of t (No - Yes)
    r_printed: dict[tuple[str, str], float] = field(default_factory=dict)  # (group, years) -> r
    r_stars: dict[tuple[str, str], str] = field(default_factory=dict)
    f_bands: dict[str, Band] = field(default_factory=dict)  # effect -> band of F
    scheffe_bands: dict[tuple[str, str], Band] = field(default_factory=dict)
    anova_mean: dict[str, Band] = field(default_factory=dict)  # group -> mean in ANOVA sample
    patterns: list[dict] = field(default_factory=list)
    shapes: list[ShapeTarget] = field(default_factory=list)  # the text's shape claims (paper/shapes.py)


def item_targets(pub: Published, item: str) -> ItemTargets:
    """Collect the targets of one item from the published tables."""
    anova = pub.anova[pub.anova["item"] == item]
    df2 = int(anova["df2"].iloc[0]) if len(anova) else None
    spec = ItemTargets(item=item, anova_n=None if df2 is None else n_from_df2(df2))
    _add_table2(pub, spec)
    _add_ttests(pub, spec)
    _add_table3(pub, spec)
    _add_anova(pub, spec, anova)
    _add_scheffe(pub, spec)
    if item == "value":
        for r in pub.value_means.itertuples():
            spec.anova_mean[r.group_type] = rounding_band(r.mean, pub.value_means.attrs["decimals"]["mean"])
    spec.patterns = [p for p in pub.mean_patterns if p["item"] == item]
    spec.shapes = [t for t in shape_targets(pub) if t.item == item]
    return spec


def _add_table2(pub: Published, spec: ItemTargets) -> None:
    dec = pub.table2.attrs["decimals"]
    rows = pub.table2[pub.table2["item"] == spec.item]
    for r in rows.itertuples():
        key = (r.split, r.level)
        spec.split_n[key] = int(r.n)
        spec.split_mean[key] = rounding_band(r.mean, dec["mean"])
        spec.split_sd[key] = rounding_band(r.sd, dec["sd"])
    for split, g in rows.groupby("split"):
        df = int(g["n"].sum()) - 2
        crit = stats.t.isf((ALPHA - SIG_MARGIN) / 2, df)
        crit_ns = stats.t.isf((ALPHA + SIG_MARGIN) / 2, df)
        flagged = bool(g.loc[g["level"] == "Yes", "flagged"].iloc[0])
        # flagged: Yes higher (t = No - Yes < 0) and p < .05; unflagged: not both.
        band = Band(hi=-crit) if flagged else Band(lo=-crit_ns)
        # A flag the audit proves no integer data can give is left to the means and SDs (reading table2_flag).
        given_up = f"table2/{split}/{spec.item}/flag" in _given_up(pub)
        spec.split_t[split] = Band() if given_up else band


def _given_up(pub: Published) -> set[str]:
    """Target ids the audit's proofs show no data set can reproduce."""
    return {u["target"] for u in unreachable_targets(pub)}


def _add_ttests(pub: Published, spec: ItemTargets) -> None:
    dec = pub.ttests.attrs["decimals"]
    for r in pub.ttests[pub.ttests["item"] == spec.item].itertuples():
        p_band = rounding_band(r.p, dec["p"])
        abs_t = Band(stats.t.isf(p_band.hi / 2, r.df), stats.t.isf(p_band.lo / 2, r.df))
        t_from_p = Band(-abs_t.hi, -abs_t.lo) if r.t < 0 else abs_t
        spec.split_t[r.split] = spec.split_t.get(r.split, Band()) & rounding_band(r.t, dec["t"]) & t_from_p


def _add_table3(pub: Published, spec: ItemTargets) -> None:
    for r in pub.table3[pub.table3["item"] == spec.item].itertuples():
        for years in ("years_in_setting", "years_in_discipline"):
            spec.r_printed[(r.group_type, years)] = float(getattr(r, f"r_{years}"))
            spec.r_stars[(r.group_type, years)] = str(getattr(r, f"stars_{years}"))


def _add_anova(pub: Published, spec: ItemTargets, anova) -> None:
    if spec.anova_n is None:
        return
    df2 = spec.anova_n - 6
    for effect in paper_design().effects:
        spec.f_bands[effect] = f_not_significant(effect_df1(effect), df2)
    for r in anova.itertuples():
        # df1 follows the design, not the print (helpfulness group_type:training prints 2).
        df1 = effect_df1(r.effect)
        p_band = printed_p_band(r.p, r.p_decimals)
        band = rounding_band(r.F, 2) & f_band_from_p(p_band, df1, df2) & f_significant(df1, df2)
        spec.f_bands[r.effect] = band


def _add_scheffe(pub: Published, spec: ItemTargets) -> None:
    if spec.anova_n is None:
        return
    df2 = spec.anova_n - 6
    k1 = effect_df1("setting3")
    rows = pub.scheffe[pub.scheffe["item"] == spec.item]
    for r in rows.itertuples():
        if r.level_a is None or r.level_a != r.level_a:  # "no pair differed"
            for a, b in _pairs(SETTING3_LEVELS):
                spec.scheffe_bands[(a, b)] = f_not_significant(k1, df2)
        else:
            p_band = rounding_band(r.p, int(r.p_decimals))
            spec.scheffe_bands[(r.level_a, r.level_b)] = f_band_from_p(p_band, k1, df2)


def _pairs(levels):
    return [(a, b) for i, a in enumerate(levels) for b in levels[i + 1 :]]


def star_band(n: int, stars: str) -> Band:
    """|r| values whose two-tailed p gives ``stars`` at sample size ``n``."""
    r05, r01 = (critical_r(n, STAR_LEVELS[mark]) for mark in ("*", "**"))
    eps = 1e-4
    if stars == "**":
        return Band(lo=r01 + eps)
    if stars == "*":
        return Band(r05 + eps, r01 - eps)
    return Band(0.0, r05 - eps)


def r_band(printed: float, stars: str, n: int, decimals: int = 3) -> tuple[Band, bool]:
    """Band of r matching the printed value and stars; falls back to the value alone.

    Returns the band and whether the stars are attainable at ``n``.
    """
    value = rounding_band(printed, decimals)
    s = star_band(n, stars)
    signed = s if printed >= 0 else Band(-s.hi, -s.lo)
    both = value & signed
    return (value, False) if both.empty else (both, True)
