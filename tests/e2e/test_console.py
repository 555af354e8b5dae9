"""The organiser console in headless Chromium at phone size: sign in, upload, preview,
publish, roll back, invites; what `backend serve` serves follows every step."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page

from backend.commands import EXAMPLE_WORKBOOK
from backend.publish import publish
from backend.template import write_workbook
from tests.backend.servers import ROOT, SECRET, backend_server
from tests.backend.sources import copy_example, drop_unreferenced_activities
from tests.e2e.browser import VIEWPORT, free_port, stop, wait_for_port
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


@contextmanager
def console(base: Path) -> Iterator[str]:
    (base / "secret.txt").write_bytes(SECRET)
    (base / "password.txt").write_text(PASSWORD + "\n")
    port = free_port()
    command = [sys.executable, "-m", "backend", "console", str(base / "feed")]
    command += ["--secret", str(base / "secret.txt"), "--password-file", str(base / "password.txt")]
    command += ["--public-url", "https://feed.example.org/", "--port", str(port)]
    with (base / "console.log").open("wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)


def workbooks(base: Path) -> tuple[Path, Path]:
    bad, good = load_workbook(EXAMPLE_WORKBOOK), load_workbook(EXAMPLE_WORKBOOK)
    bad["Venues"]["E3"] = "=37+0.78"
    bad.save(base / "bad.xlsx")
    sheet = good["Activities"]
    line = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value == "mon-lunch")
    room = [c.value for c in sheet[1]].index("room_en") + 1
    sheet.cell(line, room, "Garden Room")
    fields = good["Mission"]
    row = next(r[0].row for r in fields.iter_rows(min_row=3) if r[0].value == "revision")
    fields.cell(row, 2, 2)
    good.save(base / "good.xlsx")
    return base / "bad.xlsx", base / "good.xlsx"


def room_served(feed: str) -> str:
    mission = json.loads(httpx.get(f"{feed}mission.json").content)
    lunch = next(a for a in mission["activities"] if a["id"] == "mon-lunch")
    return str(lunch.get("room", {}).get("en", ""))


def upload(page: Page, path: Path) -> None:
    page.set_input_files("#workbook", str(path))
    page.get_by_role("button", name="Check the workbook").click()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    yield context.new_page()
    context.close()


def test_console_sign_in_upload_preview_publish_rollback(phone: Page, tmp_path: Path) -> None:
    assert not publish(EXAMPLE_WORKBOOK, tmp_path / "feed", SECRET, "https://x/").errors
    bad, good = workbooks(tmp_path)
    with console(tmp_path) as url, backend_server(tmp_path / "feed") as feed:
        before = room_served(feed)
        phone.goto(url)
        phone.fill("#password", "wrong password")
        phone.get_by_role("button", name="Sign in").click()
        assert phone.get_by_role("alert").inner_text() == "Wrong password."
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Sign in").click()
        assert phone.locator("#live-revision").inner_text() == "Live revision: 1"
        upload(phone, bad)
        assert phone.get_by_text("Venues!E3: formula =37+0.78").is_visible()
        assert room_served(feed) == before
        phone.goto(url)
        upload(phone, good)
        preview = phone.locator("#preview").inner_text()
        assert "1 delegate's agenda changes." in preview and "→ Garden Room" in preview
        phone.screenshot(path=str(ARTIFACTS / "console-preview-en.png"), full_page=True)
        phone.get_by_role("button", name="3. Publish").click()
        assert phone.locator("#live-revision").inner_text() == "Live revision: 2"
        assert room_served(feed) == "Garden Room"
        phone.get_by_role("button", name="Roll back to the previous release").click()
        asked = phone.locator("#rollback").inner_text()  # asked first: nothing changed yet
        assert "Roll back to revision 1?" in asked and "1 activity changes back" in asked
        assert room_served(feed) == "Garden Room" and small_targets(phone) == []
        phone.get_by_role("button", name="Yes, roll back to revision 1").click()
        assert phone.locator("#live-revision").inner_text() == "Live revision: 3"
        assert room_served(feed) == before
        invites = phone.request.get(f"{url}invites.csv")
        assert invites.ok and b"https://feed.example.org/delegates/" in invites.body()
        assert phone.request.get(f"{url}invites.zip").body().startswith(b"PK")
        phone.goto(url)
        upload(phone, good)  # the sheet still says revision 2, below the rollback's 3
        preview = phone.locator("#preview").inner_text()
        assert "this publish goes out as revision 4, so that phones take it." in preview
        phone.get_by_role("button", name="3. Publish").click()
        assert phone.locator("#live-revision").inner_text() == "Live revision: 4"
        assert room_served(feed) == "Garden Room"


def test_console_refuses_a_form_without_its_csrf_token(phone: Page, tmp_path: Path) -> None:
    publish(EXAMPLE_WORKBOOK, tmp_path / "feed", SECRET, "https://x/")
    with console(tmp_path) as url:
        phone.goto(url)
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Sign in").click()
        refused = phone.request.post(f"{url}rollback", form={"csrf": "forged"})
        assert refused.status == 403
        outside = httpx.post(f"{url}login", data={"password": PASSWORD, "csrf": "x"})
        assert outside.status_code == 403


def test_console_speaks_dutch_and_french_on_a_phone(phone: Page, tmp_path: Path) -> None:
    with console(tmp_path) as url:
        phone.goto(f"{url}?lang=nl")
        assert phone.get_by_role("button", name="Aanmelden").is_visible()
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Aanmelden").click()
        assert phone.locator("#live-revision").inner_text() == "Er is nog niets gepubliceerd."
        phone.screenshot(path=str(ARTIFACTS / "console-home-nl.png"), full_page=True)
        phone.goto(f"{url}?lang=fr")
        assert phone.locator("#live-revision").inner_text() == "Rien n’est encore publié."
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORT["width"]


def test_console_workbook_field_speaks_the_page_language(phone: Page, tmp_path: Path) -> None:
    """A bare file input speaks the browser's language ("Choose File", "No file chosen" on a
    French page). The zone around it speaks the page's, and the input lies over the whole zone,
    unseen, so that a tap or a dropped workbook anywhere on it reaches the input."""
    _, good = workbooks(tmp_path)
    with console(tmp_path) as url:
        phone.goto(f"{url}?lang=fr")
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Se connecter").click()
        zone = phone.locator(".drop")
        assert zone.inner_text().split("\n") == [
            "Déposez le classeur ici",
            "Choisir un fichier",
            "Aucun classeur choisi pour l’instant.",
        ]
        under = phone.evaluate(
            """() => { const r = document.querySelector('.drop').getBoundingClientRect();
                return [[r.left + 4, r.top + 4], [r.right - 4, r.bottom - 4],
                        [r.left + r.width / 2, r.top + r.height / 2]]
                    .map(([x, y]) => document.elementFromPoint(x, y).id); }"""
        )
        assert under == ["workbook", "workbook", "workbook"]
        with phone.expect_file_chooser() as chooser:
            phone.get_by_text("Déposez le classeur ici").click(force=True)
        named = tmp_path / "Q3 $& final.xlsx"  # '$&' in a replacement string is the match
        named.write_bytes(good.read_bytes())
        chooser.value.set_files(str(named))
        said = phone.locator("#workbook-status").inner_text()
        assert said == "Classeur choisi\u00a0: Q3 $& final.xlsx"
        phone.get_by_role("button", name="Vérifier le classeur").click()
        assert "Classeur : Q3 $& final.xlsx" in phone.locator(".file").inner_text().replace(
            "\u00a0", " "
        )


def test_console_language_links_of_a_preview_and_of_problems_keep_them(
    phone: Page, tmp_path: Path
) -> None:
    """FR on a preview (the answer to a POST) asked GET /upload: 'Method Not Allowed', in
    English, and the preview was gone."""
    assert not publish(EXAMPLE_WORKBOOK, tmp_path / "feed", SECRET, "https://x/").errors
    bad, good = workbooks(tmp_path)
    with console(tmp_path) as url:
        phone.goto(url)
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Sign in").click()
        upload(phone, good)
        phone.get_by_role("link", name="FR").click()
        assert "→ Garden Room" in phone.locator("#preview").inner_text()
        assert phone.get_by_role("button", name="3. Publier").is_visible()
        phone.screenshot(path=str(ARTIFACTS / "console-preview-fr.png"), full_page=True)
        phone.get_by_role("link", name="NL").click()
        assert phone.get_by_role("button", name="3. Publiceren").is_visible()
        phone.goto(f"{url}?lang=en")
        upload(phone, bad)
        phone.get_by_role("link", name="NL").click()
        assert phone.get_by_text("Venues!E3: formule =37+0.78", exact=False).is_visible()
        phone.goto(f"{url}upload?lang=fr")  # an old tab, a bookmark: the home page says so
        assert phone.get_by_role("status").inner_text().startswith("Rien n’a été publié.")


def test_console_refused_publish_says_not_published_at_the_top_in_french(
    phone: Page, tmp_path: Path
) -> None:
    """Publish pressed without the box ticked came back as the same long page, scrolled to its
    top, the refusal far below: nothing in sight said it was not published."""
    source = copy_example(tmp_path / "half")
    drop_unreferenced_activities(source)  # more than half of the programme
    write_workbook(tmp_path / "half.xlsx", source)
    assert not publish(EXAMPLE_WORKBOOK, tmp_path / "feed", SECRET, "https://x/").errors
    with console(tmp_path) as url:
        phone.goto(f"{url}?lang=fr")
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Se connecter").click()
        phone.set_input_files("#workbook", str(tmp_path / "half.xlsx"))
        phone.get_by_role("button", name="Vérifier le classeur").click()
        phone.get_by_role("button", name="3. Publier").click()
        said = phone.locator("#not-published")
        assert said.inner_text().startswith("Non publié\u00a0: cela retirerait ")
        box = said.bounding_box()
        assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"]  # in sight
        assert phone.evaluate("document.activeElement.id") == "not-published"
        phone.screenshot(path=str(ARTIFACTS / "console-not-published-fr.png"))


def test_console_check_without_a_workbook_says_so_in_the_page_language(
    phone: Page, tmp_path: Path
) -> None:
    """Check pressed with no file chosen showed the browser's own bubble, in the browser's
    language ("Please select a file." on a French page)."""
    with console(tmp_path) as url:
        phone.goto(f"{url}?lang=fr")
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Se connecter").click()
        phone.get_by_role("button", name="Vérifier le classeur").click()
        alert = phone.get_by_role("alert")
        assert alert.inner_text() == "Choisissez d’abord un classeur Excel (.xlsx)."
        box = alert.bounding_box()
        assert box is not None and box["y"] < VIEWPORT["height"] / 2  # at the top
        assert phone.get_by_role("button", name="Vérifier le classeur").is_visible()
        phone.screenshot(path=str(ARTIFACTS / "console-no-workbook-fr.png"))


THUMB = 48  # px: Material's touch target, as in the app
TARGETS = (
    "header a, main a, button, summary, input[type=password], input[type=file], label:has(input)"
)


def small_targets(page: Page) -> list[str]:
    """Every link, button and field on the page that a thumb could miss (under 48 px high),
    or a language link narrower than that."""
    found: list[str] = page.evaluate(
        """([selector, least]) => Array.from(document.querySelectorAll(selector))
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.height > 0 && (r.height < least
                               || (e.closest('nav') && r.width < least)); })
            .map(e => `${e.tagName} ${e.textContent.trim()}`)""",
        [TARGETS, THUMB],
    )
    return found


def test_console_links_buttons_and_fields_are_48_px_on_a_phone(phone: Page, tmp_path: Path) -> None:
    """An organiser on a phone taps EN/FR/NL, Back, the downloads and the buttons with a thumb:
    the language links were 20x19 px, the buttons 41, Back 39x19."""
    assert not publish(EXAMPLE_WORKBOOK, tmp_path / "feed", SECRET, "https://x/").errors
    bad, good = workbooks(tmp_path)
    with console(tmp_path) as url:
        phone.goto(url)
        assert small_targets(phone) == []
        phone.fill("#password", PASSWORD)
        phone.get_by_role("button", name="Sign in").click()
        upload(phone, good)
        phone.get_by_role("button", name="3. Publish").click()
        assert small_targets(phone) == []  # home: downloads, rollback, invites, sign out
        upload(phone, bad)
        assert small_targets(phone) == []  # problems: the upload form and Back
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORT["width"]
