# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 H4: Personal experience
#
# Do providers with personal or family experience of psychiatric treatment, or of mutual
# support, view psychiatric groups more favourably? Table 2, the t-test done carefully, and the
# effect sizes the paper left out.
#
# > **The data are synthetic.** The answers below were rebuilt from the paper's printed
# > statistics; the real survey answers were never published.

# %% tags=["parameters"]
DATA_PATH = None  # a CSV that follows data/datapackage.json (None: the shipped synthetic data)

# %%
# %matplotlib inline
from mutsup_helpers import analysis as ms

data = ms.load_providers(DATA_PATH)
pub = ms.load_published()

# %% [markdown]
# ## Learning objectives
#
# After this notebook you will be able to:
#
# 1. read an independent-samples t-test record and keep track of the sign convention ("No minus
#    Yes");
# 2. tell from a printed df whether a paper used Student's or Welch's t-test, and explain when the
#    choice matters;
# 3. compute and interpret Cohen's d, Hedges' g and a confidence interval for a mean difference,
#    and explain why they say more than a p value;
# 4. notice when a table and a text report different sets of "significant" results.

# %% [markdown]
# ## What the paper claims
#
# The fourth hypothesis was that providers who had personal experience of psychiatric
# treatment, whose family member had been treated, or who themselves took part in a peer-support
# or self-help group would hold more favourable attitudes towards mutual support (Chinman et al.,
# 2002, The Current Study). The three yes/no questions come from Table 1 (notebook 02).
#
# The authors compared the "No" and "Yes" respondents on the five items with independent-samples
# t-tests; every reported test and every row of Table 2 concerns psychiatric groups, and the
# paper reports none for 12-step groups (our reading: it does not say so in words). Table 2 shows the
# means, standard deviations and Ns of every split-by-item comparison and marks those in which
# the "Yes" group scored significantly higher. The text reports five t-tests: respondents who
# had been treated themselves were more familiar with psychiatric groups and valued them more;
# those with a treated family member were more familiar with them and referred to them more
# often; and those who took part in mutual support themselves were more familiar with them
# (Chinman et al., 2002, Results: Personal Experience; Table 2). The authors call these
# findings consistent with their hypotheses (Discussion); our reading is that H4 is partly
# supported, for some items and some kinds of experience.
#
# The five printed tests:

# %%
ms.labelled_paper_numbers(pub.ttests)

# %% [markdown]
# ## The analysis
#
# ### Table 2 from the data
#
# The helper recomputes Table 2: every split by every psychiatric-group item, with the t-test of
# each comparison. Each row is named split/item/level; the provenance column marks the cells
# the paper printed (Table 2's Ns, means, SDs and flags, the text's five t-tests).

# %%
# the printed numbers (registry targets), less those no data set can reproduce (notebook 10 proves which)
targets = set(pub.targets()["target"]) - {u["target"] for u in ms.unreachable_targets(pub)}


def table2_rows(d):
    table = ms.table2(d)
    return table.drop(columns=["split", "item", "level"]).set_index(table["split"] + "/" + table["item"] + "/"
                                                                    + table["level"])


def table2_printed(table):
    """{(row, column): target} for the cells of table2_rows that the paper printed."""
    cells = {}
    for row in table.index:
        test = row.rsplit("/", 1)[0]
        cells |= {(row, c): f"table2/{row}/{c}" for c in ("n", "mean", "sd")}
        cells |= {(row, c): f"ttest/{test}/{c}" for c in ("t", "df", "p")}
        if row.endswith("/Yes"):
            cells[(row, "flagged")] = f"table2/{test}/flag"
    return {cell: target for cell, target in cells.items() if target in targets}


def record_printed(split, item, welch=False):
    """The cells of a t-test record (ms.compare_groups) that the paper printed."""
    cells = {f"{c}_{level.lower()}": f"table2/{split}/{item}/{level}/{c}" for c in ("n", "mean", "sd")
             for level in ("No", "Yes")}
    if not welch:  # the printed tests are Student's
        cells |= {c: f"ttest/{split}/{item}/{c}" for c in ("t", "df", "p")}
    return {cell: target for cell, target in cells.items() if target in targets}


