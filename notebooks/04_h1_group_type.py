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
# # 04 H1: Group type
#
# Do providers rate 12-step groups more favourably than psychiatric mutual support groups? The
# within-subject half of the mixed ANOVA, taken apart.
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
# 1. explain why a comparison of two ratings made by the same person belongs in a
#    within-subjects (repeated-measures) analysis, and what the mixed design adds;
# 2. read a mixed-ANOVA table: its two error strata, its degrees of freedom, and what the
#    denominator df tells you about the sample;
# 3. state and verify the **difference-score fact**: with a two-level within factor, the
#    within-subject effects of a mixed ANOVA are exactly a between-subjects ANOVA of the
#    difference score;
# 4. explain why pingouin's mixed ANOVA and an SPSS-style Type III analysis can disagree about
#    the group-type effect when cells are unbalanced (weighted versus unweighted means);
# 5. choose between partial and generalized eta squared and say what each measures.

# %% [markdown]
# ## What the paper claims
#
# The first hypothesis was that providers would view 12-step groups more favourably than
# psychiatric mutual support groups, given how established 12-step groups are in American
# society and how widely the substance-abuse treatment field has accepted them (Chinman et al.,
# 2002, The Current Study).
#
# The group-type main effect of the mixed ANOVA was significant for four of the five items:
# providers said they were more familiar with 12-step groups, judged them more helpful, referred
# to them more often and saw them as more valuable. Nothing was significant for interference
# (Chinman et al., 2002, Results: Group Type). The Results text also quotes the means and
# standard deviations of the value item for each group type:

# %%
ms.labelled_paper_numbers(pub.value_means)

# %% [markdown]
# Hold on to those two standard deviations; Exercise 3 asks whether they are possible.

# %% [markdown]
# ## The analysis
#
# ### Two answers from one person
#
# Every respondent rated *both* group types. The natural comparison is therefore within each
# person: for respondent *i*, the difference
#
# $$d_i = y_{i,\text{12-step}} - y_{i,\text{psychiatric}}$$
#
# says how much more favourably they see 12-step groups. Everything that makes one respondent
# generally warmer or cooler than another (temperament, response style, a good week) is the
# same in both ratings and cancels out of $d_i$. That is the whole point of a repeated-measures
# design: the comparison is made against *within-person* variability, which is much smaller than
# the variability between people whenever the two ratings are positively correlated (as they
# usually are), so it is more powerful than comparing two independent groups of the same size.
#
# ### The mixed ANOVA, one item
#
# The paper crosses this within-subject factor with two between-subject factors, training and
# setting. Here is the full table for familiarity:

# %%
fam = ms.mixed_anova(data, "familiarity")
ms.labelled(ms.anova_table, data, "familiarity")

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (afex): open to see the code</summary>
#
# ```r
# # R track: anova familiarity
# source("mutsup_helpers/r/providers.R")  # read_providers(), long_ratings(): the codebook's levels
# library(afex)
# d <- read_providers("data/providers.csv")
# long <- long_ratings(d, "familiarity")  # respondents who answered both questions, as the paper
# fit <- aov_ez("respondent_id", "rating", long, between = c("training", "setting3"), within = "group_type",
#               type = 3)  # Type III, sum-to-zero contrasts (afex sets them), as SPSS
# nice(fit, es = c("pes", "ges"))
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %%
fam.note

# %% [markdown]
# How to read it.
#
# * **Two strata.** The first three rows (training, setting and their interaction) are
#   *between-subjects* effects: they compare people, and they are tested against the variation
#   of people within cells. The last four rows (group type and its interactions) are
#   *within-subjects* effects: they compare a person's two answers, and they are tested against
#   the inconsistency of the group-type gap across people. Each stratum has its own error term.
# * **Degrees of freedom.** With six between-subject cells (two training levels × three
#   settings) and N complete cases, both error terms have N − 6 degrees of freedom. So the
#   denominator df printed in a paper tells you how many cases entered the ANOVA: add the number
#   of cells back. This is how we know the paper used listwise deletion per item.
# * **No sphericity worries.** Repeated-measures ANOVA assumes *sphericity* (equal variances of
#   all pairwise differences between within-levels). With only two levels there is only one
#   difference, so the assumption holds automatically, and no Greenhouse–Geisser correction is
#   needed.
# * **Effect sizes.** `np2` is partial eta squared, the effect's sum of squares over itself plus
#   its own stratum's error. `ges` is generalized eta squared (Olejnik & Algina, 2003), which
#   puts *all* subject-level variability in the denominator. For within-subject effects partial
#   eta squared is inflated relative to between-subject effects, because the within-person error
#   is small; generalized eta squared is comparable across designs and is the one to report when
#   readers might compare your effect with one from a between-subjects study (Lakens, 2013). One
#   subtlety: the helper treats no factor as "observed" (the common software default), whereas
#   Olejnik and Algina would class training and setting as measured, not manipulated, factors,
#   which makes generalized eta squared somewhat smaller still.
#
# The cell means and Ns behind the table:

