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
# # 02 Sample and procedure
#
# Who was asked, who answered, and how far the answers can speak for Connecticut's providers.
#
# > **The data are synthetic.** The 421 respondents loaded below were rebuilt from the paper's
# > printed statistics; the real survey answers were never published.

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
# 1. recompute a study's sampling arithmetic from the rules stated in its Method section, and
#    say what the recomputation does and does not confirm;
# 2. distinguish a response rate among individuals from one among facilities, and explain why
#    the first matters more for bias;
# 3. judge a "quasi-random" selection rule (here: surnames from a given letter onwards) by asking
#    who it could systematically leave out;
# 4. check a demographic table for internal consistency (do the percentages follow from the
#    counts?) and recognise a printing error when you meet one.

# %% [markdown]
# ## What the paper claims
#
# The survey was written for a federally funded project that aimed to develop consumer and
# family mutual support in Connecticut, and a handful of providers tried the draft out before it
# was sent (Chinman et al., 2002, Method: Procedures). Some items were adapted from an earlier
# survey of professionals' views of self-help groups and some were new (Method: Measures).
#
# The sampling frame was Connecticut's mental-health service system: the state hospital,
# the community mental health centres and a large number of private not-for-profit agencies.
# The number of surveys each facility received was set by its caseload: one survey for every
# fixed number of patients served, with a floor of a few surveys for the smallest agencies. The
# facility directors then handed the packets to *direct-service staff*, choosing them by
# surname: first the staff whose surnames began with "D", then "E", then "F", and so on down the
# alphabet until the packets ran out (Chinman et al., 2002, Method: Procedures). Completed
# surveys came back from most of the facilities but from a much smaller share of the people who
# were sent one (Method: Participants), a low response rate the authors list as a limitation
# that may have biased the results, while noting that every facility surveyed was well
# represented (Discussion: Limitations and Future Research).
#
# Table 1 of the paper describes the 421 respondents: age band, race and ethnicity, gender,
# discipline, work setting, years in the discipline and in the current setting, and three yes/no
# questions about personal experience (own psychiatric treatment, a family member's treatment,
# regular participation in a peer-support or self-help group). The sample is mostly White and
# mostly in the two youngest age bands; the largest disciplines are mental health
# workers and social workers, and the largest setting is the community mental health centre
# (Chinman et al., 2002, Table 1).
#
# The facts of the procedure, as the project transcribed them:

# %%
pub.study

# %% [markdown]
# ## The analysis
#
# ### The sampling arithmetic
#
# A Method section is a set of rules, and rules can be checked. If each facility received one
# survey per fixed number of patients, the total mailed should be close to the total caseload
# divided by that number; the floor for small facilities can only *add* surveys, never remove
# them. Likewise, the two response rates are just ratios of printed counts.

# %%
ms.labelled_paper_numbers(ms.sampling_arithmetic(pub))

# %% [markdown]
# > **Discuss (5 min).** Selection by surname starting at "D": random, quasi-random, or
# > neither? Who could never be chosen, and does it matter for the questions asked?

