"""The welcome pack beside a publish: invites.csv and one QR code per delegate (never served).

QR codes are drawn only for new delegates or new links (backend.qr_symbol: ~0.2 ms a code,
~0.4 ms with its PNG), by two forked processes when there are many (a first publish of 5,000
delegates), and written by two threads meanwhile. A first draw writes them into a folder of
their own, which becomes qr/ only once every code is in it. When nothing the list is made of
changed and it and the codes are as the last publish left them (`record`), nothing is done.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import multiprocessing
import os
import secrets
import shutil
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from backend.qr_png import qr_png
from backend.render_keys import code_digest
from backend.shelf import outline_of
from backend.tokens import token_for
from services.atomic import write_atomically
from services.calendar import webcal_link
from services.models import DelegateDoc

# Below this many codes, drawing them here is faster than forking two processes to share them.
APART_FROM = 1000
_TEMPORARY = ".qr-"  # a first draw's folder until it is complete
STALE = 3600  # seconds: such a folder this old is a stopped publish's leftover
RECORD = "invites.json"  # beside the releases: what the invites were last made from


def write_invites(
    folder: Path,
    delegates: Mapping[str, DelegateDoc],
    secret: bytes,
    public_url: str,
    app_url: str | None,
    record: Path | None = None,
) -> None:
    """invites.csv (name, company, language, link, code, QR file, calendar subscription link)
    plus one QR image each. `record`: a file (not in `folder`: the welcome pack holds the list
    and the codes only) that says what they were last made from."""
    folder.mkdir(parents=True, exist_ok=True)
    made_of = _made_of(folder, delegates, secret, (public_url, app_url))
    if record is not None and _recorded(record) == _as_left(folder, made_of):
        return  # the same list and codes as the last publish left them
    base = public_url.rstrip("/") + "/"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["delegate", "name", "company", "language", "link", "code", "qr", "feed_link", "calendar"]
    )
    wanted: set[str] = set()
    todo: list[tuple[str, str]] = []  # QR codes only for new delegates (or new links)
    drawn = {f"qr/{name}" for name in _listed(folder / "qr")}
    for delegate_id in sorted(delegates):
        token = token_for(delegate_id, secret)
        feed_link = f"{base}delegates/{token}.json"
        link = f"{app_url.rstrip('/')}/join/{token}" if app_url else feed_link
        code = "-".join(token[i : i + 4] for i in range(0, len(token), 4))
        # named after its link, so a republish redraws only what changed
        qr = f"qr/{delegate_id}-{hashlib.sha256(link.encode()).hexdigest()[:10]}.png"
        if qr not in drawn:
            todo.append((link, str(folder / qr)))
        wanted.add(qr)
        d = outline_of(delegates, delegate_id)
        calendar = webcal_link(base, token)
        writer.writerow(
            [delegate_id, d.name, d.company, d.language, link, code, qr, feed_link, calendar]
        )
    if drawn:
        _each(todo)
    else:
        _all(folder, todo)
    for stale in drawn - wanted:
        if stale.endswith((".png", ".tmp")):  # and what a killed publish left half-written
            (folder / stale).unlink()
    # with UTF-8's byte-order mark: without it Excel, which event staff open it in, reads it
    # as Windows-1252 and garbles every accent in a name
    _write((str(folder / "invites.csv"), buffer.getvalue().encode("utf-8-sig")))
    if record is not None:
        _write((str(record), json.dumps(_as_left(folder, made_of)).encode()))


def _made_of(
    folder: Path, delegates: Mapping[str, DelegateDoc], secret: bytes, urls: tuple[str, str | None]
) -> str:
    """A digest of all the list and the codes are made of, our code too (under the secret:
    never it)."""
    outlines = {i: outline_of(delegates, i) for i in delegates}  # never the whole documents
    people = [(i, o.name, o.company, o.language) for i, o in outlines.items()]
    made = json.dumps([code_digest(), str(folder.resolve()), *urls, sorted(people)]).encode()
    return hmac.new(secret, b"invites\0" + made, hashlib.sha256).hexdigest()


def _as_left(folder: Path, made_of: str) -> dict[str, str]:
    """What the list and codes are made of, with a digest of the list and the codes' names now."""
    try:
        listed = hashlib.sha256((folder / "invites.csv").read_bytes()).hexdigest()
    except OSError:
        listed = ""
    codes = hashlib.sha256("\0".join(sorted(_listed(folder / "qr"))).encode()).hexdigest()
    return {"made_of": made_of, "list": listed, "codes": codes}


