"""Organizations side by side: nothing of one is visible or changeable from the other."""

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support import Actor, Api, assert_error, data, unique


@dataclass
class Org:
    admin: Actor
    manager: Actor
    agent: Actor
    team: dict[str, Any]  # "Support": the manager (as manager) and the agent are members
    spare: dict[str, Any]  # a second team, no members
    key_id: str  # an API key of the admin
    key: str

    @property
    def user_ids(self) -> set[str]:
        return {self.admin.id, self.manager.id, self.agent.id}

    @property
    def team_ids(self) -> set[str]:
        return {self.team["id"], self.spare["id"]}

    def caller(self, kind: str) -> Actor:
        if kind == "api_key":  # the admin, calling with an API key instead of an access token
            return Actor(self.admin.client, self.key, self.admin.user)
        return getattr(self, kind)


def build_org(api: Api) -> Org:
    admin = api.new_org()
    # every organization has a team called "Support": names are unique per organization only
    team = api.new_team(admin, name="Support", description="Front line")
    spare = api.new_team(admin, name=unique("Spare"), assignment_strategy="manual")
    manager = api.new_member(admin, team, "manager")
    agent = api.new_member(admin, team, "agent")
    created = data(admin.post("/api/api-keys", json={"name": "bot"}), 201)
    return Org(admin, manager, agent, team, spare, created["api_key"]["id"], created["key"])


def snapshot(org: Org) -> dict[str, Any]:
    """Everything the organization's admin can read, ETags included."""
    admin = org.admin
    state: dict[str, Any] = {
        url: data(admin.get(url, params={"limit": 100}))
        for url in ("/api/teams", "/api/users", "/api/audit-log")
    }
    state["/api/api-keys"] = data(admin.get("/api/api-keys"))
    for team in state["/api/teams"]["teams"]:
        resp = admin.get(f"/api/teams/{team['id']}")
        state[f"team {team['id']}"] = (data(resp), resp.headers["ETag"])
        state[f"members {team['id']}"] = data(admin.get(f"/api/teams/{team['id']}/members"))
    for user in state["/api/users"]["users"]:
        state[f"user {user['id']}"] = data(admin.get(f"/api/users/{user['id']}"))
    return state


def fill(value: Any, **orgs: Org) -> Any:
    """Resolves "{a.team[id]}"-style placeholders in a URL or body."""
    if isinstance(value, str):
        return value.format(**orgs)
    if isinstance(value, dict):
        return {k: fill(v, **orgs) for k, v in value.items()}
    return value


# What a caller of org `b` tries against org `a`: method, URL, body, the code of the 404, and
# whether the endpoint is for admins only (other callers are then refused before any lookup).
ATTACKS = [
    ("GET", "/api/teams/{a.team[id]}", None, "team_not_found", False),
    ("PUT", "/api/teams/{a.team[id]}", {"name": "Hijacked", "is_active": False}, "team_not_found", False),
    ("PATCH", "/api/teams/{a.team[id]}", {"description": "hijacked"}, "team_not_found", False),
    ("PUT", "/api/teams/{a.spare[id]}", {"assignment_strategy": "round_robin"}, "team_not_found", False),
    ("DELETE", "/api/teams/{a.team[id]}", None, "team_not_found", True),
    ("DELETE", "/api/teams/{a.spare[id]}", None, "team_not_found", True),
    ("GET", "/api/teams/{a.team[id]}/members", None, "team_not_found", False),
    ("GET", "/api/teams/{a.team[id]}/users", None, "team_not_found", False),
    ("POST", "/api/teams/{a.team[id]}/members", {"user_id": "{b.agent.id}"}, "team_not_found", False),
    ("POST", "/api/teams/{a.spare[id]}/users", {"user_id": "{a.agent.id}"}, "team_not_found", False),
    ("DELETE", "/api/teams/{a.team[id]}/members/{a.agent.id}", None, "team_not_found", False),
    ("DELETE", "/api/teams/{a.team[id]}/users/{a.manager.id}", None, "team_not_found", False),
    ("GET", "/api/users/{a.agent.id}", None, "user_not_found", True),
    ("GET", "/api/users/{a.admin.id}", None, "user_not_found", True),
    ("PATCH", "/api/users/{a.agent.id}", {"role": "admin"}, "user_not_found", True),
    ("PATCH", "/api/users/{a.admin.id}", {"is_active": False}, "user_not_found", True),
    ("PATCH", "/api/users/{a.manager.id}", {"password": "taken-over-1"}, "user_not_found", True),
    ("DELETE", "/api/users/{a.agent.id}", None, "user_not_found", True),
    ("DELETE", "/api/users/{a.admin.id}", None, "user_not_found", True),
    ("DELETE", "/api/api-keys/{a.key_id}", None, "api_key_not_found", False),
]