# %% [markdown]
# Read the table row by row:
#
# * **Facilities invited.** The breakdown by type adds up to the printed total: a small but
#   real check that the transcription and the paper agree with themselves.
# * **Surveys at the caseload rate, and surveys added by the floor.** The caseload rule alone
#   accounts for most of the mailing. The remainder is what the floor added. Because the paper
#   does not give the caseload of each facility, we cannot check the remainder exactly; we can
#   only say it is positive and plausible for many small agencies each topped up to the minimum.
#   That is the typical situation when you check a Method section: arithmetic can *refute* a
#   description, but rarely *confirm* it in full.
# * **Response rates.** The individual response rate is returned over mailed; the facility
#   response rate is responding facilities over invited ones. They tell different stories. Almost
#   every facility took part, so whole *kinds* of agencies are not missing; but within
#   facilities, most people who could have answered did not.
#
# Two cautions about the individual rate. First, its denominator is surveys *mailed to
# directors*, not surveys *handed to staff*. If a director passed on fewer packets than
# received, the true response rate among people actually asked is higher than the printed one,
# and we cannot know by how much. Second, and more important, a response rate is not a bias.
# A low rate is harmless if those who answered resemble those who did not on the things being
# measured, and damaging if, say, staff who care about mutual support were the keenest to
# reply; survey research has shown that the rate itself predicts bias only weakly (Groves,
# 2006). Notebook 09 simulates that second scenario.
#
# ### The surname rule: random, quasi-random or neither?
#
# The paper describes the rule (Method: Procedure: packets go to staff whose surnames begin with
# "D", then "E", and so on) without giving it a name; survey methodologists would call it a
# *systematic* or quasi-random selection. It deserves a class discussion.
# In its favour: the rule was fixed in advance, simple to follow, and took the choice out of
# the directors' hands, so a director could not hand the survey to the staff most sympathetic
# to mutual support. A surname letter is plausibly unrelated to opinions about self-help groups.
#
# Against it, ask *who had almost no chance of being chosen*:
#
# * In a facility that received only a few packets, only staff whose surnames begin with "D",
#   "E" or the next few letters were asked. Whether the list ever wrapped round to "A"–"C" is not
#   reported.
# * Surnames are not spread evenly across ethnic and national origins: some initial letters are
#   much more common in some heritage groups than in others. A rule based on initials can
#   therefore under- or over-represent groups of staff, and (through the staff) perhaps the
#   clients they serve.
# * Married staff who share a surname were selected or skipped together.
# * The directors applied the rule; no one checked that they did.
#
# The honest summary: the rule gives a *systematic* sample within each facility, not a
# probability sample with known chances of selection. It probably did little harm, but it
# cannot carry the weight that a random draw would. Notice also that the chance of being
# asked differed *between* facilities: the number of packets followed the caseload, not the
# number of staff, so staff in facilities with many patients per worker were more likely to be
# asked. Without staff counts, no weights can correct for this.
#
# Finally, the respondents are *clustered* in facilities. Staff of one agency share a
# supervisor, a philosophy and the same local groups to refer to, so their answers are not
# independent. The paper's analyses treat them as independent; notebook 09 shows what that
# does to the effective sample size, using the survey statistician's *design effect* (Kish,
# 1965).
#
# ### Table 1 from the data
#
# Here is Table 1 recomputed from the data set, in the paper's layout. Percentages are of all
# 421 respondents, with a row for missing answers. Every rebuild has the same Table 1: the printed
# counts fix it (the provenance line).

# %%
ms.labelled(lambda d: ms.sample_table(d).round({"pct": 1}), data)

# %% [markdown]
# The same information as pictures. Demographic tables are easier to scan as bar charts, and
# gaps (small categories, missing answers) stand out.

# %%
ms.labelled(ms.plot_demographics, data)

# %% [markdown]
# Two things to discuss while you look at the plots.
#
# * **Is the gender split plausible?** Think about who works in direct care in community
#   mental health: nurses, social workers and bachelor-level mental health workers. Does
#   the balance between men and women in Table 1 look like the workforce you know? If it
#   surprises you, what are the candidate explanations (a real feature of this sample, a
#   nonresponse pattern, two labels swapped in the printed table), and what evidence would tell
#   them apart? A replication built only from printed numbers inherits the table as printed.
# * **The categories that were later merged.** Discipline and setting are recorded in detail
#   here, but the ANOVAs use two coarse factors made from them (training and setting). Notebook
#   03 shows how, and why the coarse setting factor had to be stored rather than recomputed.
#
# ### Years of experience
#
# Table 1 also prints the mean and standard deviation of years in the discipline and in the
# current setting. Here are the same statistics from the data:

# %%
years_columns = ["years_in_discipline", "years_in_setting"]
ms.labelled(lambda d: ms.describe(d, years_columns).set_index("variable"), data,
            printed={(v, s): f"continuous/{v}/{s}" for v in years_columns for s in ("mean", "sd")})

# %% [markdown]
# Years cannot be negative, and here the SD is nearly as large as the mean. If years were
# normally distributed with this mean and SD, this share of respondents would have fewer than
# zero years:

# %%
years = ms.describe(data, ["years_in_setting"]).iloc[0]
round(ms.normal_share_below(0, years["mean"], years["sd"]), 3)

# %% [markdown]
# Since nobody can, the distribution cannot be that normal curve: for a variable bounded below,
# an SD that is a large fraction of the mean *hints* at right skew (many people with a few
# years, a long tail of veterans). It is only a hint (a bounded variable piled up at both ends
# can show the same ratio), so look at the histogram before you rely on it. For a variable that
# is not bounded, the ratio of SD to mean says nothing about skew. Keep the shape in mind for
# notebook 08, where years are correlated with the ratings; the shapes of the synthetic years
# were chosen by the rebuild (the paper prints only their mean and SD). The strips below show
# the skewness of both variables in every rebuild: how skewed the years are is the rebuild's
# choice, not a fact about the 2002 sample.

# %%
ms.show_ensemble(lambda d: {"skewness of years in the discipline": d["years_in_discipline"].skew(),
                            "skewness of years in the setting": d["years_in_setting"].skew()}, data)

# %% [markdown]
# > **Discuss (10 min).** Is a response rate a measure of bias? What would you want to know
# > about non-respondents? And look at the gender split of Table 1: does it look like the direct-care
# > mental-health workforce you know? What could explain it, and how would you find out?

# %% [markdown]
# ## Paper vs here
#
# Every count and percentage of Table 1, printed beside the value recomputed from the data.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="table1"), data)

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out. In Table 1
# that happens when a printed percentage is not the printed count divided by 421: the data can
# honour the count or the percentage, not both, and the rebuilt data honour the count. Two
# variables are read differently: the counts of discipline and of setting do not add up to 421,
# so their last row ("missing", and "missing/other" for setting) takes up the difference and
# its count is not the printed one (reading `table1_sums` in `data/README.md`). The proofs are in
# `mutsup verify` and in notebook 10, the reporting audit.

# %% [markdown]
# ## Try it
#
# Table 1's three yes/no questions about personal experience become the splits of hypothesis
# H4 (notebook 07). The explorer compares the "No" and "Yes" groups on any item; try a few to
# get a feel for how large such differences are.

# %%
from mutsup_helpers.views import widgets

widgets.group_comparison_explorer(data)

# %% [markdown]
# The default comparison without widgets:

# %%
ms.labelled(ms.compare_groups, data, "self_hospitalized", "familiarity")

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
# **Exercise 1 (code).** Recompute every percentage of the printed Table 1 from its printed count
# (count / surveys returned × 100, one decimal; `pub.table1`, `pub.study["surveys_returned"]`).
# Store in `ex1_disagree` the list of `(variable, level)` rows whose printed percentage differs
# from the recomputed one.

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
# BEGIN SOLUTION NO PROMPT
# Rows where pct_from_n differs from pct are printing errors in Table 1. Those are the
# "unreachable" rows of the paper-vs-here table above.
table = pub.table1.assign(pct_from_n=(100 * pub.table1["n"] / pub.study["surveys_returned"]).round(1))
display(ms.labelled_paper_numbers(table))
# END SOLUTION
wrong = table.loc[table["pct"] != table["pct_from_n"]]
ex1_disagree = list(zip(wrong["variable"], wrong["level"], strict=True))  # SOLUTION
ex1_disagree

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_table1_rows(ex1_disagree):
    from mutsup_helpers import analysis as ms
    pub = ms.load_published()
    recomputed = (100 * pub.table1["n"] / pub.study["surveys_returned"]).round(1)
    wrong = pub.table1.loc[pub.table1["pct"] != recomputed]
    ms.check_same(ex1_disagree, zip(wrong["variable"], wrong["level"], strict=True), "ex1_disagree")


test_table1_rows(ex1_disagree)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: ex2
# points: 1

# %% [markdown]
# **Exercise 2 (code).** Compute the mean and the standard deviation (n − 1 in the denominator) of
# years in the discipline on these data with pandas, and store them in `ex2_mean` and `ex2_sd`. Do
# they match the paper (the paper-vs-here call in the solution)?

