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
# # 03 Measures
#
# The five survey items, how they were scored and coded, and what the answers look like before
# any test is run.
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
# 1. quote the five items, give the meaning of their scale endpoints, and say which end is the
#    favourable one for each (the interference item is the trap);
# 2. explain why asking every respondent about *both* group types makes group type a
#    within-subjects factor;
# 3. describe the distributions of bounded 1-to-5 ratings (ceilings, skew) and what they imply
#    for means, standard deviations and tests;
# 4. count missing answers per item and explain why each ANOVA in the paper has its own N;
# 5. show how the two coded factors of the ANOVAs (training and setting) were built from the
#    recorded discipline and setting, and why one of them has to be stored in the data file.

# %% [markdown]
# ## What the paper claims
#
# Each respondent answered five questions twice, once about psychiatric mutual support groups
# and once about 12-step groups, on scales from 1 to 5 whose endpoints were labelled
# (Chinman et al., 2002, Method: Measures). The questions and their anchors exactly as the
# paper prints them (the one copy in the package is the registry, `data/published_results.yaml`;
# `mutsup survey` builds the questionnaire for your class from the same copy):

# %%
print(pub.measures.to_string())

# %% [markdown]
# Read the interference row twice. The *question* asks how much a group interferes, but the
# *scale* runs from "Interferes a Lot" (1) to "Does Not Interfere" (5). So, as for every other
# item, **a high score is the favourable answer**. Keep this in mind in notebook 08, where the
# sign of a correlation with this item is interpreted.
#
# For the ANOVAs the authors grouped respondents into two coded factors (Chinman et al., 2002,
# Method: Analyses):
#
# * **training**: *advanced* for psychiatrists, psychologists, nurses, social workers,
#   master's-level clinicians and administrators; *mental health worker* for the mental health
#   workers, who usually hold a bachelor's degree;
# * **setting**: *treatment* for community mental health centres, partial hospital programmes
#   and the state hospital; *rehabilitation* for social, vocational and residential
#   rehabilitation programmes; *case management* for case-management programmes and ACT
#   (assertive community treatment) teams.

# %% [markdown]
# ## The analysis
#
# ### Single items on a bounded scale
#
# Each construct is measured by **one item**. That keeps a survey short enough for busy staff
# to return, but it has costs a methods student should name: no internal-consistency
# reliability can be estimated, random response error is not averaged away (which attenuates
# correlations with other variables), and the item's wording *is* the construct. "Helpfulness"
# here means a respondent's rating on a bipolar harmful-to-helpful scale of a whole category of
# groups, which they may know only by reputation.
#
# The answers are also **ordinal and bounded**. Treating 1-to-5 ratings as interval scores and
# comparing means is standard practice and usually harmless, but near a boundary the
# distribution piles up at the end of the scale (a *ceiling*) and becomes skewed. Look at the
# distributions of all ten ratings. The paper printed no distributions, so these shapes are the
# rebuild's choice: read them as an example of what bounded ratings can look like, not as the 2002
# answers.

# %%
ms.labelled(ms.plot_item_distributions, data)

# %% [markdown]
# And the same as numbers, one row per item and group type:

# %%
item_columns = [
    "familiarity_ms", "familiarity_twelve_step", "helpfulness_ms", "helpfulness_twelve_step",
    "referral_ms", "referral_twelve_step", "interference_ms", "interference_twelve_step",
    "value_ms", "value_twelve_step",
]
ms.labelled(lambda d: ms.describe(d, item_columns).set_index("variable"), data)

# %% [markdown]
# > **Discuss (5 min).** Is one question a good measure of
# > "helpfulness"? What is lost, and what is gained, by single items in a survey of busy staff?

# %% [markdown]
# Three things to notice.
#
# * **Attitude items sit high.** The means of helpfulness, value and (non-)interference are near
#   4 or above for both group types, and the provenance column shows they barely move between
#   rebuilds. A mean of 4 on a 1-to-5 scale forces at least half the answers to be 4s or 5s, so
#   there is little room for groups to differ, and a difference in means can come from a few
#   respondents at the low end.
# * **Behaviour and knowledge sit lower.** Referral and familiarity have lower means. This gap
#   between attitude and behaviour is one of the paper's main discussion points (notebook 09).
#   How widely the answers spread under each mean is the rebuild's choice.
# * **A bounded scale limits the SD.** On a 1-to-5 scale, the largest standard deviation
#   possible for a given mean M is the square root of (M − 1)(5 − M), reached when every answer
#   is a 1 or a 5 (Bhatia & Davis, 2000). The closer the mean is to an end, the smaller the room
#   for spread. Notebook 04 uses this bound to check two numbers printed in the paper's text.
#
# How much do the shapes depend on the rebuild? The share of answers that are a 5, for four of
# the ten ratings, in every rebuild (one dot each; the open diamond is the data loaded here):

