"""The lazy error set keeps Flet's validation behaviour and stores nothing on valid controls."""

from __future__ import annotations

from collections.abc import Iterator

import flet as ft
import pytest
from flet.utils import validation

from hosting import lean


@pytest.fixture
def installed() -> Iterator[None]:
    original = validation._get_reported_validation_errors
    lean.install()
    yield
    validation._get_reported_validation_errors = original


def _check(control: ft.Control) -> None:
    control._before_update_safe()


def test_a_valid_control_carries_no_error_set(installed: None) -> None:
    text = ft.Text("Lotte Vermeulen", opacity=0.5)
    _check(text)
    assert not hasattr(text, lean.KEY)


def test_a_repeated_error_is_reported_once_and_again_after_a_valid_update(
    installed: None,
) -> None:
    text = ft.Text("Lotte Vermeulen")
    text._values["opacity"] = 2.0  # out of range, as a bad update would leave it
    with pytest.raises(ValueError, match="opacity"):
        _check(text)
    _check(text)  # the same error again: suppressed, as Flet does
    text._values["opacity"] = 1.0
    _check(text)  # valid again: the memory of the error is cleared
    assert getattr(text, lean.KEY) == set()
    text._values["opacity"] = 2.0
    with pytest.raises(ValueError, match="opacity"):
        _check(text)
