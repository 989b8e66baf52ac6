"""Today's models of the paper's design: a linear mixed model and an ordinal (cumulative-logit) model.

The paper's split-plot ANOVA keeps only respondents who answered both questions of an item
(listwise deletion, as its printed df show). A linear mixed model with a random intercept per respondent,

    rating = fixed effects of training x setting x group type + u_respondent + e,

fitted by REML (statsmodels ``MixedLM``, as ``lme4::lmer`` in R), uses every answer given. On
complete cases, with two ratings per respondent, the REML variance estimates are the ANOVA's two
error mean squares, so the Wald test of each sum-to-zero coded effect divided by its df *is* the
split-plot F (tested here to 1e-6; not an approximation); the fixed effects' covariance is (X'
V^-1 X)^-1, as lme4's. With the incomplete respondents added, the tests are Wald chi-square tests
(large-sample; R's ``car::Anova(type = 3)`` on the ``lmer`` fit gives the same numbers, and
``afex::mixed(method = "KR")`` small-sample F tests).

The ordinal model treats the 1-5 answers as ordered categories, not as interval numbers
(statsmodels ``OrderedModel``, logit link, as ``ordinal::clm`` in R). It has no random effect, so
its Wald tests use a covariance clustered by respondent (each respondent's two answers are not
independent); R's ``ordinal::clmm`` fits the random intercept instead (the R track, notebook 12).

Used in: 12_what_we_would_do_today.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from ..memo import content_key, remember
from ..paper.design import GROUP_TYPE_LABELS, GROUP_TYPES, PAPER_BETWEEN, WITHIN
from ..paper.published import load_published
from .anova import mixed_anova
from .fallbacks import DesignFallbackWarning, NoAnalysisPossible, supported_rows

__all__ = ["MIXED_MODEL_USES", "MixedModelResult", "long_ratings", "mixed_model", "mixed_model_vs_anova",
           "ordinal_coefficients", "ordinal_model", "ordinal_vs_anova", "printed_anova_cells"]

#: Which respondents a model uses: those who answered both questions of the item (the ANOVA's),
#: or everyone who answered at least one.
MIXED_MODEL_USES = ("complete", "available")
_EFFECT_ORDER = ("training", "setting3", "training:setting3", "group_type", "group_type:training",
                 "group_type:setting3", "group_type:training:setting3")
_STORE: dict = {}


@dataclass(frozen=True)
class MixedModelResult:
    """One item's mixed model: a test per effect and what the model used.

    ``table``: effect, chi2, df1, p_chi2 (Wald), F = chi2 / df1, df2 (respondents minus design
    cells), p (F test; exact split-plot F on complete cases). ``note``: what was fitted, in words.
    """

    item: str
    use: str
    between: tuple[str, ...]
    n_respondents: int
    n_ratings: int
    respondent_variance: float
    residual_variance: float
    converged: bool
    table: pd.DataFrame
    note: str

    @property
    def icc(self) -> float:
        """The share of the variance between respondents: the correlation of one person's two answers."""
        return self.respondent_variance / (self.respondent_variance + self.residual_variance)

    def copy(self) -> MixedModelResult:
        """A copy whose table can be changed without changing the remembered one."""
        return replace(self, table=self.table.copy())


def long_ratings(data: pd.DataFrame, item: str, use: str = "available") -> tuple[pd.DataFrame, tuple[str, ...], str]:
    """One row per answer: respondent, the between factors the data support, group type and rating.

    ``use="complete"`` keeps respondents who answered both questions (the ANOVA's cases),
    ``"available"`` everyone with at least one answer. The between factors and levels are those
    :func:`~mutsup_helpers.stats.fallbacks.plan_anova` finds the complete cases support (a note says
    when that is not the paper's design). Returns the long table, the factors and the note.
    """
    if use not in MIXED_MODEL_USES:
        raise ValueError(f"use must be one of {MIXED_MODEL_USES}, not {use!r}")
    rows, between, plan = supported_rows(data, item, "both" if use == "complete" else "any")
    columns = [f"{item}_{group}" for group in GROUP_TYPES]
    long = rows.melt(id_vars=["respondent_id", *between], value_vars=columns, var_name=WITHIN, value_name="rating")
    long[WITHIN] = pd.Categorical(long[WITHIN].str.removeprefix(f"{item}_"), categories=list(GROUP_TYPES))
    long = long.dropna(subset=["rating"]).sort_values(["respondent_id", WITHIN], kind="stable").reset_index(drop=True)
    long["rating"] = long["rating"].astype(float)
    return long, tuple(between), plan.text()


