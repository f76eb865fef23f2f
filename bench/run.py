"""Rota's benchmark. Every figure comes from one run, side by side, so ratios hold on a noisy
machine:

- transfer creation through Rota (1 and 2 `rota serve` processes), through the HTTP floor (the
  same transaction as raw SQL behind the thinnest ASGI server, `http_floor.py`) and as raw SQL
  (`floor.py`), at 1, 8 and 64 clients: creates/s, p50/p95/p99, server CPU ms per create (from
  /proc/<pid>/stat), PostgreSQL CPU ms per create (all its processes), the load generator's own
  CPU per request, and round trips per create (counted by a proxy, `pgproxy.py`);
- transfer creation with the routing features on and off (`features`): one process at 8 and 64
  clients, a team with offers, a sticky agent and required skills against an otherwise identical
  plain one, taking turns; server CPU per create, on / off, is the figure to judge them by;
- overload: 256 clients against one process (no 500, no transport error; 503s are answers);
- the other hot calls (pick, assign, unassign, close, availability, the active list): per
  call server CPU, latency and round trips;
- reads with a million finished and ten thousand waiting transfers, with their query plans;
- embedded SQLite at 8 clients (one process and two on one file);
- the contract's rules checked on the data every phase produced.

    python bench/run.py [--postgres-url URL] [--quick]
    python bench/run.py --phases features --merge   # one section alone, into the report

Writes bench/results/report.json and bench/REPORT.md (before/after figures from bench/before.json).
With `--merge`, a section of its own (features, mixed) is run alone and merged into the report
already in bench/results/report.json, and REPORT.md is written again from it; the section says
it ran on its own, and at which commit.
"""

import argparse
import asyncio
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import jwt
import uvloop
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).parent))

import floor
import loadgen
import mixed
from pgproxy import RoundTrips
from rota.auth.passwords import passwords
from rota.migrations import upgrade

HERE = Path(__file__).parent
PHASES = ("round_trips", "creation", "features", "overload", "hot_calls", "mixed", "reads", "sqlite")
MERGEABLE = ("features", "mixed")  # phases whose results are a section of their own
TEAMS, AGENTS, CAPACITY = 10, 10, floor.CAPACITY
STRATEGIES = ("round_robin", "load_balanced")
PASSWORD = "bench-password"
SECRET = "bench-signing-key-" + uuid.uuid4().hex
TICK = os.sysconf("SC_CLK_TCK")

# the routing features (issue 14): a team's settings with them on (long enough that no offer
# lapses and no requirement relaxes during a run), what every create in it requires, and its
# agents' skills: 6 qualify, 2 have the skill below the level required, 2 have no skills
FEATURES_ON = {"accept_timeout_seconds": 600, "sticky_agent_hours": 24, "skills_relax_after_seconds": 3600}
REQUIRED_SKILLS = {"language:es": 2}
AGENT_SKILLS: list[dict[str, int]] = [
    *[{"language:es": 3, "product:billing": 5}] * 6,
    *[{"language:es": 1, "product:billing": 5}] * 2,
    *[{}] * 2,
]


# --- processes and their CPU ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int, children: bool = False) -> float:
    """utime + stime (and with `children`, of its waited-for children) of a process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children else 0)
    return ticks / TICK


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


class PostgresCpu:
    """All of PostgreSQL's CPU: the postmaster, its live children, and the children that ended."""

    def __init__(self, postmaster: int | None) -> None:
        self.postmaster = postmaster

    def read(self) -> float | None:
        if self.postmaster is None:
            return None
        total = cpu_seconds(self.postmaster, children=True)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if parent_of(int(entry.name)) == self.postmaster:
                        total += cpu_seconds(int(entry.name))
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    pass
        return total


class Processes:
    """Server processes (Rota, or the HTTP floor) whose CPU is read from /proc."""

    def __init__(self, commands: list[list[str]], env: dict[str, str], ports: list[int]) -> None:
        self.ports = ports
        self.procs = [subprocess.Popen(c, env=env, cwd=HERE.parent) for c in commands]
        deadline = time.monotonic() + 60
        for port in ports:
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"server on {port} did not start") from None
                    time.sleep(0.1)

    @classmethod
    def rota(cls, url: str, count: int, **env: str) -> "Processes":
        ports = [free_port() for _ in range(count)]
        environ = {
            **os.environ,
            "ROTA_DATABASE_URL": url,
            "ROTA_TIMER_INTERVAL_SECONDS": "0",
            "ROTA_SECRET_KEY": SECRET,
            **env,
        }
        return cls(
            [
                [
                    sys.executable,
                    "-m",
                    "rota.cli",
                    "serve",
                    "--no-migrate",
                    "--log-level",
                    "warning",
                    "--port",
                    str(p),
                ]
                for p in ports
            ],
            environ,
            ports,
        )

    @classmethod
    def http_floor(cls, dsn: str, org_id: uuid.UUID) -> "Processes":
        port = free_port()
        environ = {**os.environ, "BENCH_DSN": dsn, "BENCH_SECRET": SECRET, "BENCH_ORG": str(org_id)}
        return cls(
            [
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "http_floor:app",
                    "--app-dir",
                    str(HERE),
                    "--loop",
                    "uvloop",
                    "--http",
                    "httptools",
                    "--log-level",
                    "warning",
                    "--port",
                    str(port),
                ]
            ],
            environ,
            [port],
        )

    def cpu(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.procs)

    def stop(self) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()

    def __enter__(self) -> "Processes":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- the data -----------------------------------------------------------------------------


def pg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def seed(dsn: str, org_id: uuid.UUID) -> dict[str, list[uuid.UUID]]:
    """10 teams of 10 agents (capacity set), straight into the database."""
    conn = await asyncpg.connect(dsn)
    password_hash = passwords().hash(PASSWORD)
    teams: dict[str, list[uuid.UUID]] = {}
    for t in range(TEAMS):
        team_id = uuid.uuid4()
        await conn.execute(
            "INSERT INTO teams (id, organization_id, name, name_key, assignment_strategy, is_active, "
            "version, overflow_policy, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, true, 1, "
            "'wait', now(), now())",
            team_id,
            org_id,
            f"Team {t}",
            f"team {t}",
            STRATEGIES[t % 2],
        )
        agents = [uuid.uuid4() for _ in range(AGENTS)]
        await conn.executemany(
            "INSERT INTO users (id, organization_id, email, full_name, password_hash, role, is_active, "
            "is_available, max_active_transfers, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
            "'agent', true, true, $6, now(), now())",
            [
                (a, org_id, f"agent{t}-{i}@bench.example", f"Agent {t}-{i}", password_hash, CAPACITY)
                for i, a in enumerate(agents)
            ],
        )
        await conn.executemany(
            "INSERT INTO team_members (id, team_id, user_id, role, created_at) VALUES ($1, $2, $3, "
            "'agent', now())",
            [(uuid.uuid4(), team_id, a) for a in agents],
        )
        teams[str(team_id)] = agents
    await conn.close()
    return teams


