"""The preview of a publish over a live mission damaged by hand or by the disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend import layout
from backend.publish import publish
from backend.wording import describe, refusal
from services.i18n import Translator
from services.models import Lang
from tests.backend.published import (
    DAMAGED,
    NOW,
    UNREADABLE,
    URL,
    consistent,
    damage,
    english_plural,
    lunch_moved,
    shown,
)
from tests.backend.servers import SECRET
from tests.backend.sources import bump, copy_example, edit, read_rows, remove_maes, write_rows


@pytest.mark.parametrize("data", DAMAGED)
def test_preview_over_a_damaged_live_mission_says_so_and_the_publish_repairs_it(
    tmp_path: Path, data: bytes
) -> None:
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2
    damage(out, data)
    check = publish(source, out, SECRET, URL, check=True, now=NOW)
    assert check.preview is not None and check.preview.unreadable and check.release is None
    words = Translator("en")
    lines = describe(check.preview, words.gettext, words.ngettext)
    assert lines[0] == UNREADABLE and len(check.preview.added) == check.preview.activities
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.release is not None and report.preview is not None
    assert shown(out) == (3, "2025-10-06T15:30:00Z") and consistent(out)  # readable again
    after = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert after is not None and not after.unreadable


@pytest.mark.parametrize(
    ("lang", "start"),
    [("fr", "Le fichier mission.json en ligne est illisible"), ("nl", "Het mission.json-bestand")],
)
def test_preview_over_a_damaged_live_mission_says_so_in_the_readers_language(
    tmp_path: Path, lang: Lang, start: str
) -> None:
    source, out = lunch_moved(tmp_path)
    damage(out, b"{")
    check = publish(source, out, SECRET, URL, check=True, now=NOW)
    assert check.preview is not None
    words = Translator(lang)
    lines = describe(check.preview, words.gettext, words.ngettext)
    assert lines[0].startswith(start) and not any(line.startswith(start) for line in lines[1:])


@pytest.mark.parametrize("data", [*DAMAGED, pytest.param(None, id="deleted")])
def test_preview_over_a_damaged_live_mission_with_a_good_twin_compares_with_the_twin(
    tmp_path: Path, data: bytes | None
) -> None:
    """Phones that take gzip are served mission.json.gz, as numbering and rollback read it."""
    source, out = lunch_moved(tmp_path)  # revision 2 has the lunch in the Garden Room
    if data is None:
        (out.resolve() / "mission.json").unlink()
    else:
        damage(out, data, twin=False)
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None and not (preview.unreadable or preview.first or preview.added)
    assert [(c.id, c.fields) for c in preview.changed] == [
        ("mon-lunch", [("room (en)", "Garden Room", "Rose Room")])
    ]


def test_preview_names_mission_and_safety_changes_that_are_not_rows(tmp_path: Path) -> None:
    """A sector renamed, or the Safety sheet lost: not 'Nothing changes for delegates'."""
    source, out = lunch_moved(tmp_path)
    edit(source / "sectors.csv", "aero", name_en="Aerospace, space and defence")
    (source / "safety.csv").unlink()
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    lines = describe(preview, str, english_plural)
    assert "Mission settings changed: sectors." in lines
    assert any(line.startswith("The safety card is gone") for line in lines)
    assert "Nothing changes for delegates." not in lines


def test_preview_in_french_names_activities_sheets_and_fields_in_french(tmp_path: Path) -> None:
    source, out = lunch_moved(tmp_path)  # the lunch in the Garden Room
    edit(source / "activities.csv", "mon-lunch", room_en="Rose Room")
    edit(source / "venues.csv", "moscone-center", access_en="Enter by Fourth Street.")
    edit(source / "announcements.csv", "monday-coaches", title_en="Monday: coach at 08:00")
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    words = Translator("fr")
    lines = describe(preview, words.gettext, words.ngettext, "fr")
    changed = "Activité Déjeuner de networking (mon-lunch) modifiée — salle (anglais)\u00a0: "
    assert f"{changed}Garden Room → Rose Room" in lines
    assert "Lieux\u00a0: 0 ajout, 1 modification, 0 retrait" in lines  # was '1 modifiés'
    assert "Annonces\u00a0: 0 ajout, 1 modification, 0 retrait" in lines  # was 'modifiés'
    words = Translator("nl")
    dutch = describe(preview, words.gettext, words.ngettext, "nl")
    assert any(
        line.startswith("Activiteit ") and " gewijzigd — zaal (Engels): " in line for line in dutch
    ), dutch


def test_preview_of_a_lost_hotels_sheet_says_what_delegates_lose(tmp_path: Path) -> None:
    """Hotels are only in the delegates' own documents (their pocket pages): the preview said
    'Nothing changes for delegates.'"""
    source, out = lunch_moved(tmp_path)
    (source / "hotels.csv").unlink()
    (source / "hospitals.csv").write_text("id,name,address,city,lat,lon\n", "utf-8")  # emptied
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None and preview.hotels_lost == preview.live_delegates > 1
    lines = describe(preview, str, english_plural)
    n = preview.hotels_lost
    assert lines[0] == f"{n} delegates' agendas change."
    assert (
        f"{n} delegates lose their hotel (the Hotels sheet is missing or empty): their pocket "
        "pages no longer say where they sleep." in lines
    )
    assert any(line.startswith("The hospital list is gone") for line in lines)
    words = Translator("nl")
    dutch = describe(preview, words.gettext, words.ngettext, "nl")
    assert any(line.startswith(f"{n} delegatieleden verliezen hun hotel") for line in dutch)


def test_preview_of_a_first_publish_names_the_optional_sheets_left_empty(tmp_path: Path) -> None:
    source = copy_example(tmp_path)
    for name in ("hotels.csv", "hospitals.csv", "safety.csv"):
        (source / name).unlink()
    preview = publish(source, tmp_path / "feed", SECRET, URL, check=True, now=NOW).preview
    assert preview is not None and preview.absent == ["hotels", "hospitals", "safety"]
    lines = describe(preview, str, english_plural)
    assert lines[1].startswith("The Hotels sheet is missing or empty") and len(lines) == 4
    full = publish(copy_example(tmp_path / "full"), tmp_path / "f2", SECRET, URL, check=True)
    assert full.preview is not None and full.preview.absent == []


@pytest.mark.parametrize("data", [b"", b'{"stays": [', b"[1, 2]", b"\xff\xfe"])
def test_preview_of_a_lost_hotels_sheet_over_a_damaged_live_delegate_document_still_runs(
    tmp_path: Path, data: bytes
) -> None:
    """A delegate's live document damaged by hand or by the disk must not stop the preview
    (nor the publish that replaces it): it counts as no hotel lost."""
    source, out = lunch_moved(tmp_path)
    (source / "hotels.csv").unlink()
    token = sorted(layout.tokens(out.resolve()))[0]
    layout.where(out.resolve(), f"delegates/{token}.json").write_bytes(data)
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None and 0 < preview.hotels_lost < preview.live_delegates
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.release is not None and consistent(out)


def test_preview_of_a_moved_activity_says_its_times_in_mission_time_not_iso(
    tmp_path: Path,
) -> None:
    """An organiser reads "start: Mon 6 Oct 12:30 → 13:00", never "2025-10-06T12:30:00-07:00"."""
    source, out = lunch_moved(tmp_path)
    edit(source / "activities.csv", "mon-lunch", start="13:00", end="14:00")
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    english = describe(preview, str, english_plural)
    assert (
        "Networking lunch (mon-lunch) changed — start: Mon\u00a06\u00a0Oct 12:30 → 13:00;"
        " end: Mon\u00a06\u00a0Oct 13:30 → 14:00" in " ".join(english)
    ), english  # the start first, as people say it
    words = Translator("fr")
    french = " ".join(describe(preview, words.gettext, words.ngettext, "fr"))
    assert "fin\u00a0: lun.\u00a06\u00a0oct. 13:30 → 14:00" in french, french
    assert "T13:30:00" not in french
    assert "13:00\u00a0; fin" in french  # a French list: no-break space before the semicolon


def test_preview_names_a_logistics_change_and_a_lost_logistics_sheet(tmp_path: Path) -> None:
    """Logistics rows are keyed by their activity, not an id: a coach moved, or the sheet
    renamed and so lost, said 'Nothing changes for delegates.'"""
    source, out = lunch_moved(tmp_path)
    rows = read_rows(source / "logistics.csv")
    for row in rows:
        if row["activity"] == "sun-welcome-reception":
            row["coach_time"] = "17:45"
    write_rows(source / "logistics.csv", rows, list(rows[0]))
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    lines = describe(preview, str, english_plural)
    assert "Logistics: 0 added, 1 changed, 0 removed" in lines, lines
    assert "Nothing changes for delegates." not in lines
    (source / "logistics.csv").unlink()
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None and "logistics" in preview.emptied
    lines = describe(preview, str, english_plural)
    assert any(line.startswith("Logistics: 0 added, 0 changed, ") for line in lines), lines


def test_preview_of_a_new_revision_with_the_same_content_says_it_goes_out(tmp_path: Path) -> None:
    """Revision 5 typed over a live 2, nothing else changed: the preview said only 'Nothing
    changes for delegates.', and a new release went out as revision 5."""
    source, out = lunch_moved(tmp_path)  # revisions 1 and 2
    bump(source, 5)
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    lines = describe(preview, str, english_plural)
    assert lines == [
        "Nothing changes for delegates.",
        "Revision 5 in the mission sheet, 2 live: it goes out as a new revision with the same "
        "content.",
    ]
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.release is not None and b'"revision":5' in layout.read(out, "mission.json")


