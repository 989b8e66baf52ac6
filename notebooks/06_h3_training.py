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
# # 06 H3: Training
#
# Does advanced professional training go with cooler views of mutual support? A result against
# the hypothesis, a misprinted degree of freedom, and Type III versus Type II sums of squares.
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
# 1. interpret a between-subjects main effect and its interaction with a within-subjects factor,
#    in numbers and in a plot;
# 2. compute the degrees of freedom of any interaction and use them, with the p value, to spot a
#    misprint;
# 3. say which effects Type I, Type II and Type III sums of squares adjust each effect for,
#    and why they disagree when the between factors are correlated;
# 4. report a result that contradicts the hypothesis without explaining it away.

# %% [markdown]
# ## What the paper claims
#
# The third hypothesis drew on what the authors call "professionalism" (the literature they
# review speaks of professional-centrism): staff with more advanced training (psychiatrists,
# psychologists, nurses, social workers) would hold less favourable attitudes towards mutual
# support than mental health workers, who usually have a bachelor's degree (Chinman et al.,
# 2002, The Current Study). For the ANOVAs the authors' coding adds master's-level clinicians
# and administrators to the advanced group (Method: Analyses).
#
# The data went the other way. Training had main effects on familiarity and helpfulness: staff
# with advanced training were *more* familiar with mutual support groups and rated them *more*
# helpful, for both group types. For helpfulness, training also interacted with group type: the
# advantage of advanced staff was mostly about 12-step groups, which they rated as more helpful
# than mental health workers did, while for psychiatric groups the two training levels were
# much closer (Chinman et al., 2002, Results: Training; the Discussion describes them as about
# equal). Figure 2 of the paper shows this interaction.
#
# The printed training effects:

# %%
ms.labelled_paper_numbers(pub.anova.query("effect in ['training', 'group_type:training']"))

# %% [markdown]
# ## The analysis
#
# ### The helpfulness ANOVA
#
# Helpfulness carries both training results. The full Type III table:

# %%
helpful = ms.mixed_anova(data, "helpfulness")
ms.labelled(ms.anova_table, data, "helpfulness")  # a misprint no data set can reproduce is not labelled printed

# %% [markdown]
# In difference-score terms (notebook 04): the **training** row asks whether advanced staff
# rate the groups higher *on average over both group types* (the mean score), and the
# **group type × training** row asks whether the 12-step-minus-psychiatric gap differs by
# training (the difference score). The marginal means by training, for each group type:

# %%
def training_means(d):
    means = ms.mixed_anova(d, "helpfulness").marginal_means("training")
    return means.set_index(means["training"].astype(str) + " " + means["group_type"].astype(str))


ms.labelled(training_means, data)

# %% [markdown]
# ### Figure 2, redrawn
#
# Training on the x-axis, one line per group type, with confidence intervals the paper did not
# draw:

# %%
ms.labelled(ms.plot_figure, data, 2)

# %% [markdown]
# The 12-step line falls more steeply from advanced to mental health workers than the
# psychiatric line does, so the gap between the two group types is wider among advanced staff
# than among mental health workers. Put differently: the training difference is mainly a
# difference in how helpful staff find *12-step* groups.
#
# Read the paper's two sentences about psychiatric groups side by side. The Results say advanced
# staff rated *both* group types as more helpful (the main effect) and that the gap is much
# smaller for psychiatric groups; the Discussion says the two training levels rate psychiatric
# groups as equally helpful. Both can hold only if the psychiatric-group gap is positive but
# small. How small is not printed, so the rebuild chose a band (at most a tenth of a point either
# way, against at least two tenths on 12-step groups) and was held to it:

# %%
ms.labelled_comparison(ms.shapes_view(data, pub, factor="training"), data,
                       what="here the paper's side is its text, retold; the bands are the rebuild's own, "
                            "and match means inside the band")

# %% [markdown]
#
# ### The degrees of freedom of an interaction
#
# An effect's numerator degrees of freedom count the independent comparisons it contains. A
# main effect of a factor with *a* levels has *a* − 1; an interaction of factors with *a* and
# *b* levels has (*a* − 1)(*b* − 1). Training has two levels and group type has two, so their
# interaction has (2 − 1)(2 − 1) = 1 degree of freedom. Equivalently, in difference-score terms:
# it compares one difference score between two training groups, a single contrast.
#
# The paper prints this effect with df1 = 2. Is that the degrees of freedom actually used, or a
# typing slip? The p value decides. Here is the p the printed F gives on each candidate df1:

# %%
printed = pub.anova.set_index(["item", "effect"]).loc[("helpfulness", "group_type:training")]
{f"p of F = {printed.F} on ({df1}, {printed.df2})": round(ms.p_of_f(printed.F, df1, printed.df2), 4)
 for df1 in (1, 2)}

# %% [markdown]
# With two numerator degrees of freedom the same F gives a *smaller* p (the F distribution's
# tail is thinner), so only df1 = 1 gives the printed p = .023. The recomputed row (df1 = 1) in
# the paper-vs-here table below reproduces the printed F *and* the printed p. So the test was
# run with the correct df and the "2" is a misprint. This is a
# small example of a general habit: every reported test carries enough redundancy (statistic,
# df, p) to check itself. Tools such as statcheck automate exactly this kind of check for
# published papers, and find inconsistencies in a large share of them (Nuijten et al., 2016);
# notebook 10 applies the same habit to the whole paper.
#
# ### Type III versus Type II: why it matters here
#
# When every cell of a factorial design has the same N, the factors are uncorrelated
# (*orthogonal*), the effects' sums of squares add up neatly, and every "type" of sums of
# squares gives the same answer. Here the cells are far from equal, and in these data training
# and setting are **correlated**: the kinds of staff differ between settings.

# %%
ms.labelled(ms.crosstab, data, "training", "setting3")

# %% [markdown]
# The paper prints only the margins of this table (the Ns of each training level and each
# setting), never its cells. The cells are the rebuild's choice, shaped by the solver's
# starting point as much as by the printed statistics, and every rebuild starts from the same
# one, so even a narrow spread across the rebuilds is no evidence about the study. How much the
# share of mental health workers in each setting moves:

# %%
def mhw_share(d):
    known = d.dropna(subset=["training", "setting3"])
    share = (known["training"] == "mental_health_worker").groupby(known["setting3"], observed=True).mean()
    return {f"mental health workers in {setting}": value for setting, value in share.items()}


ms.show_ensemble(mhw_share, data, names={name: name.replace("_", " ") for name in mhw_share(data)})

# %% [markdown]
# With correlated factors, part of the variation in ratings could be credited to either factor,
# and the "type" of sums of squares decides who gets it.
#
# * **Type I** (sequential) adjusts each effect only for the effects entered *before* it, in
#   the order the model lists them. Training entered first gets credit for everything it shares
#   with setting; entered second, it gets only what it adds beyond setting. The answer depends
#   on the order, which is why Type I is rarely what a factorial analysis wants.
# * **Type II** adjusts each effect for every other effect that does *not contain* it: training
#   for setting (but not for training × setting), setting for training, the interaction for both
#   main effects. It obeys the marginality principle. If there is no training × setting
#   interaction, Type II is the more powerful test of the training main effect; if there is one,
#   the Type II main effect is a weighted average over settings that depends on the cell sizes.
# * **Type III** adjusts each effect for *every* other effect, including the interactions that
#   contain it. With sum-to-zero coding, the training main effect then compares **unweighted**
#   marginal means: the average of the three setting-specific means of advanced staff against
#   the same for mental health workers, each setting counting equally. This is the SPSS default
#   and the natural reading of the paper.
#
# The F of every effect of helpfulness under all three (Type I in both orders):

# %%
printed_f = {(effect, "type III"): target for (effect, column), target in ms.anova_table.printed("helpfulness").items()
             if column == "F"}
ms.labelled(lambda d: ms.ss_types_compared(d, "helpfulness").round(3), data, printed=printed_f)

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (afex, Type II and III): open to see the code</summary>
#
# ```r
# # R track: anova_types helpfulness
# source("mutsup_helpers/r/providers.R")
# library(afex)
# d <- read_providers("data/providers.csv")
# long <- long_ratings(d, "helpfulness")
# # Type III (SPSS's default, the paper's) and Type II (car's default) sums of squares of one design
# fits <- lapply(c(type_2 = 2, type_3 = 3), function(type)
#   aov_ez("respondent_id", "rating", long, between = c("training", "setting3"), within = "group_type", type = type))
# lapply(fits, nice)
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %% [markdown]
# The last term of each stratum (training × setting among the between effects, the three-way
# interaction among the within effects) has the same F under every type: no other term contains
# it and it is entered last. Type I with training second equals Type II for training (both adjust
# training for setting only). How far the columns differ depends on how strongly training and
# setting are associated, and that crosstab is the rebuild's choice. The paper printed Type III
# Fs only, so the other columns are not checked by anything it printed; the provenance column
# says how far each moves across the rebuilds, and Exercise 2 asks how far for one of them.
#
# Statisticians disagree about the default. Langsrud (2003) argues for Type II because a main
# effect "in the presence of" its own interaction is rarely meaningful; others prefer Type III
# because unweighted means answer a question that does not depend on how many people happen to be
# in each cell (Maxwell & Delaney, 2004, set out both positions). What matters in practice:
# report which type you used, and if the two disagree, say so and say why. In notebook 04 you
# met the same issue in another guise: Type II's group-type main effect is the weighted test
# that pingouin reports.

