"""The organiser console over a live mission damaged by hand or by the disk (no browser: the
app itself, through httpx)."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import re
from pathlib import Path

import httpx
import openpyxl

from backend.commands import EXAMPLE_WORKBOOK
from backend.console.app import create_app
from backend.console.config import ConsoleConfig
from backend.publish import publish
from backend.releases import history, releases_of
from backend.staging import locked
from backend.template import write_workbook
from tests.backend.console_client import PASSWORD, roll_back, signed_in, upload_id
from tests.backend.published import UNREADABLE, URL, damage, lunch_moved, mission
from tests.backend.servers import SECRET
from tests.backend.sources import (
    bump,
    copy_example,
    drop_unreferenced_activities,
    edit,
    macro_enabled,
    remove_maes,
)

PATIENCE = 120  # seconds: a console that waits behind the lock would hang here instead


async def test_console_over_a_damaged_live_mission_previews_and_rolls_back(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    damage(out, b"not json")
    async with signed_in(out) as (client, csrf):
        home = await client.get("/")
        assert home.status_code == 200 and "Live revision: 2" in home.text  # from the history
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        result = await client.post("/upload", data={"csrf": csrf}, files=files)
        assert result.status_code == 200 and html.escape(UNREADABLE) in result.text
        back = await roll_back(client, csrf)
        assert (back.status_code, back.headers["location"]) == (303, "/?done=rolled-back")
        assert "Live revision: 3" in (await client.get("/")).text
    assert mission(out)["revision"] == 3


async def test_console_while_another_publish_holds_the_feed_answers_at_once_and_keeps_the_upload(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2; the example workbook moves it back
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        with locked(releases_of(out)):  # as a command-line publish of this feed would
            checked = await client.post("/upload", data={"csrf": csrf}, files=files)
            assert checked.status_code == 200  # a check never waits
            form = {"csrf": csrf, "upload": upload_id(checked.text)}
            busy = await asyncio.wait_for(client.post("/publish", data=form), PATIENCE)
            release = history(out)[0].release  # what the confirmation names
            confirmed = {**form, "release": release}
            back = await asyncio.wait_for(client.post("/rollback", data=confirmed), PATIENCE)
            french = await client.post("/publish?lang=fr", data=form)
        assert busy.status_code == 409 and "Nothing was published." in busy.text
        assert 'action="/check"' in busy.text and upload_id(busy.text) == form["upload"]
        assert "Rien n’a été publié." in french.text
        assert back.status_code == 409 and "Nothing was rolled back." in back.text
        assert "Live revision: 2" in (await client.get("/?lang=en")).text  # nothing says busy
        assert [e.revision for e in history(out)] == [1, 2]
        again = await client.post("/check", data=form)  # the workbook was kept
        assert again.status_code == 200 and upload_id(again.text) == form["upload"]
        done = await client.post("/publish", data=form)
        assert done.headers["location"] == "/?done=published"
    assert [e.revision for e in history(out)] == [1, 2, 3]


async def test_console_publish_after_another_went_out_since_its_check_asks_to_check_again(
    tmp_path: Path,
) -> None:
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2; the workbook moves the lunch back
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        base = re.search(r'name="base" value="([^"]*)"', checked.text)
        assert base is not None and base.group(1)
        form = {"csrf": csrf, "upload": upload_id(checked.text), "base": base.group(1)}
        edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
        publish(source, out, SECRET, URL)  # another organiser, meanwhile: revision 3
        stale = await client.post("/publish", data=form)
        assert stale.status_code == 409 and "after your check" in stale.text
        assert [e.revision for e in history(out)] == [1, 2, 3]  # the Rose Room stays live
        again = await client.post("/check", data=form)
        assert "Rose Room" in again.text  # the preview now shows what it would undo
        form["base"] = re.findall(r'name="base" value="([^"]*)"', again.text)[0]
        done = await client.post("/publish", data=form)
        assert done.headers["location"] == "/?done=published"
    assert [e.revision for e in history(out)] == [1, 2, 3, 4]


async def test_console_check_again_keeps_the_workbooks_own_name(tmp_path: Path) -> None:
    _, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("Programme v3 (final).xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        first = await client.post("/upload", data={"csrf": csrf}, files=files)
        form = {"csrf": csrf, "upload": upload_id(first.text)}
        again = await client.post("/check", data=form)
        with locked(releases_of(out)):
            busy = await asyncio.wait_for(client.post("/publish", data=form), PATIENCE)
    for shown in (first, again, busy):
        assert "Workbook: Programme v3 (final).xlsx" in shown.text


async def test_console_shows_a_hostile_file_name_as_text_and_never_uses_it_as_a_path(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)
    name = "..\\../\u202eevil/<img src=x>.xlsx"
    async with signed_in(out) as (client, csrf):
        files = {"workbook": (name, EXAMPLE_WORKBOOK.read_bytes())}
        first = await client.post("/upload", data={"csrf": csrf}, files=files)
        again = await client.post("/check", data={"csrf": csrf, "upload": upload_id(first.text)})
    assert "Workbook: &lt;img src=x&gt;.xlsx" in again.text and "<img" not in again.text
    assert "\u202e" not in again.text
    assert not [p for p in tmp_path.rglob("*") if "evil" in str(p) or "img" in p.name]


async def test_console_offers_workbooks_to_start_from_and_names_what_a_rollback_brings_back(
    tmp_path: Path,
) -> None:
    out = tmp_path / "feed"
    async with signed_in(out) as (client, csrf):
        empty = await client.get("/template.xlsx")
        assert empty.status_code == 200 and empty.content.startswith(b"PK")
        assert (await client.get("/example.xlsx")).content == EXAMPLE_WORKBOOK.read_bytes()
        bad = await client.post(
            "/upload", data={"csrf": csrf}, files={"workbook": ("t.xlsx", empty.content)}
        )
        assert bad.status_code == 422 and 'action="/upload"' in bad.text  # upload it again here
        french = await client.post(
            "/upload?lang=fr", data={"csrf": csrf}, files={"workbook": ("t.xlsx", empty.content)}
        )
        assert "problèmes\u00a0: rien n’a été publié" in french.text
        # the problems in the page's language; each place as the workbook names it
        assert "Mission!B3\u00a0: id\u00a0: vide\u00a0: à remplir" in french.text
        assert "Mission!B3: id: empty: fill it in" in bad.text
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        await client.post("/publish", data={"csrf": csrf, "upload": upload_id(checked.text)})
        again = await client.post("/upload", data={"csrf": csrf}, files=files)
        assert 'id="unchanged"' in again.text  # the same workbook: nothing to publish again
        assert 'action="/rollback"' not in (await client.get("/")).text
    _, out = lunch_moved(tmp_path / "two")
    async with signed_in(out) as (client, csrf):
        home = (await client.get("/")).text
    assert "makes the release of revision 1 (" in home and 'action="/rollback"' in home
    app = create_app(ConsoleConfig(out=out, secret=SECRET, public_url=URL, password=PASSWORD))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://c") as c:
        for path in ("/template.xlsx", "/invites.xlsx"):  # signed in only: the sign-in page
            signed_out = await c.get(f"{path}?lang=fr")
            assert (signed_out.status_code, signed_out.headers["location"]) == (303, "/?lang=fr")


async def test_console_takes_an_upper_case_xlsx_and_an_xlsm_and_explains_other_files(
    tmp_path: Path,
) -> None:
    """The files `backend publish` takes, refused in the words it refuses them (backend.sources)."""
    _, out = lunch_moved(tmp_path)
    xlsm = macro_enabled(EXAMPLE_WORKBOOK, tmp_path / "P.xlsm").read_bytes()
    async with signed_in(out) as (client, csrf):
        for name, data in (("P.XLSX", EXAMPLE_WORKBOOK.read_bytes()), ("P.xlsm", xlsm)):
            taken = await client.post(
                "/upload", data={"csrf": csrf}, files={"workbook": (name, data)}
            )
            assert taken.status_code == 200 and f"Workbook: {name}" in taken.text, taken.text
            assert "What will change" in taken.text
        said = {}
        for lang, name in (("nl", "P.xls"), ("fr", "P.ods"), ("en", "P.xlsb"), ("nl", "P.csv")):
            refused = await client.post(
                f"/upload?lang={lang}", data={"csrf": csrf}, files={"workbook": (name, b"x")}
            )
            assert refused.status_code == 400
            said[name] = html.unescape(refused.text)
        stale = await client.post("/rollback?lang=fr", data={"csrf": "an old page's"})
    assert (
        "P.xls: is een ouder of binair Excel-bestand, geen Excel-werkmap (.xlsx)" in said["P.xls"]
    )
    assert "P.ods\u00a0: est une feuille de calcul LibreOffice (.ods)" in said["P.ods"]
    assert "Excel 2007-365 (.xlsx)\u00a0; puis utilisez ce fichier" in said["P.ods"]
    assert (
        "P.xlsb: is an older or binary Excel file, not an Excel workbook (.xlsx)" in said["P.xlsb"]
    )
    assert "P.csv: is geen Excel-werkmap (.xlsx): kiest u in Excel Bestand" in said["P.csv"]
    assert (
        stale.status_code == 403
        and "Le formulaire" in stale.text
        and "<!doctype html>" in stale.text
    )
    assert [e.revision for e in history(out)] == [1, 2]


def _half_over_the_example(tmp_path: Path) -> tuple[Path, dict[str, tuple[str, bytes]]]:
    """The example live, and the upload of a workbook that drops most of its programme."""
    source = copy_example(tmp_path)
    drop_unreferenced_activities(source)  # more than half of the programme
    write_workbook(tmp_path / "half.xlsx", source)
    out = tmp_path / "feed"
    publish(EXAMPLE_WORKBOOK, out, SECRET, URL)
    return out, {"workbook": ("half.xlsx", (tmp_path / "half.xlsx").read_bytes())}


async def test_console_refusal_points_at_its_checkbox_not_the_command_line(tmp_path: Path) -> None:
    out, files = _half_over_the_example(tmp_path)
    async with signed_in(out) as (client, csrf):
        refused = (await client.post("/upload", data={"csrf": csrf}, files=files)).text
    assert "tick “I have checked: publish anyway” and publish." in html.unescape(refused)
    assert "--force" not in refused and 'name="force"' in refused
    # it reads only workbooks: the CSV file the command line also names is no help here
    assert "Was the Activities sheet saved half-empty" in refused
    assert "activities.csv" not in refused


async def test_console_empty_workbook_is_the_running_versions_never_a_file_left_on_disk(
    tmp_path: Path,
) -> None:
    """A template an earlier version of the console left beside the uploads (before an upgrade
    changed its sheets or lists) is never what an organiser downloads."""
    out = tmp_path / "feed"
    config = ConsoleConfig(out=out, secret=SECRET, public_url=URL, password=PASSWORD)
    config.uploads.mkdir(parents=True)
    (config.uploads / "mission-template.xlsx").write_bytes(b"PK an earlier version's template")
    write_workbook(tmp_path / "now.xlsx")
    async with signed_in(out) as (client, _):
        empty = await client.get("/template.xlsx")
    assert empty.status_code == 200 and empty.content == (tmp_path / "now.xlsx").read_bytes()
    assert "mission-template.xlsx" in empty.headers["content-disposition"]


async def test_console_publish_sent_twice_answers_published_both_times(tmp_path: Path) -> None:
    """A double click on Publish, or a phone that sends the form again once it went out: every
    answer says published (the second said 'Nothing was published' though it was), and it goes
    out once."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2; the example workbook moves it back
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        base = re.findall(r'name="base" value="([^"]*)"', checked.text)[0]
        form = {"csrf": csrf, "upload": upload_id(checked.text), "base": base}
        both = await asyncio.gather(*(client.post("/publish", data=form) for _ in range(2)))
        again = await client.post("/publish", data=form)
    answers = [(r.status_code, r.headers.get("location")) for r in (*both, again)]
    assert answers == [(303, "/?done=published")] * 3
    assert [e.revision for e in history(out)] == [1, 2, 3]


