"""The organiser command line (`python -m backend ...`), run in this process on real files:
what it refuses, and that it says what was wrong and where before writing anything."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from backend.__main__ import main
from backend.console.config import ConfigError, from_args
from tests.backend.servers import EXAMPLE


def _secret(tmp_path: Path, text: str = "s" * 40) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(text)
    return path


def _publish(tmp_path: Path, *extra: str, source: Path = EXAMPLE) -> list[str]:
    out, secret = tmp_path / "feed", _secret(tmp_path)
    invites = ["--invites", str(tmp_path / "invites")]
    return ["publish", str(source), str(out), "--secret", str(secret), *invites, *extra]


@pytest.mark.parametrize(
    ("public", "app", "named"),
    [
        ("feed.example.org", "https://app.example.org/", "--public-url 'feed.example.org'"),
        ("https://feed.example.org/", "app.example.org", "--app-url 'app.example.org'"),
        ("ftp://feed.example.org/", None, "starts with ftp://"),
        ("https://", None, "names no host"),
    ],
)
def test_cli_publish_address_without_web_scheme_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], public: str, app: str | None, named: str
) -> None:
    app_option = ["--app-url", app] if app else []
    code = main(_publish(tmp_path, "--public-url", public, *app_option))
    err = capsys.readouterr().err
    assert code == 2 and named in err and "is not a web address" in err, err
    assert not (tmp_path / "feed").exists() and not (tmp_path / "invites").exists()


def test_cli_publish_loopback_http_address_accepted(tmp_path: Path) -> None:
    assert main(_publish(tmp_path, "--public-url", "http://127.0.0.1:8787/")) == 0
    assert (tmp_path / "invites" / "invites.csv").exists()


def _console_args(tmp_path: Path, public: str, app: str | None) -> argparse.Namespace:
    password = tmp_path / "password.txt"
    password.write_text("p" * 20)
    return argparse.Namespace(
        out=str(tmp_path / "feed"), public_url=public, app_url=app, invites=None,
        secret=str(_secret(tmp_path)), password_file=str(password),
    )  # fmt: skip


def test_console_address_without_web_scheme_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=re.escape("--public-url 'feed.example.org' is not a web")
    ):
        from_args(_console_args(tmp_path, "feed.example.org", None))
    with pytest.raises(
        ConfigError, match=re.escape("--app-url 'ftp://app.example.org/' is not a web")
    ):
        from_args(_console_args(tmp_path, "https://feed.example.org/", "ftp://app.example.org/"))
    assert from_args(_console_args(tmp_path, "https://f.example.org/", None)).public_url
