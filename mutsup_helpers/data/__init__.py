"""The data contract: the codebook, the validating loader, and tables computed from a data set.

May import: ``paper``.
"""
