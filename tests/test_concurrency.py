"""Races across two real `rota serve` processes sharing one database (PostgreSQL and SQLite)."""

import asyncio

import httpx
import pytest

from tests.support import ServerOrg, ServerPool, data, fire, heavy, statuses, unique

pytestmark = heavy

N = 40  # simultaneous requests, spread over both processes


@pytest.mark.parametrize("backend", ["postgres", "sqlite"], indirect=True)
def test_same_team_name_created_at_once(server_pool: ServerPool) -> None:
    token = ServerOrg(server_pool).token
    name = unique("Race")
    # the same name in different cases, as different people would type it
    bodies = [{"name": name.upper() if i % 2 else name.lower()} for i in range(N)]
    responses = fire(server_pool, token, "POST", "/api/teams", bodies)
    assert statuses(responses) == {201: 1, 409: N - 1}
    assert all(r.json()["code"] == "team_name_taken" for r in responses if r.status_code == 409)
    teams = data(
        httpx.get(
            f"{server_pool.urls[1]}/api/teams",
            params={"search": name},
            headers={"Authorization": f"Bearer {token}"},
        )
    )
    assert teams["total"] == 1


@pytest.mark.parametrize("backend", ["postgres", "sqlite"], indirect=True)
def test_same_member_added_at_once(server_pool: ServerPool) -> None:
    token = ServerOrg(server_pool).token
    auth = {"Authorization": f"Bearer {token}"}
    base = server_pool.urls[0]
    team = data(httpx.post(f"{base}/api/teams", json={"name": unique("T")}, headers=auth), 201)["team"]
    user = data(
        httpx.post(
            f"{base}/api/users",
            headers=auth,
            json={
                "email": f"{unique('a')}@example.com",
                "full_name": "Ann Agent",
                "password": "password-123",
                "role": "agent",
            },
        ),
        201,
    )["user"]
    bodies = [{"user_id": user["id"], "role": "agent"}] * N
    responses = fire(server_pool, token, "POST", f"/api/teams/{team['id']}/members", bodies)
    assert statuses(responses) == {201: 1, 409: N - 1}
    assert all(r.json()["code"] == "already_member" for r in responses if r.status_code == 409)
    got = data(httpx.get(f"{server_pool.urls[1]}/api/teams/{team['id']}", headers=auth))["team"]
    assert got["member_count"] == 1 and len(got["members"]) == 1
    log = data(
        httpx.get(
            f"{base}/api/audit-log",
            headers=auth,
            params={"action": "team.member_added", "entity_id": team["id"]},
        )
    )
    assert log["total"] == 1  # the refused attempts left nothing behind


@pytest.mark.parametrize("backend", ["postgres", "sqlite"], indirect=True)
def test_concurrent_wrong_passwords_are_throttled_exactly(server_pool: ServerPool) -> None:
    """40 wrong passwords for one email at once, over two processes: exactly the allowed 5
    are checked (401); every other one is refused unchecked (429)."""
    email, _ = server_pool.new_admin()

    async def run() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=120) as client:
            return await asyncio.gather(
                *(
                    client.post(
                        f"{server_pool.urls[i % 2]}/api/auth/login",
                        json={"email": email, "password": f"wrong-{i}"},
                    )
                    for i in range(N)
                )
            )

    responses = asyncio.run(run())
    assert statuses(responses) == {401: 5, 429: N - 5}
