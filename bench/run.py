"""Rota's benchmark: transfer creation through HTTP against the raw-SQL floor, reads at a
million rows, and embedded SQLite, with the contract's rules checked on the data produced.

    python bench/run.py [--postgres-url URL] [--quick] [--out bench/results/report.json]

Every figure is taken in the same run, so ratios hold on a noisy machine.
"""

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from rota.db.migrate import upgrade

TEAMS, AGENTS, CAPACITY = 10, 10, 10_000
STRATEGIES = ("round_robin", "load_balanced")


def pg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return {"p50_ms": round(pick(0.50), 2), "p95_ms": round(pick(0.95), 2), "p99_ms": round(pick(0.99), 2)}


class Servers:
    """`rota serve` processes on one database."""

    def __init__(self, url: str, count: int) -> None:
        self.env = {**os.environ, "ROTA_DATABASE_URL": url, "ROTA_TIMER_INTERVAL_SECONDS": "0"}
        self.urls = [f"http://127.0.0.1:{free_port()}" for _ in range(count)]
        self.procs = [subprocess.Popen(
            [sys.executable, "-m", "rota.cli", "serve", "--no-migrate", "--log-level", "warning",
             "--port", u.rsplit(":", 1)[1]], env=self.env) for u in self.urls]
        for u in self.urls:
            for _ in range(300):
                try:
                    if httpx.get(f"{u}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)

    def stop(self) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            p.wait(timeout=20)


async def seed(dsn: str, admin_email: str) -> dict[str, Any]:
    """10 teams of 10 agents (capacity set) and contacts, straight into the database."""
    conn = await asyncpg.connect(dsn)
    org_id = await conn.fetchval("SELECT organization_id FROM users WHERE email = $1", admin_email)
    teams: dict[str, list[uuid.UUID]] = {}
    for t in range(TEAMS):
        team_id = uuid.uuid4()
        strategy = STRATEGIES[t % 2]
        await conn.execute(
            "INSERT INTO teams (id, organization_id, name, name_key, assignment_strategy, is_active, "
            "version, overflow_policy, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, true, 1, "
            "'wait', now(), now())", team_id, org_id, f"Team {t}", f"team {t}", strategy)
        agents = []
        for a in range(AGENTS):
            user_id = uuid.uuid4()
            await conn.execute(
                "INSERT INTO users (id, organization_id, email, full_name, password_hash, role, "
                "is_active, is_available, max_active_transfers, created_at, updated_at) VALUES "
                "($1, $2, $3, $4, 'x', 'agent', true, true, $5, now(), now())",
                user_id, org_id, f"agent{t}-{a}@bench.example", f"Agent {t}-{a}", CAPACITY)
            await conn.execute(
                "INSERT INTO team_members (id, team_id, user_id, role, created_at) VALUES "
                "($1, $2, $3, 'agent', now())", uuid.uuid4(), team_id, user_id)
            agents.append(user_id)
        teams[str(team_id)] = agents
    await conn.close()
    return {"organization_id": org_id, "teams": teams}


async def make_contacts(dsn: str, org_id: uuid.UUID, n: int) -> list[str]:
    conn = await asyncpg.connect(dsn)
    rows = await conn.fetch(
        "INSERT INTO contacts (id, organization_id, name, custom_attributes, created_at, updated_at) "
        "SELECT gen_random_uuid(), $1, 'Bench ' || g, '{}', now(), now() FROM generate_series(1, $2) g "
        "RETURNING id", org_id, n)
    await conn.close()
    return [str(r["id"]) for r in rows]


async def http_creates(urls: list[str], token: str, team_ids: list[str], contacts: list[str],
                       concurrency: int) -> dict[str, Any]:
    clients = [httpx.AsyncClient(base_url=u, headers={"Authorization": f"Bearer {token}"},
                                 timeout=60,
                                 # idle connections expire before the server's keep-alive (5 s)
                                 # closes them, so a request never races that close
                                 limits=httpx.Limits(max_connections=concurrency, keepalive_expiry=2))
               for u in urls]
    latencies: list[float] = []
    errors = Counter()
    work = iter(enumerate(contacts))

    async def worker() -> None:
        for i, contact in work:
            client = clients[i % len(clients)]
            started = time.perf_counter()
            try:
                resp = await client.post("/api/chatbot/transfers", json={
                    "contact_id": contact, "team_id": team_ids[i % len(team_ids)]})
            except httpx.TransportError as exc:  # counted, and the report fails
                errors[type(exc).__name__] += 1
                continue
            latencies.append(time.perf_counter() - started)
            if resp.status_code != 201:
                errors[resp.status_code] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    for c in clients:
        await c.aclose()
    return {"requests": len(contacts), "per_second": round(len(contacts) / elapsed, 1),
            "errors": dict(errors), **percentiles(latencies)}


async def floor_creates(dsn: str, org_id: uuid.UUID, team_ids: list[str], contacts: list[str],
                        concurrency: int) -> dict[str, Any]:
    """The same work with the best raw SQL we can write: lock the team and its agents, count
    their active transfers, choose, insert the transfer and its events, update the turn."""
    pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency)
    latencies: list[float] = []
    work = iter(enumerate(contacts))

    async def one(conn: asyncpg.Connection, team_id: uuid.UUID, contact: uuid.UUID) -> None:
        async with conn.transaction():
            strategy = await conn.fetchval(
                "SELECT assignment_strategy FROM teams WHERE id = $1 FOR UPDATE", team_id)
            members = await conn.fetch(
                "SELECT u.id, m.last_turn, u.last_assigned_at, "
                "(SELECT count(*) FROM transfers t WHERE t.agent_id = u.id AND t.status = 'active') AS active "
                "FROM team_members m JOIN users u ON u.id = m.user_id "
                "WHERE m.team_id = $1 AND m.role = 'agent' AND u.is_active AND u.is_available "
                "ORDER BY u.id FOR UPDATE OF u", team_id)
            free = [m for m in members if m["active"] < CAPACITY]
            if strategy == "round_robin":
                chosen = min(free, key=lambda m: (m["last_turn"] is not None, m["last_turn"] or 0, str(m["id"])))
            else:
                chosen = min(free, key=lambda m: (m["active"], str(m["id"])))
            transfer_id = uuid.uuid4()
            await conn.execute(
                "INSERT INTO transfers (id, organization_id, contact_id, team_id, agent_id, status, priority, "
                "transferred_at, assigned_at, first_assigned_at, queued_at, updated_at, event_count) "
                "VALUES ($1, $2, $3, $4, $5, 'active', 0, now(), now(), now(), now(), now(), 2)",
                transfer_id, org_id, contact, team_id, chosen["id"])
            await conn.executemany(
                "INSERT INTO transfer_events (id, organization_id, transfer_id, seq, type, team_id, agent_id, "
                "details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', now())",
                [(uuid.uuid4(), org_id, transfer_id, 1, "created", team_id, None),
                 (uuid.uuid4(), org_id, transfer_id, 2, "assigned", team_id, chosen["id"])])
            await conn.execute(
                "UPDATE team_members SET last_assigned_at = now(), last_turn = "
                "(SELECT coalesce(max(last_turn), 0) + 1 FROM team_members WHERE team_id = $1) "
                "WHERE team_id = $1 AND user_id = $2", team_id, chosen["id"])
            await conn.execute("UPDATE users SET last_assigned_at = now() WHERE id = $1", chosen["id"])

    async def worker() -> None:
        async with pool.acquire() as conn:
            for i, contact in work:
                started = time.perf_counter()
                await one(conn, uuid.UUID(team_ids[i % len(team_ids)]), uuid.UUID(contact))
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return {"requests": len(contacts), "per_second": round(len(contacts) / elapsed, 1),
            **percentiles(latencies)}


