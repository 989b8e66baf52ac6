"""The ``mutsup`` command line: the jobs that are not reading.

``mutsup verify`` prints the paper-vs-here scorecard, ``mutsup reconstruct``
rebuilds the synthetic data, ``mutsup run`` executes the notebook series,
``mutsup student-copy`` writes the series for students with otter-grader's autograder beside it,
``mutsup key`` the instructor's answer key, ``mutsup slides`` the lecture decks, ``mutsup site`` builds its website,
``mutsup check`` says what a class's own data support before a run, ``mutsup survey`` writes the
questionnaire a class fields and ``mutsup import`` turns a survey tool's export into a file that follows the codebook;
``mutsup worlds build`` rebuilds an ensemble of worlds on Dask and ``mutsup worlds check`` checks one.

A user's mistake (a missing or invalid file, an output that exists, an output inside the
project's ``data/`` folder) prints one plain message and exits 2; ``--debug`` shows the
traceback instead. Nothing is written into ``data/`` except by ``reconstruct --force``, the
maintainers' rebuild of the shipped data, and by ``worlds build`` into ``data/worlds/``, the shipped ensemble.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__

DATA_HELP = "a CSV that follows data/datapackage.json (default: the shipped data)"
FORCE_HELP = "replace outputs that exist"
#: Exit codes: 0 done, 1 done but something failed (a notebook, a missed number), 2 user error.
USER_ERROR = 2


class UserError(Exception):
    """A mistake in how ``mutsup`` was called; printed as one message, never as a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mutsup",
        description=(
            "Teaching replication of Chinman, Kloos, O'Connell & Davidson (2002), "
            "'Service providers' views of psychiatric mutual support groups'. "
            "The data set is synthetic, rebuilt from the paper's printed statistics."
        ),
    )
    parser.add_argument("--version", action="version", version=f"mutsup {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="execute every notebook headless and write HTML pages")
    run.add_argument("--data", type=Path, help=DATA_HELP)
    run.add_argument("--out", type=Path, default=Path("build"), help="folder for executed notebooks and HTML")
    run.add_argument("--force", action="store_true", help=FORCE_HELP)
    _add_jobs(run, "notebooks to run at once")
    run.set_defaults(handler=_run)

    verify = sub.add_parser("verify", help="compare every printed number of the paper with the data")
    verify.add_argument("--data", type=Path, help=DATA_HELP)
    verify.add_argument("--json", type=Path, help="also write the scorecard as a JSON list of records")
    verify.add_argument("--all", action="store_true", help="list every target, not only those that are not matched")
    verify.add_argument("--force", action="store_true", help=FORCE_HELP)
    verify.set_defaults(handler=_verify)

    rebuild = sub.add_parser("reconstruct", help="rebuild a synthetic data set from the printed statistics")
    rebuild.add_argument("--seed", type=int, required=True, help="random seed (the shipped data used the codebook's)")
    rebuild.add_argument("--out", type=Path, required=True, help="CSV to write")
    rebuild.add_argument("--force", "--overwrite", dest="force", action="store_true",
                         help="replace --out if it exists (needed to rebuild the shipped data in data/)")
    rebuild.set_defaults(handler=_reconstruct)

    copy = sub.add_parser("student-copy", help="write the series for students (otter-grader's student version of "
                                               "the graded notebooks) and the autograder bundles")
    copy.add_argument("--out", type=Path, required=True, help="folder for the student copy (the one to hand out)")
    copy.add_argument("--autograder", type=Path,
                      help="folder for the autograder bundles and solution notebooks, for the instructor only "
                           "(default: OUT_autograder beside OUT)")
    copy.add_argument("--force", action="store_true", help=FORCE_HELP)
    copy.set_defaults(handler=_student_copy)

    key = sub.add_parser("key", help="the answer key for the instructor: every exercise with its answer computed "
                                     "on a data set (HTML, one page per notebook)")
    key.add_argument("--data", type=Path, help=DATA_HELP)
    key.add_argument("--out", type=Path, required=True, help="folder for the key's pages (index.html)")
    key.add_argument("--force", action="store_true", help=FORCE_HELP)
    _add_jobs(key, "notebooks to run at once")
    key.set_defaults(handler=_key)

    slides = sub.add_parser("slides", help="lecture slides: one reveal.js deck per notebook, opened from disk "
                                           "with no network")
    slides.add_argument("--data", type=Path, help=f"{DATA_HELP}; without it the decks show the stored outputs")
    slides.add_argument("--out", type=Path, default=Path("build") / "slides", help="folder for the decks")
    slides.add_argument("--force", action="store_true", help=FORCE_HELP)
    _add_jobs(slides, "notebooks to run at once with --data")
    slides.set_defaults(handler=_slides)

    site = sub.add_parser("site", help="build a static website of the series (stored outputs, contents page, "
                          "navigation, search; works offline)")
    site.add_argument("--out", type=Path, default=Path("build") / "site", help="folder for the site (index.html)")
    site.add_argument("--force", action="store_true", help=FORCE_HELP)
    site.set_defaults(handler=_site)

    audit = sub.add_parser("audit", help="check the paper's printed numbers against each other (no data needed)")
    audit.add_argument("--json", type=Path, help="also write the findings as a JSON list of records")
    audit.add_argument("--force", action="store_true", help=FORCE_HELP)
    audit.set_defaults(handler=_audit)

    check = sub.add_parser("check", help="before a run on your own survey: what the data support, analysis by "
                                         "analysis")
    check.add_argument("--data", type=Path, required=True, help=DATA_HELP)
    check.set_defaults(handler=_check)

    survey = sub.add_parser("survey", help="write the questionnaire for your class to field (HTML, text, "
                                           "consent note, import mappings)")
    survey.add_argument("--out", type=Path, required=True, help="folder for the questionnaire files")
    survey.add_argument("--force", action="store_true", help=FORCE_HELP)
    survey.set_defaults(handler=_survey)

    imp = sub.add_parser("import", help="turn a Qualtrics or Google Forms CSV export into a file that follows "
                                        "the codebook")
    imp.add_argument("export", type=Path, help="the survey tool's CSV export")
    imp.add_argument("--mapping", type=Path, required=True,
                     help="YAML: which export column holds each codebook column (mutsup survey writes one per tool)")
    imp.add_argument("--out", type=Path, required=True, help="CSV to write (keep class data out of the repository)")
    imp.add_argument("--force", action="store_true", help=FORCE_HELP)
    imp.set_defaults(handler=_import)

    worlds = sub.add_parser("worlds", help="many worlds: rebuild the data with many seeds on Dask, each scored "
                                           "by the scorecard")
    worlds_sub = worlds.add_subparsers(dest="worlds_command", metavar="WORLDS_COMMAND", required=True)
    build = worlds_sub.add_parser("build", help="rebuild and score the worlds of a seed list (resumable: worlds "
                                                "already built and intact are skipped)")
    build.add_argument("--seeds", type=_seeds, required=True, help="seeds to build, e.g. 1-100 or 1,5,7-9")
    build.add_argument("--out", type=Path, default=None,
                       help="folder of worlds (default: data/worlds, the shipped ensemble)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="a running Dask scheduler (e.g. tcp://127.0.0.1:8786); default: a local cluster")
    build.add_argument("--workers", type=_positive, default=None,
                       help=f"local worker processes, one thread each (default: the number of cores, "
                            f"{os.cpu_count() or 1}); not with --scheduler")
    build.set_defaults(handler=_worlds_build)
    wcheck = worlds_sub.add_parser("check", help="check a folder of worlds against its manifest")
    wcheck.add_argument("--out", type=Path, default=None, help="folder of worlds (default: data/worlds)")
    wcheck.set_defaults(handler=_worlds_check)
    return parser


def _verify(args) -> int:
    from .compare.scorecard import NOT_COMPUTABLE, scorecard, summarize
    from .data.load import load_providers
    from .views.display import format_number

    json_out = _output_file(args.json, args.force, "--json")
    card = scorecard(load_providers(_data_file(args.data)))
    numbers = card[card["section"] != "shapes"]
    shown = numbers if args.all else numbers[numbers["status"] != "match"]
    for row in shown.itertuples():
        here = format_number(row.reproduced, 6)
        print(f"{row.status:<11} {row.target}: printed {row.printed}, here {here}  {row.note}".rstrip())
    _print_shapes(card[card["section"] == "shapes"], format_number)
    print()
    print(summarize(card).to_string())
    if args.json:
        records = card.assign(reproduced=card["reproduced"].map(_jsonable), printed=card["printed"].map(_jsonable))
        json_out.write_text(json.dumps(records.to_dict(orient="records"), indent=1), encoding="utf-8")
    missed = int((card["status"] == "mismatch").sum())
    absent = int((card["status"] == NOT_COMPUTABLE).sum())
    if absent:
        print(f"\n{absent} printed number(s) cannot be computed on these data (see `mutsup check`)")
    print(f"\n{missed} reachable number(s) missed" if missed else "\nevery reachable printed number is reproduced")
    return 1 if missed else 0


def _print_shapes(shapes, format_number) -> None:
    """The shape targets grouped by the sentence of the paper each encodes (``what``)."""
    if shapes.empty:
        return
    print("\nShapes the text gives the figures (the sentence is the paper's claim, retold; the band is the "
          "rebuild's reading, paper/readings.py SHAPE_BANDS):")
    for what, rows in shapes.groupby("what", sort=False):
        print(f"  {what}")
        for row in rows.itertuples():
            here = format_number(row.reproduced, 3) if row.reproduced is not None else row.note
            print(f"    {row.status:<11} {row.printed}: here {here}")


def _add_jobs(parser, what: str) -> None:
    """The -j option of the commands that run notebooks: as many at once as there are cores, by default."""
    cores = os.cpu_count() or 1
    parser.add_argument("-j", "--jobs", type=_positive, default=cores,
                        help=f"{what} (default: the number of cores, {cores})")


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (argparse turns the error into a usage message)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _seeds(text: str) -> list[int]:
    """An argparse type: a seed list such as 1-100 (argparse turns the error into a usage message)."""
    from .worlds.seeds import parse_seeds

    try:
        return parse_seeds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _worlds_folder(path: Path | None) -> Path:
    """The folder of worlds: data/worlds by default; no other place inside data/."""
    from .worlds.store import worlds_dir

    if path is None:
        return worlds_dir()
    if _inside_data_folder(path) and path.resolve() != worlds_dir().resolve():
        raise UserError(f"--out {path} is inside the project's data/ folder, where worlds go only into "
                        f"{worlds_dir()}; choose that folder or one elsewhere")
    if path.exists() and not path.is_dir():
        raise UserError(f"--out {path} is a file; give a folder")
    return path


def _worlds_build(args) -> int:
    from .worlds.build import build_worlds
    from .worlds.store import load_manifest

    if args.scheduler and args.workers:
        raise UserError("--workers sets the size of the local cluster; with --scheduler the cluster is yours")
    out = _worlds_folder(args.out)
    try:
        report = build_worlds(args.seeds, out, scheduler=args.scheduler, workers=args.workers)
    except ConnectionError as exc:
        raise UserError(f"--scheduler: {exc}") from None
    passed = len(report.passed) + len([s for s in report.skipped if s not in report.failed])
    print(f"{out}: {len(args.seeds)} seeds; built now {len(report.built)}, skipped {len(report.skipped)} "
          f"(already built); {passed} pass, {len(report.failed)} failed, {len(report.errors)} errors; "
          f"{report.seconds:.0f} s")
    entries = {entry["seed"]: entry for entry in load_manifest(out)["worlds"]}
    for seed in sorted(report.failed):
        misses = entries[seed].get("misses", [])
        shown = ", ".join(m["target"] for m in misses[:3])
        more = f" and {len(misses) - 3} more" if len(misses) > 3 else ""
        print(f"  seed {seed} failed (not shipped): missed {shown}{more}")
    for seed, error in sorted(report.errors.items()):
        print(f"  seed {seed}: {error}")
    return 1 if report.failed or report.errors else 0


def _worlds_check(args) -> int:
    from .worlds.store import load_manifest, load_worlds

    out = _worlds_folder(args.out)
    worlds = load_worlds(out)
    manifest = load_manifest(out)
    failed = [e["seed"] for e in manifest["worlds"] if e["status"] == "failed"]
    named = [w.name for w in worlds if not w.name.startswith("seed ")]
    print(f"{out}: {len(worlds)} worlds intact ({', '.join(named) or 'no named world'} and "
          f"{len(worlds) - len(named)} seeds); {len(failed)} seeds failed and are not shipped"
          + (f" ({', '.join(map(str, failed))})" if failed else ""))
    return 0


def _reconstruct(args) -> int:
    from .reconstruct import rebuild, write_csv

    out = _output_file(args.out, args.force, "--out", data_folder_with_force=True)
    frame = rebuild(seed=args.seed, progress=True)
    write_csv(frame, out, overwrite=args.force)
    print(f"wrote {args.out} ({len(frame)} respondents, seed {args.seed})")
    return 0


def _run(args) -> int:
    from .compare.replication import replication_summary, replication_table
    from .compare.scorecard import scorecard, summarize
    from .data.load import load_providers
    from .series import list_notebooks, run_series

    data = _data_file(args.data)
    if data is not None:
        load_providers(data)  # a file that breaks the codebook stops here, not in eleven kernels
    outputs = [f"{nb.stem}{ext}" for nb in list_notebooks() for ext in (".ipynb", ".html")]
    out = _output_folder(args.out, args.force, outputs)
    results = run_series(out, data=data, jobs=args.jobs)
    for r in results:
        print(f"{'ok' if r.status == 'ok' else 'FAILED':<6} {r.seconds:5.1f} s  {r.notebook:<34} {r.html or ''}")
        if r.status != "ok":
            print(f"{'':15}{r.status.removeprefix('failed: ')}")
    frame = load_providers(data)
    totals = summarize(scorecard(frame)).loc["total"]
    counts = ", ".join(f"{totals[s]} {s}" for s in totals.index if s != "total")
    print(f"\npaper vs here: {counts}")
    print(f"did the data replicate the paper's findings: {replication_summary(replication_table(frame))}"
          " (table and figure: 01_overview)")
    return 0 if all(r.status == "ok" for r in results) else 1


def _check(args) -> int:
    from .compare.readiness import readiness_report
    from .data.load import load_providers

    path = _data_file(args.data)
    print(readiness_report(load_providers(path), str(path)))
    return 0


def _survey(args) -> int:
    from .fieldwork.instrument import SURVEY_FILES, write_survey

    out = _output_folder(args.out, args.force, list(SURVEY_FILES))
    for path in write_survey(out):
        print(f"wrote {path}")
    print("Questions 1-5 quote the paper (Method: Measures); the wording of 6-15 is ours. Build the form from "
          "questionnaire.txt, then: mutsup import EXPORT.csv --mapping <tool>_mapping.yaml --out class.csv")
    return 0


def _import(args) -> int:
    from .fieldwork.exports import import_export, load_mapping

    export = _data_file(args.export, "the export")
    if not args.mapping.is_file():
        raise UserError(f"--mapping {args.mapping}: no such file (mutsup survey --out DIR writes one per tool)")
    out = _output_file(args.out, args.force, "--out")
    from .data.load import DataValidationError

    mapping = load_mapping(args.mapping)
    try:
        result = import_export(export, args.mapping, out)
    except DataValidationError as exc:
        raise UserError(f"{exc}\nCorrect these answers in the export, or recode them under values: in "
                        f"{args.mapping}, and run again.") from None
    print(result.summary(export, mapping.tool))
    print(f"wrote {out} ({len(result.table)} respondents). Next: mutsup check --data {out}")
    return 0


def _audit(args) -> int:
    from .checks.audit import audit_table, run_audit
    from .checks.records import findings_to_records, format_findings

    json_out = _output_file(args.json, args.force, "--json")
    findings = run_audit()
    print(format_findings(findings))
    print(f"({len(audit_table())} checks in all; findings are about the paper, not failures of this tool)")
    if args.json:
        records = findings_to_records(findings)
        json_out.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _student_copy(args) -> int:
    from .series import list_notebooks, student_copy

    names = [nb.name for nb in list_notebooks()]
    out = _output_folder(args.out, args.force, names)
    autograder = args.autograder if args.autograder is not None else out.with_name(f"{out.name}_autograder")
    _output_folder(autograder, args.force, [f"{Path(n).stem}.zip" for n in names])
    for path in student_copy(out, autograder=autograder):
        print(f"wrote {path}")
    print(f"hand out {out}; keep {autograder} (autograder bundles, solutions). Grade a submission with: "
          f"otter run -a {autograder}/NN_name.zip SUBMISSION.ipynb")
    return 0


def _key(args) -> int:
    from .course import answer_key
    from .data.load import load_providers
    from .series import list_notebooks

    data = _data_file(args.data)
    if data is not None:
        load_providers(data)  # a file that breaks the codebook stops here, not in eleven kernels
    out = _output_folder(args.out, args.force, ["index.html"] + [f"{nb.stem}_key.html" for nb in list_notebooks()])
    pages, results = answer_key(out, data=data, jobs=args.jobs)
    for r in results:
        if r.status != "ok":
            print(f"FAILED {r.notebook}: {r.status.removeprefix('failed: ')}")
    print(f"wrote {pages[0]} ({len(pages) - 1} notebooks; for the instructor only)")
    return 0 if all(r.status == "ok" for r in results) else 1


def _slides(args) -> int:
    from .course import build_slides
    from .data.load import load_providers
    from .series import list_notebooks

    data = _data_file(args.data)
    if data is not None:
        load_providers(data)
    out = _output_folder(args.out, args.force, [f"{nb.stem}.slides.html" for nb in list_notebooks()])
    decks = build_slides(out, data=data, jobs=args.jobs)
    print(f"wrote {len(decks)} decks into {out} (open one in a browser; arrows or space to move)")
    return 0


def _site(args) -> int:
    from .site import build_site

    out = _output_folder(args.out, args.force, ["index.html"])
    index = build_site(out)
    print(f"wrote {index} ({len(list(out.glob('[0-9][0-9]_*.html')))} notebooks; open it in a browser)")
    return 0


# ----------------------------------------------------------------------------- inputs and outputs


def _data_file(path: Path | None, what: str = "--data") -> Path | None:
    """An input CSV as given, once it is known to be a file (None: the shipped data)."""
    if path is None:
        return None
    if path.is_dir():
        raise UserError(f"{what} {path} is a folder; give the CSV file itself")
    if not path.is_file():
        raise UserError(f"{what} {path}: no such file")
    return path


def _inside_data_folder(path: Path) -> bool:
    from .paths import data_dir

    return path.resolve().is_relative_to(data_dir().resolve())


def _output_file(path: Path | None, force: bool, option: str, data_folder_with_force: bool = False) -> Path | None:
    """An output file that may be written: not a folder, not inside data/, not replacing a file unasked."""
    if path is None:
        return None
    if _inside_data_folder(path) and not (data_folder_with_force and force):
        hint = " (to rebuild the shipped data on purpose, add --force)" if data_folder_with_force else ""
        raise UserError(f"{option} {path} is inside the project's data/ folder, which mutsup never writes to; "
                        f"choose a file elsewhere{hint}")
    if path.is_dir():
        raise UserError(f"{option} {path} is a folder; give a file name")
    if path.exists() and not force:
        raise UserError(f"{option} {path} exists; add --force to replace it")
    if not path.parent.is_dir():
        raise UserError(f"{option} {path}: the folder {path.parent} does not exist")
    return path


def _output_folder(path: Path, force: bool, names: list[str]) -> Path:
    """An output folder that may be written: not inside data/, no earlier outputs replaced unasked."""
    if _inside_data_folder(path):
        raise UserError(f"--out {path} is inside the project's data/ folder, which mutsup never writes to; "
                        "choose another folder")
    if path.exists() and not path.is_dir():
        raise UserError(f"--out {path} is a file; give a folder")
    existing = [name for name in names if (path / name).exists()]
    if existing and not force:
        raise UserError(f"--out {path} already holds {existing[0]} (and {len(existing) - 1} more outputs); "
                        "add --force to replace them")
    return path


def _user_error_message(exc: Exception) -> str | None:
    """The one message a user sees for an error that is theirs to fix, or None for a bug."""
    from .data.load import DataValidationError
    from .fieldwork.exports import MappingError
    from .worlds.store import WorldsError

    if isinstance(exc, (UserError, MappingError, WorldsError)):
        return str(exc)
    if isinstance(exc, DataValidationError):
        return f"{exc}\nFix these values (the rules are in data/datapackage.json) and run again."
    if isinstance(exc, (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError,
                        FileExistsError)):
        return f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)
    return None


def _jsonable(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.handler(args)
    except Exception as exc:
        message = _user_error_message(exc)
        if message is None or args.debug:
            raise
        print(f"mutsup {args.command}: error: {message}", file=sys.stderr)
        return USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
