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
# # 01 Overview
#
# The whole study on one page, and how to use this series before you open the analyses.
#
# > **The data are synthetic.** The survey's raw answers were never published. The file this
# > series loads holds 421 made-up respondents, rebuilt so that the paper's printed statistics
# > come out again. It teaches the methods; it is not evidence about real providers.

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
# 1. say in two sentences what Chinman, Kloos, O'Connell and Davidson (2002) asked, and why
#    the answer matters for people who might benefit from mutual support;
# 2. state the paper's five hypotheses and name the analysis the authors used for each;
# 3. explain what a data set *rebuilt from printed statistics* can and cannot teach you;
# 4. use the series: run a notebook from a clean kernel, point it at another data file, use the
#    widgets, open the collapsed solutions, and read a "paper vs here" table.

# %% [markdown]
# ## What the paper claims
#
# **The question.** Mutual support groups (often called self-help groups) are groups in which
# people who share a problem in living meet regularly, talk about their difficulties, and offer
# one another empathy and advice drawn from their own experience. The authors adopt a classic
# definition with five criteria: the group exists to help its members, was started by them,
# draws its help from them, is composed of people who share the problem, and is run by them
# (Chinman et al., 2002, Introduction).
#
# Two families of groups matter here. *Psychiatric* mutual support groups, such as Recovery,
# Inc., Schizophrenics Anonymous, GROW and the many local groups that meet in clinics and
# clubhouses, grew out of the consumer movement; the studies the authors review associate
# taking part with fewer and shorter hospital stays, fewer symptoms and larger social networks.
# *12-step* groups, such as Alcoholics Anonymous and Narcotics Anonymous, are older, appear more
# established and more prevalent, and have become increasingly part of addiction treatment. The
# authors' point is about the route into a group: the groups often depend on professionals for
# referrals (although most participants seem to find their group through a treatment setting
# that hosts one, or through family and friends), yet the surveys they review find that many
# professionals rarely or never refer to psychiatric groups. The reasons proposed are little knowledge of the
# groups, a belief that they are useless or even harmful, and "professional-centrism", the view
# that problems professionals treat can only be solved by professionals, a view thought to be
# stronger among people with advanced degrees (Chinman et al., 2002, Introduction).
#
# **The study.** The authors mailed a short survey to direct-service staff of public and
# private mental-health facilities in Connecticut. Each respondent rated *both* group types on
# five items: familiarity, helpfulness, how often they refer, how much the groups interfere with
# their work, and how valuable the groups are (Chinman et al., 2002, Method). Notebooks 02 and
# 03 look at the sample and the items in detail.
#
# **The five hypotheses** (Chinman et al., 2002, The Current Study), with the analysis that
# tests each and what the authors report:
#
# | | hypothesis | analysis | the authors' verdict (Discussion), and ours |
# |---|---|---|---|
# | H1 | providers view 12-step groups more favourably than psychiatric groups | group-type main effect in a mixed ANOVA | "as hypothesized", on four of five items |
# | H2 | staff in rehabilitation and case-management settings view mutual support more favourably than staff in treatment settings | setting main effect and group type × setting interaction | "as hypothesized" for rehabilitation, which *appeared* warmer to psychiatric and cooler to 12-step groups; ours: partly, since there is no setting main effect and the Scheffé tests support only one pair, on referral |
# | H3 | more advanced training goes with *less* favourable attitudes (the authors' "professionalism") | training main effect and group type × training interaction | contrary to the hypothesis: advanced staff were *more* familiar and rated the groups as more helpful |
# | H4 | personal or family experience of psychiatric treatment, or taking part in mutual support, goes with more favourable attitudes | independent-samples t-tests (Table 2) | "consistent with our hypotheses"; ours: partly, for some items and some experiences |
# | H5 | more years in the setting and in the discipline go with more favourable attitudes | bivariate correlations (Table 3; Pearson is our reading) | "consistent with our hypotheses"; ours: partly (familiarity, 12-step referral, and an interference correlation whose direction the text misreads) |
#
# **What they conclude.** Providers' *attitudes* towards the groups are warm, but their
# *behaviour* lags behind: they refer less than their ratings of helpfulness and value would
# suggest, and they know psychiatric groups less well than 12-step groups. The authors
# recommend educating junior and less-trained staff and staff in treatment and case-management
# settings about local groups, encouraging professionals to attend self-help groups, enlisting
# staff with more experience and training as program champions, and building more formal
# links between professionals and groups (Chinman et al., 2002, Implications for Increasing
# Utilization of Mutual Support).
#
# Here is the printed record of the ANOVA effects the paper reports, exactly as printed
# (typos included). Every number in this series reaches you through code like this, never
# typed by hand, and every table and figure says under it where its numbers come from (the
# **Provenance** line; "How to read the provenance lines" below explains it).

