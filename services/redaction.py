"""Personal tokens kept out of logs and messages: any long run of letters and digits may be one."""

from __future__ import annotations

import re

# a personal token, whatever its case and whatever slashes or dots are around it
TOKEN_LIKE = re.compile(r"[A-Za-z0-9]{12,}")


def redacted(text: str) -> str:
    """`text` with every run that may be a token written as `<token>`."""
    return TOKEN_LIKE.sub("<token>", text)
