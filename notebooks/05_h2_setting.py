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
# # 05 H2: Setting
#
# Do staff in rehabilitation and case-management settings view mutual support more favourably?
# Interactions, the paper's Figures 1, 3 and 4, and what Scheffé tests can and cannot show.
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
# 1. distinguish a setting *main effect* from a group type × setting *interaction*, both in a
#    plot and in terms of the mean score and the difference score;
# 2. describe a crossover pattern in words a practitioner would understand;
# 3. explain how Scheffé's method controls the error rate over *all* contrasts, why a Scheffé
#    contrast cannot be significant when the omnibus test of the *same means* is not, and why a
#    printed Type III F is not that omnibus in an unbalanced design;
# 4. decide which score (mean, difference, or one group type's ratings) a post hoc test of an
#    interaction can be run on, and which readings of a paper's post hoc test are consistent.

# %% [markdown]
# ## What the paper claims
#
# The second hypothesis expected staff in rehabilitation and case-management settings to view
# mutual support more favourably than staff in treatment settings, because rehabilitation and
# case management are more recovery-oriented and more often employ consumers as providers
# (Chinman et al., 2002, The Current Study).
#
# The result was more interesting than the hypothesis. No item showed a setting main effect:
# averaged over the two group types, staff in the three settings answered alike. But for
# familiarity, helpfulness and referral the *group type × setting interaction* was significant.
# For familiarity and helpfulness, rehabilitation staff *appeared* to rate psychiatric groups
# higher than staff in treatment and case-management settings did, and 12-step groups lower,
# although the Scheffé tests were not significant; for referral, Scheffé tests showed treatment
# and rehabilitation staff differing, rehabilitation staff referring more to psychiatric and less
# to 12-step groups. The authors draw this as Figures 1, 3 and 4 (Chinman et al., 2002, Results:
# Setting).
#
# The printed descriptions of the three interactions:

# %%
ms.labelled_paper_numbers(pub.anova.query("effect == 'group_type:setting3'")[["item", "description"]],
                          what="the descriptions retell the Results: Setting")

# %% [markdown]
# ## The analysis
#
# ### Main effect or interaction?
#
# Notebook 04 showed that, with two group types, each respondent's answers can be recast as a
# **mean score** (average of the two ratings) and a **difference score** (12-step minus
# psychiatric). In those terms:
#
# * the **setting main effect** asks whether the *mean score* differs between settings: are some
#   settings warmer towards mutual support in general? That is what H2 predicted;
# * the **group type × setting interaction** asks whether the *difference score* differs
#   between settings: is the 12-step advantage larger in some settings than in others?
#
# These are separate questions, and the data can say "no" to the first and "yes" to the second.
# Here is the full table for referral:

# %%
ms.labelled(ms.anova_table, data, "referral")

# %% [markdown]
# The provenance line and column say which cells the paper printed, which its printed numbers
# fix, and which the rebuild chose (with their spread over the rebuilds). The cell means behind
# the table: the paper printed none of them.

# %%
def cell_means(d, item):
    fit = ms.mixed_anova(d, item)
    return fit.cells.set_index([*fit.between, "group_type"])


ms.labelled(cell_means, data, "referral")

# %% [markdown]
# ### The paper's figures, redrawn
#
# Each figure puts setting on the x-axis and draws one line per group type. Error bars are
# confidence intervals of the means, which the paper did not show. Figure 1 is familiarity:

# %%
ms.labelled(ms.plot_figure, data, 1)

# %% [markdown]
# Figure 3 is helpfulness:

# %%
ms.labelled(ms.plot_figure, data, 3)

# %% [markdown]
# Figure 4 is referral, the strongest of the three:

# %%
ms.labelled(ms.plot_figure, data, 4)

# %% [markdown]
# The faint lines are the same figure drawn from every other rebuild. Each reproduces all the
# printed numbers, so where the lines bunch the paper's numbers (and the solver's common
# starting point) pin the means down, and where they fan out they leave them open. The paper
# prints no cell mean, and its text says of case management only that rehabilitation differs
# from it. Computed from the rebuilds: the widths of the 5-95% ranges of each setting's plotted
# means, and of the gap between the two lines (12-step minus psychiatric, what the printed
# interaction F tests).

