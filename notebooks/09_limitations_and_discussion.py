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
# # 09 Limitations and discussion
#
# What the study can and cannot support: the authors' own limitations, made concrete with
# multiple-testing corrections, design effects, power, rank-based tests and a nonresponse
# simulation.
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
# 1. distinguish what providers *say* about mutual support groups from what they *do*, and name
#    reasons other than hypocrisy for a gap between the two;
# 2. explain familywise error and false discovery rate, apply Holm's and Benjamini–Hochberg's
#    corrections to a family of tests, and say which results of the paper survive;
# 3. compute a design effect for clustered respondents and explain what it does to a study's
#    effective sample size;
# 4. read a table of smallest detectable effects and use it to interpret non-significant results;
# 5. reason about nonresponse bias and confounding in a naturalistic survey, and say what design
#    would answer the questions this one cannot.

# %% [markdown]
# ## What the paper claims
#
# **Attitudes and behaviour.** The authors' central observation is that providers' attitudes
# towards mutual support groups are warm (helpfulness, value and non-interference are rated
# high) while their behaviour and knowledge lag behind (referral is rated much lower, familiarity
# in between). Providers think the groups help, but do not send many clients to them, least of
# all to psychiatric groups (Chinman et al., 2002, Implications for Increasing Utilization of
# Mutual Support).
#
# **Limitations named by the authors** (Chinman et al., 2002, Discussion: Limitations and Future
# Research):
#
# * the study was not a randomized trial but a naturalistic assessment of a statewide system, so
#   unmeasured staff characteristics could have biased the results (ours: the differences cannot
#   be read as effects of setting or training);
# * the response rate was low, which may have biased the results, although every facility
#   surveyed was well represented;
# * the availability and quality of mutual support groups near each facility were not taken
#   into account and could have affected providers' attitudes;
# * many significance tests were run, which inflates the chance of false positives;
# * the findings need replication.
#
# **Implications** (Chinman et al., 2002, Implications for Increasing Utilization of Mutual
# Support). Educate junior and less-trained staff and staff in treatment and case-management
# settings about the groups available locally; have professionals attend self-help groups;
# enlist staff with more experience and training as program champions; put more formal
# structures in place to encourage referrals and link professionals with groups; give group
# members and their organisations more of a voice in the policies of the treatment system.
#
# This notebook turns each limitation into something you can compute or simulate.

# %% [markdown]
# ## The analysis
#
# ### Attitudes run ahead of behaviour
#
# The means of all ten ratings side by side:

# %%
ratings = [
    "helpfulness_ms", "value_ms", "interference_ms", "familiarity_ms", "referral_ms",
    "helpfulness_twelve_step", "value_twelve_step", "interference_twelve_step",
    "familiarity_twelve_step", "referral_twelve_step",
]
ms.labelled(lambda d: ms.describe(d, ratings).set_index("variable"), data)

# %% [markdown]
# The attitude items sit near the top of the scale; referral sits clearly lower, for both group
# types. Before calling this a gap between belief and practice, notice three things.
#
# * **The items ask different questions.** Helpfulness and value ask about the groups *in
#   general*; referral asks about the respondent's own practice *now*. A provider can believe
#   a group is helpful and rarely refer because few of their clients need it, because no group
#   meets nearby, or because clients are already attending.
# * **Behaviour has more causes than attitude.** In Ajzen's (1991) theory of planned behaviour,
#   an attitude is one of three determinants of intention, beside the norms of one's colleagues
#   and the perceived ease of acting. Not knowing where and when a group meets (familiarity, and
#   the unmeasured local availability) is a plain obstacle to referral, however positive the
#   attitude.
# * **Ceilings compress attitude items.** Near the top of a bounded scale, ratings cannot
#   differentiate "helpful" from "essential". The attitude means may understate how much
#   providers differ.
#
# ### Many tests: familywise error and false discovery rate
#
# The paper ran a mixed ANOVA with seven effects for each of five items, t-tests for three splits
# by five items, correlations of two years variables with ten items, and Scheffé tests; the text
# discusses the significant ones. Each test has a 5% false-positive rate when its null
# hypothesis is true, so across dozens of tests several false positives are to be expected even
# if *nothing* were going on. The helper collects every test the paper ran into one family, with
# its p value here and whether the paper reported it as significant (a long table; scroll
# through it; the provenance column says which values every rebuild shares):

