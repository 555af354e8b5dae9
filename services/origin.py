"""One spelling per feed origin, so that the same server is one namespace, one client and one
entry of the operator's list however a link spells it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import idna

ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
UNRESERVED = "-._~"  # with letters and digits: what percent-encoding never changes (RFC 3986)


def normalise_origin(url: str) -> str:
    """'HTTPS://Feed.Example.org.:443/%7Ex/a/../' -> 'https://feed.example.org/~x/'.

    An international host is spelled in ASCII (IDNA, as httpx sends it). Dot segments are
    resolved as a browser does ('/x/../ok/' and '/x/%2E%2E/ok/' are '/ok/'), so the origin
    that is checked is the one that is fetched. Raises ValueError for a URL that cannot be
    read (a port out of range, a broken IPv6 address or IDN)."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower().rstrip(".")
    if not host.isascii():
        host = idna.encode(host).decode("ascii")  # idna.IDNAError is a ValueError
    default = {"http": 80, "https": 443}.get(scheme)
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    host = f"[{host}]" if ":" in host else host
    path = _without_dot_segments(ESCAPE.sub(_unescaped, parts.path)).rstrip("/") + "/"
    return f"{scheme}://{host}{port}{path}"


def _unescaped(match: re.Match[str]) -> str:
    """'%6F' -> 'o'; an escape that matters ('%2F', '%20') stays, in upper case."""
    char = chr(int(match.group(1), 16))
    if char.isascii() and (char.isalnum() or char in UNRESERVED):
        return char
    return "%" + match.group(1).upper()


def _without_dot_segments(path: str) -> str:
    """'/x/../ok/./' -> '/ok/' (RFC 3986, 5.2.4): '..' never climbs above the root."""
    kept: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(kept) > 1:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    return "/".join(kept) + ("/" if path.endswith(("/.", "/..")) else "")
