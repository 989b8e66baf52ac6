"""Turn a survey tool's CSV export into a file that follows the codebook (``mutsup import``).

A *mapping* (YAML, edited by the instructor) says which export column holds each codebook
column; ``mutsup survey`` writes one per tool that fits a form built from its text. Two tools:

* **Qualtrics** ("Export data", CSV): three header rows (the column ids such as ``Q1_2``, the
  question texts, then ``{"ImportId": ...}``), answers as choice text or as numeric codes. A
  mapping may name a column by its id or by its question text. Survey previews, tests and
  (unless ``drop_incomplete: false``) unfinished responses are left out.
* **Google Forms** (Responses, "Download responses (.csv)"): one header row of question texts,
  a ``Timestamp`` column, a grid's rows as ``Question [row]``, answers as text.

Ratings may be given as the number, as ``"5 = Very Familiar"`` (the form's labels) or as the
printed anchor alone; a ``values`` map in the mapping recodes anything else, per column.
Coded factors (``training``, ``setting3``) are derived from discipline and setting by the
codebook's coding rules when the mapping does not name them. Respondents are numbered 1, 2, ...
in the export's order; no export column is carried over unless the mapping names it, so
response ids, IP addresses and locations never reach the contract file. Every rejected value
is reported with the export file, its line and its column, as the loader does.

Layer: fieldwork; imports ``paper`` and ``data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ..data.load import (
    CODED_FROM,
    DataValidationError,
    Problem,
    coded,
    load_codebook,
    parse_text_table,
    read_text_table,
    validate_table,
)
from ..paper.design import GROUP_TYPES, ITEMS
from ..paper.published import load_published
from .instrument import TOOLS

__all__ = ["ImportResult", "Mapping", "MappingError", "detect_tool", "import_export", "import_upload", "load_mapping",
           "read_export"]

MAPPING_HELP = """\
# mutsup import: how the columns of a survey tool's CSV export become the codebook's columns.
# columns: codebook column -> the export column that holds it (Qualtrics: its id, e.g. Q3_1,
#          or its question text; Google Forms: the header text). Write null for a question
#          your survey did not ask. training and setting3 may be left out: they are then
#          derived from discipline and setting by the codebook's coding rules.
# values:  (optional) per codebook column, export answer -> codebook value, for answers that
#          are not already the codebook's labels or the form's rating labels.
# Nothing else of the export is copied: response ids, IP addresses and locations stay behind.
"""

_ITEM_OF = {f"{item}_{group}": item for item in ITEMS for group in GROUP_TYPES}
_DERIVED = CODED_FROM
_GENERATED = "respondent_id"
#: Export columns that identify a person or a device (Qualtrics' metadata, Google's e-mail).
_IDENTIFYING = ("IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                "ExternalReference", "LocationLatitude", "LocationLongitude", "Email Address", "Email address")
#: Qualtrics' Status of responses that are not real: survey previews and tests (text or code).
_NOT_REAL = {"Survey Preview": "survey preview", "1": "survey preview", "Survey Test": "survey test",
             "2": "survey test", "Spam": "flagged as spam"}
_NULL = {"", "null", "~", "Null", "NULL"}
#: How each tool is called in a sentence.
TOOL_NAMES = {"qualtrics": "Qualtrics", "google_forms": "Google Forms"}
_RATING_LABEL = re.compile(r"^(\d+)\s*=\s*(.+)$")


class MappingError(ValueError):
    """A mapping file that cannot be used, with the file and the key at fault."""

    def __init__(self, path: Path, message: str):
        self.path = Path(path)
        super().__init__(f"{self.path}: {message}")


@dataclass(frozen=True)
class Mapping:
    """A checked mapping file: the tool, codebook column -> export column (None: not asked), recodes."""

    path: Path
    tool: str
    columns: dict[str, str | None]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    drop_incomplete: bool = True


@dataclass(frozen=True)
class ImportResult:
    """The contract table (text cells, codebook order) and what the import did to get it."""

    table: pd.DataFrame
    read: int
    dropped: dict[str, int]
    not_asked: tuple[str, ...]
    derived: dict[str, tuple[int, int]]  # column -> (coded, left empty)
    left_out: tuple[str, ...]
    identifying: tuple[str, ...]

    def summary(self, export: Path, tool: str) -> str:
        """What happened, in a few plain lines."""
        lines = [f"read {self.read} response(s) from {export} ({tool.replace('_', ' ').title()} export)"]
        if self.dropped:
            lines.append("left out " + ", ".join(f"{n} {why}" for why, n in self.dropped.items()))
        if self.not_asked:
            lines.append(f"not asked (left empty): {', '.join(self.not_asked)}")
        for column, (n_coded, empty) in self.derived.items():
            lines.append(f"{column} derived from {_DERIVED[column]} for {n_coded} respondent(s)"
                         + (f"; {empty} left empty ({_DERIVED[column]} Other or missing)" if empty else ""))
        if self.left_out:
            ident = f", of which identifying: {', '.join(self.identifying)}" if self.identifying else ""
            lines.append(f"not copied: {len(self.left_out)} export column(s) the mapping does not name{ident}")
        return "\n".join(lines)


def load_mapping(path: str | Path, text: str | None = None) -> Mapping:
    """Read and check a mapping file; a :class:`MappingError` names the file and the key at fault.

    ``text``: the file's content, when it is not on disk (an upload); ``path`` then only names it.
    """
    path = Path(path)
    try:
        # BaseLoader keeps every scalar as text: Yes, No, 1 and 01 stay what the export holds.
        raw = yaml.load(path.read_text(encoding="utf-8") if text is None else text,  # noqa: S506
                        Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        raise MappingError(path, f"not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise MappingError(path, "must be a YAML mapping with 'tool' and 'columns'")
    unknown_keys = sorted(set(raw) - {"tool", "columns", "values", "drop_incomplete"})
    if unknown_keys:
        raise MappingError(path, f"unknown key(s) {', '.join(unknown_keys)}; allowed: tool, columns, values, "
                                 "drop_incomplete")
    tool = raw.get("tool")
    if tool not in TOOLS:
        raise MappingError(path, f"tool must be one of {', '.join(TOOLS)}, not {tool!r}")
    columns = _mapped_columns(path, raw.get("columns"))
    values = _recodes(path, raw.get("values", {}) or {})
    drop = raw.get("drop_incomplete", "true")
    if drop not in ("true", "false"):
        raise MappingError(path, f"drop_incomplete must be true or false, not {drop!r}")
    return Mapping(path, tool, columns, values, drop == "true")


def _mapped_columns(path: Path, raw) -> dict[str, str | None]:
    if not isinstance(raw, dict):
        raise MappingError(path, "'columns' must map each codebook column to an export column")
    names = [f.name for f in load_codebook()]
    if _GENERATED in raw:
        raise MappingError(path, f"columns: {_GENERATED} is not mapped; respondents are numbered 1, 2, ... "
                                 "(an export's response ids could identify people)")
    unknown = [c for c in raw if c not in names]
    if unknown:
        raise MappingError(path, f"columns: {', '.join(unknown)} is not a codebook column "
                                 "(see data/datapackage.json)")
    needed = [c for c in names if c != _GENERATED and c not in _DERIVED and c not in raw]
    if needed:
        raise MappingError(path, f"columns: {', '.join(needed)} missing; name the export column, or write "
                                 "null if your survey did not ask it")
    for column, header in raw.items():
        if not isinstance(header, str):
            raise MappingError(path, f"columns: {column} must name one export column (text), not {header!r}")
    return {c: (None if h in _NULL else h) for c, h in raw.items()}


def _recodes(path: Path, raw) -> dict[str, dict[str, str]]:
    if not isinstance(raw, dict):
        raise MappingError(path, "'values' must map codebook columns to {export answer: codebook value}")
    names = {f.name for f in load_codebook()}
    out = {}
    for column, recode in raw.items():
        if column not in names:
            raise MappingError(path, f"values: {column} is not a codebook column")
        if not isinstance(recode, dict) or not all(isinstance(v, str) for v in recode.values()):
            raise MappingError(path, f"values: {column} must map export answers to codebook values")
        out[column] = dict(recode)
    return out


def read_export(export: str | Path, mapping: Mapping, content: bytes | None = None) -> ImportResult:
    """Read an export through a mapping; raise a :class:`DataValidationError` naming export lines.

    ``content``: the export's bytes, when it is not on disk (an upload); ``export`` then only names it.
    """
    export = Path(export)
    frame = read_text_table(export) if content is None else parse_text_table(bytes(content), export)
    texts = None
    if mapping.tool == "qualtrics":
        frame, texts = _qualtrics_body(export, frame)
    frame, dropped = _real_responses(frame, mapping)
    if frame.empty:
        raise DataValidationError(export, [Problem("(all)", (), "no responses left after leaving out "
                                                   + ", ".join(dropped) if dropped else "no responses")])
    sources = {c: _find_column(export, mapping, frame, texts, c, h) for c, h in mapping.columns.items() if h}
    table = pd.DataFrame(index=frame.index)
    derived = {}
    for f in load_codebook():
        if f.name == _GENERATED:
            table[f.name] = [str(k) for k in range(1, len(frame) + 1)]
        elif f.name in sources:
            table[f.name] = _answers(frame[sources[f.name]], f.name, mapping.values.get(f.name, {}))
        elif f.name in _DERIVED and f.name not in mapping.columns:
            table[f.name] = coded(table[_DERIVED[f.name]], f.coding)
            derived[f.name] = (int((table[f.name] != "").sum()), int((table[f.name] == "").sum()))
        else:
            table[f.name] = ""
    _validate(export, table, sources)
    left_out = tuple(c for c in frame.columns if c not in set(sources.values()))
    return ImportResult(
        table=table.reset_index(drop=True), read=len(frame) + sum(dropped.values()), dropped=dropped,
        not_asked=tuple(c for c, h in mapping.columns.items() if h is None), derived=derived,
        left_out=left_out, identifying=tuple(c for c in left_out if c in _IDENTIFYING),
    )


def import_export(export: str | Path, mapping_path: str | Path, out: str | Path) -> ImportResult:
    """Read ``export`` through the mapping at ``mapping_path`` and write the contract file ``out``."""
    result = read_export(export, load_mapping(mapping_path))
    result.table.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    return result


def detect_tool(content: bytes) -> str | None:
    """Which survey tool's export a CSV looks like: "qualtrics" (line 3 starts with ``{"ImportId"``),
    "google_forms" (the first header is ``Timestamp``), or None (not a known export)."""
    import csv
    import io

    text = bytes(content).decode("utf-8-sig", errors="replace")
    rows = [row for _, row in zip(range(3), csv.reader(io.StringIO(text)), strict=False)]
    if len(rows) == 3 and rows[2] and rows[2][0].lstrip().startswith('{"ImportId"'):
        return "qualtrics"
    if rows and rows[0] and rows[0][0].strip() == "Timestamp":
        return "google_forms"
    return None


def import_upload(export_name: str, content: bytes, mapping_name: str | None = None,
                  mapping_text: str | None = None) -> tuple[ImportResult, str]:
    """An uploaded export read through the uploaded mapping, or, without one, through the mapping
    ``mutsup survey`` writes for the tool the export comes from (it fits a form built from the
    survey's text). Returns the result and, in words, which mapping was used. Nothing is written.

    Raises :class:`DataValidationError` (the export's problems) or :class:`MappingError`; a
    ``ValueError`` when no mapping was given and the file is no known tool's export.
    """
    from .instrument import mapping_template

    if mapping_text is None:
        tool = detect_tool(content)
        if tool is None:
            raise ValueError(f"{export_name} is neither a file that follows the codebook nor a Qualtrics or Google "
                             "Forms export; upload it with its mapping file (mutsup survey writes one per tool)")
        mapping_name, mapping_text = f"the {TOOL_NAMES[tool]} mapping of mutsup survey", mapping_template(tool)
    mapping = load_mapping(mapping_name, mapping_text)
    return read_export(export_name, mapping, content), f"{mapping_name} (tool: {TOOL_NAMES[mapping.tool]})"


def _qualtrics_body(export: Path, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Split a Qualtrics export into its question-text row and its responses (file lines kept)."""
    if len(frame) < 2 or not frame.iloc[1, 0].lstrip().startswith('{"ImportId"'):
        rule = ("not a Qualtrics export with three header rows: line 3 should start with {\"ImportId\" "
                "(in Qualtrics, Data & Analysis > Export data > CSV; for another tool, change tool: in the mapping)")
        raise DataValidationError(export, [Problem("(all)", (3,), rule)])
    return frame.iloc[2:], frame.iloc[0]


def _real_responses(frame: pd.DataFrame, mapping: Mapping) -> tuple[pd.DataFrame, dict[str, int]]:
    """Leave out Qualtrics previews and tests, and unfinished responses unless asked to keep them."""
    dropped: dict[str, int] = {}
    if mapping.tool != "qualtrics":
        return frame, dropped
    keep = pd.Series(True, index=frame.index)
    if "Status" in frame:
        for status, why in _NOT_REAL.items():
            hit = keep & (frame["Status"].str.strip() == status)
            if hit.any():
                dropped[why] = dropped.get(why, 0) + int(hit.sum())
                keep &= ~hit
    if mapping.drop_incomplete and "Finished" in frame:
        hit = keep & frame["Finished"].str.strip().isin(["False", "0", "FALSE"])
        if hit.any():
            dropped["unfinished"] = int(hit.sum())
            keep &= ~hit
    return frame[keep], dropped


def _find_column(export: Path, mapping: Mapping, frame: pd.DataFrame, texts, column: str, header: str) -> str:
    if header in frame.columns:
        return header
    if texts is not None:
        hits = [c for c in frame.columns if texts[c].strip() == header]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise MappingError(mapping.path, f"columns: {column}: the question text {header!r} heads "
                                             f"{len(hits)} columns of {export} ({', '.join(hits)}); name one by its id")
    import difflib

    pool = list(frame.columns) + ([t for t in texts.tolist() if t] if texts is not None else [])
    close = difflib.get_close_matches(header, pool, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise MappingError(mapping.path, f"columns: {column}: {export} has no column {header!r}{hint}")


def _answers(cells: pd.Series, column: str, recode: dict[str, str]) -> pd.Series:
    """An export column's answers in the codebook's terms (recoded, ratings as numbers)."""
    cells = cells.str.strip()
    cells = cells.map(lambda v: recode.get(v, v))
    if column in _ITEM_OF:
        anchors = load_published().scales[_ITEM_OF[column]]
        cells = cells.map(lambda v: _rating(v, anchors))
    return cells


def _rating(text: str, anchors: dict[int, str]) -> str:
    """'5', '5 = Very Familiar' and 'Very Familiar' are all 5; anything else stays for the loader to reject."""
    match = _RATING_LABEL.match(text)
    if match and int(match.group(1)) in anchors and match.group(2).strip() == anchors[int(match.group(1))]:
        return match.group(1)
    by_anchor = {label: str(k) for k, label in anchors.items()}
    return by_anchor.get(text, text)


def _validate(export: Path, table: pd.DataFrame, sources: dict[str, str]) -> None:
    """The loader's checks, with each problem naming the export column it came from."""
    try:
        validate_table(table, export)
    except DataValidationError as exc:
        problems = [
            Problem(p.column, p.lines, p.rule, p.values, f"export column {sources[p.column]!r}")
            if p.column in sources else p
            for p in exc.problems
        ]
        raise DataValidationError(export, problems) from None
