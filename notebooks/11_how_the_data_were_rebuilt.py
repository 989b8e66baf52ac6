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
# # 11 How the data were rebuilt
#
# How a search program made up respondents whose answers give back the paper's printed
# statistics, how to check its work, and why summary statistics never pin down the data behind
# them.
#
# > **The data are synthetic.** This notebook is about how they were made. The respondents in
# > `data/providers.csv` are invented; the real survey answers were never published.

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
# 1. explain why this series teaches with a rebuilt data set, and sort the questions it can
#    answer from those it cannot;
# 2. describe in plain words how the data were rebuilt: targets with rounding bands, exact
#    feasibility checks before any search, splitting the problem into parts, simulated
#    annealing on running sums, realism as part of the target, and a fixed seed;
# 3. read the scorecard of `mutsup verify` and tell a printing error in the paper
#    (*unreachable*) from a miss of the search (*mismatch*);
# 4. judge whether a rebuilt data set looks like a survey, not only whether it hits its numbers;
# 5. show, with several rebuilds, that many different data sets give the same printed
#    statistics, and say what that means for "reproducing" a study from its summaries and for
#    checks such as GRIM and SPRITE.

# %% [markdown]
# ## What the paper claims
#
# The paper says nothing about rebuilding data; this notebook is about the project, not the
# study. What the paper *does* supply is the raw material: like most reports of its time it
# prints summary statistics only (Chinman et al., 2002). There are counts and percentages for
# the sample (Table 1), the mean and SD of the two years variables, Ns, means, SDs,
# significance flags and t-tests for the personal-experience groups (Table 2), correlations with
# stars (Table 3), F tests with their degrees of freedom and p values, the means and SDs of one
# item in the text, a Scheffé statement and descriptions of which means were higher.
#
# Each of these printed numbers, exactly as printed, is a *target* for the rebuild. The registry
# `data/published_results.yaml` holds them; `pub.targets()` lists them, one row each. How many
# there are in each part of the paper:

# %%
pub.targets()["section"].value_counts(sort=False)

# %% [markdown]
# Not every target is a number to round. Some say that a test was *not* significant, that a
# correlation carries a certain number of stars, that a group was flagged, or that one mean was
# above another:

# %%
pub.targets()["kind"].value_counts()

# %% [markdown]
# ## The analysis
#
# ### 1. Why a synthetic data set?
#
# The respondents' answers were never published, so nobody can rerun the paper's analyses on
# the real survey. A teaching series still needs data to compute with: a mixed ANOVA is learned
# by fitting one, not by reading its table. The project therefore *made up* a data set: a search
# program chose answers for imaginary respondents so that the paper's analyses, run on them,
# print the paper's numbers again at the paper's precision.
#
# It is worth being precise about what such a data set is.
#
# * **It can teach methods.** Every statistical point in notebooks 03 to 09 (how a mixed ANOVA
#   splits variance, why Type III differs from Type II in unbalanced cells, what a star means) is
#   true of any data set, and this one shares the awkward features of the real survey: unequal
#   cells, missing answers, ratings bunched near the top of the scale.
# * **It can test a report for coherence.** If one data set reproduces all the printed numbers
#   at once, those numbers can all be true together. If none can, the proof says which number
#   is wrong. Section 3 shows both.
# * **It cannot confirm the findings.** The rebuild was *built* to give the printed statistics.
#   Recomputing them from it checks our code and the paper's arithmetic, not whether providers
#   in Connecticut held these views. The argument would be circular.
# * **It cannot answer new questions.** Any quantity the paper did not print (a subgroup, a
#   correlation between two items, the shape of a histogram) was chosen by the search, within
#   limits, not observed. Sections 5 and 6 make this visible: three rebuilds side by side,
#   then a whole ensemble of them.
#
# ### 2. How the solver works
#
# The program lives in `mutsup_helpers/reconstruct/` and runs as
# `mutsup reconstruct --seed 20020401 --out providers.csv`; its design notes are in
# `mutsup_helpers/reconstruct/SOLVER_NOTES.md`. Here are its ideas in plain words.
#
# #### Targets become bands
#
# A printed number stands for every value that rounds to it: a mean printed with two decimals
# stands for an interval half a unit of its last decimal wide on either side. So each target
# becomes a *band*, an interval the recomputed value must land in. The solver shrinks each band
# by a tiny margin at both edges, so that floating-point noise in a later recomputation cannot
# push a hit over the edge. Words become bands too: "significant" is a p value a little below
# the threshold, "not significant" a p value a little above it, "higher" a difference of means
# with a sign. For a one-degree-of-freedom F test the solver works on a signed statistic, so that
# the effect cannot match its printed F while pointing the wrong way.
#
# #### Feasibility first
#
# Before searching, the program asks whether each target *can* be hit at all. For a rating from
# 1 to 5 this question has an exact answer, because everything the paper prints about a group of
# answers depends on three whole numbers only: how many answered ($n$), the sum of the answers
# ($S_1$) and the sum of their squares ($S_2$):
#
# $$\bar x = \frac{S_1}{n}, \qquad s^2 = \frac{S_2 - S_1^2 / n}{n - 1}.$$
#
# For a given $n$ there are only finitely many pairs $(S_1, S_2)$, the *integer states* of the
# group, and they can be listed: the sums whose mean rounds to the printed mean, and for each
# such sum the range of sums of squares from "answers as equal as possible" to "answers at the
# two ends of the scale". If no state prints as both the printed mean and the printed SD, then
# *no* data set can, and that is a proof, not a failed search. Here is the check for the smallest
# group in Table 2:

