"""The reports at a million transfers (issue 15 item 5), on PostgreSQL.

Seeds one organization (10 teams of 10 agents) with `--transfers` transfers spread evenly over the
last `--days` days, straight into the database by `generate_series` (waits, handle times, SLA
breaches, closed and resumed, the last hour's still active or waiting) and their history (created,
assigned, closed or resumed), then times the report calls over HTTP against one `rota serve`
process (a warm-up, then `--runs` runs; the median, min and max) and prints EXPLAIN ANALYZE of
each statement. Every phase runs with the schema as migrated, then again without the indexes of
migration 0019 (to show what they are worth). Writes bench/results/reports.md.

    python bench/reports.py [--postgres-url URL] [--transfers 1000000] [--days 30] [--runs 5]
"""

import argparse
import asyncio
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event
from sqlalchemy.engine import make_url

from rota.db.engine import create_engine
from rota.migrations import upgrade
from rota.reports import repository

HERE = Path(__file__).parent
TEAMS, AGENTS, CAPACITY = 10, 10, 5
PASSWORD = "bench-password"
SLA_SECONDS = 300
# migration 0019's indexes (dropped for the second phase; recreated by nothing: the database is
# thrown away)
REPORT_INDEXES = (
    "ix_transfers_org_transferred",
    "ix_transfers_org_first_assigned",
    "ix_transfers_org_ended",
    "ix_transfers_org_breached",
    "ix_transfer_events_assignments",
    "ix_transfer_events_handovers",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_database(server_url: str) -> str:
    name = f"rota_reports_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(pg_dsn(server_url))
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(server_url: str, url: str) -> None:
    conn = await asyncpg.connect(pg_dsn(server_url))
    await conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    await conn.close()


def rota_cli(url: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "rota.cli", *args],
        env={**os.environ, "ROTA_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


# --- the data -------------------------------------------------------------------------------------


async def seed(url: str, org_id: uuid.UUID, n: int, days: int, end: datetime) -> dict[str, Any]:
    """10 teams of 10 agents, then `n` transfers evenly over `days` days up to `end` and their
    history, by SQL in bulk. Each transfer: a wait of 1200 s x random^4 (most short, 29 % past
    the 300 s SLA, which is then marked breached at its due time), a handle time of 60-3060 s, 10 %
    resumed; those not assigned by `end` wait, those not ended by then are active; 3 % had
    another agent first (unassigned, or reassigned by a manager)."""
    conn = await asyncpg.connect(pg_dsn(url))
    started = time.monotonic()
    teams, agents = [], []
    for t in range(TEAMS):
        team_id = uuid.uuid4()
        teams.append(team_id)
        await conn.execute(
            "INSERT INTO teams (id, organization_id, name, name_key, assignment_strategy, is_active, "
            "version, overflow_policy, sla_first_assignment_seconds, created_at, updated_at) VALUES "
            "($1, $2, $3, $4, 'load_balanced', true, 1, 'wait', $5, now(), now())",
            team_id,
            org_id,
            f"Team {t}",
            f"team {t}",
            SLA_SECONDS,
        )
        members = [uuid.uuid4() for _ in range(AGENTS)]
        agents += members
        await conn.executemany(
            "INSERT INTO users (id, organization_id, email, full_name, password_hash, role, is_active, "
            "is_available, max_active_transfers, created_at, updated_at) VALUES ($1, $2, $3, $4, 'x', "
            "'agent', true, true, $5, now(), now())",
            [
                (a, org_id, f"agent{t}-{i}@bench.example", f"Agent {t}-{i}", CAPACITY)
                for i, a in enumerate(members)
            ],
        )
        await conn.executemany(
            "INSERT INTO team_members (id, team_id, user_id, role, created_at) VALUES ($1, $2, $3, 'agent', now())",
            [(uuid.uuid4(), team_id, a) for a in members],
        )
    await conn.execute("SELECT setseed(0.2026)")
    await conn.execute(
        """CREATE TEMP TABLE seed AS
        SELECT i, t, t + w * interval '1 second' AS fa, t + (w + h) * interval '1 second' AS ended,
               w > $4 AS late, team_no, agent_no, resumed
        FROM (SELECT i, $1::timestamptz - (i * $2::float8 / $3) * interval '1 second' AS t,
                     floor(power(random(), 4) * 1200)::int AS w, 60 + floor(random() * 3000)::int AS h,
                     i % 10 AS team_no, floor(random() * 10)::int AS agent_no, random() < 0.1 AS resumed
              FROM generate_series(1, $3) i) s""",
        end,
        days * 86400.0,
        n,
        SLA_SECONDS,
    )
    active = await conn.fetchval("SELECT count(*) FROM seed WHERE ended > $1", end)
    shared = await conn.fetch(
        "INSERT INTO contacts (id, organization_id, name, custom_attributes, created_at, updated_at) "
        "SELECT gen_random_uuid(), $1, 'Bench ' || g, '{}', now(), now() FROM generate_series(1, 1000 + $2) g "
        "RETURNING id",
        org_id,
        active,
    )
    contacts = [r["id"] for r in shared]
    await conn.execute(
        """INSERT INTO transfers (id, organization_id, contact_id, team_id, agent_id, status, priority,
               source, transferred_at, assigned_at, ended_at, updated_at, event_count, queued_at,
               first_assigned_at, first_assignment_due_at, first_assignment_breached_at)
        SELECT gen_random_uuid(), $1,
               CASE WHEN ended <= $2 THEN ($3::uuid[])[1 + i % 1000]
                    ELSE ($3::uuid[])[1000 + row_number() OVER (PARTITION BY ended <= $2 ORDER BY i)] END,
               ($4::uuid[])[1 + team_no],
               CASE WHEN fa <= $2 THEN ($5::uuid[])[1 + team_no * 10 + agent_no] END,
               CASE WHEN ended > $2 THEN 'active' WHEN resumed THEN 'resumed' ELSE 'closed' END,
               0, 'bench', t, CASE WHEN fa <= $2 THEN fa END, CASE WHEN ended <= $2 THEN ended END,
               LEAST(ended, $2), 1 + (fa <= $2)::int + (ended <= $2)::int, t,
               CASE WHEN fa <= $2 THEN fa END, t + $6 * interval '1 second',
               CASE WHEN late AND t + $6 * interval '1 second' <= $2 THEN t + $6 * interval '1 second' END
        FROM seed ORDER BY t""",
        org_id,
        end,
        contacts,
        teams,
        agents,
        SLA_SECONDS,
    )
    # 3 % of the assigned transfers had an agent before their last one, who held it for the
    # first third of its time with agents: half were unassigned (back to the queue, then given
    # to the last agent at once), half were given to the last agent by a manager
    await conn.execute(
        """CREATE TEMP TABLE handover AS
        SELECT id, ($2::uuid[])[1 + (array_position($2::uuid[], agent_id) % $3)] AS previous,
               first_assigned_at + (LEAST(coalesce(ended_at, $4), $4) - first_assigned_at) / 3 AS at,
               CASE WHEN random() < 0.5 THEN 'unassigned' ELSE 'reassigned' END AS kind
        FROM transfers WHERE organization_id = $1 AND agent_id IS NOT NULL AND random() < 0.03""",
        org_id,
        agents,
        len(agents),
        end,
    )
    await conn.execute("UPDATE transfers t SET assigned_at = h.at FROM handover h WHERE t.id = h.id")
    await conn.execute(
        """INSERT INTO transfer_events (id, organization_id, transfer_id, seq, type, team_id, agent_id,
               details, created_at)
        SELECT gen_random_uuid(), $1, id, seq, type, team_id, agent, details::json, at FROM (
            SELECT id, 1 AS seq, 'created' AS type, team_id, NULL::uuid AS agent, '{}' AS details,
                   transferred_at AS at
            FROM transfers WHERE organization_id = $1
            UNION ALL
            SELECT t.id, 2, 'assigned', team_id, coalesce(h.previous, agent_id), '{}', first_assigned_at
            FROM transfers t LEFT JOIN handover h ON h.id = t.id
            WHERE organization_id = $1 AND first_assigned_at IS NOT NULL
            UNION ALL
            SELECT t.id, 3, 'unassigned', team_id, NULL, json_build_object('previous_agent_id', h.previous)::text, h.at
            FROM transfers t JOIN handover h ON h.id = t.id WHERE h.kind = 'unassigned'
            UNION ALL
            SELECT t.id, CASE WHEN h.kind = 'unassigned' THEN 4 ELSE 3 END, 'assigned', team_id, agent_id,
                   json_build_object('explicit', true, 'previous_agent_id',
                                     CASE WHEN h.kind = 'reassigned' THEN h.previous END)::text, h.at
            FROM transfers t JOIN handover h ON h.id = t.id
            UNION ALL
            SELECT t.id, 3 + CASE h.kind WHEN 'unassigned' THEN 2 WHEN 'reassigned' THEN 1 ELSE 0 END,
                   status, team_id, agent_id, '{}', ended_at
            FROM transfers t LEFT JOIN handover h ON h.id = t.id
            WHERE organization_id = $1 AND ended_at IS NOT NULL
        ) lines ORDER BY at""",
        org_id,
    )
    await conn.execute(
        "UPDATE transfers t SET event_count = (SELECT max(seq) FROM transfer_events e WHERE e.transfer_id = t.id) "
        "FROM handover h WHERE t.id = h.id"
    )
    seeded = time.monotonic() - started
    await conn.execute("VACUUM ANALYZE")
    await conn.close()
    return {"seconds": round(seeded, 1), "counts": await counts(url), "teams": teams}


async def counts(url: str) -> dict[str, Any]:
    conn = await asyncpg.connect(pg_dsn(url))
    found = {
        "transfers": await conn.fetchval("SELECT count(*) FROM transfers"),
        "history lines": await conn.fetchval("SELECT count(*) FROM transfer_events"),
        "waiting": await conn.fetchval(
            "SELECT count(*) FROM transfers WHERE status = 'active' AND agent_id IS NULL"
        ),
        "active with an agent": await conn.fetchval(
            "SELECT count(*) FROM transfers WHERE status = 'active' AND agent_id IS NOT NULL"
        ),
        "transfers table + indexes": await conn.fetchval(
            "SELECT pg_size_pretty(pg_total_relation_size('transfers'))"
        ),
        "history table + indexes": await conn.fetchval(
            "SELECT pg_size_pretty(pg_total_relation_size('transfer_events'))"
        ),
    }
    await conn.close()
    return found


async def seeded_before(url: str) -> tuple[uuid.UUID, str, datetime, list[uuid.UUID]]:
    """The organization, admin, end and teams of a database seeded by an earlier run."""
    conn = await asyncpg.connect(pg_dsn(url))
    org_id = await conn.fetchval("SELECT id FROM organizations WHERE name = 'Bench'")
    email = await conn.fetchval(
        "SELECT email FROM users WHERE organization_id = $1 AND role = 'admin'", org_id
    )
    last = await conn.fetchval("SELECT max(transferred_at) FROM transfers WHERE organization_id = $1", org_id)
    teams = [
        r[0]
        for r in await conn.fetch("SELECT id FROM teams WHERE organization_id = $1 ORDER BY name", org_id)
    ]
    await conn.close()
    end = last.replace(second=0, microsecond=0) + timedelta(minutes=1)  # the last came seconds before it
    return org_id, email, end, teams


def restore_indexes(url: str) -> None:
    """The indexes of migration 0019 again (the second phase dropped them), for a kept database."""
    from alembic import command

    from rota.migrations import alembic_config

    command.stamp(alembic_config(url), "0018")
    upgrade(url)


# --- the calls ------------------------------------------------------------------------------------


class Server:
    def __init__(self, url: str) -> None:
        self.port = free_port()
        env = {**os.environ, "ROTA_DATABASE_URL": url, "ROTA_TIMER_INTERVAL_SECONDS": "0"}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rota.cli",
                "serve",
                "--no-migrate",
                "--log-level",
                "warning",
                "--port",
                str(self.port),
            ],
            env=env,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("rota serve did not start") from None
                time.sleep(0.1)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=300)

    def login(self, email: str) -> None:
        resp = self.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        resp.raise_for_status()
        self.client.headers["Authorization"] = f"Bearer {resp.json()['data']['access_token']}"

    def stop(self) -> None:
        self.client.close()
        self.proc.terminate()
        self.proc.wait(timeout=30)


