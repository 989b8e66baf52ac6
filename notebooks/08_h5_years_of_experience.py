# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08 H5: Years of experience
#
# Do providers with more years in their setting or discipline view mutual support more
# favourably? Table 3, small correlations, what the stars mean, and a sign that needs a second
# look.
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
# 1. compute and read a Pearson correlation with its pairwise N, p value and confidence
#    interval, and picture what a small r looks like in a scatter plot;
# 2. explain what a significance star in a correlation table does and does not say, and why
#    the same r can earn different stars;
# 3. interpret the sign of a correlation with an item by going back to the item's anchors;
# 4. judge when a rank correlation is the better summary.

# %% [markdown]
# ## What the paper claims
#
# The fifth hypothesis was that the longer providers had worked, in their current setting and in
# their discipline, the more favourable their attitudes towards mutual support, having had more
# opportunities to see its benefits (Chinman et al., 2002, The Current Study).
#
# Table 3 correlates both kinds of years with each of the ten ratings. The text says that more
# years went with greater familiarity with both group types and with more referral to *both*
# group types; Table 3's stars support the referral claim only for 12-step groups. Years also
# correlated *negatively* with the interference rating for psychiatric groups, which the authors
# read as more experienced staff seeing *less* interference from these groups (Chinman et al.,
# 2002, Results: Length of Experience; Table 3). The authors call the findings consistent with
# their hypothesis (Discussion); our reading is that H5 is partly supported.
#
# Table 3 as printed, with its stars:

# %%
pub.table3

# %% [markdown]
# ## The analysis
#
# ### Table 3 from the data, with pairwise N
#
# Each correlation uses every respondent who answered both variables (*pairwise deletion*), so
# each cell of Table 3 has its own N. The paper does not print these Ns; the helper does, along
# with p, a confidence interval and the stars the paper's rule would give.

# %%
ms.table3(data)

# %% [markdown]
# One correlation in full:

# %%
ms.correlate(data, "years_in_setting", "familiarity_ms")

# %% [markdown]
# ### What a small correlation looks like
#
# The correlations in Table 3 are all small. A scatter plot shows what that means. Because the
# item takes only five values, the points form horizontal stripes; the fitted line rises a
# little from left to right.

# %%
ms.plot_years_scatter(data, "years_in_setting", "familiarity", "ms")

# %% [markdown]
# Square a correlation to get the share of variance the two variables have in common. For the
# correlations in Table 3 that share is at most a few per cent: years of experience
# "explain" very little of how familiar a provider is with the groups. A correlation can be
# reliably different from zero and still be a weak association. Note also that years are
# right-skewed (notebook 02): a handful of veterans at the right of the plot have a large
# influence on Pearson's r.
#
# ### What the stars mean
#
# A star says one thing: *given this r and this N*, the two-sided p value is below a threshold
# (one star for .05, two stars for the 1% level in Table 3). The p value of a correlation depends
# on r and N together, through
#
# $$t = \frac{r\sqrt{N-2}}{\sqrt{1-r^2}}, \qquad df = N - 2.$$
#
# For large N the smallest r that reaches p < .05 is roughly 1.96 / √N: about one tenth for
# samples of a few hundred, and much larger for small samples. Three consequences:
#
# * **A star is about p, not about strength.** A star on a small r in a large sample and a
#   star on a large r in a small sample say the same thing about p and very different things
#   about the association.
# * **Stars depend on pairwise N.** Within one table, cells with fewer respondents need a larger
#   r for the same star. A table that prints stars but not Ns leaves the reader unable to check
#   them.
# * **Stars can check themselves.** If a larger r carries *fewer* stars than a smaller r in the
#   same table, the larger r must come from a noticeably smaller N, or one of the stars is wrong.
#   Exercise 1 asks you to look for such pairs in the printed Table 3.
#
# The confidence interval is more informative than the stars: it shows which population
# correlations are compatible with the data (Cumming, 2014). For correlations it is computed on
# Fisher's z scale and transformed back, which is why it is not symmetric around r.
#
# ### The interference item: which way is favourable?
#
# Return to the anchors of the interference question (notebook 03): "How much does each group
# interfere with or disrupt your delivery of mental health services", answered from 1,
# "Interferes a Lot", to 5, "Does Not Interfere". A **high** score is the favourable answer.
#
# A **negative** correlation between years and this item therefore means that providers with
# more years gave *lower* scores, that is, they reported *more* interference from psychiatric
# groups. The authors read the same negative sign as *less* interference. Both readings cannot
# be right. Either the item was reverse-scored before the correlations were computed (the paper
# does not say so), or the authors' reading is backwards.
#
# The paper itself offers a way to decide. In Table 2 (notebook 07), the interference means for
# psychiatric groups sit near the top of the scale, like those of helpfulness and value. If
# the item had been reversed so that high meant "interferes a lot", providers would be saying
# that psychiatric groups interfere a great deal, which fits neither the rest of the paper nor
# the authors' own description of providers' warm attitudes. On the evidence of the printed
# numbers, the item was scored as described, and the negative correlation means more
# experienced staff saw somewhat *more* interference. It is a small correlation either way,
# but the direction matters for the paper's recommendation (Implications for Increasing
# Utilization of Mutual Support) that staff with more experience and training serve as
# program champions for mutual support. Notebook 10's audit reaches the same
# verdict by rule: the authors' reading runs against the scale.