# %%
smallest = pub.table2.loc[pub.table2["n"].idxmin()]
ms.sd_check(smallest["mean"], smallest["sd"], [int(smallest["n"])])

# %% [markdown]
# `sd_min` and `sd_max` are the smallest and largest SD any answers with that mean can have;
# `exact` says that some integer state prints as both the mean and the SD. This row is possible.
# The same kind of reasoning gives the other proofs the program uses: the exact range of a
# t statistic over every data set with the printed group summaries, the range of sample sizes
# at which a correlation can earn its printed stars, the degrees of freedom an effect must have
# in this design, and the plain arithmetic of counts and percentages. The functions live in
# `mutsup_helpers/checks/integers.py` and `statistics.py`; the reporting audit (notebook 10) is
# built on them, and its findings are the proofs the scorecard shows.
#
# #### Readings for contradictions
#
# Where the proofs show that the paper contradicts itself, the rebuild has to follow *some*
# reading, and each one is written down (`data/README.md`, "Reconciliations"):
#
# * two Table 1 variables whose rows do not add up to the sample: the row for missing answers
#   takes up the difference;
# * percentages that no count out of the sample can give: the counts are kept;
# * coded setting groups larger than the named settings they contain: some respondents with a
#   written-in setting were given a coded setting;
# * an interaction printed with degrees of freedom the design cannot give: the design's df are
#   used, and with them the printed F gives the printed p;
# * two SDs in the text larger than any 1-to-5 answers with those means can have: the means are
#   kept, the SDs fall where they fall;
# * one Table 2 flag and one Table 3 star that no data set with the printed summaries can earn:
#   the summaries are kept, the flag and the star follow from them;
# * a Scheffé statement that cannot hold for the setting means: it is read as a comparison of
#   settings on the group-type difference score.
#
# #### Decide the coupled parts first
#
# Rebuilding everything at once would be one enormous search. The program splits it instead,
# deciding first the parts that many targets share:
#
# 1. **The respondents.** Every Table 1 variable gets exactly its printed counts. The labels are
#    dealt out by an assignment problem that prefers plausible combinations (psychiatrists
#    mostly in treatment settings, for example), with random noise so that different seeds give
#    different combinations. The coded factors (training, setting3) follow, including the
#    written-in settings above.
# 2. **Years.** Each respondent gets an age inside their age band, then a career that fits it:
#    years in the discipline cannot exceed age minus a plausible age at the start of a career,
#    and years in the current setting cannot exceed years in the discipline. The years are then
#    nudged, a whole year at a time, until their mean and SD print as in Table 1.
# 3. **Who answered what.** The Ns of Table 2 and the complete cases implied by each ANOVA's
#    degrees of freedom fix how many answers each question needs within each group. A small
#    search marks answers as given or skipped until every count is exact, while preferring to
#    put the skips in a few respondents, as real nonresponse tends to be.
#
# Once these are fixed, the five items no longer share any printed target: the paper never
# relates one item to another. So each item's pair of answers (psychiatric groups, 12-step
# groups) becomes a separate and much smaller problem. The one link the solver adds is its own:
# referral is solved after familiarity, with a band that keeps the two positively related.
#
# #### Simulated annealing on running sums
#
# Each item pair is solved by simulated annealing (Kirkpatrick et al., 1983). Start from some
# answers; propose a small random change; always accept it if it brings the statistics closer to
# their bands, and sometimes accept it even if it does not, with a probability that shrinks as a
# "temperature" falls. Early on the search roams widely; late in the run it settles. Matejka and
# Fitzmaurice (2017) used the same idea to build data sets with identical summary statistics
# and wildly different scatterplots.
#
# Two design choices make it fast and steerable.
#
# * **Moves with a narrow effect.** A move changes one or two answers, and each kind of move
#   leaves some statistics untouched:
#   * swap two respondents' answers to the same question, often two people in the same ANOVA
#     cell, so that the cell means do not move while Table 2 and Table 3 can;
#   * add one to one respondent's answer and take one from another's: the column total, and so
#     the mean, stays, while the spread changes;
#   * swap a respondent's own two answers: their average over the two group types stays, so the
#     between-subjects effects do not move, while their difference score changes sign;
#   * move a single answer one step up or down.
# * **Running sums.** Every statistic is a function of a fixed list of sums: for each Table 2
#   group, each of the six ANOVA cells (the two answers, their squares, the difference score and
#   its square), each years column (cross-products for the correlations). A move subtracts the
#   affected respondents' contributions, changes the answers and adds the contributions back.
#   That costs the same whatever the sample size: O(1) per move, so the search can afford
#   millions of moves. The Type III F values then come straight from the cell means and the
#   sums of squares within the cells.
#
# A statistic outside its band costs a fixed penalty plus its squared distance to the band, so
# being near is not enough: the search must land *inside* every band. The fixed penalty rises
# during the run and the hardest targets (the ANOVA and Scheffé tests) are brought in gradually.
# At the end, a systematic pass tries every small move to land the narrowest bands.
#
# #### Landing: when no small move is enough
#
# For the helpfulness item that is often not enough. Its three significant F tests on the
# difference score are printed to two decimals, and all of them depend on only a few whole
# numbers: the sum of the 12-step answers in each of the six cells, the sum of the squared
# difference scores, and the cell sizes. Near the state the annealer ends in, there is often no
# combination of whole numbers at all that puts the three F values inside their rounding bins
# together. So the solver *plans* first: it lists changes of the six cell sums (a meet-in-the-
# middle search makes that fast) and the sums of squares each would need, keeps the plans that a
# change of the 12-step answers alone could reach (the sum of squared differences must keep the
# parity of the sum of differences), and then anneals only the 12-step answers to the cheapest
# plan, so the psychiatric-group answers, and with them all of Table 2, do not move. When the cell
# sizes admit no plan nearby, one respondent's skipped 12-step answer moves to another cell and
# the planning starts again. An item that still misses is restarted with fresh seeds.
#
# #### Realism is part of the target
#
# Hitting every printed number is not enough. A data set whose two answers per person were
# unrelated, whose histograms had holes in the middle, or whose skipped answers were sprinkled
# evenly over everybody would match the paper and still teach the wrong lessons (notebook 04's
# point about within-person comparisons would fall flat, for one). So the solver also keeps, as
# targets of its own:
#
# * a positive correlation between each person's two answers to the same item;
# * histograms without empty inner answers or dips;
# * nonresponse clustered in a few respondents, and linked to skipping demographic questions;
# * years that fit the age band.
#
# These are *our* assumptions, typical of surveys like this one, not facts from the paper.
# Section 4 checks them.
#
# #### Shapes the text gives the figures
#
# The paper's prose says more about its figures than its numbers fix: rehabilitation is the
# setting that stands apart (its staff warmer to psychiatric groups and cooler to 12-step groups
# than staff in both other settings), the training gap on helpfulness lies on 12-step groups,
# 12-step groups are valued more in every cell. An earlier version of the solver hit every
# printed F while case management, not rehabilitation, carried the interactions, and the orders
# the text states held by hundredths of a point. Since version 0.3.0 each such claim is a target
# too, with a band *we* chose because the paper gives only the order (a tenth of a point before
# a gap counts as visible, for one):

