"""Shared pieces of the delegation directory screens."""

from __future__ import annotations

from views.context import Ctx


def kind_label(ctx: Ctx, kind: str) -> str:
    _ = ctx.tr.gettext
    return {
        "company": _("Company"),
        "federation": _("Federation"),
        "institution": _("Academic institution"),
        "administration": _("Administration"),
    }.get(kind, kind)
