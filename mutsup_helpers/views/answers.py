"""Checks of a student's answer against the value computed from the data: what the graded exercises call.

The exercises of notebooks 02-10 are graded by otter-grader; their test cells compute the
expected answer from the data file the notebook loaded (``DATA_PATH``) with this package's own
functions and hand both to one of these checks. A check passes silently or raises ``AssertionError``
with a message a student can act on; it never prints the expected value, so a public test does not
give the answer away. The checks look at values and behaviour only, never at the code that made them,
so any correct implementation passes.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable

__all__ = ["check_function", "check_number", "check_same", "check_values"]


def _as_number(answer, what: str) -> float:
    # bool is an int to Python, but True is never the answer to "how many" or "what F"
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise AssertionError(f"{what}: expected a number, got {type(answer).__name__} ({answer!r})")
    return float(answer)


def check_number(answer, expected: float, what: str, rel: float = 1e-6, absolute: float = 1e-9) -> None:
    """Pass when ``answer`` is a number within ``rel`` (relative) or ``absolute`` of ``expected``.

    The default tolerance accepts any exact computation (a difference of float rounding between two
    implementations) and rejects a value rounded to the printed precision; a looser ``rel`` is for
    answers read off a rounded table. Two missing values (NaN) agree: a statistic that cannot be
    computed on a small class data set is "not computable" whichever way it is computed.

    Examples
    --------
    >>> check_number(2.0000000001, 2.0, "F")
    >>> check_number(2.1, 2.0, "F")
    Traceback (most recent call last):
    AssertionError: F: 2.1 is not the value computed from the data
    """
    value = _as_number(answer, what)
    if math.isnan(expected) and math.isnan(value):
        return
    if not math.isclose(value, float(expected), rel_tol=rel, abs_tol=absolute):
        raise AssertionError(f"{what}: {answer!r} is not the value computed from the data")


def check_same(answer, expected: Iterable, what: str) -> None:
    """Pass when ``answer`` holds the same items as ``expected``, in any order (a list, set or Series).

    Examples
    --------
    >>> check_same(["b", "a"], {"a", "b"}, "the significant items")
    >>> check_same(["a"], {"a", "b"}, "the significant items")
    Traceback (most recent call last):
    AssertionError: the significant items: 1 item(s) missing
    """
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        raise AssertionError(f"{what}: expected a collection (list or set), got {type(answer).__name__}")
    given, wanted = set(answer), set(expected)
    missing, extra = wanted - given, given - wanted
    if missing or extra:
        parts = ([f"{len(missing)} item(s) missing"] if missing else []) + \
                ([f"{len(extra)} item(s) that do not belong: {sorted(map(str, extra))}"] if extra else [])
        raise AssertionError(f"{what}: " + "; ".join(parts))


def check_values(answer, expected: Iterable, what: str, ordered: bool = False, rel: float = 1e-6) -> None:
    """Pass when ``answer`` holds the same numbers as ``expected``: as a multiset, or in order if ``ordered``.

    Any container of numbers passes (a Series, a numpy array, a list), whatever its index: a student
    who computed the right difference scores with numpy is as right as one who used pandas.

    Examples
    --------
    >>> check_values([3, 1, 2], (1, 2, 3), "d")
    >>> check_values([1, 1, 2], (1, 2, 2), "d")
    Traceback (most recent call last):
    AssertionError: d: 1 of 3 values differ from those computed from the data
    """
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        raise AssertionError(f"{what}: expected a collection of numbers, got {type(answer).__name__}")
    given = [_as_number(v, what) for v in answer]
    wanted = [float(v) for v in expected]
    if len(given) != len(wanted):
        raise AssertionError(f"{what}: {len(given)} values, but the data give {len(wanted)}")
    if not ordered:
        given, wanted = sorted(given), sorted(wanted)
    wrong = sum(not math.isclose(g, w, rel_tol=rel, abs_tol=1e-9) for g, w in zip(given, wanted, strict=True))
    if wrong:
        raise AssertionError(f"{what}: {wrong} of {len(wanted)} values differ from those computed from the data")


def check_function(func, reference: Callable, cases: Iterable[tuple], what: str, rel: float = 1e-6) -> None:
    """Pass when the student's function ``func`` returns what ``reference`` returns on every case.

    Each case is a tuple of positional arguments. Comparing outputs on cases (some the exercise never
    mentions) rather than reading the code is what lets a loop, a vectorised formula or a library call
    all pass. A reference that returns a tuple is compared element by element.

    Examples
    --------
    >>> check_function(lambda a, b: a + b, lambda a, b: b + a, [(1, 2), (0.5, 3)], "add")
    >>> check_function(lambda a, b: a - b, lambda a, b: a + b, [(1, 2)], "add")
    Traceback (most recent call last):
    AssertionError: add(1, 2): -1 is not the value computed from the data
    """
    if not callable(func):
        raise AssertionError(f"{what}: expected a function, got {type(func).__name__}")
    for case in cases:
        label = f"{what}({', '.join(map(repr, case))})"
        try:
            got = func(*case)
        except Exception as exc:  # the student's function failing is a wrong answer, not a crash of the test
            raise AssertionError(f"{label} raised {type(exc).__name__}: {exc}") from None
        wanted = reference(*case)
        if isinstance(wanted, tuple):
            if not isinstance(got, (tuple, list)) or len(got) != len(wanted):
                raise AssertionError(f"{label}: expected {len(wanted)} values, got {got!r}")
            for i, (g, w) in enumerate(zip(got, wanted, strict=True)):
                check_number(g, w, f"{label}[{i}]", rel=rel)
        else:
            check_number(got, wanted, label, rel=rel)
