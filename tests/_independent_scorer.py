"""An independent scorer for the tests: every printed number recomputed from scratch.

Independent of the solver's running sums: plain pandas/scipy, and statsmodels
OLS with sum-to-zero contrasts and Type III tests for the ANOVAs (on the
difference score d = twelve_step - ms for the within effects, on the subject
mean for the between effects). Used for SOLVER_NOTES.md and the tests.
"""

from __future__ import annotations

import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.anova import anova_lm

from mutsup_helpers.paper.printed import matches_printed
from mutsup_helpers.paper.published import Published, pattern_id
from mutsup_helpers.paper.shapes import shape_targets
from mutsup_helpers.reconstruct.items import D_EFFECTS, M_EFFECTS
from mutsup_helpers.reconstruct.targets import SETTING3_LEVELS, effect_df1

_D_TERMS = dict(zip(D_EFFECTS, ("Intercept", "C(training, Sum)", "C(setting3, Sum)",
                                "C(training, Sum):C(setting3, Sum)"), strict=True))
_M_TERMS = dict(zip(M_EFFECTS, ("C(training, Sum)", "C(setting3, Sum)",
                                "C(training, Sum):C(setting3, Sum)"), strict=True))


def anova_sample(data: pd.DataFrame, item: str) -> pd.DataFrame:
    """Listwise complete cases of the mixed ANOVA of ``item``."""
    cols = ["training", "setting3", f"{item}_ms", f"{item}_twelve_step"]
    sample = data[cols].dropna().copy()
    sample["ms"] = sample[f"{item}_ms"].astype(float)
    sample["ts"] = sample[f"{item}_twelve_step"].astype(float)
    sample["d"] = sample["ts"] - sample["ms"]
    sample["m"] = (sample["ts"] + sample["ms"]) / 2
    for col in ("training", "setting3"):
        sample[col] = sample[col].astype(str)
    return sample


def type3_table(sample: pd.DataFrame) -> pd.DataFrame:
    """effect, df1, df2, F, p of the mixed ANOVA via two between-subjects Type III fits."""
    rows = []
    for score, terms in (("d", _D_TERMS), ("m", _M_TERMS)):
        fit = smf.ols(f"{score} ~ C(training, Sum) * C(setting3, Sum)", data=sample).fit()
        table = anova_lm(fit, typ=3)
        mse = table.loc["Residual", "sum_sq"] / table.loc["Residual", "df"]
        for effect, term in terms.items():
            df1 = table.loc[term, "df"]
            F = table.loc[term, "sum_sq"] / df1 / mse
            rows.append((effect, int(df1), int(fit.df_resid), F, stats.f.sf(F, df1, fit.df_resid)))
    return pd.DataFrame(rows, columns=["effect", "df1", "df2", "F", "p"]).set_index("effect")


