"""Fieldwork: a class's own survey, from the questionnaire it fields to the contract file it analyses.

``instrument`` builds the questionnaire from the registry (the paper's five items, quoted
exactly) and the codebook (the background questions' categories); ``exports`` turns a survey
tool's CSV export into a file that follows the codebook. This layer imports ``paper`` and
``data`` only; nothing in it reads or writes the project's ``data/`` folder beyond the codebook
and the registry.
"""
