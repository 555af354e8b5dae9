"""The one small error tree of the feed pipeline.

    FeedError                   anything that stops a document from being refreshed
     ├── FeedUnavailable        network down, timeout, 5xx, reset, body too large: try later
     ├── FeedNotFound           404/401/403: the document (e.g. a personal code) does not exist
     └── FeedInvalid            the bytes arrived but break the contract; lists every problem

None of them ever replaces stored data: the last good copy stays.
Messages never contain a personal token; callers pass a redacted document name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One contract violation: where (a field path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class FeedError(Exception):
    """Base of every feed failure; `document` names the document without any secret."""

    def __init__(self, document: str, detail: str) -> None:
        super().__init__(f"{document}: {detail}")
        self.document = document
        self.detail = detail


class FeedUnavailable(FeedError):
    """The server could not be reached or did not deliver a whole, usable response."""


class FeedNotFound(FeedError):
    """The server says the document does not exist (unknown personal code, wrong URL)."""


class FeedInvalid(FeedError):
    """The document broke the contract. `problems` lists every violation found."""

    def __init__(self, document: str, problems: list[Problem]) -> None:
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        count = len(problems)
        super().__init__(document, f"{count} problem{'s' if count != 1 else ''}:\n{listing}")