def scheffe_on_difference(sample: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Scheffe p per setting3 pair: observed means of d, MSE and df of the 2 x 3 model on d."""
    fit = smf.ols("d ~ C(training, Sum) * C(setting3, Sum)", data=sample).fit()
    mse, dfe = fit.mse_resid, fit.df_resid
    groups = sample.groupby("setting3")["d"]
    means, ns = groups.mean(), groups.size()
    k1 = len(SETTING3_LEVELS) - 1
    out = {}
    for i, a in enumerate(SETTING3_LEVELS):
        for b in SETTING3_LEVELS[i + 1:]:
            F = (means[a] - means[b]) ** 2 / (mse * (1 / ns[a] + 1 / ns[b])) / k1
            out[(a, b)] = stats.f.sf(F, k1, dfe)
    return out


def pooled_t_test(data: pd.DataFrame, split: str, column: str) -> tuple[float, int, float]:
    """Student's t (No minus Yes), df, two-tailed p."""
    no = data.loc[data[split] == "No", column].dropna().astype(float)
    yes = data.loc[data[split] == "Yes", column].dropna().astype(float)
    t, p = stats.ttest_ind(no, yes)
    return float(t), len(no) + len(yes) - 2, float(p)


def _stars(p: float) -> str:
    return "**" if p < 0.01 else ("*" if p < 0.05 else "")


def scorecard(data: pd.DataFrame, pub: Published) -> pd.DataFrame:
    """One row per printed number: section, target, printed, value, hit."""
    cache: dict = {}
    rows = []
    for r in pub.targets().itertuples():
        value, hit = _score(data, pub, r, cache)
        rows.append((r.section, r.target, r.printed, value, bool(hit)))
    return pd.DataFrame(rows, columns=["section", "target", "printed", "value", "hit"])


def _patterns(pub: Published) -> dict[str, dict]:
    return {pattern_id(rec): rec for rec in pub.mean_patterns}


def _round_hit(value, printed, decimals):
    return matches_printed(float(value), float(printed), int(decimals))


def _score(data, pub, r, cache):
    parts = r.target.split("/")
    section = r.section
    if section == "table1":
        return _score_table1(data, parts, r)
    if section == "continuous":
        col = data[parts[1]].astype(float)
        value = col.mean() if parts[2] == "mean" else col.std(ddof=1)
        return value, _round_hit(value, r.printed, r.decimals)
    if section == "derived_factors":
        value = int((data[parts[1]] == parts[2]).sum())
        return value, value == r.printed
    if section == "table2":
        return _score_table2(data, parts, r)
    if section == "ttests":
        t, df, p = pooled_t_test(data, parts[1], f"{parts[2]}_ms")
        value = {"df": df, "t": t, "p": p}[parts[3]]
        return value, (value == r.printed) if parts[3] == "df" else _round_hit(value, r.printed, r.decimals)
    if section == "table3":
        return _score_table3(data, parts, r)
    if section in ("anova", "value_means", "scheffe", "patterns"):
        item = "value" if section == "value_means" else parts[1]  # the text's means are of value
        if item not in cache:
            sample = anova_sample(data, item)
            cache[item] = (sample, type3_table(sample), scheffe_on_difference(sample))
        return _score_anova_family(section, parts, r, *cache[item], _patterns(pub))
    if section == "shapes":
        return _score_shape(data, pub, r.target)
    raise ValueError(f"unknown section {section}")


def _score_shape(data, pub, target_id):
    """A shape target by statsmodels: contrast t ratios of cell-means models (the error cancels in a share)."""
    target = next(t for t in shape_targets(pub) if t.id == target_id)
    st_ = target.statistic
    item = target.item
    d = data.dropna(subset=[f"{item}_ms", f"{item}_twelve_step", "training", "setting3"]).copy()
    d["ms"] = d[f"{item}_ms"].astype(float)
    d["twelve_step"] = d[f"{item}_twelve_step"].astype(float)
    d["difference"] = d["twelve_step"] - d["ms"]
    if st_.kind == "mean_diff":
        means = d.groupby(st_.factor, observed=True)[st_.group].mean()
        value = means[st_.a] - means[st_.b]
    elif st_.kind == "min_cell":
        value = d.groupby(["training", "setting3"], observed=True)[st_.group].mean().min()
    else:
        rest = [lv for lv in SETTING3_LEVELS if lv != st_.a]
        apart = [1.0 if lv == st_.a else -0.5 for lv in SETTING3_LEVELS]
        between = [1.0 if lv == rest[0] else (-1.0 if lv == rest[1] else 0.0) for lv in SETTING3_LEVELS]
        d["setting3"] = pd.Categorical(d["setting3"].astype(str), SETTING3_LEVELS)
        if st_.weighting == "type3":
            d["cell"] = pd.Categorical(d["training"].astype(str) + "|" + d["setting3"].astype(str))
            fit = smf.ols("difference ~ 0 + cell", d).fit()
            names = [c.split("[")[1].rstrip("]").replace("cell", "") for c in fit.params.index]

            def vector(coef):
                return [coef[SETTING3_LEVELS.index(n.split("|")[1])] / 2 for n in names]
        else:
            fit = smf.ols("difference ~ 0 + setting3", d).fit()

            def vector(coef):
                return coef
        t1, t2 = (float(fit.t_test([vector(c)]).tvalue.item()) for c in (apart, between))
        value = t1 ** 2 / (t1 ** 2 + t2 ** 2)
    return float(value), target.holds(float(value))


def _score_table1(data, parts, r):
    variable, level, stat = parts[1], parts[2], parts[-1]
    col = data[variable]
    if level.startswith("missing"):
        n = int(col.isna().sum()) + (int((col == "Other").sum()) if "other" in level else 0)
    else:
        n = int((col == level).sum())
    value = n if stat == "n" else 100.0 * n / len(data)
    return value, (value == r.printed) if stat == "n" else _round_hit(value, r.printed, r.decimals)


def _score_table2(data, parts, r):
    split, item = parts[1], parts[2]
    column = f"{item}_ms"
    if parts[-1] == "flag":
        t, _, p = pooled_t_test(data, split, column)
        flagged = bool(p < 0.05 and t < 0)
        return flagged, flagged == bool(r.printed)
    values = data.loc[data[split] == parts[3], column].dropna().astype(float)
    value = {"n": len(values), "mean": values.mean(), "sd": values.std(ddof=1)}[parts[4]]
    return value, (value == r.printed) if parts[4] == "n" else _round_hit(value, r.printed, r.decimals)


def _score_table3(data, parts, r):
    item, group, years = parts[1], parts[2], parts[3]
    pair = data[[f"{item}_{group}", years]].dropna().astype(float)
    rho, p = stats.pearsonr(pair.iloc[:, 0], pair.iloc[:, 1])
    if parts[4] == "stars":
        return _stars(p), _stars(p) == r.printed
    return float(rho), _round_hit(rho, r.printed, r.decimals)


def _score_anova_family(section, parts, r, sample, table, scheffe, patterns):
    if section == "value_means":
        col = sample["ts" if parts[1] == "twelve_step" else "ms"]
        value = col.mean() if parts[2] == "mean" else col.std(ddof=1)
        return value, _round_hit(value, r.printed, r.decimals)
    if section == "scheffe":
        if parts[-1] == "none_significant":
            p_min = min(scheffe.values())
            return p_min, p_min >= 0.05
        a, b = parts[3].split("-")
        p = scheffe[(a, b)]
        return p, _round_hit(p, r.printed, r.decimals)
    if section == "patterns":
        return _score_pattern(sample, patterns[r.target])
    effect, stat = parts[2], parts[3]
    row = table.loc[effect]
    if stat == "not_significant":
        return row["p"], row["p"] > 0.05
    if stat == "df1":
        return effect_df1(effect), effect_df1(effect) == r.printed
    if stat == "df2":
        return int(row["df2"]), int(row["df2"]) == r.printed
    if stat == "F":
        return row["F"], _round_hit(row["F"], r.printed, r.decimals)
    if r.kind == "p_below":
        return row["p"], row["p"] < 0.001
    return row["p"], _round_hit(row["p"], r.printed, r.decimals)


def _score_pattern(sample, rec) -> tuple[float, bool]:
    """Smallest margin of one claimed order of observed means in the ANOVA sample (> 0 = holds)."""
    factor = rec["factor"]
    if factor == "group_type":
        diff = sample["d"].mean() * (1 if rec["higher"] == "twelve_step" else -1)
        return diff, diff > 0
    if "larger_gap_on" in rec:  # gap of the first level over the second, per group type
        levels = sample[factor].unique()
        first = rec.get("higher", "advanced" if factor == "training" else levels[0])
        other = next(lv for lv in levels if lv != first)
        d = sample.groupby(factor)["d"].mean()
        value = (d[first] - d[other]) * (1 if rec["larger_gap_on"] == "twelve_step" else -1)
        return value, value > 0
    col = "ms" if rec["group_type"] == "ms" else "ts"
    means = sample.groupby(factor)[col].mean()
    if "higher" in rec:
        margin = min(means[rec["higher"]] - means[o] for o in rec["than"])
    else:
        margin = min(means[o] - means[rec["lower"]] for o in rec["than"])
    return margin, margin > 0