# %%
family = ms.family_of_tests(data)
ms.labelled(lambda d: ms.family_of_tests(d).set_index("test"), data)

# %% [markdown]
# Not every test in the family was reported. For the three items with a group type × setting
# interaction the family holds all three Scheffé pairs of settings, but the paper reports only
# one pair (treatment vs rehabilitation on referral) and, for the other two items, only that the
# Scheffé tests were not significant (Chinman et al., 2002, Results: Setting). The two referral
# pairs with case management appear nowhere in the paper: their p values here are the rebuild's
# choice, and so is the reading of the Scheffé test (on the difference score; notebook 05
# compares the readings). All nine pairs, across the rebuilds:

# %%
ms.labelled(lambda d: ms.family_of_tests(d).query("family == 'scheffe'").set_index("test"), data)

# %%
scheffe_worlds = ms.across_worlds(
    lambda d: ms.family_of_tests(d).query("family == 'scheffe'").set_index("test")["p"].to_dict(), data)
if scheffe_worlds.empty:
    print(scheffe_worlds.attrs["note"])
else:
    for test in [t for t in scheffe_worlds.columns if t.startswith("referral") and "case_management" in t]:
        p = scheffe_worlds[test]
        print(f"{test}: p < .05 in {(p < 0.05).mean():.0%} of the {len(p)} rebuilds (largest p {p.max():.3f})")

# %% [markdown]
# Read these shares as statements about the rebuilds. A pair that is significant in nearly every
# world is one the printed referral numbers (with the shapes the rebuild read from the text,
# notebook 11) leave little room for; still, the paper never reports the test, so these pairs
# are not results of the study, and a reader of the Holm tables below should not count them.

# %% [markdown]
# Two ways to correct:
#
# * **Familywise error rate (FWER)**: the probability of *at least one* false positive in the
#   family. Bonferroni controls it by testing each hypothesis at α/m. Holm's (1979) step-down
#   procedure also controls it and is never less powerful: sort the p values, compare the
#   smallest with α/m, the next with α/(m − 1), and so on, stopping at the first failure.
# * **False discovery rate (FDR)**: the expected *share* of false positives among the results
#   declared significant. Benjamini and Hochberg's (1995) step-up procedure controls it; it
#   suits exploratory work with many tests, where a few false leads are acceptable if most
#   findings are real.
#
# Both corrections applied to the whole family, showing the results the paper reported as
# significant, each with its adjusted p value and whether it survives:

# %%
ms.labelled(lambda d: ms.adjust_pvalues(ms.family_of_tests(d), method="holm").query("reported_significant")
            .set_index("test"), data, p_values=["p", "p_adjusted"])

# %%
ms.labelled(lambda d: ms.adjust_pvalues(ms.family_of_tests(d), method="fdr_bh").query("reported_significant")
            .set_index("test"), data, p_values=["p", "p_adjusted"])

# %% [markdown]
# > **Discuss (5 min).** Which of the paper's conclusions survive
# > correction for multiple testing? Does that change how you would write its abstract?

