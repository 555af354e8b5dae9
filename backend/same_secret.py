"""Whether a publish uses the secret the live release was made with. Each release keeps a
fingerprint of its secret in its memo (an HMAC of a fixed label under it: never the secret, nor
a way back to it); another secret would give every delegate a new link."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from backend.memo import load_memo

SECRET = "__secret__"  # the memo's entry: {"fingerprint": ...}
_LABEL = b"token secret fingerprint (Delegate Companion)"


def fingerprint(secret: bytes) -> str:
    return hmac.new(secret, _LABEL, hashlib.sha256).hexdigest()


def kept_with(secret: bytes) -> dict[str, dict[str, object]]:
    """The memo entry a release made with `secret` keeps."""
    return {SECRET: {"fingerprint": fingerprint(secret)}}


def other_secret(release: Path | None, secret: bytes) -> bool:
    """Whether `release` was made with another secret than `secret`. A release that kept no
    fingerprint (made before they were kept, or its memo lost) is taken as made with it."""
    kept = load_memo(release).get(SECRET, {}).get("fingerprint")
    return isinstance(kept, str) and not hmac.compare_digest(kept, fingerprint(secret))