# %%
def share_of_fives(d):
    shown = {"helpfulness_twelve_step": "helpfulness (12-step)", "value_twelve_step": "value (12-step)",
             "referral_twelve_step": "referral (12-step)", "interference_ms": "interference (psychiatric)"}
    return {f"share answering 5, {label}": d[column].dropna().eq(5).mean() for column, label in shown.items()}


ms.show_ensemble(share_of_fives, data)

# %% [markdown]
# The means barely move between rebuilds; the share of top answers can move by several
# percentage points (helpfulness of 12-step groups, for one). A sentence such as "most providers
# gave 12-step groups the top helpfulness rating" would be a statement about one rebuild.
#
# ### Why group type is a within-subjects factor
#
# Because *the same person* rated both group types, the two ratings of one item are paired. A
# respondent who answers every question generously will be generous about both kinds of group;
# comparing the two answers *within* each person removes that person-level tendency from the
# comparison. This is why the paper's ANOVA treats group type as a repeated measure rather than
# comparing two independent groups of answers (notebook 04).
#
# ### Missing answers
#
# Respondents skipped some questions. Here is each item column with the number answered and
# missing. The paper printed only how many respondents each ANOVA used, so these counts per
# column are the rebuild's choice, within a few answers (the provenance column):

# %%
ms.labelled(lambda d: ms.missingness(d).set_index("column"), data)

# %% [markdown]
# As a picture: on the left one column per respondent who skipped anything (those with the most
# skips first), one row per item column, black where the answer is missing. A column with several
# black cells is one person who skipped several items. On the right, the count per item. Which
# respondents skip which items is the rebuild's choice: the paper prints only how many answered
# each analysis.

# %%
ms.labelled(ms.plot_missingness, data)

# %% [markdown]
# How many people skipped anything at all, and how many skipped three or more items, in every
# rebuild:

# %%
def skips(d):
    columns = list(ms.missingness(d)["column"])
    skipped = d[columns].isna().sum(axis=1)
    return {"respondents who skipped any item": (skipped > 0).sum(),
            "respondents who skipped 3 or more items": (skipped >= 3).sum()}


ms.show_ensemble(skips, data)

# %% [markdown]
# The paper does not say how it handled missing answers, but its degrees of freedom point to
# **listwise deletion within each item** (our inference): a respondent enters the familiarity
# ANOVA only if they rated familiarity for both group types *and* have a training and a setting
# code. Each item's ANOVA therefore has its own N, which you can read off the printed
# denominator degrees of freedom (notebook 04 shows how). The helper states it under every
# table:

# %%
ms.mixed_anova(data, "familiarity").note

# %% [markdown]
# Skipping is not random noise to be ignored. The printed degrees of freedom show that each
# ANOVA they are given for lost respondents, familiarity the fewest. An item about the respondent's own practice,
# such as referral, may be hard to answer for someone who never refers, or who does not know
# psychiatric groups at all; if such people skipped it, the respondents in that ANOVA are the
# better-informed ones. Who skipped is exactly what the rebuild had to invent, so these data
# cannot tell you whether that happened in 2002.
#
# ### The coded factors
#
# **Training** follows discipline exactly: every discipline maps to one level, and "Other" or
# a missing discipline gets no training code.

# %%
ms.labelled(ms.crosstab, data, "discipline", "training")

# %% [markdown]
# **Setting** does not follow Table 1 so simply. The paper's coded group sizes for treatment
# and rehabilitation are *larger* than the sums of the corresponding named settings in Table 1.
# The only way to get there is that some respondents whose setting Table 1 lists as "missing or
# other" were coded into a level, presumably from a setting they wrote in by hand. No rule
# applied to the recorded setting can reproduce that coding, so the data file **stores** the
# three-level setting (`setting3`) instead of deriving it. The codebook enforces the part of the
# rule that can be checked: a respondent with a named setting must be coded to that setting's
# level.

# %%
ms.labelled(ms.crosstab, data, "setting", "setting3")

# %% [markdown]
# Look at the "Other" and "(missing)" rows: those respondents are the ones coded by hand. Their
# counts are the same in every rebuild (the printed totals fix them); which individuals they are
# is the rebuild's choice. It is a
# good example of an analysis decision that a paper reports only implicitly (through group
# sizes) and a replication has to reconstruct. In your own research, store such codings in the
# data file and document the rule.