# %% [markdown]
# > **Discuss (5 min).** Should you report Type II or Type III sums of squares? What should you
# > report in any case?
#
# ### A result against the hypothesis
#
# How should a result that reverses the hypothesis be reported? The authors reported it plainly,
# which is the right start.

# %% [markdown]
# > **Discuss (5 min).** Professional-centrism predicted the opposite of what was found. Before
# > reading on, list explanations of three kinds: the theory, the design, the measure.
#
# In discussion it is worth separating three kinds of explanation:
#
# * **The theory is wrong or incomplete here.** Advanced training may expose staff to evidence
#   about mutual support (for example, through addiction content in nursing and social-work
#   education, or social work's emphasis on connecting clients with community resources), which
#   could outweigh any professional-centrism.
# * **The comparison is confounded.** Training was not assigned. Advanced staff differ from
#   mental health workers in age, years of experience, supervisory role and, in these data,
#   setting (the crosstab above; the paper prints none). The ANOVA adjusts for setting but not
#   for the rest.
# * **The measure behaves differently by group.** Staff who know more about the groups may
#   answer helpfulness questions with more confidence; mental health workers may more often pick
#   the middle of the scale when unsure. A difference in ratings is not necessarily a difference in
#   regard.
#
# None of these can be settled with this survey, which is itself worth saying.

# %% [markdown]
# ## Paper vs here
#
# The printed training main effects and the group type × training interaction beside the
# recomputed ones.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="anova", effects=["training", "group_type:training"]),
                       data)

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). No data set can match the printed df1 of the interaction, so expect that row to be
# flagged. The proofs are in `mutsup verify` and
# in notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Put training on the x-axis and step through the items. For which items are the two lines
# parallel (a main effect only), and where do they diverge?

# %%
from mutsup_helpers.views import widgets

widgets.anova_explorer(data, item="helpfulness", between="training")

# %% [markdown]
# The explorer's view without widgets (training as the only between factor; the paper's full
# model is in the analysis above):

# %%
ms.labelled(ms.anova_table, data, "helpfulness", between="training")

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
# **Exercise 1 (code).** What should the numerator df of the group type × training interaction be?
# Store it in `ex1_df1`. Find the row in the paper-vs-here table that shows the misprint, and the
# rows that show the test itself was reported correctly: store in `ex1_misprint` the `target`s of
# the rows of this effect whose status is "unreachable", and in `ex1_reported_right` the `target`s
# of the other helpfulness rows of this effect that these data reproduce (status "match").

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# (2 - 1) x (2 - 1) = 1. The df1 row cannot match (the paper printed 2), while F and p match
# with df1 = 1: the analysis used the right df and only the printed df is wrong.
# END SOLUTION
rows = ms.paper_vs_here(data, pub, section="anova", effects=["group_type:training"])
ex1_df1 = (2 - 1) * (2 - 1)  # SOLUTION
ex1_misprint = list(rows.loc[rows["status"] == "unreachable", "target"])  # SOLUTION
helpfulness = rows["target"].str.startswith("anova/helpfulness/")  # SOLUTION
ex1_reported_right = list(rows.loc[helpfulness & (rows["status"] == "match"), "target"])  # SOLUTION
ms.labelled_comparison(rows, data)

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_df1_and_the_misprint(DATA_PATH, ex1_df1, ex1_misprint):
    from mutsup_helpers import analysis as ms
    pub = ms.load_published()
    ms.check_number(ex1_df1, ms.effect_df1("group_type:training", ms.design_of(pub)), "ex1_df1")
    rows = ms.paper_vs_here(ms.load_providers(DATA_PATH), pub, section="anova", effects=["group_type:training"])
    ms.check_same(ex1_misprint, rows.loc[rows["status"] == "unreachable", "target"], "ex1_misprint")