# %%
def widths(item, view="both"):
    means = ms.across_worlds(lambda d: ms.interaction_values(d, item, view=view), data)
    if means.empty:
        return None, means.attrs["note"]
    width = (means.quantile(0.95) - means.quantile(0.05)).groupby(level=1, sort=False).mean()
    return width, ", ".join(f"{setting.replace('_', ' ')} {round(value, 2)}" for setting, value in width.items())


for number, item in ((1, "familiarity"), (3, "helpfulness"), (4, "referral")):
    means, text = widths(item)
    if means is None:
        print(text)
        break
    print(f"Figure {number}: means {text} (most open: {means.idxmax().replace('_', ' ')}); "
          f"gap between the lines {widths(item, 'difference')[1]}")

# %% [markdown]
# All three tell the same story, the one the paper's Setting paragraph tells. In treatment and
# case-management settings the 12-step line sits above the psychiatric line, the pattern of H1.
# In rehabilitation the lines move towards each other: rehabilitation staff are warmer than staff
# in *both* other settings towards psychiatric groups and cooler towards 12-step groups, so their
# *average* over the two is about the same as everyone else's. That is exactly "interaction
# without main effect". How close the lines come (in these data they about meet for
# helpfulness and cross for referral; the faint lines show whether the other rebuilds agree) is
# not in the paper: its text gives the order of the settings, never the size of the gaps.
#
# Because the paper gives only the order, the rebuild was held to bands of its own choosing: a
# gap of at least a tenth of a scale point before "higher" counts as visible, and the
# rehabilitation-versus-the-rest contrast carrying at least two thirds of the interaction. The
# table shows each claim, where in the paper it comes from, the band, and the value in these
# data. On a class's own survey the same table says whether the class's figures read the way the
# paper describes its own.

# %%
ms.labelled_comparison(ms.shapes_view(data, pub, factor="setting3"), data,
                       what="here the paper's side is its text, retold; the bands are the rebuild's own, "
                            "and match means inside the band")

# %% [markdown]
#
# The interaction is easier to see if you plot what it tests, the difference score, directly:

# %%
ms.labelled(ms.plot_interaction, data, "referral", view="difference")

# %% [markdown]
# Compare its faint lines with Figure 4's: the widths printed under the figures say how much more
# tightly the rebuilds agree on the gaps than on the heights of the two lines.
#
# A substantive reading, in the spirit of the authors' discussion: rehabilitation programmes
# (clubhouses, vocational and residential programmes) are where many psychiatric mutual support
# groups meet and where consumers work as staff, so their staff know and use these groups; their
# clients may also be less often referred for substance-use problems than clients in treatment
# settings. H2 as stated (warmer views overall) is not supported; a more specific version (the
# setting shapes *which* groups staff turn to) is. Keep in mind that setting was not assigned:
# rehabilitation staff also differ from treatment staff in training and much else (notebook 09).

