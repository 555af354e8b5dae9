"""A problem's sentence in English that keeps its message id and parameters, to be said again
in the reader's language.

Like markupsafe's `Markup`, a `Said` *is* its English text (a `str`): logs, the command line
and every test that reads a problem see exactly what they saw before. The organisers' console
calls `say(text, gettext)` to render the same sentence from its catalog. Parameters are
values from the source (ids, cell contents: never translated), other `Said` sentences
(translated in turn) or `Dated` days (written in the reader's language). Message ids are
extracted by `make i18n` (keyword `said`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from babel.dates import format_date

Gettext = Callable[[str], str]


class Said(str):
    """An English sentence made from `msgid` and `params`."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, params: Mapping[str, object]) -> Said:
        self = super().__new__(cls, msgid.format_map(params))
        self.msgid = msgid
        self.params = dict(params)
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled whole (a forked worker's problems)
        return (Said, (self.msgid, self.params))

    def say(self, gettext: Gettext) -> str:
        """This sentence from `gettext`'s catalog; English when its translation does not fit."""
        values = {key: _in(value, gettext) for key, value in self.params.items()}
        try:
            return gettext(self.msgid).format_map(values)
        except (KeyError, IndexError, ValueError):  # a catalog's placeholders gone wrong
            return self.msgid.format_map(values)

    def with_params(self, change: Callable[[object], object]) -> Said:
        """The same sentence with `change` applied to each parameter."""
        return Said(self.msgid, {key: change(value) for key, value in self.params.items()})


class Dated(str):
    """A day in a sentence: 'Thu 10 Jul 2025' as it is made, 'jeu. 10 juil. 2025' when said to
    a French reader. `pattern`: a CLDR date pattern."""

    day: date
    pattern: str

    def __new__(cls, day: date, pattern: str) -> Dated:
        self = super().__new__(cls, str(format_date(day, pattern, locale="en")))
        self.day, self.pattern = day, pattern
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Dated, (self.day, self.pattern))

    def said_in(self, locale: str) -> str:
        from services.i18n import dated  # services.i18n's catalogs load on first use

        return dated(self.day, self.pattern, locale)


def said(msgid: str, /, **params: object) -> Said:
    """`said("unknown venue {id}", id="'x'")`: the English text, which remembers how it was made."""
    return Said(msgid, params)


def say(text: str, gettext: Gettext) -> str:
    """`text` in `gettext`'s language when it is a `Said`; any other text as it is."""
    return text.say(gettext) if isinstance(text, Said) else text


def _in(value: object, gettext: Gettext) -> object:
    if isinstance(value, Dated):  # in the language of the translator whose gettext this is
        locale = getattr(getattr(gettext, "__self__", None), "locale", None)
        return value.said_in(locale) if isinstance(locale, str) else value
    return value.say(gettext) if isinstance(value, Said) else value


def unknown(kind: str, ident: str) -> Said:
    """`unknown venue 'x'`: one sentence per kind of thing (French and Dutch say each its own
    way); `ident` is the id as the source spelled it, quoted."""
    match kind:
        case "venue":
            return said("unknown venue {id}", id=ident)
        case "activity":
            return said("unknown activity {id}", id=ident)
        case "sector":
            return said("unknown sector {id}", id=ident)
        case "city":
            return said("unknown city {id}", id=ident)
        case "delegate":
            return said("unknown delegate {id}", id=ident)
        case "contact":
            return said("unknown contact {id}", id=ident)
        case "company":
            return said("unknown company {id}", id=ident)
    return said("unknown {kind} {id}", kind=kind, id=ident)