# %% [markdown]
# > **Discuss (5 min).** The paper coded some respondents' setting from information not in
# > Table 1. How should a paper report such coding decisions?

# %% [markdown]
# ## Paper vs here
#
# The group sizes of the coded factors stated in the paper's Analyses section, beside the
# sizes in the data.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="derived_factors"), data)

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). The proofs are in `mutsup verify` and in notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Choose an item and a between factor and look at the means of the two group types. Start with
# *interference* and remember which end is favourable.

# %%
from mutsup_helpers.views import widgets

widgets.anova_explorer(data, item="interference")

# %% [markdown]
# The explorer opens on the paper's full model (training and setting as between factors); the
# same table without widgets:

# %%
ms.labelled(ms.anova_table, data, "interference")

# %% [markdown]
# Switch the explorer's between factor to setting alone and look at the interference × setting
# row again:

# %%
def interaction_setting_only(d):
    table = ms.anova_table(d, "interference", between="setting3")
    return table[table.index == "group_type:setting3"][["F", "p"]]


ms.labelled(interaction_setting_only, data)

# %% [markdown]
# On the shipped data it is significant in the smaller model, although the paper reports no
# effect of any kind on interference; the provenance line says in what share of the rebuilds it
# is. Dropping training changes what the setting comparison
# adjusts for, so the two models answer different questions; the paper's is the full one, and a
# result of the smaller model is not a finding of the paper. How far the two models differ
# depends on how strongly training and setting are associated, which the paper does not print:
# the association in these data is the rebuild's choice.

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
# manual: true
# points: 2

# %% [markdown]
# **Exercise 1 (written).** A respondent answers 2 to the interference question for psychiatric
# groups and 5 for 12-step groups. Describe in words what they are telling you, and which group
# type they view more favourably on this item.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# A 2 is near "Interferes a Lot": they find psychiatric groups get in the way of their work fairly
# often. A 5 is "Does Not Interfere": 12-step groups do not get in the way at all. They view 12-step
# groups more favourably on this item. The higher score is the better one, as for the other four
# items.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 1, 2 points).* 1 point: both answers put in the anchors' words (2 near
# "interferes a lot", 5 "does not interfere"). 1 point: 12-step groups viewed more favourably, with
# the reason that a higher score is the favourable end on this item too.

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 1

# %% [markdown]
# **Exercise 2 (code).** Which item column has the most missing answers? Count the missing answers
# per item column with pandas (the ten columns named `{item}_{group}`) and store the column's name
# in `ex2_most_missing`. Then store the number of respondents in the familiarity and the referral
# ANOVAs in `ex2_n_familiarity` and `ex2_n_referral` (`ms.mixed_anova(...).n`). Why do they
# differ?

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
# Listwise deletion per item: an ANOVA keeps only respondents who answered both group types of
# its item (and have both codes), so the item skipped more often has the smaller ANOVA.
items = [f"{item}_{group}" for item in ("familiarity", "helpfulness", "referral", "interference", "value")
         for group in ("ms", "twelve_step")]
ex2_most_missing = data[items].isna().sum().idxmax()  # SOLUTION
ex2_n_familiarity = ms.mixed_anova(data, "familiarity").n  # SOLUTION
ex2_n_referral = ms.mixed_anova(data, "referral").n  # SOLUTION
# BEGIN SOLUTION NO PROMPT
# The Ns are fixed by the printed df; which single column is skipped most is the rebuild's choice:


def most_skipped(d):
    missing = d[items].isna().sum()
    return {"most skipped": " = ".join(missing[missing == missing.max()].index)}


ensemble = ms.across_worlds(most_skipped, data)
print(ensemble.attrs["note"] or "Most skipped column (ties joined by =), in how many rebuilds: " + "; ".join(
    f"{name}: {count}" for name, count in ensemble["most skipped"].value_counts().items()))
# END SOLUTION
ex2_most_missing, ex2_n_familiarity, ex2_n_referral

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_most_missing(DATA_PATH, ex2_most_missing):
    from mutsup_helpers import analysis as ms
    missing = ms.missingness(ms.load_providers(DATA_PATH))
    items = missing[missing["column"].str.endswith(("_ms", "_twelve_step"))]
    tied = set(items.loc[items["missing"] == items["missing"].max(), "column"])
    assert ex2_most_missing in tied, f"ex2_most_missing: {ex2_most_missing!r} is not the most often skipped"


test_most_missing(DATA_PATH, ex2_most_missing)