# %%
ms.labelled_comparison(ms.shapes_view(data, pub), data, "the bands are the rebuild's choice")

# %% [markdown]
# Making room for these shapes meant changing a quantity the paper never printed: how training
# and setting combine. With most rehabilitation staff coded as mental health workers, who rate
# 12-step groups less above psychiatric groups than advanced staff do, the printed helpfulness
# Fs left no cell means at which rehabilitation could stand apart by a visible margin (the
# solver notes give the computation). The rebuild now puts social workers and mental health
# workers into rehabilitation about equally often. That crosstab, like every other quantity the
# paper did not print, is the rebuild's choice: notebook 09 shows it, and it is not evidence
# about Connecticut's providers.
#
# #### Same seed, same bytes
#
# All randomness flows from one seed. Each item draws from its own seeds, derived from the seed,
# the item and the attempt number, so the result does not depend on which item a worker process
# happens to finish first. Running the command twice with the same seed gives a byte-identical
# CSV on the same software versions, and a test in the repository checks it. A rebuild takes
# about a minute on a two-core machine. A different seed gives a different data set: that is
# section 5.
#
# ### 3. The scorecard
#
# `mutsup verify` recomputes every printed number from the CSV, with the same functions the
# notebooks use (not the solver's running sums), and gives each a status: **match** (it rounds
# to the printed value, or the claim holds), **mismatch** (it does not, although some data set
# could) or **unreachable** (no data set can; the proof is attached). Counted per section of the
# paper:

