"""A preview of changes and the guard's refusal as sentences, in the reader's language.

`_` and `ngettext` are gettext and ngettext of the reader's catalog (identity for the command line).
"""

from __future__ import annotations

from datetime import UTC, datetime

from backend.preview import Change, Preview, drop
from backend.wording_people import Gettext, Ngettext, counts, delegate_lines
from services.i18n import Translator
from services.models import Lang

# The sheet each count the guard weighs comes from: a refusal names the one to check.
SHEETS = {
    "activities": "Activities",
    "registrations": "Registrations",
    "meetings": "Meetings",
    "delegates": "Delegates",
}


def refusal(
    preview: Preview, max_drop: float, _: Gettext, ngettext: Ngettext, console: bool = False
) -> str:
    """Why the publish is refused; how to override it on the command line, or in the console
    (`console`), which has a checkbox for it. Another secret than the live release's is
    refused first, and no checkbox overrides it."""
    if preview.other_secret:
        return _other_secret(_, console)
    dropped = drop(preview, max_drop)
    if dropped is None:
        return ""
    gone, total, what = dropped
    share, limit = round(100 * gone / total), round(100 * max_drop)
    if what == "activities":
        text = _("Refused: this would remove {gone} of the {total} activities that are live now.")
    elif what == "registrations":
        text = _(
            "Refused: this would remove {gone} of the {total} registrations that are live now."
        )
    elif what == "meetings":
        text = _("Refused: this would remove {gone} of the {total} B2B meetings that are live now.")
    else:
        text = _("Refused: this would remove {gone} of the {total} delegates who are live now.")
    return " ".join(
        (
            text.format(gone=gone, total=total),
            _("That is {share}%, more than the {limit}% allowed.").format(share=share, limit=limit),
            _saved_empty(what, _, console),
            _("If the removal is intended, tick “I have checked: publish anyway” and publish.")
            if console
            else _("If the removal is intended, publish again with the override (--force)."),
        )
    )


def _saved_empty(what: str, _: Gettext, console: bool) -> str:
    """Which sheet to check; on the command line, also the CSV file (the console reads only
    workbooks: 'or activities.csv' there is one more thing to puzzle over)."""
    sheet = SHEETS[what]
    if console:
        return _(
            "Was the {sheet} sheet saved half-empty, or with only its header? Check it."
        ).format(sheet=sheet)
    return _(
        "Was the {sheet} sheet (or {file}) saved half-empty, or with only its header? Check it."
    ).format(sheet=sheet, file=f"{sheet.lower()}.csv")


def not_published(preview: Preview, max_drop: float, _: Gettext) -> str:
    """The answer to Publish pressed on a refused preview, first on its page: that nothing went
    out, why, and the box to tick (at the foot of the page, below the list of changes); with
    another secret, no box: the console must start again with the live release's."""
    if preview.other_secret:
        return _other_secret(_, console=True)
    dropped = drop(preview, max_drop)
    if dropped is None:
        return ""
    gone, total, what = dropped
    if what == "activities":
        text = _("Not published: this would remove {gone} of the {total} activities that are "
                 "live now.")  # fmt: skip
    elif what == "registrations":
        text = _("Not published: this would remove {gone} of the {total} registrations that "
                 "are live now.")  # fmt: skip
    elif what == "meetings":
        text = _("Not published: this would remove {gone} of the {total} B2B meetings that "
                 "are live now.")  # fmt: skip
    else:
        text = _("Not published: this would remove {gone} of the {total} delegates who are "
                 "live now.")  # fmt: skip
    tick = _("To publish anyway, tick “I have checked: publish anyway” below the list of "
             "changes and press Publish again.")  # fmt: skip
    return f"{text.format(gone=gone, total=total)} {tick}"


def _other_secret(_: Gettext, console: bool) -> str:
    """A publish with another secret: every delegate's link would change."""
    text = _(
        "Refused: the secret file is not the one the live release was published with: every "
        "delegate's link would change, and the links and QR codes already sent would stop "
        "working. Use the same secret file."
    )
    if console:
        again = _("Start the console again with the same secret file (--secret).")
    else:
        again = _("If every delegate must get a new link, publish again with --new-secret --force.")
    return f"{text} {again}"


