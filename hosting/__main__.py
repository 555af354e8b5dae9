"""`python -m hosting export DIR`: the client's files with .br/.gz twins, for nginx to serve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hosting.client import ClientFiles
from hosting.serve import cache_dir

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hosting")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the web client for nginx (root of the app)")
    export.add_argument("out", type=Path, help="folder nginx serves, e.g. /srv/delegate/client")
    args = parser.parse_args(argv)
    count = ClientFiles(ASSETS, cache_dir()).export(args.out)
    print(f"{count} files (with .br and .gz twins) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
