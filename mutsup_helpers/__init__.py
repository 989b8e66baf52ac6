"""Helpers for the teaching replication of Chinman, Kloos, O'Connell & Davidson (2002).

The notebooks in ``notebooks/`` call this package; each public function names the
notebook(s) that use it. The data set it loads is synthetic: it was rebuilt from
the paper's printed statistics because the raw data were never published.
"""

__version__ = "0.3.0"