test_df1_and_the_misprint(DATA_PATH, ex1_df1, ex1_misprint)

# %%
def test_the_rows_reported_right(DATA_PATH, ex1_reported_right):
    from mutsup_helpers import analysis as ms
    rows = ms.paper_vs_here(ms.load_providers(DATA_PATH), ms.load_published(), section="anova",
                            effects=["group_type:training"])
    right = rows["target"].str.startswith("anova/helpfulness/") & (rows["status"] == "match")
    ms.check_same(ex1_reported_right, rows.loc[right, "target"], "ex1_reported_right")


test_the_rows_reported_right(DATA_PATH, ex1_reported_right)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 2

# %% [markdown]
# **Exercise 2 (code).** Fit the familiarity ANOVA with Type II sums of squares, yourself. Training
# is a between-subjects factor, so its test is the ANOVA of each respondent's mean score (the
# average of the two ratings; notebook 04). On the cases the mixed ANOVA analysed
# (`fit = ms.mixed_anova(data, "familiarity")`: `fit.sample`, factors `fit.between`), compute the
# mean score, fit it with statsmodels (`smf.ols("m ~ C(training, Sum) * C(setting3, Sum)", ...)`,
# with the factors of `fit.between`) and store the training F of `sm.stats.anova_lm(..., typ=2)` in
# `ex2_type2_f` and that of `typ=3` in `ex2_type3_f` (NaN if training is not in the design these
# data support). Compare with `ms.mixed_anova(data, "familiarity", ss_type=2)`.
#
# The Type III F is the paper's; the Type II F depends on the training × setting crosstab, which
# the paper never printed. So the question is not whether Type II is larger in these data, but how
# far the Type II training F moves across the rebuilds. With `ms.across_worlds` (it takes a
# function of a data set), compute both training Fs and the Type II p in every rebuild: give the
# 5-95% range of each F and the share of rebuilds in which the Type II test is significant. Why
# do the two tests differ at all, and what can a reader of the paper say about a Type II test of
# training?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
import statsmodels.api as sm
import statsmodels.formula.api as smf

fit = ms.mixed_anova(data, "familiarity")
cases = fit.sample
# BEGIN SOLUTION
ex2_type2_f = ex2_type3_f = float("nan")
if "training" in fit.between:
    m = (cases["familiarity_ms"] + cases["familiarity_twelve_step"]) / 2
    formula = "m ~ " + " * ".join(f"C({factor}, Sum)" for factor in fit.between)
    model = smf.ols(formula, cases.assign(m=m)).fit()
    ex2_type2_f = sm.stats.anova_lm(model, typ=2).loc["C(training, Sum)", "F"]
    ex2_type3_f = sm.stats.anova_lm(model, typ=3).loc["C(training, Sum)", "F"]
# END SOLUTION
# BEGIN SOLUTION NO PROMPT
# Both tests of training adjust for setting; they differ in what else they adjust for and so
# in which means they compare. Type II leaves the training x setting interaction out of the
# adjustment and compares a weighted average over settings whose weights depend on the cell
# sizes; Type III adjusts for it too and compares unweighted means (each setting counts once).
# With correlated factors and an interaction that is not exactly zero, the two differ. On these data:
tables = {ss: ms.anova_table(data, "familiarity", ss_type=ss) for ss in (2, 3)}
if "training" in tables[3].index:
    type2, type3 = tables[2].loc["training"], tables[3].loc["training"]
    print(f"training: type II F = {round(type2.F, 2)}, p = {round(type2.p, 3)}; type III F = {round(type3.F, 2)}, "
          f"p = {round(type3.p, 3)}")
else:
    print("training is not in the design these data support, so there is no training effect to compare")


# Across the rebuilds: the Type III F is printed, so every rebuild reproduces it; the Type II F moves with
# the crosstab each rebuild chose, and so can its verdict. From the paper alone a reader cannot say
# what a Type II test of training would have found: that depends on how training and setting were crossed.
def training_f(d):
    type2, type3 = (ms.anova_table(d, "familiarity", ss_type=ss).loc["training"] for ss in (2, 3))
    return {"type II F": type2["F"], "type II p": type2["p"], "type III F": type3["F"]}