# %%
def cell_table(d):
    cells = ms.mixed_anova(d, "familiarity").cells
    return cells.set_index([c for c in ("training", "setting3", "group_type") if c in cells.columns])


ms.labelled(cell_table, data)

# %% [markdown]
# Notice how unequal the cells are. Treatment settings dominate: the printed group sizes say so,
# so the cells are unequal in every rebuild. How training is spread across the settings the paper
# did not print: the cell sizes and means are the rebuild's choice (the provenance column gives
# their ranges). Unequal cells are the reason the next two sections exist.
#
# ### The difference-score fact
#
# Because the within factor has two levels, each respondent's two answers can be replaced, with
# no loss of information, by two new scores: the **difference** $d_i$ (12-step minus
# psychiatric) and the **mean** $m_i$ of the two answers. Then:
#
# * the **group-type main effect** asks whether the average difference is zero, which is the
#   test of the *intercept* in a between-subjects ANOVA of $d_i$ on training and setting;
# * each **group type × between-factor interaction** asks whether the difference depends on that
#   factor, which is that factor's effect in the same ANOVA of $d_i$;
# * the **between-subjects effects** are the ANOVA of the mean score $m_i$.
#
# The F statistics, degrees of freedom and p values are *identical*; only the sums of squares
# differ by a constant factor (the mixed ANOVA works on the scale of the original long-format
# data). This fact (Judd, McClelland & Ryan, 2017, develop ANOVA this way throughout) is worth
# knowing for three reasons: it demystifies the mixed ANOVA, it makes clear that a two-level
# repeated factor needs no special software, and it makes the next point about weighting
# transparent. With no between factors at all it reduces to a familiar result: the F for group
# type is the square of the paired t statistic.
#
# Here are the two between-subjects ANOVAs for familiarity. Compare their F values with the
# mixed table above: the difference-score intercept with `group_type`, its training and setting
# rows with the two-way interactions, and the mean-score rows with the between effects.

# %%
ms.labelled(lambda d: ms.difference_score_anova(d, "familiarity").set_index("effect").drop(index="Residual"), data)

# %%
ms.labelled(lambda d: ms.subject_mean_anova(d, "familiarity").set_index("effect").drop(index="Residual"), data)

# %% [markdown]
# (The error rows are left out here: their F and p are empty.) The Fs the paper printed come out
# the same in every rebuild; the other Fs, and the sums of squares, which depend on unprinted
# variances, do not.

# %% [markdown]
# ### Weighted or unweighted? What the group-type test averages
#
# Here is the subtle part. "Is the average difference zero?" has two readings when cells are
# unequal.
#
# * **Unweighted (Type III).** Average the difference *within each cell* first, then average
#   the six cell averages, each cell counting equally. This is what the intercept of a Type III
#   ANOVA with sum-to-zero coding tests, and what SPSS's repeated-measures procedure prints by
#   default. It answers: "averaged over kinds of staff, do providers favour 12-step groups?"
# * **Weighted.** Average the difference over *respondents*, each person counting once, so that
#   large cells count more. It answers: "does the typical respondent in this sample favour 12-step
#   groups?"
#
# The two readings coincide when all cells are the same size, or when the difference is the
# same in every cell. Neither holds here: the cells are unequal and (as notebook 05 shows) the
# group-type gap differs by setting. The helper shows both kinds of mean; the paper printed
# neither, so both are the rebuild's choice:

# %%
ms.labelled(lambda d: ms.mixed_anova(d, "familiarity").marginal_means("group_type").set_index("group_type"), data)

# %% [markdown]
# The Python package pingouin (Vallat, 2018) offers a convenient `mixed_anova`, but it takes
# only one between factor and tests the within effect on *weighted* means. Fit the same
# one-between-factor model (setting only) both ways and compare the `group_type` rows:

# %%
ms.labelled(ms.anova_table, data, "familiarity", between="setting3")

# %%
ms.labelled(lambda d: ms.pingouin_mixed_anova(d, "familiarity", between="setting3").set_index("effect"), data)