def _formula_terms(between: tuple[str, ...]) -> str:
    factors = [f"C({name}, Sum)" for name in (*between, WITHIN)]
    return " * ".join(factors)


def _effect(column: str) -> str:
    """'C(training, Sum)[S.advanced]:C(group_type, Sum)[S.ms]' -> 'group_type:training' (as mixed_anova names it)."""
    parts = [part.split("[")[0].removeprefix("C(").split(",")[0] for part in column.split(":")]
    rank = {WITHIN: 0, **{name: i + 1 for i, name in enumerate(PAPER_BETWEEN)}}
    return ":".join(sorted(parts, key=lambda p: rank.get(p, 9)))


def _wald_rows(names: list[str], params: np.ndarray, cov: np.ndarray) -> list[tuple[str, float, int]]:
    """A Wald chi-square test per effect: all of its sum-coded coefficients zero."""
    effects = [_effect(name) if name != "Intercept" else None for name in names]
    rows = []
    for effect in [e for e in _EFFECT_ORDER if e in effects]:
        index = [i for i, e in enumerate(effects) if e == effect]
        b, v = params[index], cov[np.ix_(index, index)]
        rows.append((effect, float(b @ np.linalg.solve(v, b)), len(index)))
    return rows


def mixed_model(data: pd.DataFrame, item: str, use: str = "available") -> MixedModelResult:
    """The linear mixed model of ``item`` (random intercept per respondent, REML), a test per effect.

    >>> from mutsup_helpers.data.load import load_providers
    >>> res = mixed_model(load_providers(), "value", use="complete")
    >>> res.n_respondents == mixed_anova(load_providers(), "value").n
    True
    """
    key = ("mixed", content_key(data), item, use)
    return remember(_STORE, key, lambda: _fit_mixed(data, item, use), kept=256)


