"""What a small or unbalanced data set supports: the largest mixed ANOVA, said in plain sentences.

A class's own survey of 12 to 400 respondents often has an empty design cell (no mental health
worker in case management), a factor with one level (everyone trained alike), an item nobody
answered or everyone answered alike. The paper's 2 x 3 between design then cannot be fitted:
Type III sums of squares are undefined with an empty cell. :func:`plan_anova` finds the largest
design the data do support and says, one sentence each, what it changed and why. The analyses
(:func:`~mutsup_helpers.stats.anova.mixed_anova`, the score ANOVAs, Scheffé) fit that plan by
default and issue a :class:`DesignFallbackWarning` with the sentences, which a notebook shows
under the cell; ``fallback=False`` gives the strict analysis that raises instead. On the
shipped data the plan is the paper's design and says nothing.

The rule, in order (``min_per_cell`` complete cases, 2 by default, as :func:`mixed_anova` needs):

1. complete cases on the item's two columns and the asked factors;
2. a level with too few complete cases is left out; a factor left with one level is left out;
3. while a cell of the crossing is too small: try leaving out each factor's levels that sit in
   the small cells, and each factor; keep the candidate with the most factors (each factor is
   one of the paper's hypotheses, and leaving out a level keeps the others testable), then the
   one that analyses the most respondents, then the paper's factor order;
4. the fit needs error degrees of freedom and some variance in the answers.

Imports ``paper/``. Used in: every analysis of ``stats/``, ``mutsup check``.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd

from ..paper.design import GROUP_TYPES, PAPER_BETWEEN

_PACKAGE_DIR = str(Path(__file__).resolve().parent.parent) + "/"

__all__ = ["AnovaPlan", "DesignFallbackWarning", "NoAnalysisPossible", "plain_name", "plan_anova", "supported_design",
           "supported_rows", "warn_fallback"]

MIN_PER_CELL = 2


@dataclass(frozen=True)
class AnovaPlan:
    """The design an item's data support: factors and levels kept, and what changed in words.

    ``possible`` is False when no ANOVA can be fitted at all; ``notes`` then say why.
    ``changed`` is True when the plan is not the design asked for.
    """

    item: str
    asked: tuple[str, ...]
    between: tuple[str, ...]
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    possible: bool = True
    n: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.notes)

    def restrict(self, data: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``data`` in the kept levels, with the left-out levels removed from the categories."""
        keep = pd.Series(True, index=data.index)
        for factor in self.between:
            keep &= data[factor].isin(self.levels[factor])
        out = data.loc[keep].copy()
        for factor in self.between:
            out[factor] = out[factor].astype(str).astype(pd.CategoricalDtype(list(self.levels[factor])))
        return out

    def text(self) -> str:
        """The notes as one paragraph ('' when the asked design is fitted as asked)."""
        return " ".join(self.notes)


class DesignFallbackWarning(UserWarning):
    """The data did not support the design asked for; the message says what was fitted instead."""


def warn_fallback(message: str) -> None:
    """Warn with :class:`DesignFallbackWarning` at the first line outside this package.

    That line is the user's (a notebook cell, a script), however deep in the package the
    change was decided, so that a notebook shows the warning under the cell that asked.
    """
    frame, level = sys._getframe(1), 2  # level 2: the caller of this function
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, DesignFallbackWarning, stacklevel=level)


class NoAnalysisPossible(ValueError):
    """No analysis of this kind can be fitted on these data; ``plan.notes`` say why."""

    def __init__(self, plan: AnovaPlan):
        self.plan = plan
        super().__init__(plan.text())


def supported_design(data: pd.DataFrame, item: str, between,
                     min_per_cell: int = MIN_PER_CELL) -> tuple[pd.DataFrame, tuple[str, ...], AnovaPlan]:
    """The rows and factors to fit, after :func:`plan_anova`; warns when they are not those asked for.

    Raises :class:`NoAnalysisPossible` when no ANOVA of ``item`` can be fitted.
    """
    plan = plan_anova(data, item, between, min_per_cell)
    if not plan.possible:
        raise NoAnalysisPossible(plan)
    if plan.changed:
        warn_fallback(plan.text())
        return plan.restrict(data), plan.between, plan
    return data, plan.between, plan