worlds = ms.across_worlds(training_f, data)
if worlds.empty:
    print(worlds.attrs["note"])
else:
    low, high = worlds.quantile(0.05).round(2), worlds.quantile(0.95).round(2)
    print(f"across {len(worlds)} rebuilds (5-95%): type II F {low['type II F']} to {high['type II F']}, "
          f"significant in {(worlds['type II p'] < ms.ALPHA).mean():.0%} of them; "
          f"type III F {low['type III F']} to {high['type III F']}")
# END SOLUTION
ex2_type2_f, ex2_type3_f

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_type2_training_f(DATA_PATH, ex2_type2_f):
    from mutsup_helpers import analysis as ms
    table = ms.mixed_anova(ms.load_providers(DATA_PATH), "familiarity", ss_type=2).table.set_index("effect")
    ms.check_number(ex2_type2_f, table.loc["training", "F"] if "training" in table.index else float("nan"),
                    "ex2_type2_f")


test_type2_training_f(DATA_PATH, ex2_type2_f)

# %%
def test_type3_training_f(DATA_PATH, ex2_type3_f):
    from mutsup_helpers import analysis as ms
    table = ms.mixed_anova(ms.load_providers(DATA_PATH), "familiarity", ss_type=3).table.set_index("effect")
    ms.check_number(ex2_type3_f, table.loc["training", "F"] if "training" in table.index else float("nan"),
                    "ex2_type3_f")


test_type3_training_f(DATA_PATH, ex2_type3_f)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# points: 1

# %% [markdown]
# **Exercise 3 (code).** In which setting are mental health workers most strongly represented in
# these data? Store the setting (as in the `setting3` column) in `ex3_setting`. The crosstab is the
# rebuild's choice: in what share of the rebuilds is it the same setting (`ms.across_worlds`)?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# The share of mental health workers in each setting, computed from the crosstab.
# END SOLUTION
counts = ms.crosstab(data, "training", "setting3")
# BEGIN SOLUTION
settings = [s for s in counts.columns if s not in ("(missing)", "total")]
share = counts.loc["mental_health_worker", settings] / counts.loc["total", settings]
ex3_setting = share.idxmax()
# END SOLUTION
# BEGIN SOLUTION NO PROMPT
print(f"mental health workers are most strongly represented in {ex3_setting} ({share.max():.0%} of its staff)")
display(ms.labelled(mhw_share, data))


def most_mhw(d):
    shares = mhw_share(d)
    return {"setting": max(shares, key=shares.get)}


worlds = ms.across_worlds(most_mhw, data)
print(worlds.attrs["note"] or f"the same setting in {(worlds['setting'] == most_mhw(data)['setting']).mean():.0%} "
      f"of the {len(worlds)} rebuilds: a property of the rebuilds, not a finding of the study")
# END SOLUTION
ex3_setting

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_setting_with_most_mental_health_workers(DATA_PATH, ex3_setting):
    from mutsup_helpers import analysis as ms
    data = ms.load_providers(DATA_PATH)
    known = data.dropna(subset=["setting3"])
    accepted = set()
    # the share of all of a setting's staff, or of those whose training is known: either is right
    for staff in (known, known.dropna(subset=["training"])):
        share = (staff["training"] == "mental_health_worker").groupby(staff["setting3"], observed=True).mean()
        accepted |= set(share.index[share == share.max()])
    assert ex3_setting in accepted, f"ex3_setting: {ex3_setting!r} is not the setting the data give"


test_setting_with_most_mental_health_workers(DATA_PATH, ex3_setting)

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
# **Exercise 4 (written).** Explain why "advanced staff rate helpfulness higher" could partly be a
# setting difference (Exercise 3 and the crosstab above help), and how the ANOVA guards against that.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# In these data training and setting go together: mental health workers are concentrated in some
# settings, so a plain comparison of the two training levels also compares settings. Because the model
# includes setting (and the training × setting interaction), the Type III training effect
# compares advanced staff and mental health workers *within* settings and averages over settings
# with equal weight. It does not guard against other differences between the groups (age,
# years, role). The crosstab itself is the rebuild's choice: the paper prints neither it nor any
# figure of how training and setting go together.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 3 points).* 1 point: training and setting are associated (the crosstab),
# so a plain comparison of training levels mixes in setting differences if settings differ in
# their ratings. 1 point: the model includes setting and training × setting, so the Type III
# training effect compares the training levels within settings, each setting weighted equally.
# 1 point: a limit of that guard, either that it does not adjust for anything else that goes
# with training (age, years, role) or that the crosstab of these data is the rebuild's, not the
# paper's. No point for "the ANOVA removes all confounding".