def _fit_mixed(data: pd.DataFrame, item: str, use: str) -> MixedModelResult:
    import statsmodels.formula.api as smf  # imported where used: the series' import time

    try:
        long, between, plan_note = long_ratings(data, item, use)
    except NoAnalysisPossible as exc:
        return _no_model(item, use, exc.plan.text())
    model = smf.mixedlm(f"rating ~ {_formula_terms(between)}", long, groups=long["respondent_id"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # boundary and convergence notes: reported through .converged
        # bfgs to a tight tolerance; where it stops on precision loss at the optimum, lbfgs confirms it
        fit = model.fit(reml=True, start_params=_start(data, item, model.k_fe), method=["bfgs", "lbfgs"],
                        gtol=1e-10)
    cov = _gls_covariance(model.exog, long["respondent_id"].to_numpy(), float(fit.cov_re.iloc[0, 0]),
                          float(fit.scale))
    n_respondents = int(long["respondent_id"].nunique())
    df2 = n_respondents - int(long[list(between)].drop_duplicates().shape[0])
    rows = [(effect, chi2, df1, float(stats.chi2.sf(chi2, df1)), chi2 / df1, df2,
             float(stats.f.sf(chi2 / df1, df1, df2))) for effect, chi2, df1 in
            _wald_rows(list(fit.fe_params.index), fit.fe_params.to_numpy(), cov)]
    table = pd.DataFrame(rows, columns=["effect", "chi2", "df1", "p_chi2", "F", "df2", "p"])
    who = "who answered both questions" if use == "complete" else "who answered at least one question"
    note = f"{item}: {n_respondents} respondents {who}, {len(long)} answers" + (f". {plan_note}" if plan_note else "")
    return MixedModelResult(item, use, between, n_respondents, len(long), float(fit.cov_re.iloc[0, 0]),
                            float(fit.scale), bool(fit.converged), table, note)


def _gls_covariance(X: np.ndarray, groups: np.ndarray, var_u: float, var_e: float) -> np.ndarray:
    """(X' V^-1 X)^-1 at the REML variance estimates: the fixed effects' covariance of lme4, SAS PROC
    MIXED and SPSS MIXED (statsmodels' own comes from the joint information of fixed effects and
    variances, which differs slightly when respondents have unequal numbers of answers).

    With a random intercept, V_i^-1 = (I - c_i J) / var_e with c_i = var_u / (var_e + n_i var_u),
    so X' V^-1 X = (X'X - sum_i c_i s_i s_i') / var_e, s_i the sum of respondent i's rows of X.
    """
    _, index, counts = np.unique(groups, return_inverse=True, return_counts=True)
    sums = np.zeros((len(counts), X.shape[1]))
    np.add.at(sums, index, X)
    c = var_u / (var_e + counts * var_u)
    information = (X.T @ X - (sums * c[:, None]).T @ sums) / var_e
    return np.linalg.inv(information)


def _start(data: pd.DataFrame, item: str, k_fe: int):
    """Where the REML search starts: the split-plot ANOVA's variance estimates, which *are* the REML
    solution on complete cases (so the search only confirms them) and near it on all answers.

    The between-stratum mean square estimates 2 var(u) + var(e) (on the scale of two answers'
    sum over sqrt 2), the within-stratum one var(e); statsmodels takes var(u) relative to var(e).
    """
    from statsmodels.regression.mixed_linear_model import MixedLMParams

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignFallbackWarning)
        errors = mixed_anova(data, item).errors.set_index("stratum")["MS"]
    ratio = (errors["between"] - errors["within"]) / 2 / errors["within"]
    return MixedLMParams.from_components(np.zeros(k_fe), cov_re=np.array([[max(float(ratio), 0.01)]]))


def _no_model(item: str, use: str, why: str) -> MixedModelResult:
    empty = pd.DataFrame(columns=["effect", "chi2", "df1", "p_chi2", "F", "df2", "p"])
    return MixedModelResult(item, use, (), 0, 0, np.nan, np.nan, False, empty, why)


def _anova(data: pd.DataFrame, item: str) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignFallbackWarning)
        return mixed_anova(data, item).table.set_index("effect")


def printed_anova_cells(item: str, columns: dict[str, tuple[str, ...]] | None = None) -> dict:
    """The cells of a table by effect that hold the paper's printed ANOVA numbers: {(effect, column): target}.

    ``columns``: the statistic ("F", "p", ...) -> the table's columns that hold it (None: a column
    named as the statistic, as in :func:`~mutsup_helpers.stats.anova.mixed_anova`'s table).
    """
    prefix = f"anova/{item}/"
    targets = [t for t in load_published().targets()["target"] if t.startswith(prefix) and t.count("/") == 3]
    return {(effect, column): t for t in targets for effect, stat in [t[len(prefix):].split("/")]
            for column in (columns.get(stat, ()) if columns is not None else (stat,))}


def mixed_model_vs_anova(data: pd.DataFrame, item: str) -> pd.DataFrame:
    """One row per effect of ``item``: the split-plot F and p, the mixed model's F on the same complete
    cases (equal to it), and the mixed model's test on every available answer (how many more
    respondents, its F = chi2 / df and large-sample p)."""
    anova = _anova(data, item)
    complete, available = mixed_model(data, item, "complete"), mixed_model(data, item, "available")
    c, a = complete.table.set_index("effect"), available.table.set_index("effect")
    out = pd.DataFrame({"F_anova": anova["F"], "p_anova": anova["p"]}).loc[c.index]
    out["F_mixed_complete"] = c["F"]
    out["n_complete"], out["n_available"] = complete.n_respondents, available.n_respondents
    out["F_mixed_available"] = a["F"]
    out["p_mixed_available"] = a["p_chi2"]
    return out


