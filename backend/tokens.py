"""Personal tokens: 128-bit HMACs of delegate ids, stable across publishes; a new secret revokes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from functools import lru_cache
from pathlib import Path

SECRET_ENV = "DELEGATE_TOKEN_SECRET"
SECRET_FILE_ENV = "DELEGATE_TOKEN_SECRET_FILE"
TOKEN_RE = re.compile(r"^[a-z2-7]{26}$")


class MissingSecret(RuntimeError):
    """No secret configured: publishing would hand out guessable links."""


def load_secret(path: Path | None = None) -> bytes:
    """The secret from a file (argument, or $DELEGATE_TOKEN_SECRET_FILE), else the variable."""
    file = path or (Path(os.environ[SECRET_FILE_ENV]) if SECRET_FILE_ENV in os.environ else None)
    if file is not None:
        try:
            secret = file.read_bytes().strip()
        except FileNotFoundError:
            raise MissingSecret(
                f"The secret file {file} does not exist. If this feed was published before, "
                "pass the same file as then: a new secret gives every delegate a new link and "
                "their old one stops working. For a first publish, make it once: "
                f"python -c 'import secrets; print(secrets.token_urlsafe(32))' > {file}"
            ) from None
    else:
        secret = os.environ.get(SECRET_ENV, "").encode().strip()
    if len(secret) < 16:
        raise MissingSecret(
            "No token secret: put at least 16 random characters in a file and pass --secret FILE "
            f"(or set {SECRET_FILE_ENV} or {SECRET_ENV}). Example: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))' > secret.txt"
        )
    return secret


@lru_cache(maxsize=65536)  # asked for every delegate by the preview, the render and the invites
def token_for(delegate_id: str, secret: bytes) -> str:
    """26 lowercase base32 characters = 128 bits; the same id and secret give the same token."""
    digest = hmac.new(secret, delegate_id.encode(), hashlib.sha256).digest()[:16]
    return base64.b32encode(digest).decode().rstrip("=").lower()
