"""What a student sees: figures, the widgets and the Voilà explorer. Views call, never compute.

May import: every layer below (``paper``, ``data``, ``stats``, ``checks``, ``compare``, ``worlds``).
Nothing but notebooks imports ``widgets``.
"""