# %% [markdown]
# > **Discuss (5 min).** H2 predicted a main effect of setting and found an interaction instead.
# > Is H2 supported? How would you phrase the finding in an abstract?
#
# ### Post hoc tests: Scheffé's method
#
# A significant interaction says the difference score is not the same in all three settings.
# Which settings differ? With three settings there are three pairwise comparisons, and beyond
# them infinitely many *complex* contrasts (for example, rehabilitation against the average of
# the other two). Scheffé (1953) devised a test that keeps the familywise error rate at α over
# **all** contrasts at once, including ones you think of after seeing the data. The price is a
# high bar: a contrast's F must exceed (k − 1) times the usual critical F with k − 1 and the
# error df, where k is the number of groups. Equivalently, divide the contrast's F by k − 1 and
# refer it to the F distribution with k − 1 and the error df; that scaled F, with df1 = k − 1,
# is what the Scheffé tables below report.
#
# The key property follows from one algebraic fact: the largest F that *any* contrast among k
# means can reach equals (k − 1) times the omnibus F **of those same means on the same error
# term**, because the best contrast captures all of their between-groups sum of squares
# (Maxwell & Delaney, 2004, work through the algebra). Therefore:
#
# * if the omnibus F of the same means is **not** significant, **no** Scheffé contrast can be;
# * if it **is** significant, *some* contrast is Scheffé-significant, but it may be a complex
#   one; all *pairwise* comparisons can still fail.
#
# The condition matters. In a one-way design the omnibus is the printed F. In this two-factor,
# unbalanced design it is not: SPSS's Scheffé (our reading of the paper's Scheffé post hoc; the
# paper names no software) compares the *observed* setting means with the error of the
# training × setting model, while the printed
# Type III F tests *unweighted* means. The ceiling that always holds is the one-way F of the
# observed means on that error (`ms.omnibus`); the Type III F can be smaller, and a Scheffé F can
# then exceed it.
#
# ### Which score? The readings that are consistent
#
# The paper does not say what its Scheffé tests compared. It describes the referral result as
# rehabilitation staff referring more to psychiatric groups and less to 12-step groups than
# treatment staff (Results: Setting), so there are three candidate readings:
#
# * **the mean score** (`on="mean"`): the settings' average rating over both group types. The
#   matching printed test is the *setting main effect*, not significant for any item;
# * **the difference score** (`on="difference"`): the settings' 12-step advantage. The matching
#   printed test is the *interaction*, which was significant; this is the post hoc test that
#   belongs to an interaction;
# * **simple effects** (`on="ms"` and `on="twelve_step"`): the settings compared on each group
#   type's ratings separately, which is closest to the paper's wording (rehabilitation staff
#   referring more to one group type and less to the other). The paper prints no omnibus test
#   of these.
#
# The treatment-versus-rehabilitation pair on referral under each reading, beside the ceiling
# that holds (`observed_omnibus_F`) and the Type III F the paper prints for the same question:

# %%
def readings(d, item):
    table = ms.scheffe_readings(d, item).set_index("reading").round(4)
    return table.assign(type3_F=table["type3_F"].astype(object).where(table["type3_F"].notna(), "none"))


ms.labelled(readings, data, "referral", p_values=("pair_p",))

# %% [markdown]
# Read the difference-score row: the largest pairwise Scheffé F always stays below the
# observed-means omnibus (that is algebra), but whether it also stays below the printed Type III
# F of the interaction is not fixed by the paper. Computed on these data and across the rebuilds:

# %%
def above_type3(d):
    row = ms.scheffe_readings(d, "referral").set_index("reading").loc["difference"]
    return {"above": row["largest_pair_F"] > row["type3_F"], "below": row["largest_pair_F"] <= row["type3_F"]}


here = above_type3(data)
if here["above"] or here["below"]:
    print(f"In these data the largest pairwise Scheffé F is {'above' if here['above'] else 'below'} the Type III F "
          "of the interaction.")
else:
    print("These data support no Scheffé test among the settings, or no Type III F of the interaction.")
worlds = ms.across_worlds(above_type3, data)
print(worlds.attrs["note"]
      or f"It is above in {worlds['above'].astype(bool).mean():.0%} of the {len(worlds)} rebuilds.")

# %% [markdown]
# Where it lies above, the property holds for the same means and fails for the printed test.
# So the printed F cannot rule a reading out by the property alone. What it can do is make a
# reading implausible: under the mean-score reading a pair with p = .002 needs an omnibus of
# the observed means far above anything a non-significant Type III main effect usually sits
# beside, so the mean-score reading is unlikely, though in an unbalanced design not impossible. The difference-score and
# simple-effect readings are both consistent with the paper. Which one the synthetic data
# favour is the rebuild's choice (the solver was told to reproduce the Scheffé p under the
# difference-score reading), not a finding about the study.
#
# The full tables for referral, on the difference score and on the mean score. The columns say
# which family of contrasts and which error term each test uses, then the pair of levels, the
# difference, its standard error, the Scheffé F and its p value.

