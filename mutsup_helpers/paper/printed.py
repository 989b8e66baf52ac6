"""What a printed number stands for: the one value type every comparison with the paper goes through.

A number printed with d decimals stands for every value that rounds to it:
3.34 for [3.335, 3.345), -0.059 for (-0.0595, -0.0585] (halves round away from
zero, as SPSS and the paper's tables do). The paper prints its smallest p values
as "p = .0001", which stands for p < .001 (:data:`P_FLOOR`). :class:`Printed`
holds the value, its decimals and its kind, and answers the only two questions
the package asks of a printed number: which interval it stands for
(:meth:`Printed.interval`) and whether a recomputed value is in it
(:meth:`Printed.contains`). The scorecard, the audit, the exact bounds and the
solver's targets all use it; nothing else computes a rounding half-width.

Used in: every layer that compares with the paper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["P_FLOOR", "Printed", "decimals_of_literal", "fmt_p", "matches_printed", "printed_p"]

#: How this paper prints its smallest p values: a printed .0001 stands for p < .001.
P_FLOOR = (0.0001, 0.001)
# Binary floating point must not decide a tie at a rounding boundary.
_SLACK = 1e-9


@dataclass(frozen=True)
class Printed:
    """A number as printed: ``value`` with ``decimals`` decimals; ``below`` is set when it stands for "< below".

    >>> [round(end, 6) for end in Printed(3.34, 2).interval()]
    [3.335, 3.345]
    >>> Printed(3.34, 2).contains(3.3449), Printed(3.34, 2).contains(3.345)
    (True, False)
    >>> Printed(-0.059, 3).contains(-0.0585), Printed(-0.059, 3).contains(-0.0595)
    (True, False)
    >>> p = printed_p(0.0001, 4)
    >>> p.below, p.contains(0.0009), p.contains(0.001), p.text()
    (0.001, True, False, '< .001')
    """

    value: float
    decimals: int
    below: float | None = None

    @property
    def half(self) -> float:
        """Half a unit in the last printed decimal."""
        return 0.5 * 10.0 ** (-self.decimals)

    def interval(self) -> tuple[float, float]:
        """The ends of the values that print as this number (for ``below``: 0 and the bound)."""
        if self.below is not None:
            return 0.0, float(self.below)
        return self.value - self.half, self.value + self.half

    def contains(self, value) -> bool:
        """Whether ``value`` prints as this number (``None`` and NaN never do)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return False
        value = float(value)
        if self.below is not None:
            return value < self.below
        if self.value < 0:
            return Printed(-self.value, self.decimals).contains(-value)
        slack = _SLACK * max(1.0, abs(self.value))
        low, high = self.interval()
        return low - slack <= value < high - slack

    def text(self, leading_zero: bool = False) -> str:
        """The number as printed (p values without their leading zero unless asked)."""
        if self.below is not None:
            return "< " + _strip_zero(f"{self.below:g}", leading_zero)
        return _strip_zero(f"{self.value:.{self.decimals}f}", leading_zero)


def _strip_zero(text: str, leading_zero: bool) -> str:
    if leading_zero:
        return text
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def printed_p(value: float, decimals: int, floor: tuple[float, float] | None = P_FLOOR) -> Printed:
    """A printed p value; at the paper's floor (.0001) it stands for p < .001 (the one place this rule lives).

    ``floor`` is (printed value, meaning) for another paper's convention, or None for a
    paper that prints every p as it is.

    >>> printed_p(0.023, 3).contains(0.0234), printed_p(0.0001, 4).below, printed_p(0.0001, 4, floor=None).below
    (True, 0.001, None)
    """
    if floor is None:
        return Printed(float(value), int(decimals))
    floor, bound = floor
    if float(value) <= floor * (1 + _SLACK):
        return Printed(float(value), int(decimals), below=bound)
    return Printed(float(value), int(decimals))


def matches_printed(value, printed: float, decimals: int) -> bool:
    """Whether ``value`` rounds to ``printed`` at ``decimals`` (:meth:`Printed.contains`).

    >>> matches_printed(3.3449, 3.34, 2), matches_printed(3.345, 3.34, 2)
    (True, False)
    """
    return Printed(float(printed), int(decimals)).contains(value)


def decimals_of_literal(value: float) -> int:
    """Number of decimals of a number as written (``0.029`` -> 3, ``0.0001`` -> 4).

    Only for values whose printed form has no trailing zero (YAML drops them).

    >>> decimals_of_literal(0.029), decimals_of_literal(0.0001), decimals_of_literal(12)
    (3, 4, 0)
    """
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        frac = mantissa.split(".")[1].rstrip("0") if "." in mantissa else ""
        return max(0, len(frac) - int(exponent))
    frac = text.split(".")[1].rstrip("0")
    return len(frac)


def fmt_p(p: float, decimals: int | None = None) -> str:
    """A p value the APA way, without the leading zero (``0.023`` -> ``.023``).

    >>> fmt_p(0.023), fmt_p(0.05, 2), fmt_p(0.0045123)
    ('.023', '.05', '.0045')
    """
    text = f"{p:.{decimals}f}" if decimals is not None else f"{p:.2g}" if p < 0.01 else f"{p:.3f}".rstrip("0")
    return text.replace("0.", ".", 1) if text.startswith("0.") else text