def supported_rows(data: pd.DataFrame, item: str, answered: str = "both") -> tuple[pd.DataFrame, tuple[str, ...],
                                                                                   AnovaPlan]:
    """The respondents a model of ``item`` in the paper's design can use, without a warning.

    The factors and levels are those :func:`plan_anova` finds the complete cases support; the rows
    are the respondents in those levels with every kept factor and ``answered="both"`` questions
    of the item or ``"any"`` (at least one). Returns the rows, the factors and the plan (whose
    ``text()`` says what changed). Raises :class:`NoAnalysisPossible` as :func:`supported_design`.
    """
    if answered not in ("both", "any"):
        raise ValueError(f"answered must be 'both' or 'any', not {answered!r}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignFallbackWarning)
        _, between, plan = supported_design(data, item, PAPER_BETWEEN)
    rows = plan.restrict(data) if plan.changed else data
    rows = rows.loc[rows[list(between)].notna().all(axis=1)]
    given = rows[[f"{item}_{group}" for group in GROUP_TYPES]].notna()
    return rows.loc[given.all(axis=1) if answered == "both" else given.any(axis=1)], tuple(between), plan


def plan_anova(data: pd.DataFrame, item: str, between=PAPER_BETWEEN,
               min_per_cell: int = MIN_PER_CELL) -> AnovaPlan:
    """The largest mixed ANOVA of ``item`` the data support (see the module docstring for the rule).

    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "training": ["advanced"] * 6 + ["mental_health_worker"] * 4,
    ...     "setting3": pd.Categorical(["treatment", "rehabilitation", "case_management"] * 2
    ...                                + ["treatment", "rehabilitation"] * 2,
    ...                                categories=["treatment", "rehabilitation", "case_management"]),
    ...     "value_ms": [1, 2, 3, 4, 5, 1, 2, 3, 4, 5], "value_twelve_step": [2, 3, 4, 5, 5, 2, 3, 4, 5, 4]})
    >>> plan = plan_anova(df, "value")
    >>> plan.between, plan.levels["setting3"]
    (('training', 'setting3'), ('treatment', 'rehabilitation'))
    >>> import textwrap; print(textwrap.fill(plan.text(), 110))
    value: no respondent in the cell mental health worker x case management answered both value questions, so
    case management is left out of the ANOVA (8 of the 10 respondents who answered both value questions are
    analysed).
    """
    asked = (between,) if isinstance(between, str) else tuple(between)
    columns = [f"{item}_{group}" for group in GROUP_TYPES]
    impossible = _nothing_to_fit(data, item, asked, columns)
    if impossible:
        return AnovaPlan(item, asked, (), {}, (impossible,), possible=False)
    complete = data.loc[data[[*asked, *columns]].notna().all(axis=1)]
    tagged: list[tuple[str | None, str]] = []  # (the factor a note is about, the note)
    factors, levels = _usable_factors(complete, item, asked, min_per_cell, tagged)
    factors, levels = _fill_cells(complete, item, factors, levels, min_per_cell, tagged)
    notes = [text for _, text in tagged]
    if not factors:
        return AnovaPlan(item, asked, (), {}, (*notes, f"{item}: no between factor is left, so there is no mixed "
                                                        "ANOVA (the group type difference alone is a paired t-test)."),
                         possible=False)
    answered = data.loc[data[columns].notna().all(axis=1)]
    kept = _rows_in(answered.loc[answered[list(factors)].notna().all(axis=1)], factors, levels)
    answers = kept[columns].to_numpy(dtype=float)
    if len(kept) - _n_cells(levels, factors) < 1:
        return AnovaPlan(item, asked, (), {}, (*notes, f"{item}: too few respondents ({len(kept)}) for an ANOVA "
                                                        "with an error term."), possible=False)
    if np.ptp(answers) == 0:
        return AnovaPlan(item, asked, (), {}, (*notes, f"{item}: the answers do not vary (every answer is "
                                                        f"{answers.flat[0]:g}), so there is nothing to analyse."),
                         possible=False)
    if notes:
        share = f"all {len(kept)}" if len(kept) == len(answered) else f"{len(kept)} of the {len(answered)}"
        notes[-1] = notes[-1].rstrip(".") + f" ({share} respondents who answered both {item} questions are analysed)."
    return AnovaPlan(item, asked, factors, levels, tuple(notes), True, len(kept))


# ----------------------------------------------------------------------------- the steps


def plain_name(value: str) -> str:
    """A level or factor as a reader says it: 'case_management' -> 'case management', 'setting3' -> 'setting'."""
    return str(value).replace("_", " ").rstrip("0123456789")


def _nothing_to_fit(data: pd.DataFrame, item: str, asked, columns) -> str | None:
    absent = [c for c in [*asked, *columns] if c not in data.columns]
    if absent:
        return f"{item}: the data have no column {', '.join(absent)}."
    unanswered = [c for c in columns if data[c].isna().all()]
    if unanswered:
        return f"{item}: nobody answered {' or '.join(unanswered)}, so there is no ANOVA of {item}."
    if not data[[*asked, *columns]].notna().all(axis=1).any():
        return f"{item}: no respondent answered both {item} questions and has every factor coded."
    return None


def _usable_factors(complete, item, asked, min_per_cell, notes) -> tuple[tuple[str, ...], dict]:
    factors, levels = [], {}
    for factor in asked:
        counts = complete[factor].value_counts()
        order = _levels_of(complete[factor])
        absent = [lev for lev in order if counts.get(lev, 0) == 0]
        small = [lev for lev in order if 0 < counts.get(lev, 0) < min_per_cell]
        present = [lev for lev in order if counts.get(lev, 0) >= min_per_cell]
        if len(present) < 2:
            if present and not small:
                only = f"everyone who answered is {plain_name(present[0])}"
            elif present:
                only = f"only {plain_name(present[0])} has {min_per_cell} or more respondents who answered"
            else:
                only = f"no level of {plain_name(factor)} has {min_per_cell} respondents who answered"
            notes.append((None, f"{item}: {only}, so {plain_name(factor)} is left out of the ANOVA."))
            continue
        if absent:
            notes.append((factor, f"{item}: no respondent in {_join(absent)} answered both {item} questions, so "
                                  f"{_join(absent)} {'is' if len(absent) == 1 else 'are'} left out."))
        if small:
            notes.append((factor, f"{item}: only {_count_words(counts, small)} answered both {item} questions, too "
                                  f"few for the ANOVA, so {_join(small)} {'is' if len(small) == 1 else 'are'} left "
                                  "out."))
        factors.append(factor)
        levels[factor] = tuple(present)
    return tuple(factors), levels


def _fill_cells(complete, item, factors, levels, min_per_cell, notes):
    """Leave out factors or levels until every cell of the crossing has ``min_per_cell`` cases."""
    while len(factors) > 1:
        small = _small_cells(complete, factors, levels, min_per_cell)
        if not small:
            break
        candidates = []
        for i, factor in enumerate(factors):
            rest = tuple(f for f in factors if f != factor)
            candidates.append((rest, {f: levels[f] for f in rest}, f"{plain_name(factor)} is left out of the ANOVA"))
            drop = [lev for lev in levels[factor] if any(cell[i] == lev for cell in small)]
            keep = tuple(lev for lev in levels[factor] if lev not in drop)
            if len(keep) >= 2:
                candidates.append((factors, {**levels, factor: keep},
                                   f"{_join(drop)} {'is' if len(drop) == 1 else 'are'} left out of the ANOVA"))
        best = max(candidates, key=lambda c: (len(c[0]), len(_rows_in(complete, c[0], c[1]))))
        dropped = [f for f in factors if f not in best[0]]
        notes[:] = [(about, text) for about, text in notes if about not in dropped]  # its levels are back in
        notes.append((None, f"{item}: {_describe_cells(complete, factors, small)} answered both {item} questions, "
                            f"so {best[2]}."))
        factors, levels = best[0], best[1]
    return factors, levels


def _small_cells(complete, factors, levels, min_per_cell) -> list[tuple[str, ...]]:
    counts = complete.groupby(list(factors), observed=True).size()
    return [cell for cell in product(*(levels[f] for f in factors)) if counts.get(cell, 0) < min_per_cell]


def _describe_cells(complete, factors, cells) -> str:
    """'no respondent in the cell mental health worker x case management' and the like."""
    counts = complete.groupby(list(factors), observed=True).size()
    names = [" x ".join(plain_name(level) for level in cell) for cell in cells]
    if len(cells) == 1:
        n = int(counts.get(cells[0], 0))
        return f"{'no respondent' if n == 0 else f'only {n} respondent'} in the cell {names[0]}"
    some = "no respondent" if all(int(counts.get(c, 0)) == 0 for c in cells) else "fewer than two respondents"
    return f"{some} in the cells {_join_text(names)}"


def _rows_in(complete, factors, levels) -> pd.DataFrame:
    keep = pd.Series(True, index=complete.index)
    for factor in factors:
        keep &= complete[factor].isin(levels[factor])
    return complete.loc[keep]


def _n_cells(levels, factors) -> int:
    return int(np.prod([len(levels[f]) for f in factors])) if factors else 1


def _levels_of(series: pd.Series) -> list[str]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(c) for c in series.cat.categories]
    return sorted(str(v) for v in series.dropna().unique())


def _count_words(counts, levels) -> str:
    return _join_text([f"{counts.get(lev, 0)} respondent in {plain_name(lev)}" for lev in levels])


def _join(levels) -> str:
    return _join_text([plain_name(lev) for lev in levels])


def _join_text(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
