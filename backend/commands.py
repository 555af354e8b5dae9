"""Organiser commands for workbooks and releases: template, releases, rollback, flat, console."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from backend.releases import Entry, history, live
from backend.rollback import rollback
from backend.staging import Busy
from backend.tables import EXAMPLE
from backend.write_failure import WriteFailure, attempt, sentence

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_WORKBOOK = EXAMPLE.with_suffix(".xlsx")  # beside the example's CSV folder


def cmd_template(args: argparse.Namespace) -> int:
    from backend.template import write_workbook
    from backend.template_target import target_problem, write_problem

    out, source = Path(args.out), Path(args.source) if args.source else None
    problem = target_problem(out, source, args.force)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        errors = write_workbook(out, source)
    except OSError as exc:
        print(f"error: {write_problem(out, exc)}", file=sys.stderr)
        return 1
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        print(f"{count} in {source}: nothing was written to {out}", file=sys.stderr)
        return 1
    what = f"the mission in {source}" if source else "an empty template"
    print(f"wrote {what} to {out}")
    return 0


def cmd_releases(args: argparse.Namespace) -> int:
    out = Path(args.out)
    current = live(out)
    entries = history(out)
    if not entries:
        print(f"nothing has been published at {out} yet")
        return 0
    print(f"{'':2}{'revision':>8}  {'published':25}  {'activities':>10}  {'delegates':>9}  action")
    for entry in reversed(entries):
        mark = "* " if current is not None and entry.release == current.name else "  "
        action = _action(entry, entries)
        print(
            f"{mark}{entry.revision:>8}  {entry.at:25}  {entry.activities:>10}  "
            f"{entry.delegates:>9}  {action} {entry.release}"
        )
    print("* = live")
    return 0


def _action(entry: Entry, entries: list[Entry]) -> str:
    """`publish`, or `rollback to revision N`."""
    if not entry.action.startswith("rollback"):
        return entry.action
    back = _back_to(entry, entries)
    return f"rollback to revision {back}" if back != "?" else "rollback"


def _back_to(entry: Entry, entries: list[Entry]) -> str:
    """The revision the release a rollback made live again first went out as ("?": unknown)."""
    back = entry.action.partition(":")[2]
    return next((str(e.revision) for e in entries if e.release == back), "?")


def patiently(job: Callable[[bool], T]) -> T:
    """Run `job(wait)`; when another publish or rollback of the feed is going out, say so
    before waiting for it (a large publish takes a minute: silence looks like a hang)."""
    try:
        return job(False)
    except Busy as exc:
        print(f"{exc}: waiting for it to finish...", file=sys.stderr, flush=True)
        return job(True)


def failed(failure: WriteFailure, action: str) -> int:
    """A publish or rollback that could not write: what is live now, and the system's words."""
    text = sentence(failure, action, str, operator=True)
    print(f"error: {text}\n  ({failure.reason})", file=sys.stderr)
    return 1


def cmd_rollback(args: argparse.Namespace) -> int:
    from backend.rollback_question import asked

    out, expected = Path(args.out), None
    if not getattr(args, "yes", False) and sys.stdin.isatty() and live(out) is not None:
        go_on, expected = asked(out, sys.stdin, sys.stdout)
        if not go_on:
            print("nothing was rolled back")
            return 1
    try:
        job = partial(rollback, out, expected=expected)  # the one shown, if asked
        entry = attempt(lambda: patiently(lambda wait: job(wait=wait)))
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if isinstance(entry, WriteFailure):
        return failed(entry, "rollback")
    back = _back_to(entry, history(out))
    print(f"rolled back: the release of revision {back} is live again, as revision "
          f"{entry.revision} (phones take it)")  # fmt: skip
    return _invites_after(out, args)


def _invites_after(out: Path, args: argparse.Namespace) -> int:
    """The invites remade for the release now live (the addresses as they were made with,
    the secret from --secret or the environment), else a note that they are the undone one's."""
    from backend.invites import addresses_of, after_rollback
    from backend.tokens import MissingSecret, load_secret

    given, file = getattr(args, "invites", None), getattr(args, "secret", None)
    folder = Path(given) if given else out.parent / f"{out.name}-invites"
    addresses = addresses_of(folder)
    if addresses is None:
        return 0  # no invites to remake
    stale = (f"note: the invites in {folder} are still those of the release undone: give "
             "--secret (the feed's secret file) to remake them, or publish again")  # fmt: skip
    try:
        secret = load_secret(Path(file) if file else None)
    except (MissingSecret, OSError):
        print(stale)
        return 0
    try:
        made = after_rollback(out, folder, secret, *addresses)
    except OSError as exc:
        print(f"error: the rollback went out, but the invites could not be remade ({exc}); "
              "do not roll back again: publish the workbook again to remake them",
              file=sys.stderr)  # fmt: skip
        return 1
    print(f"invites remade for the release now live -> {folder}" if made else stale)
    return 0


def cmd_flat(args: argparse.Namespace) -> int:
    from backend.flat import FlatError, flatten

    try:
        count = flatten(Path(args.out), Path(args.dest))
    except (FlatError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} files to {args.dest}, each at its URL: upload that folder")
    return 0


def cmd_console(args: argparse.Namespace) -> int:
    from backend.console.app import run
    from backend.console.port import port_problem

    problem = port_problem(args.host, args.port)
    if problem:  # before the console says it is on: it would not be
        print(f"error: {problem}", file=sys.stderr)
        return 2
    return run(args)


def add_commands(sub: Any) -> None:
    tpl = sub.add_parser("template", help="write an empty workbook (or a CSV mission) as .xlsx")
    tpl.add_argument("out", help="the .xlsx file to write")
    tpl.add_argument("--from", dest="source", help="a folder of CSV tables to fill it with")
    tpl.add_argument("--force", action="store_true", help="replace OUT if it exists already")
    tpl.set_defaults(run=cmd_template)
    rel = sub.add_parser("releases", help="list the releases of a published folder")
    rel.add_argument("out", help="the published folder (the symlink)")
    rel.set_defaults(run=cmd_releases)
    back = sub.add_parser("rollback", help="make the previous release live again")
    back.add_argument("out", help="the published folder (the symlink)")
    back.add_argument(
        "--secret",
        help="the token secret file, to remake the invites (or $DELEGATE_TOKEN_SECRET_FILE)",
    )
    back.add_argument("--invites", help="where the invites are (default: next to OUT)")
    back.add_argument("--yes", action="store_true", help="do not ask first (in a terminal)")
    back.set_defaults(run=cmd_rollback)
    flat = sub.add_parser("flat", help="copy the live release with each file at its URL")
    flat.add_argument("out", help="the published folder (the symlink)")
    flat.add_argument("dest", help="a new folder to upload to object storage or a static host")
    flat.set_defaults(run=cmd_flat)
    con = sub.add_parser("console", help="the organisers' web page: upload, preview, publish")
    con.add_argument("out", help="the published folder (the symlink)")
    con.add_argument("--secret", help="file with the token secret (or $DELEGATE_TOKEN_SECRET_FILE)")
    con.add_argument("--public-url", help="where delegates fetch the feed ($DELEGATE_PUBLIC_URL)")
    con.add_argument("--app-url", help="the hosted web app, for invite links")
    con.add_argument("--invites", help="where invites go (default: next to OUT)")
    con.add_argument("--password-file", help="file with the console password (or env)")
    con.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    con.add_argument("--port", type=int, default=8790, help="port to listen on (8790)")
    con.set_defaults(run=cmd_console)
