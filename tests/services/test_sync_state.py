"""The one sentence about the data on screen, for every outcome a session can hold."""

from __future__ import annotations

import errno
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from services.i18n import Translator
from services.models import Lang
from services.sync import storage_problem
from services.sync_state import Status, SyncResult, SyncState, describe

ZONE = ZoneInfo("America/Los_Angeles")
AT = datetime(2025, 10, 7, 15, 40, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Up to date"), ("fr", "À jour"), ("nl", "Actueel")],
)
def test_describe_after_a_sign_in_says_up_to_date(lang: Lang, expected: str) -> None:
    """Settings after a sign-in: the documents were just fetched, never "not set up"."""
    tr = Translator(lang)
    sentence = describe(tr, SyncState.done(SyncResult("signed_in", AT, name="Lotte")), ZONE)
    assert sentence.startswith(expected)
    assert sentence == describe(tr, SyncState.done(SyncResult("up_to_date", AT)), ZONE)


def test_describe_the_sign_in_itself_welcomes_by_name() -> None:
    result = SyncResult("signed_in", AT, name="Lotte Vermeulen")
    sentence = describe(Translator("en"), SyncState.done(result), ZONE, sign_in=True)
    assert sentence == "Welcome, Lotte Vermeulen"


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_describe_up_to_date_and_updated_start_apart(lang: Lang) -> None:
    """NL said 'Bijgewerkt' both when nothing had come and when changes had: a sync that
    brought nothing read as if something had been updated."""
    tr = Translator(lang)
    checked = describe(tr, SyncState.done(SyncResult("up_to_date", AT)), ZONE)
    updated = describe(tr, SyncState.done(SyncResult("updated", AT, 2)), ZONE)
    assert checked.split()[0] != updated.split()[0], (checked, updated)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Updated Tue\u00a07\u00a0Oct 15:40: nothing changed on your agenda"),
        ("fr", "Mis à jour"),
        ("nl", "Bijgewerkt"),
    ],
)
def test_describe_new_data_with_nothing_for_the_person_never_says_zero_changes(
    lang: Lang, expected: str
) -> None:
    """A republish that changed only what is not on their agenda (the Programme marks it)
    said 'Updated …: 0 changes'."""
    tr = Translator(lang)
    sentence = describe(tr, SyncState.done(SyncResult("updated", AT, 0)), ZONE)
    assert sentence.startswith(expected) and " 0 " not in sentence, sentence
    assert sentence != describe(tr, SyncState.done(SyncResult("updated", AT, 1)), ZONE)


@pytest.mark.parametrize(
    ("lang", "refused", "asked"),
    [
        (
            "en",
            "This link is for another address (https://f.example/OK/), which this app",
            "This link is for another address: https://f.example/OK/. Use it?",
        ),
        (
            "nl",
            "Deze link hoort bij een ander adres (https://f.example/OK/), dat deze app",
            "Deze link hoort bij een ander adres: https://f.example/OK/. Wilt u dat gebruiken?",
        ),
        (
            "fr",
            "Ce lien mène à une autre adresse (https://f.example/OK/), que cette application",
            "Ce lien mène à une autre adresse\u202f: https://f.example/OK/. L’utiliser\u202f?",
        ),
    ],
)
def test_describe_a_link_to_another_address_of_a_server_in_use_names_the_address(
    lang: Lang, refused: str, asked: str
) -> None:
    """'another server (f.example)' named the app's own server when only the scheme or the
    path's case differed."""
    tr = Translator(lang)
    address = "https://f.example/OK/"
    other = SyncResult("other_origin", host="f.example", address=address)
    confirm = SyncResult("confirm_origin", host="f.example", address=address)
    assert describe(tr, SyncState.done(other), ZONE, sign_in=True).startswith(refused)
    assert describe(tr, SyncState.done(confirm), ZONE, sign_in=True) == asked


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Updated Tue\u00a07\u00a0Oct 15:40: a new mission was loaded"),
        ("fr", "une nouvelle mission a été chargée"),
        ("nl", "een nieuwe missie is geladen"),
    ],
)
def test_describe_an_update_to_a_new_mission_says_so(lang: Lang, expected: str) -> None:
    """A feed that moved to another mission said 'nothing changed on your agenda'."""
    tr = Translator(lang)
    moved = SyncResult("updated", AT, 0, new_mission=True)
    assert expected in describe(tr, SyncState.done(moved), ZONE)