async def make_contacts(dsn: str, org_id: uuid.UUID, n: int) -> list[str]:
    conn = await asyncpg.connect(dsn)
    rows = await conn.fetch(
        "INSERT INTO contacts (id, organization_id, name, custom_attributes, created_at, updated_at) "
        "SELECT gen_random_uuid(), $1, 'Bench ' || g, '{}', now(), now() FROM generate_series(1, $2) g "
        "RETURNING id",
        org_id,
        n,
    )
    await conn.close()
    return [str(r["id"]) for r in rows]


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
        "FROM generate_series(1, $5) g",
        org_id,
        contacts,
        team_ids,
        len(team_ids),
        finished,
    )
    waiting_contacts = await make_contacts(dsn, org_id, waiting)
    await conn.execute(
        "INSERT INTO transfers (id, organization_id, contact_id, team_id, status, priority, transferred_at, "
        "queued_at, updated_at, event_count) SELECT gen_random_uuid(), $1, c, "
        "($2::uuid[])[1 + (row_number() OVER ()) % $3], 'active', 0, now(), now(), now(), 0 "
        "FROM unnest($4::uuid[]) c",
        org_id,
        team_ids,
        len(team_ids),
        waiting_contacts,
    )
    await conn.execute("ANALYZE")
    await conn.close()


async def check_rules(dsn: str, teams: dict[str, list[uuid.UUID]]) -> dict[str, Any]:
    """The contract's rules on the data a phase produced: one active transfer per contact, no
    agent over capacity, round robin and load balancing within one of each other per team."""
    conn = await asyncpg.connect(dsn)
    problems = []
    dup = await conn.fetchval(
        "SELECT count(*) FROM (SELECT contact_id FROM transfers WHERE status = 'active' "
        "GROUP BY contact_id HAVING count(*) > 1) x"
    )
    if dup:
        problems.append(f"{dup} contacts with two active transfers")
    over = await conn.fetchval(
        "SELECT count(*) FROM (SELECT agent_id, count(*) c FROM transfers WHERE status = 'active' AND "
        "agent_id IS NOT NULL GROUP BY agent_id) x JOIN users u ON u.id = x.agent_id "
        "WHERE u.max_active_transfers IS NOT NULL AND x.c > u.max_active_transfers"
    )
    if over:
        problems.append(f"{over} agents over capacity")
    for team_id, agents in teams.items():
        rows = await conn.fetch(
            "SELECT agent_id, count(*) c FROM transfers WHERE team_id = $1 AND "
            "status = 'active' AND agent_id IS NOT NULL GROUP BY agent_id",
            uuid.UUID(team_id),
        )
        per = {r["agent_id"]: r["c"] for r in rows}
        counts = [per.get(a, 0) for a in agents]
        if sum(counts) and max(counts) - min(counts) > 1:
            problems.append(f"unbalanced in {team_id}: {sorted(counts)}")
    waiting = await conn.fetchval(
        "SELECT count(*) FROM transfers WHERE status = 'active' AND agent_id IS NULL "
        "AND team_id = ANY($1::uuid[])",
        [uuid.UUID(t) for t in teams],
    )
    if waiting:
        problems.append(f"{waiting} transfers left waiting in auto-assigning teams with free agents")
    await conn.close()
    return {"ok": not problems, "problems": problems}


async def feature_rules(dsn: str, team_id: str, eligible: list[uuid.UUID], on: bool) -> dict[str, Any]:
    """The contract's rules (`check_rules`, round robin among the agents who qualify), and the
    features did their work: with them on, every transfer is an offer to an agent with the
    skills it requires, and requires them; off, none is an offer or requires skills."""
    found = await check_rules(dsn, {team_id: eligible})
    conn = await asyncpg.connect(dsn)
    row = await conn.fetchrow(
        "SELECT count(*) total, count(*) FILTER (WHERE agent_id IS NULL OR NOT agent_id = ANY($2)) outside, "
        "count(*) FILTER (WHERE offer_expires_at IS NOT NULL) offers, "
        "count(*) FILTER (WHERE required_skills IS NOT NULL) requiring "
        "FROM transfers WHERE team_id = $1 AND status = 'active'",
        uuid.UUID(team_id),
        eligible,
    )
    await conn.close()
    total = row["total"]
    expected = {"outside": 0, "offers": total if on else 0, "requiring": total if on else 0}
    problems = [
        f"{k}: {row[k]} of {total} transfers, expected {v}" for k, v in expected.items() if row[k] != v
    ]
    if not total:
        problems.append("no active transfer to check")
    return {"ok": found["ok"] and not problems, "problems": found["problems"] + problems}


# --- measuring ----------------------------------------------------------------------------


