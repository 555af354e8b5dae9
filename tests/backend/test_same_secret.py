"""A publish, check or console preview with another secret file than the live release's is
refused, --force or not: every delegate's link and QR code already sent would stop working."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from backend.__main__ import main
from backend.commands import EXAMPLE_WORKBOOK
from backend.publish import publish
from backend.releases import history, live, releases_of
from backend.same_secret import SECRET as FINGERPRINT
from backend.wording import describe
from services.i18n import Translator
from tests.backend.console_client import signed_in
from tests.backend.published import URL
from tests.backend.servers import EXAMPLE, SECRET

OTHER = b"another-secret-not-for-production-987654"
REFUSED = "the secret file is not the one the live release was published with"


def _published(tmp_path: Path, secret: bytes = SECRET) -> Path:
    out = tmp_path / "feed"
    assert not publish(EXAMPLE, out, secret, URL, tmp_path / "invites").errors
    return out


def test_preview_with_another_secret_refused_even_forced(tmp_path: Path) -> None:
    out = _published(tmp_path)
    live_before = live(out)
    for force in (False, True):
        report = publish(EXAMPLE, out, OTHER, URL, tmp_path / "invites", force=force)
        assert report.preview is not None and report.preview.other_secret
        assert REFUSED in report.refusal and "half-empty" not in report.refusal
        assert report.release is None and live(out) == live_before
    words = Translator("en")
    assert report.preview is not None
    lines = describe(report.preview, words.gettext, words.ngettext)
    assert not any("agenda" in line or line.startswith("Delegates:") for line in lines), lines


def test_preview_with_the_same_secret_or_a_new_one_asked_for_goes_out(tmp_path: Path) -> None:
    out = _published(tmp_path)
    same = publish(EXAMPLE, out, SECRET, URL, tmp_path / "invites", check=True)
    assert same.preview is not None and not same.preview.other_secret and not same.refusal
    asked = publish(EXAMPLE, out, OTHER, URL, tmp_path / "invites", force=True, new_secret=True)
    assert not asked.refusal and asked.release is not None and len(history(out)) == 2
    back = publish(EXAMPLE, out, SECRET, URL, tmp_path / "invites", check=True)
    assert back.preview is not None and back.preview.other_secret  # the new one is kept now


def test_preview_over_a_release_without_fingerprint_is_as_before(tmp_path: Path) -> None:
    out = _published(tmp_path)
    release = live(out)
    assert release is not None
    memo = releases_of(out) / f"{release.name}.memo.json"
    kept = json.loads(memo.read_bytes())
    assert FINGERPRINT in kept and OTHER.decode() not in memo.read_text()  # never the secret
    memo.write_text(json.dumps({k: v for k, v in kept.items() if k != FINGERPRINT}))
    report = publish(EXAMPLE, out, OTHER, URL, tmp_path / "invites", check=True)
    assert report.preview is not None and not report.preview.other_secret
    assert REFUSED not in report.refusal  # an older release: the guard's counts, as before


def _cli(tmp_path: Path, secret: bytes, *extra: str) -> int:
    file = tmp_path / "secret.txt"
    file.write_bytes(secret)
    where = [str(tmp_path / "feed"), "--invites", str(tmp_path / "invites")]
    return main(
        ["publish", str(EXAMPLE), *where, "--secret", str(file), "--public-url", URL, *extra]
    )


@pytest.mark.parametrize("extra", [["--check"], [], ["--force"]])
def test_cli_publish_with_another_secret_refused_even_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    assert _cli(tmp_path, SECRET) == 0
    capsys.readouterr()
    assert _cli(tmp_path, OTHER, *extra) == 1
    said = capsys.readouterr()
    assert REFUSED in said.err and "--new-secret" in said.err and "half-empty" not in said.err
    assert "added" not in said.out and len(history(tmp_path / "feed")) == 1


def test_cli_publish_with_new_secret_asked_for_goes_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(tmp_path, SECRET) == 0
    assert _cli(tmp_path, OTHER, "--new-secret", "--force") == 0
    assert len(history(tmp_path / "feed")) == 2


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", REFUSED), ("fr", "n’est pas celui"), ("nl", "is niet het bestand waarmee")],
)
async def test_console_with_another_secret_refuses_even_forced_in_the_readers_language(
    tmp_path: Path, lang: str, said: str
) -> None:
    out = _published(tmp_path, OTHER)
    async with signed_in(out) as (client, csrf):
        files = {"workbook": ("mission.xlsx", EXAMPLE_WORKBOOK.read_bytes())}
        checked = await client.post(f"/upload?lang={lang}", data={"csrf": csrf}, files=files)
        assert said in html.unescape(checked.text)
        # no box to tick, no Publish button: nothing on the page can publish over it
        assert 'name="force"' not in checked.text and 'action="/publish"' not in checked.text
        kept = re.search(r"upload=([^&\"]+)", checked.text)  # in its language links
        assert kept is not None
        form = {"csrf": csrf, "upload": kept.group(1), "force": "yes"}  # sent by hand
        forced = await client.post(f"/publish?lang={lang}", data=form)
        assert said in html.unescape(forced.text)
    assert len(history(out)) == 1
