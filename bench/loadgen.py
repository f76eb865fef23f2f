"""A lean HTTP/1.1 load generator: keep-alive connections driven by asyncio protocols on uvloop,
requests encoded before the clock starts, answers parsed only as far as the status line and
Content-Length. Its own CPU per request is measured and reported, so the report shows how much
of the machine the client took.
"""

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


def request(method: str, path: str, host: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def percentiles(latencies: list[float]) -> dict[str, float | None]:
    if not latencies:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    ordered = sorted(latencies)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0
    bodies: list[bytes] = field(default_factory=list)  # kept only when asked


class _Connection(asyncio.Protocol):
    """One keep-alive connection sending its requests one after another."""

    def __init__(self, work: Iterator[bytes], tally: Tally, keep: bool, done: asyncio.Future[None]) -> None:
        self.work, self.tally, self.keep, self.done = work, tally, keep, done
        self.buffer = bytearray()
        self.started = 0.0
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self._next()

    def _next(self) -> None:
        payload = next(self.work, None)
        if payload is None:
            assert self.transport is not None
            self.transport.close()
            return
        self.started = time.perf_counter()
        assert self.transport is not None
        self.transport.write(payload)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self.buffer[:end]).lower()
        length = 0
        for line in head.split(b"\r\n"):
            if line.startswith(b"content-length:"):
                length = int(line[15:])
        if len(self.buffer) < end + 4 + length:
            return
        self.tally.latencies.append(time.perf_counter() - self.started)
        self.tally.statuses[int(head[9:12])] += 1
        if self.keep:
            self.tally.bodies.append(bytes(self.buffer[end + 4 : end + 4 + length]))
        del self.buffer[: end + 4 + length]
        self._next()

    def connection_lost(self, exc: Exception | None) -> None:
        # a request sent and never answered is counted as a transport error by run()
        if not self.done.done():
            self.done.set_result(None)


async def run(
    ports: list[int],
    payloads: list[bytes],
    concurrency: int,
    *,
    keep_bodies: bool = False,
    host: str = "127.0.0.1",
) -> dict[str, Any]:
    """Sends every payload once over `concurrency` connections (spread over the ports) and
    reports throughput, latency percentiles, statuses, transport errors and client CPU."""
    loop = asyncio.get_running_loop()
    tally = Tally()
    work = iter(payloads)
    sent: Counter[int] = Counter()

    def counting() -> Iterator[bytes]:
        for payload in work:
            sent[0] += 1
            yield payload

    shared = counting()
    cpu, started = time.process_time(), time.perf_counter()
    waits = []
    for i in range(concurrency):
        done: asyncio.Future[None] = loop.create_future()
        factory: Callable[[], _Connection] = lambda d=done: _Connection(shared, tally, keep_bodies, d)  # noqa: E731
        try:
            await loop.create_connection(factory, host, ports[i % len(ports)])
        except OSError:
            tally.transport_errors += 1
            continue
        waits.append(done)
    await asyncio.gather(*waits)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    answered = len(tally.latencies)
    tally.transport_errors += sent[0] - answered
    return {
        "requests": len(payloads),
        "answered": answered,
        "seconds": round(elapsed, 3),
        "per_second": round(answered / elapsed, 1) if elapsed else None,
        **percentiles(tally.latencies),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "transport_errors": tally.transport_errors,
        "client_cpu_ms_per_request": round(cpu * 1000 / answered, 3) if answered else None,
        **({"bodies": tally.bodies} if keep_bodies else {}),
    }