@pytest.mark.parametrize(
    ("change", "said", "lang", "translated"),
    [
        pytest.param(
            {"name": "Lotte Vermeulen-Peeters"},
            ["Delegates: 1 renamed (Lotte Vermeulen → Lotte Vermeulen-Peeters)"],
            "fr",
            "Délégués\u00a0: 1 renommé (Lotte Vermeulen → Lotte Vermeulen-Peeters)",
            id="renamed",
        ),
        pytest.param(
            {"company": "Orbyt Aerospace NV", "language": "fr"},
            [
                "Delegates: 1 company changed (Lotte Vermeulen: Orbyt Aerospace → Orbyt "
                "Aerospace NV)",
                "Delegates: 1 language changed (Lotte Vermeulen: nl → fr)",
            ],
            "nl",
            "Delegatieleden: 1 taal gewijzigd (Lotte Vermeulen: nl → fr)",
            id="company-and-language",
        ),
    ],
)
def test_preview_of_a_delegate_changed_names_them_and_what_changed(
    tmp_path: Path, change: dict[str, str], said: list[str], lang: Lang, translated: str
) -> None:
    """Lotte's new surname, company or language typed in: the preview said only "1 delegate's
    agenda changes.", and not whose, nor what changed."""
    source, out = lunch_moved(tmp_path)
    edit(source / "delegates.csv", "demo", **change)
    bump(source, 3)
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    assert describe(preview, str, english_plural) == ["1 delegate's agenda changes.", *said]
    words = Translator(lang)
    assert translated in describe(preview, words.gettext, words.ngettext, lang)


