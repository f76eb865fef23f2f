"""A counting proxy in front of PostgreSQL: it passes bytes through untouched and counts the
round trips clients start, i.e. simple `Query` messages and `Sync` messages (the end of an
extended-protocol exchange: parse/bind/execute of one statement, or an asyncpg pipeline).
BEGIN and COMMIT are round trips like any other. Used only in the counting passes of the
benchmark, never while throughput is measured.
"""

import asyncio
import struct
import threading

_UNTYPED = {80877103, 80877104}  # SSLRequest, GSSENCRequest: another untyped message follows


class RoundTrips:
    def __init__(self, target: dict[str, str | int]) -> None:
        self.target = target  # {"path": unix socket} or {"host": ..., "port": ...}
        self.count = 0
        self.server: asyncio.AbstractServer | None = None
        self.port = 0

    def start(self) -> int:
        """Serves from a thread of its own, so callers may block while it works."""
        ready = threading.Event()

        async def serve() -> None:
            self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
            self.port = self.server.sockets[0].getsockname()[1]
            ready.set()
            await self.server.serve_forever()

        threading.Thread(target=asyncio.run, args=(serve(),), daemon=True).start()
        ready.wait()
        return self.port

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if "path" in self.target:
            return await asyncio.open_unix_connection(str(self.target["path"]))
        return await asyncio.open_connection(str(self.target["host"]), int(self.target["port"]))

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await self._open()
        await asyncio.gather(
            self._upstream(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def _upstream(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Client -> server, message by message."""
        try:
            typed = False
            while True:
                if not typed:
                    head = await reader.readexactly(8)
                    length, code = struct.unpack("!ii", head)
                    rest = await reader.readexactly(length - 8)
                    writer.write(head + rest)
                    typed = code not in _UNTYPED
                else:
                    head = await reader.readexactly(5)
                    kind, length = head[:1], struct.unpack("!i", head[1:])[0]
                    rest = await reader.readexactly(length - 4)
                    writer.write(head + rest)
                    if kind in (b"Q", b"S"):
                        self.count += 1
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