async def test_console_names_a_file_that_is_no_workbook_as_the_organiser_called_it(
    tmp_path: Path,
) -> None:
    """A PDF renamed .xlsx: the problem named the upload's random id ('2407igKE….xlsx'), and
    ended in Python's English ('File is not a zip file'), in French and Dutch too."""
    _, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("Programme final.xlsx", b"%PDF-1.7 not a workbook")}
        found = await client.post("/upload?lang=fr", data={"csrf": csrf}, files=files)
    assert found.status_code == 422
    problems = re.findall(r"<li>(.*?)</li>", found.text, re.S)
    assert [html.unescape(p).strip() for p in problems] == [
        "Programme final.xlsx\u00a0: ne s’ouvre pas comme classeur Excel\u00a0: dans Excel,"
        " choisissez Fichier, Enregistrer sous, et le type Classeur Excel (.xlsx)\u00a0; puis"
        " déposez ce fichier."
    ], problems
    # one problem: fix *it* ('Corrigez-les' spoke of several)
    assert "Corrigez-le dans le classeur" in html.unescape(found.text)


async def test_console_lists_the_problems_of_many_sheets_sheet_by_sheet(tmp_path: Path) -> None:
    """An empty workbook has problems in several sheets: on a phone they came as one flat list
    (51 lines for a workbook with deleted activities), where an organiser fixes a workbook
    sheet by sheet. Each sheet now has its heading with its count, in the order of the list."""
    _, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        empty = (await client.get("/template.xlsx")).content
        files = {"workbook": ("t.xlsx", empty)}
        found = await client.post("/upload?lang=nl", data={"csrf": csrf}, files=files)
    assert found.status_code == 422
    headings = re.findall(r'<h3 class="sheet">(.*?)</h3>', found.text, re.S)
    problems = [html.unescape(p) for p in re.findall(r"<li>(.*?)</li>", found.text, re.S)]
    assert len(headings) > 1, headings
    sheets = [html.unescape(h).split(" · ")[0] for h in headings]
    named = [re.split(r"[!:]", p, maxsplit=1)[0] for p in problems]  # 'Mission!B5: …'
    assert sheets == list(dict.fromkeys(named)), (sheets, problems)
    counts = [int(html.unescape(h).split(" · ")[1].split()[0]) for h in headings]
    assert sum(counts) == len(problems) and "probleem" in found.text, headings
    assert "Verbetert u de problemen in de werkmap" in found.text  # several: them