# the mixed model's F on complete cases is the ANOVA's F (to 1e-6), so it is the printed number too
mixed_model_vs_anova.printed = lambda item: printed_anova_cells(item, {"F": ("F_anova", "F_mixed_complete"),
                                                                  "p": ("p_anova",)})


class _NotEstimable(ValueError):
    """No ordinal model of an item can be estimated on these data; the message says why."""


def _empty(columns: list[str], note: str) -> pd.DataFrame:
    """A table with no rows whose ``attrs["note"]`` (and ``note`` column, for display) says why."""
    out = pd.DataFrame(columns=[*columns, "note"])
    out.attrs["note"] = note
    return out


def _ordinal_fit(data: pd.DataFrame, item: str):
    """The cumulative-logit fit of ``item`` on every available answer, with the long data and design.

    Raises :class:`_NotEstimable` (with the reason in words) when the data cannot support it.
    """
    why = _not_estimable(data, item)
    if why:
        raise _NotEstimable(why)
    try:
        return _fit_ordinal(data, item)
    except NoAnalysisPossible as exc:
        raise _NotEstimable(exc.plan.text()) from exc
    except (ValueError, np.linalg.LinAlgError) as exc:  # a singular information matrix on tiny data
        raise _NotEstimable(f"{item}: the ordinal model cannot be estimated on these data ({exc})") from exc


def _fit_ordinal(data: pd.DataFrame, item: str):
    import patsy
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    long, between, note = long_ratings(data, item, "available")
    X = patsy.dmatrix(_formula_terms(between), long, return_type="dataframe").drop(columns="Intercept")
    y = pd.Series(pd.Categorical(long["rating"].astype(int), ordered=True), index=long.index)
    model = OrderedModel(y, X, distr="logit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # iteration notes: convergence is checked below
        fit = model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-8)
        robust = model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-8, start_params=fit.params,
                           cov_type="cluster", cov_kwds={"groups": long["respondent_id"].to_numpy()})
    return fit, robust, long, X, note


def ordinal_coefficients(data: pd.DataFrame, item: str) -> pd.DataFrame:
    """The ordinal model's coefficients: estimate, model-based SE and SE clustered by respondent.

    ``label`` names a term as a reader says it (``training = advanced``); ``se_ratio`` is the
    clustered SE over the model-based one. Effects are sum-to-zero coded (as ``contr.sum`` in R with
    the codebook's level order); thresholds (``1|2`` ... as R's ``clm`` names them) are on the cumulative-logit scale:
    P(rating <= j) = logistic(threshold_j - X b), the parametrization of ``ordinal::clm``.
    """
    key = ("ordinal", content_key(data), item)
    return remember(_STORE, key, lambda: _coefficients(data, item), kept=256)


def _coefficients(data: pd.DataFrame, item: str) -> pd.DataFrame:
    try:
        fit, robust, long, X, _ = _ordinal_fit(data, item)
    except _NotEstimable as exc:
        return _empty(["term", "label", "estimate", "se", "se_cluster", "se_ratio", "converged"], str(exc))
    k = X.shape[1]
    params = fit.params.to_numpy()
    categories = sorted(long["rating"].astype(int).unique())
    thresholds = np.cumsum(np.concatenate([params[k:k + 1], np.exp(params[k + 1:])]))
    names = [*X.columns, *(f"{a}|{b}" for a, b in zip(categories[:-1], categories[1:], strict=True))]
    # thresholds' SEs need the delta method on the log-increments; the effects' are direct
    se = np.concatenate([fit.bse.to_numpy()[:k], np.full(len(thresholds), np.nan)])
    se_cluster = np.concatenate([robust.bse.to_numpy()[:k], np.full(len(thresholds), np.nan)])
    return pd.DataFrame({"term": names, "label": [_readable(name) for name in names],
                         "estimate": np.concatenate([params[:k], thresholds]), "se": se, "se_cluster": se_cluster,
                         "se_ratio": se_cluster / se, "converged": bool(fit.mle_retvals["converged"])})