# %%
def pairs_table(d, item, on):
    table = ms.scheffe(d, item, on=on)
    return table.set_index(table["level_a"].astype(str) + " vs " + table["level_b"].astype(str))


ms.labelled(pairs_table, data, "referral", "difference")

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (Scheffé and simple effects by hand, base R): open to see the code</summary>
#
# ```r
# # R track: scheffe referral
# source("mutsup_helpers/r/providers.R")
# d <- read_providers("data/providers.csv")
# wide <- d[complete.cases(d[, c("training", "setting3", "referral_ms", "referral_twelve_step")]), ]
# scores <- list(difference = wide$referral_twelve_step - wide$referral_ms,  # the interaction's score
#                ms = wide$referral_ms, twelve_step = wide$referral_twelve_step)  # simple effects, one group type
# # SPSS's Scheffé: observed (weighted) setting means, the error term of the full between model
# scheffe_pairs <- function(score, on) {
#   fit <- lm(score ~ training * setting3, data = wide, contrasts = list(training = contr.sum, setting3 = contr.sum))
#   mse <- sigma(fit)^2
#   k <- nlevels(wide$setting3)
#   means <- tapply(score, wide$setting3, mean)
#   n <- table(wide$setting3)
#   pairs <- t(combn(levels(wide$setting3), 2))
#   out <- data.frame(on = on, level_a = pairs[, 1], level_b = pairs[, 2], diff = means[pairs[, 1]] - means[pairs[, 2]])
#   out$F <- out$diff^2 / (mse * (1 / n[pairs[, 1]] + 1 / n[pairs[, 2]])) / (k - 1)
#   out$p <- pf(out$F, k - 1, df.residual(fit), lower.tail = FALSE)
#   out
# }
# scheffe <- do.call(rbind, Map(scheffe_pairs, scores, names(scores)))
# scheffe
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %%
ms.labelled(pairs_table, data, "referral", "mean")

# %% [markdown]
# And for familiarity, where the interaction was significant but the paper found no significant
# pairwise Scheffé test:

# %%
ms.labelled(pairs_table, data, "familiarity", "difference")

# %% [markdown]
# This is the second bullet of the property at work: a significant omnibus, no significant
# pair. Looking at Figure 1, the contrast carrying the interaction is rehabilitation against the
# other two settings combined, not any one pair. If you had planned that contrast in advance, a
# single-df test of it would be the honest and more powerful choice; after the fact, Scheffé is
# the honest choice, and it is strict.

# %% [markdown]
# > **Discuss (5 min).** The paper found significant interactions but, for two items, no
# > significant Scheffé pair. Is that a contradiction? What contrast would you have planned in
# > advance?

# %% [markdown]
# ## Paper vs here
#
# The printed group type × setting interactions beside the recomputed ones.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="anova", effects=["group_type:setting3"]), data)

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). The proofs are in `mutsup verify` and in notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Change the item and the between factor. For which items do the lines converge or cross in the
# rehabilitation setting? Does the picture change if you look at training instead of setting?

# %%
from mutsup_helpers.views import widgets

widgets.anova_explorer(data, item="referral")

# %% [markdown]
# The explorer's default view without widgets (the paper's model: training x setting x group
# type, Type III):

# %%
ms.labelled(ms.anova_table, data, "referral")

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
# **Exercise 1 (code).** The helpfulness interaction was significant, but the paper reports no
# significant Scheffé test for it. Run the Scheffé tests on the difference score. Are any
# pairwise comparisons significant here? Which pair comes closest? Store in `ex1_significant` the
# number of significant pairs, and in `ex1_closest` the two settings of the pair with the
# smallest p (a list or set of the two level names, as in the columns `level_a` and `level_b`;
# empty if these data support no Scheffé test among the settings).

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# With a significant but modest omnibus the pairwise Scheffé tests can all fall short. The
# count of significant pairs and the closest pair, computed:
# END SOLUTION
pairs = ms.scheffe(data, "helpfulness", on="difference")  # SOLUTION
# BEGIN SOLUTION
ex1_significant = int(pairs["significant"].sum())
ex1_closest = set(pairs.loc[pairs["p"].idxmin(), ["level_a", "level_b"]]) if len(pairs) else set()
# END SOLUTION
# BEGIN SOLUTION NO PROMPT
if pairs.empty:
    print("these data support no Scheffé tests among the settings")
