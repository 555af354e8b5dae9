"""Organiser command line: `python -m backend <command>`, each command listed in its help."""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from pathlib import Path

from backend.addresses import address_problem
from backend.build import build
from backend.commands import add_commands, failed, patiently
from backend.publish import Report, publish
from backend.tables import EXAMPLE
from backend.tokens import MissingSecret, load_secret
from backend.wording import describe
from backend.write_failure import WriteFailure, attempt
from services.models import encode, feed_schema

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_URL_ENV = "DELEGATE_PUBLIC_URL"


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
    public_url = args.public_url or os.environ.get(PUBLIC_URL_ENV, "")
    if not public_url and not args.check:
        print(
            "error: where will delegates fetch the feed? Pass --public-url "
            f"https://feed.example.org/ (or set {PUBLIC_URL_ENV}); invite links are made from it",
            file=sys.stderr,
        )
        return 2
    problem = _addresses(args, public_url) or _missing(Path(args.source))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        secret = load_secret(Path(args.secret) if args.secret else None)
    except (MissingSecret, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    invites = Path(args.invites) if args.invites else None
    job = partial(
        patiently,
        lambda wait: publish(
            Path(args.source),
            Path(args.out),
            secret,
            public_url,
            invites,
            args.app_url,
            check=args.check,
            force=args.force,
            max_drop=args.max_drop / 100,
            wait=wait,
            new_secret=args.new_secret,
        ),
    )
    report = attempt(job)
    if isinstance(report, WriteFailure):
        return failed(report, "publish")
    return _report(report, args)


def _addresses(args: argparse.Namespace, public_url: str) -> str:
    """Why the public or app address cannot make links ("" when both can, or are not given)."""
    named = "--public-url" if args.public_url else PUBLIC_URL_ENV
    problems = [address_problem(public_url, named)] if public_url else []
    problems += [address_problem(args.app_url, "--app-url")] if args.app_url else []
    return next((p for p in problems if p), "")


def _missing(source: Path) -> str:
    """That the workbook or CSV folder to publish is not there ("" when it is)."""
    if source.exists():
        return ""
    what = "workbook" if source.suffix else "folder"
    return f"the {what} {source} does not exist: check its name and where it was saved"


def _report(report: Report, args: argparse.Namespace) -> int:
    for error in report.errors:
        print(error, file=sys.stderr)
    if report.errors:
        count = len(report.errors)
        print(f"{count} error{'s' if count != 1 else ''}: nothing was published", file=sys.stderr)
        return 1
    if report.preview is not None:
        for line in describe(report.preview, str, _plural):
            print(line)
    if report.refusal:
        print(report.refusal, file=sys.stderr)
        return 1
    if report.unchanged:  # the very input the live release was made from
        print(f"this input is exactly what is live in {args.out}: there is nothing to publish")
    if args.check:
        print("(check only: nothing was published)")
        return 0
    if report.unchanged:
        print(f"the live release stays: {report.delegates} delegates, {report.files} files")
    else:
        print(f"published {report.delegates} delegates, {report.files} files -> {args.out}")
    print(f"invites (CSV and QR codes, never served) -> {report.invites}")
    return 0


def _plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def cmd_serve(args: argparse.Namespace) -> int:
    from backend.console.port import port_problem
    from backend.server import run

    if not Path(args.folder).exists():
        print(
            f"error: {args.folder} does not exist; run `python -m backend publish` first",
            file=sys.stderr,
        )
        return 2
    problem = port_problem(args.host, args.port, "the feed server")
    if problem:  # before it says it serves: it would not
        print(f"error: {problem}", file=sys.stderr)
        return 2
    print(f"serving {args.folder} on http://{args.host}:{args.port}/ (Ctrl+C stops it)")
    run(Path(args.folder), args.host, args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m backend", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    pub = sub.add_parser(
        "publish", help="check a workbook (.xlsx) or a folder of CSV files and publish the feed"
    )
    pub.add_argument("source", help="a workbook (.xlsx) or a folder with mission.csv, ...")
    pub.add_argument("out", help="folder to publish (becomes a symlink to the current release)")
    pub.add_argument("--secret", help="file with the token secret (or $DELEGATE_TOKEN_SECRET_FILE)")
    pub.add_argument(
        "--public-url", help=f"where delegates will fetch the feed (or ${PUBLIC_URL_ENV})"
    )
    pub.add_argument("--check", action="store_true", help="only show what would change")
    pub.add_argument("--force", action="store_true", help="publish even if it drops a lot")
    pub.add_argument(
        "--max-drop", type=float, default=20, help="refuse dropping more than this %% (20)"
    )
    pub.add_argument(
        "--new-secret",
        action="store_true",
        help="publish with another secret than the live release: every delegate's link changes",
    )
    pub.add_argument("--invites", help="where invites.csv and QR codes go (never inside OUT)")
    pub.add_argument("--app-url", help="the hosted web app: invite links open <app-url>join/<code>")
    pub.set_defaults(run=cmd_publish)
    srv = sub.add_parser("serve", help="serve a published folder (development, small missions)")
    srv.add_argument("folder", help="the published folder (the symlink)")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    srv.add_argument("--port", type=int, default=8787, help="port to listen on (8787)")
    srv.set_defaults(run=cmd_serve)
    sub.add_parser("schema", help="write docs/feed-schema.json").set_defaults(run=cmd_schema)
    embed = sub.add_parser("embed", help="rebuild assets/feed from the example spreadsheets")
    embed.add_argument("source", nargs="?", default=str(EXAMPLE))
    embed.add_argument("--delegate", default="demo")
    embed.set_defaults(run=cmd_embed)
    add_commands(sub)
    # every command, as argparse knows them: none can be left out of the list
    root.description = (
        f"Organiser command line: python -m backend COMMAND, one of {', '.join(sub.choices)}. "
        "python -m backend COMMAND --help says more about each."
    )
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
