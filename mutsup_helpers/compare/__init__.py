"""Printed vs reproduced: the scorecard of every printed number, and rebuilds side by side.

May import: ``paper``, ``data``, ``stats``, ``checks``.
"""