# %% [markdown]
# The setting and interaction rows agree; the group-type rows need not. How far apart the two
# group-type Fs are is the rebuild's choice: the paper printed neither model, and the gap depends
# on unprinted cell sizes and means (compare the two provenance lines). Neither program is
# wrong: they test different hypotheses. To *reproduce* the paper, which was most likely run in
# SPSS (the paper does not say), use Type III. To *report* your own study, decide which question
# you mean, say which sums of squares you used, and check what your software does by default
# (Maxwell & Delaney, 2004, discuss the choice at length).

# %% [markdown]
# > **Discuss (5 min).** pingouin and SPSS give different F values for the same data. Which is
# > right? Which hypothesis do *you* mean when you say "providers prefer 12-step groups"?
#
# ### The other items
#
# The same model was fitted to each item. The interference item is the one where the paper
# found nothing:

# %%
ms.labelled(ms.anova_table, data, "interference")

# %% [markdown]
# "Not significant" is not "no difference". The paper printed no F for this item, so every value
# in the table is the rebuild's choice. In these data interference ratings crowd the favourable
# end of the scale for *both* group types (notebook 03: the high means hold in every rebuild, the
# piles under them are the rebuild's): when nearly everyone answers 4 or 5 about both, there is
# little room for a gap. A ceiling can hide a difference as effectively as a small sample can.
#
# Finally, look at the size of the group-type effect where it *was* significant. The value item,
# as distributions for the two group types (the shapes are the rebuild's choice):

# %%
ms.labelled(ms.plot_item_distributions, data, "value")

# %% [markdown]
# In these data the distributions overlap almost entirely. The paper printed the two means, a gap
# of a fraction of a scale point, and the F; it did not print usable SDs (Exercise 3), the
# distributions or any effect size. Partial eta squared follows from the printed F and df, so
# it is fixed; the effect sizes that need the variances are the rebuild's choice. Here they are
# in every rebuild, for the cases of the value ANOVA:

# %%
def value_effect_sizes(d):
    cases = ms.mixed_anova(d, "value").sample
    gap = cases["value_twelve_step"] - cases["value_ms"]
    return {"SD, psychiatric groups": cases["value_ms"].std(), "SD, 12-step groups": cases["value_twelve_step"].std(),
            "d_z (mean gap / SD of the gaps)": gap.mean() / gap.std(),
            "generalized eta squared (% of variance)": 100 * ms.anova_table(d, "value").loc["group_type", "ges"],
            "share rating 12-step groups higher": (gap > 0).mean()}


ms.show_ensemble(value_effect_sizes, data)

# %% [markdown]
# They move, but not far, and in every rebuild the effect is small: H1 is "supported", but what
# it describes is a shift of a fraction of a scale point, not a wholesale preference. How many
# providers actually rated 12-step groups higher is not something the paper lets us know.

# %% [markdown]
# > **Discuss (5 min).** The group-type effects are highly significant, but look at the two
# > distributions above. How would you describe the size of the difference to a clinic director,
# > in one sentence and without the word "significant"?

# %% [markdown]
# ## Paper vs here
#
# The printed group-type main effects beside the recomputed ones.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="anova", effects=["group_type"]), data,
                       what="interference, printed only as not significant, matches with any p above .05, so its "
                            "exact F and p reproduce no printed number")

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). The proofs are in `mutsup verify` and in notebook 10, the reporting audit. Note that the
# paper prints its smallest p values as a floor (it never prints an exact p below its last
# decimal place), so for those rows "match" means the recomputed p is below that floor. The
# interference row is printed only as "not significant": its F and p here are the rebuild's choice.

# %% [markdown]
# ## Try it
#
# Switch between items and between factors. Watch the two group-type lines: a consistent vertical
# gap is a group-type main effect; a gap that changes size across the x-axis is an interaction.

# %%
from mutsup_helpers.views import widgets

widgets.anova_explorer(data, item="familiarity")

# %% [markdown]
# The explorer's default view without widgets (the paper's model: training x setting x group
# type, Type III):

# %%
ms.labelled(ms.anova_table, data, "familiarity")

# %% [markdown]
# ## Check your understanding
#
# Exercises 1-3 are graded by code (otter-grader): store your answer under the name the exercise
# gives and run the check cell below it in the student copy. The checks compute the right answer
# from the data this notebook loaded, so they hold on your class's data set too. Exercise 4 is a
# written answer, marked by hand against a rubric (`docs/rubrics.md`).

# %% [raw]
# # BEGIN QUESTION
# name: ex1
# points: 2

