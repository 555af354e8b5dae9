"""The token secret: a missing file is explained, with what a new secret would do."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.tokens import MissingSecret, load_secret


def test_missing_secret_file_warns_that_a_new_secret_changes_every_link(tmp_path: Path) -> None:
    """Not '[Errno 2] No such file or directory': the organiser must look for the old file
    before making a new one."""
    with pytest.raises(MissingSecret) as caught:
        load_secret(tmp_path / "secret.txt")
    text = str(caught.value)
    assert text.startswith(f"The secret file {tmp_path / 'secret.txt'} does not exist.")
    assert "a new secret gives every delegate a new link" in text
