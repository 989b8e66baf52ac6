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
# # Providers' views of mutual support groups: the study's five hypotheses
#
# An app for reading the results of Chinman, Kloos, O'Connell and Davidson (2002) without
# writing code: start with the tab *About the study*, then open one tab per hypothesis. Every
# result is written out as a sentence you can copy into a report, beside what the paper printed.
# Upload your class's own survey file and every tab is computed again on it.

# %% tags=["parameters"]
DATA_PATH = None  # a CSV that follows data/datapackage.json (None: the shipped synthetic data)

# %%
from mutsup_helpers.views import widgets

widgets.replication_app(data_path=DATA_PATH)
