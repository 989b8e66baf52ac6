"""The ``mutsup`` command line: the jobs that are not reading.

``mutsup verify`` prints the paper-vs-here scorecard, ``mutsup reconstruct``
rebuilds the synthetic data, ``mutsup run`` executes the notebook series,
``mutsup student-copy`` writes the series without solutions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__

DATA_HELP = "a CSV that follows data/datapackage.json (default: the shipped data)"


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="execute every notebook headless and write HTML pages")
    run.add_argument("--data", type=Path, help=DATA_HELP)
    run.add_argument("--out", type=Path, default=Path("build"), help="folder for executed notebooks and HTML")
    run.set_defaults(handler=_run)

    verify = sub.add_parser("verify", help="compare every printed number of the paper with the data")
    verify.add_argument("--data", type=Path, help=DATA_HELP)
    verify.add_argument("--json", type=Path, help="also write the scorecard as a JSON list of records")
    verify.add_argument("--all", action="store_true", help="list every target, not only those that are not matched")
    verify.set_defaults(handler=_verify)

    rebuild = sub.add_parser("reconstruct", help="rebuild a synthetic data set from the printed statistics")
    rebuild.add_argument("--seed", type=int, required=True, help="random seed (the shipped data used the codebook's)")
    rebuild.add_argument("--out", type=Path, required=True, help="CSV to write")
    rebuild.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    rebuild.set_defaults(handler=_reconstruct)

    copy = sub.add_parser("student-copy", help="write the series with the solution cells removed")
    copy.add_argument("--out", type=Path, required=True, help="folder for the student copy")
    copy.set_defaults(handler=_student_copy)

    check = sub.add_parser("audit", help="check the paper's printed numbers against each other (no data needed)")
    check.add_argument("--json", type=Path, help="also write the findings as a JSON list of records")
    check.set_defaults(handler=_audit)
    return parser


def _verify(args) -> int:
    from .compare.scorecard import scorecard, summarize
    from .data.load import load_providers
    from .views.display import format_number

    card = scorecard(load_providers(args.data))
    shown = card if args.all else card[card["status"] != "match"]
    for row in shown.itertuples():
        here = format_number(row.reproduced, 6)
        print(f"{row.status:<11} {row.target}: printed {row.printed}, here {here}  {row.note}".rstrip())
    print()
    print(summarize(card).to_string())
    if args.json:
        records = card.assign(reproduced=card["reproduced"].map(_jsonable), printed=card["printed"].map(_jsonable))
        args.json.write_text(json.dumps(records.to_dict(orient="records"), indent=1), encoding="utf-8")
    missed = int((card["status"] == "mismatch").sum())
    print(f"\n{missed} reachable number(s) missed" if missed else "\nevery reachable printed number is reproduced")
    return 1 if missed else 0


def _reconstruct(args) -> int:
    from .reconstruct import rebuild, write_csv

    frame = rebuild(seed=args.seed, progress=True)
    write_csv(frame, args.out, overwrite=args.overwrite)
    print(f"wrote {args.out} ({len(frame)} respondents, seed {args.seed})")
    return 0


def _run(args) -> int:
    from .compare.scorecard import scorecard, summarize
    from .data.load import load_providers
    from .series import run_series

    results = run_series(args.out, data=args.data)
    for r in results:
        print(f"{r.status:<6} {r.seconds:6.1f} s  {r.notebook}  {r.html or ''}")
    totals = summarize(scorecard(load_providers(args.data))).loc["total"]
    counts = ", ".join(f"{totals[s]} {s}" for s in ("match", "mismatch", "unreachable"))
    print(f"\npaper vs here: {counts}")
    return 0 if all(r.status == "ok" for r in results) else 1


def _audit(args) -> int:
    from .checks.audit import audit_table, run_audit
    from .checks.records import findings_to_records, format_findings

    findings = run_audit()
    print(format_findings(findings))
    print(f"({len(audit_table())} checks in all; findings are about the paper, not failures of this tool)")
    if args.json:
        records = findings_to_records(findings)
        args.json.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _student_copy(args) -> int:
    from .series import student_copy

    for path in student_copy(args.out):
        print(f"wrote {path}")
    return 0


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
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