# %%
ms.labelled_paper_numbers(pub.anova)

# %% [markdown]
# ## The analysis
#
# ### The design in one picture
#
# The centrepiece of the paper is one **mixed-model ANOVA per item**. It crosses two
# *between-subjects* factors, each respondent belonging to exactly one level,
#
# * **training**: advanced (psychiatrists, psychologists, nurses, social workers,
#   master's-level clinicians, administrators) versus mental health workers, who usually hold a
#   bachelor's degree;
# * **setting**: treatment versus rehabilitation versus case management;
#
# with one *within-subjects* factor, **group type** (psychiatric mutual support versus 12-step),
# because every respondent rated both kinds of group. The result is a 2 × 3 × 2 design. The
# between factors ask "do different kinds of staff answer differently?"; the within factor asks
# "does the same person answer differently about the two kinds of group?"; the interactions ask
# "does the gap between the group types depend on who is answering?". Textbooks call this a
# split-plot design (Maxwell & Delaney, 2004, give a thorough treatment). Notebooks 04 to 06
# take it apart one effect at a time.
#
# A first look at the raw material: familiarity with each group type, by setting. The paper
# printed none of these means or SDs, so they are the rebuild's choice; the provenance column
# says how far each moves between rebuilds.

# %%
ms.labelled(lambda d: ms.describe(d, ["familiarity_ms", "familiarity_twelve_step"], by="setting3")
            .set_index(["setting3", "variable"]), data)

# %% [markdown]
# The paper summarises such tables as line plots of means. Here is its Figure 1 redrawn from the
# data, with confidence intervals the paper did not draw. Two lines that are not parallel are the
# visual signature of an interaction; notebook 05 asks whether this one is more than noise. The
# paper printed the interaction's F test but not the means it plotted: the means drawn here are
# the rebuild's choice, and the faint lines behind them are the other rebuilds.

# %%
ms.labelled(ms.plot_figure, data, 1)