# %%
def test_anova_ns(DATA_PATH, ex2_n_familiarity, ex2_n_referral):
    from mutsup_helpers import analysis as ms
    fresh = ms.load_providers(DATA_PATH)
    ms.check_number(ex2_n_familiarity, ms.mixed_anova(fresh, "familiarity").n, "ex2_n_familiarity")
    ms.check_number(ex2_n_referral, ms.mixed_anova(fresh, "referral").n, "ex2_n_referral")


test_anova_ns(DATA_PATH, ex2_n_familiarity, ex2_n_referral)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# points: 1

# %% [markdown]
# **Exercise 3 (code).** How many respondents whose recorded setting is "Other" or missing were
# coded into one of the three settings? Store the number in `ex3_recoded` (columns `setting` and
# `setting3`). Why could a script not have done this coding from the recorded columns?

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
# BEGIN SOLUTION NO PROMPT
# The "Other" and "(missing)" rows of the crosstab. The information used (what the respondent
# wrote in) is not among the recorded columns, so the coding cannot be recomputed; it has to be
# stored. Which of these respondents went to which level is the rebuild's choice: the paper
# prints only the coded totals.
display(ms.labelled(lambda d: ms.crosstab(d, "setting", "setting3").reindex(["Other", "(missing)"]), data))
# END SOLUTION
recorded_other = data["setting"].isna() | (data["setting"] == "Other")
ex3_recoded = int((recorded_other & data["setting3"].notna()).sum())  # SOLUTION
ex3_recoded

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_recoded(DATA_PATH, ex3_recoded):
    from mutsup_helpers import analysis as ms
    table = ms.crosstab(ms.load_providers(DATA_PATH), "setting", "setting3")
    rows = table.reindex(["Other", "(missing)"]).fillna(0)
    coded = [c for c in rows.columns if str(c).lower() not in ("(missing)", "total")]
    ms.check_number(ex3_recoded, rows[coded].to_numpy().sum(), "ex3_recoded")


test_recoded(DATA_PATH, ex3_recoded)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# points: 1

# %% [markdown]
# **Exercise 4 (code).** Write a function `max_sd(mean, low=1, high=5)` that returns the largest
# possible standard deviation of answers on a `low`-to-`high` scale whose mean is `mean` (the square
# root of (mean − low)(high − mean)). What is it for an item whose mean is 4.9 on the 1-to-5 scale?
# What does that tell you about comparing variability between an attitude item and a behaviour
# item?

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
# BEGIN SOLUTION NO PROMPT
def max_sd(mean, low=1, high=5):
    return ((mean - low) * (high - mean)) ** (1 / 2)


# END SOLUTION
# An item near the ceiling *cannot* be very variable, so a smaller SD for an attitude item than
# for the referral item may say more about where the mean sits than about how much providers agree.
ms.rounded(max_sd(4.9))

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_max_sd_at_the_ceiling(max_sd):
    from mutsup_helpers import analysis as ms
    ms.check_function(max_sd, lambda mean: ((mean - 1) * (5 - mean)) ** (1 / 2), [(4.9,), (3,)], "max_sd")


test_max_sd_at_the_ceiling(max_sd)

# %%
""" # BEGIN TEST CONFIG
hidden: true
""" # END TEST CONFIG
def test_max_sd(max_sd):
    from mutsup_helpers import analysis as ms

    def reference(mean, low, high):
        return ((mean - low) * (high - mean)) ** (1 / 2)

    cases = [(4.9, 1, 5), (3, 1, 5), (1, 1, 5), (2.25, 1, 7), (0.375, 0, 1)]
    ms.check_function(max_sd, reference, cases, "max_sd")


test_max_sd(max_sd)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Summary
#
# * Five single items, each asked about both group types on a 1-to-5 scale. For every item,
#   including interference, 5 is the favourable answer.
# * Attitude items have high means, referral and familiarity lower ones, in every rebuild.
#   Bounded scales limit the SD and produce skew near the ends.
# * The paper printed no distributions and no pattern of skipped answers: the histogram shapes
#   and who skipped what are the rebuild's choice, and the strips show how much they move.
# * Each ANOVA uses the respondents who answered its item for both group types and have both
#   factor codes, so Ns differ by item.
# * Training is derived from discipline; setting had to be stored, because the paper's coded
#   setting sizes exceed Table 1's named settings, so (we infer) some respondents were coded
#   from information not in Table 1.

# %% [markdown]
# ## References
#
# Bhatia, R., & Davis, C. (2000). A better bound on the variance. *The American Mathematical
# Monthly, 107*(4), 353–357.
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