else:
    closest = pairs.loc[pairs["p"].idxmin()]
    print(f"{ex1_significant} of {len(pairs)} pairs significant; closest: "
          f"{closest.level_a} vs {closest.level_b}, p = {round(float(closest.p), 3)}")
display(ms.labelled(pairs_table, data, "helpfulness", "difference"))
# END SOLUTION
ex1_significant, ex1_closest

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_significant_pairs(DATA_PATH, ex1_significant):
    from mutsup_helpers import analysis as ms
    pairs = ms.scheffe(ms.load_providers(DATA_PATH), "helpfulness", on="difference")
    ms.check_number(ex1_significant, int(pairs["significant"].sum()), "ex1_significant")


test_significant_pairs(DATA_PATH, ex1_significant)

# %%
def test_closest_pair(DATA_PATH, ex1_closest):
    from mutsup_helpers import analysis as ms
    pairs = ms.scheffe(ms.load_providers(DATA_PATH), "helpfulness", on="difference")
    closest = pairs.loc[pairs["p"].idxmin(), ["level_a", "level_b"]] if len(pairs) else []
    ms.check_same(ex1_closest, closest, "ex1_closest")


test_closest_pair(DATA_PATH, ex1_closest)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 1

# %% [markdown]
# **Exercise 2 (code).** Set the paper's Scheffé statements beside the recomputed tests
# (`ms.paper_vs_here` has a section `"scheffe"`). Store in `ex2_reproduced` the list of the
# statements these data reproduce, each named by its `target` (the rows whose status is
# "match").

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
statements = ms.paper_vs_here(data, pub, section="scheffe")  # SOLUTION
ex2_reproduced = list(statements.loc[statements["status"] == "match", "target"])  # SOLUTION
# BEGIN SOLUTION NO PROMPT
display(ms.labelled_comparison(statements, data))
# END SOLUTION
ex2_reproduced

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_reproduced_statements(DATA_PATH, ex2_reproduced):
    from mutsup_helpers import analysis as ms
    table = ms.paper_vs_here(ms.load_providers(DATA_PATH), ms.load_published(), section="scheffe")
    ms.check_same(ex2_reproduced, table.loc[table["status"] == "match", "target"], "ex2_reproduced")


test_reproduced_statements(DATA_PATH, ex2_reproduced)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# manual: true
# points: 3

# %% [markdown]
# **Exercise 3 (written).** Explain, without formulas, why a Scheffé contrast cannot be significant when
# the omnibus F of the same means is not, but a significant omnibus F does not guarantee a
# significant pairwise comparison. Why does the argument need "the same means"?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# The omnibus test asks whether the group means differ *in any way*. The between-groups
# variation it measures can be poured into one best contrast, which then carries all of it; any
# other contrast carries less. Scheffé's critical value is set so that this best possible
# contrast is significant exactly when the omnibus test is. So if the omnibus fails, every
# contrast, including the best, fails. If the omnibus succeeds, the best contrast succeeds, but the
# best contrast may be a blend (rehabilitation against the other two), and each pairwise comparison
# carries only part of the variation, so each can fall short. "The same means" matters because
# the best contrast's share is a share of *those* means' variation: a printed Type III F measures
# the variation of unweighted means, so in an unbalanced design it is not the ceiling of a
# Scheffé test on observed means (the table of readings above shows one exceeding it).

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 3, 3 points).* 1 point: the omnibus's between-groups variation can all go
# into one best contrast, and Scheffé's bar makes that contrast significant exactly when the
# omnibus is, so no contrast passes when the omnibus fails. 1 point: a significant omnibus
# guarantees only the best contrast, which may be a complex one (rehabilitation against the
# other two), while each pair carries part of the variation. 1 point: "the same means": the
# ceiling is the omnibus of the observed means on the same error; a Type III F of unweighted
# means is not that ceiling in an unbalanced design. No point for a formula without its reading.

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# points: 2