# %% [markdown]
# **Exercise 1 (code).** Compute the difference-score fact yourself, for the value item. Make a
# pandas Series `ex1_d` holding the difference score (12-step minus psychiatric) of each case the
# mixed ANOVA analysed: `fit = ms.mixed_anova(data, "value")` keeps them in `fit.sample`, and
# `fit.between` names its factors (on a small class data set the helper may have left a level or a
# factor out, and says so). Fit a between-subjects ANOVA of it on those factors, Type III with sum-to-zero
# contrasts (statsmodels: `ols("d ~ C(training, Sum) * C(setting3, Sum)", ...)` and
# `anova_lm(..., typ=3)`; or pingouin), and store the F of its intercept in `ex1_intercept_f`.
# Which row of the mixed ANOVA has the same F?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
import statsmodels.api as sm
import statsmodels.formula.api as smf

fit = ms.mixed_anova(data, "value")
# BEGIN SOLUTION
cases = fit.sample
ex1_d = cases["value_twelve_step"] - cases["value_ms"]
formula = "d ~ " + (" * ".join(f"C({factor}, Sum)" for factor in fit.between) or "1")
own = sm.stats.anova_lm(smf.ols(formula, cases.assign(d=ex1_d)).fit(), typ=3)
ex1_intercept_f = own.loc["Intercept", "F"]
# the intercept's F is the F of the group_type row; the factor rows are the interactions with group type


def own_anova(frame):
    own_fit = ms.mixed_anova(frame, "value")
    own_formula = "d ~ " + (" * ".join(f"C({factor}, Sum)" for factor in own_fit.between) or "1")
    gaps = own_fit.sample.assign(d=own_fit.sample["value_twelve_step"] - own_fit.sample["value_ms"])
    table = sm.stats.anova_lm(smf.ols(own_formula, gaps).fit(), typ=3)
    return table.drop(index="Residual")[["df", "F", "PR(>F)"]]


display(ms.labelled(own_anova, data, p_values=("PR(>F)",)),
        ms.labelled(lambda frame: ms.anova_table(frame, "value")[["F", "p"]], data))
# END SOLUTION
ex1_intercept_f

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_intercept_is_the_group_type_effect(DATA_PATH, ex1_intercept_f):
    from mutsup_helpers import analysis as ms
    table = ms.mixed_anova(ms.load_providers(DATA_PATH), "value").table.set_index("effect")
    ms.check_number(ex1_intercept_f, table.loc["group_type", "F"], "ex1_intercept_f")


test_intercept_is_the_group_type_effect(DATA_PATH, ex1_intercept_f)

# %%
""" # BEGIN TEST CONFIG
hidden: true
""" # END TEST CONFIG
def test_difference_scores(DATA_PATH, ex1_d):
    from mutsup_helpers import analysis as ms
    cases = ms.mixed_anova(ms.load_providers(DATA_PATH), "value").sample
    ms.check_values(ex1_d, cases["value_twelve_step"] - cases["value_ms"], "ex1_d")


test_difference_scores(DATA_PATH, ex1_d)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 1

# %% [markdown]
# **Exercise 2 (code).** Each printed F has a denominator df. Store in `ex2_n_printed` the number of
# complete cases that the paper's df2 for the group-type effect on the value item implies
# (`pub.anova` holds the printed F tests; `ms.n_from_df2` adds the six cells back), and in
# `ex2_n_here` the number of complete cases in the mixed ANOVA of the value item on these data.

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# N = df2 + number of between-subject cells (2 training levels x 3 settings = 6): ms.n_from_df2.
implied = pub.anova[["item", "effect", "df2"]].assign(n_implied=pub.anova["df2"].map(ms.n_from_df2))
display(ms.labelled_paper_numbers(implied))
printed = pub.anova[(pub.anova["item"] == "value") & (pub.anova["effect"] == "group_type")]
# END SOLUTION
ex2_n_printed = ms.n_from_df2(printed["df2"].iloc[0])  # SOLUTION
ex2_n_here = ms.mixed_anova(data, "value").n  # SOLUTION
ex2_n_printed, ex2_n_here

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_n_from_the_printed_df(ex2_n_printed):
    from mutsup_helpers import analysis as ms
    printed = ms.load_published().anova.query("item == 'value' and effect == 'group_type'")
    ms.check_number(ex2_n_printed, ms.n_from_df2(printed["df2"].iloc[0]), "ex2_n_printed")


test_n_from_the_printed_df(ex2_n_printed)

# %%
def test_n_here(DATA_PATH, ex2_n_here):
    from mutsup_helpers import analysis as ms
    ms.check_number(ex2_n_here, ms.mixed_anova(ms.load_providers(DATA_PATH), "value").n, "ex2_n_here")


test_n_here(DATA_PATH, ex2_n_here)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# points: 1