# %% [markdown]
# ### What is synthetic, and why
#
# Like most papers of its time, this one reports summary statistics only: counts and
# percentages, means and standard deviations, F, t and r values. The respondents' answers were
# never published, so no one can rerun the analyses on the real survey. This project therefore
# *rebuilt* a data set: a search program chose answers for 421 imaginary respondents so that,
# when the paper's analyses are run on them, the printed statistics come out again to the
# printed precision. Notebook 11 shows how.
#
# What that means for what you may conclude:
#
# * **Methods lessons are fully valid.** How a mixed ANOVA partitions variance, why Type III
#   and Type II sums of squares differ in unbalanced designs, what a Scheffé test can and cannot
#   show: all of that is true of any data set, and this one has the awkward features the
#   printed numbers imply the real one had (unequal cells, missing answers, means near the top
#   of the scale); how the answers spread under those means is the rebuild's choice.
# * **The paper's substantive findings are the paper's.** When a notebook says "rehabilitation
#   staff rated psychiatric groups higher", it is retelling a published finding that the
#   synthetic data were built to reproduce, not confirming it.
# * **New findings are not findings.** Any pattern the rebuilding did not target (a
#   subgroup, a regression the paper did not run, a correlation between two demographic
#   variables) describes the rebuilt data, not Connecticut's providers. Treat it as you would a
#   flight simulator's weather: realistic enough to practise on, not a forecast.
#
# A few printed numbers contradict each other (a percentage that no count can produce, for
# example), so no data set can reproduce all of them. Finding and explaining those is itself a
# lesson; notebook 10 collects them.
#
# ### How to read the provenance lines
#
# The search was run many times with different random seeds. Each run, a *rebuild*, reproduces
# every reachable printed number; the file you load is one of them. A line under each table or
# figure says which kind of number you are looking at:
#
# * **printed by the paper**: a number the paper prints (shown as we reproduce it);
# * **fixed by the printed numbers**: not printed, but the same in every rebuild, so the printed
#   numbers pin it down (the sample sizes of Table 1, for example);
# * **chosen by the rebuild**: it differs between rebuilds, so it is an accident of the search,
#   not a fact about the 2002 survey. The line gives its range over the rebuilds (5-95%) and, for
#   a p value, in what share of them it is significant.
#
# On your own data (`DATA_PATH`) the line says "your data" instead: there is only one data set.
#
# ### How to use the series
#
# * **Run from a clean kernel.** Each notebook stands alone: *Kernel → Restart Kernel and Run
#   All Cells*. Nothing depends on a notebook you ran earlier, and nothing writes into `data/`.
# * **Your own data.** The first code cell holds one parameter, `DATA_PATH`. Leave it `None`
#   for the shipped synthetic data, or give the path of a CSV that follows the codebook
#   (`data/datapackage.json`); the loader checks the file and names any line that breaks a rule.
#   From a terminal, `mutsup run --data my_class_survey.csv` runs the whole series on such a
#   file.
# * **One call per idea.** The code cells are short on purpose: each calls one function of
#   `mutsup_helpers.analysis` (imported as `ms`), where the statistics are implemented once and
#   tested against R. Read a function's help with `ms.mixed_anova?` when you want the details.
# * **Widgets.** The "Try it" sections hold small explorers (drop-downs and sliders). They need a
#   live kernel; the plain call under each one shows the default view in a static copy.
# * **Exercises.** Each "Check your understanding" question is followed by a worked solution
#   whose cell is collapsed. Try first, then click to expand. (Instructors can hand out a copy
#   without solutions; see `docs/course_guide.md`.)
# * **Paper vs here.** Each notebook ends its analysis with a table that sets every printed number
#   of its section beside the number recomputed from the data, with a status per number.
#
# ### A map of the series
#
# | notebook | paper section | statistical ideas |
# |---|---|---|
# | 01 Overview | the whole paper | mixed design; synthetic data |
# | 02 Sample and procedure | Method: procedure, participants, Table 1 | sampling arithmetic, response rates, quasi-random selection |
# | 03 Measures | Method: measures and analyses | single-item ratings, bounded scales, missingness, coding factors |
# | 04 H1 Group type | Results: group type | within-subject comparison, the difference-score fact, weighted vs unweighted means |
# | 05 H2 Setting | Results: setting, Figures 1, 3, 4 | interactions, Scheffé tests and the omnibus |
# | 06 H3 Training | Results: training, Figure 2 | degrees of freedom of an interaction, Type III vs Type II |
# | 07 H4 Personal experience | Results: personal experience, Table 2 | Student vs Welch, effect sizes, confidence intervals |
# | 08 H5 Years of experience | Results: length of experience, Table 3 | correlation, pairwise N, what stars mean, scale direction |
# | 09 Limitations and discussion | Discussion, limitations | multiple testing, clustering, power, nonresponse, confounding |
# | 10 Reporting audit | the whole paper | internal consistency checks of printed numbers |
# | 11 How the data were rebuilt | (this project) | reconstructing data from summary statistics |
#
# ### A learning path
#
# * **First pass (about two hours):** 01 → 02 → 03 → 04 → 05. This is the core of the
#   mixed ANOVA and enough for one long class.
# * **Second pass:** 06 → 07 → 08, the remaining hypotheses, each a self-contained lesson on a
#   common test (Type II/III, t-test, correlation).
# * **Critical pass:** 09 → 10 → 11, for reading any paper critically and for thinking about
#   what can be recovered from a paper that published no data.

# %% [markdown]
# ## Paper vs here
#
# The printed ANOVA effects beside the same effects computed from the data.

