"""Languages: gettext for the interface, babel for dates, times, numbers; content fallback.

One `Translator` per person (in web mode many people share one process, so never a global).
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from services.models import LANGS, Lang

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
BABEL_LOCALE: dict[Lang, str] = {"en": "en_GB", "fr": "fr_BE", "nl": "nl_BE"}
LANGUAGE_NAMES: dict[Lang, str] = {"en": "English", "fr": "Français", "nl": "Nederlands"}
BRUSSELS = ZoneInfo("Europe/Brussels")


def pick_language(preferred: Iterable[str]) -> Lang:
    """First of the device's or browser's locales that we speak ('nl-BE' -> 'nl'); else English."""
    for tag in preferred:
        code = tag.replace("_", "-").split("-")[0].lower()
        for lang in LANGS:
            if code == lang:
                return lang
    return "en"


@dataclass(frozen=True)
class Localized:
    """Feed text in the reader's language, or a fallback marked with the language it is in."""

    text: str
    fallback: Lang | None = None


def localize(text: Mapping[Lang, str], lang: Lang) -> Localized:
    """Requested language, then English, then any; `fallback` says when it is not `lang`."""
    if text.get(lang):
        return Localized(text[lang])
    for other in ("en", *LANGS):
        if text.get(other):
            return Localized(text[other], other)
    return Localized("")


@cache
def catalog(lang: Lang, localedir: Path = LOCALES) -> gettext.NullTranslations:
    """The compiled catalog, or one compiled in memory from the .po when the .mo is missing or
    older (a fresh checkout, or a phone bundle built without `make i18n`)."""
    po = localedir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        messages = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# A publish formats the same few hundred days and times thousands of times. Only values that
# compare by what they show are keys: naive wall-clock times and plain dates (two aware
# datetimes at the same instant in other zones are equal, and would share an entry).
@lru_cache(maxsize=8192)
def _clock(wall: datetime, locale: str) -> str:
    return str(format_time(wall, "HH:mm", locale=locale))


_DAY_FIELD = re.compile(r"(?<![d'])d(?![d'])")  # a lone `d` (the day), outside quotes


def dated(value: date, pattern: str, locale: str) -> str:
    """`format_date`, and in French the first of the month as '1er': 'mercredi 1er octobre'
    (CLDR has no ordinal day). `pattern` has one lone `d` and no quoted text."""
    if value.day == 1 and locale.startswith("fr"):
        pattern = _DAY_FIELD.sub("d'er'", pattern, count=1)
    return str(format_date(value, pattern, locale=locale))


@lru_cache(maxsize=1024)
def _day(value: date, locale: str) -> str:
    return dated(value, "EEEE d MMMM", locale)


@lru_cache(maxsize=1024)
def _weekday(value: date, locale: str) -> str:
    return str(format_date(value, "EEE", locale=locale)).rstrip(".")


