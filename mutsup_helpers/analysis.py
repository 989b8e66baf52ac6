"""The public API the notebooks use, in one namespace: ``from mutsup_helpers import analysis as ms``.

Everything here is defined in a submodule (named in each function's
docstring); this module only gathers them, so that a notebook imports one name
and a renamed internal breaks nothing a student sees.
"""

from .anova import difference_score_anova, mixed_anova, pingouin_mixed_anova, subject_mean_anova
from .audit import (
    audit_arithmetic,
    audit_claims,
    audit_df,
    audit_grim,
    audit_marks,
    audit_posthoc,
    audit_scale_direction,
    audit_sd,
    audit_statcheck,
    audit_summary,
    checks_passed,
    claims_table,
    construct_direction,
    design_of,
    effect_df1,
    flag_check,
    format_findings,
    grim_range,
    percent_counts,
    run_audit,
    sd_check,
    stars_check,
    statcheck,
)
from .compare import paper_vs_here, scorecard, summarize
from .correlations import correlate, table3
from .data import load_providers, to_long
from .descriptives import describe, interaction_means, item_distribution, rounded
from .feasibility import pairwise_n_bounds
from .group_tests import compare_groups, table2
from .limitations import (
    adjust_pvalues,
    clustering_table,
    design_effect,
    family_of_tests,
    multiple_testing_summary,
    nonresponse_bounds,
    nonresponse_simulation,
    nonresponse_summary,
    power_table,
    rank_based_table2,
)
from .plots import (
    plot_demographics,
    plot_figure,
    plot_interaction,
    plot_item_distributions,
    plot_missingness,
    plot_rebuilds,
    plot_years_scatter,
)
from .posthoc import scheffe
from .published import load_published
from .rebuilds import answer_counts, load_rebuilds, realism_checks, rebuild_differences, scorecards_side_by_side
from .sample import crosstab, missingness, sample_table, sampling_arithmetic, skipped_per_respondent

__all__ = [
    "adjust_pvalues",
    "answer_counts",
    "audit_arithmetic",
    "audit_claims",
    "audit_df",
    "audit_grim",
    "audit_marks",
    "audit_posthoc",
    "audit_scale_direction",
    "audit_sd",
    "audit_statcheck",
    "audit_summary",
    "checks_passed",
    "claims_table",
    "clustering_table",
    "compare_groups",
    "construct_direction",
    "correlate",
    "crosstab",
    "describe",
    "design_effect",
    "design_of",
    "difference_score_anova",
    "effect_df1",
    "family_of_tests",
    "flag_check",
    "format_findings",
    "grim_range",
    "interaction_means",
    "item_distribution",
    "load_providers",
    "load_published",
    "load_rebuilds",
    "missingness",
    "mixed_anova",
    "multiple_testing_summary",
    "nonresponse_bounds",
    "nonresponse_simulation",
    "nonresponse_summary",
    "pairwise_n_bounds",
    "paper_vs_here",
    "percent_counts",
    "pingouin_mixed_anova",
    "plot_demographics",
    "plot_figure",
    "plot_interaction",
    "plot_item_distributions",
    "plot_missingness",
    "plot_rebuilds",
    "plot_years_scatter",
    "power_table",
    "rank_based_table2",
    "realism_checks",
    "rebuild_differences",
    "rounded",
    "run_audit",
    "sample_table",
    "sampling_arithmetic",
    "scheffe",
    "scorecard",
    "scorecards_side_by_side",
    "sd_check",
    "skipped_per_respondent",
    "stars_check",
    "statcheck",
    "subject_mean_anova",
    "summarize",
    "table2",
    "table3",
    "to_long",
]
