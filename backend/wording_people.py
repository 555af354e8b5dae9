"""The preview's lines about delegates, in the reader's language: who is added or removed, by
name, and whose name, company or language changed; registrations and B2B meetings counted.

`_` and `ngettext` are gettext and ngettext of the reader's catalog (identity for the command line).
"""

from __future__ import annotations

from collections.abc import Callable

from backend.personal_changes import SHOWN
from backend.preview import Preview
from services.models import Lang

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def delegate_lines(preview: Preview, _: Gettext, ngettext: Ngettext, lang: Lang) -> list[str]:
    """By name, so that a row deleted or retyped by mistake is seen before it goes out (a
    removed delegate's link stops working); each list names the first SHOWN, then '…'."""
    sep, colon = ("\u00a0; ", "\u00a0: ") if lang == "fr" else ("; ", ": ")  # French: no-break
    lines = []
    if preview.delegates_added or preview.delegates_removed:
        lines.append(
            _("Delegates: {added} added, {gone} removed.").format(
                added=preview.delegates_added, gone=preview.delegates_removed
            )
        )
    for names, n, label in (
        (preview.names_added, preview.delegates_added, _("Delegates added: {names}")),
        (preview.names_removed, preview.delegates_removed, _("Delegates removed: {names}")),
    ):
        if names:
            lines.append(label.format(names=_first(names, n, sep)))
    regs_added, regs_gone = preview.registrations[1:]
    if regs_added or regs_gone:
        lines.append(
            _("Registrations: {added} added, {gone} removed.").format(
                added=regs_added, gone=regs_gone
            )
        )
    if any(preview.meetings) or preview.meetings_changed:
        lines.append(
            _("B2B meetings: {added} added, {changed} changed, {gone} removed.").format(
                added=preview.meetings[0],
                changed=preview.meetings_changed,
                gone=preview.meetings[1],
            )
        )
    if preview.renamed:
        n = len(preview.renamed)
        shown = [f"{before} → {after}" for before, after in preview.renamed]
        text = ngettext("Delegates: {n} renamed ({names})", "Delegates: {n} renamed ({names})", n)
        lines.append(text.format(n=n, names=_first(shown, n, sep)))
    for key in ("company", "language"):
        found = [f"{who}{colon}{a} → {b}" for k, who, a, b in preview.edited if k == key]
        if not found:
            continue
        if key == "company":
            text = ngettext(
                "Delegates: {n} company changed ({names})",
                "Delegates: {n} companies changed ({names})", len(found),
            )  # fmt: skip
        else:
            text = ngettext(
                "Delegates: {n} language changed ({names})",
                "Delegates: {n} languages changed ({names})", len(found),
            )  # fmt: skip
        lines.append(text.format(n=len(found), names=_first(found, len(found), sep)))
    return lines


def _first(items: list[str], n: int, sep: str) -> str:
    """The first SHOWN of `items`, and '…' when there are more than that (`n` in all)."""
    return sep.join(items[:SHOWN] + ["…"] * (n > min(len(items), SHOWN)))
