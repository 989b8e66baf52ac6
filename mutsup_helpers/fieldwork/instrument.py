"""The questionnaire a class fields, built from the registry and the codebook.

The five items and their anchors are the paper's, quoted exactly (Method: Measures; the one
copy is ``questions`` and ``scales`` in the registry). The paper names the background topics
(gender, age range, ethnic background, type of program, years in the program and in the
discipline, three yes/no questions on personal experience) but not their wording: the wording
of those questions is ours, their answer categories are Table 1's, read from the codebook so
that the answers load without recoding. The order of the questions is ours too. No question
asks for a name, an e-mail address or anything else that identifies a respondent.

Layer: fieldwork; imports ``paper`` and ``data``.

Used in: ``mutsup survey``, ``mutsup import`` (the rating labels and export headers it expects),
notebook 03.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from pathlib import Path

from ..data.load import load_codebook
from ..paper.design import GROUP_TYPES, ITEMS, SCALE
from ..paper.published import load_published

__all__ = [
    "GROUP_ROWS",
    "Question",
    "TOOLS",
    "consent_note",
    "export_headers",
    "mapping_template",
    "questionnaire",
    "questionnaire_html",
    "questionnaire_text",
    "scale_labels",
    "write_survey",
]

#: Row labels of the item grids (ours: the paper asks about both group types but does not print
#: how it named them on the form).
GROUP_ROWS = {"ms": "Psychiatric mutual support groups", "twelve_step": "12-step groups"}

#: Background questions: codebook column, question (our wording), a hint for the respondent.
#: Topics and order follow the paper's list in Method: Measures; discipline (Table 1) joins it.
_BACKGROUND = (
    ("gender", "What is your gender?", ""),
    ("age_range", "What is your age range (years)?", ""),
    ("race_ethnicity", "What is your ethnic background?", ""),
    ("discipline", "What is your professional discipline?", ""),
    ("setting", "What type of program do you work for?", ""),
    ("years_in_setting", "How many years have you worked for your current program?", "in whole or half years"),
    ("years_in_discipline", "How many years have you spent in your professional discipline?",
     "in whole or half years"),
    ("self_hospitalized", "Have you ever been hospitalized or treated for a psychiatric condition?", ""),
    ("family_hospitalized",
     "Has a member of your family ever been hospitalized or treated for a psychiatric condition?", ""),
    ("participates_mutual_support", "Do you regularly participate in any peer support/self-help group yourself?",
     ""),
)

#: The survey tools whose CSV exports ``mutsup import`` reads.
TOOLS = ("qualtrics", "google_forms")


@dataclass(frozen=True)
class Question:
    """One question of the form: what it asks, how it is answered, which codebook columns it fills."""

    number: int
    text: str
    kind: str  # "grid" (an item, one row per group type), "choice" or "number"
    columns: tuple[str, ...]
    choices: tuple[str, ...] = ()  # the answer labels (grid: the scale's columns)
    rows: tuple[str, ...] = ()  # grid rows, one per column
    quoted: bool = False  # the paper's wording, exactly
    hint: str = ""


def scale_labels(item: str) -> tuple[str, ...]:
    """The answer labels of an item's scale, the printed anchors at its ends.

    >>> scale_labels("referral")
    ('1 = Never', '2', '3', '4', '5 = Often')
    """
    anchors = load_published().scales[item]
    low, high = SCALE
    return tuple(f"{k} = {anchors[k]}" if k in anchors else str(k) for k in range(low, high + 1))


def questionnaire() -> tuple[Question, ...]:
    """Every question of the form, items first (quoted from the paper), then the background.

    >>> q = questionnaire()
    >>> q[0].text, q[0].columns
    ('How familiar are you with each of these groups?', ('familiarity_ms', 'familiarity_twelve_step'))
    >>> [x.kind for x in q].count("grid"), len(q)
    (5, 15)
    """
    pub = load_published()
    fields = {f.name: f for f in load_codebook()}
    out = []
    for item in ITEMS:
        out.append(Question(
            number=len(out) + 1, text=f"{pub.questions[item]}?", kind="grid",
            columns=tuple(f"{item}_{g}" for g in GROUP_TYPES), choices=scale_labels(item),
            rows=tuple(GROUP_ROWS[g] for g in GROUP_TYPES), quoted=True,
        ))
    for column, text, hint in _BACKGROUND:
        field = fields[column]
        if field.levels:
            out.append(Question(len(out) + 1, text, "choice", (column,), choices=field.levels, hint=hint))
        else:
            bounds = f"{field.minimum:g} to {field.maximum:g}"
            out.append(Question(len(out) + 1, text, "number", (column,), hint=f"{hint}, {bounds}"))
    return tuple(out)


def export_headers(tool: str) -> dict[str, str]:
    """The header each codebook column gets in a tool's export of a form built from our text.

    Qualtrics names a matrix row "question - row" in its second header row; Google Forms
    names a grid row "question [row]".

    >>> export_headers("google_forms")["referral_twelve_step"]
    'How frequently do you now refer clients to each group? [12-step groups]'
    """
    if tool not in TOOLS:
        raise ValueError(f"unknown survey tool {tool!r}; known: {', '.join(TOOLS)}")
    headers = {}
    for q in questionnaire():
        if q.kind == "grid":
            for column, row in zip(q.columns, q.rows, strict=True):
                headers[column] = f"{q.text} - {row}" if tool == "qualtrics" else f"{q.text} [{row}]"
        else:
            headers[q.columns[0]] = q.text
    return headers


# ----------------------------------------------------------------------------- the printable page

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #111; }
fieldset { border: 1px solid #555; margin: 1.2rem 0; padding: 0.6rem 1rem 1rem; break-inside: avoid; }
legend { font-weight: 600; padding: 0 0.3rem; }
table { border-collapse: collapse; width: 100%; margin-top: 0.4rem; table-layout: fixed; }
thead th:first-child { width: 34%; }
th, td { border: 1px solid #777; padding: 0.35rem; text-align: center; vertical-align: middle; }
th[scope=row] { text-align: left; font-weight: normal; }
.source, .hint { font-size: 0.9rem; color: #333; }
label.choice { display: block; margin: 0.15rem 0; }
input[type=radio], input[type=checkbox] { width: 1.1rem; height: 1.1rem; }
@media print { body { margin: 0; } .noprint { display: none; } }
"""