async def test_console_says_a_workbook_already_online_has_nothing_to_publish(
    tmp_path: Path,
) -> None:
    """The workbook just published, checked again, offered '3. Publish' under 'Nothing changes
    for delegates.': pressing it said 'Published.' though nothing went out."""
    _, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        first = await client.post("/upload", data={"csrf": csrf}, files=files)
        assert "3. Publish" in first.text and 'id="unchanged"' not in first.text
        base = re.search(r'name="base" value="([^"]*)"', first.text)
        assert base is not None
        form = {"csrf": csrf, "upload": upload_id(first.text), "base": base[1]}
        assert (await client.post("/publish", data=form)).status_code == 303
        again = await client.post("/upload", data={"csrf": csrf}, files=files)
        dutch = await client.post("/upload?lang=nl", data={"csrf": csrf}, files=files)
    assert "This workbook is exactly what is online now" in again.text
    assert "3. Publish" not in again.text
    assert "Deze werkmap is precies wat nu online staat" in dutch.text


async def test_console_rollback_to_a_damaged_release_says_so_and_changes_nothing(
    tmp_path: Path,
) -> None:
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    back = releases_of(out) / history(out)[0].release
    (back / "mission.json").write_bytes(b'{"mission": ')
    live = out.resolve()
    async with signed_in(out) as (client, csrf):
        refused = await roll_back(client, csrf)
        assert (refused.status_code, refused.headers["location"]) == (303, "/?done=damaged")
        home = (await client.get("/?done=damaged&lang=fr")).text
    assert "La version de la révision 1 est endommagée sur le disque" in html.unescape(home)
    assert re.search(r"Révision en ligne\W+2<", html.unescape(home))  # still revision 2
    assert out.resolve() == live and mission(out)["revision"] == 2


