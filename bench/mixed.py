"""A mixed workload: many clients at once, reads and writes, for a minute, against two `rota serve`
processes on one PostgreSQL database. It counts answers by call and status (a 5xx or a lost
connection is a failure; 503 with Retry-After is an answer) and then checks the contract's
rules on what the run left behind.

Run through `python bench/run.py --phases mixed` (or the full report)."""

import asyncio
import json
import random
import time
from collections import Counter, defaultdict
from typing import Any

import asyncpg

import loadgen

# how often each call is made (relative weights)
MIX = {
    "create": 35,
    "list_active": 15,
    "get": 10,
    "pick": 10,
    "close": 10,
    "mine": 10,
    "availability": 5,
    "teams": 5,
}


class Client:
    """One keep-alive connection making calls one after another, raw HTTP/1.1 (lean: the load
    generator's CPU would otherwise be measured along with the server's)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def call(self, method: str, path: str, token: str, body: Any = None) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        payload = json.dumps(body).encode() if body is not None else b""
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.writer.write(loadgen.request(method, path, f"127.0.0.1:{self.port}", headers, payload))
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.lower().split(b"\r\n"):
            if line.startswith(b"content-length:"):
                length = int(line[15:])
        return int(head[9:12]), await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def run(bench: Any, rota: Any, clients: int, seconds: float) -> dict[str, Any]:
    """The workload on `rota` (Processes) for the organization `bench` seeded."""
    admin = bench.login_admin(rota.ports[0])
    manual, pickers = await bench.manual_team(rota.ports[0], 10)
    contacts = await bench.contacts(clients * int(seconds) * 4)
    routed = bench.team_ids
    statuses: dict[str, Counter[int]] = defaultdict(Counter)
    latencies: list[float] = []
    lost = Counter()
    created: list[str] = []
    mine: dict[str, list[str]] = defaultdict(list)  # picker token -> transfers they hold
    deadline = time.monotonic() + seconds
    rng = random.Random(7)
    ops, weights = list(MIX), list(MIX.values())
    contact_iter = iter(contacts)

    async def one(n: int) -> None:
        client = Client(rota.ports[n % len(rota.ports)])
        _agent_id, agent_token = pickers[n % len(pickers)]
        while time.monotonic() < deadline:
            op = rng.choices(ops, weights)[0]
            started = time.perf_counter()
            try:
                if op == "create":
                    status, body = await client.call(
                        "POST",
                        "/api/chatbot/transfers",
                        admin,
                        {"contact_id": next(contact_iter), "team_id": rng.choice([*routed, manual])},
                    )
                    if status == 201:
                        created.append(json.loads(body)["data"]["transfer"]["id"])
                elif op == "list_active":
                    status, _ = await client.call("GET", "/api/chatbot/transfers?status=active", admin)
                elif op == "get" and created:
                    status, _ = await client.call(
                        "GET", f"/api/chatbot/transfers/{rng.choice(created)}", admin
                    )
                elif op == "pick":
                    status, body = await client.call(
                        "POST", f"/api/chatbot/transfers/pick?team_id={manual}", agent_token
                    )
                    picked = json.loads(body)["data"]["transfer"] if status == 200 else None
                    if picked:
                        mine[agent_token].append(picked["id"])
                elif op == "close" and mine[agent_token]:
                    status, _ = await client.call(
                        "PUT", f"/api/chatbot/transfers/{mine[agent_token].pop()}/close", agent_token
                    )
                elif op == "mine":
                    status, _ = await client.call(
                        "GET", "/api/chatbot/transfers?mine=true&status=active", agent_token
                    )
                elif op == "availability":
                    status, _ = await client.call(
                        "PUT", "/api/me/availability", agent_token, {"is_available": rng.random() < 0.7}
                    )
                else:
                    op = "teams"
                    status, _ = await client.call("GET", "/api/teams", admin)
            except (OSError, asyncio.IncompleteReadError) as exc:
                lost[type(exc).__name__] += 1
                client.close()
                continue
            latencies.append(time.perf_counter() - started)
            statuses[op][status] += 1
        client.close()

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    calls = sum(sum(c.values()) for c in statuses.values())
    return {
        "clients": clients,
        "processes": len(rota.ports),
        "seconds": round(elapsed, 1),
        "calls": calls,
        "per_second": round(calls / elapsed, 1),
        **loadgen.percentiles(latencies),
        "statuses": {op: {str(k): v for k, v in sorted(c.items())} for op, c in sorted(statuses.items())},
        "transport_errors": dict(lost),
        "failures": sum(v for c in statuses.values() for k, v in c.items() if k >= 500 and k != 503)
        + sum(lost.values()),
    }


async def invariants(dsn: str) -> dict[str, Any]:
    """The contract's rules on everything in the database after the run."""
    conn = await asyncpg.connect(dsn)
    try:
        problems = []
        if await conn.fetchval(
            "SELECT count(*) FROM (SELECT contact_id FROM transfers WHERE status = 'active' "
            "GROUP BY contact_id HAVING count(*) > 1) x"
        ):
            problems.append("a contact with two active transfers")
        if await conn.fetchval(
            "SELECT count(*) FROM users u WHERE u.active_transfers <> (SELECT count(*) "
            "FROM transfers t WHERE t.agent_id = u.id AND t.status = 'active')"
        ):
            problems.append("an agent whose kept load differs from their transfers")
        if await conn.fetchval(
            "SELECT count(*) FROM users u JOIN organizations o ON o.id = u.organization_id WHERE "
            "coalesce(u.max_active_transfers, o.default_max_active_transfers) < u.active_transfers"
        ):
            problems.append("an agent over capacity")
        waiting_auto = await conn.fetchval(
            "SELECT count(*) FROM transfers t JOIN teams m ON m.id = t.team_id WHERE t.status = 'active' AND "
            "t.agent_id IS NULL AND m.assignment_strategy <> 'manual' AND EXISTS (SELECT 1 FROM team_members tm "
            "JOIN users u ON u.id = tm.user_id WHERE tm.team_id = m.id AND tm.role = 'agent' AND u.is_active "
            "AND u.is_available)"
        )
        if waiting_auto:
            problems.append(
                f"{waiting_auto} transfers waiting in auto-assigning teams with an available agent"
            )
        return {"ok": not problems, "problems": problems}
    finally:
        await conn.close()