def attack(caller: Actor, method: str, url: str, body: Any) -> httpx.Response:
    return caller.request(method, url, **({"json": body} if body is not None else {}))


def expected(kind: str, code: str, admin_only: bool) -> tuple[int, str]:
    if admin_only and kind in ("manager", "agent"):
        return 403, "admin_required"  # refused for the role, before any lookup
    return 404, code


@pytest.mark.parametrize("kind", ["admin", "api_key", "manager", "agent"])
def test_nothing_of_another_organization_is_reachable_by_id(api: Api, kind: str) -> None:
    """Callers of b (its admin, the admin's API key, a team manager, an agent) try every
    endpoint on a's ids: not found (or refused for their role), and nothing changes anywhere."""
    a, b = build_org(api), build_org(api)
    caller = b.caller(kind)
    before_a, before_b = snapshot(a), snapshot(b)
    wrong = []
    for method, url, body, code, admin_only in ATTACKS:
        resp = attack(caller, method, fill(url, a=a, b=b), fill(body, a=a, b=b))
        want = expected(kind, code, admin_only)
        got = resp.status_code, resp.json().get("code")
        if got != want or resp.json().get("status") != "error" or "data" in resp.json():
            wrong.append(f"{method} {url}: expected {want}, got {got} {resp.text[:200]}")
    assert not wrong, "\n".join(wrong)
    assert snapshot(a) == before_a
    after_b = snapshot(b)
    if kind == "api_key":  # the key's use is recorded on it, and only that
        for state in (before_b, after_b):
            for key in state["/api/api-keys"]["api_keys"]:
                key.pop("last_used_at")
    assert after_b == before_b


def test_adding_another_orgs_user_to_a_team_is_not_found(api: Api) -> None:
    a, b = build_org(api), build_org(api)
    before_a, before_b = snapshot(a), snapshot(b)
    for caller in (b.admin, b.manager):  # the manager manages b's Support team
        for team in (b.team, b.spare) if caller is b.admin else (b.team,):
            for user in (a.agent, a.manager, a.admin):
                for word in ("members", "users"):
                    resp = caller.post(
                        f"/api/teams/{team['id']}/{word}", json={"user_id": user.id, "role": "agent"}
                    )
                    assert_error(resp, 404, "user_not_found")
    assert snapshot(a) == before_a
    assert snapshot(b) == before_b
    assert snapshot(b)[f"team {b.team['id']}"][0]["team"]["member_count"] == 2