def medians(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the runs; `runs`: every run's throughput and server CPU."""
    out: dict[str, Any] = {}
    for key in (
        "per_second",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "server_cpu_ms",
        "pg_cpu_ms",
        "client_cpu_ms_per_request",
    ):
        values = [r[key] for r in results if r.get(key) is not None]
        out[key] = round(statistics.median(values), 3) if values else None
    out["answered"] = sum(r["answered"] for r in results)
    out["not_created"] = sum(r["requests"] - r["statuses"].get("201", 0) for r in results)
    out["runs"] = [{"per_second": r["per_second"], "server_cpu_ms": r.get("server_cpu_ms")} for r in results]
    return out


class Meter:
    """Server, PostgreSQL and client CPU around one load run."""

    def __init__(self, servers: Processes | None, pg: PostgresCpu) -> None:
        self.servers, self.pg = servers, pg

    async def run(
        self, ports: list[int], payloads: list[bytes], concurrency: int, **kw: Any
    ) -> dict[str, Any]:
        server0 = self.servers.cpu() if self.servers else None
        pg0 = self.pg.read()
        result = await loadgen.run(ports, payloads, concurrency, **kw)
        return self._per_call(result, server0, pg0)

    def _per_call(self, result: dict[str, Any], server0: float | None, pg0: float | None) -> dict[str, Any]:
        n = result["answered"] or 1
        if server0 is not None and self.servers is not None:
            result["server_cpu_ms"] = round((self.servers.cpu() - server0) * 1000 / n, 3)
        pg1 = self.pg.read()
        if pg0 is not None and pg1 is not None:
            result["pg_cpu_ms"] = round((pg1 - pg0) * 1000 / n, 3)
        return result


def bearer(token: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(extra or {})}


def creates(
    port: int, token: str, team_ids: list[str], contacts: list[str], extra: dict[str, Any] | None = None
) -> list[bytes]:
    """One create per contact, taking the teams in turn; `extra`: more fields of each body."""
    host = f"127.0.0.1:{port}"
    return [
        loadgen.request(
            "POST",
            "/api/chatbot/transfers",
            host,
            bearer(token),
            json.dumps({"contact_id": c, "team_id": team_ids[i % len(team_ids)], **(extra or {})}).encode(),
        )
        for i, c in enumerate(contacts)
    ]


def answered_json(resp: httpx.Response) -> Any:
    resp.raise_for_status()
    return resp.json()["data"]


def login(port: int, email: str) -> str:
    resp = httpx.post(f"http://127.0.0.1:{port}/api/auth/login", json={"email": email, "password": PASSWORD})
    resp.raise_for_status()
    return resp.json()["data"]["access_token"]


class Bench:
    def __init__(self, args: argparse.Namespace, url: str, pg: PostgresCpu, proxy: RoundTrips) -> None:
        self.args, self.url, self.dsn, self.pg, self.proxy = args, url, pg_dsn(url), pg, proxy
        self.scale = 1 if args.quick else 3
        self.report: dict[str, Any] = {"create": [], "hot_calls": {}, "round_trips": {}}

    def proxied_url(self) -> str:
        return (
            make_url(self.url)
            .set(host="127.0.0.1", port=self.proxy.port, query={})
            .render_as_string(hide_password=False)
        )

    async def setup(self) -> None:
        await asyncio.to_thread(upgrade, self.url)
        self.email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "rota.cli",
                "create-admin",
                "--org-name",
                "Bench",
                "--email",
                self.email,
                "--password",
                PASSWORD,
                "--full-name",
                "Bench Admin",
            ],
            env={**os.environ, "ROTA_DATABASE_URL": self.url},
            check=True,
            capture_output=True,
            text=True,
        )
        self.org_id = uuid.UUID(json.loads(done.stdout)["organization_id"])
        self.teams = await seed(self.dsn, self.org_id)
        self.team_ids = list(self.teams)

    # creation, side by side
    async def creation(self) -> None:
        """Each configuration `--repeat` times, the configurations of one client count taking
        turns, so a noisy spell of the machine hits them alike; the median run of each is
        reported (by throughput), and every run's throughput is kept in `runs`."""
        sizes = {1: 150 * self.scale, 8: 600 * self.scale, 64: 1200 * self.scale}
        for concurrency, n in sizes.items():
            runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
            for _ in range(self.args.repeat):
                for kind, processes in (("http_floor", 1), ("rota", 1), ("rota", 2), ("sql_floor", 0)):
                    result = await self._create_run(kind, processes, concurrency, n)
                    runs.setdefault((kind, processes), []).append(result)
                    await self._rules(f"{kind}_{processes}" if kind == "rota" else kind, concurrency)
            for (kind, processes), results in runs.items():
                results.sort(key=lambda r: r["per_second"])
                median = results[len(results) // 2]
                self._row(
                    kind, processes, concurrency, {**median, "runs": [r["per_second"] for r in results]}
                )

    async def _create_run(self, kind: str, processes: int, concurrency: int, n: int) -> dict[str, Any]:
        contacts = await make_contacts(self.dsn, self.org_id, n)
        if kind == "sql_floor":
            return await self.sql_floor(contacts, concurrency)
        servers = (
            Processes.http_floor(self.dsn, self.org_id)
            if kind == "http_floor"
            else Processes.rota(self.url, processes)
        )
        with servers:
            port = servers.ports[0]
            if kind == "http_floor":
                token = jwt.encode({"sub": "bench"}, SECRET, algorithm="HS256")
                payloads = [
                    loadgen.request(
                        "POST",
                        "/create",
                        f"127.0.0.1:{port}",
                        bearer(token),
                        json.dumps({"contact_id": c, "team_id": self.team_ids[i % TEAMS]}).encode(),
                    )
                    for i, c in enumerate(contacts)
                ]
            else:
                payloads = creates(port, login(port, self.email), self.team_ids, contacts)
            await loadgen.run(servers.ports, payloads[:50], min(concurrency, 8))  # warm up
            return await Meter(servers, self.pg).run(servers.ports, payloads[50:], concurrency)

    def _row(self, kind: str, processes: int, concurrency: int, result: dict[str, Any]) -> None:
        row = {"kind": kind, "processes": processes, "concurrency": concurrency, **result}
        self.report["create"].append(row)
        print(kind, processes, concurrency, {k: v for k, v in row.items() if k != "bodies"}, flush=True)

    async def _rules(self, phase: str, concurrency: int) -> None:
        """The rules after a phase (a repeated phase keeps every problem any run had)."""
        found = await check_rules(self.dsn, self.teams)
        seen = self.report.setdefault("rules", {}).setdefault(
            f"{phase}_{concurrency}", {"ok": True, "problems": []}
        )
        seen["ok"] = seen["ok"] and found["ok"]
        seen["problems"] += found["problems"]
        await end_all(self.dsn)

    # creation with the routing features on and off, side by side
    async def features(self) -> None:
        """Creates into a round-robin team of AGENTS agents (capacity CAPACITY, as the seeded
        teams) with the routing features off, and into an otherwise identical team with them on
        (FEATURES_ON: automatic assignments are offers; a sticky agent is looked for; every
        create requires REQUIRED_SKILLS, which 6 of its agents have). One process, fresh contacts
        for every create, every transfer ended between runs; off and on take turns (`--repeat`
        rounds, at least 3) and each figure is the median of its runs. Round trips per create are
        counted apart, through the proxy, one client. Then off and on at the same time
        (`_feature_same_time`), the measure the machine's noise moves least."""
        sizes = {8: 600 * self.scale, 64: 1200 * self.scale}
        rounds = max(3, self.args.repeat)
        with Processes.rota(self.url, 1) as rota:
            teams = {kind: await self.feature_team(rota.ports[0], kind == "on") for kind in ("off", "on")}
        out: dict[str, Any] = {
            "settings": {**FEATURES_ON, "required_skills": REQUIRED_SKILLS, "agent_skills": AGENT_SKILLS},
            "agents": AGENTS,
            "eligible": {kind: len(agents) for kind, (_, agents) in teams.items()},
            "capacity": CAPACITY,
            "rounds": rounds,
            "rows": [],
            "ratios": {},
            "rules": {},
        }
        self.report["features"] = out
        for concurrency, n in sizes.items():
            runs: dict[str, list[dict[str, Any]]] = {"off": [], "on": []}
            for _ in range(rounds):
                for kind, (team_id, agents) in teams.items():
                    result = await self._feature_run(team_id, kind == "on", concurrency, n)
                    runs[kind].append(result)
                    print("features", kind, concurrency, result, flush=True)
                    found = await feature_rules(self.dsn, team_id, agents, kind == "on")
                    seen = out["rules"].setdefault(f"{kind}_{concurrency}", {"ok": True, "problems": []})
                    seen["ok"] = seen["ok"] and found["ok"]
                    seen["problems"] += found["problems"]
                    await end_all(self.dsn)
            rows = {
                kind: {"kind": kind, "concurrency": concurrency, **medians(r)} for kind, r in runs.items()
            }
            out["rows"] += rows.values()
            out["ratios"][str(concurrency)] = {
                key: round(rows["on"][key] / rows["off"][key], 3)
                for key in ("server_cpu_ms", "pg_cpu_ms", "per_second", "p50_ms", "p99_ms")
                if rows["on"].get(key) and rows["off"].get(key)
            }
            # each round's on / off: how far the machine's noise moves the ratio
            out["ratios"][str(concurrency)]["server_cpu_ms_by_round"] = [
                round(on["server_cpu_ms"] / off["server_cpu_ms"], 3)
                for off, on in zip(runs["off"], runs["on"], strict=True)
                if on.get("server_cpu_ms") and off.get("server_cpu_ms")
            ]
            print("features on / off", concurrency, out["ratios"][str(concurrency)], flush=True)
        out["same_time"] = await self._feature_same_time(teams, 8, 600 * self.scale, 2 * rounds)
        print("features at the same time", out["same_time"], flush=True)
        out["round_trips"] = await self._feature_round_trips(teams)

    async def feature_team(self, port: int, on: bool) -> tuple[str, list[uuid.UUID]]:
        """A round-robin team of AGENTS new agents (capacity CAPACITY) made through the API; with
        `on`, the team has FEATURES_ON and its agents AGENT_SKILLS. Its id, and the agents a
        create (with REQUIRED_SKILLS when `on`) may go to."""
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", headers=bearer(login(port, self.email))
        ) as c:
            body = {"name": f"Features {'on' if on else 'off'} {uuid.uuid4().hex[:6]}"}
            team = answered_json(
                await c.post(
                    "/api/teams",
                    json={**body, "assignment_strategy": "round_robin", **(FEATURES_ON if on else {})},
                )
            )["team"]
            assert all(team[k] == (v if on else None) for k, v in FEATURES_ON.items()), team
            eligible = []
            for i, skills in enumerate(AGENT_SKILLS):
                user = answered_json(
                    await c.post(
                        "/api/users",
                        json={
                            "email": f"features-{uuid.uuid4().hex[:8]}@bench.example",
                            "full_name": f"Features {i}",
                            "password": PASSWORD,
                            "role": "agent",
                            "max_active_transfers": CAPACITY,
                        },
                    )
                )["user"]
                answered_json(
                    await c.post(
                        f"/api/teams/{team['id']}/members", json={"user_id": user["id"], "role": "agent"}
                    )
                )
                if on:
                    user = answered_json(await c.patch(f"/api/users/{user['id']}", json={"skills": skills}))[
                        "user"
                    ]
                    assert user["skills"] == skills, user
                if not on or all(skills.get(k, 0) >= level for k, level in REQUIRED_SKILLS.items()):
                    eligible.append(uuid.UUID(user["id"]))
        return team["id"], eligible

    async def _feature_run(self, team_id: str, on: bool, concurrency: int, n: int) -> dict[str, Any]:
        contacts = await make_contacts(self.dsn, self.org_id, n)
        with Processes.rota(self.url, 1) as rota:
            port = rota.ports[0]
            extra = {"required_skills": REQUIRED_SKILLS} if on else None
            payloads = creates(port, login(port, self.email), [team_id], contacts, extra)
            await loadgen.run(rota.ports, payloads[:50], min(concurrency, 8))  # warm up
            return await Meter(rota, self.pg).run(rota.ports, payloads[50:], concurrency)

    async def _feature_same_time(
        self, teams: dict[str, tuple[str, list[uuid.UUID]]], concurrency: int, n: int, rounds: int
    ) -> dict[str, Any]:
        """Off and on at the same time, each from a process of its own with `concurrency`
        clients, so a noisy spell of the machine hits both alike; the two processes swap kinds
        every round, so what differs between them (which started first, whose clients connect
        first) cancels out. Server CPU per create of each, and each round's on / off."""
        procs = [Processes.rota(self.url, 1) for _ in range(2)]
        try:
            tokens = [login(p.ports[0], self.email) for p in procs]

            async def load(kind: str, i: int, count: int) -> list[bytes]:
                extra = {"required_skills": REQUIRED_SKILLS} if kind == "on" else None
                contacts = await make_contacts(self.dsn, self.org_id, count)
                return creates(procs[i].ports[0], tokens[i], [teams[kind][0]], contacts, extra)

            for i, p in enumerate(procs):  # warm up
                for kind in teams:
                    await loadgen.run(p.ports, await load(kind, i, 50), concurrency)
            await end_all(self.dsn)
            cpu: dict[str, list[float]] = {"off": [], "on": []}
            by_round, not_created, problems = [], 0, []
            for r in range(rounds):
                kinds = ("off", "on") if r % 2 == 0 else ("on", "off")  # process i serves kinds[i]
                payloads = [await load(kind, i, n) for i, kind in enumerate(kinds)]
                cpu0 = [p.cpu() for p in procs]
                results = await asyncio.gather(
                    *(loadgen.run(procs[i].ports, payloads[i], concurrency) for i in (0, 1))
                )
                for i, (kind, result) in enumerate(zip(kinds, results, strict=True)):
                    cpu[kind].append((procs[i].cpu() - cpu0[i]) * 1000 / (result["answered"] or 1))
                    not_created += result["requests"] - result["statuses"].get("201", 0)
                    found = await feature_rules(self.dsn, teams[kind][0], teams[kind][1], kind == "on")
                    problems += found["problems"]
                by_round.append(round(cpu["on"][-1] / cpu["off"][-1], 3))
                await end_all(self.dsn)
        finally:
            for p in procs:
                p.stop()
        return {
            "concurrency": concurrency,
            "rounds": rounds,
            "creates": n,
            "server_cpu_ms": {kind: round(statistics.median(v), 3) for kind, v in cpu.items()},
            "server_cpu_ms_ratio": round(statistics.median(by_round), 3),
            "server_cpu_ms_by_round": by_round,
            "not_created": not_created,
            "rules": {"ok": not problems, "problems": problems},
        }

    async def _feature_round_trips(self, teams: dict[str, tuple[str, list[uuid.UUID]]]) -> dict[str, float]:
        """Round trips per create in each team, as `round_trips` counts them."""
        n, warm = 40, 5
        counts = {}
        with Processes.rota(self.proxied_url(), 1) as rota:
            admin = login(rota.ports[0], self.email)
            for kind, (team_id, _) in teams.items():
                contacts = await make_contacts(self.dsn, self.org_id, n)
                extra = {"required_skills": REQUIRED_SKILLS} if kind == "on" else None
                payloads = creates(rota.ports[0], admin, [team_id], contacts, extra)
                await loadgen.run(rota.ports, payloads[:warm], 1)  # statements prepared, caches filled
                self.proxy.count = 0
                result = await loadgen.run(rota.ports, payloads[warm:], 1)
                counts[kind] = round(self.proxy.count / (n - warm), 2)
                assert result["statuses"] == {"201": n - warm}, result
                print("features round trips", kind, counts[kind], flush=True)
        await end_all(self.dsn)
        return counts

    async def sql_floor(
        self, contacts: list[str], concurrency: int, dsn: str | None = None
    ) -> dict[str, Any]:
        pool = await asyncpg.create_pool(dsn or self.dsn, min_size=concurrency, max_size=concurrency)
        latencies: list[float] = []
        work = iter(enumerate(contacts))

        async def worker() -> None:
            async with pool.acquire() as conn:
                for i, contact in work:
                    started = time.perf_counter()
                    await floor.create(
                        conn, self.org_id, uuid.UUID(self.team_ids[i % TEAMS]), uuid.UUID(contact)
                    )
                    latencies.append(time.perf_counter() - started)

        pg0, cpu0, started = self.pg.read(), time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu0
        pg1 = self.pg.read()
        await pool.close()
        n = len(contacts)
        return {
            "requests": n,
            "answered": n,
            "per_second": round(n / elapsed, 1),
            **loadgen.percentiles(latencies),
            "statuses": {},
            "transport_errors": 0,
            "server_cpu_ms": round(cpu * 1000 / n, 3),
            **(
                {"pg_cpu_ms": round((pg1 - pg0) * 1000 / n, 3)} if pg0 is not None and pg1 is not None else {}
            ),
        }

    async def overload(self) -> None:
        """256 clients against one process: everything is answered (503 with Retry-After is an
        answer), nothing fails."""
        n = 2000 * self.scale
        with Processes.rota(self.url, 1) as rota:
            admin = login(rota.ports[0], self.email)
            contacts = await make_contacts(self.dsn, self.org_id, n)
            payloads = creates(rota.ports[0], admin, self.team_ids, contacts)
            result = await Meter(rota, self.pg).run(rota.ports, payloads, 256)
        self._row("rota_overload", 1, 256, result)
        await self._rules("overload", 256)

    # the other hot calls
    async def hot_calls(self) -> None:
        n = 200 * self.scale
        with Processes.rota(self.url, 1) as rota:
            meter = Meter(rota, self.pg)

            async def at_eight(name: str, payloads: list[bytes], keep: bool) -> dict[str, Any]:
                result = await meter.run(rota.ports, payloads, 8, keep_bodies=keep)
                self.report["hot_calls"][name] = {k: v for k, v in result.items() if k != "bodies"}
                print(name, self.report["hot_calls"][name], flush=True)
                return result

            await self._hot_calls(rota.ports[0], n, at_eight)

    async def _hot_calls(self, port: int, n: int, measure: Any) -> None:
        """pick, close, assign, unassign, availability and the active list, each measured by
        `measure(name, payloads, keep_bodies)`: a manual team of 8 agents and its queue."""
        host = f"127.0.0.1:{port}"
        admin = login(port, self.email)
        team_id, agents = await self.manual_team(port, 8)
        team = {"id": team_id}

        async def waiting(count: int) -> list[str]:
            contacts = await make_contacts(self.dsn, self.org_id, count)
            result = await loadgen.run(
                [port],
                [
                    loadgen.request(
                        "POST",
                        "/api/chatbot/transfers",
                        host,
                        bearer(admin),
                        json.dumps({"contact_id": c, "team_id": team["id"]}).encode(),
                    )
                    for c in contacts
                ],
                8,
                keep_bodies=True,
            )
            return [json.loads(b)["data"]["transfer"]["id"] for b in result["bodies"]]

        def put(path: str, token: str, body: dict[str, Any] | None = None) -> bytes:
            return loadgen.request("PUT", path, host, bearer(token), json.dumps(body or {}).encode())

        await waiting(n)
        picked = await measure(
            "pick",
            [
                loadgen.request(
                    "POST",
                    f"/api/chatbot/transfers/pick?team_id={team['id']}",
                    host,
                    bearer(agents[i % 8][1]),
                )
                for i in range(n)
            ],
            True,
        )
        picked_ids = [json.loads(b)["data"]["transfer"]["id"] for b in picked["bodies"]]
        await measure("close", [put(f"/api/chatbot/transfers/{t}/close", admin) for t in picked_ids], False)
        ids = await waiting(n)
        await measure(
            "assign",
            [
                put(f"/api/chatbot/transfers/{t}/assign", admin, {"agent_id": agents[i % 8][0]})
                for i, t in enumerate(ids)
            ],
            False,
        )
        await measure(
            "unassign",
            [put(f"/api/chatbot/transfers/{t}/assign", admin, {"agent_id": None}) for t in ids],
            False,
        )
        await measure(
            "availability",
            [
                put("/api/me/availability", agents[i % 8][1], {"is_available": (i // 8) % 2 == 1})
                for i in range(n)
            ],
            False,
        )
        await measure(
            "active_list",
            [
                loadgen.request("GET", "/api/chatbot/transfers?status=active", host, bearer(admin))
                for _ in range(n)
            ],
            False,
        )
        await end_all(self.dsn)

    def login_admin(self, port: int) -> str:
        return login(port, self.email)

    async def contacts(self, n: int) -> list[str]:
        return await make_contacts(self.dsn, self.org_id, n)

    async def manual_team(self, port: int, size: int) -> tuple[str, list[tuple[str, str]]]:
        """A manual team of `size` new agents: its id, and each agent's (id, token)."""
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", headers=bearer(login(port, self.email))
        ) as c:
            team = (
                await c.post(
                    "/api/teams",
                    json={"name": f"Manual {uuid.uuid4().hex[:6]}", "assignment_strategy": "manual"},
                )
            ).json()["data"]["team"]
            agents = []
            for i in range(size):
                email = f"picker-{uuid.uuid4().hex[:8]}@bench.example"
                user = (
                    await c.post(
                        "/api/users",
                        json={
                            "email": email,
                            "full_name": f"Picker {i}",
                            "password": PASSWORD,
                            "role": "agent",
                        },
                    )
                ).json()["data"]["user"]
                await c.post(
                    f"/api/teams/{team['id']}/members", json={"user_id": user["id"], "role": "agent"}
                )
                agents.append((user["id"], login(port, email)))
        return team["id"], agents

    async def mixed(self) -> None:
        """200 clients mixing reads and writes for a minute, two processes (bench/mixed.py)."""
        seconds = 20 if self.args.quick else 60
        with Processes.rota(self.url, 2) as rota:
            result = await mixed.run(self, rota, 200, seconds)
        result["rules"] = await mixed.invariants(self.dsn)
        self.report["mixed"] = result
        print("mixed", result, flush=True)
        await end_all(self.dsn)

    # round trips, through the counting proxy (never while throughput is measured)
    async def round_trips(self) -> None:
        n, warm = 40, 5
        counts = self.report["round_trips"]

        async def counted(name: str, run: Any, payloads: list[Any]) -> dict[str, Any]:
            first = await run(payloads[:warm])  # statements prepared, caches filled
            self.proxy.count = 0
            rest = await run(payloads[warm:])
            counts[name] = round(self.proxy.count / max(1, len(payloads) - warm), 2)
            print("round trips", name, counts[name], flush=True)
            if "bodies" in rest:
                rest["bodies"] = first["bodies"] + rest["bodies"]
            return rest

        with Processes.rota(self.proxied_url(), 1) as rota:
            admin = login(rota.ports[0], self.email)
            for name, team_ids in (
                ("create_round_robin", self.team_ids[0::2]),
                ("create_load_balanced", self.team_ids[1::2]),
            ):
                contacts = await make_contacts(self.dsn, self.org_id, n)
                await counted(
                    f"rota_{name}",
                    lambda p: loadgen.run(rota.ports, p, 1),
                    creates(rota.ports[0], admin, team_ids, contacts),
                )
            await end_all(self.dsn)

            async def one_client(name: str, payloads: list[bytes], keep: bool) -> dict[str, Any]:
                return await counted(
                    f"rota_{name}", lambda p: loadgen.run(rota.ports, p, 1, keep_bodies=keep), payloads
                )

            await self._hot_calls(rota.ports[0], n, one_client)
        with Processes.http_floor(pg_dsn(self.proxied_url()), self.org_id) as floor_server:
            port = floor_server.ports[0]
            token = jwt.encode({"sub": "bench"}, SECRET, algorithm="HS256")
            contacts = await make_contacts(self.dsn, self.org_id, n)
            await counted(
                "http_floor_create",
                lambda p: loadgen.run([port], p, 1),
                [
                    loadgen.request(
                        "POST",
                        "/create",
                        f"127.0.0.1:{port}",
                        bearer(token),
                        json.dumps({"contact_id": c, "team_id": self.team_ids[i % TEAMS]}).encode(),
                    )
                    for i, c in enumerate(contacts)
                ],
            )
        await end_all(self.dsn)
        contacts = await make_contacts(self.dsn, self.org_id, n)
        pool = await asyncpg.create_pool(pg_dsn(self.proxied_url()), min_size=1, max_size=1)
        try:

            async def floor_run(batch: list[str]) -> dict[str, Any]:
                async with pool.acquire() as conn:
                    for i, c in enumerate(batch):
                        await floor.create(
                            conn, self.org_id, uuid.UUID(self.team_ids[i % TEAMS]), uuid.UUID(c)
                        )
                return {}

            await counted("sql_floor_create", floor_run, contacts)
        finally:
            await pool.close()
        await end_all(self.dsn)

    async def reads(self) -> None:
        finished = 100_000 if self.args.quick else 1_000_000
        await bulk_history(self.dsn, self.org_id, self.team_ids, finished, 10_000)
        n = 100 if self.args.quick else 300
        with Processes.rota(self.url, 1) as rota:
            port = rota.ports[0]
            admin = login(port, self.email)
            out: dict[str, Any] = {"finished_transfers": finished, "waiting_transfers": 10_000}
            for name, path in (
                ("transfers_active", "/api/chatbot/transfers?status=active"),
                ("teams", "/api/teams"),
            ):
                payloads = [
                    loadgen.request("GET", path, f"127.0.0.1:{port}", bearer(admin)) for _ in range(n)
                ]
                await loadgen.run([port], payloads[:10], 1)
                out[name] = await Meter(rota, self.pg).run([port], payloads, 1)
        self.report["reads"] = out
        self.report["plans"] = await plans(self.dsn, self.org_id)
        await end_all(self.dsn)

    async def sqlite(self, tmp: Path) -> None:
        self.report["sqlite"] = []
        for processes in (1, 2):
            url = f"sqlite:///{tmp / f'bench-{processes}.db'}"
            await asyncio.to_thread(upgrade, url)
            env = {**os.environ, "ROTA_DATABASE_URL": url}
            email = f"sqlite-{uuid.uuid4().hex[:6]}@example.com"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rota.cli",
                    "create-admin",
                    "--org-name",
                    "SQLite",
                    "--email",
                    email,
                    "--password",
                    PASSWORD,
                    "--full-name",
                    "S",
                ],
                env=env,
                check=True,
                capture_output=True,
            )
            with Processes.rota(url, processes) as rota:
                port = rota.ports[0]
                token = login(port, email)
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=bearer(token)) as c:
                    team = (
                        await c.post(
                            "/api/teams", json={"name": "SQLite", "assignment_strategy": "round_robin"}
                        )
                    ).json()["data"]["team"]
                    for i in range(AGENTS):
                        u = (
                            await c.post(
                                "/api/users",
                                json={
                                    "email": f"s{i}@bench.example",
                                    "full_name": f"S {i}",
                                    "password": PASSWORD,
                                    "role": "agent",
                                },
                            )
                        ).json()["data"]["user"]
                        await c.post(
                            f"/api/teams/{team['id']}/members", json={"user_id": u["id"], "role": "agent"}
                        )
                    contacts = [
                        (await c.post("/api/contacts", json={"name": f"C {i}"})).json()["data"]["contact"][
                            "id"
                        ]
                        for i in range(400 * self.scale)
                    ]
                payloads = creates(port, token, [team["id"]], contacts)
                await loadgen.run(rota.ports, payloads[:50], 8)
                result = await Meter(rota, PostgresCpu(None)).run(rota.ports, payloads[50:], 8)
            result["rules_ok"] = sqlite_rules(tmp / f"bench-{processes}.db", len(contacts))
            self.report["sqlite"].append({"processes": processes, "concurrency": 8, **result})
            print("sqlite", processes, result, flush=True)