ms.labelled(table2_rows, data, printed=table2_printed(table2_rows(data)))

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (t.test): open to see the code</summary>
#
# ```r
# # R track: table2 ttests
# source("mutsup_helpers/r/providers.R")
# d <- read_providers("data/providers.csv")
# splits <- c("self_hospitalized", "family_hospitalized", "participates_mutual_support")
# items <- c("familiarity", "helpfulness", "referral", "interference", "value")
# ttests <- do.call(rbind, lapply(splits, function(split) do.call(rbind, lapply(items, function(item) {
#   test <- t.test(d[[paste0(item, "_ms")]] ~ factor(d[[split]], levels = c("No", "Yes")), var.equal = TRUE)
#   data.frame(split = split, item = item, t = unname(test$statistic), df = unname(test$parameter),
#              p = test$p.value)  # t > 0: "No" higher, as the paper's No minus Yes
# }))))
# ttests
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %% [markdown]
# ### One comparison, in full
#
# Take the first printed test: familiarity with psychiatric groups, by whether the respondent
# had ever been treated for a psychiatric condition.

# %%
ms.labelled(ms.compare_groups, data, "self_hospitalized", "familiarity",
            printed=record_printed("self_hospitalized", "familiarity"))

# %% [markdown]
# Read the record field by field.
#
# * **n_no, n_yes.** Each test uses every respondent who answered both the split question and
#   the item (pairwise deletion), so Ns differ from test to test. Note how much smaller the
#   "Yes" group is.
# * **diff = mean_no − mean_yes.** The paper's convention, and the helper's: the difference is
#   "No" minus "Yes", so a **negative** t means the "Yes" group scored higher. Always find out
#   which way round a reported difference was taken before interpreting its sign.
# * **t, df, p.** Student's t-test: df = n_no + n_yes − 2.
# * **ci_low, ci_high.** The confidence interval of the mean difference, in scale points. It
#   shows the *range* of population differences compatible with the data, which a p value
#   alone does not (Cumming, 2014).
# * **cohen_d, hedges_g.** The difference in units of the pooled standard deviation; Hedges' g
#   shrinks d slightly to correct its small-sample bias, which at these Ns hardly matters.
#
# ### Student or Welch?
#
# Student's t-test pools the two groups' variances, assuming the populations have the same
# variance. Welch's test (Welch, 1947) estimates each group's variance separately and adjusts
# the degrees of freedom (they become fractional). The choice matters most in exactly the
# situation of Table 2: **unequal group sizes**. If the smaller group has the larger variance,
# Student's test rejects a true null hypothesis too often; if the smaller group has the smaller
# variance, it is too conservative. Welch's test loses very little when the variances are in fact
# equal, which is why several methodologists recommend it as the default (Delacre, Lakens & Leys,
# 2017).
#
# The paper does not name its test, but its printed df give it away: each equals the sum of the
# two Ns in Table 2 minus two, the Student df. Here is the same comparison with Welch's test:

# %%
ms.labelled(ms.compare_groups, data, "self_hospitalized", "familiarity", welch=True,
            printed=record_printed("self_hospitalized", "familiarity", welch=True))

# %% [markdown]
# > **Discuss (5 min).** The printed df reveal Student's test. When would Welch's
# > test have changed a conclusion here, and which test would you pre-register?

# %% [markdown]
# > **Discuss (5 min).** Rewrite one of the paper's t-test sentences as you would
# > report it today (difference, interval, d).

