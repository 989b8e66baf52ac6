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
# # Explorer: the replication's five views
#
# Change a control and the table and figure below it are recomputed from the data. The
# notebooks 04-09 explain what each view shows; this page only collects them.
#
# > **The data are synthetic.** The answers were rebuilt from the paper's printed statistics;
# > the real survey answers were never published.
#
# Serve it as an app (no code shown) with `voila notebooks/explorer.ipynb`.

# %% tags=["parameters"]
DATA_PATH = None  # a CSV that follows data/datapackage.json (None: the shipped synthetic data)

# %%
from mutsup_helpers import analysis as ms
from mutsup_helpers.views import widgets

data = ms.load_providers(DATA_PATH)

# %% [markdown]
# ## Mixed ANOVA: group type, setting and training (H1-H3)
#
# Pick an item and the between-subjects factors. The table is the mixed ANOVA of that item;
# the column `paper` shows what the paper printed for the effects it reported.

# %%
widgets.anova_explorer(data)

# %% [markdown]
# ## Group comparison: personal experience (H4)
#
# A *t*-test of a psychiatric-group item between respondents with and without a personal
# experience (difference: "No" minus "Yes").

# %%
widgets.group_comparison_explorer(data)

# %% [markdown]
# ## Correlation with years of experience (H5)
#
# A scatter of an item against years in the discipline or the setting, with *r*, *N* and *p*.

# %%
widgets.correlation_explorer(data)

# %% [markdown]
# ## Multiple testing: which findings survive a correction?
#
# The paper's significant findings, adjusted for the whole family of tests it ran.

# %%
widgets.multiple_testing_explorer(data)

# %% [markdown]
# ## Nonresponse: how far can a low response rate move a mean?
#
# Slide how strongly the chance of returning the survey depends on the answer; the table shows
# how far the respondents' mean lands from the population's, and the worst case.

# %%
widgets.nonresponse_explorer(data)