async def plans(dsn: str, org_id: uuid.UUID) -> dict[str, list[str]]:
    conn = await asyncpg.connect(dsn)
    queries = {
        "waiting_by_queue": (
            "SELECT team_id, count(*) FROM transfers WHERE organization_id = $1 AND "
            "status = 'active' AND agent_id IS NULL GROUP BY team_id",
            [org_id],
        ),
        "active_page": (
            "SELECT * FROM transfers WHERE organization_id = $1 AND status = 'active' "
            "ORDER BY priority DESC, transferred_at, id LIMIT 20",
            [org_id],
        ),
    }
    out = {}
    for name, (sql, args) in queries.items():
        out[name] = [r[0] for r in await conn.fetch("EXPLAIN " + sql, *args)]
    await conn.close()
    return out


def sqlite_rules(path: Path, created: int) -> bool:
    """Every create answered 201 made one active transfer, assigned, round robin even."""
    with sqlite3.connect(path) as db:
        per = [
            c
            for (c,) in db.execute(
                "SELECT count(*) FROM transfers WHERE status = 'active' AND agent_id IS NOT NULL GROUP BY agent_id"
            )
        ]
        dup = db.execute(
            "SELECT count(*) FROM (SELECT contact_id FROM transfers WHERE status = 'active' "
            "GROUP BY contact_id HAVING count(*) > 1)"
        ).fetchone()[0]
    return sum(per) == created and not dup and max(per) - min(per) <= 1