def questionnaire_html() -> str:
    """A printable, screen-reader-friendly HTML page of the form (radio buttons with labels)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Survey of service providers' views of mutual support groups</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Service providers' views of mutual support groups</h1>",
        '<p class="source">Questions 1-5 are the items of Chinman, Kloos, O\'Connell &amp; Davidson (2002), '
        "quoted as printed in the paper's Method (Measures). The wording of questions 6-15 is ours; their "
        "answer categories are those of the paper's Table 1. The survey asks for no name or other "
        "identifying information.</p>",
        "<h2>Your views of two kinds of groups</h2>",
    ]
    questions = questionnaire()
    for q in questions:
        if q.number == 6:
            parts.append("<h2>About you</h2>")
        parts.append(_question_html(q))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _question_html(q: Question) -> str:
    legend = f"<legend>{q.number}. {html.escape(q.text)}</legend>"
    hint = f'<p class="hint">Answer {html.escape(q.hint.strip(", "))}.</p>' if q.hint else ""
    if q.kind == "grid":
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in q.choices)
        body = []
        for column, row in zip(q.columns, q.rows, strict=True):
            cells = "".join(
                f'<td><input type="radio" name="{column}" value="{k + SCALE[0]}" '
                f'aria-label="{html.escape(row)}: {html.escape(c)}"></td>'
                for k, c in enumerate(q.choices)
            )
            body.append(f'<tr><th scope="row">{html.escape(row)}</th>{cells}</tr>')
        table = (f'<table><caption class="hint">One answer per row, from {html.escape(q.choices[0])} '
                 f"to {html.escape(q.choices[-1])}</caption>"
                 f'<thead><tr><th scope="col">Group type</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')
        return f"<fieldset>{legend}{table}</fieldset>"
    column = q.columns[0]
    if q.kind == "choice":
        options = "".join(
            f'<label class="choice"><input type="radio" name="{column}" value="{html.escape(c)}"> '
            f"{html.escape(c)}</label>"
            for c in q.choices
        )
        return f"<fieldset>{legend}{hint}{options}</fieldset>"
    return (f'<fieldset>{legend}{hint}<label>Years <input type="text" inputmode="decimal" name="{column}" '
            'size="6"></label></fieldset>')


def questionnaire_text() -> str:
    """The form as plain text, one question after another, for pasting into a survey tool."""
    lines = ["Service providers' views of mutual support groups", "",
             "Questions 1-5: Chinman et al. (2002), Method: Measures, quoted as printed. Questions 6-15:",
             "our wording; answer categories from the paper's Table 1. Ask for no name or e-mail.", ""]
    for q in questionnaire():
        lines.append(f"{q.number}. {q.text}")
        if q.kind == "grid":
            lines.append("   Rows (one answer each): " + " | ".join(q.rows))
            lines.append("   Columns: " + " | ".join(q.choices))
        elif q.kind == "choice":
            lines.extend(f"   - {c}" for c in q.choices)
        else:
            lines.append(f"   (a number {q.hint.strip(', ')})")
        lines.append("")
    return "\n".join(lines)


def consent_note() -> str:
    """A template of the note that opens the survey: purpose, voluntary, anonymous, where data go."""
    return """# Information for respondents (template: adapt it, and check your institution's rules)

