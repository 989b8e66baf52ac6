"""The paper checked against itself, with no data: bounds that work for any paper
(``integers``, ``statistics``), the audit split by family (``reported_tests``, ``summaries``,
``tables``, ``marks``, ``claims``, ``posthoc``; gathered by ``audit``), and the proofs it
gives the scorecard (``proofs``).

May import: ``paper``.
"""