# %% [markdown]
# The effects with the very smallest p values (most of the group-type effects and the referral
# interaction) survive even Holm's correction. Results near p = .05 (several t-tests, the
# smaller correlations, the smaller interactions) are the fragile ones. Two caveats. The tests
# are correlated (the same respondents, related items), so Holm is conservative here. And
# correction only addresses the tests that were *run*; the wider problem of analytic
# flexibility, the many reasonable analyses that *could* have been run, is not fixed by any
# adjustment (Gelman & Loken, 2014).
#
# ### Respondents are clustered in facilities
#
# Respondents came from several dozen facilities, a handful from each. Staff of one agency share
# a culture, a supervisor and the same local groups, so their answers resemble each other more
# than answers from different agencies do. The *intraclass correlation* ρ (ICC) measures this
# resemblance. Clustering inflates the variance of a mean by Kish's (1965) *design effect*,
#
# $$\text{deff} = 1 + (m - 1)\,\rho,$$
#
# where m is the number of respondents per cluster when every cluster has the same size. The
# effective sample size is N / deff, and standard errors grow by the square root of deff. The
# paper's analyses treat every respondent as independent (deff = 1). The data record no
# facility, so ρ cannot be estimated here; try a small illustrative value with the sample's
# average cluster size:

# %%
cluster_size = pub.study["surveys_returned"] / pub.study["facilities_responding"]
ms.design_effect(0.05, cluster_size)

# %% [markdown]
# That formula assumes equal clusters, and these were not: surveys went out one per 50 patients
# with a floor of three per facility (Method: Procedure), so the state hospital and the large
# community mental health centres sent many more respondents than a small agency. With unequal
# clusters the design effect grows with the coefficient of variation (CV, SD / mean) of the
# cluster sizes (Eldridge, Ashby & Kerry, 2006):
#
# $$\text{deff} = 1 + \big((\text{CV}^2 + 1)\,\bar m - 1\big)\,\rho .$$
#
# The paper prints no facility sizes, so the CV is a scenario here, not a fact of the study:

# %%
ms.labelled_paper_numbers(ms.clustering_scenarios().round(3),
                          "the ICC and the CV of the cluster sizes are scenarios we chose, not data")

# %% [markdown]
# With small clusters even a modest ICC costs a noticeable share of the sample, and unequal
# clusters cost more: at ρ = .05, a CV of 1 (plausible for a one-per-50-patients allocation)
# more than doubles the extra variance that the equal-size formula attributes to clustering. For
# between-facility comparisons such as setting, the cost is larger still, because setting
# varies *between* facilities: a setting effect rests on several dozen agencies, not on hundreds
# of independent people. A multilevel model with a facility random effect would be the right
# analysis, had facility been recorded.
#
# ### Power: what could the study have detected?
#
# A non-significant result means something only if the study could have detected an effect of
# interesting size. The helper computes, for the paper's Ns, the smallest effect each kind of
# test would detect with conventional power:

# %%
ms.labelled(lambda d: ms.power_table(d).set_index("test"), data)

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (pwr): open to see the code</summary>
#
# ```r
# # R track: power
# source("mutsup_helpers/r/providers.R")
# library(pwr)
# d <- read_providers("data/providers.csv")
# items <- c("familiarity", "helpfulness", "referral", "interference", "value")
# # The smallest effects the tests detect with 80% power at alpha = .05: Cohen's d for each Table 2
# # t-test (pwr's noncentral t) and r for each Table 3 correlation (pwr's Fisher z). The roots are found
# # with a tight tolerance: pwr's own solve (power = 0.8) stops at uniroot's default, about 1e-4.
# smallest <- function(power_of) uniroot(function(effect) power_of(effect) - 0.8, c(0.01, 0.99), tol = 1e-12)$root
# t_tests <- do.call(rbind, lapply(c("self_hospitalized", "family_hospitalized", "participates_mutual_support"),
#   function(split) do.call(rbind, lapply(items, function(item) {
#     answered <- !is.na(d[[paste0(item, "_ms")]]) & !is.na(d[[split]])
#     n <- table(factor(d[[split]][answered], levels = c("No", "Yes")))
#     data.frame(test = paste0(item, " (ms) by ", split),
#                smallest = smallest(function(e) pwr.t2n.test(n1 = n[["No"]], n2 = n[["Yes"]], d = e)$power))
#   }))))
# correlations <- do.call(rbind, lapply(items, function(item) do.call(rbind, lapply(c("twelve_step", "ms"),
#   function(group) do.call(rbind, lapply(c("years_in_setting", "years_in_discipline"), function(years) {
#     rating <- paste0(item, "_", group)
#     n <- sum(complete.cases(d[[years]], d[[rating]]))
#     data.frame(test = paste0(rating, " x ", years), smallest = smallest(function(e) pwr.r.test(n = n, r = e)$power))
#   }))))))
# power <- rbind(t_tests, correlations)
# power
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %% [markdown]
# Look at the t-tests of H4: the "Yes" groups are small, so only moderate differences were
# detectable. The non-significant comparisons of Table 2 are therefore *inconclusive*, not
# evidence that personal experience makes no difference (Cohen, 1988).
#
# The same question for the ANOVAs, and above all for their null results: H2's absent Setting
# main effect, and every effect on interference. The smallest effect each test could detect with
# 80% power, as partial eta squared, beside the observed one:

