"""The analyses, one implementation each: mixed ANOVA, Scheffé, t-tests, correlations,
descriptives, the limitations helpers. They compute; they never draw.

May import: ``paper``, ``data``.
"""
