"""The screen registry: route name -> the module that builds it."""

from __future__ import annotations

from views import agenda
from views.shell import ScreenBuilder

SCREENS: dict[str, ScreenBuilder] = {
    "agenda": agenda.build,
}
