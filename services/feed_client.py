"""HTTP only: one conditional GET per document, with timeouts, a size cap and bounded retries.

Raises the typed errors of services.errors; never returns half a document. URLs are never
logged (a personal document's URL contains its secret token).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from services.errors import FeedInvalid, FeedNotFound, FeedUnavailable, Problem
from services.redaction import redacted

MAX_BYTES = 5 * 1024 * 1024
UNDECODABLE = "the compressed response could not be decoded"
MAX_REDIRECTS = 3
JSON_TYPES = ("application/json", "application/feed+json")


@dataclass(frozen=True)
class Fetched:
    """A 200 with its bytes and ETag, or a 304 (`data` None): the stored copy is current."""

    data: bytes | None
    etag: str | None
    date: datetime | None = None  # the server's clock (its Date header), if it sent a readable one
    midway: float = 0.0  # time.monotonic() halfway through the request: when `date` held

    @property
    def not_modified(self) -> bool:
        return self.data is None


class _NoTokens(logging.Filter):
    """httpx logs every request's URL at INFO level, and a personal URL carries the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redacted(record.getMessage()), None
        return True


logging.getLogger("httpx").addFilter(_NoTokens())
# httpcore's DEBUG trace prints response headers, a redirect's Location (with a token) included.
logging.getLogger("httpcore").setLevel(logging.INFO)


class _Retry(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FeedClient:
    def __init__(
        self,
        base_url: str,
        transport: httpx.AsyncBaseTransport | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        total_timeout: float = 30.0,
        max_bytes: int = MAX_BYTES,
        retries: int = 2,
        backoff: float = 0.5,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self.http = httpx.AsyncClient(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,  # followed by hand: never off the feed's origin
            # Only what _body can inflate with a bound (httpx would add br/zstd when installed).
            headers={"Accept": "application/json", "Accept-Encoding": "gzip, deflate"},
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    async def fetch(self, path: str, etag: str | None, label: str) -> Fetched:
        """GET base_url/path; `label` names the document in errors (never the URL)."""
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                await self.sleep(self.backoff * 2 ** (attempt - 1) * (0.5 + random.random()))
            try:
                async with asyncio.timeout(self.total_timeout):
                    return await self._once(path, etag, label)
            except _Retry as retry:
                reason = retry.reason
            except (TimeoutError, httpx.TimeoutException):
                reason = "timed out"
            except httpx.DecodingError:
                raise FeedInvalid(label, [Problem("", UNDECODABLE)]) from None
            except httpx.TransportError as exc:
                reason = f"connection failed ({type(exc).__name__})"
            except httpx.HTTPError as exc:  # e.g. a redirect loop
                reason = f"HTTP error ({type(exc).__name__})"
        raise FeedUnavailable(label, reason)

    async def _once(self, path: str, etag: str | None, label: str) -> Fetched:
        url = httpx.URL(self.base_url + path)
        for _hop in range(MAX_REDIRECTS + 1):
            fetched = await self._get(url, etag, label)
            if isinstance(fetched, Fetched):
                return fetched
            url = fetched
        raise FeedUnavailable(label, "too many redirects")

    async def _get(self, url: httpx.URL, etag: str | None, label: str) -> Fetched | httpx.URL:
        """One request: the document, or where the server redirects (same origin only: a
        personal token never travels to another host)."""
        headers = {"If-None-Match": etag} if etag else {}
        sent = time.monotonic()
        async with self.http.stream("GET", url, headers=headers) as response:
            midway = (sent + time.monotonic()) / 2  # the headers are in: the round trip's middle
            date = server_date(response.headers.get("date"))
            status = response.status_code
            if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                target = url.join(response.headers["location"])
                if (target.scheme, target.host, target.port) != (url.scheme, url.host, url.port):
                    raise FeedUnavailable(label, "redirected to another host (not followed)")
                return target
            if status == 304:
                return Fetched(None, etag, date, midway)
            if status in (401, 403, 404, 410):
                raise FeedNotFound(label, f"HTTP {status}")
            if status == 429 or status >= 500:
                raise _Retry(f"HTTP {status}")
            if status != 200:
                raise FeedUnavailable(label, f"HTTP {status}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind not in JSON_TYPES:
                problem = Problem("", f"the server sent {kind or 'no content type'}, not JSON")
                raise FeedInvalid(label, [problem])
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FeedInvalid(label, [Problem("", self._too_big())])
            body = await self._body(response, label)
            return Fetched(body, response.headers.get("etag"), date, midway)

    async def _body(self, response: httpx.Response, label: str) -> bytes:
        """The decoded body, refused past max_bytes. Inflating by hand, at most max_bytes at a
        time, keeps a gzip bomb (1 GB of zeros in 1 MB) from ever being inflated whole."""
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FeedInvalid(label, [Problem("", f"unknown content encoding {encoding!r}")])
        inflate = (
            zlib.decompressobj(32 + zlib.MAX_WBITS) if encoding not in ("", "identity") else None
        )
        body = bytearray()
        try:
            async for raw in response.aiter_raw():
                body += inflate.decompress(raw, self.max_bytes + 1 - len(body)) if inflate else raw
                if len(body) > self.max_bytes or (inflate and inflate.unconsumed_tail):
                    raise FeedInvalid(label, [Problem("", self._too_big())])
        except zlib.error:
            raise FeedInvalid(label, [Problem("", UNDECODABLE)]) from None
        if inflate is not None and not inflate.eof:  # cut short
            raise FeedInvalid(label, [Problem("", UNDECODABLE)])
        return bytes(body)

    def _too_big(self) -> str:
        return f"the document is larger than {self.max_bytes // (1024 * 1024)} MB"


def server_date(header: str | None) -> datetime | None:
    """An HTTP Date header ('Wed, 02 Dec 2026 18:40:00 GMT') as an instant; None when missing
    or unreadable (the device's clock is then left as it is)."""
    if not header:
        return None
    try:
        date = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if not 1970 <= date.year <= 2999:  # no server's clock: moved by it, 'now' could overflow
        return None
    return date if date.tzinfo is not None else date.replace(tzinfo=UTC)  # '-0000': still GMT
