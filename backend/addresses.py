"""The public and app addresses organisers pass: a web address (http or https) or a sentence."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

_WEB = ("http", "https")


def address_problem(value: str, option: str) -> str:
    """Why `value`, given as `option` (e.g. "--public-url"), cannot make the links delegates
    open, as one sentence; "" when it is a web address (https://host..., http:// too: a feed
    served on this machine or a local network)."""
    try:
        parts: SplitResult | None = urlsplit(value.strip())
        host = parts.hostname if parts else None
    except ValueError:
        parts, host = None, None
    if parts is not None and parts.scheme in _WEB and host and " " not in value:
        return ""
    if parts is None or " " in value:
        said, example = "it is not written as one", "https://feed.example.org/"
    elif parts.scheme in _WEB:
        said, example = "it names no host after https://", "https://feed.example.org/"
    elif "://" in value:
        said = f"it starts with {parts.scheme}:// instead of https://"
        example = f"https://{value.split('://', 1)[1]}"
    else:
        said, example = "it does not start with https://", f"https://{value.lstrip('/')}"
    return (
        f"{option} {value!r} is not a web address ({said}): delegates' links and QR codes "
        f"are made from it. Give the whole address, for example {example}"
    )