def timed(server: Server, path: str, params: dict[str, str], runs: int) -> dict[str, Any]:
    times, size = [], 0
    for n in range(runs + 1):
        started = time.perf_counter()
        resp = server.client.get(path, params=params)
        elapsed = time.perf_counter() - started
        assert resp.status_code == 200, resp.text[:500]
        size = len(resp.content)
        if n:  # the first is a warm-up
            times.append(elapsed * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "bytes": size,
    }


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def cases(end: datetime, days: int, team: uuid.UUID) -> list[tuple[str, str, dict[str, str]]]:
    month, day = end - timedelta(days=days), end - timedelta(days=1)
    return [
        (
            "transfers, organization, 30 days by day",
            "transfers",
            {"from": iso(month), "to": iso(end), "bucket": "day"},
        ),
        (
            "transfers, organization, 30 days by day, America/New_York",
            "transfers",
            {"from": iso(month), "to": iso(end), "bucket": "day", "tz": "America/New_York"},
        ),
        (
            "transfers, organization, 30 days by hour (720 buckets)",
            "transfers",
            {"from": iso(month), "to": iso(end), "bucket": "hour"},
        ),
        (
            "transfers, organization, 1 day by hour",
            "transfers",
            {"from": iso(day), "to": iso(end), "bucket": "hour"},
        ),
        (
            "transfers, one team, 30 days by day",
            "transfers",
            {"from": iso(month), "to": iso(end), "bucket": "day", "team_id": str(team)},
        ),
        (
            "transfers, one team, 1 day by hour",
            "transfers",
            {"from": iso(day), "to": iso(end), "bucket": "hour", "team_id": str(team)},
        ),
        (
            "transfers, organization, 30 days by day, CSV",
            "transfers",
            {"from": iso(month), "to": iso(end), "bucket": "day", "format": "csv"},
        ),
        ("agents, organization, 30 days", "agents", {"from": iso(month), "to": iso(end)}),
        ("agents, organization, 1 day", "agents", {"from": iso(day), "to": iso(end)}),
        ("agents, one team, 30 days", "agents", {"from": iso(month), "to": iso(end), "team_id": str(team)}),
        ("agents, one team, 1 day", "agents", {"from": iso(day), "to": iso(end), "team_id": str(team)}),
    ]