# %%
ms.plot_years_scatter(data, "years_in_setting", "interference", "ms")

# %% [markdown]
# ### Two measures of experience, not two pieces of evidence
#
# Years in the setting cannot exceed years in the discipline, and the two are strongly related.
# When both correlate with familiarity, that is largely one finding seen twice, not two
# independent confirmations.

# %%
ms.correlate(data, "years_in_setting", "years_in_discipline")

# %% [markdown]
# ## Paper vs here
#
# Every r and every star of Table 3, printed beside the recomputed value.

# %%
ms.paper_vs_here(data, pub, section="table3")

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals (for stars: the recomputed p earns the printed stars);
# **mismatch** means it does not; **unreachable** means no data set could produce the printed
# value, because the paper's own numbers rule it out. The proofs are in `mutsup verify` and in
# notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Pick a years variable and an item, and switch between Pearson and Spearman. Watch how N, r and
# the interval change together.

# %%
from mutsup_helpers.views import widgets

widgets.correlation_explorer(data)

# %% [markdown]
# The default correlation without widgets:

# %%
ms.correlate(data, "years_in_setting", "familiarity_ms")

# %% [markdown]
# ## Check your understanding
#
# **Exercise 1.** In the printed Table 3, find a cell whose r is larger than another cell's r
# but which carries fewer stars. Look up the two cells' pairwise Ns in the recomputed table. Can
# the difference in N explain the stars?

# %% tags=["solution"] jupyter={"source_hidden": true}
# Every such pair in the printed table, found by code, with the recomputed pairwise Ns. A larger
# r with fewer stars needs a clearly smaller N; where the Ns are similar, the printed stars
# cannot both be right, a reporting inconsistency (notebook 10 checks it for every cell).
rank = {"": 0, "*": 1, "**": 2}
cells = [(row.item, row.group_type, years, getattr(row, f"r_{years}"), getattr(row, f"stars_{years}"))
         for row in pub.table3.itertuples() for years in ("years_in_setting", "years_in_discipline")]
recomputed = ms.table3(data).set_index(["item", "group_type"])
for a in cells:
    for b in cells:
        if abs(a[3]) > abs(b[3]) and rank[a[4]] < rank[b[4]]:
            n_a, n_b = recomputed.loc[a[:2], f"n_{a[2]}"], recomputed.loc[b[:2], f"n_{b[2]}"]
            print(f"{a[0]} ({a[1]}) x {a[2]}: r = {a[3]}{a[4]}, N here {n_a}  vs  "
                  f"{b[0]} ({b[1]}) x {b[2]}: r = {b[3]}{b[4]}, N here {n_b}")

# %% [markdown]
# **Exercise 2.** Recompute Table 3 with Spearman's rank correlation. Which conclusions change?
# Why might a rank correlation be the better summary here?

# %% tags=["solution"] jupyter={"source_hidden": true}
# The items are ordinal with five values and years are right-skewed, so a rank correlation is
# less driven by a few long-serving respondents and makes no interval assumption about the
# ratings. If the pattern of stars is much the same, the conclusions are robust to that choice.
ms.table3(data, method="spearman")

# %% [markdown]
# **Exercise 3.** A colleague summarises Table 3 as "experienced staff see psychiatric groups as
# less disruptive". Write a two-sentence reply.

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# On the interference item a high score means "does not interfere", so the negative correlation
# says experienced staff gave *lower* scores, i.e. reported somewhat *more* interference, unless
# the item was reverse-scored, which the paper does not say and Table 2's high means argue
# against. In any case the correlation is small: years account for a very small share of the
# variation in these ratings.

# %% [markdown]
# **Exercise 4.** What share of the variance of familiarity with psychiatric groups do years in
# the setting account for?

# %% tags=["solution"] jupyter={"source_hidden": true}
# r squared: a small fraction of the variance (shown to six significant digits).
ms.rounded(ms.correlate(data, "years_in_setting", "familiarity_ms")["r"] ** 2)

# %% [markdown]
# ## Summary
#
# * More years go with more familiarity with both group types and more referral to 12-step
#   groups, but all correlations are small: years share only a few per cent of variance with any
#   rating. H5 is partly supported.
# * Each cell of a correlation table has its own pairwise N. A star is a statement about p at
#   that N; stars can be checked against N, and a table without Ns cannot be checked.
# * On the interference item, high is favourable. The negative correlation with years means more
#   reported interference among experienced staff, the opposite of the authors' reading, unless
#   the item was silently reversed.
# * Years in setting and years in discipline overlap heavily; they are not two independent
#   confirmations.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Cumming, G. (2014). The new statistics: Why and how. *Psychological Science, 25*(1), 7–29.
# https://doi.org/10.1177/0956797613504966