def postmaster_of(dsn: str) -> int | None:
    """The PostgreSQL server's main process, when it runs on this machine."""

    async def parent() -> int | None:
        conn = await asyncpg.connect(dsn)
        try:
            return parent_of(await conn.fetchval("SELECT pg_backend_pid()"))
        except OSError:
            return None  # a server on another machine: its CPU is not ours to read
        finally:
            await conn.close()

    return asyncio.run(parent())


def upstream(url: str) -> dict[str, str | int]:
    """Where the counting proxy connects: the server's Unix socket or its TCP address."""
    u = make_url(url)
    socket_dir = u.query.get("host")
    if socket_dir or not u.host:
        return {"path": f"{socket_dir or '/tmp'}/.s.PGSQL.{u.port or 5432}"}
    return {"host": u.host, "port": u.port or 5432}


async def main(args: argparse.Namespace, base_url: str, tmp: Path, postmaster: int | None) -> dict[str, Any]:
    name = f"rota_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_dsn(base_url))
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    proxy = RoundTrips(upstream(url))
    proxy.start()
    bench = Bench(args, url, PostgresCpu(postmaster), proxy)
    await bench.setup()
    phases = args.phases.split(",")
    for phase in PHASES:
        if phase in phases:
            await (bench.sqlite(tmp) if phase == "sqlite" else getattr(bench, phase)())
    return bench.report