# %% [markdown]
# **Exercise 3 (code).** The Results text prints a mean and a standard deviation of the value item for
# each group type (`pub.value_means`, shown at the top of this notebook). On a 1-to-5 scale the largest
# possible SD for a mean M is the square root of (M − 1)(5 − M). Store in `ex3_impossible` the list of
# group types (as in the `group_type` column) whose printed SD is larger than that bound. What is the
# most likely explanation?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# At least one printed SD exceeds the largest SD a 1-to-5 item with that mean can have, so it
# cannot be a standard deviation of these ratings. Something else may have been printed in its
# place (a variance, an SD on another scale); notebook 10 tests the variance reading against
# the rest of the paper and finds that it does not fit either, so the printed SDs stay
# unexplained. The paper-vs-here call below shows which values the data can and cannot reach.
means = pub.value_means.assign(max_sd=((pub.value_means["mean"] - 1) * (5 - pub.value_means["mean"])) ** (1 / 2))
display(ms.labelled_paper_numbers(means))
display(ms.labelled_comparison(ms.paper_vs_here(data, pub, section="value_means"), data))
# END SOLUTION
ex3_impossible = list(means.loc[means["sd"] > means["max_sd"], "group_type"])  # SOLUTION
ex3_impossible

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_impossible_sds(ex3_impossible):
    from mutsup_helpers import analysis as ms
    printed = ms.load_published().value_means
    bound = ((printed["mean"] - 1) * (5 - printed["mean"])) ** (1 / 2)
    ms.check_same(ex3_impossible, printed.loc[printed["sd"] > bound, "group_type"], "ex3_impossible")


test_impossible_sds(ex3_impossible)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# manual: true
# points: 3

# %% [markdown]
# **Exercise 4 (written).** In one sentence each, state the hypothesis tested by the group-type row of
# pingouin's table and by the group-type row of the Type III table. Under what two conditions
# would they give the same F?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# *pingouin (weighted):* the mean 12-step-minus-psychiatric difference over all respondents is
# zero. *Type III (unweighted):* the average of the setting-specific mean differences, each
# setting counting equally, is zero. They agree when every setting has the same number of
# respondents, or when the mean difference is the same in every setting (no group type × setting
# interaction in the sample). Here neither holds.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 3 points).* 1 point: the weighted hypothesis names the average over
# respondents (each person counting once). 1 point: the Type III hypothesis names the average of
# cell (setting) means, each counting equally. 1 point: both conditions, equal cell sizes *and* the
# same mean difference in every cell (no interaction); half a point for one of them. No point for
# "one of the programs is wrong".

# %% [markdown]
# ## Summary
#
# * Group type is a within-subject factor: each person's two ratings are compared with each
#   other, which removes stable differences between people.
# * With two levels, the within-subject part of the mixed ANOVA *is* a between-subjects ANOVA of
#   the difference score: the intercept is the group-type main effect, the factor effects are
#   the interactions. The between part is the ANOVA of the mean score.
# * The printed denominator df reveal each ANOVA's N (add the six cells back).
# * In unbalanced designs, "the group-type effect" can mean an unweighted average over cells
#   (Type III, SPSS) or a weighted average over people (pingouin). Say which one you report.
# * H1 is supported on four items; the effects are reliable but modest in size. The printed F and
#   df fix partial eta squared; the SDs, d_z and generalized eta squared are the rebuild's choice
#   (they move a little between rebuilds).
# * In these data the null result for interference sits against a ceiling, a shape the rebuild
#   chose (the high means are in every rebuild).

# %% [markdown]
# ## References
#
# Bhatia, R., & Davis, C. (2000). A better bound on the variance. *The American Mathematical
# Monthly, 107*(4), 353–357.
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Judd, C. M., McClelland, G. H., & Ryan, C. S. (2017). *Data analysis: A model comparison
# approach to regression, ANOVA, and beyond* (3rd ed.). Routledge.
#
# Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science: A
# practical primer for t-tests and ANOVAs. *Frontiers in Psychology, 4*, 863.
# https://doi.org/10.3389/fpsyg.2013.00863
#
# Maxwell, S. E., & Delaney, H. D. (2004). *Designing experiments and analyzing data: A model
# comparison perspective* (2nd ed.). Lawrence Erlbaum Associates.
#
# Olejnik, S., & Algina, J. (2003). Generalized eta and omega squared statistics: Measures of
# effect size for some common research designs. *Psychological Methods, 8*(4), 434–447.
# https://doi.org/10.1037/1082-989X.8.4.434
#
# Vallat, R. (2018). Pingouin: Statistics in Python. *Journal of Open Source Software, 3*(31),
# 1026. https://doi.org/10.21105/joss.01026
