"""What a delegate pastes to sign in: their personal code, and the feed a pasted link names."""

from __future__ import annotations

import re

TOKEN = re.compile(r"^[a-z2-7]{26}$")
LINKED_FILE = re.compile(r"\.((en|fr|nl)\.html|html|json|ics)$")
# Copied out of an e-mail: invisible characters (zero-width space, soft hyphen, BOM), and the
# quotes, brackets and full stop around a code or link ("<https://…>", "(link).", "Code: …").
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
AROUND = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb<>()[]{}.,;:!?*_"  # *bold*, _underlined_
# "Code : …", "Votre lien : <https://…>" (not a link's own "https:")
LABEL = re.compile(r"^[^/]*?:\s*(?=\S*https?://|[^/]+$)")


def _pasted(text: str) -> str:
    """What was pasted, without what a mail client or a sentence put around it."""
    value = INVISIBLE.sub("", text).strip().strip(AROUND).strip()
    return LABEL.sub("", value).strip(AROUND)


def normalise_code(text: str) -> str | None:
    """A personal code from what a delegate pastes: the code, grouped or not, or their link."""
    value = typed_code(text)
    return value if TOKEN.match(value) else None


def typed_code(text: str) -> str:
    """What `normalise_code` holds up against a code's 26 characters (to say what is wrong
    with it): the text without spaces, hyphens and what was around it; a link's last part."""
    value = _pasted(text).lower()
    if "/" in value:  # a link: its feed document, calendar or pocket page (…/<code>.fr.html)
        value = value.split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        value = LINKED_FILE.sub("", value)
    # a word processor's hyphens too: non-breaking (kept on one line), en dash, minus sign
    value = re.sub("[\\s\\-\u2010-\u2015\u2212]", "", value)
    # A code read off paper: its alphabet has no digit 0, so a 0 can only be the letter o.
    return value.replace("0", "o")


def feed_url_from_link(text: str) -> str | None:
    """'https://feed.example.org/delegates/<code>.json' -> 'https://feed.example.org/'."""
    value = _pasted(text)
    if not value.lower().startswith(("http://", "https://")) or "/delegates/" not in value:
        return None
    return value.split("/delegates/", 1)[0] + "/"
