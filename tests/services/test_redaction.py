"""Personal tokens never reach a log or a message: one rule for the app, the server and publish."""

from __future__ import annotations

import subprocess
import sys

from backend.tokens import token_for
from services.redaction import redacted


def test_a_token_is_written_as_a_placeholder_wherever_it_is() -> None:
    token = token_for("demo", b"0123456789abcdef-secret")
    assert redacted(f"/delegates/{token}.json") == "/delegates/<token>.json"
    assert redacted(f"{token.upper()}.en.html missing") == "<token>.en.html missing"
    assert redacted("mission.json") == "mission.json"  # a short name stays


def test_the_organisers_command_line_does_not_load_the_apps_http_client() -> None:
    # publishing or rolling back from the command line needs no HTTP client; loading one
    # only to redact a token made every `backend publish` start ~0.2 s later
    code = "import sys, backend.__main__; print('httpx' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