# %%
ms.labelled_comparison(ms.paper_vs_here(data, pub, section="anova"), data,
                       what="an effect printed only as not significant matches with any p above .05, so its exact F "
                            "and p reproduce no printed number")

# %% [markdown]
# How to read the status column: **match** means the recomputed value rounds to the printed one
# at the printed number of decimals; **mismatch** means it does not; **unreachable** means no data
# set could produce the printed value, because the paper's own numbers rule it out (a printing
# error). A handful of numbers in the paper are unreachable; the proofs are in `mutsup verify`
# and in notebook 10, the reporting audit. For an effect the paper printed only as "not
# significant", the F and p shown are the rebuild's choice: any p above .05 would match. If you set `DATA_PATH` to your own survey, read the
# table as "paper vs your sample": mismatches are then expected and interesting.

# %% [markdown]
# ### Did your data replicate the paper?
#
# "Paper vs here" asks whether a number is reproduced to its printed decimals. With a class's
# own survey the question changes: did the class find what the paper found? The table below
# gives one row per finding the paper reports (each ANOVA effect it calls significant, each
# t-test, and each ANOVA effect its text calls not significant) and judges it by criteria from
# the replication literature:
#
# * **direction**: your means are ordered as the paper's text describes them;
# * **paper in CI**: the paper's effect size lies inside your 90% confidence interval (partial
#   eta squared, computed from the printed F and df; a t-test enters as F = t squared);
# * **smaller than d33**: the *small telescopes* test (Simonsohn, 2015): is your effect
#   significantly smaller than the effect the original study had only a 33% chance to detect?
#   If so, the original study could hardly have seen an effect as small as yours, and the
#   finding is **not replicated**; if your study is too small to say either way, the verdict is
#   **inconclusive**. For a finding the paper reports as *not* significant the same one-sided
#   test is an equivalence test (Lakens, 2017) with that 33%-power effect as the smallest
#   effect of interest: **null replicated** when your effect is significantly smaller than it.
#
# On the shipped data every reported effect "replicates" by construction (the synthetic data
# were built to reproduce the printed F values). The nulls are different: the paper printed no F
# for them, so their F, and with it their verdict, is the rebuild's choice (the table after the
# next shows how often each null replicates across the rebuilds). Set `DATA_PATH` to your class's
# survey for the real question. With a small class,
# "paper in CI" is almost always "yes": a wide interval contains nearly anything, which is why
# the verdict rests on the small-telescopes test instead. A 90% interval whose
# upper end is 0 means F was smaller than almost every F that no effect at all would give.

# %%
replication = ms.replication_view(data, pub)
print(ms.replication_summary(ms.replication_table(data, pub)))
ms.labelled_comparison(replication.drop(columns="note"), data,
                       what="the rows with no F printed (the nulls) reproduce no printed number: their F, "
                            "test and verdict come from the data alone")

# %% [markdown]
# Why a finding is not computable on these data, or what the analysis changed:

# %%
for row in replication[replication["note"] != ""].itertuples():
    print(f"{row.finding}: {row.note}")

# %%
ms.labelled_comparison(ms.plot_replication(ms.replication_table(data, pub)), data,
                       what="the nulls' estimates reproduce no printed number")

# %% [markdown]
# How much do the nulls depend on the rebuild? For each effect the paper calls not significant,
# the F on these data and the p of the equivalence test. Read "significant in x%" in the
# provenance column of that p as "null replicated in x% of the rebuilds"; on your own data the
# table is simply your result.

# %%
def nulls(d):
    table = ms.replication_table(d, pub)
    table = table[table["paper_result"] == "not significant"].set_index("finding")
    return table[["class_F", "p_smaller"]].rename(columns={"class_F": "F here", "p_smaller": "p (smaller than d33)"})


ms.labelled(nulls, data, p_values=("p (smaller than d33)",))

# %% [markdown]
# Some nulls replicate in nearly every rebuild and others in few: on the shipped data, how many
# nulls come out "null replicated" is an accident of one rebuild, not something the paper shows.

# %% [markdown]
# ## Try it
#
# Pick an item and the between factor(s) (training, setting, or both as in the paper); the
# explorer redraws the means and refits the ANOVA.

# %%
from mutsup_helpers.views import widgets