def describe(preview: Preview, _: Gettext, ngettext: Ngettext, lang: Lang = "en") -> list[str]:
    """One line per kind of change, plain words, activities by their title in `lang`; the first
    line sums it up (after the warning that the live mission cannot be read, when it cannot)."""
    if preview.first:
        return _absent(preview, _)
    lines = []
    sep = "\u00a0; " if lang == "fr" else "; "  # French: a no-break space before ';'
    for changes, label in (
        (preview.added, _("Added: {items}")),
        (preview.cancelled, _("Cancelled: {items}")),
        (preview.removed, _("Removed from the sheet (delegates see them as cancelled): {items}")),
    ):
        if changes:
            lines.append(label.format(items=sep.join(_name(c, lang) for c in changes)))
    tr = Translator(lang)
    for change in preview.changed:
        what = sep.join(
            _("{field}: {before} → {after}").format(field=_field(name, _, tr), **_when(a, b, tr))
            for name, a, b in change.fields
        )
        activity = _name(change, lang)  # one colon a line: "Lunch (mon-lunch) changed — room: …"
        lines.append(_("{activity} changed — {what}").format(activity=activity, what=what))
    for key, (added, changed, gone) in sorted(preview.others.items()):
        if added or changed or gone:
            told = counts(ngettext, added, changed, gone)
            lines.append(_("{section}: {counts}").format(section=_section(key, _), counts=told))
    lines += _settings(preview, _) + _losses(preview, _, ngettext)
    lines += delegate_lines(preview, _, ngettext, lang)
    summary = ngettext(
        "{n} delegate's agenda changes.", "{n} delegates' agendas change.", preview.affected
    ).format(n=preview.affected)
    # first when the live mission is unreadable: it says why every activity reads as added
    first = _unreadable(preview, _)
    if preview.other_secret:  # delegates were not compared: the refusal says why
        return [*first, *lines, *_numbers(preview, _)]
    if not lines and not preview.affected:
        return [*first, _("Nothing changes for delegates."), *_numbers(preview, _, True)]
    return [*first, summary, *lines, *_numbers(preview, _)]


def _when(before: str, after: str, tr: Translator) -> dict[str, str]:
    """A moved start or end in mission time as people write it ('Mon 6 Oct 12:30 → 13:00'),
    not as the feed stores it ('2025-10-06T12:30:00-07:00'); any other value as it is."""
    a, b = _moment(before), _moment(after)
    shown = [tr.moment(m, m.tzinfo or UTC) if m else v for m, v in ((a, before), (b, after))]
    if a and b and a.date() == b.date():  # the same day: its time alone
        shown[1] = tr.time(b, b.tzinfo or UTC)
    return {"before": shown[0], "after": shown[1]}


def _moment(value: str) -> datetime | None:
    """A timestamp, in the zone it was written in (mission time); None for any other value."""
    try:
        moment = datetime.fromisoformat(value) if "T" in value else None
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or UTC) if moment else None


def _unreadable(preview: Preview, _: Gettext) -> list[str]:
    """That the live mission could not be read, so every activity reads as added."""
    if not preview.unreadable:
        return []
    return [
        _(
            "The live mission.json cannot be read (damaged on disk or edited by hand): the "
            "programme is compared as if nothing were live, and this publish replaces it."
        )
    ]


