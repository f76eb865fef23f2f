"""Automatic presence: an agent whose last event stream has been gone for the organization's
`offline_after_disconnect_seconds` (at least two heartbeats) goes offline, once, by the rule of
going offline (their transfers go back unless the organization keeps them). On both databases
in-process, with streams opened through the app itself and a held clock, and across two real
server processes on PostgreSQL."""

import asyncio
import json
import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from rota.db.engine import create_engine, create_sessionmaker
from rota.live import presence
from rota.users import service as users
from rota.users.models import User
from tests.support import (
    Actor,
    Api,
    Clock,
    ServerOrg,
    ServerPool,
    assert_error,
    data,
    heavy,
    tick,
    transfer,
    transfer_now,
    until,
)

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
HEARTBEAT = timedelta(seconds=10)  # the setting's default, which `tick` uses


class Stream:
    """`GET /api/events` opened in this process through the app itself (ASGI), as a server runs
    it: the real endpoint, its generator, and its end when the client goes away (`close`)."""

    def __init__(self, client: TestClient, token: str) -> None:
        self.client, self.token = client, token
        self.status: int | None = None
        self.body = b""
        self._gone: anyio.Event | None = None

    def __enter__(self) -> "Stream":
        self.done = self.client.portal.start_task_soon(self._run)
        wait(lambda: self.status is not None or self.done.done())
        assert self.status == 200, (self.status, self.body, self.done.done() and self.done.exception())
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """The client goes away; returns once the stream has ended."""
        if not self.done.done():
            assert self._gone is not None
            self.client.portal.call(self._gone.set)
        self.done.result(timeout=30)

    async def _run(self) -> None:
        self._gone = gone = anyio.Event()
        asked = False
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/api/events",
            "raw_path": b"/api/events",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"testserver"), (b"authorization", f"Bearer {self.token}".encode())],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
            "state": {},
        }

        async def receive() -> dict[str, Any]:
            nonlocal asked
            if not asked:
                asked = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await gone.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                self.status = message["status"]
            else:
                self.body += message.get("body", b"")

        await self.client.app(scope, receive, send)

    def of(self, kind: str) -> list[dict[str, Any]]:
        """The data of the events of this type received so far."""
        found = []
        for block in self.body.decode().replace("\r\n", "\n").split("\n\n"):
            fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line)
            if fields.get("event") == kind:
                found.append(json.loads(fields["data"])["data"])
        return found