widgets.anova_explorer(data, item="familiarity")

# %% [markdown]
# The explorer opens on the paper's full model (training and setting as between factors); the
# same table without widgets, for a static copy:

# %%
ms.labelled(ms.anova_table, data, "familiarity")

# %% [markdown]
# ## Check your understanding
#
# **Exercise 1.** The printed ANOVA table lists an effect, an item and a short description per
# row. For each row, which hypothesis (H1, H2 or H3) does it speak to?

# %% tags=["solution"] jupyter={"source_hidden": true}
# group_type -> H1; group_type:setting3 -> H2; training and group_type:training -> H3.
# No row is a setting main effect: none was significant, which is itself part of the H2 story.
ms.labelled_paper_numbers(pub.anova[["item", "effect", "description"]])

# %% [markdown]
# **Exercise 2.** A classmate explores the synthetic data and finds that, among respondents
# who had themselves been treated for a psychiatric condition, women rate psychiatric groups as
# more valuable than men do. She wants to put it in her term paper as a finding about
# Connecticut providers. What do you tell her?

# %% [markdown] tags=["solution"] jupyter={"source_hidden": true}
# That it is not a finding. The rebuilding matched the statistics the paper printed; gender by
# personal experience by value was never printed, so the synthetic data carry no information
# about it. Whatever pattern appears there is a by-product of the search program. She can use
# the synthetic data to *practise* the analysis she would run, and then run it on real data
# (for example her class's own survey, via `DATA_PATH`).

# %% [markdown]
# **Exercise 3.** How many printed numbers does this series check, and in which sections of the
# paper are they?

# %% tags=["solution"] jupyter={"source_hidden": true}
pub.targets().groupby("section").size()

# %% [markdown]
# **Exercise 4.** Redraw the paper's Figure 4. Which variable is on the x-axis, which hypothesis
# is it about, and what would the plot look like if there were no interaction?

# %% tags=["solution"] jupyter={"source_hidden": true}
# Setting is on the x-axis and each group type is a line: it is about H2. With no interaction
# the two lines would be parallel (the 12-step minus psychiatric gap the same in every setting).
# The paper printed the F, not these means: the faint lines show how the other rebuilds draw it.
ms.labelled(ms.plot_figure, data, 4)

# %% [markdown]
# ## Summary
#
# * The paper asks how mental-health providers view psychiatric mutual support groups compared
#   with 12-step groups, and which staff characteristics go with warmer views, because the
#   groups depend on providers for referrals.
# * Five hypotheses: group type, setting, training, personal experience, years of experience.
#   The first three are tested with one 2 × 3 × 2 mixed ANOVA per item, the last two with
#   t-tests and correlations.
# * The data here are synthetic: good for learning the methods and for checking the paper's
#   internal consistency, not for new substantive claims.
# * Every notebook has the same outline and ends its analysis with a "paper vs here" table.
# * Under every table and figure a provenance line says whether its numbers were printed by the
#   paper, fixed by the printed numbers, or chosen by the rebuild (with their range across rebuilds).
# * On a class's own survey, the replication table judges each of the paper's findings by
#   direction, by whether the paper's effect lies in the class's interval, and by the small
#   telescopes and equivalence tests against the effect the original had 33% power to detect.

# %% [markdown]
# ## References
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Lakens, D. (2017). Equivalence tests: A practical primer for t tests, correlations, and
# meta-analyses. *Social Psychological and Personality Science, 8*(4), 355–362.
# https://doi.org/10.1177/1948550617697177
#
# Maxwell, S. E., & Delaney, H. D. (2004). *Designing experiments and analyzing data: A model
# comparison perspective* (2nd ed.). Lawrence Erlbaum Associates.
#
# Simonsohn, U. (2015). Small telescopes: Detectability and the evaluation of replication
# results. *Psychological Science, 26*(5), 559–569. https://doi.org/10.1177/0956797614567341
#
# Steiger, J. H. (2004). Beyond the F test: Effect size confidence intervals and tests of close
# fit in the analysis of variance and contrast analysis. *Psychological Methods, 9*(2),
# 164–182. https://doi.org/10.1037/1082-989X.9.2.164