# %% [markdown]
# **Exercise 4 (code).** Suppose someone runs Scheffé tests of the settings on the *mean* score for
# referral and reports "no significant differences between settings". Is that a test of H2, and
# is it a test of the interaction? Store in `ex4_effect` the effect of the mixed ANOVA (as it is
# written in the table's `effect` column) whose question this family of Scheffé tests follows
# up, and in `ex4_omnibus_p` the p value of the test that decides whether any contrast of the
# family can be significant on these data (`ms.omnibus`).

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# On the mean score the Scheffé family belongs to the setting main effect, which is what H2
# predicted; so it is a (post hoc) look at H2 as stated. It says nothing about the interaction,
# which lives in the difference score. Whether any contrast here can be significant is decided
# by the omnibus of these observed means (ms.omnibus), not by the printed Type III main effect.
# END SOLUTION
ex4_effect = "setting3"  # SOLUTION
ex4_omnibus_p = ms.omnibus(data, "referral", on="mean")["p"]  # SOLUTION
ms.labelled(pairs_table, data, "referral", "mean")

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_the_family_follows_up_the_main_effect(ex4_effect):
    from mutsup_helpers import analysis as ms
    assert ex4_effect == ms.SCHEFFE_READINGS["mean"], \
        f"ex4_effect: {ex4_effect!r} is not the effect a Scheffé test on the mean score follows up"


test_the_family_follows_up_the_main_effect(ex4_effect)

# %%
def test_the_omnibus_that_decides(DATA_PATH, ex4_omnibus_p):
    from mutsup_helpers import analysis as ms
    ceiling = ms.omnibus(ms.load_providers(DATA_PATH), "referral", on="mean")
    ms.check_number(ex4_omnibus_p, ceiling["p"], "ex4_omnibus_p")


test_the_omnibus_that_decides(DATA_PATH, ex4_omnibus_p)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex5
# points: 3

# %% [markdown]
# **Exercise 5 (code).** Compute a Scheffé test by hand. First write a function
# `scheffe_pair_f(mean_a, n_a, mean_b, n_b, mse, k)` that returns the Scheffé F of one pair of
# levels as the tables above report it: the squared difference of the two means over
# MSE × (1/n_a + 1/n_b), divided by k − 1 (k levels). Then, for referral, on the cases the mixed
# ANOVA analysed (`fit = ms.mixed_anova(data, "referral")`: `fit.sample`, factors `fit.between`):
# compute each respondent's difference score (12-step minus psychiatric), store its observed mean
# in each setting in `ex5_means` (a pandas Series indexed by setting), take the error mean square of
# the between-subjects model on the difference score (statsmodels:
# `smf.ols("d ~ C(training, Sum) * C(setting3, Sum)", ...).fit().mse_resid`, with the factors of
# `fit.between`), and store in `ex5_f` the Scheffé F of treatment against rehabilitation (NaN if
# these data leave either setting out). Compare with `ms.scheffe`, and get the p value from
# `stats.f.sf` with k − 1 and the model's residual df.

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

fit = ms.mixed_anova(data, "referral")
cases = fit.sample


def scheffe_pair_f(mean_a, n_a, mean_b, n_b, mse, k):
    # BEGIN SOLUTION
    return (mean_a - mean_b) ** 2 / (mse * (1 / n_a + 1 / n_b)) / (k - 1)
    # END SOLUTION


# BEGIN SOLUTION
d = cases["referral_twelve_step"] - cases["referral_ms"]
formula = "d ~ " + (" * ".join(f"C({factor}, Sum)" for factor in fit.between) or "1")
model = smf.ols(formula, cases.assign(d=d)).fit()
if "setting3" in fit.between:
    by_setting = d.groupby(cases["setting3"], observed=True)
    ex5_means, counts = by_setting.mean(), by_setting.size()
