"""An agent's load (active transfers, last assignment) is kept by the database on every path
that changes a transfer, and always equals what the transfers say."""

import uuid

from sqlalchemy import func, select

from rota.transfers.models import transfers
from rota.users.models import User
from tests.support import Actor, Api, data, transfer


def loads(api: Api, org_id: str) -> dict[str, tuple[int, int]]:
    """(kept, counted) active transfers of every user of the organization."""

    async def read() -> dict[str, tuple[int, int]]:
        async with api.client.app.state.sessionmaker() as session:
            u, t = User.__table__.c, transfers.c
            counted = select(func.count()).where(t.agent_id == u.id, t.status == "active").scalar_subquery()
            rows = await session.execute(
                select(u.id, u.active_transfers, counted).where(u.organization_id == uuid.UUID(org_id))
            )
            return {str(i): (kept, n) for i, kept, n in rows.all()}

    return api.client.portal.call(read)


def assert_kept(api: Api, admin: Actor) -> dict[str, int]:
    found = loads(api, admin.org_id)
    assert all(kept == counted for kept, counted in found.values()), found
    return {user: kept for user, (kept, _) in found.items()}


def test_the_load_follows_every_change(api: Api) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin, full_name="Ann"), api.new_user(admin, full_name="Bob")
    team = api.new_team(admin, assignment_strategy="round_robin")
    other = api.new_team(admin, assignment_strategy="manual")
    for agent in (ann, bob):
        api.add_member(admin, team["id"], agent)
        api.add_member(admin, other["id"], agent)

    made = [transfer(admin, team["id"]) for _ in range(4)]  # created, assigned by the strategy
    assert assert_kept(api, admin)[ann.id] == 2
    picked_up = transfer(admin, other["id"])
    data(ann.post(f"/api/chatbot/transfers/pick?team_id={other['id']}"))  # picked
    assert assert_kept(api, admin)[ann.id] == 3
    data(admin.put(f"/api/chatbot/transfers/{made[0]['id']}/assign", json={"agent_id": bob.id}))  # reassigned
    assert_kept(api, admin)
    data(admin.put(f"/api/chatbot/transfers/{made[1]['id']}/assign", json={"team_id": other["id"]}))  # moved
    data(admin.put(f"/api/chatbot/transfers/{made[2]['id']}/close"))  # closed
    data(admin.put(f"/api/chatbot/transfers/{made[3]['id']}/resume"))  # resumed
    assert_kept(api, admin)
    data(bob.put("/api/me/availability", json={"is_available": False}))  # released
    data(admin.patch(f"/api/users/{ann.id}", json={"is_active": False}))  # deactivated
    assert set(assert_kept(api, admin).values()) == {0}
    data(bob.put("/api/me/availability", json={"is_available": True}))  # the queues drain to Bob
    assert assert_kept(api, admin)[bob.id] > 0
    data(admin.delete(f"/api/teams/{team['id']}"))  # moved to the general queue
    data(admin.delete(f"/api/teams/{other['id']}"))
    assert set(assert_kept(api, admin).values()) == {0}
    assert picked_up["id"]


def test_the_last_assignment_is_the_newest(api: Api) -> None:
    admin = api.new_org()
    ann = api.new_user(admin)
    team = api.new_team(admin, assignment_strategy="load_balanced")
    api.add_member(admin, team["id"], ann)
    first = transfer(admin, team["id"])
    second = transfer(admin, team["id"])
    member = data(admin.get(f"/api/teams/{team['id']}/members"))["members"][0]
    assert member["last_assigned_at"] == second["assigned_at"] != first["assigned_at"]
