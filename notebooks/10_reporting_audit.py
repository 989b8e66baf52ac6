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
# # 10 Reporting audit
#
# The paper checked against itself: which printed numbers agree with one another, which cannot
# all be true, and what that means for how far to trust the report.
#
# > **The data are synthetic.** The answers used in "Paper vs here" were rebuilt from the
# > paper's printed statistics; the real survey answers were never published. Everything else
# > in this notebook uses no data at all, only the numbers the paper printed.

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
# 1. explain why a report carries its own check: a test statistic, its degrees of freedom and
#    its p value; a count, a sample size and a percentage; a mean, its N and the scale's ends
#    all constrain one another;
# 2. apply statcheck's rule, with rounding intervals, to t and F tests, and use a design to
#    decide what degrees of freedom an effect must have;
# 3. apply the GRIM test and the bounds on a standard deviation to means and SDs of integer
#    ratings;
# 4. check significance marks (stars, superscript flags) against what the sample size and the
#    summary statistics allow;
# 5. check a text's claims and interpretations against its tables and the direction of its
#    scales;
# 6. grade a reporting problem by what it does to the conclusions, not by how it looks.

# %% [markdown]
# ## What the paper claims
#
# This notebook tests no hypothesis. It asks a prior question: is the report coherent? The paper
# prints its numbers in three tables (the sample in Table 1, the personal-experience comparisons
# in Table 2, the correlations with years of experience in Table 3), and in the Results text (the
# ANOVA effects, five t-tests, the means of the value item, a Scheffé test). The text then makes
# claims about those numbers: which effects were significant, in which direction, and what they
# mean (Chinman et al., 2002, Results and Discussion).
#
# Every printed number is in `pub`, exactly as printed. The text's claims are in
# `data/published_claims.yaml`, a structured paraphrase written for this project: each claim, in
# our words, with where the paper makes it and how the tables can test it.

# %%
ms.labelled_paper_numbers(ms.claims_table()[["id", "location", "check"]],
                          "the claims in our words (data/published_claims.yaml)")

# %% [markdown]
# One claim in full:

# %%
ms.claims_table().set_index("id").loc["years_less_interference"].to_dict()

# %% [markdown]
# ## The analysis
#
# The audit runs nine families of checks. Each produces one row per check, passed or not; a
# check that fails is a *finding*, graded by what it does to the conclusions:
#
# * **error**: the printed numbers contradict a conclusion a reader would draw: a significance
#   decision that flips, a significance mark that is wrong about p < .05, a group larger than
#   the people who could be in it, or an interpretation that runs against the scale;
# * **inconsistency**: printed numbers that cannot all be right, while the conclusions drawn
#   from them stand (a typo, in most cases);
# * **note**: consistent only under a reading the paper does not state, or a reporting practice
#   worth knowing about; nothing is shown to be wrong.
#
# One rule holds throughout: **no false alarms**. A printed number stands for every value that
# rounds to it, so each check works with the whole rounding interval, never with a point value. A
# number that could be right is never flagged.
#
# The whole audit at a glance, as counts per family:

# %%
ms.labelled_paper_numbers(ms.audit_summary(pub))

# %% [markdown]
# Now one family at a time.
#
# ### 1. Test statistics against p values (statcheck)
#
# A t or F statistic with its degrees of freedom fixes the p value. statcheck (Nuijten et al.,
# 2016) recomputes p and compares it with the printed one. The subtle part is rounding: a t
# printed with two decimals stands for a whole interval of t values, and therefore for an
# interval of p values. statcheck rounds the two ends of that interval to as many decimals as
# the printed p has, and the check passes when the printed p lies between them. Only a failed
# check can be a *decision error*, and statcheck decides that on the p of the statistic taken as
# exact: is it on the other side of .05 from the printed p? `ms.statcheck` implements these rules
# and is tested against R's statcheck itself on every string of this paper
# (`tests/reference/statcheck/`); `rule="interval"` is a more cautious reading that calls a
# decision error only when every p the rounded statistic allows is across .05. The paper prints its
# smallest p values as a floor, which reads as "p below the next decimal place".
#
# Here is the rule applied to the last of the printed t-tests. Its p is printed on the boundary
# of significance, yet the check passes, because the t and df give a p that rounds to the printed
# one:

