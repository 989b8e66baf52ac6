"""Multiple imputation against listwise deletion, for three one-df contrasts of the paper's design.

Listwise deletion keeps respondents who answered both questions of an item and is unbiased only
if the answers are missing completely at random. Multiple imputation by chained equations (MICE;
statsmodels ``MICEData``, predictive mean matching, so imputed answers are answers someone gave)
fills each missing answer from the respondent's other answers, ``m`` times, analyses each
completed data set and pools the results with Rubin's rules (Barnard & Rubin's small-sample df).

The imputation model for an item's two answers uses training, setting and, as auxiliary
variables, the respondent's mean over the *other* items of each group type (answers to related
questions carry most of the information about a missing one; using the mean keeps the model
small and the notebook fast). Respondents without training or setting are left out, as in the
ANOVA. The contrasts, each from the sum-coded regression of the ANOVA's two scores:

- **group type**: mean 12-step minus psychiatric rating (unweighted over the design cells);
- **training**: advanced minus mental health workers on the mean of the two ratings;
- **group type x training**: how much larger the 12-step-minus-psychiatric gap is for advanced
  providers than for mental health workers.

Seeded: the same imputations on every run.

Used in: 12_what_we_would_do_today.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from ..memo import content_key, remember
from ..paper.design import GROUP_TYPES, ITEMS
from .fallbacks import NoAnalysisPossible, supported_rows

__all__ = ["IMPUTATION_SEED", "imputation_vs_listwise", "rubin_pool"]

IMPUTATION_SEED = 2002
_STORE: dict = {}
#: contrast -> (which score, which coefficient, factor turning the sum-coded coefficient into a difference)
_CONTRASTS = {
    "group type (12-step minus psychiatric)": ("difference", "Intercept", 1.0),
    "training (advanced minus mental health workers)": ("mean", "t1", 2.0),
    "group type x training (gap: advanced minus mental health workers)": ("difference", "t1", 2.0),
}


def rubin_pool(estimates, variances, n: int, k: int) -> tuple[float, float, float, float, float]:
    """Rubin's rules for one coefficient over ``m`` imputations: estimate, SE, df, p, and the
    fraction of missing information. ``n`` observations and ``k`` coefficients give the complete-
    data df of Barnard & Rubin's (1999) small-sample df.

    >>> est, se, df, p, fmi = rubin_pool([1.0, 1.2, 0.8], [0.04, 0.04, 0.04], n=100, k=2)
    >>> round(est, 3), round(se, 4)
    (1.0, 0.3055)
    """
    q, u = np.asarray(estimates, float), np.asarray(variances, float)
    m = len(q)
    within, between = u.mean(), q.var(ddof=1)
    total = within + (1 + 1 / m) * between
    lam = (1 + 1 / m) * between / total
    df_complete = n - k
    df_old = (m - 1) / max(lam, 1e-12) ** 2
    df_obs = (df_complete + 1) / (df_complete + 3) * df_complete * (1 - lam)
    df = 1 / (1 / df_old + 1 / df_obs)
    estimate, se = float(q.mean()), float(np.sqrt(total))
    p = float(2 * stats.t.sf(abs(estimate / se), df))
    r = (1 + 1 / m) * between / within  # relative increase in variance due to nonresponse
    fmi = float((r + 2 / (df + 3)) / (r + 1))
    return estimate, se, float(df), p, fmi


def _sum_codes(values: np.ndarray, levels: tuple[str, ...], prefix: str) -> dict[str, np.ndarray]:
    """Sum-to-zero codes of a factor: one column per level but the last (+1 there, -1 in the last)."""
    return {f"{prefix}{i + 1}": np.select([values == level, values == levels[-1]], [1.0, -1.0], 0.0)
            for i, level in enumerate(levels[:-1])}


def _wide(data: pd.DataFrame, item: str) -> tuple[pd.DataFrame, str]:
    """The item's answers, sum codes of the factors the data support, the two auxiliary means, and
    the regression formula of a score on those codes."""
    rows, between, plan = supported_rows(data, item, "any")
    columns = [f"{item}_{group}" for group in GROUP_TYPES]
    out = pd.DataFrame({"y_ms": rows[columns[0]].astype(float).to_numpy(),
                        "y_ts": rows[columns[1]].astype(float).to_numpy()})
    groups = []
    for factor, prefix in (("training", "t"), ("setting3", "s")):
        if factor in between:
            codes = _sum_codes(rows[factor].astype(str).to_numpy(), plan.levels[factor], prefix)
            out = out.assign(**codes)
            groups.append("(" + " + ".join(codes) + ")")
    for group, name in zip(GROUP_TYPES, ("aux_ms", "aux_ts"), strict=True):
        others = [f"{other}_{group}" for other in ITEMS if other != item]
        out[name] = rows[others].astype(float).mean(axis=1).to_numpy()
    return out, "score ~ " + " * ".join(groups)


def _scores(wide: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"difference": wide.assign(score=wide["y_ts"] - wide["y_ms"]),
            "mean": wide.assign(score=(wide["y_ts"] + wide["y_ms"]) / 2)}


def _fits(frame: pd.DataFrame, formula: str) -> dict[str, tuple[pd.Series, pd.Series, int]]:
    import statsmodels.formula.api as smf

    out = {}
    for name, scored in _scores(frame).items():
        fit = smf.ols(formula, scored.dropna(subset=["score"])).fit()
        out[name] = (fit.params, fit.bse**2, int(fit.nobs))
    return out


def imputation_vs_listwise(data: pd.DataFrame, item: str, imputations: int = 20, burn_in: int = 10,
                           seed: int = IMPUTATION_SEED) -> pd.DataFrame:
    """The three contrasts of ``item`` with listwise deletion and with multiple imputation."""
    key = (content_key(data), item, imputations, burn_in, seed)
    return remember(_STORE, key, lambda: _compare(data, item, imputations, burn_in, seed), kept=64)


def _impute(wide: pd.DataFrame, formula: str, imputations: int, burn_in: int, seed: int) -> list[dict]:
    """The two scores' fits on each of ``imputations`` completed data sets (chained equations, PMM)."""
    from statsmodels.imputation.mice import MICEData

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rank notes on tiny data (an empty design cell): the table shows them
        imp = MICEData(wide, k_pmm=5, rng=np.random.default_rng(seed))
        for column in ("y_ms", "y_ts", "aux_ms", "aux_ts"):
            if wide[column].isna().any():
                imp.set_imputer(column, formula=" + ".join(c for c in wide.columns if c != column))
        imp.update_all(burn_in)
        completed = []
        for _ in range(imputations):
            imp.update_all(1)
            completed.append(_fits(imp.data.copy(), formula))
    return completed


