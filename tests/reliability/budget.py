"""How hard the reliability suites push: a quick pass in `make test`, a long run on demand.

DELEGATE_LONG=1 .venv/bin/python -m pytest tests/reliability -p no:cacheprovider
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG = os.environ.get("DELEGATE_LONG", "") not in ("", "0")


def scaled(quick: int, long: int) -> int:
    """`quick` examples/iterations in `make test`, `long` with DELEGATE_LONG=1."""
    return long if LONG else quick


def fuzz_settings(quick: int, long: int) -> settings:
    """Reproducible in CI (derandomized, no example database on disk); fresh seeds when long."""
    return settings(
        max_examples=scaled(quick, long),
        derandomize=not LONG,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
