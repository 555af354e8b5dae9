"""Fixtures the hosting tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hosting import walk


@pytest.fixture
def hosted_walk() -> Iterator[None]:
    """The hosted server's walk (which seals and shares what it draws), as the server runs it."""
    was_in = bool(walk.flets)
    assert walk.install()
    yield
    if not was_in:
        walk.uninstall()
