"""The study as printed, with no respondent data: design facts, what a printed number stands for,
the registry of printed numbers, the text's claims and the readings of misprints.

May import: nothing from the package but ``paths``. Everything else imports it.
"""