# %% [raw]
# # BEGIN QUESTION
# name: ex5
# points: 2

# %% [markdown]
# **Exercise 5 (code).** For helpfulness, the helper reports weighted and unweighted marginal means
# by training (`helpful.marginal_means("training")`). Compute both yourself with pandas, for the
# *mean score* (the average of a respondent's two ratings) of the cases the mixed ANOVA analysed
# (`helpful.sample`, factors `helpful.between`): store in `ex5_weighted` the mean of each training
# level over its respondents, and in `ex5_unweighted` the average of its training × setting cell
# means, each setting counting once (each a pandas Series indexed by training level; empty if
# training is not in the design these data support). Which ones does the Type III training test
# compare? Which ones would a reader get from a simple table of means by training?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
import pandas as pd

cases = helpful.sample
# BEGIN SOLUTION
ex5_weighted = ex5_unweighted = pd.Series(dtype=float)
if "training" in helpful.between:
    cases["m"] = (cases["helpfulness_ms"] + cases["helpfulness_twelve_step"]) / 2
    ex5_weighted = cases.groupby("training", observed=True)["m"].mean()
    others = [factor for factor in helpful.between if factor != "training"]
    cells = cases.groupby(["training", *others], observed=True)["m"].mean()
    ex5_unweighted = cells.groupby(level="training", observed=True).mean()
# END SOLUTION
# BEGIN SOLUTION NO PROMPT
# Type III compares the unweighted means (the average of the cell means, one per setting).
# A simple table of means by training gives the weighted means (every respondent counts once).
print("weighted:", ms.rounded(ex5_weighted.to_dict(), 3), "unweighted:", ms.rounded(ex5_unweighted.to_dict(), 3))
# END SOLUTION
ms.labelled(training_means, data)

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_weighted_means(DATA_PATH, ex5_weighted):
    from mutsup_helpers import analysis as ms
    means = ms.mixed_anova(ms.load_providers(DATA_PATH), "helpfulness").marginal_means("training")
    # the mean score's mean is the average of the two group types' means
    ms.check_values(ex5_weighted, means.groupby("training", observed=True)["weighted_mean"].mean(), "ex5_weighted")


test_weighted_means(DATA_PATH, ex5_weighted)

# %%
def test_unweighted_means(DATA_PATH, ex5_unweighted):
    from mutsup_helpers import analysis as ms
    means = ms.mixed_anova(ms.load_providers(DATA_PATH), "helpfulness").marginal_means("training")
    ms.check_values(ex5_unweighted, means.groupby("training", observed=True)["unweighted_mean"].mean(),
                    "ex5_unweighted")


test_unweighted_means(DATA_PATH, ex5_unweighted)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Summary
#
# * H3 was reversed: advanced training went with more familiarity and higher helpfulness
#   ratings, and for helpfulness the training gap is mostly about 12-step groups (Figure 2).
# * An interaction of two two-level factors has one numerator df. The paper's printed df1 for
#   group type × training is a misprint; its F and p fit df1 = 1.
# * When training and setting are correlated (as in these data; the paper prints no crosstab),
#   Type I (sequential, order-dependent), Type II (each effect adjusted for the effects that do
#   not contain it) and Type III (adjusted for all; unweighted means, SPSS) can disagree on main
#   effects. Say which you used. A Type II F for the study cannot be recovered from what the paper
#   printed: it moves with the crosstab each rebuild chose.
# * A reversed hypothesis deserves plain reporting and a careful list of rival explanations.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Langsrud, Ø. (2003). ANOVA for unbalanced data: Use Type II instead of Type III sums of squares.
# *Statistics and Computing, 13*(2), 163–167.
#
# Maxwell, S. E., & Delaney, H. D. (2004). *Designing experiments and analyzing data: A model
# comparison perspective* (2nd ed.). Lawrence Erlbaum Associates.
#
# Nuijten, M. B., Hartgerink, C. H. J., van Assen, M. A. L. M., Epskamp, S., & Wicherts, J. M.
# (2016). The prevalence of statistical reporting errors in psychology (1985–2013). *Behavior
# Research Methods, 48*(4), 1205–1226.