def _recorded(record: Path) -> object:
    try:
        return json.loads(record.read_bytes())
    except (OSError, ValueError):
        return None


def _listed(qr: Path) -> list[str]:
    try:
        return os.listdir(qr)
    except FileNotFoundError:
        return []


def _each(todo: list[tuple[str, str]]) -> None:
    """The codes `todo` ([(link, path)]) drawn into the folder of those drawn before, each file
    written under a temporary name and renamed."""
    with ThreadPoolExecutor(max_workers=2) as pool:  # written while the next are drawn
        paths = (path for _, path in todo)
        for _ in pool.map(_write, zip(paths, _drawn([link for link, _ in todo]), strict=True)):
            pass


def _all(folder: Path, todo: list[tuple[str, str]]) -> None:
    """Every code (none was drawn before) written plainly into a folder of their own, renamed to
    qr/ once all are there: one rename instead of one per code (creating a file and renaming
    it cost about 0.5 ms each on the machines measured: ~2.5 s for 5,000). A folder left by a
    publish that stopped halfway is never qr/, and is removed."""
    for left in folder.glob(f"{_TEMPORARY}*"):
        if time.time() - left.stat().st_mtime > STALE:
            shutil.rmtree(left, ignore_errors=True)
    temporary = folder / f"{_TEMPORARY}{os.getpid()}-{secrets.token_hex(4)}"
    temporary.mkdir()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:  # written while the next are drawn
            paths = (temporary / Path(path).name for _, path in todo)
            drawn = _drawn([link for link, _ in todo])
            for _ in pool.map(_write_plain, zip(paths, drawn, strict=True)):
                pass
        if (folder / "qr").is_dir():
            (folder / "qr").rmdir()  # empty: nothing was listed in it
        os.rename(temporary, folder / "qr")
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _write_plain(job: tuple[Path, bytes]) -> None:
    job[0].write_bytes(job[1])


def _drawn(links: list[str]) -> Iterator[bytes]:
    """Each link's QR code as PNG, in order."""
    if len(links) < APART_FROM or (os.cpu_count() or 1) < 2:
        yield from map(_draw, links)
        return
    with multiprocessing.get_context("fork").Pool(2) as pool:
        yield from pool.imap(_draw, links, chunksize=100)


def _draw(link: str) -> bytes:
    return qr_png(link, 6, 2)


def _write(job: tuple[str, bytes]) -> None:
    """A file whole or not at all: a code is drawn again only when its file is missing, so one
    cut short by a full disk would stay broken through every later publish."""
    path, data = job
    write_atomically(Path(path), data)


def after_rollback(
    out: Path, folder: Path, secret: bytes, public_url: str, app_url: str | None
) -> bool:
    """The invites of the release a rollback made live (a delegate the undone publish dropped
    is back in the welcome pack); False, and nothing written, when that release was made with
    another secret (its links are not this secret's)."""
    from backend.releases import live, releases_of
    from backend.same_secret import other_secret

    if other_secret(live(out), secret):
        return False
    docs = of_live_release(out)
    write_invites(folder, docs, secret, public_url, app_url, releases_of(out) / RECORD)
    return True


def addresses_of(folder: Path) -> tuple[str, str | None] | None:
    """The public and app addresses the invites in `folder` were made with (the app's None
    when links point at the feed), read from their first row; None without one."""
    try:
        with (folder / "invites.csv").open(encoding="utf-8-sig", newline="") as f:
            row = next(csv.DictReader(f), None)
    except OSError:
        return None
    link, feed = (row or {}).get("link") or "", (row or {}).get("feed_link") or ""
    if "delegates/" not in feed or (link != feed and "/join/" not in link):
        return None  # not a list this code wrote
    app_url = link.rpartition("/join/")[0] + "/" if link != feed else None
    return feed.rpartition("delegates/")[0], app_url


def of_live_release(out: Path) -> dict[str, DelegateDoc]:
    """The delegates the live release of `out` serves, by id, read from their documents: after
    a rollback, the invites are those of the release it brought back."""
    from backend import layout
    from backend.releases import live

    current = live(out)
    if current is None:
        return {}
    docs = (
        DelegateDoc.model_validate_json(layout.read(current, f"{layout.DELEGATES}/{token}.json"))
        for token in sorted(layout.tokens(current))
    )
    return {doc.delegate.id: doc for doc in docs}
