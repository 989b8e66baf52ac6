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
ms.labelled_paper_numbers(pub.table3)

# %% [markdown]
# ## The analysis
#
# ### Table 3 from the data, with pairwise N
#
# Each correlation uses every respondent who answered both variables (*pairwise deletion*), so
# each cell of Table 3 has its own N. The paper does not print these Ns; the helper does, along
# with p, a confidence interval and the stars the paper's rule would give. Rows are named
# item/group type; the provenance column marks the rs and stars the paper printed.

# %%
# the printed numbers (registry targets), less those no data set can reproduce (notebook 10 proves which)
targets = set(pub.targets()["target"]) - {u["target"] for u in ms.unreachable_targets(pub)}


def table3_rows(d, method="pearson"):
    table = ms.table3(d, method=method)
    return table.drop(columns=["item", "group_type"]).set_index(table["item"] + "/" + table["group_type"])


def table3_printed(table):
    """{(row, column): target} for the cells of table3_rows that the paper printed (Pearson's r and stars)."""
    cells = {(row, f"{kind}_{years}"): f"table3/{row}/{years}/{kind}" for row in table.index
             for years in ("years_in_setting", "years_in_discipline") for kind in ("r", "stars")}
    return {cell: target for cell, target in cells.items() if target in targets}


def record_printed(years, column):
    """The cells of a correlation record (ms.correlate) that the paper printed."""
    item, group_type = column.rsplit("_", 1) if not column.endswith("twelve_step") else (column[:-12], "twelve_step")
    cells = {kind: f"table3/{item}/{group_type}/{years}/{kind}" for kind in ("r", "stars")}
    return {cell: target for cell, target in cells.items() if target in targets}


P_COLUMNS = ("p_years_in_setting", "p_years_in_discipline")
ms.labelled(table3_rows, data, printed=table3_printed(table3_rows(data)), p_values=P_COLUMNS)

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (cor.test, Pearson and Spearman): open to see the code</summary>
#
# ```r
# # R track: table3 correlations
# source("mutsup_helpers/r/providers.R")
# d <- read_providers("data/providers.csv")
# ratings <- paste0(rep(c("familiarity", "helpfulness", "referral", "interference", "value"), each = 2),
#                   c("_twelve_step", "_ms"))
# # Pearson as the paper, and Spearman (ranks; the normal approximation, exact = FALSE) beside it
# correlations <- do.call(rbind, lapply(c("pearson", "spearman"), function(method)
#   do.call(rbind, lapply(c("years_in_setting", "years_in_discipline"), function(years)
#     do.call(rbind, lapply(ratings, function(rating) {
#       test <- cor.test(d[[years]], d[[rating]], method = method, exact = FALSE)  # pairwise complete cases
#       data.frame(method = method, years = years, rating = rating, r = unname(test$estimate),
#                  n = sum(complete.cases(d[[years]], d[[rating]])), p = test$p.value)
#     }))))))
# correlations
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %% [markdown]
# One correlation in full:

# %%
ms.labelled(ms.correlate, data, "years_in_setting", "familiarity_ms",
            printed=record_printed("years_in_setting", "familiarity_ms"))

# %% [markdown]
# ### What a small correlation looks like
#
# The correlations in Table 3 are all small. A scatter plot shows what that means. Because the
# item takes only five values, the points form horizontal stripes; the fitted line rises a
# little from left to right.

# %%
ms.labelled(ms.plot_years_scatter, data, "years_in_setting", "familiarity", "ms",
            printed=record_printed("years_in_setting", "familiarity_ms"))

# %% [markdown]
# > **Discuss (5 min).** A correlation table prints stars but
# > no Ns. What can a reader check, and what not?

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
ms.labelled(ms.plot_years_scatter, data, "years_in_setting", "interference", "ms",
            printed=record_printed("years_in_setting", "interference_ms"))

# %% [markdown]
# > **Discuss (10 min).** The authors read a negative
# > correlation with the interference item as "less interference". Argue from the anchors and from
# > Table 2 which reading is right. What does it change for the paper's recommendations?

