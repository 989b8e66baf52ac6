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
# # 12 What we would do today
#
# The paper analysed its survey with the toolkit of 2002: split-plot ANOVAs on the respondents
# who answered every question of an item, Scheffé tests, t-tests, and stars for significance.
# This notebook asks what a careful analyst would do with the same design today: write the
# analysis plan down first, fit a mixed model that uses every answer, treat ratings as ordered
# categories, test whether the null results are evidence of absence, face the clustering of
# respondents in facilities, handle missing answers by multiple imputation, and report estimates
# with intervals rather than stars.
#
# > **The data are synthetic.** The answers below were rebuilt from the paper's printed
# > statistics; the real survey answers were never published. Almost everything this notebook
# > computes is a quantity the paper did not print (a mixed model, an ordinal model, an
# > equivalence test, an imputation), so each result is the rebuild's choice within what the
# > printed numbers allow. The provenance line under each table shows how much it moves across
# > the rebuilds.

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
# 1. write a pre-registration for a survey like this one: hypotheses, model, inference criteria,
#    smallest effects of interest, missing data, the family of tests and what would count as
#    support;
# 2. fit a linear mixed model with a random intercept per respondent, explain why on complete
#    cases it reproduces the split-plot ANOVA exactly, and say what it gains from respondents who
#    answered only one question;
# 3. explain why 1-to-5 ratings are ordered categories, fit a cumulative-logit model with
#    standard errors clustered by respondent, and check whether a conclusion depends on treating
#    ratings as numbers;
# 4. use equivalence tests (for an ANOVA effect and for two settings) to tell *absence of
#    evidence* from *evidence of absence*, and justify a smallest effect size of interest;
# 5. reason with a simulation about what clustering in facilities does to standard errors and
#    false-positive rates, and compare multiple imputation with listwise deletion.

# %% [markdown]
# ## What the paper claims
#
# **Five hypotheses** (Chinman et al., 2002, The Current Study). Retold in our words:
#
# * **H1, group type:** providers would see 12-step groups more favourably than mutual support
#   groups for psychiatric disorders, because 12-step groups are older and better established.
# * **H2, setting:** staff of rehabilitation programmes and of case management would see mutual
#   support more favourably than staff of treatment settings, because their programmes lean on
#   recovery and employ consumers as providers.
# * **H3, training:** staff with advanced training would see mutual support *less* favourably
#   than mental health workers (the "professional-centrism" argument).
# * **H4, personal experience:** having been treated oneself, having a family member who was
#   treated, or taking part in mutual support would go with more favourable views.
# * **H5, years:** more years in the current setting and in the discipline would go with more
#   favourable views.
#
# **The analysis** (Methods: Analyses). One 2 (training) × 3 (setting) × 2 (group type)
# split-plot ANOVA per item, with group type measured within respondents; Scheffé post hoc tests
# between the settings; correlations of the items with the two years variables; and t-tests for
# the three personal-experience splits. The paper does not say how missing answers were
# handled; its printed df imply that each item's ANOVA kept only the respondents who answered
# both of its questions and reported their training and setting (notebook 04 works this out).
# Results are reported as F or t with p, and correlations with stars (Results; Tables 2 and 3).
#
# **Null results** are reported as "no significant" effects: no main effect of setting on any
# item, and nothing at all on interference (Results: Group Type; Results: Setting). The paper
# does not ask whether these nulls rule out effects of a size that would matter.
#
# **The sample** (Methods: Procedures; Methods: Participants). Surveys went to a fixed list of
# facilities, one survey for every 50 patients a facility served and at least three per
# facility; directors handed them out. The respondents are analysed as independent people,
# although they come from several dozen facilities. Among the limitations the authors name is the
# large number of tests (Discussion: Limitations and Future Research).
#
# None of this was unusual in 2002. What follows is not a verdict on the authors; it is the same
# design run through the methods that have become standard since.

