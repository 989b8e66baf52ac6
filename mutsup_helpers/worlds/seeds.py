"""Seed lists as a person types them: ``1-100``, ``7``, ``1,5,7-9``."""

from __future__ import annotations

__all__ = ["parse_seeds"]

#: numpy's generators take seeds of 0 or more; more than this many worlds in one list is a typo.
MAX_SEEDS = 100_000


def parse_seeds(text: str) -> list[int]:
    """The seeds a list names, in order, each once.

    Parts are separated by commas; a part is a whole number (0 or more) or a range ``A-B``
    with ``A <= B``, both ends included. A bad list raises ``ValueError`` saying which part
    breaks which rule.

    >>> parse_seeds("1-3,7,2")
    [1, 2, 3, 7]
    >>> parse_seeds("5-1")
    Traceback (most recent call last):
    ...
    ValueError: seed list '5-1': the range '5-1' goes down (a range is A-B with A <= B)
    """
    seeds: list[int] = []
    seen: set[int] = set()
    parts = [p.strip() for p in str(text).split(",")]
    for part in parts:
        if not part:
            raise ValueError(f"seed list {text!r}: an empty part (write e.g. 1-100 or 1,5,7-9)")
        low, sep, high = part.partition("-")
        try:
            first = _whole(low)
            last = _whole(high) if sep else first
        except ValueError:
            raise ValueError(f"seed list {text!r}: {part!r} is not a seed (a whole number of 0 or more) "
                             "or a range A-B of them") from None
        if last < first:
            raise ValueError(f"seed list {text!r}: the range {part!r} goes down (a range is A-B with A <= B)")
        if len(seeds) + (last - first + 1) > MAX_SEEDS:
            raise ValueError(f"seed list {text!r}: more than {MAX_SEEDS} seeds")
        for seed in range(first, last + 1):
            if seed not in seen:
                seen.add(seed)
                seeds.append(seed)
    return seeds


def _whole(text: str) -> int:
    text = text.strip()
    if not text.isdigit():  # rejects signs, decimals and blanks
        raise ValueError(text)
    return int(text)
