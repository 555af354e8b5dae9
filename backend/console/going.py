"""Whether a publish this console started went out. With services.going.Going (one publish per
form), a double click on Publish, or a phone that sends the form again, gets the answer of the
publish its first send started, never "another publish is going out: nothing was published"
about its own first click."""

from __future__ import annotations

from pathlib import Path

from backend.memo import SOURCE, load_memo, source_digest
from backend.releases import live


def live_made_from(out: Path, source: Path) -> bool:
    """Whether the live release was made from `source` as it is now (its publish went out)."""
    made = load_memo(live(out)).get(SOURCE, {}).get("digest")
    return bool(made) and made == source_digest(source)
