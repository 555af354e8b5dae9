"""The sentence that tells a person, once, that their device's clock is off and the app uses
the organisers' server's time instead (services.clock)."""

from __future__ import annotations

from datetime import timedelta

from services.clock import SKEW
from services.i18n import Translator
from services.repository import Repository


def untold(repo: Repository) -> timedelta | None:
    """The correction now() makes that the person has not dismissed yet. Told of one, they
    are told again only when it moved by SKEW or more (the clock was set again, wrongly)."""
    shift = repo.clock_correction()
    told = repo.settings.clock_told
    if shift is None or (
        told is not None and abs(shift.total_seconds() - told) < SKEW.total_seconds()
    ):
        return None
    return shift


async def dismiss(repo: Repository) -> None:
    shift = repo.clock_correction()
    if shift is not None:
        await repo.update_settings(clock_told=shift.total_seconds())


def sentence(tr: Translator, shift: timedelta) -> str:
    """'Your phone's clock is 40 min behind the organisers' server. …': `shift` is how far the
    server's time is ahead of the phone's."""
    _ = tr.gettext
    minutes = round(abs(shift.total_seconds()) / 60)
    days = round(minutes / 1440)
    if days >= 2:  # a phone reset to another date: '3 days', not '72 hours'
        amount = tr.ngettext("{n} day", "{n} days", days).format(n=days)
    else:
        amount = tr.duration(minutes)
    if shift > timedelta(0):
        said = _("Your phone's clock is {amount} behind the organisers' server.")
    else:
        said = _("Your phone's clock is {amount} ahead of the organisers' server.")
    rest = _("Times below use the server's time. Set your clock to automatic.")
    return said.format(amount=amount) + " " + rest