async def end_all(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    await conn.execute("UPDATE transfers SET status = 'closed', ended_at = now() WHERE status = 'active'")
    await conn.close()


async def bulk_history(dsn: str, org_id: uuid.UUID, team_ids: list[str], finished: int, waiting: int) -> None:
    """A million finished transfers and ten thousand waiting ones, made by SQL in bulk."""
    conn = await asyncpg.connect(dsn)
    contacts = await make_contacts(dsn, org_id, 1000)
    await conn.execute(
        "INSERT INTO transfers (id, organization_id, contact_id, team_id, status, priority, transferred_at, "
        "ended_at, updated_at, event_count) SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + g % 1000], "
        "($3::uuid[])[1 + g % $4], 'closed', 0, now() - (g || ' seconds')::interval, now(), now(), 0 "
        "FROM generate_series(1, $5) g", org_id, contacts, team_ids, len(team_ids), finished)
    waiting_contacts = await make_contacts(dsn, org_id, waiting)
    await conn.execute(
        "INSERT INTO transfers (id, organization_id, contact_id, team_id, status, priority, transferred_at, "
        "queued_at, updated_at, event_count) SELECT gen_random_uuid(), $1, c, "
        "($2::uuid[])[1 + (row_number() OVER ()) % $3], 'active', 0, now(), now(), now(), 0 "
        "FROM unnest($4::uuid[]) c", org_id, team_ids, len(team_ids), waiting_contacts)
    await conn.execute("ANALYZE")
    await conn.close()


async def reads(url: str, token: str, n: int) -> dict[str, Any]:
    out = {}
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
        for name, path in (("transfers_active", "/api/chatbot/transfers?status=active"),
                           ("teams", "/api/teams")):
            latencies = []
            for _ in range(n):
                started = time.perf_counter()
                resp = await c.get(path)
                latencies.append(time.perf_counter() - started)
                assert resp.status_code == 200, resp.text
            out[name] = percentiles(latencies)
    return out


async def plans(dsn: str, org_id: uuid.UUID) -> dict[str, list[str]]:
    conn = await asyncpg.connect(dsn)
    queries = {
        "waiting_by_queue": ("SELECT team_id, count(*) FROM transfers WHERE organization_id = $1 AND "
                             "status = 'active' AND agent_id IS NULL GROUP BY team_id", [org_id]),
        "active_page": ("SELECT * FROM transfers WHERE organization_id = $1 AND status = 'active' "
                        "ORDER BY priority DESC, transferred_at, id LIMIT 20", [org_id]),
        "agent_load": ("SELECT agent_id, count(*) FROM transfers WHERE status = 'active' AND agent_id = "
                       "ANY($1::uuid[]) GROUP BY agent_id", [[uuid.uuid4()]]),
    }
    out = {}
    for name, (sql, args) in queries.items():
        rows = await conn.fetch("EXPLAIN " + sql, *args)
        out[name] = [r[0] for r in rows]
    await conn.close()
    return out


async def check_rules(dsn: str, org_id: uuid.UUID, teams: dict[str, list[uuid.UUID]]) -> dict[str, Any]:
    """The contract's rules on the data the run produced."""
    conn = await asyncpg.connect(dsn)
    problems = []
    dup = await conn.fetchval("SELECT count(*) FROM (SELECT contact_id FROM transfers WHERE status = 'active' "
                              "GROUP BY contact_id HAVING count(*) > 1) x")
    if dup:
        problems.append(f"{dup} contacts with two active transfers")
    over = await conn.fetchval(
        "SELECT count(*) FROM (SELECT agent_id, count(*) c FROM transfers WHERE status = 'active' AND "
        "agent_id IS NOT NULL GROUP BY agent_id) x JOIN users u ON u.id = x.agent_id "
        "WHERE u.max_active_transfers IS NOT NULL AND x.c > u.max_active_transfers")
    if over:
        problems.append(f"{over} agents over capacity")
    for team_id, agents in teams.items():
        strategy = await conn.fetchval("SELECT assignment_strategy FROM teams WHERE id = $1", uuid.UUID(team_id))
        counts = await conn.fetch("SELECT agent_id, count(*) c FROM transfers WHERE team_id = $1 AND "
                                  "event_count > 0 AND status = 'active' GROUP BY agent_id", uuid.UUID(team_id))
        per = [r["c"] for r in counts if r["agent_id"] is not None]
        if strategy == "round_robin" and per and max(per) - min(per) > 1:
            problems.append(f"round robin unbalanced in {team_id}: {sorted(per)}")
        if strategy == "load_balanced" and per and max(per) - min(per) > 1:
            problems.append(f"load balanced unbalanced in {team_id}: {sorted(per)}")
    await conn.close()
    return {"ok": not problems, "problems": problems}


def admin(url: str) -> tuple[str, str]:
    email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
    env = {**os.environ, "ROTA_DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "rota.cli", "create-admin", "--org-name", f"Bench {email}",
                    "--email", email, "--password", "bench-password", "--full-name", "Bench"],
                   env=env, check=True, capture_output=True)
    return email, "bench-password"


