"""Load and validate ``providers.csv`` against the codebook (``datapackage.json``).

The codebook is a Frictionless data package: every column's type, allowed
labels (in the paper's order), range, and the missing-value rule (an empty cell).
:func:`load_providers` reads a file that follows it and returns an
analysis-ready frame; anything else is rejected with one
:class:`DataValidationError` that names the file, the column, the offending file
lines and the rule. The loader only reads: it never writes a file.

Used in: every notebook, ``mutsup verify``, ``mutsup run --data``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paper.design import GROUP_TYPES, ITEMS
from ..paths import data_file

__all__ = [
    "CODED_FROM",
    "DataValidationError",
    "Field",
    "ITEM_COLUMNS",
    "Problem",
    "coded",
    "factor_levels",
    "load_codebook",
    "load_providers",
    "load_providers_bytes",
    "parse_text_table",
    "read_text_table",
    "to_long",
    "validate_table",
]

ITEM_COLUMNS = tuple(f"{item}_{group}" for item in ITEMS for group in GROUP_TYPES)
_MAX_LISTED_LINES = 8
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Problem:
    """One broken rule: which column, which file lines (1 = header), which values."""

    column: str
    lines: tuple[int, ...]
    rule: str
    values: tuple[str, ...] = ()
    source: str = ""  # where the column came from, when it is not the file's own (an export's column)

    def describe(self) -> str:
        shown = ", ".join(str(n) for n in self.lines[:_MAX_LISTED_LINES])
        more = f" and {len(self.lines) - _MAX_LISTED_LINES} more" if len(self.lines) > _MAX_LISTED_LINES else ""
        where = f"line{'s' if len(self.lines) > 1 else ''} {shown}{more}" if self.lines else "header"
        values = f" (found {', '.join(repr(v) for v in self.values[:3])})" if self.values else ""
        source = f" ({self.source})" if self.source else ""
        return f"column '{self.column}'{source}, {where}: {self.rule}{values}"


class DataValidationError(ValueError):
    """A data file breaks the codebook. ``problems`` lists every broken rule."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = Path(path)
        self.problems = list(problems)
        lines = "\n".join(f"  - {p.describe()}" for p in self.problems)
        super().__init__(f"{self.path} does not follow the codebook:\n{lines}")


@dataclass(frozen=True)
class Field:
    """One column of the codebook."""

    name: str
    type: str
    levels: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False
    unique: bool = False
    coding: dict | None = None
    spec: dict | None = None


@lru_cache(maxsize=4)
def load_codebook(path: str | Path | None = None) -> tuple[Field, ...]:
    """Read the column definitions of ``providers.csv`` from ``datapackage.json``.

    >>> fields = load_codebook()
    >>> len(fields), fields[0].name
    (23, 'respondent_id')
    >>> next(f for f in fields if f.name == "setting3").levels
    ('treatment', 'rehabilitation', 'case_management')
    """
    path = Path(path) if path is not None else data_file("datapackage.json")
    package = json.loads(Path(path).read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "providers")
    fields = []
    for spec in resource["schema"]["fields"]:
        constraints = spec.get("constraints", {})
        fields.append(
            Field(
                name=spec["name"],
                type=spec["type"],
                levels=tuple(constraints.get("enum", ())),
                minimum=constraints.get("minimum"),
                maximum=constraints.get("maximum"),
                required=constraints.get("required", False),
                unique=constraints.get("unique", False),
                coding=spec.get("mutsup:coding"),
                spec=spec,
            )
        )
    return tuple(fields)


def factor_levels(column: str) -> tuple[str, ...]:
    """Levels of a categorical column in the paper's order.

    >>> factor_levels("training")
    ('advanced', 'mental_health_worker')
    """
    for field in load_codebook():
        if field.name == column and field.levels:
            return field.levels
    raise KeyError(f"'{column}' is not a categorical column of the codebook")