# --- the report ---------------------------------------------------------------------------


def _cell(value: Any) -> str:
    return "-" if value is None else str(value)


def _errors(row: dict[str, Any]) -> int:
    return row.get("transport_errors", 0) + sum(
        v for k, v in row.get("statuses", {}).items() if k.startswith("5")
    )


def _alone(section: dict[str, Any], phase: str) -> list[str]:
    """A section run on its own and merged into the report (`--merge`) says so: it was stamped
    with its commit (and date and command) when merged."""
    if "commit" not in section:
        return []
    command = section.get("command", f"python bench/run.py --phases {phase}")
    date = f" on {section['date']}" if section.get("date") else ""
    return [
        f"Run on its own (`{command}`) at commit {section['commit']}{date}, and merged into this report.",
        "",
    ]


def features_markdown(f: dict[str, Any]) -> list[str]:
    s = f["settings"]
    team = ", ".join(f"{k} {s[k]}" for k in FEATURES_ON)
    out = [
        "## Creating a transfer with the routing features on and off (PostgreSQL, one process)",
        "",
        *_alone(f, "features"),
        f"*off*: a round-robin team of {f['agents']} agents (capacity {f['capacity']}), plain creates. "
        f"*on*: an otherwise identical team with {team}; {f['eligible']['on']} of its agents have "
        f"the skills every create requires ({json.dumps(s['required_skills'])}), the others have them "
        "below the level or not at all, so every automatic assignment is an offer to one of those "
        f"{f['eligible']['on']}. Fresh contacts for every create, every transfer ended between runs. "
        f"The two took turns, {f['rounds']} runs each; every figure is the median of its runs (CPU in "
        "ms per create, as above), *per run* the throughput and server CPU of each run in order. "
        "Round trips: counted apart through the proxy, one client, after warm-up. *not 201*: answers "
        "other than 201 and transport errors, all runs.",
        "",
        "| clients | features | per s | p50 ms | p99 ms | server CPU | PG CPU | round trips | not 201 | per run (per s / server CPU) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in f["rows"]:
        per_run = ", ".join(f"{x['per_second']} / {_cell(x['server_cpu_ms'])}" for x in r["runs"])
        out.append(
            f"| {r['concurrency']} | {r['kind']} | {r['per_second']} | {r['p50_ms']} | {r['p99_ms']} | "
            f"{_cell(r['server_cpu_ms'])} | {_cell(r['pg_cpu_ms'])} | "
            f"{_cell(f.get('round_trips', {}).get(r['kind']))} | {r['not_created']} | {per_run} |"
        )
    out += ["", "On / off:", ""]
    for clients, ratio in f["ratios"].items():
        cpu = ratio.get("server_cpu_ms")
        verdict = "-" if cpu is None else ("within 10 %" if cpu <= 1.10 else "more than 10 % above off")
        rounds = sorted(ratio.get("server_cpu_ms_by_round", []))
        spread = f" (round by round: {rounds[0]} to {rounds[-1]})" if rounds else ""
        out.append(
            f"- {clients} clients: server CPU per create x{_cell(cpu)}, {verdict}{spread}; creates/s "
            f"x{_cell(ratio.get('per_second'))}; PostgreSQL CPU per create x{_cell(ratio.get('pg_cpu_ms'))}; "
            f"p99 x{_cell(ratio.get('p99_ms'))}."
        )
    same = f.get("same_time")
    if same:
        ratio = same["server_cpu_ms_ratio"]
        rounds = sorted(same["server_cpu_ms_by_round"])
        out += [
            f"- At the same time ({same['concurrency']} clients on each of two processes, one serving "
            f"off and the other on, swapping every round; {same['rounds']} rounds of {same['creates']} "
            f"creates each): server CPU per create off {same['server_cpu_ms']['off']} ms, on "
            f"{same['server_cpu_ms']['on']} ms; on / off x{ratio} (median of the rounds, from "
            f"{rounds[0]} to {rounds[-1]}), {'within 10 %' if ratio <= 1.10 else 'more than 10 % above off'}. "
            f"Not 201: {same['not_created']}.",
        ]
    out += [
        "",
        "Server CPU per create is the figure to judge the features by: throughput and latency on "
        "this shared 2-core machine move with whatever else runs on it. Run after run, a noisy spell "
        "moves it too (see *per run*); off and on at the same time share each spell, which makes "
        "their ratio the steadier figure.",
        "",
        "Rules on the data of each run: "
        + "; ".join(
            f"{k}: {'ok' if v['ok'] else '; '.join(v['problems'])}"
            for k, v in {**f["rules"], **({"same_time": same["rules"]} if same else {})}.items()
        )
        + ".",
    ]
    return out


def markdown(report: dict[str, Any], before: dict[str, Any] | None) -> str:
    rows = report["create"]
    floors = {r["concurrency"]: r for r in rows if r["kind"] == "http_floor"}
    alone = any("commit" in (report.get(phase) or {}) for phase in MERGEABLE)
    out = [
        "# Benchmark report",
        "",
        f"`python bench/run.py{' --quick' if report['quick'] else ''}` on {report['machine']}, "
        f"{report['date']}. Every figure below is from this one run"
        + (", except in the sections that say they ran on their own." if alone else "."),
        "",
        "## Creating a transfer (PostgreSQL)",
        "",
        "CPU columns are milliseconds per create: the server processes (Rota, or the HTTP "
        "floor), all of PostgreSQL, and the load generator. *of floor* is throughput / the "
        "HTTP floor's at the same clients. *5xx/lost* counts 5xx answers and transport errors. "
        "Each configuration ran several times, taking turns with the others; the row is the "
        "median run, *runs* the throughput of every run.",
        "",
        "| clients | what | procs | per s | p50 ms | p95 ms | p99 ms | server CPU | PG CPU | client CPU | of floor | 5xx/lost | runs |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in sorted(
        rows,
        key=lambda r: (
            r["concurrency"],
            ["http_floor", "rota", "sql_floor", "rota_overload"].index(r["kind"]),
            r["processes"],
        ),
    ):
        base = floors.get(r["concurrency"])
        ratio = round(r["per_second"] / base["per_second"], 2) if base and r["kind"] != "http_floor" else None
        out.append(
            f"| {r['concurrency']} | {r['kind']} | {r['processes'] or '-'} | {r['per_second']} | {r['p50_ms']} | "
            f"{r['p95_ms']} | {r['p99_ms']} | {_cell(r.get('server_cpu_ms'))} | {_cell(r.get('pg_cpu_ms'))} | "
            f"{_cell(r.get('client_cpu_ms_per_request'))} | {_cell(ratio)} | {_errors(r)} | "
            f"{', '.join(map(str, r.get('runs', [])))} |"
        )
    overload = [r for r in rows if r["kind"] == "rota_overload"]
    if overload:
        out += [
            "",
            "Overload (256 clients, one process), answers by status: "
            + ", ".join(f"{k}: {v}" for k, v in overload[0]["statuses"].items())
            + f"; transport errors: {overload[0]['transport_errors']}.",
        ]
    if report.get("features"):
        out += ["", *features_markdown(report["features"])]
    out += [
        "",
        "## Round trips per call",
        "",
        "Counted by a proxy between the client and PostgreSQL (each simple query and each "
        "extended-protocol Sync is one round trip; BEGIN and COMMIT included), one client, "
        "after warm-up.",
        "",
        "| call | round trips |",
        "|---|---:|",
    ]
    out += [f"| {k} | {v} |" for k, v in report["round_trips"].items()]
    out += [
        "",
        "## The other hot calls (8 clients, one process)",
        "",
        "| call | per s | p50 ms | p99 ms | server CPU ms | PG CPU ms | round trips | 5xx/lost |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in report["hot_calls"].items():
        out.append(
            f"| {name} | {r['per_second']} | {r['p50_ms']} | {r['p99_ms']} | {_cell(r.get('server_cpu_ms'))} | "
            f"{_cell(r.get('pg_cpu_ms'))} | {_cell(report['round_trips'].get('rota_' + name))} | {_errors(r)} |"
        )
    reads = report["reads"]
    out += [
        "",
        f"## Reads with {reads['finished_transfers']:,} finished and {reads['waiting_transfers']:,} "
        "waiting transfers (one client)",
        "",
        "| read | p50 ms | p99 ms | server CPU ms |",
        "|---|---:|---:|---:|",
    ]
    for name in ("transfers_active", "teams"):
        r = reads[name]
        out.append(f"| {name} | {r['p50_ms']} | {r['p99_ms']} | {_cell(r.get('server_cpu_ms'))} |")
    out += ["", "Query plans:", "", "```"]
    for name, plan in report["plans"].items():
        out += [f"{name}:", *plan]
    out += [
        "```",
        "",
        "## Embedded SQLite (8 clients)",
        "",
        "| procs | per s | p50 ms | p95 ms | p99 ms | server CPU ms | 5xx/lost | rules |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in report["sqlite"]:
        out.append(
            f"| {r['processes']} | {r['per_second']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
            f"{_cell(r.get('server_cpu_ms'))} | {_errors(r)} | {'ok' if r['rules_ok'] else 'BROKEN'} |"
        )
    m = report.get("mixed")
    if m:
        out += [
            "",
            f"## Mixed load: {m['clients']} clients, {m['processes']} processes, {m['seconds']} s",
            "",
            *_alone(m, "mixed"),
            f"{m['calls']} calls ({m['per_second']}/s), p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms, "
            f"p99 {m['p99_ms']} ms; failures (5xx other than 503, lost connections): {m['failures']}; "
            f"rules afterwards: {'ok' if m['rules']['ok'] else '; '.join(m['rules']['problems'])}. "
            "The 403s are the contract's refusals: picking while away, closing another agent's transfer.",
            "",
            "| call | answers by status |",
            "|---|---|",
        ]
        out += [
            f"| {op} | {', '.join(f'{k}: {v}' for k, v in c.items())} |" for op, c in m["statuses"].items()
        ]
    out += ["", "## The contract's rules on the data each phase produced", ""]
    out += [f"- {k}: {'ok' if v['ok'] else '; '.join(v['problems'])}" for k, v in report["rules"].items()]
    if before:
        out += [
            "",
            "## Before and after",
            "",
            f"Before: {before['commit']} (`bench/before.json`, the same harness on the code before "
            "the change); after: this run.",
            "",
            "| figure | before | after |",
            "|---|---:|---:|",
        ]
        for label, key in (
            ("round trips per create (round robin)", "rota_create_round_robin"),
            ("round trips per create (load balanced)", "rota_create_load_balanced"),
            *(
                (f"round trips per {c}", f"rota_{c}")
                for c in ("pick", "close", "assign", "unassign", "availability", "active_list")
            ),
        ):
            out.append(
                f"| {label} | {_cell(before['round_trips'].get(key))} | {_cell(report['round_trips'].get(key))} |"
            )
        for clients in (1, 8, 64):
            for field, label in (
                ("server_cpu_ms", "server CPU ms per create"),
                ("per_second", "creates/s"),
                ("p99_ms", "p99 ms"),
            ):
                b = next(
                    (
                        r.get(field)
                        for r in before["create"]
                        if r["kind"] == "rota" and r["processes"] == 1 and r["concurrency"] == clients
                    ),
                    None,
                )
                a = next(
                    (
                        r.get(field)
                        for r in rows
                        if r["kind"] == "rota" and r["processes"] == 1 and r["concurrency"] == clients
                    ),
                    None,
                )
                out.append(f"| {label}, 1 process, {clients} clients | {_cell(b)} | {_cell(a)} |")
        for call, after in report["hot_calls"].items():
            b = before.get("hot_calls", {}).get(call, {})
            out.append(
                f"| server CPU ms per {call} (8 clients) | {_cell(b.get('server_cpu_ms'))} | "
                f"{_cell(after.get('server_cpu_ms'))} |"
            )
        for read in ("transfers_active", "teams"):
            b, a = before.get("reads", {}).get(read, {}), report["reads"][read]
            out.append(
                f"| {read} read p50 ms / p99 ms | {_cell(b.get('p50_ms'))} / {_cell(b.get('p99_ms'))} | "
                f"{a['p50_ms']} / {a['p99_ms']} |"
            )
    return "\n".join(out) + "\n"


def ok(report: dict[str, Any]) -> bool:
    rows = [*report["create"], *report["hot_calls"].values(), *report["sqlite"]]
    features = report.get("features") or {"rules": {}, "rows": []}
    same = features.get("same_time") or {"rules": {"ok": True}, "not_created": 0}
    return (
        all(v["ok"] for v in report["rules"].values())
        and all(v["ok"] for v in features["rules"].values())
        and not any(r["not_created"] for r in features["rows"])
        and same["rules"]["ok"]
        and not same["not_created"]
        and all(r["rules_ok"] for r in report["sqlite"])
        and not any(_errors(r) for r in rows)
        and report["mixed"]["failures"] == 0
        and report["mixed"]["rules"]["ok"]
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", help="a PostgreSQL server to use (default: a pgserver one)")
    parser.add_argument("--quick", action="store_true", help="smaller runs (100k finished transfers)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each creation configuration (median reported)"
    )
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help="some of: " + ",".join(PHASES) + " (the report needs them all)",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="with --phases of sections of their own (" + ",".join(MERGEABLE) + "): merge their "
        "results into the report in --out and write --markdown again from it",
    )
    parser.add_argument("--out", default=str(HERE / "results" / "report.json"))
    parser.add_argument("--markdown", default=str(HERE / "REPORT.md"))
    parser.add_argument(
        "--before",
        default=str(HERE / "before.json"),
        help="an earlier report.json to compare with (the Before and after table)",
    )
    args = parser.parse_args()
    if args.merge and not set(args.phases.split(",")) <= set(MERGEABLE):
        parser.error("--merge takes only phases of sections of their own: " + ",".join(MERGEABLE))
    if args.merge and not Path(args.out).exists():
        parser.error(f"--merge needs a full report to merge into: {args.out}")
    tmp = Path(tempfile.mkdtemp(prefix="rota-bench-"))
    server = None
    try:
        base_url = args.postgres_url
        if base_url is None:
            import pgserver

            server = pgserver.get_server(str(tmp / "pg"), cleanup_mode="stop")
            base_url = server.get_uri()
        postmaster = postmaster_of(pg_dsn(base_url))
        uvloop.install()
        report = asyncio.run(main(args, base_url, tmp, postmaster))
    finally:
        if server is not None:
            server.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    report.update(
        quick=args.quick,
        commit=commit,
        date=time.strftime("%Y-%m-%d"),
        machine=f"{os.cpu_count()} cores, {os.uname().machine}",
    )
    if args.merge:
        src_changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], capture_output=True, text=True, cwd=HERE.parent
        ).stdout.strip()
        merged = json.loads(Path(args.out).read_text())
        for phase in args.phases.split(","):
            merged[phase] = {
                **report[phase],
                "commit": commit + (" with uncommitted changes to src/" if src_changed else ""),
                "date": report["date"],
                "command": " ".join(["python", "bench/run.py", *sys.argv[1:]]),
            }
        report = merged
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, default=str))
    if args.phases != ",".join(PHASES) and not args.merge:
        print(json.dumps(report, indent=1, default=str))
        sys.exit(0)
    before = json.loads(Path(args.before).read_text()) if Path(args.before).exists() else None
    Path(args.markdown).write_text(markdown(report, before))
    print(markdown(report, before))
    sys.exit(0 if ok(report) else 1)
