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
MIN_LENGTH = 16
_MAKE = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"


class MissingSecret(RuntimeError):
    """No secret configured: publishing would hand out guessable links."""


def load_secret(path: Path | None = None) -> bytes:
    """The secret from a file (argument, or $DELEGATE_TOKEN_SECRET_FILE), else the variable."""
    file = path or (Path(os.environ[SECRET_FILE_ENV]) if SECRET_FILE_ENV in os.environ else None)
    secret = _read(file) if file is not None else os.environ.get(SECRET_ENV, "").encode().strip()
    if file is not None and len(secret) < MIN_LENGTH:
        count = len(secret.decode("utf-8", "replace"))
        has = "is empty" if not count else f"has only {count} character{'s' if count != 1 else ''}"
        raise MissingSecret(
            f"The secret file {file} {has}: at least {MIN_LENGTH} random characters are needed. "
            f"For a first publish, make it once: {_MAKE} > {file}"
        )
    if len(secret) < MIN_LENGTH:
        raise MissingSecret(
            "No token secret: put at least 16 random characters in a file and pass --secret FILE "
            f"(or set {SECRET_FILE_ENV} or {SECRET_ENV}). Example: {_MAKE} > secret.txt"
        )
    return secret


def _read(file: Path) -> bytes:
    """The secret file's contents, or MissingSecret saying why it cannot be read."""
    try:
        return file.read_bytes().strip()
    except FileNotFoundError:
        raise MissingSecret(
            f"The secret file {file} does not exist. If this feed was published before, "
            "pass the same file as then: a new secret gives every delegate a new link and "
            f"their old one stops working. For a first publish, make it once: {_MAKE} > {file}"
        ) from None
    except IsADirectoryError:
        raise MissingSecret(
            f"{file} is a folder, not a file: pass --secret the file that holds the token secret"
        ) from None
    except OSError as exc:
        raise MissingSecret(
            f"The secret file {file} cannot be read ({exc.strerror or exc})."
        ) from None


@lru_cache(maxsize=65536)  # asked for every delegate by the preview, the render and the invites
def token_for(delegate_id: str, secret: bytes) -> str:
    """26 lowercase base32 characters = 128 bits; the same id and secret give the same token."""
    digest = hmac.new(secret, delegate_id.encode(), hashlib.sha256).digest()[:16]
    return base64.b32encode(digest).decode().rstrip("=").lower()