def load_providers(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate a providers file; return an analysis-ready frame.

    Categorical columns come back as pandas ``Categorical`` with levels in the
    paper's order, the ten items as nullable ``Int64``, years as ``float64``;
    empty cells are missing. Default: the shipped synthetic data set.

    Raises
    ------
    DataValidationError
        Naming the file, column, file lines and rule of every broken rule.
    FileNotFoundError
        When the file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.csv"
    >>> _ = bad.write_text("respondent_id;age_range\\n1;20-35\\n", encoding="utf-8")
    >>> load_providers(bad)
    Traceback (most recent call last):
    ...
    mutsup_helpers.data.load.DataValidationError: ...bad.csv does not follow the codebook:
      - column '(all)', header: the file is not comma-separated (the header holds ';' but no ',')
    """
    path = Path(path) if path is not None else data_file("providers.csv")
    return validate_table(read_text_table(path), path)


def load_providers_bytes(content: bytes, name: str = "uploaded file") -> pd.DataFrame:
    """:func:`load_providers` on a file's bytes (an upload in the browser): the same checks, nothing written.

    ``name`` stands for the file in error messages (the upload's file name).

    >>> load_providers_bytes(b"respondent_id;age_range\\n1;20-35\\n", "class.csv")
    Traceback (most recent call last):
    ...
    mutsup_helpers.data.load.DataValidationError: class.csv does not follow the codebook:
      - column '(all)', header: the file is not comma-separated (the header holds ';' but no ',')
    """
    return validate_table(parse_text_table(bytes(content), name), name)


def validate_table(raw: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Check a table of text cells against the codebook; return it typed as :func:`load_providers` does.

    ``raw`` holds one string per cell (``""`` for missing); its index gives the file lines in
    messages (index ``i`` is line ``i + 2``), so a caller that read a file with extra header
    rows keeps its own line numbers. ``path`` names the file in the error.
    """
    fields = load_codebook()
    _check_columns(Path(path), raw, fields)
    problems = [p for field in fields for p in _check_field(raw, field)]
    problems += _check_coding(raw, fields)
    if problems:
        raise DataValidationError(path, problems)
    return _typed(raw, fields)


def read_text_table(path: Path) -> pd.DataFrame:
    """Every cell of a UTF-8, comma-separated file as text (``""`` when empty); a clear error otherwise."""
    return parse_text_table(Path(path).read_bytes(), path)


def parse_text_table(data: bytes, path: str | Path) -> pd.DataFrame:
    """:func:`read_text_table` on the bytes of a file; ``path`` names it in the error."""
    if not data.strip():
        raise DataValidationError(path, [Problem("(all)", (), "the file is empty")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        rule = f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise DataValidationError(path, [Problem("(all)", (line,), rule)]) from None
    header = text.splitlines()[0]
    if "," not in header:
        for sep in (";", "\t", "|"):
            if sep in header:
                shown = "tab" if sep == "\t" else sep
                rule = f"the file is not comma-separated (the header holds '{shown}' but no ',')"
                raise DataValidationError(path, [Problem("(all)", (), rule)])
    from io import StringIO

    try:
        frame = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as exc:
        raise DataValidationError(path, [Problem("(all)", (), f"not a valid CSV table: {exc}")]) from None
    if frame.empty:
        raise DataValidationError(path, [Problem("(all)", (), "the file has a header but no data rows")])
    return frame


def _check_columns(path: Path, raw: pd.DataFrame, fields: tuple[Field, ...]) -> None:
    expected = [f.name for f in fields]
    problems = []
    duplicated = sorted({c for c in raw.columns if re.sub(r"\.\d+$", "", c) in expected and c not in expected})
    missing = [c for c in expected if c not in raw.columns]
    unknown = [c for c in raw.columns if c not in expected and c not in duplicated]
    for column in missing:
        problems.append(Problem(column, (), "required column is missing"))
    for column in unknown:
        problems.append(Problem(column, (), "unknown column (not in the codebook)"))
    for column in duplicated:
        problems.append(Problem(column, (), "column appears more than once"))
    if problems:
        raise DataValidationError(path, problems)


def _lines(mask: pd.Series) -> tuple[int, ...]:
    # Row 0 of the frame is line 2 of the file (line 1 is the header).
    return tuple(int(i) + 2 for i in mask[mask].index)


def _problem(raw: pd.DataFrame, column: str, mask: pd.Series, rule: str) -> list[Problem]:
    if not mask.any():
        return []
    values = tuple(dict.fromkeys(raw.loc[mask, column]))
    return [Problem(column, _lines(mask), rule, values)]


def _check_field(raw: pd.DataFrame, field: Field) -> list[Problem]:
    col = raw[field.name].str.strip()
    present = col != ""
    problems = []
    if field.required:
        problems += _problem(raw, field.name, ~present, "a value is required (the cell is empty)")
    if field.levels:
        rule = f"unknown label; allowed: {', '.join(field.levels)} (or empty for missing)"
        problems += _problem(raw, field.name, present & ~col.isin(field.levels), rule)
    elif field.type == "integer":
        problems += _check_integer(raw, field, col, present)
    elif field.type == "number":
        problems += _check_number(raw, field, col, present)
    if field.unique:
        problems += _problem(
            raw, field.name, present & col.duplicated(keep=False), "values must be unique (duplicate id)"
        )
    return problems


def _range_rule(field: Field) -> str:
    return (
        f"must lie between {field.minimum:g} and {field.maximum:g}"
        if field.maximum is not None
        else f"must be at least {field.minimum:g}"
    )


def _out_of_range(field: Field, values: pd.Series) -> pd.Series:
    low = values < field.minimum if field.minimum is not None else False
    high = values > field.maximum if field.maximum is not None else False
    return low | high


def _check_integer(raw: pd.DataFrame, field: Field, col: pd.Series, present: pd.Series) -> list[Problem]:
    is_int = col.str.match(_INTEGER)
    is_num = col.str.match(_NUMBER)
    problems = _problem(raw, field.name, present & ~is_num, "text where an integer is required")
    problems += _problem(raw, field.name, present & is_num & ~is_int, "fractional value where an integer is required")
    numbers = pd.to_numeric(col.where(present & is_int), errors="coerce")
    rule = f"integer {_range_rule(field)}"
    return problems + _problem(raw, field.name, present & is_int & _out_of_range(field, numbers), rule)


def _check_number(raw: pd.DataFrame, field: Field, col: pd.Series, present: pd.Series) -> list[Problem]:
    is_num = col.str.match(_NUMBER)
    problems = _problem(raw, field.name, present & ~is_num, "text where a number is required")
    numbers = pd.to_numeric(col.where(present & is_num), errors="coerce")
    negative = present & is_num & (numbers < 0)
    problems += _problem(raw, field.name, negative, "negative value; years cannot be below 0")
    too_big = present & is_num & ~negative & _out_of_range(field, numbers)
    return problems + _problem(raw, field.name, too_big, _range_rule(field))


#: Each coded between factor and the Table 1 column it is coded from (codebook ``mutsup:coding``).
CODED_FROM = {"training": "discipline", "setting3": "setting"}


def coded(source: pd.Series, coding: dict[str, list[str]]) -> pd.Series:
    """The level each Table 1 label codes to by the codebook's rule ('' for Other, missing or unknown).

    >>> coded(pd.Series(["Nurse", "Other", ""]), {"advanced": ["Nurse"]}).tolist()
    ['advanced', '', '']
    """
    out = pd.Series("", index=source.index)
    for level, members in coding.items():
        out[source.isin(members)] = level
    return out


def _check_coding(raw: pd.DataFrame, fields: tuple[Field, ...]) -> list[Problem]:
    """A coded factor must agree with the Table 1 category it was coded from."""
    sources = CODED_FROM
    problems = []
    for field in fields:
        if not field.coding:
            continue
        source = raw[sources[field.name]].str.strip()
        coded_here = raw[field.name].str.strip()
        expected = coded(source, field.coding)
        wrong = (expected != "") & (coded_here != expected)
        rule = f"does not follow the coding rule from '{sources[field.name]}' (see the codebook)"
        problems += _problem(raw, field.name, wrong, rule)
    return problems


def _typed(raw: pd.DataFrame, fields: tuple[Field, ...]) -> pd.DataFrame:
    out = {}
    for field in fields:
        col = raw[field.name].str.strip().replace("", None)
        if field.levels:
            out[field.name] = pd.Categorical(col, categories=list(field.levels))
        elif field.type == "integer":
            out[field.name] = pd.to_numeric(col).astype("Int64")
        else:
            out[field.name] = pd.to_numeric(col).astype("float64")
    return pd.DataFrame(out)


def to_long(data: pd.DataFrame, items: tuple[str, ...] | list[str] = ITEMS) -> pd.DataFrame:
    """One row per respondent x group type, for the within-subject factor.

    Keeps every non-item column and adds ``group_type`` (categorical ``ms``,
    ``twelve_step``) with one column per item.

    >>> wide = pd.DataFrame({"respondent_id": [1, 2], "value_ms": [4, 5], "value_twelve_step": [5, 5]})
    >>> to_long(wide, items=["value"])
       respondent_id   group_type  value
    0              1           ms      4
    1              1  twelve_step      5
    2              2           ms      5
    3              2  twelve_step      5
    """
    item_cols = [f"{item}_{g}" for item in items for g in GROUP_TYPES]
    keep = [c for c in data.columns if c not in ITEM_COLUMNS and c not in item_cols]
    parts = []
    for group in GROUP_TYPES:
        part = data[keep].copy()
        part["group_type"] = group
        for item in items:
            part[item] = data[f"{item}_{group}"]
        parts.append(part)
    long = pd.concat(parts, keys=range(len(GROUP_TYPES)), names=["_g", "_row"]).reset_index()
    long = long.sort_values(["_row", "_g"], kind="stable").drop(columns=["_g", "_row"])
    long["group_type"] = pd.Categorical(long["group_type"], categories=list(GROUP_TYPES))
    return long.reset_index(drop=True)

