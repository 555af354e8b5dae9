"""DELEGATE_LOG and DELEGATE_PORT as the operator writes them (main.run says the refusals)."""

from __future__ import annotations

import pytest

from services.feeds import Misconfigured
from services.process_settings import log_level, port_from


def test_log_level_in_small_letters_or_unset_is_read() -> None:
    assert log_level("debug") == "DEBUG" and log_level(" Info ") == "INFO"
    assert log_level(None) == "WARNING" and log_level("") == "WARNING"


def test_port_unset_or_spaced_is_read() -> None:
    assert port_from(None) == 8550 and port_from(" 8551 ") == 8551


@pytest.mark.parametrize("value", ["eighty", "0", "70000", "-1", "85 50"])
def test_port_that_is_none_is_refused_with_the_variable(value: str) -> None:
    with pytest.raises(Misconfigured, match="DELEGATE_PORT="):
        port_from(value)