# --- the plans ------------------------------------------------------------------------------------


async def explain(
    url: str, org_id: uuid.UUID, end: datetime, days: int, team: uuid.UUID
) -> dict[str, list[str]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement of the reports (as the repository builds them)."""
    from rota.reports import measures

    engine = create_engine(url)

    def prefix(conn: Any, cursor: Any, statement: str, *rest: Any) -> tuple[str, Any]:
        return "EXPLAIN (ANALYZE, BUFFERS) " + statement, rest[0]

    event.listen(engine.sync_engine, "before_cursor_execute", prefix, retval=True)
    month, day = end - timedelta(days=days), end - timedelta(days=1)
    now = datetime.now(UTC)
    zone = measures.ZoneInfo("UTC")
    statements: list[tuple[str, Any, dict[str, Any]]] = []
    for label, start, bucket, team_id in (
        ("organization, 30 days by day", month, "day", None),
        ("organization, 1 day by hour", day, "hour", None),
        ("one team, 1 day by hour", day, "hour", team),
    ):
        starts = measures.bucket_starts(start, end, bucket, zone)  # type: ignore[arg-type]
        assert starts is not None
        params = {"start": start, "end": end, "starts": starts}
        for part, build in (
            ("created, ended, breached, waiting", repository._transfer_counts),
            ("first assignments and their waits", repository._first_assignments),
        ):
            statements.append((f"transfers, {label}: {part}", build(org_id, team_id), params))
    for label, start, team_id in (
        ("organization, 30 days", month, None),
        ("organization, 1 day", day, None),
        ("one team, 30 days", month, team),
        ("one team, 1 day", day, team),
    ):
        params = {"start": start, "end": end, "now": now, "upto": min(end, now)}
        for part, build in (
            ("assignments", repository._assignments),
            ("closed, resumed, handle time", repository._handled),
            ("held by the last agent", repository._held_last),
            ("held before a handover", repository._held_before),
        ):
            statements.append((f"agents, {label}: {part}", build(org_id, team_id), params))
    plans = {}
    async with engine.connect() as conn:
        for label, statement, params in statements:
            rows = (await conn.execute(statement, params)).all()
            plans[label] = [r[0] for r in rows]
    await engine.dispose()
    return plans


def execution_ms(plan: list[str]) -> float:
    return float(next(line for line in plan if line.startswith("Execution Time")).split()[2])


# --- the run --------------------------------------------------------------------------------------


async def drop_indexes(url: str) -> list[str]:
    conn = await asyncpg.connect(pg_dsn(url))
    dropped = []
    for name in REPORT_INDEXES:
        if await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", name):
            await conn.execute(f"DROP INDEX {name}")
            dropped.append(name)
    await conn.execute("ANALYZE")
    await conn.close()
    return dropped


async def write_cost(url: str, org_id: uuid.UUID, runs: int) -> dict[str, float]:
    """What the indexes cost writes: 20,000 transfers written and then closed, with three history
    lines each, as bulk SQL in a transaction that is rolled back (the median of `runs`; ms per
    1000 transfers). The create path writes one transfer and its lines per statement; this is
    the same index maintenance, without the rest of a request."""
    conn = await asyncpg.connect(pg_dsn(url))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        tx = conn.transaction()
        await tx.start()
        await conn.execute(
            """CREATE TEMP TABLE written ON COMMIT DROP AS
            SELECT gen_random_uuid() AS id, contact_id, team_id, agent_id, transferred_at, first_assigned_at,
                   first_assignment_due_at FROM transfers WHERE organization_id = $1 AND status <> 'active'
            LIMIT 20000""",
            org_id,
        )
        await conn.execute(
            """INSERT INTO transfers (id, organization_id, contact_id, team_id, agent_id, status, priority,
                   transferred_at, assigned_at, updated_at, event_count, queued_at, first_assigned_at,
                   first_assignment_due_at)
            SELECT id, $1, contact_id, team_id, agent_id, 'closed', 0, transferred_at, first_assigned_at,
                   transferred_at, 3, transferred_at, first_assigned_at, first_assignment_due_at FROM written""",
            org_id,
        )
        await conn.execute(
            """INSERT INTO transfer_events (id, organization_id, transfer_id, seq, type, team_id, agent_id,
                   details, created_at)
            SELECT gen_random_uuid(), $1, id, seq, type, team_id, agent, '{}', at FROM (
                SELECT id, 1 AS seq, 'created' AS type, team_id, NULL::uuid AS agent, transferred_at AS at FROM written
                UNION ALL SELECT id, 2, 'assigned', team_id, agent_id, first_assigned_at FROM written
                UNION ALL SELECT id, 3, 'closed', team_id, agent_id, first_assigned_at + interval '10 minutes'
                FROM written) lines""",
            org_id,
        )
        await conn.execute(
            "UPDATE transfers t SET ended_at = w.first_assigned_at + interval '10 minutes' FROM written w "
            "WHERE t.id = w.id"
        )
        elapsed = time.perf_counter() - started
        await tx.rollback()
        times.append(elapsed * 1000 / 20)
    await conn.close()
    return {"median_ms_per_1000": round(statistics.median(times), 1), "min": round(min(times), 1)}


def phase(
    url: str, email: str, org_id: uuid.UUID, end: datetime, days: int, team: uuid.UUID, runs: int
) -> dict[str, Any]:
    server = Server(url)
    try:
        server.login(email)
        calls = {}
        for label, kind, params in cases(end, days, team):
            calls[label] = timed(server, f"/api/reports/{kind}", params, runs)
            print(f"  {label}: {calls[label]}", flush=True)
    finally:
        server.stop()
    plans = asyncio.run(explain(url, org_id, end, days, team))
    for label, plan in plans.items():
        print(f"  EXPLAIN {label}: {execution_ms(plan)} ms", flush=True)
    writes = asyncio.run(write_cost(url, org_id, runs))
    print(f"  writes: {writes}", flush=True)
    return {"calls": calls, "plans": plans, "writes": writes}


READING = """How to read them:

- A period of a day touches a thirtieth of the data: the indexes of migration 0019 (transfers by
  organization and created / first assigned / ended / breached; the history's assignment lines
  and handover lines, both partial) make those reports 5 to 13 times faster. A 30-day report of
  the organization reads every transfer anyway: the indexes matter little there, and the time is
  one pass per measure over the table (`width_bucket` against the buckets' first instants, a
  binary search), plus sorting the waits for the percentiles (each bucket's own, and the whole
  period's once). The number of buckets costs almost nothing (31 days or 720 hours).
- Percentiles: each bucket's (or agent's) values are gathered with `array_agg` (hashing or
  sorting only the bucket numbers) and only they are sorted. While this was developed (same data,
  a busier machine), an ordered-set aggregate grouped by agent instead sorted the whole period to
  disk (4 MB `work_mem`) and took 4 times as long (3.7-4.2 s against 0.8-0.9 s).
- The agents' time held comes from the transfers (their last agent, since `assigned_at`) and from
  the history's handover lines (unassigned, moved, declined, lapsed, or reassigned by people; a
  partial index of a few percent of the lines), each looking back at the line that gave the
  transfer. The first version ran a window (`lead` over each transfer's lines) over the whole
  history: 48 s for the 30-day organization report, on a busy machine.
- The report's transaction plans each statement for its values (`plan_cache_mode =
  force_custom_plan`): after five runs PostgreSQL would otherwise settle on a generic plan, which
  cannot tell a day from a month; while this was developed, the calls after the fifth were up to
  60 % slower without it."""


def markdown(result: dict[str, Any]) -> str:
    seeded = result["seed"]
    out = [
        "# Reports at a million transfers",
        "",
        f"`python bench/reports.py --transfers {result['transfers']} --days {result['days']} --runs {result['runs']}` "
        f"on {result['machine']}, PostgreSQL {result['postgres']}, {result['date']}.",
        "",
        f"Seeded by SQL in bulk in {seeded['seconds']} s (then `VACUUM ANALYZE`): "
        + ", ".join(f"{k}: {v}" for k, v in seeded["counts"].items())
        + ". One organization, 10 teams of 10 agents; transfers evenly over the period, each with a "
        "wait of 1200 s x random^4 (29 % past the 300 s SLA), a handle time of 60-3060 s, 10 % resumed; "
        "history: created, assigned, closed or resumed; 3 % of the assigned had another agent for "
        "the first third of their time with agents (half unassigned then given again, half "
        "reassigned by a manager).",
        "",
        "Each call over HTTP to one `rota serve` process (JSON answer unless CSV; the whole "
        f"request: authentication, the queries, the answer), a warm-up then {result['runs']} runs.",
        "",
    ]
    phases = result["phases"]
    names = list(phases)
    header = "| report | " + " | ".join(f"{n}: median (min-max) ms" for n in names) + " |"
    out += [header, "|---|" + "---:|" * len(names)]
    for label in phases[names[0]]["calls"]:
        cells = []
        for n in names:
            c = phases[n]["calls"][label]
            cells.append(f"{c['median_ms']} ({c['min_ms']}-{c['max_ms']})")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out += [
        "",
        "What the indexes cost writes (`write_cost`: 20,000 transfers inserted, their 60,000 history "
        "lines inserted, then the transfers closed, in bulk, rolled back; ms per 1000 transfers, "
        "median (min)): "
        + ", ".join(
            f"{n}: {phases[n]['writes']['median_ms_per_1000']} ({phases[n]['writes']['min']})" for n in names
        )
        + ".",
        "",
        READING,
        "",
        "EXPLAIN ANALYZE execution time of each statement (ms):",
        "",
    ]
    out += ["| statement | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label in phases[names[0]]["plans"]:
        out.append(
            f"| {label} | " + " | ".join(str(execution_ms(phases[n]["plans"][label])) for n in names) + " |"
        )
    for n in names:
        out += ["", f"## Plans: {n}", ""]
        for label, plan in phases[n]["plans"].items():
            out += [f"### {label}", "", "```", *plan, "```", ""]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres-url", help="a PostgreSQL server to use (default: a pgserver one)")
    parser.add_argument("--transfers", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is printed)")
    parser.add_argument(
        "--reuse", metavar="URL", help="the database a run with --keep left (not seeded again)"
    )
    parser.add_argument("--output", default=str(HERE / "results" / "reports.md"))
    args = parser.parse_args()
    server_url, pg, tmp = args.postgres_url, None, None
    if server_url is None and not args.reuse:
        import pgserver

        tmp = Path(tempfile.mkdtemp(prefix="rota-reports-bench-"))
        pg = pgserver.get_server(str(tmp / "pg"), cleanup_mode="stop")
        server_url = pg.get_uri()
    url = args.reuse or asyncio.run(create_database(server_url))
    try:
        print(f"database: {url}", flush=True)
        upgrade(url)
        if args.reuse:
            org_id, email, end, teams = asyncio.run(seeded_before(url))
            seeded = {
                "seconds": "(seeded by an earlier run)",
                "counts": asyncio.run(counts(url)),
                "teams": teams,
            }
        else:
            email = f"admin-{uuid.uuid4().hex[:6]}@bench.example"
            ids = json.loads(
                rota_cli(
                    url,
                    "create-admin",
                    "--org-name",
                    "Bench",
                    "--email",
                    email,
                    "--password",
                    PASSWORD,
                    "--full-name",
                    "Bench Admin",
                )
            )
            org_id = uuid.UUID(ids["organization_id"])
            end = datetime.now(UTC).replace(second=0, microsecond=0)
            print(f"seeding {args.transfers} transfers over {args.days} days up to {end}", flush=True)
            seeded = asyncio.run(seed(url, org_id, args.transfers, args.days, end))
        print(f"  {seeded['seconds']} s, {seeded['counts']}", flush=True)

        async def version() -> str:
            conn = await asyncpg.connect(pg_dsn(url))
            try:
                return await conn.fetchval("SHOW server_version")
            finally:
                await conn.close()

        result: dict[str, Any] = {
            "transfers": args.transfers,
            "days": args.days,
            "runs": args.runs,
            "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
            "postgres": asyncio.run(version()),
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "seed": {k: v for k, v in seeded.items() if k != "teams"},
            "phases": {},
        }
        team = seeded["teams"][0]
        phases: list[tuple[str, Callable[[], Any] | None]] = [
            ("with the 0019 indexes", None),
            ("without them", lambda: asyncio.run(drop_indexes(url))),
        ]
        for name, before in phases:
            if before is not None and not before():
                continue
            print(f"phase: {name}", flush=True)
            result["phases"][name] = phase(url, email, org_id, end, args.days, team, args.runs)
        Path(args.output).write_text(markdown(result))
        print(f"wrote {args.output}", flush=True)
        if args.keep or args.reuse:
            restore_indexes(url)
    finally:
        if not (args.keep or args.reuse) and server_url is not None:
            asyncio.run(drop_database(server_url, url))
        if pg is not None:
            pg.cleanup()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