# %%
ms.labelled_comparison(ms.summarize(ms.scorecard(data, pub)), data)

# %% [markdown]
# And every row that is not a match, with its proof:

# %%
ms.labelled_comparison(
    ms.scorecard(data, pub).query("status != 'match'")[["target", "printed", "reproduced", "status", "note"]], data)

# %% [markdown]
# Read the two statuses very differently.
#
# * **Unreachable** rows are statements about the *paper*. Their proofs use only printed
#   numbers, so no data set, however clever the search, could do better. Each is one of the
#   readings listed in section 2.
# * A **mismatch** would be a statement about the *search*: the printed number is possible, and
#   this rebuild missed it. The shipped data have none. An earlier version of the solver missed
#   one F test of the helpfulness item in its second decimal; the solver notes explain why that
#   item is the hardest (its Scheffé comparisons must all stay non-significant while its
#   interaction F stays large on unequal cells) and how the landing step above fixed it.
#
# ### 4. Do the rebuilt data look like a survey?
#
# The answers to each item, as counts, for the two group types:

# %%
ms.labelled(ms.plot_item_distributions, data)

# %% [markdown]
# Look for what real ratings usually show: one peak, no empty answer in the middle of the
# scale, ratings of attitudes bunched near the favourable end, referral more spread out. The
# paper prints none of these counts: the shapes are the rebuild's (the provenance line says how
# far the counts move between rebuilds). Then the realism checks, each with its value in the data:

# %%
ms.labelled(lambda d: ms.realism_checks(d).set_index("check"), data)

