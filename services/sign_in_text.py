"""What a sign-in says: welcome, or why the code or link was not taken (services.sync_state
says the rest, and the data's age)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.i18n import Translator

if TYPE_CHECKING:
    from services.sync_state import SyncResult


def _not_a_code(tr: Translator, typed: str) -> str:
    """What a code is, then what is wrong with the one typed: a character no code has (a 1
    for an l, an 8 for a B), or how many characters came."""
    _ = tr.gettext
    text = _("That is not a personal code: it has 26 characters, letters and the digits 2 to 7.")
    stray = next((c for c in typed if not ("a" <= c <= "z" or "2" <= c <= "7")), None)
    if stray is not None:
        return text + " " + _("“{character}” is never part of a code.").format(character=stray)
    if typed:
        counted = tr.ngettext(
            "You entered {n} character.", "You entered {n} characters.", len(typed)
        )
        return text + " " + counted.format(n=len(typed))
    return text


def sign_in_sentence(tr: Translator, result: SyncResult) -> str:
    """What a sign-in says of itself; "" when it failed as a sync does (said as after one)."""
    _ = tr.gettext
    if result.document == "mission.json" and result.status in ("not_found", "invalid"):
        return ""  # the programme failed, not the code: said as after a sync
    if result.status == "offline" and result.problems:  # it answered: the network is not at fault
        return _(
            "The organisers' server answered with an error ({error}). You will be signed in as "
            "soon as it answers."
        ).format(error=result.problems[0])
    if result.address and result.status == "other_origin":
        return _(
            "This link is for another address ({address}), which this app does not use. "
            "Please use the link from your welcome e-mail."
        ).format(address=result.address)
    if result.address and result.status == "confirm_origin":
        return _("This link is for another address: {address}. Use it?").format(
            address=result.address
        )
    messages = {
        "not_a_code": _not_a_code(tr, result.typed),
        "no_feed": _("Updates are not set up, so the code cannot be checked."),
        "not_found": _("No agenda was found for this code. Please check it."),
        "offline": _(
            "Could not reach the organisers. You will be signed in as soon as they can be reached."
        ),
        "invalid": _("The server sent an invalid agenda. Please try again later."),
        "storage": _("Your agenda could not be saved: the storage cannot be written.")
        if "unwritable" in result.problems
        else _("Your agenda could not be saved: the storage is full."),
        "older": _("The server sent an older version; yours is kept."),
        "other_origin": _(
            "This link is for another server ({host}), which this app does not use. "
            "Please use the link from your welcome e-mail."
        ).format(host=result.host),
        "confirm_origin": _("This link is for another server: {host}. Use it?").format(
            host=result.host
        ),
        "signed_in": _("Welcome, {name}").format(name=result.name),
    }
    return messages.get(result.status, "")