# %%
def null_results(d):
    table = ms.anova_sensitivity(d).query("paper_reports == 'not significant'")
    return table.set_index(table["item"] + ": " + table["effect"]).drop(columns=["item", "effect"]).round(4)


ms.labelled(null_results, data, decimals=4)

# %% [markdown]
# Each of these tests could detect a partial eta squared of about .02 to .03, a small effect by
# Cohen's (1988) benchmarks (f = .15 is about eta squared = .02). So a Setting main effect of
# that size would probably have been found; a smaller one could easily have been missed. The
# null is informative about effects of 2-3% of the variance and above, and says little about
# anything smaller. The
# smallest detectable column follows from the printed df (for interference, whose df the paper
# does not print, from the rebuild's N); the observed column is the synthetic data's, chosen by
# the rebuild within what the printed numbers allow. Notebook 01's replication table turns the
# same idea into an equivalence test.
#
# ### Ordinal ratings: rank-based tests
#
# The t-tests treat 1-to-5 ratings as interval scores, and several items pile up at the top of the
# scale. Rank-based tests avoid the interval assumption. The Mann–Whitney test (Mann & Whitney,
# 1947) compares the two groups' rank distributions but assumes they have the same shape under
# the null; the Brunner–Munzel test (Brunner & Munzel, 2000) tests whether a randomly chosen
# "Yes" respondent tends to score higher than a randomly chosen "No" respondent without that
# assumption, which makes it the rank-based counterpart of Welch's test.

# %%
def rank_tests(d):
    table = ms.rank_based_table2(d)
    table = table.set_index(table["item"] + " (ms) by " + table["split"])
    return table[["p_student", "p_mann_whitney", "p_brunner_munzel"]]


ms.labelled(rank_tests, data, p_values=["p_student", "p_mann_whitney", "p_brunner_munzel"])

# %% [markdown]
# Where the rank-based tests and the t-tests agree (the same side of .05), the conclusion does not
# hinge on treating the ratings as interval scores; where they disagree, the result is fragile.
# But a rank test depends on how the answers spread over 1 to 5, which the paper never printed:
# every rank p here is the rebuild's choice (the provenance column gives its range across the
# rebuilds).
#
# One row needs care: helpfulness by whether the provider had been hospitalized, the row whose
# Table 2 flag notebook 10 proves impossible (no data that print as this row give p < .05 in a
# t-test). In some rebuilds a rank test puts it below .05, and a reader could conclude that a
# rank test vindicates the flag. The right question is how often that happens across the worlds:

# %%
def flagged_row(d):
    table = ms.rank_based_table2(d).query("split == 'self_hospitalized' and item == 'helpfulness'")
    return table.set_index("item")[["p_student", "p_mann_whitney", "p_brunner_munzel"]]


ms.labelled(flagged_row, data, p_values=["p_student", "p_mann_whitney", "p_brunner_munzel"])

# %%
flag_worlds = ms.across_worlds(flagged_row, data)
if flag_worlds.empty:
    print(flag_worlds.attrs["note"])