# %% [raw]
# # BEGIN SOLUTION

# %% tags=["solution"] jupyter={"source_hidden": true}
ex2_mean = data["years_in_discipline"].mean()  # SOLUTION
ex2_sd = data["years_in_discipline"].std()  # SOLUTION
display(ms.labelled_comparison(ms.paper_vs_here(data, pub, section="continuous"), data))  # SOLUTION
ms.rounded({"mean": ex2_mean, "sd": ex2_sd})

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
def test_years_summary(DATA_PATH, ex2_mean, ex2_sd):
    from mutsup_helpers import analysis as ms
    years = ms.load_providers(DATA_PATH)["years_in_discipline"].dropna()
    mean = years.sum() / len(years)
    ms.check_number(ex2_mean, mean, "ex2_mean")
    ms.check_number(ex2_sd, (((years - mean) ** 2).sum() / (len(years) - 1)) ** (1 / 2), "ex2_sd")


test_years_summary(DATA_PATH, ex2_mean, ex2_sd)

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
# **Exercise 3 (written).** The printed individual response rate uses surveys mailed as its
# denominator. Describe one way the true response rate among staff who were actually asked could be
# higher, and one way the printed rate could *overstate* how representative the sample is.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# *Higher:* if some directors did not hand out all their packets (too few eligible staff whose
# surname came up, packets mislaid), fewer people were asked than surveys mailed, so the
# denominator is too large.
#
# *Overstating representativeness:* the rate says how many answered, not who. If staff with an
# interest in mutual support (or personal experience of it) were more willing to fill in a survey
# about it, respondents would be warmer towards the groups than the workforce, whatever the rate.
# The facility rate is high, which protects against missing whole agencies, but says nothing about
# who answered inside each agency.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 3, 2 points).* 1 point: a mechanism that shrinks the real denominator (packets
# not handed out, ineligible staff) and why that raises the rate. 1 point: a mechanism of
# self-selection related to the survey's topic, with the point that a rate counts respondents and
# does not describe them.

# %% [raw]
# # BEGIN QUESTION
# name: ex4
# manual: true
# points: 3

# %% [markdown]
# **Exercise 4 (written).** Suppose a director received packets for only a few staff and followed
# the rule exactly. Which staff in that facility could never be selected? Would you expect this to
# bias the ratings of mutual support groups? Argue both sides in two sentences each.

# %% [raw]
# # BEGIN SOLUTION

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# Staff whose surnames begin with "A", "B" or "C", and in a small facility also those late in the
# alphabet, could never be chosen.
#
# *Little bias:* the initial of a surname has no obvious link to views about self-help groups, so
# the excluded staff should, on average, think like the included ones.
#
# *Some bias:* initials are linked to heritage, and heritage may be linked to role, training and
# views about help outside the professional system; besides, the rule cannot be audited, and a
# director who skipped it could hand packets to the most willing staff.

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 3 points).* 1 point: names who is excluded (early initials, and late ones
# when few packets are sent). 1 point: a reasoned case for little bias (no plausible link between
# initial and attitude). 1 point: a reasoned case for bias (a link through heritage or role, or a
# rule nobody can audit). Two sentences each; one-sided answers earn at most 2.

# %% [markdown]
# ## Summary
#
# * The Method section's rules (surveys in proportion to caseload, a floor for small agencies)
#   are consistent with the printed totals, though the floor cannot be checked in detail.
# * Nearly all facilities but a much smaller share of individuals responded. Nonresponse within
#   facilities is the main threat to generalising, and its direction is unknown.
# * Selection by surname is systematic, not random; discuss who it excludes. Respondents are
#   clustered in facilities, which the paper's analyses ignore.
# * Table 1 contains a few percentages that cannot follow from their counts; the rebuilt data
#   honour the counts, except the "missing" rows of discipline and setting, which take up the
#   gap where a variable's printed counts do not sum to 421.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Groves, R. M. (2006). Nonresponse rates and nonresponse bias in household surveys. *Public
# Opinion Quarterly, 70*(5), 646–675.
#
# Kish, L. (1965). *Survey sampling*. Wiley.
