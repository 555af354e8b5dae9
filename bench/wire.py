"""A loopback TCP proxy that counts every byte in both directions: exact wire figures."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass


@dataclass
class Counts:
    connections: int = 0
    requests: int = 0
    sent: int = 0  # client -> server (requests)
    received: int = 0  # server -> client (responses)

    @property
    def total(self) -> int:
        return self.sent + self.received


class CountingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.counts = Counts()
        self.server: asyncio.Server | None = None
        self.port = 0

    async def __aenter__(self) -> CountingProxy:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    def reset(self) -> Counts:
        done, self.counts = self.counts, Counts()
        return done

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.counts.connections += 1
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)

        async def pipe(
            src: asyncio.StreamReader, dst: asyncio.StreamWriter, upstream: bool
        ) -> None:
            try:
                while data := await src.read(65536):
                    if upstream:
                        self.counts.sent += len(data)
                        self.counts.requests += data.count(b" HTTP/1.1\r\n")
                    else:
                        self.counts.received += len(data)
                    dst.write(data)
                    await dst.drain()
            except ConnectionError:
                pass
            finally:
                dst.close()

        try:
            await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))
        except asyncio.CancelledError:  # the proxy is closing
            up_writer.close()
            writer.close()