This survey is part of [COURSE], taught by [INSTRUCTOR] at [INSTITUTION]. Students are
replicating a published study of how mental health service providers view mutual support
groups (Chinman, Kloos, O'Connell & Davidson, 2002).

- **Voluntary.** You may skip any question or stop at any time.
- **Anonymous.** The survey asks for no name, e-mail address or other identifying detail.
  Please do not write any in your answers. [If your survey tool records IP addresses or
  locations, turn that off; `mutsup import` drops such columns, but it is better not to
  collect them.]
- **Sensitive questions.** Three questions ask about personal or family experience of
  psychiatric treatment and about taking part in self-help groups. You may leave them blank.
- **Who sees the answers.** Only [INSTRUCTOR] and the students of [COURSE] see the answers,
  and only as a table of anonymous rows. The data stay [WHERE, e.g. on the course's storage];
  they are not published and are deleted on [DATE].
- **Questions?** Write to [CONTACT].

Whether a class survey needs review by an ethics board depends on your institution: ask
before fielding it.
"""


def mapping_template(tool: str) -> str:
    """A mapping file for ``mutsup import`` that fits a form built from :func:`questionnaire_text`."""
    from .exports import MAPPING_HELP

    headers = export_headers(tool)
    lines = [MAPPING_HELP.rstrip(), "", f"tool: {tool}", "columns:"]
    lines += [f"  {column}: {_yaml_string(header)}" for column, header in headers.items()]
    if tool == "qualtrics":
        lines += ["", "# Numeric-code exports: Qualtrics numbers the choices 1, 2, ... in the form's order.",
                  "values:"]
        for q in questionnaire():
            if q.kind == "choice":
                codes = ", ".join(f'"{k}": {_yaml_string(c)}' for k, c in enumerate(q.choices, start=1))
                lines.append(f"  {q.columns[0]}: {{{codes}}}")
    return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _survey_files() -> dict:
    """Each file of the survey folder and the function that writes its text."""
    return {
        "questionnaire.html": questionnaire_html,
        "questionnaire.txt": questionnaire_text,
        "consent_note.md": consent_note,
        **{f"{tool}_mapping.yaml": functools.partial(mapping_template, tool) for tool in TOOLS},
    }


#: The files :func:`write_survey` writes (the CLI checks them before replacing anything).
SURVEY_FILES = tuple(_survey_files())


def write_survey(out: Path) -> list[Path]:
    """Write the form (HTML and text), the consent note and a mapping per tool into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in _survey_files().items():
        path = out / name
        path.write_text(text(), encoding="utf-8")
        written.append(path)
    return written
