"""The ``mutsup`` command line: the jobs that are not reading.

Subcommands are added as each job lands; ``mutsup --help`` lists them.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__


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
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