def test_preview_names_the_delegates_added_and_removed(tmp_path: Path) -> None:
    """A row deleted by mistake and one added: the preview said 'Delegates: 1 added, 1
    removed.', and not who (the removed delegate's link stops working)."""
    source, out = lunch_moved(tmp_path)
    maes = next(r["name"] for r in read_rows(source / "delegates.csv") if r["id"] == "d-maes")
    remove_maes(source)
    rows = read_rows(source / "delegates.csv")
    rows.append({**rows[0], "id": "d-new", "name": "Nadia Janssens", "sample": ""})
    write_rows(source / "delegates.csv", rows, list(rows[0]))
    bump(source, 3)
    preview = publish(source, out, SECRET, URL, check=True, now=NOW, force=True).preview
    assert preview is not None
    lines = describe(preview, str, english_plural)
    assert "Delegates: 1 added, 1 removed." in lines
    assert "Delegates added: Nadia Janssens" in lines
    assert f"Delegates removed: {maes}" in lines
    words = Translator("fr")
    french = describe(preview, words.gettext, words.ngettext, "fr")
    assert f"Délégués retirés\u00a0: {maes}" in french


def test_publish_refuses_a_registrations_sheet_saved_empty(tmp_path: Path) -> None:
    """Every row of Registrations deleted (a filter, a half-saved sheet): the preview said only
    '6 delegates' agendas change.' and the publish emptied every agenda, with no refusal."""
    source, out = lunch_moved(tmp_path)
    registrations = source / "registrations.csv"
    registrations.write_text(registrations.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    bump(source, 3)
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.release is None and report.preview is not None
    live = report.preview.registrations[0]
    assert report.refusal.startswith(
        f"Refused: this would remove {live} of the {live} registrations that are live now."
    )
    lines = describe(report.preview, str, english_plural)
    assert f"Registrations: 0 added, {live} removed." in lines
    words = Translator("nl")
    assert f"Inschrijvingen: 0 toegevoegd, {live} verwijderd." in describe(
        report.preview, words.gettext, words.ngettext, "nl"
    )
    assert publish(source, out, SECRET, URL, now=NOW, force=True).release is not None


def test_publish_refuses_a_meetings_sheet_saved_empty(tmp_path: Path) -> None:
    """meetings.csv with only its header: every B2B meeting went, counted in the preview but
    published, while an empty Registrations sheet was refused."""
    source, out = lunch_moved(tmp_path)
    meetings = source / "meetings.csv"
    count = len(read_rows(meetings))
    meetings.write_text(meetings.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    bump(source, 3)
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.release is None and report.preview is not None
    assert report.preview.live_meetings == count
    assert report.refusal.startswith(
        f"Refused: this would remove {count} of the {count} B2B meetings that are live now."
    )
    # the sheet to check, named: 'Was a sheet saved half-empty?' left the organiser to guess
    assert "Was the Meetings sheet (or meetings.csv) saved half-empty" in report.refusal
    words = Translator("fr")
    french = refusal(report.preview, 0.2, words.gettext, words.ngettext, console=True)
    assert "La feuille Meetings a-t-elle été enregistrée" in french  # the console: a workbook
    words = Translator("nl")
    said = words.gettext(
        "Refused: this would remove {gone} of the {total} B2B meetings that are live now."
    )
    assert "B2B" in said and said.startswith("Geweigerd")
    assert publish(source, out, SECRET, URL, now=NOW, force=True).release is not None


def test_publish_lets_one_b2b_meeting_go(tmp_path: Path) -> None:
    """One meeting of many cancelled: under the share the guard allows, published."""
    source, out = lunch_moved(tmp_path)
    meetings = source / "meetings.csv"
    lines = meetings.read_text("utf-8").splitlines()
    meetings.write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    bump(source, 3)
    report = publish(source, out, SECRET, URL, now=NOW)
    assert report.refusal == "" and report.release is not None


def test_preview_counts_the_b2b_meetings_a_meetings_sheet_loses(tmp_path: Path) -> None:
    """Every row of Meetings deleted: the preview said only '6 delegates' agendas change.', and
    not that every B2B meeting goes."""
    source, out = lunch_moved(tmp_path)
    meetings = source / "meetings.csv"
    count = len(read_rows(meetings))
    meetings.write_text(meetings.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    bump(source, 3)
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None
    said = describe(preview, str, english_plural)
    assert f"B2B meetings: 0 added, 0 changed, {count} removed." in said
    words = Translator("fr")
    french = describe(preview, words.gettext, words.ngettext, "fr")
    assert f"Rendez-vous B2B\u00a0: 0 ajout, 0 modification, {count} retraits." in french


def test_preview_counts_a_b2b_meeting_moved(tmp_path: Path) -> None:
    """A meeting moved to another time: the preview said only '1 delegate's agenda changes.',
    and nothing of the meeting (its id stayed, so it was neither added nor removed)."""
    source, out = lunch_moved(tmp_path)
    edit(source / "meetings.csv", "m-whitfield", start="16:30", end="17:00")
    bump(source, 3)
    preview = publish(source, out, SECRET, URL, check=True, now=NOW).preview
    assert preview is not None and preview.meetings_changed == 1
    assert "B2B meetings: 0 added, 1 changed, 0 removed." in describe(preview, str, english_plural)
    words = Translator("nl")
    dutch = describe(preview, words.gettext, words.ngettext, "nl")
    assert "B2B-gesprekken: 0 toegevoegd, 1 gewijzigd, 0 verwijderd." in dutch
