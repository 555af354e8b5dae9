"""Organiser command line: `python -m backend publish|serve|schema|embed ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from backend.build import build
from services.models import encode, feed_schema

ROOT = Path(__file__).resolve().parent.parent


def cmd_schema(_args: argparse.Namespace) -> int:
    target = ROOT / "docs" / "feed-schema.json"
    target.write_text(json.dumps(feed_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


def cmd_embed(args: argparse.Namespace) -> int:
    """Rebuild the app's embedded default mission (assets/feed) from the example spreadsheets."""
    built = build(Path(args.source))
    for error in built.errors:
        print(error, file=sys.stderr)
    if built.mission is None or args.delegate not in built.delegates:
        print("nothing written", file=sys.stderr)
        return 1
    feed = ROOT / "assets" / "feed"
    (feed / "mission.json").write_bytes(encode(built.mission))
    (feed / "delegates" / "demo.json").write_bytes(encode(built.delegates[args.delegate]))
    print(f"wrote {feed.relative_to(ROOT)}/mission.json and delegates/demo.json")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m backend", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    sub.add_parser("schema", help="write docs/feed-schema.json").set_defaults(run=cmd_schema)
    embed = sub.add_parser("embed", help="rebuild assets/feed from the example spreadsheets")
    embed.add_argument("source", nargs="?", default=str(ROOT / "examples" / "bem-west-coast-2025"))
    embed.add_argument("--delegate", default="demo")
    embed.set_defaults(run=cmd_embed)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