def wait(check: Any, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {check}"
        time.sleep(0.02)
    return result


def setting(admin: Actor, seconds: int | None, **more: Any) -> dict[str, Any]:
    body = {"offline_after_disconnect_seconds": seconds, **more}
    return data(admin.patch("/api/organization", json=body))["organization"]


def state(user: Actor) -> str:
    return data(user.get("/api/me"))["user"]["state"]


def last_seen(api: Api, user: Actor) -> datetime | None:
    async def read() -> datetime | None:
        async with api.client.app.state.sessionmaker() as session:
            return await session.scalar(select(User.last_seen_at).where(User.id == uuid.UUID(user.id)))

    return api.client.portal.call(read)


def set_last_seen(api: Api, at: datetime | None, *people: Actor) -> None:
    """As if these users' last stream had ended at `at` (where waiting for it would be slow)."""

    async def write() -> None:
        async with api.client.app.state.sessionmaker.begin() as session:
            ids = [uuid.UUID(p.id) for p in people]
            await session.execute(update(User).where(User.id.in_(ids)).values(last_seen_at=at))

    api.client.portal.call(write)


def beat(api: Api) -> None:
    """One heartbeat of this process (it also runs on its own, every 10 s of real time)."""
    app = api.client.app
    api.client.portal.call(presence.beat, app.state.sessionmaker, app.state.broadcaster)


def went_offline(admin: Actor, user: Actor) -> list[dict[str, Any]]:
    """The changes of the user's audit entries for going offline by themselves."""
    params = {"entity_id": user.id, "action": "user.availability_changed"}
    entries = data(admin.get("/api/audit-log", params=params))["entries"]
    return [e["changes"] for e in entries if e["changes"].get("cause") == "connection_lost"]


def team_with(api: Api, admin: Actor, *agents: Actor) -> dict[str, Any]:
    team = api.new_team(admin, assignment_strategy="round_robin")
    for agent in agents:
        api.add_member(admin, team["id"], agent)
    return team


# ---------------------------------------------------------------- the setting


def test_the_setting_is_shown_and_changed_by_admins_only(api: Api) -> None:
    admin = api.new_org()
    assert data(admin.get("/api/organization"))["organization"]["offline_after_disconnect_seconds"] is None
    assert setting(admin, 120)["offline_after_disconnect_seconds"] == 120
    assert data(admin.get("/api/organization"))["organization"]["offline_after_disconnect_seconds"] == 120
    changed = data(admin.get("/api/audit-log", params={"action": "organization.updated"}))["entries"][0]
    assert changed["changes"]["offline_after_disconnect_seconds"] == {"from": None, "to": 120}
    assert setting(admin, 86_400)["offline_after_disconnect_seconds"] == 86_400
    assert setting(admin, 1)["offline_after_disconnect_seconds"] == 1
    assert setting(admin, None)["offline_after_disconnect_seconds"] is None  # off again
    for bad in (0, -5, 86_401, "60", 1.5, True):
        body = {"offline_after_disconnect_seconds": bad}
        assert_error(admin.patch("/api/organization", json=body), 422, "validation_error")
    agent, manager = api.new_user(admin), api.new_user(admin, "manager")
    for who in (agent, manager):
        assert_error(who.patch("/api/organization", json={"offline_after_disconnect_seconds": 60}), 403)
        assert data(who.get("/api/organization"))["organization"]["offline_after_disconnect_seconds"] is None


# ---------------------------------------------------------------- the rule


def test_an_agent_whose_stream_ended_goes_offline_once(api: Api, clock: Clock) -> None:
    """Through the real stream: it writes last_seen_at when it opens and when it ends; N seconds
    later the timer round takes the agent offline, gives their transfer back, audits and tells."""
    clock.set(T0)
    admin = api.new_org()
    setting(admin, 60)
    ann = api.new_user(admin, full_name="Ann Gone")
    team = team_with(api, admin, ann)
    held = transfer(admin, team["id"])
    assert held["agent_id"] == ann.id

    with Stream(api.client, admin.token) as watching:
        assert last_seen(api, admin) == T0
        clock.advance(seconds=5)
        with Stream(api.client, ann.token):
            assert last_seen(api, ann) == T0 + timedelta(seconds=5)  # written when it opened
            clock.advance(seconds=5)
        assert last_seen(api, ann) == T0 + timedelta(seconds=10)  # and when it ended

        clock.advance(seconds=59)  # gone 59 s: not yet
        beat(api)  # the admin's stream is still open
        tick(api)
        assert state(ann) == "available"

        clock.advance(seconds=2)  # gone 61 s
        beat(api)
        done = tick(api)
        assert done is not None and done["went_offline"] >= 1
        for _ in range(2):  # once
            beat(api)
            tick(api)
        me = data(ann.get("/api/me"))["user"]
        assert (me["state"], me["is_available"]) == ("offline", False)
        assert state(admin) == "available"  # connected all along
        assert transfer_now(admin, held)["agent_id"] is None  # back in the queue
        assert went_offline(admin, ann) == [
            {
                "state": {"from": "available", "to": "offline"},
                "is_available": {"from": True, "to": False},
                "transfers_returned": 1,
                "cause": "connection_lost",
            }
        ]
        wait(lambda: watching.of("agent.availability_changed"))
        [told] = watching.of("agent.availability_changed")
        assert (told["user_id"], told["state"], told["is_available"]) == (ann.id, "offline", False)

    # coming back does not make her available: she switches back herself
    clock.advance(seconds=1)
    with Stream(api.client, ann.token):
        tick(api)
        assert state(ann) == "offline"
        data(ann.put("/api/me/availability", json={"state": "available"}))
        assert transfer_now(admin, held)["agent_id"] == ann.id  # the queue moves to her
        clock.advance(seconds=30)
        beat(api)
        tick(api)
        assert state(ann) == "available"
    assert len(went_offline(admin, ann)) == 1


def test_a_connected_agent_stays_available_and_two_heartbeats_are_the_least(api: Api, clock: Clock) -> None:
    """The setting is 1 s, but a stream's last_seen_at is written only every heartbeat: nobody is
    taken for gone before two heartbeats have passed without one."""
    clock.set(T0)
    admin = api.new_org()
    setting(admin, 1)
    ann = api.new_user(admin)
    with Stream(api.client, ann.token):
        clock.advance(seconds=15)  # 1.5 heartbeats without a beat
        tick(api)
        assert state(ann) == "available"
        for _ in range(3):  # the heartbeat keeps her
            clock.advance(seconds=15)
            beat(api)
            tick(api)
            assert state(ann) == "available"
        ended = clock.now()
    assert last_seen(api, ann) == ended
    clock.advance(seconds=19)
    tick(api)
    assert state(ann) == "available"
    clock.advance(seconds=2)  # 21 s > two heartbeats
    tick(api)
    assert state(ann) == "offline"
    assert went_offline(admin, ann)[0]["cause"] == "connection_lost"


def test_transfers_stay_when_the_organization_keeps_them(api: Api, clock: Clock) -> None:
    clock.set(T0)
    admin = api.new_org()
    setting(admin, 60, away_keeps_transfers=True)
    ann = api.new_user(admin)
    team = team_with(api, admin, ann)
    held = transfer(admin, team["id"])
    set_last_seen(api, T0 - timedelta(seconds=61), ann)
    tick(api)
    assert state(ann) == "offline"
    assert transfer_now(admin, held)["agent_id"] == ann.id  # kept
    [changes] = went_offline(admin, ann)
    assert changes["transfers_returned"] == 0


def test_who_is_left_alone(api: Api, clock: Clock) -> None:
    """Never connected, already away or offline, deactivated, or in an organization without the
    setting: untouched. Busy agents go offline like available ones."""
    clock.set(T0)
    admin = api.new_org()
    setting(admin, 60)
    never, away, offline, busy = (api.new_user(admin) for _ in range(4))
    inactive = api.new_user(admin)
    data(admin.patch(f"/api/users/{inactive.id}", json={"is_active": False}))
    data(away.put("/api/me/availability", json={"state": "away"}))
    data(offline.put("/api/me/availability", json={"state": "offline"}))
    data(busy.put("/api/me/availability", json={"state": "busy"}))
    other = api.new_org()  # the setting off
    elsewhere = api.new_user(other)
    gone = T0 - timedelta(hours=1)
    set_last_seen(api, gone, away, offline, busy, inactive, elsewhere)
    tick(api)
    tick(api)
    assert last_seen(api, never) is None and state(never) == "available"
    assert (state(away), state(offline), state(busy)) == ("away", "offline", "offline")
    assert data(admin.get(f"/api/users/{inactive.id}"))["user"]["state"] == "available"
    assert state(elsewhere) == "available"
    for user in (never, away, offline, inactive):
        assert went_offline(admin, user) == []
    assert went_offline(admin, busy)[0]["state"] == {"from": "busy", "to": "offline"}
    assert went_offline(other, elsewhere) == []
    setting(other, 60)  # turned on: the rule applies from the next round
    tick(api)
    assert state(elsewhere) == "offline"


def test_an_agent_who_reconnected_after_the_round_read_them_stays(api: Api, clock: Clock) -> None:
    """The round reads who is gone without a lock; under the agent's lock the change checks
    again, and a stream that opened in between keeps them (as does the setting turned off)."""
    clock.set(T0)
    admin = api.new_org()
    setting(admin, 60)
    ann, bob = api.new_user(admin), api.new_user(admin)
    set_last_seen(api, T0 - timedelta(seconds=120), ann, bob)
    org_id = uuid.UUID(admin.org_id)
    maker = api.client.app.state.sessionmaker

    async def read() -> list[tuple[uuid.UUID, uuid.UUID]]:
        async with maker() as session:
            return await users.disconnected(session, T0, HEARTBEAT)

    async def change(user: Actor) -> bool:
        async with maker.begin() as session:
            return await users.go_offline_if_disconnected(session, org_id, uuid.UUID(user.id), T0, HEARTBEAT)

    found = api.client.portal.call(read)
    assert {(org_id, uuid.UUID(ann.id)), (org_id, uuid.UUID(bob.id))} <= set(found)
    with Stream(api.client, ann.token):  # ann is back meanwhile
        pass
    assert api.client.portal.call(change, ann) is False
    assert state(ann) == "available" and went_offline(admin, ann) == []
    assert api.client.portal.call(change, bob) is True
    assert api.client.portal.call(change, bob) is False  # once
    assert state(bob) == "offline"
    setting(admin, None)
    carl = api.new_user(admin)
    set_last_seen(api, T0 - timedelta(seconds=120), carl)
    assert api.client.portal.call(change, carl) is False  # turned off


def test_a_presence_write_never_raises(caplog: pytest.LogCaptureFixture) -> None:
    """A stream's end is written in its cleanup: with the database down it is logged, not
    raised (the next heartbeat writes again)."""

    async def run() -> None:
        engine = create_engine("postgresql://nobody@/nothing?host=/nonexistent-socket-dir")
        try:
            await presence.seen(create_sessionmaker(engine), [uuid.uuid4()])
        finally:
            await engine.dispose()

    with caplog.at_level(logging.WARNING, logger="rota.presence"):
        asyncio.run(run())
    assert "cannot write presence" in caplog.text


# ---------------------------------------------------------------- two processes


class Reader:
    """An SSE stream read over HTTP in the background (tests/test_stream.py's, kept small)."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.connected = asyncio.Event()

    async def run(self) -> None:
        import httpx

        async with (
            httpx.AsyncClient(timeout=None) as client,
            client.stream(
                "GET", f"{self.url}/api/events", headers={"Authorization": f"Bearer {self.token}"}
            ) as resp,
        ):
            assert resp.status_code == 200
            self.connected.set()
            current: dict[str, str] = {}
            async for line in resp.aiter_lines():
                if not line:
                    if "event" in current:
                        self.events.append((current["event"], json.loads(current["data"])["data"]))
                    current = {}
                elif not line.startswith(":"):
                    key, _, value = line.partition(":")
                    current[key] = value.strip()

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [d for k, d in self.events if k == kind]


@pytest.fixture
def presence_pool(fresh_database: str) -> Any:
    """Two processes beating every 2 s (a loaded machine may delay a beat by a second) and
    running timer rounds every 0.2 s."""
    env = {"ROTA_TIMER_INTERVAL_SECONDS": "0.2", "ROTA_PRESENCE_HEARTBEAT_SECONDS": "2"}
    pool = ServerPool(fresh_database, processes=2, env=env)
    try:
        pool.start()
        yield pool
    finally:
        pool.stop()


@heavy
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_two_processes_take_a_disconnected_agent_offline_exactly_once(presence_pool: ServerPool) -> None:
    org = ServerOrg(presence_pool)
    org.call("PATCH", "/api/organization", json={"offline_after_disconnect_seconds": 1})  # 2 beats: 4 s
    agent, agent_token = org.user_and_token()
    team = org.team("round_robin", [(agent, "agent")])
    held = org.transfer(team["id"])
    assert held["agent_id"] == agent["id"]

    def agent_state() -> str:
        return org.call("GET", f"/api/users/{agent['id']}")["user"]["state"]

    def offline_entries() -> list[dict[str, Any]]:
        params = {"entity_id": agent["id"], "action": "user.availability_changed"}
        return [e["changes"] for e in org.call("GET", "/api/audit-log", params=params)["entries"]]

    async def scenario() -> Reader:
        # the admin watches on process B (and stays connected: the heartbeat keeps them too)
        watching = Reader(presence_pool.urls[1], org.token)
        ann = Reader(presence_pool.urls[0], agent_token)  # the agent on process A
        tasks = [asyncio.create_task(r.run()) for r in (watching, ann)]
        await asyncio.wait_for(asyncio.gather(watching.connected.wait(), ann.connected.wait()), 15)
        for _ in range(6):  # 6 s: three heartbeats, 30 rounds of each process's timer
            await asyncio.sleep(1)
            assert await asyncio.to_thread(agent_state) == "available"
        assert await asyncio.to_thread(offline_entries) == []
        tasks[1].cancel()  # the agent's connection drops
        dropped = time.monotonic()

        await until(lambda: watching.of("agent.availability_changed"), timeout=30)
        assert time.monotonic() - dropped >= 3.5  # not before two heartbeats had passed
        await asyncio.sleep(2)  # ten more rounds: nothing happens twice
        tasks[0].cancel()
        return watching

    watching = asyncio.run(scenario())
    assert agent_state() == "offline"
    [changes] = offline_entries()
    assert changes["cause"] == "connection_lost" and changes["transfers_returned"] == 1
    told = [e for e in watching.of("agent.availability_changed") if e["user_id"] == agent["id"]]
    assert [(e["state"], e["is_available"]) for e in told] == [("offline", False)]
    assert org.call("GET", f"/api/chatbot/transfers/{held['id']}")["transfer"]["agent_id"] is None
    assert org.call("GET", "/api/users/" + org.admin.id)["user"]["state"] == "available"
