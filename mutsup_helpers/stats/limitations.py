"""The authors' limitations made concrete: multiple testing, clustering, power, ordinal data, nonresponse.

Used in: 09_limitations_and_discussion.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from ..memo import content_key, remember
from ..paper.design import ITEMS, TABLE2_SPLITS, YEARS
from ..paper.published import load_published
from ..paths import data_file
from .anova import mixed_anova
from .correlations import correlate
from .effect_sizes import f2_detectable
from .fallbacks import DesignFallbackWarning
from .group_tests import compare_groups
from .posthoc import scheffe

__all__ = [
    "ADJUST_METHODS",
    "FAMILY_COLUMNS",
    "adjust_pvalues",
    "anova_sensitivity",
    "clustering_scenarios",
    "clustering_table",
    "design_effect",
    "family_of_tests",
    "multiple_testing_summary",
    "nonresponse_bounds",
    "nonresponse_simulation",
    "nonresponse_summary",
    "power_table",
    "rank_based_table2",
]

FAMILY_COLUMNS = ["family", "test", "statistic", "p", "reported_significant"]
ADJUST_METHODS = {"none": None, "holm": "holm", "fdr_bh": "fdr_bh", "bonferroni": "bonf"}


def family_of_tests(data: pd.DataFrame) -> pd.DataFrame:
    """Every significance test the paper ran, with its p here and whether the paper called it significant.

    Five mixed ANOVAs x seven effects, fifteen Table 2 t-tests, twenty Table 3
    correlations and the Scheffé pairs for the three items with an interaction.
    Remembered for the same data (by content) and the same published file.
    """
    source = data_file("published_results.yaml")
    key = (content_key(data), source.stat().st_mtime_ns)
    return remember(_FAMILIES, key, lambda: _family_of_tests(data, load_published(source)), kept=512)


_FAMILIES: dict[tuple, pd.DataFrame] = {}


def _family_of_tests(data: pd.DataFrame, pub) -> pd.DataFrame:
    reported = set(zip(pub.anova["item"], pub.anova["effect"], strict=True))
    rows = []
    for item in ITEMS:
        for r in mixed_anova(data, item).table.itertuples():
            rows.append(("anova", f"{item}: {r.effect}", r.F, r.p, (item, r.effect) in reported))
    flagged = pub.table2[pub.table2["level"] == "Yes"].set_index(["split", "item"])["flagged"]
    for split in TABLE2_SPLITS:
        for item in ITEMS:
            res = compare_groups(data, split, item)
            rows.append(("t-test", f"{item} (ms) by {split}", res["t"], res["p"], bool(flagged[(split, item)])))
    starred = pub.table3.set_index(["item", "group_type"])
    for item in ITEMS:
        for group in ("twelve_step", "ms"):
            for years in YEARS:
                res = correlate(data, years, f"{item}_{group}")
                mark = starred.loc[(item, group), f"stars_{years}"] != ""
                rows.append(("correlation", f"{item}_{group} x {years}", res["r"], res["p"], bool(mark)))
    sig_pairs = {(r.item, r.level_a, r.level_b) for r in pub.scheffe.itertuples()}
    for item in sorted(set(pub.scheffe["item"]), key=ITEMS.index):
        for r in scheffe(data, item).itertuples():
            label = f"{item}: {r.level_a} vs {r.level_b}"
            rows.append(("scheffe", label, r.F, r.p, (item, r.level_a, r.level_b) in sig_pairs))
    return pd.DataFrame(rows, columns=FAMILY_COLUMNS)


def adjust_pvalues(family: pd.DataFrame, method: str = "holm", alpha: float = 0.05) -> pd.DataFrame:
    """Add ``p_adjusted`` and ``significant_adjusted`` over the whole family (pingouin.multicomp).

    ``method``: "none", "holm", "fdr_bh" (Benjamini-Hochberg) or "bonferroni".
    """
    if method not in ADJUST_METHODS:
        raise ValueError(f"method must be one of {tuple(ADJUST_METHODS)}, not {method!r}")
    import pingouin as pg  # imported where used: it pulls in matplotlib.pyplot, which `mutsup verify` does not need

    p = family["p"].to_numpy(dtype=float)
    adjusted = p if ADJUST_METHODS[method] is None else pg.multicomp(p, alpha=alpha, method=ADJUST_METHODS[method])[1]
    return family.assign(p_adjusted=adjusted, significant_adjusted=adjusted < alpha)


def multiple_testing_summary(family: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Per method: tests run, expected false positives if every null were true, findings that survive."""
    rows = []
    for method in ADJUST_METHODS:
        adjusted = adjust_pvalues(family, method, alpha)
        survive = adjusted["reported_significant"] & adjusted["significant_adjusted"]
        rows.append(
            (method, len(family), len(family) * alpha, int(adjusted["reported_significant"].sum()), int(survive.sum()))
        )
    columns = ["method", "tests", "expected_false_positives_if_all_null", "reported_significant", "still_significant"]
    return pd.DataFrame(rows, columns=columns)