# %% [markdown]
# These checks were *targets* of the search, so passing them shows that the search did its job,
# not that real providers answered this way. They make the data fit for teaching; they do not
# make them evidence.
#
# ### 5. Three rebuilds, one paper
#
# Rebuild with another seed and you get another data set that fits the paper just as well. The
# project ships two such alternates in `data/alternates/`, made by the same command with other
# seeds. `ms.load_rebuilds()` returns all three, labelled by seed (this section always uses the
# shipped files, whatever `DATA_PATH` says):

# %%
rebuilds = ms.load_rebuilds()
shipped = rebuilds[list(rebuilds)[0]]
list(rebuilds)

# %% [markdown]
# First, their scorecards side by side: for each section of the paper, how many of its printed
# numbers each data set matches, out of how many.

# %%
ms.labelled_comparison(ms.scorecards_side_by_side(rebuilds, pub), shipped,
                       "columns: the shipped data and the two alternates in data/alternates")

# %% [markdown]
# The columns agree. They must agree on the *unreachable* targets, which no rebuild can match:
# their proofs never look at data. They agree on the rest too, apart from any target the search
# missed under one seed and not another. As far as the paper can tell, the three data sets are
# interchangeable.
#
# Now look inside. Here are the answers to the familiarity question about psychiatric groups
# in the shipped data, counted answer by answer, with the mean and SD; the provenance column
# says which of them every rebuild of the ensemble (section 6) shares:

# %%
ms.labelled(lambda d: ms.answer_counts({"shipped data": d}, "familiarity_ms").round(3).astype(object).iloc[0],
            shipped)

# %% [markdown]
# The mean and SD barely move: Table 2 prints the mean and SD of this question within each
# personal-experience group, and every rebuild must honour them, so the overall ones can differ
# only within the rounding of those printed numbers. The counts are free to move, and do. The
# three named rebuilds as bars:

# %%
def bars_of_the_three(d, column):
    return ms.plot_rebuilds(rebuilds, column)


bars_of_the_three.values = lambda d, column: ms.answer_counts({"": d}, column).iloc[0]  # what the bars show
line = ms.labelled(bars_of_the_three, shipped, "familiarity_ms")
ms.Labelled(None, f"the bars: the {len(rebuilds)} named rebuilds of the legend; {line.caption}")

# %% [markdown]
# The bars differ, even though every printed number about this question agrees. Go one level
# deeper still, to the people. How many respondents of each alternate have an exact twin in the
# shipped data: the same coded training and setting and the same answers to all ten questions?

# %%
for label, n, shared, pct in ms.rebuild_differences(rebuilds).itertuples(index=False):
    print(f"{label}: {shared} of {n} respondents ({pct}%) have a twin in the shipped data")
# each world of the ensemble against the shipped data (which comes first: skip it)
twins = ms.across_worlds(lambda d: {"pct": ms.rebuild_differences({"shipped": shipped, "world": d})["pct"].iloc[0]},
                         shipped).iloc[1:]
print(f"the other {len(twins)} rebuilds of data/worlds: {twins['pct'].min()}% to {twins['pct'].max()}%")

