"""The live event stream (Server-Sent Events) on real server processes: each role sees exactly
what it may, a reconnect catches up with Last-Event-ID, and an event raised in one process
reaches a client connected to another."""

import asyncio
import json
from typing import Any

import httpx
import pytest

from tests.support import ServerOrg, ServerPool, heavy, passes, unique, until

pytestmark = heavy

# After what a test waits for has arrived, how long it keeps listening for what must not come
# (anything sent is queued for every subscriber of the process at once, in the order of the stream).
SETTLE = 0.5


class Reader:
    """Reads an SSE stream in the background and keeps every event."""

    def __init__(self, url: str, token: str, last_event_id: str | None = None) -> None:
        self.url, self.token, self.last_event_id = url, token, last_event_id
        self.events: list[dict[str, Any]] = []
        self.connected = asyncio.Event()

    async def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        async with (
            httpx.AsyncClient(timeout=None) as client,
            client.stream("GET", f"{self.url}/api/events", headers=headers) as resp,
        ):
            assert resp.status_code == 200, await resp.aread()
            self.connected.set()
            current: dict[str, Any] = {}
            async for line in resp.aiter_lines():
                if not line:
                    if "event" in current:
                        self.events.append(current)
                    current = {}
                elif not line.startswith(":"):
                    key, _, value = line.partition(":")
                    current[key] = value.strip()

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [json.loads(e["data"]) for e in self.events if e["event"] == kind]

    def transfer_ids(self, kind: str) -> set[str]:
        return {e["data"]["transfer"]["id"] for e in self.of(kind)}


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_each_role_sees_what_it_may_across_processes(server_pool: ServerPool) -> None:
    org, other = ServerOrg(server_pool), ServerOrg(server_pool)
    manager, manager_token = org.user_and_token("manager")
    agent, agent_token = org.user_and_token()
    outsider, outsider_token = org.user_and_token()
    team = org.call("POST", "/api/teams", 201, json={"name": unique("A"), "assignment_strategy": "manual"})[
        "team"
    ]
    elsewhere = org.call("POST", "/api/teams", 201, json={"name": unique("B")})["team"]
    org.call(
        "POST", f"/api/teams/{team['id']}/members", 201, json={"user_id": manager["id"], "role": "manager"}
    )
    org.call("POST", f"/api/teams/{team['id']}/members", 201, json={"user_id": agent["id"], "role": "agent"})
    org.call(
        "POST",
        f"/api/teams/{elsewhere['id']}/members",
        201,
        json={"user_id": outsider["id"], "role": "agent"},
    )

    far = server_pool.urls[1]  # the clients listen on the other process
    readers = {
        name: Reader(far, token)
        for name, token in (
            ("admin", org.token),
            ("manager", manager_token),
            ("agent", agent_token),
            ("outsider", outsider_token),
            ("other_org", other.token),
        )
    }
    admin, mgr, agt, out, oth = (readers[n] for n in ("admin", "manager", "agent", "outsider", "other_org"))
    ids: dict[str, str] = {}

    def check() -> None:
        both = {ids["waiting"], ids["taken"]}
        # created while waiting in the team queue: the team sees it, others do not
        assert admin.transfer_ids("transfer.created") == both
        assert mgr.transfer_ids("transfer.created") == both
        assert agt.transfer_ids("transfer.created") == both
        # assigned: admin, the team's manager and the agent; the agent went away, so it came back
        for reader in (admin, mgr, agt):
            assert ids["taken"] in reader.transfer_ids("transfer.assigned")
            assert ids["taken"] in reader.transfer_ids("transfer.unassigned")
            assert [e["data"]["user_id"] for e in reader.of("agent.availability_changed")] == [agent["id"]]
            counts = reader.of("queue.counts")
            assert counts and counts[-1]["team_queue_counts"][team["id"]] == 2
        assert mgr.of("team.updated") == [] and agt.of("team.updated") == []
        assert [e["data"]["team"]["id"] for e in out.of("team.updated")] == [elsewhere["id"]]
        assert [e["data"]["team"]["id"] for e in admin.of("team.updated")] == [elsewhere["id"]]
        # the agent of another team and another organization see none of it
        assert out.of("transfer.created") == out.of("transfer.assigned") == []
        assert out.of("agent.availability_changed") == []
        assert out.of("queue.counts") == [] or all(
            team["id"] not in c["team_queue_counts"] for c in out.of("queue.counts")
        )
        assert oth.events == []

    async def scenario() -> None:
        tasks = [asyncio.create_task(r.run()) for r in readers.values()]
        await asyncio.wait_for(asyncio.gather(*(r.connected.wait() for r in readers.values())), 15)
        ids["waiting"] = (await asyncio.to_thread(org.transfer, team["id"]))["id"]
        ids["taken"] = (await asyncio.to_thread(org.transfer, team["id"]))["id"]
        await asyncio.to_thread(
            org.call,
            "PUT",
            f"/api/chatbot/transfers/{ids['taken']}/assign",
            json={"agent_id": agent["id"]},
            token=manager_token,
        )
        await asyncio.to_thread(
            org.call, "PUT", "/api/me/availability", json={"is_available": False}, token=agent_token
        )
        await asyncio.to_thread(
            org.call, "PUT", f"/api/teams/{elsewhere['id']}", json={"description": "changed"}
        )
        await until(lambda: passes(check))
        await asyncio.sleep(SETTLE)
        for t in tasks:
            t.cancel()

    asyncio.run(scenario())
    check()