def _readable(term: str) -> str:
    """'C(training, Sum)[S.advanced]:C(group_type, Sum)[S.ms]' -> 'training = advanced:group_type = ms'."""
    return re.sub(r"C\((\w+), Sum\)\[S\.(\w+)\]", r"\1 = \2", term)


def ordinal_model(data: pd.DataFrame, item: str) -> pd.DataFrame:
    """The ordinal model's test per effect: Wald chi-square with the covariance clustered by respondent
    (``p_cluster``) and, for comparison, with the model-based covariance (``p_model``)."""
    key = ("ordinal tests", content_key(data), item)
    return remember(_STORE, key, lambda: _ordinal_tests(data, item), kept=256)


_ORDINAL_COLUMNS = ["effect", "df1", "chi2_cluster", "p_cluster", "chi2_model", "p_model"]


def _not_estimable(data: pd.DataFrame, item: str) -> str | None:
    """Why no ordinal model of ``item`` can be estimated on these data, in words (None: it can be tried)."""
    for group in GROUP_TYPES:
        answers = data[f"{item}_{group}"].dropna()
        if answers.nunique() <= 1:
            shown = f"every answer is {answers.iloc[0]:g}" if len(answers) else "no answers"
            return (f"{item}: the {GROUP_TYPE_LABELS[group]} answers do not vary ({shown}), so the ordinal model's "
                    "group type effect is infinite and no test can be computed")
    return None


def _ordinal_tests(data: pd.DataFrame, item: str) -> pd.DataFrame:
    try:
        fit, robust, _, X, _ = _ordinal_fit(data, item)
    except _NotEstimable as exc:
        return _empty(_ORDINAL_COLUMNS, str(exc))
    k = X.shape[1]
    names, params = list(X.columns), fit.params.to_numpy()[:k]
    clustered = _wald_rows(names, params, np.asarray(robust.cov_params())[:k, :k])
    model = _wald_rows(names, params, np.asarray(fit.cov_params())[:k, :k])
    rows = [(effect, df1, chi2c, float(stats.chi2.sf(chi2c, df1)), chi2m, float(stats.chi2.sf(chi2m, df1)))
            for (effect, chi2c, df1), (_, chi2m, _) in zip(clustered, model, strict=True)]
    return pd.DataFrame(rows, columns=["effect", "df1", "chi2_cluster", "p_cluster", "chi2_model", "p_model"])


def ordinal_vs_anova(data: pd.DataFrame, item: str, alpha: float = 0.05) -> pd.DataFrame:
    """One row per effect of ``item``: the ANOVA's p beside the ordinal model's (clustered by
    respondent), and whether the verdict at ``alpha`` is the same."""
    anova, ordinal = _anova(data, item), ordinal_model(data, item).set_index("effect")
    effects = ordinal.index if len(ordinal) else anova.index
    out = pd.DataFrame({"p_anova": anova["p"].reindex(effects), "p_ordinal": ordinal["p_cluster"].reindex(effects)})
    same = (out["p_anova"] < alpha) == (out["p_ordinal"] < alpha)
    out["same_verdict"] = same.astype("boolean").mask(out[["p_anova", "p_ordinal"]].isna().any(axis=1))
    if "note" in ordinal.columns:  # no ordinal model on these data: the ANOVA alone, and why
        out["note"] = ordinal.attrs.get("note", "")
    return out


ordinal_vs_anova.printed = lambda item, alpha=0.05: printed_anova_cells(item, {"p": ("p_anova",)})
