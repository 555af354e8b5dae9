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
        told = counts(ngettext, preview.delegates_added, None, preview.delegates_removed)
        lines.append(_("Delegates: {counts}.").format(counts=told))
    for names, n, label in (
        (preview.names_added, preview.delegates_added, _("Delegates added: {names}")),
        (preview.names_removed, preview.delegates_removed, _("Delegates removed: {names}")),
    ):
        if names:
            lines.append(label.format(names=_first(names, n, sep)))
    regs_added, regs_gone = preview.registrations[1:]
    if regs_added or regs_gone:
        told = counts(ngettext, regs_added, None, regs_gone)
        lines.append(_("Registrations: {counts}.").format(counts=told))
    if any(preview.meetings) or preview.meetings_changed:
        added, gone = preview.meetings
        told = counts(ngettext, added, preview.meetings_changed, gone)
        lines.append(_("B2B meetings: {counts}.").format(counts=told))
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


def counts(ngettext: Ngettext, added: int, changed: int | None, gone: int) -> str:
    """'0 added, 1 changed, 2 removed', each number with its own plural: in French as nouns,
    '0 ajout, 1 modification, 2 retraits', which agree with whatever list they count (a
    participle would be 'ajoutés' for venues and 'ajoutées' for announcements)."""
    told = [ngettext("{n} added", "{n} added", added).format(n=added)]
    if changed is not None:
        told.append(ngettext("{n} changed", "{n} changed", changed).format(n=changed))
    told.append(ngettext("{n} removed", "{n} removed", gone).format(n=gone))
    return ", ".join(told)


def _first(items: list[str], n: int, sep: str) -> str:
    """The first SHOWN of `items`, and '…' when there are more than that (`n` in all)."""
    return sep.join(items[:SHOWN] + ["…"] * (n > min(len(items), SHOWN)))
