"""Each delegate's pocket agenda beside their feed document: written, served and kept stable."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

from backend import layout
from backend.publish import publish
from backend.tokens import token_for
from tests.backend.servers import EXAMPLE, SECRET, nginx_server, publish_example

TOKEN = token_for("demo", SECRET)


def test_publish_writes_a_page_per_language_beside_the_document(folder: Path) -> None:
    pages = layout.where(folder, f"delegates/{TOKEN}.html").parent
    own = (pages / f"{TOKEN}.html").read_bytes()
    assert own == (pages / f"{TOKEN}.nl.html").read_bytes()  # the delegate reads Dutch
    assert f'href="{TOKEN}.fr.html"'.encode() in own and b"Lotte Vermeulen" in own
    assert (pages / f"{TOKEN}.en.html").read_bytes().startswith(b"<!DOCTYPE")
    assert not list(pages.glob("*.html.gz"))  # read by one person: the server compresses it


@pytest.mark.parametrize("name", [f"{TOKEN}.html", f"{TOKEN}.en.html", f"{TOKEN}.fr.html"])
def test_each_published_pages_language_links_lead_to_that_language(folder: Path, name: str) -> None:
    pages = layout.where(folder, f"delegates/{TOKEN}.html").parent
    page = (pages / name).read_text("utf-8")
    switch = re.findall(r'href="([^"]*)" hreflang="(\w+)"', page)
    assert len(switch) == 2
    for href, lang in switch:
        address = urljoin(f"https://feed.test/delegates/{name}", href)
        assert address == f"https://feed.test/delegates/{TOKEN}.{lang}.html"
        assert f'<html lang="{lang}"' in (pages / f"{TOKEN}.{lang}.html").read_text("utf-8")


def test_pocket_page_is_served_as_html_with_etag_gzip_and_304(base: str) -> None:
    url = f"{base}delegates/{TOKEN}.fr.html"
    r = httpx.get(url, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-encoding"] == "gzip" and r.headers["cache-control"] == "no-cache"
    assert "Lotte Vermeulen" in r.text
    again = httpx.get(url, headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [f"{'a' * 26}.html", f"{'a' * 26}.fr.html", f"{TOKEN}.de.html", f"{TOKEN}.html.gz", "x.html"],
)
def test_wrong_token_or_language_gets_the_same_404_as_any_miss(base: str, path: str) -> None:
    miss = httpx.get(f"{base}nothing-here")
    r = httpx.get(f"{base}delegates/{path}")
    assert r.status_code == miss.status_code == 404
    assert r.content == miss.content
    assert r.headers["content-type"] == miss.headers["content-type"]


def test_nginx_log_hides_the_token_of_a_pocket_page(tmp_path: Path) -> None:
    folder = publish_example(tmp_path)
    log = tmp_path / "access.log"
    with nginx_server(folder, access_log=log) as url:
        assert httpx.get(f"{url}delegates/{TOKEN}.en.html").status_code == 200
    text = log.read_text()
    assert "/delegates/<token>.en.html" in text and TOKEN not in text


def add_delegate(source: Path) -> None:
    with (source / "delegates.csv").open("a", encoding="utf-8") as f:
        f.write("guest,Guest Delegate,Example Guest Company,en\n")
    with (source / "registrations.csv").open("a", encoding="utf-8") as f:
        f.write("guest,sun-welcome-reception\n")


def pages(out: Path, token: str) -> dict[str, tuple[bytes, int]]:
    found = sorted(layout.where(out, f"delegates/{token}.html").parent.glob(f"{token}*.html"))
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in found}


def move_meeting(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["location"] = "B2B hall, table 14"  # the same in every language: the others emptied
    rows[0].update({f"location_{lang}": "" for lang in ("en", "fr", "nl")})
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_pages_change_when_and_only_when_their_documents_change(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    add_delegate(source)
    out, guest = tmp_path / "feed", token_for("guest", SECRET)
    publish(source, out, SECRET, "https://x/")
    before = {"demo": pages(out, TOKEN), "guest": pages(out, guest)}
    assert len(before["demo"]) == len(before["guest"]) == 4
    publish(source, out, SECRET, "https://x/")
    assert pages(out, TOKEN) == before["demo"] and pages(out, guest) == before["guest"]
    move_meeting(source / "meetings.csv")  # only the demo delegate's document changes
    publish(source, out, SECRET, "https://x/")
    assert pages(out, guest) == before["guest"]
    after = pages(out, TOKEN)
    assert all(after[name][0] != before["demo"][name][0] for name in after)
    assert b"table 14" in after[f"{TOKEN}.html"][0]


def test_a_bad_publish_keeps_the_last_good_pages(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    out = tmp_path / "feed"
    publish(source, out, SECRET, "https://x/")
    good = pages(out, TOKEN)
    with (source / "meetings.csv").open("a", encoding="utf-8") as f:
        f.write("m-bad,demo,Someone,Co,2025-10-06,17:00,16:00,moscone-center,,\n")
    assert publish(source, out, SECRET, "https://x/").errors
    assert pages(out, TOKEN) == good
