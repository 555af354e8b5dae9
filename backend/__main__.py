"""Organiser command line: `python -m backend publish|serve|schema|embed ...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from backend.build import build
from backend.publish import publish
from backend.tokens import MissingSecret, load_secret
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


def cmd_publish(args: argparse.Namespace) -> int:
    try:
        secret = load_secret(Path(args.secret) if args.secret else None)
    except (MissingSecret, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    invites = Path(args.invites) if args.invites else None
    report = publish(
        Path(args.source), Path(args.out), secret, args.public_url, invites, args.app_url
    )
    for error in report.errors:
        print(error, file=sys.stderr)
    if report.errors:
        count = len(report.errors)
        print(f"{count} error{'s' if count != 1 else ''}: nothing was published", file=sys.stderr)
        return 1
    print(f"published {report.delegates} delegates, {report.files} files -> {args.out}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from backend.server import run

    if not Path(args.folder).exists():
        print(
            f"error: {args.folder} does not exist; run `python -m backend publish` first",
            file=sys.stderr,
        )
        return 2
    run(Path(args.folder), args.host, args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m backend", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    pub = sub.add_parser("publish", help="validate the CSV exports and publish the feed folder")
    pub.add_argument("source", help="folder with mission.csv, activities.csv, ...")
    pub.add_argument("out", help="folder to publish (becomes a symlink to the current release)")
    pub.add_argument("--secret", help="file with the token secret (or $DELEGATE_TOKEN_SECRET_FILE)")
    pub.add_argument(
        "--public-url",
        default="http://127.0.0.1:8787/",
        help="where delegates will fetch the feed (used in invite links)",
    )
    pub.add_argument("--invites", help="where invites.csv and QR codes go (never inside OUT)")
    pub.add_argument("--app-url", help="the hosted web app: invite links open <app-url>join/<code>")
    pub.set_defaults(run=cmd_publish)
    srv = sub.add_parser("serve", help="serve a published folder (development, small missions)")
    srv.add_argument("folder")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8787)
    srv.set_defaults(run=cmd_serve)
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