# %%
row = pub.ttests.iloc[-1]
# ms.rounded shows six significant digits: the last of a float's 17 change between scipy releases.
ms.rounded(ms.statcheck("t", row["t"], row["df"], row["p"], p_decimals=2))

# %% [markdown]
# Every printed F and t of the paper:

# %%
print(ms.format_findings(ms.audit_statcheck(pub)))

# %% [markdown]
# One F test fails: its printed p does not follow from its F and its printed degrees of freedom.
# The significance decision does not change (both p values are small), so this is an
# inconsistency, not an error. The next family shows which number is wrong.
#
# ### 2. Degrees of freedom against the design
#
# In a factorial design an effect's numerator df is fixed before any data arrive: the product,
# over the factors in the effect, of (levels − 1). Training has two levels, setting three,
# group type two:

# %%
design = ms.design_of(pub)
{effect: ms.effect_df1(effect, design) for effect in ["group_type", "group_type:training", "group_type:setting3"]}

# %% [markdown]
# The denominator df say how many complete cases entered each ANOVA: in this mixed design both
# error terms have N minus the number of between-subject cells, so all effects of one item share
# one denominator df, and N cannot exceed the respondents coded on both between factors.

# %%
print(ms.format_findings(ms.audit_df(pub)))

# %% [markdown]
# The statcheck finding and the df finding point to the same place. With the design's
# numerator df the printed F gives exactly the printed p, so the test was run correctly and one
# digit of the df was mistyped. Notice how the two checks together do more than either alone:
# statcheck says "something here is wrong", the design says which number.
#
# ### 3. GRIM: means of whole-number answers
#
# Each item is a rating from 1 to 5, so the sum of N answers is a whole number, and the mean can
# only be a whole number divided by N. With a small N not every two-decimal mean is possible;
# the GRIM test (Brown & Heathers, 2017) checks that the printed mean is one of the possible
# ones. How sharp the test is depends on N. For the smallest group of Table 2, here are the
# sample sizes near it at which its printed mean is possible:

# %%
smallest = pub.table2.loc[pub.table2["n"].idxmin()]
smallest_n = int(smallest["n"])
ms.grim_range(smallest["mean"], range(smallest_n - 10, smallest_n + 11), decimals=2)

# %% [markdown]
# Some nearby Ns are ruled out, so the test has some power at this N. Above N = 100, every
# two-decimal mean is possible and GRIM can no longer fail. Every mean in Table 2 and in the
# text passes:

# %%
print(ms.format_findings(ms.audit_grim(pub)))

# %% [markdown]
# A clean GRIM result here is weak evidence of anything: with groups this large the test could
# hardly have failed. Knowing a check's power is part of reading it.
#
# ### 4. How large can a standard deviation be?
#
# Ratings from 1 to 5 also bound the standard deviation. For a given mean, the SD is largest
# when every answer sits at one of the two ends of the scale, and smallest when the answers
# are as close together as the mean allows. (For a variable bounded by a and b with mean M, the
# population variance can never exceed (M − a)(b − M): the Bhatia–Davis inequality.) The helper computes
# the exact bounds for whole-number answers, and also whether some set of answers prints as
# *both* the mean and the SD, the idea behind the GRIMMER test (Anaya, 2016).
#
# The Results text prints a mean and an SD of the value item for each group type. The value
# ANOVA's denominator df give the number of complete cases:

# %%
n_value = ms.n_from_df2(int(pub.anova.loc[pub.anova["item"] == "value", "df2"].iloc[0]), design)
twelve_step = pub.value_means.set_index("group_type").loc["twelve_step"]
printed_decimals = pub.value_means.attrs["decimals"]
ms.sd_check(twelve_step["mean"], twelve_step["sd"], [n_value],
            mean_decimals=printed_decimals["mean"], sd_decimals=printed_decimals["sd"])