# %% [markdown]
# ## The analysis
#
# ### 1. A pre-registration, written before the analysis
#
# A pre-registration is a time-stamped plan, written before the data are seen, that fixes the
# hypotheses, the analysis and the criteria for support. It separates *confirmatory* tests (planned)
# from *exploratory* ones (found along the way), and it protects the analyst from the many
# reasonable choices that could otherwise be made after seeing the results (Nosek et al., 2018).
# For *these* data it comes too late: the paper has been published and the rebuild was built
# from its results. Read the template below as the plan we would file for a new survey of the
# same kind (your class's, say), and as the plan the rest of this notebook follows. Copy it and
# fill in the brackets.
#
# > **Pre-registration: providers' views of mutual support groups**
# >
# > **1. Hypotheses.** For each of the five items (familiarity, helpfulness, referral,
# > interference, value), rated 1 to 5 for psychiatric and for 12-step groups:
# > H1, ratings of 12-step groups are higher than those of psychiatric groups;
# > H2, for psychiatric groups, rehabilitation and case-management staff rate higher than
# > treatment staff (a setting × group type interaction, or a setting main effect);
# > H3, staff with advanced training rate lower than mental health workers;
# > H4, respondents with each of the three personal experiences rate psychiatric groups higher;
# > H5, years in the setting and in the discipline correlate positively with the ratings.
# > The direction of each is stated in advance; a significant effect in the other direction
# > counts against the hypothesis, not for it.
# >
# > **2. Model.** H1-H3: one linear mixed model per item, rating ~ training × setting × group
# > type + (1 | respondent), fitted by REML, factors in sum-to-zero coding, each effect tested
# > by a Type III Wald test (F with Kenward-Roger df where software allows). H4: Welch t-tests
# > on the psychiatric-group rating. H5: Pearson correlations with 95% intervals.
# >
# > **3. Inference criteria.** Two-sided α = .05. Every effect is reported as an estimate with
# > its interval (95% for differences in scale points; 90% for partial η², the interval that
# > matches a one-sided F test), whatever its p value. *Smallest effects of interest:* partial
# > η² = .01 for an ANOVA effect, and ±0.25 scale points for the difference between two
# > settings. A non-significant effect is declared *absent* only if its equivalence test is
# > significant at .05; otherwise it is *undecided*.
# >
# > **4. Why these bounds.** A partial η² of .01 is Cohen's (1988) "small" effect: below it a
# > factor explains less than 1% of the variance left by the others, too little to guide
# > training or policy. A quarter of a scale point is the shift when one respondent in four
# > moves up one answer (from "helpful" to "very helpful", say), about a quarter of a typical
# > item's SD: the least that would be worth acting on. [Adjust both to what would change a
# > decision in your setting, and check that your sample can reach them: section 4.]
# >
# > **5. Missing data.** The primary analysis uses every answer given (the mixed model's
# > likelihood, valid if answers are missing at random given the model). Sensitivity
# > analyses: multiple imputation by chained equations (20 imputations, predictive mean
# > matching, the respondent's other items as auxiliary variables); and listwise deletion, as
# > the paper did. Conclusions that differ between them are reported as fragile.
# >
# > **6. Multiple testing.** The family is every test of a hypothesis (notebook 09 lists the
# > paper's family, `ms.family_of_tests`). Holm's correction within each hypothesis family: the
# > five items' group-type tests for H1, the setting tests for H2, and so on.
# >
# > **7. What counts as support.** A hypothesis is supported for an item if its effect is
# > significant after Holm's correction *and* in the predicted direction; it is contradicted
# > if the effect is significant in the other direction *or* equivalent to zero (section 3);
# > otherwise the test is inconclusive. Clustering in facilities is recorded (facility code)
# > and modelled with a facility random intercept; anything not in this plan is labelled
# > exploratory. Any deviation from the plan is reported with its reason.
#
# Point 7 asks for something this survey cannot give: it kept no facility code (section 5).

# %% [markdown]
# ### 2. A linear mixed model: every answer, one model
#
# The split-plot ANOVA needs every respondent to have both answers of an item. Anyone who
# skipped one of the two questions is dropped, along with the answer they did give. A linear
# mixed model writes each *answer* as
#
# $$\text{rating}_{ij} = \text{fixed effects of training} \times \text{setting} \times
# \text{group type} + u_i + e_{ij},$$
#
# where $u_i$ is a random intercept for respondent $i$ (how warm this person is in general) and
# $e_{ij}$ the rest. It is fitted by restricted maximum likelihood (REML), as `lme4::lmer` does
# in R (Bates et al., 2015), and it uses every answer given.
#
# Two facts make it easy to compare with the paper's ANOVA. First, **on complete cases the two
# are the same analysis.** With two answers per person, the REML estimates of the two variances
# are exactly the ANOVA's two error mean squares (between and within respondents), so each
# effect's Wald test divided by its df *is* the split-plot F. (The one exception: if a
# respondent's two answers were *negatively* related, the REML variance of $u_i$ would stop at
# zero and the two would part.) Second, **with all available answers** it adds the respondents
# with one answer; its tests are then large-sample Wald tests, and the p values in the last
# column are from the chi-square distribution (R's `afex::mixed(method = "KR")` would give
# small-sample F tests instead).

# %%
def mixed_vs_anova(d, item):
    return ms.mixed_model_vs_anova(d, item).round(3)