# %% [markdown]
# ### Two measures of experience, not two pieces of evidence
#
# Years in the setting cannot exceed years in the discipline, so the two must go together to
# some degree. How strongly, the paper does not say: Table 1 gives each one's mean and SD, never
# their correlation. In these data:

# %%
ms.labelled(ms.correlate, data, "years_in_setting", "years_in_discipline")

# %% [markdown]
# That r is the rebuild's choice. Every rebuild starts the solver from the same place, so even
# their agreement is no evidence about the study; here is how far it moves across them:

# %%
ms.show_ensemble(lambda d: {"r": d["years_in_setting"].corr(d["years_in_discipline"])}, data,
                 names={"r": "r of years in setting with years in discipline"})

# %% [markdown]
# If the two are as closely related in the study as in the rebuilds, a row of Table 3 in which
# both correlate with familiarity is largely one finding seen twice, not two independent
# confirmations. The paper's numbers cannot tell us whether they are.

# %% [markdown]
# ## Paper vs here
#
# Every r and every star of Table 3, printed beside the recomputed value.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="table3"), data)

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
ms.labelled(ms.correlate, data, "years_in_setting", "familiarity_ms",
            printed=record_printed("years_in_setting", "familiarity_ms"))

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
# **Exercise 1 (written).** In the printed Table 3, find a cell whose r is larger than another cell's r
# but which carries fewer stars. Look up the two cells' pairwise Ns in the recomputed table. Can the
# difference in N explain the stars? (The paper prints no N: the provenance column shows how far
# each N moves across the rebuilds. Could that change your answer?)

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# Every such pair, found by code in the instructor's copy (the cell below the rubric), with the
# recomputed pairwise Ns. A larger r with fewer stars needs a clearly smaller N; where the Ns are
# similar, the printed stars cannot both be right, a reporting inconsistency (notebook 10 checks it
# for every cell).

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 1, 2 points).* 1 point: a correct pair (larger |r|, fewer stars) with both
# pairwise Ns. 1 point: the argument that a star is p at that N, so a larger r can earn fewer stars
# only with a clearly smaller N, and that similar Ns make the two stars inconsistent.

# %% jupyter={"source_hidden": true} tags=["solution"]
# Every larger-r-fewer-stars pair of the printed Table 3, with the recomputed pairwise Ns.
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

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 1

# %% [markdown]
# **Exercise 2 (code).** Compute one cell of Table 3 with Spearman's rank correlation yourself, with
# pandas or scipy: the correlation of years in the setting with familiarity with psychiatric groups
# (`years_in_setting`, `familiarity_ms`, pairwise complete cases). Store it in `ex2_rho`.
#
# The paper printed Pearson's r only, so every rank correlation is the rebuild's choice. Use
# `ms.across_worlds` (it takes a function of a data set) to compute this ρ and its p in every
# rebuild: give the 5-95% range of ρ and the share of rebuilds in which it is significant. Then
# look at the whole table, `ms.table3(data, method="spearman")`, with its provenance: which of the
# Pearson table's conclusions hold in every rebuild, which depend on the rebuild? Why might a rank
# correlation be the better summary here?

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
# BEGIN SOLUTION NO PROMPT
# The items are ordinal with five values and years are right-skewed, so a rank correlation is
# less driven by a few long-serving respondents and makes no interval assumption about the
# ratings. Whether its stars match Pearson's cannot be read off the paper: the ranks depend on
# how the rebuild spread the answers, so ask in what share of the rebuilds each rho is
# significant (the provenance column says).
display(ms.labelled(table3_rows, data, "spearman", p_values=P_COLUMNS))
def spearman_rho(d):
    return ms.correlate(d, "years_in_setting", "familiarity_ms", method="spearman")[["r", "p"]]


worlds = ms.across_worlds(spearman_rho, data)
if worlds.empty:
    print(worlds.attrs["note"])
else:
    low, high = worlds["r"].quantile([0.05, 0.95])
    print(f"rho across {len(worlds)} rebuilds (5-95%): {low:.3f} to {high:.3f}, "
          f"significant in {(worlds['p'] < ms.ALPHA).mean():.0%} of them")