def _compare(data, item, imputations, burn_in, seed) -> pd.DataFrame:
    try:
        wide, formula = _wide(data, item)
    except NoAnalysisPossible as exc:
        return pd.DataFrame({"contrast": list(_CONTRASTS), "note": exc.plan.text()})
    listwise = _fits(wide.dropna(subset=["y_ms", "y_ts"]), formula)
    completed = _impute(wide, formula, imputations, burn_in, seed)
    rows = []
    for label, (score, coef, scale) in _CONTRASTS.items():
        params, variances, n = listwise[score]
        if coef not in params.index:  # the factor is not in the design these data support
            rows.append((label, n, *[np.nan] * 9))
            continue
        est, se = params[coef] * scale, np.sqrt(variances[coef]) * scale
        df = n - len(params)
        p = float(2 * stats.t.sf(abs(est / se), df))
        pooled = rubin_pool([c[score][0][coef] * scale for c in completed],
                            [c[score][1][coef] * scale**2 for c in completed], completed[0][score][2],
                            len(params))
        rows.append((label, n, est, se, p, completed[0][score][2], *pooled))
    columns = ["contrast", "n_listwise", "estimate_listwise", "se_listwise", "p_listwise", "n_imputed",
               "estimate_imputed", "se_imputed", "df_imputed", "p_imputed", "missing_information"]
    return pd.DataFrame(rows, columns=columns)