# %% [markdown]
# Compare t, df, p and the interval with the Student version above. When the two tests agree,
# the choice does not change the conclusion; when they disagree, report Welch's.
#
# ### What the effect sizes add
#
# The paper reports t and p, from which a reader learns only that a difference is probably not
# zero. The effect size and interval say *how large* it is. Look at the `cohen_d` and `ci_low`,
# `ci_high` columns of Table 2 above: the significant differences are a fraction of a scale
# point, and in standard-deviation units they are small by Cohen's (1988) conventional
# benchmarks. Those benchmarks are rules of thumb for when nothing better is available; here a
# better yardstick is the scale itself: the paper labels only its ends (1 = Not At All Familiar,
# 5 = Very Familiar), so is the difference a whole step between two unlabelled middle points,
# or something smaller still?
# Reporting d with its interval (Lakens, 2013) lets a later meta-analysis use the result, which a
# lone "p < .05" does not.
#
# ### Three splits that overlap
#
# The three yes/no questions are not independent of one another. Someone who has been treated
# may be more likely to take part in a self-help group, and to have a relative who has been
# treated. The t-tests look at one split at a time, so a difference attributed to one kind of
# experience may partly reflect another. How two of the splits overlap in these data:

# %%
ms.labelled(ms.crosstab, data, "self_hospitalized", "participates_mutual_support")

# %% [markdown]
# The paper prints each split's Ns (Table 1) but not how the splits overlap: the cells of this
# crosstab are the rebuild's choice, and every rebuild starts the solver from the same place, so
# even agreement between the rebuilds says nothing about the study. How much the share taking part
# in mutual support moves, among those treated themselves and the rest:

# %%
def taking_part(d):
    known = d.dropna(subset=["self_hospitalized", "participates_mutual_support"])
    share = (known["participates_mutual_support"] == "Yes").groupby(known["self_hospitalized"]).mean()
    who = {"Yes": "treated themselves", "No": "not treated themselves"}
    return {f"share taking part in mutual support, {who[level]}": value for level, value in share.items()}


ms.show_ensemble(taking_part, data)

# %% [markdown]
# ## Paper vs here
#
# Every mean, SD, N and significance flag of Table 2, printed beside the recomputed value.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="table2"), data)

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). For a flag, "match" means the recomputed test agrees with the printed mark. The proofs
# are in `mutsup verify` and in notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Choose a split, an item and a group type, and switch between Student's and Welch's test. Try
# the 12-step items, which the paper did not test.

# %%
from mutsup_helpers.views import widgets

widgets.group_comparison_explorer(data)

# %% [markdown]
# The default comparison without widgets:

# %%
ms.labelled(ms.compare_groups, data, "self_hospitalized", "familiarity",
            printed=record_printed("self_hospitalized", "familiarity"))

# %% [markdown]
# ## Check your understanding
#
# Exercises marked *(code)* are graded by otter-grader: store your answer under the name the
# exercise gives and run the check cell under it (in the student copy). The checks compute the
# right answer from the data this notebook loaded, so they also hold on your class's own data set,
# and they test what your code returns, not how it is written. Exercises marked *(written)* are
# marked by hand against a rubric (`docs/rubrics.md`).

# %% [raw]
# # BEGIN QUESTION
# name: ex1
# points: 1

# %% [markdown]
# **Exercise 1 (code).** Use the printed df to decide whether each of the paper's five t-tests was
# Student's or Welch's. Store in `ex1_student` how many of the printed df equal n_no + n_yes − 2
# with the Ns of Table 2 (`pub.ttests` and `pub.table2`). Does every printed df agree?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# Student's test has df = n_no + n_yes - 2, Welch's a fractional df below that. From the printed
# numbers alone (Table 2's Ns beside the text's df), computed:
# BEGIN SOLUTION NO PROMPT
ns = pub.table2.pivot_table(index=["split", "item"], columns="level", values="n")
check = pub.ttests.set_index(["split", "item"])[["df"]].join(ns)
check["student_df"] = check["No"] + check["Yes"] - 2
check["agrees"] = check["df"] == check["student_df"]
display(ms.labelled_paper_numbers(check))
# END SOLUTION
ex1_student = int(check["agrees"].sum())  # SOLUTION
print(f"{ex1_student} of {len(pub.ttests)} printed df equal n_no + n_yes - 2 from Table 2")

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_student_df(ex1_student):
    from mutsup_helpers import analysis as ms
    pub = ms.load_published()
    ns = pub.table2.pivot_table(index=["split", "item"], columns="level", values="n")
    both = pub.ttests.set_index(["split", "item"])[["df"]].join(ns)
    ms.check_number(ex1_student, int((both["df"] == both["No"] + both["Yes"] - 2).sum()), "ex1_student")