else:
    tests = {"p_student": "Student's t-test", "p_mann_whitney": "Mann-Whitney", "p_brunner_munzel": "Brunner-Munzel"}
    for (_item, column), p in flag_worlds.items():
        print(f"{tests[column]}: p < .05 in {(p < 0.05).mean():.0%} of the {len(p)} rebuilds "
              f"(p from {p.min():.3f} to {p.max():.3f})")

# %% [markdown]
# The t-test is never significant, as the proof says it cannot be. Whether a rank test is depends
# on the rebuild you hold: it is a property of the rebuilds, not of the 2002 data, whose answers
# nobody outside the study has seen. A rank test cannot rescue the flag; it can only tell you
# which answers the search happened to choose.
#
# ### Nonresponse
#
# The low response rate is a limitation only to the extent that responding was related to the
# answers. We cannot see the non-respondents, but we can *simulate* them. The helper draws a
# made-up population as large as the mailing from the observed answers (by default, the
# helpfulness rating of psychiatric groups), lets each member return the survey with a
# probability that rises with their answer at the given strength (0: returning is unrelated to
# the answer), keeps the overall return rate at the paper's, and repeats this many times. Each
# replication compares the respondents' mean with the population's; the difference is the
# nonresponse bias (see `ms.nonresponse_simulation?` for the exact set-up). A summary over the
# replications:

# %%
columns = ["population_mean", "respondent_mean", "bias"]
ms.labelled(lambda d: ms.nonresponse_simulation(d, strength=0.6, seed=0)[columns].describe(), data)

# %% [markdown]
# The lesson generalises: a low response rate with random responding gives unbiased but noisier
# estimates, while a higher response rate with selective responding can give biased ones
# (Groves, 2006). What matters is *who* answers. Two practical consequences: compare early and
# late respondents, or respondents and the known workforce, on what you can observe (discipline,
# setting); and treat mean levels (how warm providers are) as more vulnerable to selective
# response than comparisons between groups of respondents.
#
# ### Confounding: training and setting were observed, not assigned
#
# Training and setting were observed, not assigned, and in a survey like this they are usually
# correlated. The paper prints the two factors' sizes but not how they combine, so the cells of
# the crosstab below are the rebuild's choice (notebook 11 says how it was made); only the
# margins are fixed. The ranges in the provenance column are narrow partly because every rebuild
# uses the same solver preferences, not because the paper pins them down; in the real data the
# confounding could be weaker or stronger:

# %%
ms.labelled(ms.crosstab, data, "training", "setting3")

# %% [markdown]
# The ANOVA adjusts each for the other, but not for what it did not measure: age, years, role,
# personal experience, an agency's recovery orientation, the local supply of groups. Any of
# these could produce both a respondent's setting or training and their view of mutual
# support. This is what "naturalistic design" means in practice: the study describes who thinks
# what; it cannot say that moving a worker into a rehabilitation programme, or sending them to
# graduate school, would change their views.
#
# ### Replication
#
# The authors call for replication, and this series is built for it: the same analyses run on
# any survey that follows the codebook. From a terminal, `mutsup run --data my_class_survey.csv`
# runs every notebook on another data set, and the "paper vs here" tables then compare the paper
# with the new sample. A replication of the *analysis* on the synthetic data, which is what these
# notebooks do, is not a replication of the *finding*; only new data can be that.

# %% [markdown]
# > **Discuss (10 min).** Design a study that could show that educating staff about local
# > groups *increases* referrals.

# %% [markdown]
# ## Paper vs here
#
# Every ANOVA effect the paper reports, beside the recomputed value: the printed family whose
# error rate this notebook has been discussing.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="anova"), data)

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). The proofs are in `mutsup verify` and in notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Choose a correction method and watch which of the paper's results survive.

# %%
from mutsup_helpers.views import widgets

widgets.multiple_testing_explorer(data)

# %% [markdown]
# The default view without widgets:

# %%
ms.labelled(lambda d: ms.adjust_pvalues(ms.family_of_tests(d), method="holm").set_index("test"), data,
            p_values=["p", "p_adjusted"])