# %% [markdown]
# The printed SD is larger than any set of 1-to-5 answers with that mean can have. The family,
# over Table 2 and the text (allowing any N the printed numbers permit):

# %%
print(ms.format_findings(ms.audit_sd(pub)))

# %% [markdown]
# All of Table 2 passes, both bounds and the joint check; the two SDs in the text are
# impossible. They are not used in any test, so no conclusion rests on them, but a reader who
# took them at face value would think opinions about both kinds of group were far more divided
# than they were. Exercise 2 asks what they might be instead.
#
# ### 5. Table arithmetic
#
# Tables carry plain arithmetic: the counts of each variable should add up to the sample, each
# percentage should follow from its count, the group sizes the text uses should follow from the
# table's rows, a Table 2 group cannot be larger than the Table 1 count of the same answer, and a
# Student t-test on two groups has n₁ + n₂ − 2 degrees of freedom. Here is Table 1's age
# variable with the percentage each count gives:

# %%
total = pub.study["surveys_returned"]
ms.labelled_paper_numbers(
    pub.table1.query("variable == 'age_range'").assign(pct_from_n=lambda t: (100 * t["n"] / total).round(2)))

# %% [markdown]
# When a percentage does not follow from its count, it is worth asking which counts *would* give
# it. Sometimes none can, which settles that the percentage itself was mistyped:

# %%
{row.level: ms.percent_counts(row.pct, total) for row in pub.table1.query("variable == 'discipline'").itertuples()}

# %%
print(ms.format_findings(ms.audit_arithmetic(pub)))

# %% [markdown]
# The inconsistencies are clerical: percentages that do not match their counts, and two
# variables whose counts do not add up to the sample. The counts, not the percentages, are what
# the analyses use; the discipline counts agree with the training groups of the text, and no
# Table 2 group is larger than its Table 1 count, so these errors do not reach the results. The two notes concern the setting groups:
# the text's treatment and rehabilitation groups are larger than the Table 1 settings they are
# said to contain, which is possible only if some respondents from the "missing/other" row were
# assigned to them. The paper does not say so. Every t-test df matches the Table 2 Ns.
#
# ### 6. Significance marks: stars and flags
#
# A correlation's stars depend on r and on N. The paper does not print the N behind each
# correlation, but the other tables bound it: at least as many people answered each item as
# entered its ANOVA or its Table 2 comparisons, and no more than the whole sample. Over that
# range of N, the printed r can earn only some marks. One cell of Table 3:

# %%
cell = pub.table3.set_index(["item", "group_type"]).loc[("referral", "twelve_step")]
n_low, n_high = ms.pairwise_n_bounds(pub, "referral", "twelve_step")
ms.rounded(ms.stars_check(cell["r_years_in_discipline"], cell["stars_years_in_discipline"], n_low, n_high))

# %% [markdown]
# The printed star is attainable only at an N far below what the rest of the paper implies;
# at any plausible N the correlation earns two stars. Significant either way: an inconsistency.
#
# Table 2's superscripts mark comparisons in which the "Yes" group scored significantly higher.
# From each row's N, mean and SD, and the fact that the answers are whole numbers, the helper
# finds the smallest and largest Student t any data printing as those summaries can give, and
# asks whether the flag (or its absence) is attainable anywhere in that range:

# %%
rows = pub.table2.query("split == 'self_hospitalized' and item == 'helpfulness'").set_index("level")
no, yes = (tuple(rows.loc[level, ["n", "mean", "sd"]]) for level in ("No", "Yes"))
ms.rounded(ms.flag_check(no, yes, flagged=bool(rows.loc["Yes", "flagged"])))

# %% [markdown]
# No data set that prints as this row can reach p < .05: the flag is an error. The whole family,
# including the check that each printed t lies within what its Table 2 row allows:

# %%
print(ms.format_findings(ms.audit_marks(pub)))

# %% [markdown]
# The flagged comparison also has no t-test in the text, and the Results do not list it among
# the differences for providers who had been treated themselves (the next family): there the
# printed numbers side with the Results. The Discussion, however, does rely on it: it concludes
# that providers treated themselves judge psychiatric groups more helpful (section 7).
#
# ### 7. The text's claims against the tables
#
# Each structured claim is checked against the table it refers to: a list of significant ANOVA
# effects against the ANOVA results, a list of personal-experience differences against the
# flags of Table 2 and the printed t-tests, the correlations the text names against the stars of
# Table 3, verbal descriptions of the means (generally over 4, in the low to mid 3 range) against
# Table 2.

# %%
print(ms.format_findings(ms.audit_claims(pub)))

# %% [markdown]
# Most claims match their tables. The notes are about how much a claim can lean on: a described
# difference between settings that no reported post hoc test supports; a difference between
# training levels said to hold for both group types, while a significant interaction (and the
# paper's own Discussion) says it is mostly about one; a comparison counted as significant whose
# p is printed at the threshold (its t and df put p just below it).
#
# The Discussion is audited as well as the Results, and it claims more than the Results
# support: a 12-step advantage "regardless of other factors" although group type interacts with
# setting (three items) and with training (helpfulness); rehabilitation staff referring more to
# psychiatric groups than case-management staff, a pair no reported post hoc test covers;
# providers treated themselves judging psychiatric groups more helpful, a difference with no
# printed t-test whose Table 2 flag the printed numbers rule out (section 6).
#
# ### 8. The direction of a scale
#
# A correlation's sign means nothing until you know which end of the scale is which. The
# interference item runs the "wrong" way round:

# %%
pub.scales["interference"]

# %% [markdown]
# More interference sits at the *low* end. A negative correlation of years with this item
# therefore means that providers with more years gave *lower* scores, that is, reported *more*
# interference:

# %%
interference = pub.table3.set_index(["item", "group_type"]).loc[("interference", "ms")]
ms.construct_direction(interference["r_years_in_setting"], construct_high_at=1)

# %%
print(ms.format_findings(ms.audit_scale_direction(pub)))

# %% [markdown]
# The paper reads these correlations as *less* interference with more years (Chinman et al.,
# 2002, Results: Length of Experience). On the scale as the Measures section describes it, the
# reading is reversed. This is the most consequential finding of the audit: a result presented
# as support for the fifth hypothesis in fact runs against it. Either the item was scored the
# other way round from its description, or the interpretation is wrong; the printed paper does
# not let us tell which, and either way the report contradicts itself.
#
# ### 9. Post hoc tests against their omnibus test
#
# The Scheffé method protects every possible contrast among the means at once, which has a
# useful consequence: no Scheffé contrast can be more significant than the omnibus F of the same
# means on the same error term (Scheffé, 1953). The condition is what makes the check
# approximate here: the paper prints Type III F of an unbalanced two-factor design, which tests
# unweighted means, while SPSS's Scheffé (our reading: the paper names no software) compares
# observed means. Notebook 05 shows a Scheffé F
# above the printed F of its own family, so the printed F bounds the Scheffé only roughly.
#
# The paper reports a significant Scheffé comparison of two settings on referral. The setting
# main effect on referral was not significant, so a Scheffé test on the setting means (averaged
# over group type) reaching p = .002 is unlikely. The group type × setting interaction was highly
# significant; it is the test of the *difference score* (12-step minus psychiatric) across
# settings, and a Scheffé test on that score is consistent. So are simple effects of setting
# within each group type, the reading closest to the text's wording, which have no printed
# omnibus to check against (notebook 05 compares the readings).

# %%
print(ms.format_findings(ms.audit_posthoc(pub)))

# %% [markdown]
# We record this as a note, with the readings under which the number is consistent. The text
# does not say which means were compared; a reader should not have to reconstruct it.
#
# ### All findings
#
# Ordered by where they sit in the paper:

# %%
ms.labelled_paper_numbers(ms.run_audit(pub)[["severity", "location", "check", "printed"]])

# %% [markdown]
# What does this mean for trusting the paper? Three levels:
#
# * **Clerical errors** (percentages, a count that does not add up, a df, a star level, the SDs
#   in the text). None changes a result, but each tells a reader that the tables were not
#   checked against each other before printing. They are common: statcheck found at least one
#   inconsistent p value in about half of the psychology papers it scanned (Nuijten et al., 2016).
# * **A wrong significance mark** in Table 2. The Results do not rely on it, but the
#   Discussion's conclusion on H4 does (providers treated themselves judging psychiatric groups
#   more helpful), and a reader of the table would count one more effect of personal experience
#   than the printed numbers allow.
# * **A reversed interpretation** of the interference correlations. This one changes a
#   conclusion: with the scale as described, experienced staff see *more* interference from
#   psychiatric groups, which undercuts rather than supports H5.
#
# None of this required the data. Redundancy in a report is a gift to its readers: use it.

# %% [markdown]
# > **Discuss (10 min).** You found these inconsistencies as a reviewer. Which would you
# > ask the authors to correct, which to explain, and which change a conclusion?

# %% [markdown]
# ## Paper vs here
#
# The other notebooks compare each printed number with the number recomputed from the rebuilt
# data. The audit explains the *unreachable* column: those are the printed numbers that no data
# set can reproduce, because the paper's own numbers rule them out. The scorecard for the whole
# paper:

# %%
ms.labelled_comparison(ms.summarize(ms.scorecard(data, pub)), data)

# %% [markdown]
# And the audit's own tally, which needs no data:

# %%
ms.labelled_paper_numbers(ms.audit_summary(pub).loc[["total"]])

# %% [markdown]
# The two tallies count different things. The scorecard counts printed numbers: a number is
# *unreachable* when no data set can give it, and the rebuilt data reproduce every reachable one
# (or the *mismatch* column says which they miss). The audit counts checks, and several of its
# findings (a claim, an interpretation, a reading of a post hoc test) are about words, not
# numbers, so no data set could "reproduce" them. Where the two meet they should agree: the
# proofs behind the scorecard's *unreachable* numbers come from the same feasibility functions
# the audit uses (GRIM, SD bounds, the t range from summaries, star attainability).

# %% [markdown]
# ## Try it
#
# Choose a severity ("error", "inconsistency" or "note") and rerun the cell to list those
# findings with their evidence.

# %%
severity = "error"
print(ms.format_findings(ms.run_audit(pub, severity=severity)))

# %% [markdown]
# The passed checks are worth reading too: they are the numbers you can now trust a little more.
# Pick a family from the summary table above:

# %%
family = "statcheck"
ms.labelled_paper_numbers(ms.checks_passed(pub).query("check == @family")[["location", "printed"]])

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
# **Exercise 1 (code).** One ANOVA effect fails statcheck: helpfulness, group type × training.
# Recompute its p with the printed numerator df and with the df the design requires
# (`ms.statcheck`, `ms.effect_df1`). Store in `ex1_df1` the numerator df the authors' software must
# have used. How do you know?

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
# With the design's df1 the printed F gives the printed p; with the printed df1 it does not. The
# software must have used the design's df (it cannot do otherwise), so the printed df1 is a typo.
effect = pub.anova.query("item == 'helpfulness' and effect == 'group_type:training'").iloc[0]
# BEGIN SOLUTION NO PROMPT
design_df1 = ms.effect_df1(effect["effect"], design)
display(ms.rounded({
    label: ms.statcheck("F", effect["F"], (df1, effect["df2"]), effect["p"], effect["p_decimals"])
    for label, df1 in [("printed df1", effect["df1"]), ("design df1", design_df1)]
}))
# END SOLUTION
ex1_df1 = design_df1  # SOLUTION
ex1_df1

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_design_df1(ex1_df1):
    from mutsup_helpers import analysis as ms
    pub = ms.load_published()
    ms.check_number(ex1_df1, ms.effect_df1("group_type:training", ms.design_of(pub)), "ex1_df1")