test_student_df(ex1_student)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 2

# %% [markdown]
# **Exercise 2 (code).** Write Welch's test yourself. Define a function `welch(m1, s1, n1, m2, s2, n2)`
# that returns the pair `(t, df)` of Welch's t-test from two groups' means, SDs and Ns (the
# Welch–Satterthwaite df; scipy's `stats.ttest_ind_from_stats` may help, or write the formula).
# Then apply it to the family-member comparison of referral to psychiatric groups on these data
# (group "No" minus group "Yes": compute each group's mean, SD and N with pandas from
# `family_hospitalized` and `referral_ms`) and store the results in `ex2_t` and `ex2_df`. Does the
# conclusion change from Student's test? What does the Welch df say about the two variances?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
from scipy import stats


# BEGIN SOLUTION NO PROMPT
def welch(m1, s1, n1, m2, s2, n2):
    v1, v2 = s1**2 / n1, s2**2 / n2
    t = (m1 - m2) / (v1 + v2) ** (1 / 2)
    df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    return t, df


groups = data.dropna(subset=["family_hospitalized", "referral_ms"]).groupby("family_hospitalized")["referral_ms"]
summary = groups.agg(["mean", "std", "count"])
# END SOLUTION
ex2_t, ex2_df = welch(*summary.loc["No"], *summary.loc["Yes"])  # SOLUTION
p = 2 * stats.t.sf(abs(ex2_t), ex2_df)
# BEGIN SOLUTION NO PROMPT
# If the Welch df is well below n_no + n_yes - 2, the variances differ noticeably; sd_no and sd_yes
# in the helper's record show how. Student's and Welch's p side by side:
display(ms.labelled(ms.compare_groups, data, "family_hospitalized", "referral",
                    printed=record_printed("family_hospitalized", "referral")))
# END SOLUTION
ms.rounded({"t": ex2_t, "df": ex2_df, "p": p})

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_welch_on_the_data(DATA_PATH, ex2_t, ex2_df):
    from mutsup_helpers import analysis as ms
    record = ms.compare_groups(ms.load_providers(DATA_PATH), "family_hospitalized", "referral", welch=True)
    ms.check_number(ex2_t, record["t"], "ex2_t")
    ms.check_number(ex2_df, record["df"], "ex2_df")


test_welch_on_the_data(DATA_PATH, ex2_t, ex2_df)

# %%
""" # BEGIN TEST CONFIG
hidden: true
""" # END TEST CONFIG
def test_welch_function(welch):
    from scipy import stats

    from mutsup_helpers import analysis as ms

    def reference(m1, s1, n1, m2, s2, n2):
        t = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False).statistic
        v1, v2 = s1**2 / n1, s2**2 / n2
        return t, (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))

    cases = [(3, 1, 10, 2.25, 2, 30), (1, 0.625, 5, 1, 0.625, 5), (-2, 3, 100, 4, 0.125, 7)]
    ms.check_function(welch, reference, cases, "welch")


test_welch_function(welch)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# points: 1

