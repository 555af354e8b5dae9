"""Which feed origins this process may fetch, and one synchronizer (one HTTP client) each.

In hosted mode the operator owns the origins: `DELEGATE_FEED_URL` plus the optional
`DELEGATE_FEED_ALLOW` list. A link to any other origin is refused before any request leaves.
The native app may follow a link to another https origin once the person confirms.
Clients are bounded in number and closed when evicted or at shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Literal
from urllib.parse import urlsplit

from services.clock import Clock, system_clock
from services.feed_client import FeedClient
from services.library import Library
from services.origin import normalise_origin
from services.store import namespace_for
from services.sync import Synchronizer

Admission = Literal["allowed", "confirm", "refused"]
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def host_of(url: str) -> str:
    """The server a link names, as the sentence shows it: its normalised host (an IDN in its
    ASCII form, so a look-alike shows as what it is), or the raw text of one that cannot be
    read (a mistyped port). Never the credentials a link may carry ('user:pass@')."""
    try:
        return urlsplit(normalise_origin(url)).netloc
    except ValueError:
        return url.strip().split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]


def address_of(url: str) -> str:
    """A link's whole feed address as the sentence shows it: scheme, host and path, without
    credentials ('https://127.0.0.1:8787/OK/'), for a link to a server the app does use."""
    try:
        return normalise_origin(url)
    except ValueError:
        scheme = url.strip().split("://", 1)[0].lower()
        return f"{scheme}://{host_of(url)}"


class Misconfigured(ValueError):
    """The operator's environment names a feed address that cannot be one."""


def operator_origin(variable: str, url: str) -> str:
    """`url`, set by the operator in `variable`, as its origin; Misconfigured, naming both,
    when it is not an http(s) address of a server (a port out of range, no scheme, no host)."""
    shown = f"{variable}: {url.strip()!r} is not a feed address"
    if "://" not in url:  # 'https:feed.example.org/x' would read its host as a path
        raise Misconfigured(f"{shown}: write it in full, like https://feed.example.org/")
    try:
        origin = normalise_origin(url)
    except ValueError as error:
        raise Misconfigured(f"{shown} ({error})") from None
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Misconfigured(
            f"{shown}: write it in full, like https://feed.example.org/ "
            "(comma-separated in DELEGATE_FEED_ALLOW)"
        )
    return origin


class Feeds:
    def __init__(
        self,
        library: Library,
        configured: str | None,
        allowed: Iterable[str] = (),
        hosted: bool = True,
        clock: Clock = system_clock,
        make_client: Callable[[str], FeedClient] = FeedClient,
        limit: int = 4,
    ) -> None:
        self.library = library
        self.default = normalise_origin(configured) if configured else None
        extra = {normalise_origin(url) for url in allowed if url.strip()}
        self.allowed = extra | ({self.default} if self.default else set())
        self.hosted = hosted
        self.clock = clock
        self.make_client = make_client
        self.limit = max(limit, len(self.allowed), 1)
        self._syncers: OrderedDict[str, Synchronizer] = OrderedDict()
        self._leases: Counter[Synchronizer] = Counter()  # syncs and sign-ins in flight on each
        self._retired: set[Synchronizer] = set()  # evicted while in use: closed when done
        self._closing: set[asyncio.Task[None]] = set()

    @classmethod
    def from_environment(cls, library: Library, hosted: bool, clock: Clock) -> Feeds:
        """The operator's feed and allow-list; raises Misconfigured naming the variable when
        one of them is not a feed address."""
        configured = os.environ.get("DELEGATE_FEED_URL", "").strip() or None
        if configured:
            operator_origin("DELEGATE_FEED_URL", configured)
        allow = [u for u in os.environ.get("DELEGATE_FEED_ALLOW", "").split(",") if u.strip()]
        for url in allow:
            operator_origin("DELEGATE_FEED_ALLOW", url)
        return cls(library, configured, allow, hosted, clock)

    def admit(self, url: str, confirmed: bool = False) -> Admission:
        """May this process fetch from `url`'s origin? Decided before any request."""
        try:
            origin = normalise_origin(url)
        except ValueError:  # a port out of range, a broken IPv6 address: never fetched
            return "refused"
        if origin in self.allowed:
            return "allowed"
        if self.hosted:
            return "refused"
        parts = urlsplit(origin)
        if parts.scheme == "https" or (parts.hostname or "") in LOOPBACK:
            return "allowed" if confirmed else "confirm"
        return "refused"

    def serves(self, host: str) -> bool:
        """Is `host` (as host_of shows it) the server of an origin this process may fetch?"""
        return any(urlsplit(origin).netloc == host for origin in self.allowed)

    def origin_for(self, saved: str | None) -> str | None:
        """The origin a person's saved feed address resolves to: theirs if still admissible
        (an operator may have narrowed the list since), else the operator's default."""
        if saved and self.admit(saved, confirmed=True) == "allowed":
            return normalise_origin(saved)
        return self.default

    def syncer(self, origin: str) -> Synchronizer:
        """The one synchronizer of an admitted origin. When more than `limit` are open, the
        least recently used one leaves; its client is closed once no sync runs on it."""
        key = normalise_origin(origin)
        if key in self._syncers:
            self._syncers.move_to_end(key)
            return self._syncers[key]
        syncer = Synchronizer(self.make_client(key), self.library, namespace_for(key), self.clock)
        self._syncers[key] = syncer
        while len(self._syncers) > self.limit:
            idle = [k for k, s in self._syncers.items() if k != key and not self._leases[s]]
            evicted = self._syncers.pop(idle[0] if idle else next(iter(self._syncers)))
            if self._leases[evicted]:
                self._retired.add(evicted)  # a sync is running on it: never cut it
            else:
                self._close_later(evicted)
        return syncer

    @contextlib.asynccontextmanager
    async def using(self, origin: str) -> AsyncIterator[Synchronizer]:
        """The synchronizer of `origin`, kept open until the block ends (a sync, a sign-in),
        even if it is evicted meanwhile."""
        syncer = self.syncer(origin)
        self._leases[syncer] += 1
        try:
            yield syncer
        finally:
            self._leases[syncer] -= 1
            if not self._leases[syncer]:
                del self._leases[syncer]
                if syncer in self._retired:
                    self._retired.discard(syncer)
                    self._close_later(syncer)

    @property
    def open_clients(self) -> int:
        return len(self._syncers) + len(self._retired)

    def _close_later(self, syncer: Synchronizer) -> None:
        with contextlib.suppress(RuntimeError):  # no running loop: nothing was ever sent
            task = asyncio.get_running_loop().create_task(syncer.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        """Close every client (at shutdown), those in use included."""
        syncers = [*self._syncers.values(), *self._retired]
        self._syncers.clear()
        self._retired.clear()
        for syncer in syncers:
            await syncer.client.aclose()
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