@pytest.mark.parametrize(
    ("lang", "digits"),
    [("en", "digits 2 to 7"), ("fr", "chiffres 2 à 7"), ("nl", "cijfers 2 tot 7")],
)
def test_describe_not_a_code_says_which_digits_a_code_has(lang: Lang, digits: str) -> None:
    """'It has 26 letters and digits' was told to someone who had typed 26 letters and digits
    (a 1 or an 8 among them): a code's digits are 2 to 7 only."""
    result = SyncResult("not_a_code")
    sentence = describe(Translator(lang), SyncState.done(result), ZONE, sign_in=True)
    assert "26" in sentence and digits in sentence, sentence


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_describe_a_missing_programme_never_speaks_of_a_personal_code(lang: Lang) -> None:
    """mission.json answering 404 or 403 (a moved folder, a CDN rule) told every delegate,
    also one without a code, 'No agenda was found for your personal code'."""
    tr = Translator(lang)
    missing = SyncResult("not_found", AT, document="mission.json")
    withdrawn = SyncResult("not_found", AT, document="personal agenda")
    programme = describe(tr, SyncState.done(missing), ZONE)
    personal = describe(tr, SyncState.done(withdrawn), ZONE)
    assert programme != personal
    assert {"en": "programme", "fr": "programme", "nl": "programma"}[lang] in programme
    assert {"en": "code", "fr": "code", "nl": "code"}[lang] not in programme


@pytest.mark.parametrize(
    ("lang", "withdrawn", "since"),
    [
        (
            "en",
            "Your personal link no longer opens an agenda",
            "Showing data from Tue\u00a07\u00a0Oct",
        ),
        ("fr", "Votre lien personnel n’ouvre plus d’agenda", "Données du mar.\u00a07\u00a0oct."),
        ("nl", "Uw persoonlijke link opent geen agenda meer", "Gegevens van di\u00a07\u00a0okt"),
    ],
)
def test_describe_a_withdrawn_personal_link_says_so_and_from_when_the_agenda_is(
    lang: Lang, withdrawn: str, since: str
) -> None:
    """A delegate taken off the mission in a republish read 'No agenda was found for your
    personal code', as if they had mistyped, with nothing on how old the kept agenda was."""
    result = SyncResult("not_found", AT, document="personal agenda")
    sentence = describe(Translator(lang), SyncState.done(result), ZONE)
    assert sentence.startswith(withdrawn) and since in sentence, sentence


@pytest.mark.parametrize("status", ["invalid", "older", "storage"])
def test_describe_a_kept_copy_says_from_when_it_is(status: Status) -> None:
    """'The previous version is kept' without a time: the person could not tell whether it
    was from this morning or from last week."""
    result = SyncResult(status, AT, document="mission.json")
    sentence = describe(Translator("en"), SyncState.done(result), ZONE)
    assert sentence.endswith("Showing data from Tue\u00a07\u00a0Oct 15:40."), sentence


def test_describe_an_invalid_document_names_which_one() -> None:
    tr = Translator("en")
    programme = SyncResult("invalid", AT, document="mission.json")
    personal = SyncResult("invalid", AT, document="personal agenda")
    assert "invalid programme" in describe(tr, SyncState.done(programme), ZONE)
    assert "invalid personal agenda" in describe(tr, SyncState.done(personal), ZONE)