# %% [markdown]
# **Exercise 3 (code).** Compare the comparisons flagged in the printed Table 2 with the t-tests
# reported in the text. Store in `ex3_unreported` the list of `(split, item)` pairs that are
# flagged in Table 2 but have no t-test in the text (`pub.table2`, `pub.ttests`). Then recompute
# that test: is its p below .05? (The printed means, SDs and Ns pin the test down only within
# rounding.)

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
flagged = pub.table2.query("flagged")[["split", "item"]]
reported = set(zip(pub.ttests["split"], pub.ttests["item"], strict=True))
pairs = zip(flagged["split"], flagged["item"], strict=True)
ex3_unreported = [pair for pair in pairs if pair not in reported]  # SOLUTION
# BEGIN SOLUTION NO PROMPT
# Helpfulness for respondents treated themselves: the text reports no t-test for it. Notebook 10
# works out what the printed numbers allow: over every value of the means and SDs that rounds to
# Table 2's, Student's t never reaches p < .05, so no data with those numbers can earn the flag. It
# is an inconsistency within the table, and another between the table and the text. Recomputed
# from the data:
display(ms.labelled(ms.compare_groups, data, *ex3_unreported[0], printed=record_printed(*ex3_unreported[0])))
# END SOLUTION
ex3_unreported

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_flag_without_a_test(ex3_unreported):
    from mutsup_helpers import analysis as ms
    pub = ms.load_published()
    flagged = set(zip(*pub.table2.query("flagged")[["split", "item"]].T.values, strict=True))
    reported = set(zip(pub.ttests["split"], pub.ttests["item"], strict=True))
    ms.check_same(ex3_unreported, flagged - reported, "ex3_unreported")


test_flag_without_a_test(ex3_unreported)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
ms.labelled(ms.compare_groups, data, "participates_mutual_support", "familiarity",
            printed=record_printed("participates_mutual_support", "familiarity"))

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# manual: true
# points: 3

# %% [markdown]
# **Exercise 4 (written).** The participation comparison of familiarity is printed with p = .05 and
# is counted as significant. Look at its recomputed p, confidence interval and Cohen's d (below).
# Write one sentence reporting the result the way you would in your own paper.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# A p printed to two decimals as .05 does not say which side of .05 it lies; the exact p does. A
# good report gives the difference, its interval and d, e.g. "Respondents who take part in a
# self-help group were somewhat more familiar with psychiatric groups (difference, 95% CI, d from
# the record), a small difference whose interval nearly reaches zero."

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 3 points).* 1 point: the direction and size of the difference in scale
# points (not only "significant"). 1 point: its confidence interval, read correctly (how close it
# comes to zero). 1 point: a standardised effect size (d or g) with a size word that fits it, or
# the exact p instead of "p = .05". Deduct a point for "proves" or for a causal verb.

# %% [markdown]
# ## Summary
#
# * H4 is partly supported: personal and family experience of treatment, and taking part in
#   mutual support, go with greater familiarity with psychiatric groups, and in some comparisons
#   with more referral or higher value.
# * The paper's t-tests are Student's (df = n_no + n_yes − 2) and take "No minus Yes", so
#   negative t means the "Yes" group is higher. With small "Yes" groups, Welch's test is the
#   safer default.
# * The differences are a fraction of a scale point: small effects. Report d or g with a
#   confidence interval, not only p.
# * Table 2's flags and the text's tests are not quite the same set; check such things.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Cohen, J. (1988). *Statistical power analysis for the behavioral sciences* (2nd ed.). Lawrence
# Erlbaum Associates.
#
# Cumming, G. (2014). The new statistics: Why and how. *Psychological Science, 25*(1), 7–29.
# https://doi.org/10.1177/0956797613504966
#
# Delacre, M., Lakens, D., & Leys, C. (2017). Why psychologists should by default use Welch's
# t-test instead of Student's t-test. *International Review of Social Psychology, 30*(1), 92–101.
# https://doi.org/10.5334/irsp.82
#
# Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science: A
# practical primer for t-tests and ANOVAs. *Frontiers in Psychology, 4*, 863.
# https://doi.org/10.3389/fpsyg.2013.00863
#
# Welch, B. L. (1947). The generalization of "Student's" problem when several different population
# variances are involved. *Biometrika, 34*(1–2), 28–35.