# %% [markdown]
# Essentially none. Data sets identical as far as the paper can see hardly share a single
# respondent.
#
# #### What this means for "reproducing" a study
#
# Summary statistics compress the data, and compression loses information. The paper prints a
# few hundred numbers about several thousand answers; many different sets of answers give the
# same numbers. Anscombe (1973) made the point with four tiny data sets that share their means,
# variances and regression line; here it holds for a whole survey, under every statistic the
# paper printed at once.
#
# So a rebuild that matches the paper has *not* reproduced the study. It has shown that the
# printed numbers are consistent with at least one data set: an existence proof. What it can
# teach about the real survey is only what *every* rebuild shares, and everything every rebuild
# shares is already implied by the printed numbers. Whatever differs between rebuilds (the count
# of people who answered 1, who skipped what, how two items relate, any subgroup the paper did
# not report) is a choice of the search and says nothing about the providers. A single rebuild
# hides this; several rebuilds side by side make it visible, which is why the project ships
# three, and an ensemble of many more (section 6).
#
# #### What this means for GRIM and SPRITE
#
# The same logic runs through the checks forensic meta-scientists apply to published means and
# SDs.
#
# * **GRIM** (Brown & Heathers, 2017) asks whether *any* set of whole-number answers has a
#   printed mean. **SPRITE** (Heathers et al., 2018) goes further: it builds example data sets,
#   with a printed mean and SD, N and scale range, by shuffling integer answers around, just as
#   this solver does for one group. The rebuild is SPRITE scaled up: one data set that satisfies
#   hundreds of printed statistics *jointly*, across tables, tests and subgroups.
# * **A failure is a proof.** When no data set can fit, the report contains an error. This is
#   where the *unreachable* rows come from, and because constraints interact, a joint rebuild can
#   expose contradictions that no single-statistic check would see.
# * **A success is weak.** Passing GRIM or finding a SPRITE sample shows only that a report is
#   *possible*; as the three rebuilds show, it never recovers the data. What SPRITE can add is
#   plausibility: if every data set that fits has a strange shape (most answers at the two ends
#   of the scale, say), the report deserves a closer look. For that judgement, remember that our
#   rebuilds look plausible partly because we *asked* for plausibility (section 4).
#
# ### 6. What the ensemble shows
#
# Three rebuilds make the point; an ensemble measures it. `mutsup worlds build --seeds 1-195`
# rebuilds the data once per seed, in parallel on Dask (local worker processes by default, an
# existing cluster with `--scheduler ADDRESS`), and writes each world to `data/worlds/`.
# (The shipped ensemble's build was stopped once 104 seeds had passed.)
# `data/worlds/manifest.json` records every seed built: its solver version, checksum and
# `mutsup verify` totals. A seed whose rebuild misses any reachable printed number is recorded as
# failed and gets no world, so every world matches the paper as well as the shipped data do. The
# provenance line under every table and figure of the series is computed from these worlds.

# %%
worlds = ms.paper_worlds()
tried = ms.worlds_manifest()  # every seed the build tried, with its status
failed = tried[tried["status"] == "failed"]
print(f"{len(worlds)} worlds: the shipped data and {len(worlds) - 1} rebuilds. The build tried "
      f"{len(tried)} seeds ({tried.index.min()} to {tried.index.max()}); {len(failed)} of them "
      f"({len(failed) / len(tried):.0%}) missed a printed number and have no world.")
on_helpfulness = failed["missed"].str.contains("helpfulness").sum()
print(f"{on_helpfulness} of the {len(failed)} failed seeds missed a helpfulness number "
      "(an F or p of its ANOVA, or its Scheffé result).")

# %% [markdown]
# Now take some quantities the series uses and the paper did not print (plus one Table 1 count it
# did, for comparison), and compute each in every world: one dot per rebuild, the shipped data as
# an open diamond.

# %%
def unprinted(d):
    ratings = d[list(ms.ITEM_COLUMNS)]
    ranks = ms.rank_based_table2(d).query("split == 'self_hospitalized' and item == 'helpfulness'")
    return {
        "social workers (Table 1, printed)": (d["discipline"] == "Social worker").sum(),
        "complete cases in the helpfulness ANOVA (from its df)": ms.mixed_anova(d, "helpfulness").n,
        "advanced staff in treatment settings (a crosstab cell, 06 and 09)":
            ms.crosstab(d, "training", "setting3").loc["advanced", "treatment"],
        "Type II F of training on helpfulness (06)": ms.anova_table(d, "helpfulness", ss_type=2).loc["training", "F"],
        "r of years in discipline and years in setting (08)": d["years_in_discipline"].corr(d["years_in_setting"]),
        "Mann-Whitney p of the impossible Table 2 flag (09)": ranks["p_mann_whitney"].iloc[0],
        "respondents who skipped any rating (03)": ratings.isna().any(axis=1).sum(),
    }


ms.show_ensemble(unprinted, data)