@pytest.mark.parametrize(
    ("lang", "since"),
    [
        ("en", "Showing data from Tue\u00a07\u00a0Oct 15:40."),
        ("fr", "Données du mar.\u00a07\u00a0oct."),
        ("nl", "Gegevens van di\u00a07\u00a0okt"),
    ],
)
def test_describe_a_sync_after_a_failed_one_still_says_from_when_the_data_is(
    lang: Lang, since: str
) -> None:
    """On a slow network a sync (with its retries) lasts minutes; all that time My agenda said
    only 'Checking for updates…' where it had said how old the data on screen was."""
    offline = SyncState.done(SyncResult("offline", AT, document="mission.json"))
    sentence = describe(Translator(lang), offline.syncing(), ZONE)
    assert sentence.startswith(describe(Translator(lang), SyncState("syncing"), ZONE))
    assert since in sentence, sentence
    fine = SyncState.done(SyncResult("up_to_date", AT)).syncing()
    assert describe(Translator(lang), fine, ZONE) == describe(
        Translator(lang), SyncState("syncing"), ZONE
    )


@pytest.mark.parametrize(
    ("lang", "typed", "said"),
    [
        ("en", "ptu2t3yaakpfu2hz7yqur1ssve", "“1” is never part of a code."),
        ("fr", "ptu2t3yaakpfu2hz7yqur8ssve", "«\u00a08\u00a0» ne fait jamais partie d’un code."),
        ("nl", "ptu2t3yaakpfu2hz7yqurssve", "U hebt 25 tekens ingevoerd."),
        ("en", "ptu2t3yaakpfu2hz7yqurssvee1", "“1” is never part of a code."),
        ("fr", "ptu2t3yaakpfu2hz7yqurssveab", "Vous avez saisi 27\u00a0caractères."),
    ],
)
def test_describe_a_mistyped_code_says_what_is_wrong_with_it(
    lang: Lang, typed: str, said: str
) -> None:
    """A code with a 1 for an l, or one character short, got the same sentence as any text:
    the delegate could not tell what to correct."""
    result = SyncResult("not_a_code", typed=typed)
    sentence = describe(Translator(lang), SyncState.done(result), ZONE, sign_in=True)
    assert sentence.endswith(said), sentence


def test_a_store_that_cannot_be_written_is_not_called_full() -> None:
    """A read-only or misconfigured data folder read 'storage full': the operator or the
    delegate freed space, and nothing changed."""
    tr = Translator("en")
    assert storage_problem(OSError(errno.EROFS, "read-only")) == ("unwritable",)
    assert storage_problem(OSError(errno.EACCES, "denied")) == ("unwritable",)
    assert storage_problem(OSError(errno.ENOSPC, "full")) == ()
    stuck = SyncResult("storage", AT, document="mission.json", problems=("unwritable",))
    full = SyncResult("storage", AT, document="mission.json")
    assert "(the storage cannot be written)" in describe(tr, SyncState.done(stuck), ZONE)
    assert "(storage full)" in describe(tr, SyncState.done(full), ZONE)
    signing_in = describe(tr, SyncState.done(replace(stuck, at=None)), ZONE, sign_in=True)
    assert signing_in == "Your agenda could not be saved: the storage cannot be written."


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "The organisers' server answered with an error (HTTP 503)."),
        ("fr", "Le serveur des organisateurs a répondu par une erreur (HTTP 503)."),
        ("nl", "De server van de organisatoren gaf een fout (HTTP 503)."),
    ],
)
def test_describe_a_sign_in_the_server_refused_with_an_error_never_blames_the_network(
    lang: Lang, said: str
) -> None:
    """A sign-in that met a 503 said 'Could not reach the organisers', as if the delegate's own
    network were at fault, where a sync that met one names the error."""
    result = SyncResult("offline", document="mission.json", problems=("HTTP 503",))
    sentence = describe(Translator(lang), SyncState.done(result), ZONE, sign_in=True)
    assert sentence.startswith(said), sentence
    unreachable = describe(Translator(lang), SyncState.done(SyncResult("offline")), ZONE, True)
    assert "503" not in unreachable and unreachable != sentence