# %% [markdown]
# And the nonresponse simulation: pick an item and slide how strongly the chance of returning the
# survey depends on the answer (0: not at all). The table shows how far the respondents' mean lands
# from the population's over the replications; the second table the worst case, whatever the
# nonrespondents think.

# %%
widgets.nonresponse_explorer(data)

# %% [markdown]
# The same at the explorer's default setting, without widgets:

# %%
ms.labelled(lambda d: ms.nonresponse_summary(d).set_index("strength"), data)

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
# points: 2

# %% [markdown]
# **Exercise 1 (code).** After Holm's correction, which of the results the paper discusses remain
# significant at .05? Correct the p values of all the tests in `family` together, as one family
# (`statsmodels.stats.multitest.multipletests(p, method="holm")`, or Holm's step-down rule by hand),
# and store in `ex1_survivors` the list of tests (the `test` column) that the paper reports as
# significant and that stay below .05 after correction. Which hypotheses lose their support
# entirely?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
from statsmodels.stats.multitest import multipletests

# BEGIN SOLUTION NO PROMPT
adjusted = family.assign(p_holm=multipletests(family["p"], method="holm")[1])
reported = adjusted.query("reported_significant")


# The t-tests (H4) and the correlations (H5) are the most exposed, because their unadjusted p
# values are closest to .05. The count that survive, by kind of test (and whether that count
# is the same in every rebuild):
def survivors_by_kind(d):
    tests = ms.family_of_tests(d)
    kept = tests.assign(p_holm=multipletests(tests["p"], method="holm")[1]).query("reported_significant")
    return (kept.assign(survives=kept["p_holm"] < 0.05).groupby("family")["survives"].agg(["sum", "size"])
            .rename(columns={"sum": "still significant", "size": "reported"}))


display(ms.labelled(survivors_by_kind, data))
# END SOLUTION
ex1_survivors = list(reported.loc[reported["p_holm"] < 0.05, "test"])  # SOLUTION
ex1_survivors

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_holm_survivors(DATA_PATH, ex1_survivors):
    from mutsup_helpers import analysis as ms
    adjusted = ms.adjust_pvalues(ms.family_of_tests(ms.load_providers(DATA_PATH)), method="holm")
    kept = adjusted.query("reported_significant and significant_adjusted")
    ms.check_same(ex1_survivors, kept["test"], "ex1_survivors")


test_holm_survivors(DATA_PATH, ex1_survivors)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 1

# %% [markdown]
# **Exercise 2 (code).** Suppose the intraclass correlation of the ratings within facilities is
# .10. Compute by hand (the design effect is 1 + (m − 1) × ICC for clusters of average size m) the
# design effect at the sample's average cluster size (`cluster_size`, above) and store it in
# `ex2_deff`; store the effective sample size, the respondents divided by the design effect, in
# `ex2_n_effective`.

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
ex2_deff = 1 + (cluster_size - 1) * 0.10  # SOLUTION
ex2_n_effective = pub.study["surveys_returned"] / ex2_deff  # SOLUTION
ms.rounded({"design effect": ex2_deff, "effective N": ex2_n_effective})

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_design_effect(ex2_deff, ex2_n_effective):
    from mutsup_helpers import analysis as ms
    study = ms.load_published().study
    deff = ms.design_effect(0.10, study["surveys_returned"] / study["facilities_responding"])
    ms.check_number(ex2_deff, deff, "ex2_deff")
    ms.check_number(ex2_n_effective, study["surveys_returned"] / deff, "ex2_n_effective")


test_design_effect(ex2_deff, ex2_n_effective)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
display(ms.nonresponse_simulation(data, strength=0, seed=0)["bias"].describe())
ms.nonresponse_simulation(data, strength=1, seed=0)["bias"].describe()

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# manual: true
# points: 2