def _numbers(preview: Preview, _: Gettext, same: bool = False) -> list[str]:
    """Why the publish goes out under another revision than the mission sheet's, if it does;
    `same`: nothing else changes, and a new revision going out as the sheet says is said too
    (phones fetch it again, and the releases list has one more)."""
    if preview.renumbered is None and same and preview.revisions is not None:
        text = _(
            "Revision {asked} in the mission sheet, {live} live: it goes out as a new "
            "revision with the same content."
        )
        live, asked = preview.revisions
        return [text.format(asked=asked, live=live)]
    if preview.renumbered is None:
        return []
    asked, live, given = preview.renumbered
    if given == live:
        text = _(
            "Revision {asked} in the mission sheet: nothing changed, so revision {given} stays."
        )
    else:
        text = _(
            "Revision {asked} in the mission sheet is not above {live}, the highest published: "
            "this publish goes out as revision {given}, so that phones take it."
        )
    return [text.format(asked=asked, live=live, given=given)]


def _section(key: str, _: Gettext) -> str:
    """A list of the mission document by the name of the sheet it comes from."""
    names = {
        "venues": _("Venues"), "contacts": _("Contacts"), "announcements": _("Announcements"),
        "logistics": _("Logistics"), "companies": _("Companies"), "hospitals": _("Hospitals"),
    }  # fmt: skip
    return names.get(key, key)


def _field(name: str, _: Gettext, tr: Translator) -> str:
    """An activity's field as its column is called, its language named ("room (French)")."""
    base, _sep, lang = name.partition(" ")
    code = lang.strip("()")
    lang = f"({tr.language_name(code)})" if code else ""
    names = {
        "title": _("title"), "description": _("description"), "room": _("room"),
        "start": _("start"), "end": _("end"), "venue_id": _("venue"), "state": _("state"),
        "kind": _("kind"), "sectors": _("sectors"), "registration": _("registration"),
        "participants": _("participants"),
    }  # fmt: skip
    return f"{names.get(base, base)} {lang}".strip()


def _settings(preview: Preview, _: Gettext) -> list[str]:
    """The Mission and Safety sheets: which settings change, or that the safety card goes."""
    lines = []
    if "mission" in preview.settings:
        fields = ", ".join(preview.settings["mission"])
        lines.append(_("Mission settings changed: {fields}.").format(fields=fields))
    if preview.settings.get("safety") == []:
        lines.append(_("The safety card is gone (the Safety sheet is missing or empty): "
                       "delegates lose its duty phone."))  # fmt: skip
    elif "safety" in preview.settings:
        fields = ", ".join(preview.settings["safety"])
        lines.append(_("Safety card changed: {fields}.").format(fields=fields))
    return lines


def _losses(preview: Preview, _: Gettext, ngettext: Ngettext) -> list[str]:
    """What delegates' pocket pages lose when an optional sheet is lost or saved empty."""
    lines = []
    if preview.hotels_lost:
        n = preview.hotels_lost
        lines.append(ngettext(
            "{n} delegate loses their hotel (the Hotels sheet is missing or empty): their pocket "
            "page no longer says where they sleep.",
            "{n} delegates lose their hotel (the Hotels sheet is missing or empty): their pocket "
            "pages no longer say where they sleep.", n,
        ).format(n=n))  # fmt: skip
    if "hospitals" in preview.emptied:
        lines.append(_("The hospital list is gone (the Hospitals sheet is missing or empty): "
                       "delegates' pocket pages lose each day's nearest hospital."))  # fmt: skip
    return lines


def _absent(preview: Preview, _: Gettext) -> list[str]:
    """A first publish, and what delegates' pocket pages will not have (an optional sheet
    missing or empty is allowed: a mission may leave hotels to the delegates)."""
    first = _("First publish: {activities} activities and {delegates} delegates.").format(
        activities=preview.activities, delegates=preview.delegates
    )
    lines = {
        "hotels": _("The Hotels sheet is missing or empty: delegates' pocket pages will not say "
                    "where they sleep."),
        "hospitals": _("The Hospitals sheet is missing or empty: delegates' pocket pages will not "
                       "name the nearest hospital."),
        "safety": _("The Safety sheet is missing or empty: delegates' pocket pages will have no "
                    "duty phone."),
    }  # fmt: skip
    return [first, *(lines[key] for key in preview.absent)]


def _name(change: Change, lang: str) -> str:
    title = change.titles.get(lang) or change.title
    return f"{title} ({change.id})" if title else change.id
