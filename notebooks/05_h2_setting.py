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
pub.anova.query("effect == 'group_type:setting3'")[["item", "description"]]

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
ref = ms.mixed_anova(data, "referral")
ref.table

# %% [markdown]
# and the cell means behind it:

# %%
ref.cells

# %% [markdown]
# ### The paper's figures, redrawn
#
# Each figure puts setting on the x-axis and draws one line per group type. Error bars are
# confidence intervals of the means, which the paper did not show. Figure 1 is familiarity:

# %%
ms.plot_figure(data, 1)

# %% [markdown]
# Figure 3 is helpfulness:

# %%
ms.plot_figure(data, 3)

# %% [markdown]
# Figure 4 is referral, the strongest of the three:

# %%
ms.plot_figure(data, 4)

# %% [markdown]
# All three tell the same story, the one the paper's Setting paragraph tells. In treatment and
# case-management settings the 12-step line sits above the psychiatric line, the pattern of H1.
# In rehabilitation the lines move towards each other: rehabilitation staff are warmer than staff
# in *both* other settings towards psychiatric groups and cooler towards 12-step groups, so their
# *average* over the two is about the same as everyone else's. That is exactly "interaction
# without main effect". How close the lines come (in the shipped rebuild they about meet for
# helpfulness and cross for referral) is not in the paper: its text gives the order of the
# settings, never the size of the gaps.
#
# Because the paper gives only the order, the rebuild was held to bands of its own choosing: a
# gap of at least a tenth of a scale point before "higher" counts as visible, and the
# rehabilitation-versus-the-rest contrast carrying at least two thirds of the interaction. The
# table shows each claim, where in the paper it comes from, the band, and the value in these
# data. On a class's own survey the same table says whether the class's figures read the way the
# paper describes its own.

# %%
ms.shapes_view(data, pub, factor="setting3")

# %% [markdown]
#
# The interaction is easier to see if you plot what it tests, the difference score, directly:

# %%
ms.plot_interaction(data, "referral", view="difference")

# %% [markdown]
# A substantive reading, in the spirit of the authors' discussion: rehabilitation programmes
# (clubhouses, vocational and residential programmes) are where many psychiatric mutual support
# groups meet and where consumers work as staff, so their staff know and use these groups; their
# clients may also be less often referred for substance-use problems than clients in treatment
# settings. H2 as stated (warmer views overall) is not supported; a more specific version (the
# setting shapes *which* groups staff turn to) is. Keep in mind that setting was not assigned:
# rehabilitation staff also differ from treatment staff in training and much else (notebook 09).
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
ms.scheffe_readings(data, "referral").round(4)

# %% [markdown]
# Read the difference-score row: the largest pairwise Scheffé F exceeds the printed Type III
# F of the interaction, yet stays below the observed-means omnibus: the property holds for the
# same means and fails for the printed test. So the printed F cannot rule a reading out by the
# property alone. What it can do is make a reading implausible: under the mean-score reading a
# pair with p = .002 needs an omnibus of the observed means far above anything a
# non-significant Type III main effect usually sits beside, so the mean-score reading is
# unlikely, though in an unbalanced design not impossible. The difference-score and
# simple-effect readings are both consistent with the paper. Which one the synthetic data
# favour is the rebuild's choice (the solver was told to reproduce the Scheffé p under the
# difference-score reading), not a finding about the study.
#
# The full tables for referral, on the difference score and on the mean score. The columns say
# which family of contrasts and which error term each test uses, then the pair of levels, the
# difference, its standard error, the Scheffé F and its p value.

# %%
ms.scheffe(data, "referral", on="difference")

# %%
ms.scheffe(data, "referral", on="mean")

# %% [markdown]
# And for familiarity, where the interaction was significant but the paper found no significant
# pairwise Scheffé test:

# %%
ms.scheffe(data, "familiarity", on="difference")

# %% [markdown]
# This is the second bullet of the property at work: a significant omnibus, no significant
# pair. Looking at Figure 1, the contrast carrying the interaction is rehabilitation against the
# other two settings combined, not any one pair. If you had planned that contrast in advance, a
# single-df test of it would be the honest and more powerful choice; after the fact, Scheffé is
# the honest choice, and it is strict.

# %% [markdown]
# ## Paper vs here
#
# The printed group type × setting interactions beside the recomputed ones.

# %%
ms.paper_vs_here(data, pub, section="anova", effects=["group_type:setting3"])

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
ms.mixed_anova(data, "referral").table

# %% [markdown]
# ## Check your understanding
#
# **Exercise 1.** The helpfulness interaction was significant, but the paper reports no
# significant Scheffé test for it. Run the Scheffé tests on the difference score. Are any
# pairwise comparisons significant here? Which pair comes closest?

# %% tags=["solution"] jupyter={"source_hidden": true}
# With a significant but modest omnibus the pairwise Scheffé tests can all fall short. The
# count of significant pairs and the closest pair, computed:
pairs = ms.scheffe(data, "helpfulness", on="difference")
if pairs.empty:
    print("these data support no Scheffé tests among the settings")
else:
    closest = pairs.loc[pairs["p"].idxmin()]
    print(f"{int(pairs['significant'].sum())} of {len(pairs)} pairs significant; closest: "
          f"{closest.level_a} vs {closest.level_b}, p = {round(float(closest.p), 3)}")
pairs

# %% [markdown]
# **Exercise 2.** Set the paper's Scheffé statements beside the recomputed tests.

# %% tags=["solution"] jupyter={"source_hidden": true}
ms.paper_vs_here(data, pub, section="scheffe")

# %% [markdown]
# **Exercise 3.** Explain, without formulas, why a Scheffé contrast cannot be significant when
# the omnibus F of the same means is not, but a significant omnibus F does not guarantee a
# significant pairwise comparison. Why does the argument need "the same means"?

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
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

# %% [markdown]
# **Exercise 4.** Suppose someone runs Scheffé tests of the settings on the *mean* score for
# referral and reports "no significant differences between settings". Is that a test of H2, and
# is it a test of the interaction?

# %% tags=["solution"] jupyter={"source_hidden": true}
# On the mean score the Scheffé family belongs to the setting main effect, which is what H2
# predicted; so it is a (post hoc) look at H2 as stated. It says nothing about the interaction,
# which lives in the difference score. Whether any contrast here can be significant is decided
# by the omnibus of these observed means (ms.omnibus), not by the printed Type III main effect.
ms.scheffe(data, "referral", on="mean")

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
