"""Personal URLs carry the secret token: neither server writes it to its access log."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from backend.server import create_app, redact
from backend.tokens import token_for
from tests.backend.servers import SECRET, nginx_server, publish_example

TOKEN = token_for("demo", SECRET)


def test_redact_hides_any_token() -> None:
    assert redact(f"/delegates/{TOKEN}.json") == "/delegates/<token>.json"
    assert redact("/mission.json") == "/mission.json"


async def test_backend_access_log_has_no_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = publish_example(tmp_path)
    transport = httpx.ASGITransport(app=create_app(folder))
    with caplog.at_level(logging.INFO, logger="delegate.feed"):
        async with httpx.AsyncClient(transport=transport, base_url="http://feed") as c:
            assert (await c.get(f"/delegates/{TOKEN}.json")).status_code == 200
            assert (await c.get(f"/delegates/{'b' * 26}.json")).status_code == 404
    text = caplog.text
    assert "/delegates/<token>.json" in text and " 200 " in text and " 404 " in text
    assert TOKEN not in text and "b" * 26 not in text


def test_nginx_access_log_has_no_token(tmp_path: Path) -> None:
    folder = publish_example(tmp_path)
    log = tmp_path / "access.log"
    with nginx_server(folder, access_log=log) as url:
        assert httpx.get(f"{url}delegates/{TOKEN}.json").status_code == 200
        assert httpx.get(f"{url}delegates/{TOKEN}.ics").status_code == 200
    text = log.read_text()
    assert text.count("/delegates/<token>") == 2 and TOKEN not in text