test_design_df1(ex1_df1)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
display(ms.labelled_paper_numbers(pub.value_means.assign(sd_if_variance=pub.value_means["sd"] ** (1 / 2))))
ms.labelled_paper_numbers(pub.table2.query("item == 'value'")[["split", "level", "n", "sd"]])

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# manual: true
# points: 3

# %% [markdown]
# **Exercise 2 (written).** The SDs printed with the value means are impossible as standard
# deviations. Could they be variances? Take their square roots and compare with the bounds, then
# with the SDs that Table 2 prints for the psychiatric-group value item (below). Which reading
# survives?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# As variances both would be possible on a 1-to-5 scale (their square roots are below the largest
# possible SD). But Table 2 gives the psychiatric-group value item SDs of roughly one in every
# subgroup, i.e. a variance near one, well below the printed figure for psychiatric groups. So the
# variance reading fits the scale but not the rest of the paper: the printed numbers remain
# unexplained, and the honest report is "unreadable", not a guess.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 2, 3 points).* 1 point: the square roots compared with the bound (both fit the
# scale as variances). 1 point: the check against Table 2's subgroup SDs, which a pooled SD
# cannot lie far above. 1 point: the conclusion that neither reading is supported, said as such
# (no guessed "correct" value).

# %% [raw]
# # BEGIN QUESTION
# name: ex3
# manual: true
# points: 2

# %% [markdown]
# **Exercise 3 (written).** For the Table 3 cell whose star is inconsistent (referral to 12-step
# groups by years in the discipline, above), what N would make the printed single star correct?
# How many respondents who answered the referral question would then have had to leave the years
# question blank?

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# `n_elsewhere` (computed below the rubric in the instructor's copy) gives the Ns at which one star
# is attainable. The smallest N the printed numbers allow for this item (its ANOVA's complete
# cases) is `n_low`; the difference is how many would have had to skip the years question. Table 1
# prints no missing years at all, so the star level is more likely a misprint than a hidden drop
# in N.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 3, 2 points).* 1 point: the range of N at which one star is attainable and the
# number of missing years answers it implies. 1 point: weighs it against Table 1 (no missing
# years) and calls the star a likely misprint.

# %% tags=["solution"] jupyter={"source_hidden": true}
check = ms.stars_check(cell["r_years_in_discipline"], cell["stars_years_in_discipline"], n_low, n_high)
{
    "N for one star": check["n_elsewhere"],
    "smallest N here": n_low,
    "missing years needed": n_low - check["n_elsewhere"][1],
}

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# manual: true
# points: 2

# %% [markdown]
# **Exercise 4 (written).** Rewrite the paper's sentence about years of experience and interference
# so that it matches the scale. Then say what it does to the fifth hypothesis.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# A faithful sentence: "Providers with more years in their setting and in their discipline rated
# psychiatric mutual support groups as interfering *more* with their services (lower scores on a
# scale where 5 means 'does not interfere')." H5 predicted more favourable views with more
# experience; this result runs the other way, so H5 is supported for familiarity and 12-step
# referral and contradicted for interference. The direction check is in the cell under the rubric
# of the instructor's copy.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 2 points).* 1 point: a sentence whose direction matches the anchors (more
# years, more reported interference) and names the scale. 1 point: H5 split by item (supported
# where the correlation is favourable, contradicted for interference), not declared wholly
# supported or wholly refuted.

# %% tags=["solution"] jupyter={"source_hidden": true}
{years: ms.construct_direction(interference[f"r_{years}"], construct_high_at=1)
 for years in ["years_in_setting", "years_in_discipline"]}

# %% [raw]
# # BEGIN QUESTION
# name: ex5
# points: 2