def test_lists_show_only_the_callers_organization(api: Api) -> None:
    a, b = build_org(api), build_org(api)
    # some more activity in a, so its lists are longer than b's
    extra = api.new_team(a.admin, name=unique("Extra"))
    api.add_member(a.admin, extra["id"], a.agent)
    a_ids = a.user_ids | a.team_ids | {extra["id"], a.key_id}
    b_ids = b.user_ids | b.team_ids | {b.key_id}

    teams = data(b.admin.get("/api/teams", params={"limit": 100}))
    assert {t["id"] for t in teams["teams"]} == b.team_ids and teams["total"] == 2
    users = data(b.admin.get("/api/users", params={"limit": 100}))
    assert {u["id"] for u in users["users"]} == b.user_ids and users["total"] == 3
    assert {u["organization_id"] for u in users["users"]} == {b.admin.org_id}
    keys = data(b.admin.get("/api/api-keys"))["api_keys"]
    assert [k["id"] for k in keys] == [b.key_id]
    log = data(b.admin.get("/api/audit-log", params={"limit": 100}))
    assert log["total"] == len(log["entries"]) > 0
    for entry in log["entries"]:
        assert entry["entity_id"] in b_ids and entry["entity_id"] not in a_ids, entry
        assert entry["actor_id"] in b.user_ids | {None}, entry
    # not even inside the recorded changes or anywhere else in the answers
    a_marks = a_ids | {a.admin.email, a.manager.email, a.agent.email}
    for url in ("/api/teams", "/api/users", "/api/audit-log", "/api/api-keys"):
        text = b.admin.get(url, params={"limit": 100}).text
        assert not [m for m in a_marks if m in text], url

    # filters and searches do not reach across either
    assert data(b.admin.get("/api/teams", params={"search": "support"}))["total"] == 1
    assert data(b.admin.get("/api/teams", params={"search": "extra"}))["total"] == 0
    assert data(b.admin.get("/api/users", params={"search": a.agent.email}))["total"] == 0
    for params in (
        {"entity_id": a.team["id"]},
        {"actor_id": a.admin.id},
        {"entity_id": a.agent.id},
        {"entity_id": a.key_id},
    ):
        assert data(b.admin.get("/api/audit-log", params=params))["total"] == 0, params

    # b's non-admins see their own team only
    for member in (b.manager, b.agent):
        mine = data(member.get("/api/teams"))
        assert [t["id"] for t in mine["teams"]] == [b.team["id"]] and mine["total"] == 1
        assert [k["id"] for k in data(member.get("/api/api-keys"))["api_keys"]] == []

    # and a's lists count a's things only, though it has more of them
    assert data(a.admin.get("/api/teams"))["total"] == 3
    assert data(a.admin.get("/api/users"))["total"] == 3


def test_the_same_names_live_in_both_organizations(api: Api) -> None:
    a, b = build_org(api), build_org(api)
    assert a.team["name"] == b.team["name"] == "Support"
    data(a.admin.post("/api/teams", json={"name": "Sales"}), 201)
    data(b.admin.post("/api/teams", json={"name": " sales "}), 201)
    assert_error(b.admin.post("/api/teams", json={"name": "SALES"}), 409, "team_name_taken")
    # renaming into a name used only by the other organization is fine
    data(b.admin.patch(f"/api/teams/{b.spare['id']}", json={"name": a.spare["name"]}))
    assert_error(
        b.admin.patch(f"/api/teams/{b.spare['id']}", json={"name": "support"}), 409, "team_name_taken"
    )
    # the same email, too
    body = {"email": a.agent.email.upper(), "full_name": "Same Mail", "password": "password-123"}
    assert data(b.admin.post("/api/users", json=body), 201)["user"]["organization_id"] == b.admin.org_id
    assert data(a.admin.get(f"/api/teams/{a.spare['id']}"))["team"]["name"] == a.spare["name"]
    assert data(a.admin.get("/api/teams", params={"search": "sales"}))["total"] == 1


def test_deleting_an_organizations_things_leaves_the_other_alone(api: Api) -> None:
    a, b = build_org(api), build_org(api)
    before_a = snapshot(a)
    data(b.admin.delete(f"/api/teams/{b.team['id']}/members/{b.agent.id}"))
    data(b.admin.delete(f"/api/teams/{b.team['id']}"))
    data(b.admin.delete(f"/api/users/{b.agent.id}"))
    data(b.admin.delete(f"/api/api-keys/{b.key_id}"))
    data(b.admin.patch(f"/api/users/{b.manager.id}", json={"is_active": False}))
    assert snapshot(a) == before_a
    # a's tokens and key still work
    assert data(a.agent.get("/api/me"))["user"]["id"] == a.agent.id
    assert data(a.caller("api_key").get("/api/me"))["user"]["id"] == a.admin.id
