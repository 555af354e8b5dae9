"""Which content codings a client accepts, read from its Accept-Encoding header (RFC 9110,
section 12.5.3): shared by the app's server and the feed's, which must agree with nginx."""

from __future__ import annotations


def accepted(header: str) -> list[str]:
    """'br' and/or 'gzip' from an Accept-Encoding header, best first; q=0 refuses."""
    offered: dict[str, float] = {}
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        offered[name.strip()] = quality
    return [e for e in ("br", "gzip") if offered.get(e, offered.get("*", 0.0)) > 0]