@pytest.mark.parametrize("backend", ["postgres", "pgbouncer"], indirect=True)
def test_reconnect_with_last_event_id_catches_up(server_pool: ServerPool) -> None:
    org = ServerOrg(server_pool)
    team = org.call("POST", "/api/teams", 201, json={"name": unique("A"), "assignment_strategy": "manual"})[
        "team"
    ]

    async def scenario() -> tuple[Reader, Reader, list[str]]:
        first = Reader(server_pool.urls[1], org.token)
        task = asyncio.create_task(first.run())
        await asyncio.wait_for(first.connected.wait(), 15)
        await asyncio.to_thread(org.transfer, team["id"])
        # the transfer's events, then the queue counts that follow them
        await until(lambda: first.of("transfer.created") and first.events[-1]["event"] == "queue.counts")
        await asyncio.sleep(SETTLE)
        task.cancel()
        missed = [(await asyncio.to_thread(org.transfer, team["id"]))["id"] for _ in range(2)]
        last = [e for e in first.events if "id" in e][-1]["id"]
        second = Reader(server_pool.urls[0], org.token, last_event_id=last)
        task = asyncio.create_task(second.run())
        await until(lambda: len(second.of("transfer.created")) >= len(missed))
        await asyncio.sleep(SETTLE)  # nothing twice
        task.cancel()
        return first, second, missed

    first, second, missed = asyncio.run(scenario())
    assert len(first.transfer_ids("transfer.created")) == 1
    caught_up = [e["data"]["transfer"]["id"] for e in second.of("transfer.created")]
    assert caught_up == missed  # exactly what was missed, in order, nothing twice
    resp = httpx.get(
        f"{server_pool.urls[0]}/api/events",
        headers={"Authorization": f"Bearer {org.token}", "Last-Event-ID": "not-a-number"},
    )
    assert resp.status_code == 422
    assert httpx.get(f"{server_pool.urls[0]}/api/events").status_code == 401


@pytest.mark.parametrize("backend", ["postgres", "sqlite", "pgbouncer"], indirect=True)
def test_a_stream_ends_when_its_access_does_and_every_event_has_an_id(server_pool: ServerPool) -> None:
    org = ServerOrg(server_pool)
    team = org.call("POST", "/api/teams", 201, json={"name": unique("A"), "assignment_strategy": "manual"})[
        "team"
    ]
    leaving, leaving_token = org.user_and_token()
    changing, changing_token = org.user_and_token()
    for user in (leaving, changing):
        org.call(
            "POST", f"/api/teams/{team['id']}/members", 201, json={"user_id": user["id"], "role": "agent"}
        )

    async def scenario() -> tuple[Reader, Reader, Reader, list[bool]]:
        readers = [Reader(server_pool.urls[1], t) for t in (leaving_token, changing_token, org.token)]
        tasks = [asyncio.create_task(r.run()) for r in readers]
        await asyncio.wait_for(asyncio.gather(*(r.connected.wait() for r in readers)), 15)
        await asyncio.to_thread(org.transfer, team["id"])
        await until(lambda: all(r.of("transfer.created") for r in readers))
        await asyncio.to_thread(org.call, "PATCH", f"/api/users/{leaving['id']}", json={"is_active": False})
        await asyncio.to_thread(
            org.call, "PATCH", f"/api/users/{changing['id']}", json={"password": "a new password"}
        )
        await asyncio.to_thread(org.transfer, team["id"])
        admin = readers[2]
        await until(
            lambda: (
                tasks[0].done()
                and tasks[1].done()
                and len(admin.of("transfer.created")) == 2
                and admin.events[-1]["event"] == "queue.counts"
            )
        )
        await asyncio.sleep(SETTLE)  # the admin's stream goes on
        ended = [t.done() for t in tasks]
        for t in tasks:
            t.cancel()
        return (*readers, ended)  # type: ignore[return-value]

    leaving_reader, changing_reader, admin, ended = asyncio.run(scenario())
    assert ended == [True, True, False]  # the admin's stream goes on
    for reader in (leaving_reader, changing_reader):
        assert len(reader.transfer_ids("transfer.created")) == 1  # nothing after access ended
    assert len(admin.transfer_ids("transfer.created")) == 2
    assert admin.events and all(e.get("id", "").isdigit() for e in admin.events)
    assert [e for e in admin.events if e["event"] == "queue.counts"]
    # the token issued before the password changed is no longer accepted
    resp = httpx.get(f"{server_pool.urls[0]}/api/me", headers={"Authorization": f"Bearer {changing_token}"})
    assert resp.status_code == 401
    for bad in ("9223372036854775808", "9" * 40, "²", "-1", "1e3"):
        resp = httpx.get(
            f"{server_pool.urls[0]}/api/events",
            headers={"Authorization": f"Bearer {org.token}", "Last-Event-ID": bad.encode()},
        )
        assert resp.status_code == 422, (bad, resp.text)