# %% [markdown]
# A panel that is a single point is *pinned down*: every world gives the same value, so the
# printed numbers fix it (the Table 1 count is printed; the ANOVA's complete cases follow from
# its printed df). A panel that spreads is *left open*: the paper is silent, and the diamond is
# one draw among many. That holds for the crosstab cell behind notebook 06's Type II F, the
# years correlation of notebook 08, the rank test that makes the impossible flag "significant"
# in some worlds and not in others (notebook 09), and how many people skipped something.
#
# Two cautions. A narrow spread is not a finding: every world comes from the same solver, with
# the same preferences (section 2), so the worlds can agree more closely than the paper requires
# (the crosstab cells, for one). And "fixed" means fixed by the printed numbers *under the
# readings of section 2*, which are the project's.

# %% [markdown]
# ## Paper vs here
#
# The printed ANOVA results beside those recomputed from the shipped rebuild:

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="anova"), data)

# %% [markdown]
# On the shipped data every ANOVA number matches except the df the design rules out
# (*unreachable*, with its proof in the note), so the decision the paper drew from every F test
# is reproduced along with the printed value.

# %% [markdown]
# ## Try it
#
# The ANOVA explorer from notebooks 04 to 06, opened on helpfulness, the item the search found
# hardest. Switch items and between factors.

# %%
from mutsup_helpers.views import widgets

widgets.anova_explorer(data, item="helpfulness")

# %% [markdown]
# The explorer's view without widgets (the paper's model: training x setting x group type, Type
# III):

# %%
ms.labelled(ms.anova_table, data, "helpfulness")

# %% [markdown]
# Now open the same explorer on another rebuild: pass `rebuilds[...]` with one of the labels
# printed in section 5 instead of `data`. The line below takes the second label. Which numbers
# stay the same from one rebuild to the next, and which move? (Hint: compare the F values, which
# the paper printed, with the cell means and Ns, which it did not.)

# %%
widgets.anova_explorer(rebuilds[list(rebuilds)[1]], item="helpfulness")

# %% [markdown]
# ## Check your understanding
#
# **Exercise 1.** Compute the scorecard of each rebuild. Are the *unreachable* targets the same
# in all three? Are the *mismatches*? What does your answer say about where each kind of
# non-match comes from?

# %% tags=["solution"] jupyter={"source_hidden": true}
# The unreachable targets are the same in every rebuild: their proofs use only the printed
# numbers, so they are errors in the paper. Mismatches belong to the search: a target missed
# under one seed may be hit under another. With the current solver no rebuild shipped here has
# one; a rebuild with another seed might, and `mutsup verify` would name it.
cards = {label: ms.scorecard(frame, pub) for label, frame in rebuilds.items()}
unreachable = {label: frozenset(card.loc[card["status"] == "unreachable", "target"]) for label, card in cards.items()}
print("same unreachable targets in every rebuild:", len(set(unreachable.values())) == 1)
{label: card.loc[card["status"] == "mismatch", "target"].tolist() for label, card in cards.items()}

# %% [markdown]
# **Exercise 2.** Compare two correlations across the three rebuilds: familiarity with
# psychiatric groups against years in the current setting (printed in Table 3), and helpfulness
# of psychiatric groups against their value (printed nowhere). Which one could you report as a
# finding about the providers, and why?

# %% tags=["solution"] jupyter={"source_hidden": true}
# The Table 3 correlation agrees across rebuilds to its printed precision: it was a target. The
# helpfulness-value correlation was never a target, so each rebuild has its own; it describes
# the search, not the providers, and none of the values may be reported as a finding.
pairs = [("familiarity_ms", "years_in_setting"), ("helpfulness_ms", "value_ms")]
{
    f"{x} x {y}": {label: round(float(ms.correlate(frame, x, y)["r"]), 3) for label, frame in rebuilds.items()}
    for x, y in pairs
}

# %% [markdown]
# **Exercise 3.** Realism was part of the target. Run the realism checks on every rebuild of the
# ensemble (`ms.labelled` on `shipped` computes them in every world). Do they all pass? Do the
# values agree as closely as the printed statistics do? Which of these features could a critic
# say were put there by the project rather than found in the paper?

