"""What the hosted web app says by itself the moment the phone loses its network.

The screen is drawn by the server: offline, a tap reaches nobody, and a stalled connection can
take minutes to fail. The browser knows at once (its `offline` event), so a small script of the
page (assets/web/offline-notice.js) shows these sentences, in the person's language, with a way
to the offline copy the service worker keeps (pocket agenda, safety card).
"""

from __future__ import annotations

from services.i18n import Translator
from services.models import LANGS


def offline_notice_texts() -> dict[str, dict[str, str]]:
    """{lang: {"text": …, "action": …}} for every language of the app."""
    texts: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        _ = Translator(lang).gettext
        texts[lang] = {
            "text": _("No connection: what you tap waits until it is back."),
            "action": _("Open the offline copy"),
        }
    return texts