else:  # setting is not in the design these data support
    ex5_means, counts = pd.Series(dtype=float), pd.Series(dtype=int)
if {"treatment", "rehabilitation"} <= set(ex5_means.index):
    ex5_f = scheffe_pair_f(ex5_means["treatment"], counts["treatment"], ex5_means["rehabilitation"],
                           counts["rehabilitation"], model.mse_resid, len(ex5_means))
else:
    ex5_f = float("nan")
# END SOLUTION
# BEGIN SOLUTION NO PROMPT
# The same F and p as the helper's row for the pair: the Scheffé test is nothing but the pair's
# squared t on the model's error term, shared out over the k - 1 df of the omnibus.
p = stats.f.sf(ex5_f, len(ex5_means) - 1, model.df_resid)
print(f"by hand: F = {round(float(ex5_f), 4)}, p = {round(float(p), 4)}")
# END SOLUTION
ms.labelled(pairs_table, data, "referral", "difference")

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_scheffe_by_hand(DATA_PATH, ex5_f):
    from mutsup_helpers import analysis as ms
    pairs = ms.scheffe(ms.load_providers(DATA_PATH), "referral", on="difference")
    pair = pairs[(pairs["level_a"] == "treatment") & (pairs["level_b"] == "rehabilitation")]
    ms.check_number(ex5_f, float(pair["F"].iloc[0]) if len(pair) else float("nan"), "ex5_f")


test_scheffe_by_hand(DATA_PATH, ex5_f)

# %%
def test_difference_means_by_setting(DATA_PATH, ex5_means):
    from mutsup_helpers import analysis as ms
    pairs = ms.scheffe(ms.load_providers(DATA_PATH), "referral", on="difference")
    means = {**dict(zip(pairs["level_a"], pairs["mean_a"], strict=True)),
             **dict(zip(pairs["level_b"], pairs["mean_b"], strict=True))}
    ms.check_values(ex5_means, means.values(), "ex5_means")


test_difference_means_by_setting(DATA_PATH, ex5_means)

# %%
""" # BEGIN TEST CONFIG
hidden: true
""" # END TEST CONFIG
def test_scheffe_function(scheffe_pair_f):
    from mutsup_helpers import analysis as ms

    def reference(mean_a, n_a, mean_b, n_b, mse, k):
        t = (mean_a - mean_b) / (mse * (1 / n_a + 1 / n_b)) ** (1 / 2)
        return t**2 / (k - 1)

    cases = [(2.5, 10, 2, 20, 1.5, 3), (1, 5, 1, 5, 1, 3), (-1, 100, 1.125, 7, 0.875, 2), (0.625, 40, -0.25, 30, 2, 4)]
    ms.check_function(scheffe_pair_f, reference, cases, "scheffe_pair_f")


test_scheffe_function(scheffe_pair_f)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Summary
#
# * No setting main effect: averaged over the two group types, the settings answer alike.
# * A group type × setting interaction for familiarity, helpfulness and referral:
#   rehabilitation staff are warmer towards psychiatric groups and cooler towards 12-step
#   groups. H2 as stated is not supported; a more specific version is.
# * An interaction is a setting effect on the difference score, so its post hoc tests belong on
#   the difference score.
# * Scheffé controls error over all contrasts. No Scheffé contrast can be significant unless the
#   omnibus of the same means on the same error is; a significant omnibus can leave every
#   pairwise test non-significant. A printed Type III F is that omnibus only in a balanced design.
# * The paper's referral Scheffé is consistent with the difference-score and the simple-effect
#   readings; the mean-score reading is unlikely.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Maxwell, S. E., & Delaney, H. D. (2004). *Designing experiments and analyzing data: A model
# comparison perspective* (2nd ed.). Lawrence Erlbaum Associates.
#
# Scheffé, H. (1953). A method for judging all contrasts in the analysis of variance.
# *Biometrika, 40*(1–2), 87–110.