ms.labelled(mixed_vs_anova, data, "helpfulness", printed=ms.mixed_model_vs_anova.printed("helpfulness"),
            p_values=["p_anova", "p_mixed_available"], worlds=20)

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (lme4 and car; afex's Kenward-Roger F): open to see the code</summary>
#
# ```r
# # R track: mixed helpfulness
# source("mutsup_helpers/r/providers.R")
# library(lme4)
# library(car)
# library(afex)
# d <- read_providers("data/providers.csv")
# sum_to_zero <- list(training = contr.sum, setting3 = contr.sum, group_type = contr.sum)
# # every answer given: a random intercept per respondent, REML (the default)
# everyone <- long_ratings(d, "helpfulness", complete = FALSE)
# fit <- lmer(rating ~ training * setting3 * group_type + (1 | respondent_id), data = everyone,
#             contrasts = sum_to_zero)
# Anova(fit, type = 3)  # Wald chi-square tests, as the Python table
# # the same model on the paper's complete cases with Kenward-Roger F tests: the split-plot ANOVA's F
# complete <- long_ratings(d, "helpfulness", complete = TRUE)
# kr <- mixed(rating ~ training * setting3 * group_type + (1 | respondent_id), data = complete, method = "KR")
# kr
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %%
ms.labelled(mixed_vs_anova, data, "referral", printed=ms.mixed_model_vs_anova.printed("referral"),
            p_values=["p_anova", "p_mixed_available"], worlds=20)

# %% [markdown]
# Check the first thing: `F_anova` and `F_mixed_complete` should agree to every decimal shown.
# Now the second: how many more people does the mixed model use?

# %%
for item in ("helpfulness", "referral"):
    complete, available = (ms.mixed_model(data, item, use=use) for use in ms.MIXED_MODEL_USES)
    print(f"{item}: the ANOVA uses {complete.n_respondents} respondents; the mixed model on all available answers "
          f"{available.n_respondents} (+{available.n_respondents - complete.n_respondents}), "
          f"with {available.n_ratings} answers (+{available.n_ratings - complete.n_ratings}).")
    if not available.converged:
        print(f"  (the optimizer did not report convergence for {item}: compare its estimates with R's lmer)")

# %% [markdown]
# On the shipped data that is one or two dozen respondents more, out of several hundred: a
# modest gain. It moves the F values a little, mostly for the between-respondent effects
# (training, setting), because a person with a single answer says something about how warm they
# are in general but little about the difference between the two group types. On the shipped data the decisions at .05 hardly move;
# where one does, the effect had a p value close to .05 in the ANOVA, and a defensible change of
# method is enough to push it across. That is the best argument for writing the method down
# *before* looking (section 1). The assumption changes too: listwise deletion is safe only if
# who skips a question has nothing to do with their views; the mixed model needs only that,
# given their other answer, training and setting, the skipping is unrelated to the missing
# answer (*missing at random*).
#
# The model also estimates how much respondents differ from one another. The share of the
# variance that lies between respondents is the correlation of one person's two answers, the
# intraclass correlation $\text{ICC} = \sigma_u^2 / (\sigma_u^2 + \sigma_e^2)$:

# %%
def variance_components(d, items):
    rows = {}
    for item in items:
        fit = ms.mixed_model(d, item, use="available")
        rows.update({
            (item, "respondents"): fit.n_respondents,
            (item, "answers"): fit.n_ratings,
            (item, "respondent variance"): round(fit.respondent_variance, 3),
            (item, "residual variance"): round(fit.residual_variance, 3),
            (item, "ICC of a respondent's two answers"): round(fit.icc, 3),
        })
    return rows


ms.labelled(variance_components, data, ["helpfulness", "referral"], worlds=20)

# %% [markdown]
# An ICC well above zero means that a person's two answers hang together: people who find one
# kind of group helpful tend to find the other helpful too. That is why the within-respondent
# tests (group type and its interactions) are more precise than the between-respondent ones, and
# why treating the two answers as independent would be wrong. (Notebook 11 notes that the
# rebuild was *asked* for a positive link between a person's two answers; its size is the
# rebuild's choice, as the provenance line shows.)
#
# ### 3. Ratings are ordered categories: a cumulative-logit model
#
# A rating of 4 is more than a 3 and less than a 5, but nothing says that the step from 3 to 4
# is as large as the step from 4 to 5. ANOVA and the mixed model treat the answers as numbers
# with equal steps. With ratings piled up at the top of the scale, as the attitude items are,
# that can mislead: differences in means can be distorted, and even change sign, when the
# answers are really ordered categories (Liddell & Kruschke, 2018). An ordinal model avoids the
# assumption. The *cumulative-logit* (proportional-odds) model says that for each cut point $j$
# of the scale,
#
# $$\operatorname{logit} P(\text{rating} \le j) = \theta_j - x^\top \beta ,$$
#
# with one threshold $\theta_j$ per cut and one set of effects $\beta$ that shift every
# cumulative probability at once (Agresti, 2010). A positive coefficient moves answers up the
# scale.
#
# The model here (statsmodels `OrderedModel`, the equivalent of R's `ordinal::clm`) has no
# random effect, so it cannot know that a person's two answers belong together. Its tests
# therefore use standard errors *clustered by respondent*, which stay valid whatever the
# correlation between the two answers. The full analogue of the mixed model, a cumulative-link
# *mixed* model with a random intercept per respondent, is `ordinal::clmm` in R (Christensen,
# 2022). The p values of the ANOVA and of the ordinal model, effect by effect, and whether they
# fall on the same side of .05:

# %%
def ordinal_table(d, item):
    return ms.ordinal_vs_anova(d, item).round(3)


ms.labelled(ordinal_table, data, "helpfulness", printed=ms.ordinal_vs_anova.printed("helpfulness"),
            p_values=["p_anova", "p_ordinal"], worlds=20)

# %%
ms.labelled(ordinal_table, data, "referral", printed=ms.ordinal_vs_anova.printed("referral"),
            p_values=["p_anova", "p_ordinal"], worlds=20)

# %% [markdown]
# Look for the rows where `same_verdict` is False. On the shipped data they are effects whose
# ANOVA p value sat near .05, which the paper reported as not significant. The ordinal model
# looks at the whole distribution of answers, which the paper never printed, so its p values
# are chosen by the rebuild: the provenance column says in what share of the rebuilds each one
# is significant. A conclusion that holds in both models is robust to the interval assumption;
# one that holds in only one of them is fragile, and a pre-registration would have said in
# advance which model decides (section 1).
#
# The coefficients of one model, in sum-to-zero coding: each is the deviation of a level from the
# average over the levels of its factor (so the advanced-minus-mental-health-worker difference is
# twice the training coefficient), on the log-odds scale. The thresholds `1|2` ... are the cut
# points. `se_ratio` divides the clustered SE by the model-based one:

# %%
def ordinal_terms(d, item):
    table = ms.ordinal_coefficients(d, item)
    if table.empty:  # no ordinal model can be estimated on these data (an item whose answers do not vary)
        return {"note": table.attrs["note"]}
    return table.set_index("label").drop(columns=["term", "converged"]).round(3)


ms.labelled(ordinal_terms, data, "helpfulness", worlds=20)

# %% [markdown] tags=["r-track"]
# <details class="mutsup-r-track"><summary><b>The same in R</b> (ordinal: clm, and the mixed clmm): open to see the code</summary>
#
# ```r
# # R track: ordinal helpfulness
# source("mutsup_helpers/r/providers.R")
# library(ordinal)
# d <- read_providers("data/providers.csv")
# sum_to_zero <- list(training = contr.sum, setting3 = contr.sum, group_type = contr.sum)
# everyone <- long_ratings(d, "helpfulness", complete = FALSE)
# everyone$answer <- factor(everyone$rating, ordered = TRUE)
# # cumulative logit, no random effect: the model statsmodels' OrderedModel fits
# fit <- clm(answer ~ training * setting3 * group_type, data = everyone, contrasts = sum_to_zero)
# summary(fit)
# # the cumulative-link mixed model: a random intercept per respondent instead of clustered SEs
# mixed_fit <- clmm(answer ~ training * setting3 * group_type + (1 | respondent_id), data = everyone,
#                   contrasts = sum_to_zero)
# summary(mixed_fit)
# ```
#
# Run it from the repository's root (`Rscript`, or paste it into R). `tests/test_r_track.py` runs this block on the shipped data and checks that it prints the numbers the Python cell above computes.
#
# </details>

# %% [markdown]
# Clustering cuts both ways. For the between-respondent terms (training, setting) the clustered
# SE is typically *larger* than the model-based one, because two answers from one person count as less
# than two independent answers. For the terms that involve group type it is usually *smaller*,
# because each person is compared with themselves, the same gain a paired t-test has over an
# unpaired one. The mixed model gets both right by design; the ordinal model gets them right
# through the clustered SEs.
#
# ### 4. Absence of evidence or evidence of absence? Equivalence tests
#
# "No significant main effect of setting" tells us only that the data do not rule out an effect
# of zero. It does not say that the effect is small: with a small or noisy sample every test
# is non-significant. An **equivalence test** turns the question around. Fix the smallest effect
# that would matter (the *smallest effect size of interest*, SESOI), then test whether the data
# rule out every effect at least that large (Lakens, 2017; Lakens, Scheel & Isager, 2018).
#
# * **For an ANOVA effect** the test asks whether the population partial η² is below the bound,
#   using the observed F and the noncentral F distribution (Campbell & Lakens, 2021). It is
#   significant exactly when the 90% interval of partial η² lies below the bound.
# * **For two settings** it is the *two one-sided tests* procedure (TOST): one t-test that the
#   difference is above −0.25 scale points, one that it is below +0.25. Both must be significant,
#   which happens exactly when the difference's 90% interval lies inside the bounds.
#
# Each effect then gets one of three verdicts:

# %%
for verdict, meaning in ms.EQUIVALENCE_VERDICTS.items():
    print(f"{verdict:>10}: {meaning}")

# %% [markdown]
# The bounds are those of the pre-registration (section 1): partial η² = .01 and ±0.25 scale
# points. Every ANOVA effect the paper did *not* report as significant, with its partial η², the
# 90% interval and the equivalence test:

# %%
ETA2_BOUND = 0.01  # the smallest partial eta squared of interest
SETTING_BOUND = 0.25  # the smallest difference of interest between two settings, in scale points


def null_results(d, eta2_bound):
    table = ms.anova_equivalence(d, eta2_bound=eta2_bound)
    return table.set_index(table["item"] + ": " + table["effect"]).drop(columns=["item", "effect"]).round(3)


ms.labelled(null_results, data, ETA2_BOUND, p_values=["p", "p_equivalence"], decimals=3)

# %%
verdicts = ms.anova_equivalence(data, eta2_bound=ETA2_BOUND)["verdict"].value_counts()
print(f"Of the {verdicts.sum()} effects the paper did not report as significant: "
      + ", ".join(f"{verdicts.get(v, 0)} {v}" for v in ms.EQUIVALENCE_VERDICTS) + ".")

# %% [markdown]
# Read the `eta2_high` column as "the largest effect these data still allow". So: absence of
# evidence, or evidence of absence? When `eta2_high` is below the bound (*equivalent*), the null
# result is evidence of absence, of every effect as large as the bound; when it is above
# (*undecided*), it is only absence of evidence: the study could not tell. (When F is very small the interval collapses to zero at both ends, and the point estimate
# `np2` can then lie above it: a quirk of intervals built from a test, not an error.) On the
# shipped data a good share of the nulls are *undecided*: the survey, large as it is, cannot rule
# out effects of 1% of the variance for them. That matches notebook 09's power table, where the
# smallest effects these tests detect well are larger than .01. "No significant effect" in the
# paper is, for those rows, absence of evidence only.
#
# The setting main effect is the paper's central null result (H2 predicted one). Pair by pair,
# on the respondents' mean rating of the two group types:

# %%
def setting_pairs(d, item, bound):
    return ms.setting_tost(d, item, bound=bound).set_index("pair").round(3)


ms.labelled(setting_pairs, data, "helpfulness", SETTING_BOUND, p_values=["p", "p_tost"])

# %%
ms.labelled(setting_pairs, data, "referral", SETTING_BOUND, p_values=["p", "p_tost"])

# %% [markdown]
# `difference` is the first setting's mean minus the second's, in scale points, with its 90%
# interval; `p` is the usual t-test, `p_tost` the equivalence test. A pair is *equivalent* when
# the whole interval lies within ±0.25. Training is ignored here (the ANOVA's setting effect
# averages over it), so these are raw differences between settings. That is also why a pair can
# come out *different* although the ANOVA's setting effect is not significant: each pair is an
# unadjusted t-test of its own, without training in the model and without a correction for the
# three comparisons. Three verdicts side by side (significant, equivalent, undecided) are more
# informative than one star, but they are still three tests.
#
# **Choosing the SESOI.** The bounds must be fixed before the data are seen, and justified by
# what matters, not by what the data happen to allow: any interval fits inside a wide enough
# bound (Exercise 4 shows how easy that would be). Three kinds of argument are used (Lakens,
# Scheel & Isager, 2018): *substantive* (the smallest difference that would change a training
# programme or a referral policy), *scale-based* (a quarter of a step on a five-point scale), and
# *resource-based* (the smallest effect the available sample can test with reasonable power,
# which is then an honest statement of what the study can and cannot show). The paper's design
# is fixed, so the third argument mostly tells us how many *undecided* verdicts to expect.
#
# ### 5. Respondents sit in facilities: a clustering simulation
#
# Surveys were sent to each facility in proportion to its size, one for every 50 patients and at
# least three per facility (Methods: Procedures), and most facilities answered (Methods:
# Participants). Staff of one facility share a director, a culture and the same local groups, so
# their answers are likely to resemble each other. The paper analyses them as independent
# people. Notebook 09 put a number on this with a design effect; here we ask what it does to the
# tests themselves.
#
# The data carry **no facility code**, so the clustering cannot be estimated or modelled, only
# simulated. The simulation keeps what the paper prints (the number of facilities, the patients
# they serve, the sampling rule, the surveys returned and how many facilities answered) and
# chooses what it does not: how unequal the facilities are (lognormal sizes with a coefficient
# of variation, CV) and the intraclass correlation (ICC) of answers within a facility. One draw
# of the facilities:

# %%
CV = 1  # spread of the facilities' sizes (coefficient of variation); the paper prints none
sizes = ms.facility_sizes(CV)
print(f"{len(sizes)} facilities; {int((sizes['surveys'] == sizes['surveys'].min()).sum())} of them get the minimum "
      f"of {sizes['surveys'].min()} surveys; {int(sizes['responded'].sum())} respond.")
ms.labelled_simulation(sizes.loc[sizes["responded"], ["patients", "surveys", "respondents"]].describe().round(1),
                       assumptions=f"facility sizes (lognormal, CV {CV})", what="the responding facilities")

# %% [markdown]
# A few large facilities supply many respondents; many small ones supply a handful. For each ICC
# the simulation draws ratings with no effect at all, splits the respondents two ways and runs the
# naive t-test the paper's methods imply, 2000 times:
#
# * by a **facility-level** predictor (a setting: every respondent of a facility shares it);
# * by a **respondent-level** predictor (such as having been hospitalized, which varies within
#   facilities).
#
# `se_ratio` is the true spread of the estimated difference over the naive SE (1: the naive SE
# is right), and `se_ratio_formula` what notebook 09's design effect for unequal clusters
# predicts for it (the square root of the design effect; 1 for the respondent-level
# predictor); `false_positive_rate` is the share of naive tests with p < .05 although nothing is
# going on (it should be .05); `p_for_naive_01` is what a naive p of .01 becomes once the SE is
# corrected. The view for the facility spread chosen above:

# %%
sim = ms.clustering_simulation()
ASSUMPTIONS = (f"facility sizes (lognormal, CV {sim['cv'].min():g}-{sim['cv'].max():g}) and ICCs from "
               f"{sim['icc'].min():g} to {sim['icc'].max():g}")
measures = ["se_ratio", "se_ratio_formula", "false_positive_rate", "p_for_naive_01"]
compact = sim.query("cv == @CV").pivot(index="icc", columns="predictor", values=measures)
ms.labelled_simulation(compact.round(3), assumptions=ASSUMPTIONS)

# %% [markdown]
# The respondent-level predictor is hardly touched: its two groups are mixed within every
# facility, so the facility effects cancel. The facility-level predictor is hurt most. An ICC of
# a few hundredths already makes its naive SE too small and its false-positive rate climb well above .05, and
# a naive p of .01 turns into something much weaker. Setting is exactly such a predictor (a
# facility is a treatment, rehabilitation or case-management programme), so the paper's setting
# effects, including the group type × setting interactions, are the results most exposed to
# clustering; group type, compared within each respondent, and training, which varies within
# facilities, much less. (The simulation is seeded and uses the paper's design, not the data: it
# gives the same numbers on every data set, your class's included.) Today's analysis would
# record the facility and add a random intercept for it to the mixed model.
#
# ### 6. Missing answers: multiple imputation as a sensitivity analysis
#
# The mixed model used every answer given; multiple imputation goes one step further and uses
# the respondent's *other* items too. Each missing answer is filled in by chained equations
# (predictive mean matching, so every imputed answer is an answer somebody gave), 20 times over;
# each completed data set is analysed, and the 20 results are pooled by Rubin's (1987) rules,
# with Barnard and Rubin's (1999) small-sample degrees of freedom (van Buuren, 2018). Three
# one-df contrasts of the helpfulness design, each in scale points, by listwise deletion and by
# imputation:

# %%
def imputation_table(d, item):
    return ms.imputation_vs_listwise(d, item).set_index("contrast").round(3)


ms.labelled(imputation_table, data, "helpfulness", p_values=["p_listwise", "p_imputed"], worlds=10)

# %% [markdown]
# `missing_information` is the fraction of missing information: how much of each estimate's
# uncertainty comes from not knowing the missing answers (0: none). When it is small, imputation
# adds little, and listwise deletion loses little beyond the respondents it drops. When the
# estimates, or the decisions at .05, differ between the two columns, the missing answers matter
# and the assumption about *why* they are missing deserves a sentence in the report. Both
# methods assume the answers are missing at random; neither can check it, and a simulation of
# non-random skipping (as notebook 09 does for non-response) is the honest next step.
#
# ### 7. Estimation, not stars
#
# A star says only which side of .05 a p value fell on. An estimate with its interval says how
# large the effect is and how precisely it is known, and it answers the significance question
# as well (an interval that excludes zero) and the equivalence question (an interval inside the
# bounds). For every effect of the helpfulness ANOVA, partial η² with its 90% interval:

# %%
def effect_sizes(d, item):
    table = ms.anova_equivalence(d, items=[item], reported=True)
    return table.set_index("effect")[["df1", "df2", "F", "p", "np2", "eta2_low", "eta2_high"]].round(3)


ms.labelled(effect_sizes, data, "helpfulness", printed=ms.anova_table.printed("helpfulness"), decimals=3)

# %% [markdown]
# The significant effects and the null ones now sit on one scale: how much of the variance each
# explains, with the values the data cannot rule out. The same goes for the setting differences
# above, in scale points, and the imputed contrasts, in scale points with their SEs. What
# changed from the paper, result by result, and why:
#
# * **Mixed model.** Same F on the same respondents; with every available answer, a few more
#   respondents and slightly different tests. *Why:* it uses all the data and rests on a weaker
#   assumption about missing answers.
# * **Ordinal model.** The same decisions for the clear effects; for effects near .05 the
#   decision can flip. *Why:* it does not assume equal steps between answers, and it looks at the
#   whole distribution of answers (the rebuild's choice here).
# * **Equivalence tests.** Some of the paper's nulls become evidence that any effect is small;
#   others turn out to be *undecided*. *Why:* a non-significant test cannot tell the two apart;
#   an equivalence test with a stated bound can.
# * **Clustering.** No number changes, because the data cannot show it, but the setting effects
#   deserve less confidence than their p values suggest. *Why:* setting varies between
#   facilities, not within them.
# * **Multiple imputation.** Estimates close to listwise on the shipped data, with a little
#   more precision. *Why:* few answers are missing per item, and the other items predict them.

# %% [markdown]
# ## Paper vs here
#
# The same design, two toolkits:
#
# | Analysis | The paper (2002) | Here (today) |
# |---|---|---|
# | Plan | Hypotheses in the introduction; analysis choices not fixed in advance | A pre-registration: model, bounds, family of tests and criteria for support written down first |
# | Main model | 2 × 3 × 2 split-plot ANOVA per item, Type III | Linear mixed model, random intercept per respondent; identical to the ANOVA on complete cases |
# | Missing answers | Listwise: respondents with one answer dropped | Every available answer (mixed model); multiple imputation and listwise as sensitivity analyses |
# | Scale of the ratings | Interval scores (means, F tests) | Also ordered categories (cumulative logit, SEs clustered by respondent; `clmm` in R) |
# | Null results | "Not significant" | Equivalence tests against stated bounds: equivalent or undecided |
# | Clustering in facilities | Respondents treated as independent | Not estimable without a facility code; simulated, and a facility random effect planned |
# | Many tests | Each at .05 | Holm within each hypothesis family (notebook 09) |
# | Reporting | F, t, p and stars | Estimates with intervals (partial η² with 90% CIs, differences in scale points) |
#
# The split-plot ANOVA itself is not wrong: the mixed model reproduces it exactly on the same
# respondents. What today's toolkit adds is a plan fixed in advance, the use of every answer,
# checks of the assumptions (interval scale, independence, missing at random) and a way to
# make a null result informative.

# %% [markdown]
# ## Try it
#
# Change the item and the two bounds, and rerun the cell. Which null results become
# *equivalent*, and which *undecided*? (The mixed and ordinal models take a few seconds per item
# on each rebuild; call `ms.mixed_model_vs_anova(data, ITEM)` or `ms.ordinal_vs_anova(data, ITEM)`
# directly for a quick look at another item.)

# %%
ITEM = "interference"  # one of ms.ITEMS
eta2_bound = 0.02  # smallest partial eta squared of interest
bound = 0.4  # smallest difference of interest between two settings, in scale points

ms.labelled(lambda d: null_results(d, eta2_bound).filter(like=f"{ITEM}:", axis=0), data,
            p_values=["p", "p_equivalence"], decimals=3)

# %%
ms.labelled(setting_pairs, data, ITEM, bound, p_values=["p", "p_tost"])

# %% [markdown]
# ## Check your understanding
#
# **Exercise 1.** Run the ordinal model for all five items. For how many effects of each item
# does the verdict at .05 differ from the ANOVA's, and which effects are they? What do those
# effects have in common?

# %% jupyter={"source_hidden": true} tags=["solution"]
# The effects whose verdict changes are interactions or setting effects whose ANOVA p value
# lies near .05 (within about a tenth of it); the group-type main effects keep their verdict.
# On the shipped data the change goes both ways: nulls of the paper become significant, and a
# result the paper reports as significant can lose its star. The counts are the rebuild's
# choice: the ordinal model reads the distribution of the answers, which the paper never
# printed. A pre-registration names the deciding model in advance.
def changed_verdicts(d):
    return {item: int((~ms.ordinal_vs_anova(d, item)["same_verdict"].astype(bool)).sum()) for item in ms.ITEMS}


for item in ms.ITEMS:
    table = ms.ordinal_vs_anova(data, item)
    changed = list(table.index[~table["same_verdict"].astype(bool)])
    print(f"{item}: {', '.join(changed) if changed else 'no verdict changes'}")
ms.labelled(changed_verdicts, data, worlds=20, what="effects whose verdict at .05 differs, per item")

# %% [markdown]
# **Exercise 2.** The bounds of section 4 were a choice. Rerun the ANOVA equivalence tests with
# partial η² bounds of .005, .01, .02 and .05, and the helpfulness setting TOST with bounds of
# 0.1, 0.25 and 0.4 scale points. How do the counts of *equivalent* and *undecided* change?
# Which bounds would you defend, and why must you choose them before seeing this table?

# %% jupyter={"source_hidden": true} tags=["solution"]
# A wider bound is easier to pass: the counts move from "undecided" to "equivalent" as the
# bound grows, while "different" (the significant effects) does not depend on it. A bound of
# .05 is close to Cohen's medium effect and would call almost anything "absent"; .005 asks
# for more precision than the survey has. Because the verdict depends so strongly on the bound,
# the bound must come from the substance (what difference would matter) and be fixed in the
# pre-registration; chosen after this table, it could produce any verdict one wanted.
VERDICT_ORDER = [*ms.EQUIVALENCE_VERDICTS, "not computed"]


def verdicts_by_bound(d, bounds):
    counts = {f"eta2 bound {b:g}": ms.anova_equivalence(d, eta2_bound=b)["verdict"].value_counts()
              .reindex(VERDICT_ORDER, fill_value=0) for b in bounds}
    names = list(counts)
    return counts[names[0]].to_frame(names[0]).assign(**{name: counts[name] for name in names[1:]})


def tost_by_bound(d, item, bounds):
    tables = {b: ms.setting_tost(d, item, bound=b).set_index("pair") for b in bounds}
    first = tables[bounds[0]][["difference", "ci90_low", "ci90_high"]]
    return first.assign(**{f"p_tost at {b:g}": tables[b]["p_tost"] for b in bounds}).round(3)


display(ms.labelled(verdicts_by_bound, data, (0.005, 0.01, 0.02, 0.05)))
ms.labelled(tost_by_bound, data, "helpfulness", (0.1, 0.25, 0.4), p_values=["p_tost at 0.1", "p_tost at 0.25",
                                                                          "p_tost at 0.4"])

# %% [markdown]
# **Exercise 3.** In the clustering simulation, at what ICC does the false-positive rate of the
# naive test of the facility-level (setting) predictor first reach twice the nominal .05? Does
# the answer depend on how unequal the facilities are? Does it ever happen for the
# respondent-level predictor?

# %% jupyter={"source_hidden": true} tags=["solution"]
# For the setting predictor the rate doubles at a small ICC, and no later when the facilities
# are more unequal (large facilities weigh more, so fewer effective clusters carry the
# comparison). The respondent-level predictor stays near .05 at every ICC simulated, so it never
# appears in the table. ICCs of this size are common for staff nested in organisations, so the
# paper's setting effects should be read with their p values discounted.
doubled = sim[sim["predictor"].str.startswith("facility") & (sim["false_positive_rate"] >= 2 * ms.ALPHA)]
never = sim[sim["predictor"].str.startswith("respondent") & (sim["false_positive_rate"] >= 2 * ms.ALPHA)]
print(f"respondent-level predictor: {len(never)} simulated settings with a doubled false-positive rate")
ms.labelled_simulation(doubled.groupby("cv")[["icc"]].min().rename(columns={"icc": "smallest ICC that doubles it"}),
                       assumptions=ASSUMPTIONS)

# %% [markdown]
# **Exercise 4 (written).** Write a pre-registration for a survey your class could run, using the
# template of section 1: adapt the hypotheses to your questions, and justify your smallest
# effects of interest in a sentence each. Then see why the bounds must be fixed *before* the
# data: compute, for each pair of settings on helpfulness, the smallest bound with which the TOST
# would have declared equivalence on these data. What would happen if an analyst chose the
# bound after seeing this column?

# %% jupyter={"source_hidden": true} tags=["solution"]
# A TOST passes exactly when the 90% interval lies inside the bounds, so the smallest bound
# that passes is the larger end of the interval in absolute value. Choosing the bound after the
# data would let any difference be called "equivalent": the test would then say nothing. A
# good pre-registration for a class survey keeps the paper's structure (one model per item,
# stated directions, Holm within each family, equivalence bounds with a reason), adds a facility
# or class code if respondents are grouped, and says in advance what a small sample can show:
# with a few dozen respondents most equivalence tests will be undecided, and the plan should say
# that this is expected rather than a failure.
def smallest_passing_bound(d, item):
    table = ms.setting_tost(d, item, bound=SETTING_BOUND).set_index("pair")
    smallest = table[["ci90_low", "ci90_high"]].abs().max(axis=1)
    return table[["difference", "ci90_low", "ci90_high"]].assign(smallest_bound=smallest).round(3)


ms.labelled(smallest_passing_bound, data, "helpfulness")

# %% [markdown] tags=["rubric"]
# *Rubric (Exercise 4, 4 points).* 1 point each: (a) hypotheses with a stated direction for the
# class's own questions; (b) a model, the family of tests and a correction named before the data;
# (c) smallest effects of interest with a reason that is not the data (a decision they would
# change, or the scale); (d) the smallest passing bound computed from the 90% interval, and the
# point that a bound chosen after seeing it makes any difference "equivalent".

# %% [markdown]
# ## Summary
#
# * Write the plan first. A pre-registration fixes hypotheses, model, bounds, missing-data
#   handling, the family of tests and the criteria for support, so that results near .05 cannot
#   be nudged by choices made after the fact.
# * The linear mixed model with a random intercept per respondent *is* the split-plot ANOVA on
#   complete cases, and uses every answer otherwise. Its variance components give the ICC of a
#   person's two answers.
# * Ratings are ordered categories. A cumulative-logit model with SEs clustered by respondent
#   (or `ordinal::clmm` in R) checks whether a conclusion depends on treating them as numbers;
#   the clear effects do not, effects near .05 may.
# * A non-significant test is absence of evidence. Equivalence tests against a justified SESOI
#   (partial η² = .01; ±0.25 scale points here) sort the nulls into *equivalent* and *undecided*.
# * Setting varies between facilities, so clustering hurts the setting effects most; without a
#   facility code it can only be simulated.
# * Multiple imputation and listwise deletion are sensitivity analyses for missing answers;
#   the fraction of missing information says how much the missing answers matter.
# * Report estimates with intervals; the interval answers the significance and the equivalence
#   question at once.

# %% [markdown]
# ## References
#
# Agresti, A. (2010). *Analysis of ordinal categorical data* (2nd ed.). Wiley.
# https://doi.org/10.1002/9780470594001
#
# Barnard, J., & Rubin, D. B. (1999). Small-sample degrees of freedom with multiple imputation.
# *Biometrika, 86*(4), 948–955. https://doi.org/10.1093/biomet/86.4.948
#
# Bates, D., Mächler, M., Bolker, B., & Walker, S. (2015). Fitting linear mixed-effects models
# using lme4. *Journal of Statistical Software, 67*(1), 1–48. https://doi.org/10.18637/jss.v067.i01
#
# Campbell, H., & Lakens, D. (2021). Can we disregard the whole model? Omnibus non-inferiority
# testing for R² in multi-variable linear regression and η² in ANOVA. *British Journal of
# Mathematical and Statistical Psychology, 74*(1), 64–89. https://doi.org/10.1111/bmsp.12201
#
# Chinman, M., Kloos, B., O'Connell, M., & Davidson, L. (2002). Service providers' views of
# psychiatric mutual support groups. *Journal of Community Psychology, 30*(4), 349–366.
# https://doi.org/10.1002/jcop.10010
#
# Christensen, R. H. B. (2022). *ordinal: Regression models for ordinal data* (R package version
# 2022.11-16).
# https://CRAN.R-project.org/package=ordinal
#
# Cohen, J. (1988). *Statistical power analysis for the behavioral sciences* (2nd ed.). Lawrence
# Erlbaum Associates.
#
# Eldridge, S. M., Ashby, D., & Kerry, S. (2006). Sample size for cluster randomized trials:
# Effect of coefficient of variation of cluster size and analysis method. *International
# Journal of Epidemiology, 35*(5), 1292–1300. https://doi.org/10.1093/ije/dyl129
#
# Lakens, D. (2017). Equivalence tests: A practical primer for t tests, correlations, and
# meta-analyses. *Social Psychological and Personality Science, 8*(4), 355–362.
# https://doi.org/10.1177/1948550617697177
#
# Lakens, D., Scheel, A. M., & Isager, P. M. (2018). Equivalence testing for psychological
# research: A tutorial. *Advances in Methods and Practices in Psychological Science, 1*(2),
# 259–269. https://doi.org/10.1177/2515245918770963
#
# Liddell, T. M., & Kruschke, J. K. (2018). Analyzing ordinal data with metric models: What
# could possibly go wrong? *Journal of Experimental Social Psychology, 79*, 328–348.
# https://doi.org/10.1016/j.jesp.2018.08.009
#
# Nosek, B. A., Ebersole, C. R., DeHaven, A. C., & Mellor, D. T. (2018). The preregistration
# revolution. *Proceedings of the National Academy of Sciences, 115*(11), 2600–2606.
# https://doi.org/10.1073/pnas.1708274114
#
# Rubin, D. B. (1987). *Multiple imputation for nonresponse in surveys*. Wiley.
# https://doi.org/10.1002/9780470316696
#
# van Buuren, S. (2018). *Flexible imputation of missing data* (2nd ed.). Chapman & Hall/CRC.
# https://doi.org/10.1201/9780429492259
