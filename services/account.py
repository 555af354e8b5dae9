"""One person's connection to the feed: sync their documents, sign in with a code or link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from services.repository import Repository
from services.sync import Synchronizer, SyncResult, feed_url_from_link, normalise_code

SignInStatus = Literal[
    "signed_in", "not_a_code", "no_feed", "not_found", "offline", "invalid", "storage"
]


@dataclass(frozen=True)
class SignIn:
    status: SignInStatus
    name: str = ""
    result: SyncResult | None = None


class Account:
    def __init__(
        self,
        repo: Repository,
        syncer: Synchronizer | None,
        make_syncer: Callable[[str], Synchronizer] | None = None,
    ) -> None:
        self.repo = repo
        self.syncer = syncer
        self.make_syncer = make_syncer

    async def sync(self) -> SyncResult:
        """Refresh this person's documents; the repository re-reads the store if anything came."""
        if self.syncer is None:
            return SyncResult("no_feed")
        result = await self.syncer.sync(self.repo.settings.personal_code)
        if result.status == "updated":
            self.repo.reload()
        return result

    async def sign_in(self, text: str) -> SignIn:
        """Check a pasted code or personal link against the feed before switching to it; a
        wrong code changes nothing."""
        code = normalise_code(text)
        if code is None:
            return SignIn("not_a_code")
        feed_url = feed_url_from_link(text)
        syncer = self.make_syncer(feed_url) if feed_url and self.make_syncer else self.syncer
        if syncer is None:
            return SignIn("no_feed")
        result = await syncer.check_code(code)
        if result.status not in ("updated", "up_to_date"):
            return SignIn(result.status, result=result)  # type: ignore[arg-type]
        await self.repo.set_personal_code(code, feed_url)
        self.syncer = syncer
        name = self.repo.delegate.delegate.name if self.repo.delegate else ""
        return SignIn("signed_in", name, result)

    async def sign_out(self) -> None:
        await self.repo.set_personal_code(None)