# %% tags=["solution"] jupyter={"source_hidden": true}
# Each rebuild was built to pass, so the ok column should be the same (True) in every world; the
# values spread from seed to seed, because only bands, not values, were imposed. All of these
# features (the positive link between a person's two answers, familiarity going with referral,
# no empty answers in the middle of the scale, clustered nonresponse, plausible years) are the
# project's assumptions about what a survey looks like, not printed results.
ms.labelled(lambda d: ms.realism_checks(d).set_index("check"), shipped)

# %% [markdown]
# **Exercise 4.** SPRITE asks how much room a printed mean and SD leave for the data. For every
# row of Table 2, find the smallest and largest SD that answers from 1 to 5 with that N and mean
# could have. Is any printed SD close to either bound? What does that tell you about how many
# different data sets fit each row?

# %% tags=["solution"] jupyter={"source_hidden": true}
# Every printed SD lies well inside its bounds, and some integer state prints as both the mean
# and the SD (exact = True), so each row is possible and leaves a great deal of room: many count
# vectors fit each row, which is why the rebuilds can differ while every printed number agrees.
checks = [ms.sd_check(row.mean, row.sd, [int(row.n)]) for row in pub.table2.itertuples()]
ms.labelled_paper_numbers(pub.table2[["split", "item", "level", "n", "mean", "sd"]].assign(
    sd_min=[check["sd_min"] for check in checks],
    sd_max=[check["sd_max"] for check in checks],
    exact=[check["exact"] for check in checks],
).round(3))

# %% [markdown]
# ## Summary
#
# * The paper published summaries only, so the series teaches with a rebuilt data set. It
#   teaches methods and tests the report's coherence; it cannot confirm the findings, and
#   anything the paper did not print is the search's choice.
# * The solver turns each printed number into a band, proves first which targets no data set can
#   reach, follows a written reading where the paper contradicts itself, fixes the parts many
#   targets share (respondents, coded factors, years, who answered what) and then anneals each
#   item pair with narrow moves on running sums, keeping realism targets of its own. One seed
#   gives one byte-identical file.
# * On the scorecard, *unreachable* is about the paper (a proof from printed numbers alone) and
#   *mismatch* is about the search (a possible number it missed).
# * Rebuilds from different seeds have the same scorecard (up to the odd search miss) and
#   different answers, down to almost every respondent. Summary statistics do not determine data: a matching rebuild is an
#   existence proof, not a reproduction of the study, and only what every rebuild shares is
#   implied by the paper.
# * An ensemble of rebuilds (`data/worlds/`) sorts what the paper did not print: a quantity that
#   is the same in every world is fixed by the printed numbers; one that spreads is the
#   rebuild's choice. The provenance line under each table and figure of the series says which.
# * GRIM and SPRITE follow the same logic: a failure proves an error; a success shows only that
#   a report is possible.

# %% [markdown]
# ## References
#
# Anscombe, F. J. (1973). Graphs in statistical analysis. *The American Statistician, 27*(1),
# 17–21. https://doi.org/10.1080/00031305.1973.10478966
#
# Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects
# numerous anomalies in the reporting of results in psychology. *Social Psychological and
# Personality Science, 8*(4), 363–369. https://doi.org/10.1177/1948550616673876
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Heathers, J. A., Anaya, J., van der Zee, T., & Brown, N. J. L. (2018). Recovering data from
# summary statistics: Sample Parameter Reconstruction via Iterative TEchniques (SPRITE). *PeerJ
# Preprints, 6*, e26968v1. https://doi.org/10.7287/peerj.preprints.26968v1
#
# Kirkpatrick, S., Gelatt, C. D., & Vecchi, M. P. (1983). Optimization by simulated annealing.
# *Science, 220*(4598), 671–680. https://doi.org/10.1126/science.220.4598.671
#
# Matejka, J., & Fitzmaurice, G. (2017). Same stats, different graphs: Generating datasets with
# varied appearance and identical statistics through simulated annealing. In *Proceedings of
# the 2017 CHI Conference on Human Factors in Computing Systems* (pp. 1290–1294). ACM.
# https://doi.org/10.1145/3025453.3025912