# %% [markdown]
# **Exercise 5 (code).** Write the GRIM test yourself. Define `grim_ok(mean, n, decimals)` that
# returns True when some whole-number total s makes s / n round to `mean` at `decimals` places (so
# that a mean of n integer answers can print as `mean`), and False otherwise. Apply it to every mean
# of Table 2 (`pub.table2`: columns `mean` and `n`, two decimals) and store in `ex5_fails` the list
# of `(split, item, level)` rows whose mean fails.

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
# BEGIN SOLUTION NO PROMPT
def grim_ok(mean, n, decimals):
    # a total s of n whole numbers gives the mean s / n; only totals next to mean * n can come close
    half = 10**-decimals / 2
    centre = round(mean * n)
    return any(abs(s / n - mean) <= half + 1e-9 for s in range(centre - 1, centre + 2))


passes = [grim_ok(row.mean, row.n, 2) for row in pub.table2.itertuples()]
# END SOLUTION
rows = zip(pub.table2.itertuples(), passes, strict=True)
ex5_fails = [(r.split, r.item, r.level) for r, ok in rows if not ok]  # SOLUTION
ex5_fails

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_grim_on_table2(ex5_fails):
    from mutsup_helpers import analysis as ms
    table = ms.load_published().table2
    fails = [(r.split, r.item, r.level) for r in table.itertuples() if not ms.grim(r.mean, r.n, 2)]
    ms.check_same(ex5_fails, fails, "ex5_fails")


test_grim_on_table2(ex5_fails)

# %%
""" # BEGIN TEST CONFIG
hidden: true
""" # END TEST CONFIG
def test_grim_function(grim_ok):
    from mutsup_helpers import analysis as ms
    # the means of Table 2, then made-up ones that pass and fail at one and two decimals
    table2 = [(r.mean, int(r.n), 2) for r in ms.load_published().table2.itertuples()]
    cases = table2 + [(5.19, 28, 2), (2.5, 2, 1), (2.3, 2, 1), (3, 7, 2), (3.43, 7, 2), (3.44, 7, 2)]
    for case in cases:
        assert bool(grim_ok(*case)) == bool(ms.grim(*case)), f"grim_ok{case} gives the wrong verdict"


test_grim_function(grim_ok)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Summary
#
# * A report's numbers constrain each other: statistic, df and p; design and df; count, N and
#   percentage; mean, N and scale; r, N and stars; summaries and flags; text and tables. Each
#   constraint is a check that needs no data.
# * Always check with rounding intervals: a printed number stands for every value that rounds to
#   it. A check that ignores rounding raises false alarms.
# * Know each check's power: GRIM cannot fail with large groups at two decimals; SD bounds are
#   weak except near the ends of a scale.
# * Grade findings by their consequences. Most of this paper's problems are clerical; one
#   significance flag in Table 2 is wrong; one interpretation runs against its scale and changes
#   what the paper says about its fifth hypothesis.
# * The rebuilt data reproduce every printed number that can be reproduced; the audit explains
#   the rest.

# %% [markdown]
# ## References
#
# Anaya, J. (2016). The GRIMMER test: A method for testing the validity of reported measures of
# variability. *PeerJ Preprints, 4*, e2400v1.
#
# Bhatia, R., & Davis, C. (2000). A better bound on the variance. *The American Mathematical
# Monthly, 107*(4), 353–357.
#
# Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects
# numerous anomalies in the reporting of results in psychology. *Social Psychological and
# Personality Science, 8*(4), 363–369. https://doi.org/10.1177/1948550616673876
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Nuijten, M. B., Hartgerink, C. H. J., van Assen, M. A. L. M., Epskamp, S., & Wicherts, J. M.
# (2016). The prevalence of statistical reporting errors in psychology (1985–2013). *Behavior
# Research Methods, 48*(4), 1205–1226. https://doi.org/10.3758/s13428-015-0664-2
#
# Scheffé, H. (1953). A method for judging all contrasts in the analysis of variance.
# *Biometrika, 40*(1–2), 87–110.
