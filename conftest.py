"""Names every doctest in the package may use without importing them (the registry and the facade)."""

import pytest


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    from mutsup_helpers import analysis
    from mutsup_helpers.paper.published import load_published

    doctest_namespace.update({name: getattr(analysis, name) for name in analysis.__all__})
    doctest_namespace["load_published"] = load_published
    doctest_namespace["ms"] = analysis