def design_effect(icc: float | np.ndarray, cluster_size: float, cv: float = 0.0) -> float | np.ndarray:
    """Design effect of a mean over clustered respondents: ``1 + ((cv^2 + 1) m - 1) ICC``.

    ``cluster_size`` is the mean number of respondents per cluster (m) and ``cv`` the
    coefficient of variation of cluster sizes (SD / mean, SD with divisor K). With equal
    clusters (cv = 0) this is Kish's ``1 + (m - 1) ICC``; unequal clusters cost more
    (Eldridge, Ashby & Kerry, 2006), and the formula is then exact for the mean of all
    respondents when answers follow a random-intercept model.

    >>> float(design_effect(0.05, 5.0)), float(design_effect(0.05, 5.0, cv=1.0))
    (1.2, 1.45)
    """
    return 1 + ((cv**2 + 1) * cluster_size - 1) * np.asarray(icc)


def clustering_scenarios(iccs=(0.01, 0.05, 0.10, 0.20), cvs=(0.0, 0.5, 1.0, 1.5)) -> pd.DataFrame:
    """Design effect and effective N for the study's mean cluster size, by ICC and by how unequal clusters are.

    The mean cluster size is respondents per responding facility (Method: Participants). The
    paper prints no facility sizes, so ``cv`` is a scenario: surveys went out one per 50
    patients with a floor of three, so a large state hospital or CMHC contributed many more
    respondents than a small agency, and a CV of 1 or more is plausible.
    """
    study = load_published().study
    n, m = study["surveys_returned"], study["surveys_returned"] / study["facilities_responding"]
    rows = [(icc, cv, float(design_effect(icc, m, cv)), n / float(design_effect(icc, m, cv)))
            for icc in iccs for cv in cvs]
    return pd.DataFrame(rows, columns=["icc", "cv_cluster_size", "design_effect", "effective_n"])


def anova_sensitivity(data: pd.DataFrame, power: float = 0.80, alpha: float = 0.05) -> pd.DataFrame:
    """Smallest partial eta squared each mixed-ANOVA effect could detect, beside the observed one.

    One row per item and effect of the paper's design (as fitted to ``data``), with whether the
    paper reports the effect as significant: for the paper's null results, the smallest effect
    the test could have detected with ``power`` says whether the null is informative.
    Noncentral F with lambda = f^2 (df1 + df2 + 1), as :func:`.effect_sizes.f2_detectable`.
    """
    reported = set(zip(load_published().anova["item"], load_published().anova["effect"], strict=True))
    rows = []
    for item in ITEMS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DesignFallbackWarning)
            table = mixed_anova(data, item).table
        for r in table.itertuples():
            f2 = f2_detectable(int(r.df1), int(r.df2), power=power, alpha=alpha)
            rows.append((item, r.effect, "significant" if (item, r.effect) in reported else "not significant",
                         int(r.df1), int(r.df2), f2 / (1 + f2), r.np2))
    columns = ["item", "effect", "paper_reports", "df1", "df2", "smallest_detectable_eta2", "observed_eta2"]
    return pd.DataFrame(rows, columns=columns)


def clustering_table(data: pd.DataFrame, iccs=(0.0, 0.01, 0.02, 0.05, 0.10, 0.20)) -> pd.DataFrame:
    """The printed t-tests again, with SEs inflated by the design effect of facility clustering.

    The average cluster size is respondents per responding facility. A t
    statistic shrinks by sqrt(design effect) and its df by the design effect.
    """
    study = load_published().study
    m = study["surveys_returned"] / study["facilities_responding"]
    rows = []
    for r in load_published().ttests.itertuples():
        res = compare_groups(data, r.split, r.item)
        for icc in iccs:
            deff = float(design_effect(icc, m))
            t = res["t"] / np.sqrt(deff)
            df = res["df"] / deff
            rows.append((f"{r.item} (ms) by {r.split}", icc, deff, t, df, 2 * stats.t.sf(abs(t), df)))
    return pd.DataFrame(rows, columns=["test", "icc", "design_effect", "t", "df", "p"])


def power_table(data: pd.DataFrame, power: float = 0.80, alpha: float = 0.05) -> pd.DataFrame:
    """Smallest effects the t-tests (Cohen's d) and correlations (r) could detect at their Ns (pingouin)."""
    import pingouin as pg  # imported where used, as in adjust_pvalues

    rows = []
    for split in TABLE2_SPLITS:
        for item in ITEMS:
            res = compare_groups(data, split, item)
            # with fewer than two answers in a group there is no test, so no detectable effect either
            d = (pg.power_ttest2n(nx=int(res["n_no"]), ny=int(res["n_yes"]), power=power, alpha=alpha)
                 if min(res["n_no"], res["n_yes"]) >= 2 else np.nan)
            rows.append(("t-test", f"{item} (ms) by {split}", int(res["n_no"] + res["n_yes"]), d, abs(res["cohen_d"])))
    for item in ITEMS:
        for group in ("twelve_step", "ms"):
            for years in YEARS:
                res = correlate(data, years, f"{item}_{group}")
                r = pg.power_corr(n=int(res["n"]), power=power, alpha=alpha) if res["n"] >= 4 else np.nan
                rows.append(("correlation", f"{item}_{group} x {years}", int(res["n"]), r, abs(res["r"])))
    columns = ["family", "test", "n", "smallest_detectable", "observed_effect"]
    return pd.DataFrame(rows, columns=columns)


