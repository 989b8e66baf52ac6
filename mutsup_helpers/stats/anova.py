"""Mixed ANOVA: between-subjects factors x group type (ms vs twelve_step, within subject).

The paper runs, per item, a 2 (training) x 3 (setting) x 2 (group type) mixed ANOVA.
With a two-level within factor the whole analysis splits into two between-subjects
ANOVAs, which is how this module computes it:

* the **within** effects (group type and its interactions) are the ANOVA of the
  difference score ``d = twelve_step - ms``: the intercept of that model is the group
  type main effect, each between term is that term's interaction with group type;
* the **between** effects are the ANOVA of the subject mean ``(ms + twelve_step) / 2``.

Sums of squares are reported on the scale of the usual long-format (split-plot)
ANOVA, as SPSS GLM Repeated Measures and ``afex::aov_ez`` print them: between SS =
2 x SS of the mean-score model, within SS = SS of the difference-score model / 2.
F and p do not depend on that scale; the generalized eta squared does.

Type III uses sum-to-zero (effect) coding, so each effect is tested on unweighted
means. Type II follows ``car::Anova`` (what ``afex::aov_ez(type=2)`` calls): each
term is adjusted for everything except the terms that contain it, and the group
type main effect (the intercept of the difference model) is adjusted for nothing,
i.e. it tests the *weighted* mean difference ``n * mean(d)^2`` against the full
model's error.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from itertools import product
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS

from ..paper.design import GROUP_TYPES, PAPER_BETWEEN, WITHIN
from .fallbacks import AnovaPlan, NoAnalysisPossible, plain_name, supported_design, warn_fallback

TABLE_COLUMNS = ["effect", "SS", "df1", "df2", "MS", "F", "p", "np2", "ges"]

__all__ = ["MixedAnovaResult", "difference_score_anova", "mixed_anova", "ss_types_compared",
           "pingouin_mixed_anova", "subject_mean_anova"]


class _Design(NamedTuple):
    """Complete cases of one item, coded for the two between-subjects models."""

    item: str
    between: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]  # category levels of each between factor
    codes: tuple[np.ndarray, ...]  # level index of each complete case, per factor
    y_ms: np.ndarray
    y_twelve_step: np.ndarray
    X: np.ndarray  # intercept + sum-coded between terms
    terms: dict[str, np.ndarray]  # between term -> its column indices in X
    sample: pd.DataFrame  # the complete cases: between factors and the two item columns

    @property
    def n(self) -> int:
        return len(self.y_ms)

    def score(self, on: str) -> np.ndarray:
        """The per-subject score a between-subjects model is fitted to."""
        if on == "difference":
            return self.y_twelve_step - self.y_ms
        if on == "mean":
            return (self.y_ms + self.y_twelve_step) / 2
        if on in GROUP_TYPES:  # one group type's rating alone (simple effects)
            return self.y_ms if on == "ms" else self.y_twelve_step
        raise ValueError(f"on must be 'difference', 'mean', 'ms' or 'twelve_step', not {on!r}")


@dataclass(frozen=True, eq=False)
class MixedAnovaResult:
    """Result of :func:`mixed_anova`.

    Attributes
    ----------
    item : str
        Item analysed (columns ``{item}_ms`` and ``{item}_twelve_step``).
    between : tuple of str
        Between-subjects factors, in model order.
    ss_type : int
        2 or 3.
    n, n_excluded : int
        Complete cases used, and rows dropped by listwise deletion.
    table : pandas.DataFrame
        Columns ``effect, SS, df1, df2, MS, F, p, np2, ges``; SS on afex's scale.
    errors : pandas.DataFrame
        Error term of each stratum (``between``, ``within``): ``SS, df, MS``.
    cells : pandas.DataFrame
        Between-factor levels x group type: ``n, mean, sd`` of the raw item.
    note : str
        One line on listwise deletion (and on any design fallback), for printing under the table.
    plan : AnovaPlan or None
        The design the data supported (None with ``fallback=False``).
    """

    item: str
    between: tuple[str, ...]
    ss_type: int
    n: int
    n_excluded: int
    table: pd.DataFrame
    errors: pd.DataFrame
    cells: pd.DataFrame
    note: str
    _design: _Design | None = field(repr=False)
    plan: AnovaPlan | None = field(default=None, repr=False)

    @property
    def ms_error_between(self) -> float:
        """Error mean square of the between-subjects stratum (afex's MSE for between effects)."""
        return float(self.errors.loc[self.errors["stratum"] == "between", "MS"].iloc[0])

    @property
    def ms_error_within(self) -> float:
        """Error mean square of the within-subjects stratum (afex's MSE for group type effects)."""
        return float(self.errors.loc[self.errors["stratum"] == "within", "MS"].iloc[0])

    @property
    def sample(self) -> pd.DataFrame:
        """The complete cases analysed: between factors and the two item columns (a copy)."""
        if self._design is None:
            return pd.DataFrame(columns=[f"{self.item}_{group}" for group in GROUP_TYPES])
        return self._design.sample.copy()

    def marginal_means(self, factor: str) -> pd.DataFrame:
        """Weighted and unweighted marginal means of one factor, per group type.

        The weighted mean averages respondents (what a plain ``groupby`` gives); the
        unweighted mean averages the cell means, one per level of the other between
        factor, and is what a Type III test compares. They differ when cells are unequal.

        Parameters
        ----------
        factor : str
            A between factor of the model, or ``"group_type"``.

        Returns
        -------
        pandas.DataFrame
            ``factor`` (omitted for ``"group_type"``), ``group_type``, ``n``,
            ``weighted_mean``, ``unweighted_mean``; factor columns Categorical.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> rng = np.random.default_rng(1)
        >>> n = 90
        >>> df = pd.DataFrame({
        ...     "training": pd.Categorical.from_codes(
        ...         rng.choice(2, n, p=[.8, .2]), ["advanced", "mental_health_worker"]),
        ...     "setting3": pd.Categorical.from_codes(
        ...         rng.integers(0, 3, n), ["treatment", "rehabilitation", "case_management"]),
        ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
        ...     "value_twelve_step": pd.array(rng.integers(2, 6, n), dtype="Int64")})
        >>> mixed_anova(df, "value").marginal_means("group_type").round(3)
            group_type   n  weighted_mean  unweighted_mean
        0           ms  90          3.211            3.341
        1  twelve_step  90          3.500            3.573
        """
        if self.plan is not None and factor in self.plan.asked and factor not in self.between:
            warn_fallback(f"{self.item}: {factor} is not in the design these data support, so there are no "
                          "marginal means of it.")
            return pd.DataFrame(columns=[factor, "group_type", "n", "weighted_mean", "unweighted_mean"])
        return _marginal_means(self._design, factor)


# --------------------------------------------------------------------------- public


def mixed_anova(
    data: pd.DataFrame,
    item: str,
    between: str | tuple[str, ...] | list[str] = PAPER_BETWEEN,
    ss_type: int = 3,
    fallback: bool = True,
) -> MixedAnovaResult:
    """Between factor(s) x group type mixed ANOVA of one item.

    Listwise complete cases on ``{item}_ms``, ``{item}_twelve_step`` and the between
    factors. The within effects are the ANOVA of ``twelve_step - ms``, the between
    effects that of the subject mean (see the module docstring); SS, F, p, partial
    and generalized eta squared match ``afex::aov_ez(type=ss_type)``.

    Used in: 01_overview, 03_measures, 04_h1_group_type, 05_h2_setting, 06_h3_training;
    also by compare.paper_vs_here and the ANOVA explorer widget.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    item : str
        Item name, e.g. ``"familiarity"``.
    between : str or sequence of str
        One or two between-subjects factors (pandas Categorical; levels in order).
    ss_type : {3, 2, 1}
        Type III (sum-to-zero coding, as SPSS and afex's default), Type II (each term adjusted
        for every term that does not contain it), or Type I (sequential: each term adjusted
        only for the terms before it, in the order of ``between`` and then their interaction).
    fallback : bool
        When the data do not support ``between`` (an empty or one-person cell, a factor
        with one level), fit the largest design they do support
        (:func:`mutsup_helpers.stats.fallbacks.plan_anova`), say so in a
        ``DesignFallbackWarning`` and in ``.note``, and keep the plan in ``.plan``; when no
        ANOVA is possible, return a result with an empty table whose ``.note`` says why.
        ``False``: raise ``ValueError`` instead.

    Returns
    -------
    MixedAnovaResult
        ``.table`` has effects in the order training, setting3, training:setting3,
        group_type, group_type:training, group_type:setting3,
        group_type:training:setting3 (the subset for one between factor).
        ``np2`` = SS / (SS + SS_error of its stratum); ``ges`` = SS / (SS +
        SS_error between + SS_error within), afex's default (no observed factors).

    Raises
    ------
    ValueError
        With ``fallback=False``: if a design cell has fewer than two complete cases, the
        item has no variance, or a group-type column is missing (both are needed).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> n = 90
    >>> df = pd.DataFrame({
    ...     "training": pd.Categorical.from_codes(
    ...         rng.integers(0, 2, n), ["advanced", "mental_health_worker"]),
    ...     "setting3": pd.Categorical.from_codes(
    ...         rng.integers(0, 3, n), ["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
    ...     "value_twelve_step": pd.array(rng.integers(2, 6, n), dtype="Int64")})
    >>> res = mixed_anova(df, "value")
    >>> res.table[["effect", "df1", "df2", "F", "p"]].round(3)
                             effect  df1  df2       F      p
    0                      training    1   84   0.799  0.374
    1                      setting3    2   84   1.277  0.284
    2             training:setting3    2   84   1.141  0.325
    3                    group_type    1   84  29.036  0.000
    4           group_type:training    1   84   0.001  0.977
    5           group_type:setting3    2   84   1.141  0.324
    6  group_type:training:setting3    2   84   1.576  0.213
    >>> res.note
    'Listwise complete cases: N = 90 of 90 (0 excluded)'
    """
    if ss_type not in (1, 2, 3):
        raise ValueError(f"ss_type must be 1, 2 or 3, not {ss_type!r}")
    try:
        supported, between, plan = _supported(data, item, between, fallback)
    except NoAnalysisPossible as exc:
        return _no_result(item, ss_type, len(data), exc.plan)
    design = _prepare(supported, item, between)
    between_fit = OLS(design.score("mean"), design.X).fit()
    within_fit = OLS(design.score("difference"), design.X).fit()
    flat = _flat_strata(design, between_fit, within_fit, fallback)
    rows = _stratum_rows(design, between_fit, ss_type, "between")
    rows += _stratum_rows(design, within_fit, ss_type, "within")
    errors = pd.DataFrame({
        "stratum": ["between", "within"],
        "SS": [2.0 * between_fit.ssr, 0.5 * within_fit.ssr],
        "df": [int(between_fit.df_resid)] * 2,
    })
    errors["MS"] = errors["SS"] / errors["df"]
    n_excluded = len(data) - design.n  # of every respondent, also those in levels a fallback left out
    table = _finish_table(rows, errors)
    undefined = np.isin([row["stratum"] for row in rows], [stratum for stratum, _ in flat])
    table.loc[undefined, ["F", "p", "np2"]] = np.nan
    note = (f"Listwise complete cases: N = {design.n} of {len(data)} "
            f"({n_excluded} excluded)") + (f". {plan.text()}" if plan is not None and plan.changed else "")
    note += "".join(f". {message}" for _, message in flat)
    return MixedAnovaResult(
        item=item, between=design.between, ss_type=ss_type, n=design.n,
        n_excluded=n_excluded, table=table, errors=errors, cells=_cells(design),
        note=note, _design=design, plan=plan,
    )


def ss_types_compared(data: pd.DataFrame, item: str, between: tuple[str, str] = PAPER_BETWEEN) -> pd.DataFrame:
    """F of every effect under Type I (both orders of the two factors), Type II and Type III.

    Type I adjusts each term for the terms entered before it; Type II for every term that does
    not contain it; Type III for every other term. Rows: effects (named as in the paper's
    order); columns: ``type I, A first``, ``type I, B first``, ``type II``, ``type III``.

    Used in: 06_h3_training.
    """
    a, b = between
    columns = {
        f"type I, {plain_name(a)} first": mixed_anova(data, item, between=(a, b), ss_type=1),
        f"type I, {plain_name(b)} first": mixed_anova(data, item, between=(b, a), ss_type=1),
        "type II": mixed_anova(data, item, between=(a, b), ss_type=2),
        "type III": mixed_anova(data, item, between=(a, b), ss_type=3),
    }
    order = list(columns["type III"].table["effect"])
    out = {}
    for name, result in columns.items():
        f_values = dict(zip(result.table["effect"].map(lambda e: _canonical(e, between)), result.table["F"],
                            strict=True))
        out[name] = [f_values.get(effect, np.nan) for effect in order]
    return pd.DataFrame(out, index=pd.Index(order, name="effect"))


def _canonical(effect: str, between: tuple[str, str]) -> str:
    """An effect named with the factors in ``between``'s order (``setting3:training`` -> ``training:setting3``)."""
    parts = effect.split(":")
    rank = {WITHIN: 0, between[0]: 1, between[1]: 2}
    return ":".join(sorted(parts, key=lambda p: rank.get(p, 3)))


def _no_result(item: str, ss_type: int, n_total: int, plan: AnovaPlan) -> MixedAnovaResult:
    """What :func:`mixed_anova` returns when the data support no ANOVA: empty tables and the reason."""
    return MixedAnovaResult(
        item=item, between=(), ss_type=ss_type, n=0, n_excluded=n_total,
        table=pd.DataFrame(columns=TABLE_COLUMNS), errors=pd.DataFrame(columns=["stratum", "SS", "df", "MS"]),
        cells=pd.DataFrame(columns=["n", "mean", "sd"]), note=f"No ANOVA: {plan.text()}", _design=None, plan=plan)


def difference_score_anova(
    data: pd.DataFrame,
    item: str,
    between: str | tuple[str, ...] | list[str] = PAPER_BETWEEN,
    ss_type: int = 3,
    fallback: bool = True,
) -> pd.DataFrame:
    """Between-subjects ANOVA of ``twelve_step - ms``: the within half of :func:`mixed_anova`.

    Its ``(Intercept)`` row is the group type main effect and each between term is
    that term's interaction with group type: F, df and p equal those rows of
    :func:`mixed_anova`; SS here are on the difference score's own scale (twice
    the mixed table's).

    Used in: 04_h1_group_type.

    Parameters
    ----------
    data, item, between, ss_type, fallback
        As in :func:`mixed_anova` (same complete cases; with no ANOVA possible the table is empty).

    Returns
    -------
    pandas.DataFrame
        ``effect, SS, df1, df2, MS, F, p``; rows ``(Intercept)``, the between terms,
        and ``Residual`` (its ``MS`` is the error mean square; no F).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> n = 60
    >>> df = pd.DataFrame({
    ...     "setting3": pd.Categorical.from_codes(
    ...         rng.integers(0, 3, n), ["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
    ...     "value_twelve_step": pd.array(rng.integers(2, 6, n), dtype="Int64")})
    >>> difference_score_anova(df, "value", between="setting3").round(3)
            effect       SS  df1   df2      MS      F      p
    0  (Intercept)   13.659    1    57  13.659  3.854  0.055
    1     setting3    6.845    2    57   3.423  0.966  0.387
    2     Residual  202.005   57  <NA>   3.544    NaN    NaN
    """
    return _score_anova(data, item, between, ss_type, "difference", fallback)


def subject_mean_anova(
    data: pd.DataFrame,
    item: str,
    between: str | tuple[str, ...] | list[str] = PAPER_BETWEEN,
    ss_type: int = 3,
    fallback: bool = True,
) -> pd.DataFrame:
    """Between-subjects ANOVA of ``(ms + twelve_step) / 2``: the between half of :func:`mixed_anova`.

    Its between terms have the F, df and p of the between rows of :func:`mixed_anova`;
    SS here are on the mean score's own scale (half the mixed table's). The
    ``(Intercept)`` row (is the grand mean zero?) has no counterpart there.

    Used in: 04_h1_group_type.

    Parameters
    ----------
    data, item, between, ss_type, fallback
        As in :func:`mixed_anova` (same complete cases; with no ANOVA possible the table is empty).

    Returns
    -------
    pandas.DataFrame
        As :func:`difference_score_anova`.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> n = 60
    >>> df = pd.DataFrame({
    ...     "setting3": pd.Categorical.from_codes(
    ...         rng.integers(0, 3, n), ["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
    ...     "value_twelve_step": pd.array(rng.integers(2, 6, n), dtype="Int64")})
    >>> subject_mean_anova(df, "value", between="setting3")["effect"].tolist()
    ['(Intercept)', 'setting3', 'Residual']
    """
    return _score_anova(data, item, between, ss_type, "mean", fallback)


def pingouin_mixed_anova(data: pd.DataFrame, item: str, between: str = "setting3") -> pd.DataFrame:
    """``pingouin.mixed_anova`` for one between factor, in this package's column names.

    Shown next to :func:`mixed_anova` to make a point: pingouin tests group type on
    the *weighted* mean difference (every respondent counts once). Its table equals
    ``mixed_anova(data, item, between, ss_type=2)``; in unequal cells its group-type
    F is not the Type III (SPSS default) one. Same listwise complete cases as
    :func:`mixed_anova`.

    Used in: 04_h1_group_type.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide data, one row per respondent.
    item : str
        Item name, e.g. ``"familiarity"``.
    between : str
        One between-subjects factor (pingouin takes only one).

    Returns
    -------
    pandas.DataFrame
        ``effect, SS, df1, df2, MS, F, p, np2``; effects named as in
        :func:`mixed_anova` (pingouin's "Interaction" becomes ``group_type:<between>``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> n = 60
    >>> df = pd.DataFrame({
    ...     "setting3": pd.Categorical.from_codes(
    ...         rng.choice(3, n, p=[.6, .2, .2]),
    ...         ["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": pd.array(rng.integers(1, 6, n), dtype="Int64"),
    ...     "value_twelve_step": pd.array(rng.integers(2, 6, n), dtype="Int64")})
    >>> pingouin_mixed_anova(df, "value")[["effect", "df1", "df2", "F"]].round(3)
                    effect  df1  df2       F
    0             setting3    2   57   2.261
    1           group_type    1   57  10.072
    2  group_type:setting3    2   57   0.300
    """
    import pingouin as pg  # imported here: only this adapter needs it

    design = _prepare(data, item, between)
    subjects = np.arange(design.n)
    labels = np.asarray(design.levels[0], dtype=object)[design.codes[0]]
    long = pd.DataFrame({
        "respondent": np.tile(subjects, 2),
        between: np.tile(labels, 2),
        WITHIN: np.repeat(GROUP_TYPES, design.n),
        "score": np.concatenate([design.y_ms, design.y_twelve_step]),
    })
    with warnings.catch_warnings():
        # pingouin 0.7 calls a pandas API that pandas 3.1 deprecates; not ours to fix,
        # and a stray warning would become a notebook output
        for category in (FutureWarning, DeprecationWarning):
            warnings.filterwarnings("ignore", category=category, module="pingouin")
        out = pg.mixed_anova(long, dv="score", within=WITHIN, subject="respondent",
                             between=between)
    # one adapter for pingouin's column names, which have changed between releases
    out = out.rename(columns={"Source": "effect", "DF1": "df1", "DF2": "df2",
                              "p_unc": "p", "p-unc": "p"})
    out["effect"] = out["effect"].replace({"Interaction": f"{WITHIN}:{between}"})
    return out[["effect", "SS", "df1", "df2", "MS", "F", "p", "np2"]].reset_index(drop=True)


# --------------------------------------------------------------------------- data


def _item_columns(data: pd.DataFrame, item: str) -> list[str]:
    """The item's two group-type columns; both must exist."""
    wanted = [f"{item}_{group}" for group in GROUP_TYPES]
    if all(col in data.columns for col in wanted):
        return wanted
    found = [col for col in data.columns if str(col).startswith(f"{item}_")]
    raise ValueError(
        f"{item}: group type needs exactly the two columns {wanted}; found {found}")


def _as_between(between) -> tuple[str, ...]:
    between = (between,) if isinstance(between, str) else tuple(between)
    if not 1 <= len(between) <= 2 or WITHIN in between:
        raise ValueError(f"between must name one or two between-subjects factors, got {between}")
    return between


def _check_call(data: pd.DataFrame, item: str, between) -> tuple[tuple[str, ...], list[str]]:
    """Mistakes in the call, not in the data: raised whatever ``fallback`` says."""
    between = _as_between(between)
    missing = [name for name in between if name not in data.columns]
    if missing:
        raise ValueError(f"{item}: between factor(s) {missing} not in the data")
    return between, _item_columns(data, item)


def _supported(data, item, between, fallback: bool):
    """``(data, between, plan)`` to fit; ``plan`` None without fallback. Raises NoAnalysisPossible, warned."""
    between, _ = _check_call(data, item, between)
    if not fallback:
        return data, between, None
    try:
        return supported_design(data, item, between)
    except NoAnalysisPossible as exc:
        warn_fallback(str(exc))
        raise


def _prepare(data: pd.DataFrame, item: str, between) -> _Design:
    """Listwise complete cases, checked and coded for the between-subjects models."""
    between, item_cols = _check_call(data, item, between)
    used = data[list(between) + item_cols]
    complete = used.loc[used.notna().all(axis=1)]
    if complete.empty:
        empty = [col for col in used.columns if used[col].isna().all()]
        raise ValueError(f"{item}: no complete cases on {list(used.columns)}"
                         + (f"; {empty} have no values at all" if empty else ""))
    factors = [_categorical(complete[name]) for name in between]
    levels = tuple(tuple(str(level) for level in f.categories) for f in factors)
    codes = tuple(np.asarray(f.codes, dtype=np.intp) for f in factors)
    y_ms, y_ts = (complete[col].to_numpy(dtype=float) for col in item_cols)
    _check_cells(item, between, levels, codes)
    if np.ptp(np.concatenate([y_ms, y_ts])) == 0:
        raise ValueError(f"{item}: no variance (every complete response is {y_ms[0]:g})")
    X, terms = _design_matrix(between, levels, codes)
    return _Design(item, between, levels, codes, y_ms, y_ts, X, terms, complete)


def _categorical(series: pd.Series) -> pd.Categorical:
    """Categorical view of a factor; a plain column gets its sorted values as levels."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.array
    return pd.Categorical(series)


def _check_cells(item, between, levels, codes) -> None:
    """Every between cell needs two complete cases (an empty cell makes Type III undefined)."""
    shape = tuple(len(lev) for lev in levels)
    counts = np.bincount(np.ravel_multi_index(codes, shape), minlength=int(np.prod(shape)))
    for flat, count in enumerate(counts):
        if count < 2:
            where = np.unravel_index(flat, shape)
            cell = ", ".join(f"{name}={lev[i]}"
                             for name, lev, i in zip(between, levels, where, strict=True))
            raise ValueError(
                f"{item}: design cell {cell} has {count} complete case(s); "
                "the mixed ANOVA needs at least 2 in every cell")


def _sum_coded(codes: np.ndarray, k: int) -> np.ndarray:
    """Sum-to-zero (R's contr.sum) columns: level j -> e_j, last level -> all -1."""
    return np.vstack([np.eye(k - 1), -np.ones(k - 1)])[codes]


def _design_matrix(between, levels, codes) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Intercept + main effects (+ interaction), sum-to-zero coded.

    Built directly rather than from a formula: a formula fit plus ``anova_lm(typ=3)``
    costs ~12 ms per model here, and every item needs two models.
    """
    blocks = {name: _sum_coded(c, len(lev))
              for name, c, lev in zip(between, codes, levels, strict=True)}
    if len(between) == 2:
        a, b = (blocks[name] for name in between)
        blocks[":".join(between)] = (a[:, :, None] * b[:, None, :]).reshape(len(a), -1)
    X = np.column_stack([np.ones(len(codes[0])), *blocks.values()])
    terms, start = {}, 1
    for name, block in blocks.items():
        terms[name] = np.arange(start, start + block.shape[1])
        start += block.shape[1]
    return X, terms


# --------------------------------------------------------------------------- tests


def _hypothesis_ss(fit, columns: np.ndarray) -> float:
    """SS of the hypothesis 'these coefficients are 0' in the full model (car's SSPH).

    The numerator of statsmodels' ``fit.f_test(R)`` for R = the identity rows of
    ``columns``, i.e. ``f_test(R).fvalue * len(columns) * fit.scale``, read off the fit
    directly: ``f_test`` costs ~0.3 ms a call and a Type II table needs up to 14.
    """
    if len(columns) == 0:
        return 0.0
    b = fit.params[columns]
    cov = fit.normalized_cov_params[np.ix_(columns, columns)]  # block of (X'X)^-1
    return float(b @ np.linalg.solve(cov, b))


def _relatives(term: str, terms: dict[str, np.ndarray]) -> list[str]:
    """Terms that contain ``term`` (car's 'relatives'); every term contains the intercept."""
    if term == "(Intercept)":
        return list(terms)
    parts = set(term.split(":"))
    return [other for other in terms if other != term and parts < set(other.split(":"))]


def _residual_ss(X: np.ndarray, y: np.ndarray) -> float:
    if X.shape[1] == 0:
        return float(y @ y)
    residual = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    return float(residual @ residual)


def _sequential_ss(fit, term: str, terms: dict[str, np.ndarray]) -> float:
    """Type I: what the term adds to the terms listed before it (intercept first, then ``terms`` in order)."""
    X, y = fit.model.exog, fit.model.endog
    names = ["(Intercept)", *terms]
    blocks = [np.array([0]), *terms.values()]
    k = names.index(term)
    before = np.concatenate(blocks[:k]) if k else np.array([], dtype=int)
    return _residual_ss(X[:, before], y) - _residual_ss(X[:, np.concatenate(blocks[: k + 1])], y)


def _term_ss(fit, term: str, terms: dict[str, np.ndarray], ss_type: int) -> float:
    """Type III: the term alone; Type II: the term over and above its relatives; Type I: in order."""
    columns = np.array([0]) if term == "(Intercept)" else terms[term]
    if ss_type == 1:
        return _sequential_ss(fit, term, terms)
    if ss_type == 3:
        return _hypothesis_ss(fit, columns)
    relatives = [terms[r] for r in _relatives(term, terms)]
    rel_cols = np.concatenate(relatives) if relatives else np.array([], dtype=int)
    return _hypothesis_ss(fit, np.concatenate([columns, rel_cols])) - _hypothesis_ss(fit, rel_cols)


def _term_rows(design: _Design, fit, ss_type: int, intercept: bool) -> list[tuple]:
    """(term, SS, df) of each term of one between-subjects model, on the score's own scale."""
    terms = (["(Intercept)"] if intercept else []) + list(design.terms)
    return [(term, _term_ss(fit, term, design.terms, ss_type),
             1 if term == "(Intercept)" else len(design.terms[term])) for term in terms]


def _stratum_rows(design: _Design, fit, ss_type: int, stratum: str) -> list[dict]:
    """Rows of one stratum; the difference model's intercept is the group type effect."""
    within = stratum == "within"
    # afex's scale: the long-format SS is 2 x (mean-score SS) and (difference-score SS) / 2
    scale = 0.5 if within else 2.0
    rows = []
    for term, ss, df1 in _term_rows(design, fit, ss_type, intercept=within):
        if within:
            name = WITHIN if term == "(Intercept)" else f"{WITHIN}:{term}"
        else:
            name = term
        rows.append({"effect": name, "SS": scale * ss, "df1": df1, "df2": int(fit.df_resid),
                     "stratum": stratum})
    return rows


def _finish_table(rows: list[dict], errors: pd.DataFrame) -> pd.DataFrame:
    # plain numpy until the end: pandas column arithmetic costs ~1 ms per table here
    error_ss = dict(zip(errors["stratum"], errors["SS"], strict=True))
    ss = np.array([row["SS"] for row in rows])
    df1 = np.array([row["df1"] for row in rows])
    df2 = np.array([row["df2"] for row in rows])
    own_error = np.array([error_ss[row["stratum"]] for row in rows])
    ms = ss / df1
    f_value = ms / (own_error / df2)
    return pd.DataFrame({
        "effect": [row["effect"] for row in rows], "SS": ss, "df1": df1, "df2": df2,
        "MS": ms, "F": f_value, "p": stats.f.sf(f_value, df1, df2),
        "np2": ss / (ss + own_error),
        # afex's default ges: every factor manipulated, so the error of both strata counts
        "ges": ss / (ss + sum(error_ss.values())),
    })


def _score_anova(data, item, between, ss_type: int, on: str, fallback: bool) -> pd.DataFrame:
    """One between-subjects ANOVA of a per-subject score, with a Residual row."""
    if ss_type not in (1, 2, 3):
        raise ValueError(f"ss_type must be 1, 2 or 3, not {ss_type!r}")
    try:
        data, between, _ = _supported(data, item, between, fallback)
    except NoAnalysisPossible:
        return pd.DataFrame(columns=["effect", "SS", "df1", "df2", "MS", "F", "p"])
    design = _prepare(data, item, between)
    fit = OLS(design.score(on), design.X).fit()
    terms, ss, df1 = zip(*_term_rows(design, fit, ss_type, intercept=True), strict=True)
    ss, df1 = np.array(ss), np.array(df1)
    f_value = ss / df1 / fit.scale
    df_resid = int(fit.df_resid)
    return pd.DataFrame({
        "effect": [*terms, "Residual"],
        "SS": [*ss, fit.ssr],
        "df1": pd.array([*df1, df_resid], dtype="Int64"),
        "df2": pd.array([df_resid] * len(terms) + [None], dtype="Int64"),
        "MS": [*(ss / df1), fit.scale],
        "F": [*f_value, np.nan],
        "p": [*stats.f.sf(f_value, df1, df_resid), np.nan],
    })


def _flat_strata(design: _Design, between_fit, within_fit, fallback: bool) -> list[tuple[str, str]]:
    """Strata with no error variance (every respondent of a cell scores alike): their F is undefined.

    With ``fallback`` the effects of such a stratum get NaN F and p, and a warning says why;
    otherwise it is an error.
    """
    flat = []
    for stratum, fit, what in [("between", between_fit, "mean of the two ratings"),
                               ("within", within_fit, "difference twelve_step - ms")]:
        if fit.ssr <= 1e-12 * max(1.0, float(np.sum(fit.model.endog**2))):
            message = (f"{design.item}: within every design cell all respondents have the same {what}, so "
                       f"there is no error variance and the {stratum}-subjects effects have no F")
            if not fallback:
                raise ValueError(message)
            warn_fallback(message)
            flat.append((stratum, message))
    return flat


# --------------------------------------------------------------------------- means


def _cell_index(design: _Design) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    shape = tuple(len(lev) for lev in design.levels)
    return np.ravel_multi_index(design.codes, shape), list(product(*design.levels))


def _cells(design: _Design) -> pd.DataFrame:
    """n, mean, SD (ddof=1) of the raw item in each between cell x group type."""
    index, _ = _cell_index(design)
    n_cells = int(np.prod([len(lev) for lev in design.levels]))
    # cell-major, group type fastest: the order of the long-format table in the paper
    cell_of_row = np.repeat(np.arange(n_cells), 2)
    stats_rows = []
    for flat in range(n_cells):
        for y in (design.y_ms, design.y_twelve_step):
            values = y[index == flat]
            stats_rows.append((len(values), values.mean(), values.std(ddof=1)))
    n, mean, sd = (np.array(col) for col in zip(*stats_rows, strict=True))
    shape = tuple(len(lev) for lev in design.levels)
    level_codes = np.unravel_index(cell_of_row, shape)
    columns = {name: pd.Categorical.from_codes(codes, list(lev))
               for name, codes, lev in zip(design.between, level_codes, design.levels,
                                               strict=True)}
    columns[WITHIN] = pd.Categorical.from_codes(np.tile([0, 1], n_cells), list(GROUP_TYPES))
    return pd.DataFrame({**columns, "n": n, "mean": mean, "sd": sd})


def _marginal_means(design: _Design, factor: str) -> pd.DataFrame:
    index, labels = _cell_index(design)
    if factor == WITHIN:
        keys, label_of = np.zeros(design.n, dtype=int), [()] * len(labels)
        out_levels = [()]
    elif factor in design.between:
        pos = design.between.index(factor)
        keys, out_levels = design.codes[pos], [(lev,) for lev in design.levels[pos]]
        label_of = [(label[pos],) for label in labels]
    else:
        raise ValueError(f"factor must be one of {(*design.between, WITHIN)}, not {factor!r}")
    rows = []
    for key, level in enumerate(out_levels):
        members = [flat for flat, lab in enumerate(label_of) if lab == level]
        for group, y in zip(GROUP_TYPES, (design.y_ms, design.y_twelve_step), strict=True):
            cell_means = [y[index == flat].mean() for flat in members]
            rows.append((*level, group, int(np.sum(keys == key)), y[keys == key].mean(),
                         float(np.mean(cell_means))))
    columns = ([] if factor == WITHIN else [factor]) + [WITHIN, "n", "weighted_mean",
                                                         "unweighted_mean"]
    out = pd.DataFrame(rows, columns=columns)
    if factor != WITHIN:
        out[factor] = pd.Categorical(out[factor], categories=[lev for (lev,) in out_levels])
    out[WITHIN] = pd.Categorical(out[WITHIN], categories=list(GROUP_TYPES))
    return out
