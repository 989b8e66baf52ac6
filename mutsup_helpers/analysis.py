"""The public API the notebooks use, in one namespace: ``from mutsup_helpers import analysis as ms``.

Every name here is defined in a submodule of a layer and listed in that module's
``__all__``; this module only gathers them (in the order of :data:`_MODULES`), so a
notebook imports one name, a helper is declared public once, and a renamed
internal breaks nothing a student sees. The widgets are imported separately
(``from mutsup_helpers.views import widgets``): nothing but notebooks imports them.

Layers, from the bottom: ``paper`` (the study as printed) -> ``data`` (codebook, loader,
tables from data) -> ``stats`` (the analyses) -> ``checks`` (the audit and its proofs) ->
``compare`` (paper vs here, rebuilds) -> ``worlds`` (the ensemble of rebuilds) -> ``views``
(figures, widgets, provenance labels). ``reconstruct``
(the solver) stands apart and is not part of this namespace.
"""

from __future__ import annotations

from .checks import (
    audit,
    claims,
    integers,
    marks,
    proofs,
    records,
    reported_tests,
    statistics,
    summaries,
)
from .checks import (
    posthoc as posthoc_audit,
)
from .checks import (
    tables as table_checks,
)
from .compare import readiness, rebuilds, replication, scorecard
from .data import load, tables
from .paper import claims as paper_claims
from .paper import design, printed, published, readings
from .paper import shapes as paper_shapes
from .stats import (
    anova,
    clustering,
    correlations,
    descriptives,
    effect_sizes,
    equivalence,
    fallbacks,
    group_tests,
    imputation,
    limitations,
    mixed_models,
    posthoc,
)
from .stats import shapes as shape_statistics
from .views import answers, display, plots
from .views import provenance as provenance_labels

_MODULES = (
    design, printed, published, paper_claims, readings, paper_shapes,
    load, tables,
    anova, fallbacks, effect_sizes, posthoc, group_tests, correlations, descriptives, limitations, shape_statistics,
    mixed_models, equivalence, clustering, imputation,
    integers, statistics, records, reported_tests, summaries, table_checks, marks, claims, posthoc_audit, audit, proofs,
    scorecard, rebuilds, readiness, replication,
    display, plots, answers, provenance_labels,
)


def _gather(modules) -> dict:
    names: dict = {}
    for module in modules:
        for name in module.__all__:
            if name in names and names[name] is not getattr(module, name):
                raise ImportError(f"{name} is exported by two modules ({module.__name__} and another)")
            names[name] = getattr(module, name)
    return names


globals().update(_gather(_MODULES))
__all__ = sorted(_gather(_MODULES))  # noqa: PLE0605 (assembled from the submodules' lists)