class Translator:
    """Interface strings and formats for one language."""

    def __init__(self, lang: Lang, localedir: Path = LOCALES) -> None:
        self.lang: Lang = lang
        self.locale = BABEL_LOCALE[lang]
        self._catalog = catalog(lang, localedir)

    def language_name(self, code: str) -> str:
        """'Engels', 'anglais', 'English': a language named in the reader's language."""
        return str(Locale.parse(self.locale).languages.get(code, code))

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def label(self, label: str) -> str:
        """'Room:', 'Salle :': a label before its value, punctuated the language's way."""
        return self.gettext("{label}:").format(label=label)

    def labelled(self, label: str, value: str) -> str:
        """'Los Angeles: Thursday 9 October', 'Los Angeles : jeudi 9 octobre'."""
        return self.gettext("{label}: {value}").format(label=label, value=value)

    def text(self, value: Mapping[Lang, str]) -> Localized:
        return localize(value, self.lang)

    def day(self, value: date) -> str:
        """'zondag 5 oktober', 'dimanche 5 octobre', 'Sunday 5 October'."""
        if type(value) is not date:
            return dated(value, "EEEE d MMMM", self.locale)
        return _day(value, self.locale)

    def date_range(self, first: date, last: date) -> str:
        """'5–10 October 2025', '5–10 octobre 2025', '5–10 oktober 2025': a span with its year."""
        end = dated(last, "d MMMM y", self.locale)
        if (first.year, first.month) == (last.year, last.month):
            return f"{dated(first, 'd', self.locale)}–{end}"
        return f"{dated(first, 'd MMMM', self.locale)} – {end}"

    def short_day(self, value: date) -> tuple[str, str]:
        """('zo', '5') for a day strip."""
        if type(value) is not date:
            value = date(value.year, value.month, value.day)
        return _weekday(value, self.locale), str(value.day)

    def short_date(self, value: date) -> str:
        """'wo 8 okt' with no-break spaces: a day beside a time never wraps inside itself."""
        return dated(value, "EEE d MMM", self.locale).replace(" ", "\u00a0")

    def time(self, value: datetime, zone: tzinfo) -> str:
        return _clock(value.astimezone(zone).replace(tzinfo=None), self.locale)

    def moment(self, value: datetime, zone: tzinfo) -> str:
        """'wo 8 okt 07:15': a point in time for status lines; the day never wraps inside
        itself (a French status line broke '7' / 'oct. 19:05')."""
        local = value.astimezone(zone)
        return f"{self.short_date(local)} {self.time(local, zone)}"

    def time_range(self, start: datetime, end: datetime, zone: ZoneInfo) -> str:
        """'14:00–15:30'; past midnight it names the day it ends: '22:30–00:30 (Wed 8 Oct)'."""
        span = f"{self.time(start, zone)}–{self.time(end, zone)}"
        last = (end.astimezone(zone) - timedelta(microseconds=1)).date()  # 00:00 ends the day
        if last <= start.astimezone(zone).date():
            return span
        return f"{span} ({self.short_date(last)})"

    def in_minutes(self, minutes: int) -> str:
        """'in 25 min', 'over 25 min', 'dans 25 min'; past 90 minutes hours and minutes, each
        with its unit ('over 1 u 44 min', 'dans 1 h 44 min'), or whole hours ('over 2 uur')."""
        if minutes < 90:
            return self.gettext("in {minutes} min").format(minutes=minutes)
        hours, rest = divmod(minutes, 60)
        if hours >= 24:  # nearest whole day; a half day over rounds down, as minutes round up
            days = (minutes + 719) // 1440
            return self.ngettext("in {n} day", "in {n} days", days).format(n=days)
        if rest == 0:
            return self.ngettext("in {n} hour", "in {n} hours", hours).format(n=hours)
        # both units named: 'over 1 u 44 min' (a bare 'over 1 u 44' reads as a clock time)
        return self.gettext("in {hours} h {minutes} min").format(hours=hours, minutes=rest)

    def duration(self, minutes: int) -> str:
        """How long a trip takes: '25 min'; from an hour on hours and minutes, each with its
        unit ('1 h 33 min', '1 u 33 min'), or whole hours ('2 hours', '2 uur')."""
        if minutes < 60:
            return self.gettext("{minutes} min").format(minutes=minutes)
        hours, rest = divmod(minutes, 60)
        if rest == 0:
            return self.ngettext("{n} hour", "{n} hours", hours).format(n=hours)
        return self.gettext("{hours} h {minutes} min").format(hours=hours, minutes=rest)

    def distance(self, km: float) -> str:
        if km < 1:
            return f"{round(km * 1000, -1):.0f} m"
        return f"{_decimal(km, self.locale)} km"

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)


@lru_cache(maxsize=4096)
def _decimal(value: float, locale: str) -> str:
    """One decimal, grouped the locale's way (distances: the same few on every pocket page)."""
    return str(format_decimal(value, "#,##0.0", locale=locale))


def in_zone(tr: Translator, text: str, zone: ZoneInfo, home: str) -> str:
    """A time shown outside the mission's zone (`home`) says so: '16:30–17:45 Brussels time'."""
    if zone.key == home:
        return text
    if zone.key == BRUSSELS.key:
        return tr.gettext("{time} Brussels time").format(time=text)
    return f"{text} ({zone.key})"
