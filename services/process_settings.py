"""The operator's settings a process reads once at start (DELEGATE_LOG, DELEGATE_PORT), checked."""

from __future__ import annotations

from services.feeds import Misconfigured

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(value: str | None) -> str:
    """DELEGATE_LOG, in any case ('debug' stopped the app with a traceback)."""
    level = (value or "WARNING").strip().upper()
    if level not in LEVELS:
        raise Misconfigured(
            f"DELEGATE_LOG={value!r} is not a log level: one of {', '.join(LEVELS)}"
        )
    return level


def port_from(value: str | None) -> int:
    """DELEGATE_PORT, or 8550."""
    text = (value or "8550").strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise Misconfigured(f"DELEGATE_PORT={value!r} is not a port: a number from 1 to 65535")
    return int(text)