async def test_console_history_names_the_revision_a_rollback_restored(tmp_path: Path) -> None:
    """The history said only 'rollback' ('retour arrière', 'teruggezet') where the command line
    says 'rollback to revision 1'."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    async with signed_in(out) as (client, csrf):
        await roll_back(client, csrf)
        pages = {lang: (await client.get(f"/?lang={lang}")).text for lang in ("en", "fr", "nl")}
    assert "rollback to revision 1<" in pages["en"]
    assert "retour à la révision 1<" in html.unescape(pages["fr"])
    assert "teruggezet naar revisie 1<" in pages["nl"]


async def test_console_language_link_of_a_form_answer_shows_it_again_in_that_language(
    tmp_path: Path,
) -> None:
    """The FR link of a preview (the answer to POST /upload) was GET /upload?lang=fr: a bare
    English 'Method Not Allowed', and the preview lost."""
    _, out = lunch_moved(tmp_path)
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        kept = upload_id(checked.text)
        link = f'href="/upload?upload={kept}&amp;lang=fr"'
        assert link in checked.text, re.findall(r'<a href="[^"]*lang=fr"', checked.text)
        french = await client.get(f"/upload?upload={kept}&lang=fr")
        dutch = await client.get(f"/publish?upload={kept}&lang=nl")
        gone = await client.get("/upload?upload=no-such-upload-000000000&lang=fr")
        bare = await client.get("/publish")
        note = await client.get(gone.headers["location"])
    assert french.status_code == 200 and "Ce qui va changer" in html.unescape(french.text)
    assert upload_id(french.text) == kept and "Workbook" not in french.text
    assert dutch.status_code == 200 and upload_id(dutch.text) == kept and 'lang="nl"' in dutch.text
    assert (gone.status_code, gone.headers["location"]) == (303, "/?done=gone&lang=fr")
    assert bare.status_code == 303 and bare.headers["location"].startswith("/?done=gone")
    assert "Rien n’a été publié." in html.unescape(note.text)
    assert [e.revision for e in history(out)] == [1, 2]  # a language link never publishes


async def test_console_publish_refused_says_not_published_first_on_the_page(
    tmp_path: Path,
) -> None:
    """Publish pressed without ticking the box gave back the same long page from its top: the
    refusal sat below the list of changes, and nothing said 'not published'."""
    out, files = _half_over_the_example(tmp_path)
    async with signed_in(out) as (client, csrf):
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        assert 'id="not-published"' not in checked.text  # nothing pressed yet
        form = {"csrf": csrf, "upload": upload_id(checked.text)}
        pressed = (await client.post("/publish", data=form)).text
        french = (await client.post("/publish?lang=fr", data=form)).text
        again = (await client.get(f"/publish?upload={form['upload']}&lang=nl")).text
    first = re.search(r"<main>\s*<p ([^>]*)>(.*?)</p>", pressed, re.S)
    assert first is not None and 'id="not-published"' in first[1], pressed[:2000]
    assert html.unescape(first[2]).startswith("Not published: this would remove ")
    assert "tick “I have checked: publish anyway”" in html.unescape(first[2])
    assert "Non publié\u00a0: cela retirerait " in html.unescape(french)
    assert "Niet gepubliceerd: hiermee zouden " in html.unescape(again)  # after a language link
    assert [e.revision for e in history(out)] == [1]


async def test_console_gives_the_invites_as_an_excel_workbook_too(tmp_path: Path) -> None:
    """A Belgian Excel opens a comma-separated file as one column: the welcome pack's list is
    also a workbook, the same rows, every cell text (a name typed '=…' is never a formula)."""
    out = tmp_path / "feed"
    async with signed_in(out) as (client, csrf):
        missing = await client.get("/invites.xlsx")
        assert missing.status_code == 303  # nothing published yet: the home page says so
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        base = re.findall(r'name="base" value="([^"]*)"', checked.text)[0]
        form = {"csrf": csrf, "upload": upload_id(checked.text), "base": base}
        assert (await client.post("/publish", data=form)).status_code == 303
        assert 'href="/invites.xlsx"' in (await client.get("/?lang=en")).text
        csv_text = (await client.get("/invites.csv")).content.decode("utf-8-sig")
        pack = out.parent / f"{out.name}-invites" / "invites.csv"
        pack.write_text(csv_text.replace("Lotte Vermeulen", "=1+1"), "utf-8-sig")
        book = await client.get("/invites.xlsx")
    assert book.status_code == 200 and book.content.startswith(b"PK")
    sheet = openpyxl.load_workbook(io.BytesIO(book.content))["Invites"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    expected = list(csv.reader(io.StringIO(csv_text.replace("Lotte Vermeulen", "=1+1"))))
    assert rows == expected and len(rows) > 6
    names = [c for row in sheet.iter_rows() for c in row if c.value == "=1+1"]
    assert names and all(c.data_type == "s" for c in names)


async def test_console_rollback_gives_the_invites_of_the_release_it_brings_back(
    tmp_path: Path,
) -> None:
    """A publish that dropped a delegate by mistake, rolled back: the welcome pack's invites
    still left them out (and named the undone release's people), though their link works."""
    source, out = copy_example(tmp_path), tmp_path / "feed"
    publish(source, out, SECRET, URL)
    pack = tmp_path / "feed-invites" / "invites.csv"
    before = pack.read_bytes()
    remove_maes(source)
    bump(source, 2)
    publish(source, out, SECRET, URL, force=True)
    assert b"d-maes" not in pack.read_bytes()
    async with signed_in(out) as (client, csrf):
        back = await roll_back(client, csrf)
        assert (back.status_code, back.headers["location"]) == (303, "/?done=rolled-back")
        listed = (await client.get("/invites.csv")).content
    assert listed == pack.read_bytes() == before
    assert sorted((tmp_path / "feed-invites" / "qr").iterdir())[0].name.startswith("d-")
    assert any(p.name.startswith("d-maes-") for p in (tmp_path / "feed-invites" / "qr").iterdir())


async def test_console_form_sent_after_the_session_ended_says_so(tmp_path: Path) -> None:
    """A preview left open overnight (or the console restarted), then Publish: a bare 'Sign
    in' page, nothing said of whether it went out, nor why the organiser must sign in again."""
    _, out = lunch_moved(tmp_path)  # revisions 1 and 2
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post("/upload", data={"csrf": csrf}, files=files)
        base = re.findall(r'name="base" value="([^"]*)"', checked.text)[0]
        form = {"csrf": csrf, "upload": upload_id(checked.text), "base": base}
        client.cookies.set("console_session", "ended")
        answer = await client.post("/publish", data=form)
        french = await client.post("/publish?lang=fr", data=form)
    assert answer.status_code == 403
    assert "You were signed out" in answer.text and "nothing was published" in answer.text
    assert "Vous avez été déconnecté" in html.unescape(french.text)
    assert [e.revision for e in history(out)] == [1, 2]