def login(base: str, email: str, password: str) -> str:
    return httpx.post(f"{base}/api/auth/login", json={"email": email, "password": password}).json()["data"]["access_token"]


async def main(args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {"create": [], "floor": []}
    tmp = Path(tempfile.mkdtemp(prefix="rota-bench-"))
    server = None
    base_url = args.postgres_url
    if base_url is None:
        import pgserver

        server = pgserver.get_server(str(tmp / "pg"), cleanup_mode="stop")
        base_url = server.get_uri()
    try:
        name = f"rota_bench_{uuid.uuid4().hex[:8]}"
        conn = await asyncpg.connect(pg_dsn(base_url))
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
        dsn = pg_dsn(url)
        await asyncio.to_thread(upgrade, url)
        email, password = admin(url)
        world = await seed(dsn, email)
        org_id, teams = world["organization_id"], world["teams"]
        team_ids = list(teams)
        scale = 1 if args.quick else 3
        sizes = {1: 100 * scale, 8: 300 * scale, 64: 600 * scale}
        for processes in (1, 2):
            servers = Servers(url, processes)
            try:
                token = login(servers.urls[0], email, password)
                for concurrency, n in sizes.items():
                    contacts = await make_contacts(dsn, org_id, n)
                    result = await http_creates(servers.urls, token, team_ids, contacts, concurrency)
                    report["create"].append({"processes": processes, "concurrency": concurrency, **result})
                    print("http", processes, concurrency, result, flush=True)
            finally:
                servers.stop()
            report["rules_after_http_%d" % processes] = await check_rules(dsn, org_id, teams)
            await end_all(dsn)
        for concurrency, n in sizes.items():
            contacts = await make_contacts(dsn, org_id, n)
            result = await floor_creates(dsn, org_id, team_ids, contacts, concurrency)
            report["floor"].append({"concurrency": concurrency, **result})
            print("floor", concurrency, result, flush=True)
        await end_all(dsn)
        finished = 100_000 if args.quick else 1_000_000
        await bulk_history(dsn, org_id, team_ids, finished, 10_000)
        servers = Servers(url, 1)
        try:
            token = login(servers.urls[0], email, password)
            report["reads"] = {"finished_transfers": finished, "waiting_transfers": 10_000,
                               **await reads(servers.urls[0], token, 50 if args.quick else 200)}
        finally:
            servers.stop()
        report["plans"] = await plans(dsn, org_id)
        # embedded SQLite: the same creation at 8 clients, one process
        sqlite_url = f"sqlite:///{tmp / 'bench.db'}"
        await asyncio.to_thread(upgrade, sqlite_url)
        s_email, s_password = admin(sqlite_url)
        servers = Servers(sqlite_url, 1)
        try:
            token = login(servers.urls[0], s_email, s_password)
            auth = {"Authorization": f"Bearer {token}"}
            team = httpx.post(f"{servers.urls[0]}/api/teams", headers=auth,
                              json={"name": "SQLite", "assignment_strategy": "round_robin"}).json()["data"]["team"]
            for i in range(AGENTS):
                u = httpx.post(f"{servers.urls[0]}/api/users", headers=auth, json={
                    "email": f"s{i}@bench.example", "full_name": f"S {i}", "password": "bench-password",
                    "role": "agent"}).json()["data"]["user"]
                httpx.post(f"{servers.urls[0]}/api/teams/{team['id']}/members", headers=auth,
                           json={"user_id": u["id"], "role": "agent"})
            contacts = []
            async with httpx.AsyncClient(base_url=servers.urls[0], headers=auth) as c:
                for i in range(sizes[8]):
                    r = await c.post("/api/contacts", json={"name": f"C {i}"})
                    contacts.append(r.json()["data"]["contact"]["id"])
            report["sqlite_create_8"] = await http_creates(servers.urls, token, [team["id"]], contacts, 8)
            print("sqlite", report["sqlite_create_8"], flush=True)
        finally:
            servers.stop()
    finally:
        if server is not None:
            server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    floor = {f["concurrency"]: f["per_second"] for f in report["floor"]}
    for row in report["create"]:
        row["fraction_of_floor"] = round(row["per_second"] / floor[row["concurrency"]], 3)
    return report


def table(report: dict[str, Any]) -> str:
    lines = ["transfer creation (PostgreSQL)",
             f"{'procs':>5} {'clients':>7} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
             f"{'of floor':>8} {'errors':>6}"]
    for r in report["create"]:
        lines.append(f"{r['processes']:>5} {r['concurrency']:>7} {r['per_second']:>8} {r['p50_ms']:>8} "
                     f"{r['p95_ms']:>8} {r['p99_ms']:>8} {r['fraction_of_floor']:>8} "
                     f"{sum(r['errors'].values()):>6}")
    lines.append("raw-SQL floor")
    for r in report["floor"]:
        lines.append(f"{'-':>5} {r['concurrency']:>7} {r['per_second']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8}")
    reads = report["reads"]
    lines.append(f"reads with {reads['finished_transfers']} finished / {reads['waiting_transfers']} waiting transfers")
    for name in ("transfers_active", "teams"):
        lines.append(f"  {name}: p50 {reads[name]['p50_ms']} ms, p99 {reads[name]['p99_ms']} ms")
    s = report["sqlite_create_8"]
    lines.append(f"SQLite, 8 clients: {s['per_second']}/s, p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms")
    for key in ("rules_after_http_1", "rules_after_http_2"):
        lines.append(f"{key}: {'ok' if report[key]['ok'] else report[key]['problems']}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", help="a PostgreSQL server to use (default: a pgserver one)")
    parser.add_argument("--quick", action="store_true", help="smaller runs (100k finished transfers)")
    parser.add_argument("--out", default="bench/results/report.json")
    args = parser.parse_args()
    result = asyncio.run(main(args))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, default=str))
    print(table(result))
    ok = (result["rules_after_http_1"]["ok"] and result["rules_after_http_2"]["ok"]
          and not any(r["errors"] for r in [*result["create"], result["sqlite_create_8"]]))
    sys.exit(0 if ok else 1)