# END SOLUTION
ex2_rho = data["years_in_setting"].corr(data["familiarity_ms"], method="spearman")  # SOLUTION
ms.rounded(ex2_rho)

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_spearman(DATA_PATH, ex2_rho):
    from mutsup_helpers import analysis as ms
    record = ms.correlate(ms.load_providers(DATA_PATH), "years_in_setting", "familiarity_ms", method="spearman")
    ms.check_number(ex2_rho, record["r"], "ex2_rho")


test_spearman(DATA_PATH, ex2_rho)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# manual: true
# points: 2

# %% [markdown]
# **Exercise 3 (written).** A colleague summarises Table 3 as "experienced staff see psychiatric
# groups as less disruptive". Write a two-sentence reply.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] jupyter={"source_hidden": true} tags=["solution"]
# On the interference item a high score means "does not interfere", so the negative correlation
# says experienced staff gave *lower* scores, i.e. reported somewhat *more* interference, unless
# the item was reverse-scored, which the paper does not say and Table 2's high means argue
# against. In any case the correlation is small: years account for a very small share of the
# variation in these ratings.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 3, 2 points).* 1 point: reads the sign against the anchors (5 = does not
# interfere), so a negative r means more reported interference with more experience, or says
# exactly what reverse-scoring would have to be true for the colleague to be right. 1 point: puts
# the size in words (r squared, a small share of variance). No point for restating the colleague's
# reading.

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# points: 2

# %% [markdown]
# **Exercise 4 (code).** Write a function `p_from_r(r, n)` that returns the two-sided p value of a
# Pearson correlation r computed on n pairs (t = r √(n − 2) / √(1 − r²) on n − 2 df; scipy's `stats.t`
# has the distribution). Use it for the correlation of years in the setting with familiarity with
# psychiatric groups on these data (`ms.correlate` gives r and N) and store the p in `ex4_p`, and
# the share of the variance of familiarity that years account for in `ex4_r2`.

# %% [raw]
# # BEGIN SOLUTION

# %% jupyter={"source_hidden": true} tags=["solution"]
from scipy import stats


# BEGIN SOLUTION NO PROMPT
def p_from_r(r, n):
    t = r * ((n - 2) / (1 - r**2)) ** (1 / 2)
    return 2 * stats.t.sf(abs(t), n - 2)


# END SOLUTION
record = ms.correlate(data, "years_in_setting", "familiarity_ms")
ex4_p = p_from_r(record["r"], record["n"])  # SOLUTION
ex4_r2 = record["r"] ** 2  # SOLUTION
ms.rounded({"p": ex4_p, "r squared": ex4_r2})

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_p_and_r2_on_the_data(DATA_PATH, ex4_p, ex4_r2):
    from mutsup_helpers import analysis as ms
    record = ms.correlate(ms.load_providers(DATA_PATH), "years_in_setting", "familiarity_ms")
    ms.check_number(ex4_p, record["p"], "ex4_p")
    ms.check_number(ex4_r2, record["r"] ** 2, "ex4_r2")


test_p_and_r2_on_the_data(DATA_PATH, ex4_p, ex4_r2)

# %%
""" # BEGIN TEST CONFIG
hidden: true
""" # END TEST CONFIG
def test_p_from_r_function(p_from_r):
    from scipy import stats

    from mutsup_helpers import analysis as ms

    def reference(r, n):
        return 2 * stats.t.sf(abs(r) * ((n - 2) / (1 - r**2)) ** (1 / 2), n - 2)

    ms.check_function(p_from_r, reference, [(0.3, 50), (-0.12, 419), (0.9, 5), (0.0, 30)], "p_from_r")


test_p_from_r_function(p_from_r)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

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
# * Years in setting cannot exceed years in discipline, so the two overlap; how much, the paper
#   does not print (in the rebuilds, heavily). If they overlap heavily in the study too, they are
#   not two independent confirmations.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Cumming, G. (2014). The new statistics: Why and how. *Psychological Science, 25*(1), 7–29.
# https://doi.org/10.1177/0956797613504966