# %% [markdown]
# **Exercise 3 (written).** Run the nonresponse simulation with no selection at all and with stronger
# selection (below). How does the bias in the respondents' estimates change?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# With strength 0 responding is unrelated to attitude: the respondents' estimates scatter around the
# population values. With stronger selection they drift towards the favourable end, even though the
# number of respondents is the same.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 3, 2 points).* 1 point: no selection gives estimates centred on the population
# values (bias near zero, only sampling noise). 1 point: stronger selection shifts them towards the
# favourable end, and the point that the number of respondents does not reveal it.

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# manual: true
# points: 4

# %% [markdown]
# **Exercise 4 (written).** Propose a study that addresses at least two of the authors'
# limitations. Say what you would measure, how you would sample, and what you could then conclude
# that this study cannot.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# One good answer: sample facilities at random and all direct-service staff within them, recording
# facility so that clustering can be modelled and facility-level variables (local group meetings
# within reach, consumer staff, recovery orientation) can be measured; follow up non-respondents and
# compare them with the staff roster. Measure referral as behaviour (from records, or by prospective
# logs over a month) rather than as a rating. To learn whether education changes practice,
# randomise facilities to a short training about local groups versus usual practice, and compare
# referrals afterwards. That design could support a causal claim about the training, which a
# naturalistic cross-sectional survey cannot.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 4 points).* 1 point each: (a) two of the paper's limitations named and each
# matched by a design feature that addresses it; (b) a sampling plan (who, how chosen, how
# nonresponse is followed up); (c) a measure of behaviour, not only attitude; (d) the conclusion the
# design licenses that the cross-sectional survey cannot (a causal or behavioural claim), stated
# with its own limits.

# %% [markdown]
# ## Summary
#
# * Providers' attitudes towards the groups are warm and their referral behaviour lags, but the
#   gap has many candidate causes besides hypocrisy, notably unmeasured local availability.
# * Dozens of tests were run. Holm and Benjamini–Hochberg corrections keep most group-type
#   effects and the strongest interaction; the results near .05 are fragile.
# * Respondents are clustered in facilities. A design effect shrinks the effective sample size,
#   most of all for comparisons between settings.
# * Small "Yes" groups leave the H4 comparisons with low power: non-significance is not absence.
# * The low response rate matters through *who* responded; a simulation shows how selective
#   response moves estimates. Training and setting are confounded with much that was not
#   measured; how strongly they overlap with each other is the rebuild's choice here.
# * Rank tests on ratings depend on answer distributions the paper never printed: a rank test
#   that makes the impossible Table 2 flag significant in some rebuilds says something about the
#   rebuilds, nothing about the 2002 data.

# %% [markdown]
# ## References
#
# Ajzen, I. (1991). The theory of planned behavior. *Organizational Behavior and Human Decision
# Processes, 50*(2), 179–211.
#
# Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: A practical and
# powerful approach to multiple testing. *Journal of the Royal Statistical Society: Series B,
# 57*(1), 289–300.
#
# Brunner, E., & Munzel, U. (2000). The nonparametric Behrens–Fisher problem: Asymptotic theory
# and a small-sample approximation. *Biometrical Journal, 42*(1), 17–25.
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Cohen, J. (1988). *Statistical power analysis for the behavioral sciences* (2nd ed.). Lawrence
# Erlbaum Associates.
#
# Eldridge, S. M., Ashby, D., & Kerry, S. (2006). Sample size for cluster randomized trials:
# Effect of coefficient of variation of cluster size and analysis method. *International
# Journal of Epidemiology, 35*(5), 1292–1300. https://doi.org/10.1093/ije/dyl129
#
# Gelman, A., & Loken, E. (2014). The statistical crisis in science. *American Scientist, 102*(6),
# 460–465.
#
# Groves, R. M. (2006). Nonresponse rates and nonresponse bias in household surveys. *Public
# Opinion Quarterly, 70*(5), 646–675.
#
# Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian Journal
# of Statistics, 6*(2), 65–70.
#
# Kish, L. (1965). *Survey sampling*. Wiley.
#
# Mann, H. B., & Whitney, D. R. (1947). On a test of whether one of two random variables is
# stochastically larger than the other. *Annals of Mathematical Statistics, 18*(1), 50–60.