def rank_based_table2(data: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Table 2's comparisons with Student's t, Mann-Whitney U and Brunner-Munzel side by side."""
    rows = []
    for split in TABLE2_SPLITS:
        for item in ITEMS:
            column = f"{item}_ms"
            no = data.loc[data[split] == "No", column].dropna().to_numpy(dtype=float)
            yes = data.loc[data[split] == "Yes", column].dropna().to_numpy(dtype=float)
            student = compare_groups(data, split, item)["p"]
            if min(len(no), len(yes)) < 2:  # compare_groups has said why; the rank tests need two a side too
                mann_whitney = brunner_munzel = np.nan
            else:
                mann_whitney = stats.mannwhitneyu(no, yes, alternative="two-sided").pvalue
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)  # Brunner-Munzel on tiny groups: NaN is the answer
                    brunner_munzel = stats.brunnermunzel(no, yes).pvalue
            ps = (student, mann_whitney, brunner_munzel)
            rows.append((split, item, *ps, len({p < alpha for p in ps}) == 1))
    columns = ["split", "item", "p_student", "p_mann_whitney", "p_brunner_munzel", "same_conclusion"]
    return pd.DataFrame(rows, columns=columns)


def nonresponse_bounds(data: pd.DataFrame, column: str) -> pd.Series:
    """Worst-case bounds on the population mean of a 1-5 item when nonrespondents could answer anything.

    The mean of the answers given (missing answers dropped) stands for the returned share
    ``surveys_returned / surveys_mailed`` of the published study, whatever ``len(data)``;
    every survey not returned answers 1 (``lowest_possible``) or 5 (``highest_possible``).
    So the width is ``(5 - 1) * (1 - response_share)``. Only survey nonresponse is bounded:
    a returned survey that skipped the item is assumed to be like those that answered it.

    >>> import pandas as pd
    >>> bounds = nonresponse_bounds(pd.DataFrame({"value_ms": [2, 3, 4]}), "value_ms")
    >>> round(float(bounds["lowest_possible"]), 4), round(float(bounds["highest_possible"]), 4)
    (1.6604, 4.3396)
    """
    study = load_published().study
    mailed, returned = study["surveys_mailed"], study["surveys_returned"]
    observed = float(data[column].mean())
    share = returned / mailed
    return pd.Series(
        {
            "observed_mean": observed,
            "response_share": share,
            "lowest_possible": share * observed + (1 - share) * 1,
            "highest_possible": share * observed + (1 - share) * 5,
        }
    )


def nonresponse_simulation(
    data: pd.DataFrame, column: str = "helpfulness_ms", strength: float = 1.0, seed: int = 0, reps: int = 200
) -> pd.DataFrame:
    """How far a respondents' mean can drift from the population mean when returning the survey depends on attitude.

    A population as large as the mailing is drawn from the observed answers;
    each member returns the survey with log-odds ``a + strength * z(answer)``,
    ``a`` set so that the expected return rate is the paper's. Returns one row
    per replication: population mean, respondents' mean, bias.
    """
    study = load_published().study
    rate = study["surveys_returned"] / study["surveys_mailed"]
    answers = data[column].dropna().to_numpy(dtype=float)
    z = (answers - answers.mean()) / answers.std()
    rng = np.random.default_rng(seed)
    rows = []
    for rep in range(reps):
        idx = rng.integers(0, len(answers), study["surveys_mailed"])
        intercept = _intercept_for_rate(strength * z[idx], rate)
        returned = rng.random(len(idx)) < special.expit(intercept + strength * z[idx])
        population, respondents = answers[idx].mean(), answers[idx][returned].mean()
        rows.append((rep, population, respondents, respondents - population))
    return pd.DataFrame(rows, columns=["replication", "population_mean", "respondent_mean", "bias"])


def nonresponse_summary(
    data: pd.DataFrame, column: str = "helpfulness_ms", strength: float = 0.5, seed: int = 0
) -> pd.DataFrame:
    """Bias of the respondents' mean over the replications of :func:`nonresponse_simulation`."""
    bias = nonresponse_simulation(data, column=column, strength=strength, seed=seed)["bias"]
    return pd.DataFrame(
        {
            "strength": [strength],
            "mean bias": [bias.mean()],
            "2.5% of replications": [bias.quantile(0.025)],
            "97.5% of replications": [bias.quantile(0.975)],
        }
    )


def _intercept_for_rate(slope_terms: np.ndarray, rate: float) -> float:
    """Solve mean(logistic(a + slope_terms)) = rate for a (monotone in a)."""
    return optimize.brentq(lambda a: np.mean(special.expit(a + slope_terms)) - rate, -30.0, 30.0)
