"""Who may do what: a permission matrix over the teams, users, audit and API-key endpoints.

Every test builds its own organization with one team ("the team", T) and another team (O):

    admin           organization admin, member of no team
    team_manager    org role manager, manager of T
    other_manager   org role manager, manager of O, not a member of T
    agent_member    org role agent, agent of T
    outside_agent   org role agent, member of no team
"""

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support import Actor, Api, assert_error, data, unique

CALLERS = ["admin", "team_manager", "other_manager", "agent_member", "outside_agent"]
# For endpoints that depend only on the organization role: one caller of each role.
ADMIN_ONLY = [("admin", True), ("team_manager", False), ("agent_member", False)]


@dataclass
class Org:
    api: Api
    admin: Actor
    team: dict[str, Any]
    other_team: dict[str, Any]
    callers: dict[str, Actor]

    @property
    def url(self) -> str:
        return f"/api/teams/{self.team['id']}"

    def user(self, role: str = "agent") -> dict[str, Any]:
        """A user of the organization who never logs in (cheaper than api.new_user)."""
        body = {
            "email": f"{unique(role)}@example.com",
            "full_name": f"{role.title()} {unique()}",
            "password": "password-123",
            "role": role,
        }
        return data(self.admin.post("/api/users", json=body), 201)["user"]

    def join(self, user: dict[str, Any], role: str) -> None:
        resp = self.admin.post(f"{self.url}/members", json={"user_id": user["id"], "role": role})
        data(resp, 201)

    def snapshot(self) -> dict[str, Any]:
        """The team as the admin sees it: its fields and its (user, role) memberships."""
        resp = self.admin.get(self.url)
        team = data(resp)["team"]
        members = sorted((m["user_id"], m["role"]) for m in team.pop("members"))
        return {**team, "members": members, "etag": resp.headers["ETag"]}


@pytest.fixture
def org(api: Api) -> Org:
    admin = api.new_org()
    team, other_team = api.new_team(admin), api.new_team(admin)
    team_manager = api.new_member(admin, team, "manager")
    other_manager = api.new_member(admin, other_team, "manager")
    agent_member = api.new_member(admin, team, "agent")
    outside_agent = api.new_user(admin, role="agent")
    callers = {
        "admin": admin,
        "team_manager": team_manager,
        "other_manager": other_manager,
        "agent_member": agent_member,
        "outside_agent": outside_agent,
    }
    return Org(api, admin, team, other_team, callers)


def expect(resp: Any, status: int) -> dict[str, Any] | None:
    """The data of a success, or the checked error envelope of a refusal."""
    if status < 400:
        return data(resp, status)
    assert_error(resp, status)
    return None


# --- no or bad credentials ------------------------------------------------------------------

# refused before any query: no credentials, or a token that cannot be read
NO_AUTH = [
    pytest.param(None, "not_authenticated", id="no-header"),
    pytest.param("Bearer garbage", "invalid_token", id="garbage-token"),
]
# refused once the database has been asked (no such key)
BAD_AUTH = [
    pytest.param("Bearer rota_nonsense", "invalid_api_key", id="bad-api-key"),
]


@pytest.mark.backend_independent
@pytest.mark.parametrize(("authorization", "code"), NO_AUTH)
def test_every_endpoint_refuses_missing_or_unreadable_credentials(
    api: Api, authorization: str | None, code: str
) -> None:
    every_endpoint_refuses(api, authorization, code)


@pytest.mark.parametrize(("authorization", "code"), BAD_AUTH)
def test_every_endpoint_refuses_an_unknown_api_key(api: Api, authorization: str, code: str) -> None:
    every_endpoint_refuses(api, authorization, code)


def every_endpoint_refuses(api: Api, authorization: str | None, code: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    key = data(admin.post("/api/api-keys", json={"name": "k"}), 201)["api_key"]
    t, u = f"/api/teams/{team['id']}", agent.id
    endpoints = [
        ("GET", "/api/me", None),
        ("GET", "/api/teams", None),
        ("POST", "/api/teams", {"name": unique("T")}),
        ("GET", t, None),
        ("PUT", t, {"name": "x"}),
        ("PATCH", t, {"name": "x"}),
        ("DELETE", t, None),
        ("GET", f"{t}/members", None),
        ("GET", f"{t}/users", None),
        ("POST", f"{t}/members", {"user_id": u}),
        ("POST", f"{t}/users", {"user_id": u}),
        ("DELETE", f"{t}/members/{u}", None),
        ("DELETE", f"{t}/users/{u}", None),
        ("GET", "/api/users", None),
        ("POST", "/api/users", {"email": "a@b.co"}),
        ("GET", f"/api/users/{u}", None),
        ("PATCH", f"/api/users/{u}", {"full_name": "x"}),
        ("DELETE", f"/api/users/{u}", None),
        ("GET", "/api/audit-log", None),
        ("GET", "/api/api-keys", None),
        ("POST", "/api/api-keys", {"name": "k"}),
        ("DELETE", f"/api/api-keys/{key['id']}", None),
    ]
    headers = {"Authorization": authorization} if authorization else {}
    before = data(admin.get(t))["team"], data(admin.get("/api/users"))["users"]
    for method, path, body in endpoints:
        resp = api.client.request(method, path, json=body, headers=headers)
        assert resp.status_code == 401, (method, path, resp.status_code, resp.text)
        assert_error(resp, 401, code)
    assert (data(admin.get(t))["team"], data(admin.get("/api/users"))["users"]) == before
    assert [k["id"] for k in data(admin.get("/api/api-keys"))["api_keys"]] == [key["id"]]


# --- teams -----------------------------------------------------------------------------------


@pytest.mark.parametrize("caller", CALLERS)
def test_list_teams_shows_admins_everything_and_others_their_own(org: Org, caller: str) -> None:
    visible = {
        "admin": [org.team, org.other_team],
        "team_manager": [org.team],
        "other_manager": [org.other_team],
        "agent_member": [org.team],
        "outside_agent": [],
    }[caller]
    got = data(org.callers[caller].get("/api/teams"))
    assert sorted(t["id"] for t in got["teams"]) == sorted(t["id"] for t in visible)
    assert got["total"] == len(visible)


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("admin", 200),
        ("team_manager", 200),
        ("other_manager", 403),
        ("agent_member", 200),
        ("outside_agent", 403),
    ],
)
def test_get_team(org: Org, caller: str, status: int) -> None:
    got = expect(org.callers[caller].get(org.url), status)
    if got is not None:
        assert got["team"]["id"] == org.team["id"] and len(got["team"]["members"]) == 2
    # a team that does not exist is 404 for everybody
    assert_error(org.callers[caller].get(f"/api/teams/{uuid.uuid4()}"), 404)


@pytest.mark.parametrize(("caller", "allowed"), ADMIN_ONLY)
def test_create_team_is_for_admins(org: Org, caller: str, allowed: bool) -> None:
    name = unique("New")
    got = expect(org.callers[caller].post("/api/teams", json={"name": name}), 201 if allowed else 403)
    names = [t["name"] for t in data(org.admin.get("/api/teams"))["teams"]]
    assert (name in names) == (got is not None)


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("admin", 200),
        ("team_manager", 200),
        ("other_manager", 403),
        ("agent_member", 403),
        ("outside_agent", 403),
    ],
)
def test_put_and_patch_team(org: Org, caller: str, status: int) -> None:
    actor, before = org.callers[caller], org.snapshot()
    new_name = unique("Renamed")
    put = expect(actor.put(org.url, json={"name": new_name, "description": "by PUT"}), status)
    patch = expect(actor.patch(org.url, json={"assignment_strategy": "manual"}), status)
    after = org.snapshot()
    if status == 200:
        assert put is not None and patch is not None
        assert (put["team"]["name"], put["team"]["description"]) == (new_name, "by PUT")
        assert patch["team"]["assignment_strategy"] == "manual"
        assert (after["name"], after["description"], after["assignment_strategy"]) == (
            new_name,
            "by PUT",
            "manual",
        )
    else:
        assert after == before


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("admin", 200),
        ("team_manager", 403),
        ("other_manager", 403),
        ("agent_member", 403),
        ("outside_agent", 403),
    ],
)
def test_delete_team_is_for_admins(org: Org, caller: str, status: int) -> None:
    before = org.snapshot()
    got = expect(org.callers[caller].delete(org.url), status)
    if got is not None:
        assert got == {"id": org.team["id"], "deleted": True}
        assert_error(org.admin.get(org.url), 404)
        assert_error(org.callers["team_manager"].get(org.url), 404)
    else:
        assert org.snapshot() == before


# --- team members (both spellings: /members and /users) --------------------------------------

WORDS = ["members", "users"]


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("admin", 200),
        ("team_manager", 200),
        ("other_manager", 403),
        ("agent_member", 403),
        ("outside_agent", 403),
    ],
)
def test_list_team_members(org: Org, caller: str, status: int) -> None:
    expected = sorted([org.callers["team_manager"].id, org.callers["agent_member"].id])
    for word in WORDS:
        got = expect(org.callers[caller].get(f"{org.url}/{word}"), status)
        if got is not None:
            assert sorted(m["user_id"] for m in got[word]) == expected, word


@pytest.mark.parametrize(
    ("caller", "role", "status"),
    [
        ("admin", "agent", 201),
        ("admin", "manager", 201),
        ("team_manager", "agent", 201),
        ("team_manager", "manager", 403),
        ("other_manager", "agent", 403),
        ("agent_member", "agent", 403),
        ("outside_agent", "agent", 403),
    ],
)
def test_add_team_member(org: Org, caller: str, role: str, status: int) -> None:
    for word in WORDS:
        candidate, before = org.user(role), org.snapshot()
        resp = org.callers[caller].post(f"{org.url}/{word}", json={"user_id": candidate["id"], "role": role})
        got = expect(resp, status)
        after = org.snapshot()
        if got is not None:
            assert (got["member"]["user_id"], got["member"]["role"]) == (candidate["id"], role)
            assert after["members"] == sorted(before["members"] + [(candidate["id"], role)])
        else:
            assert after == before, word


@pytest.mark.parametrize(
    ("caller", "target", "status"),
    [
        ("admin", "agent", 200),
        ("admin", "manager", 200),
        ("team_manager", "agent", 200),
        ("team_manager", "manager", 403),
        ("other_manager", "agent", 403),
        ("agent_member", "agent", 403),
        ("outside_agent", "agent", 403),
    ],
)
def test_remove_team_member(org: Org, caller: str, target: str, status: int) -> None:
    for word in WORDS:
        victim = org.user(target)
        org.join(victim, target)
        before = org.snapshot()
        got = expect(org.callers[caller].delete(f"{org.url}/{word}/{victim['id']}"), status)
        after = org.snapshot()
        if got is not None:
            assert got == {"id": victim["id"], "deleted": True}
            assert after["members"] == [m for m in before["members"] if m[0] != victim["id"]]
        else:
            assert after == before, word


# --- users, audit log, /api/me ---------------------------------------------------------------


@pytest.mark.parametrize(("caller", "allowed"), ADMIN_ONLY)
def test_user_administration_is_for_admins(org: Org, caller: str, allowed: bool) -> None:
    actor, target = org.callers[caller], org.user("agent")
    new = {
        "email": f"{unique('new')}@example.com",
        "full_name": "New Person",
        "password": "password-123",
        "role": "agent",
    }
    ok = {"POST": 201, "GET": 200, "PATCH": 200, "DELETE": 200}
    calls = [
        ("POST", "/api/users", new),
        ("GET", "/api/users", None),
        ("GET", f"/api/users/{target['id']}", None),
        ("PATCH", f"/api/users/{target['id']}", {"full_name": "Changed Name"}),
        ("DELETE", f"/api/users/{target['id']}", None),
    ]
    total_before = data(org.admin.get("/api/users"))["total"]
    for method, path, body in calls:
        resp = actor.request(method, path, json=body)
        status = ok[method] if allowed else 403
        assert resp.status_code == status, (method, path, resp.status_code, resp.text)
        expect(resp, status)
    emails = [u["email"] for u in data(org.admin.get("/api/users", params={"limit": 100}))["users"]]
    if allowed:
        assert new["email"] in emails
        assert_error(org.admin.get(f"/api/users/{target['id']}"), 404)
    else:
        assert new["email"] not in emails
        assert data(org.admin.get("/api/users"))["total"] == total_before
        assert data(org.admin.get(f"/api/users/{target['id']}"))["user"] == target


@pytest.mark.parametrize(("caller", "allowed"), ADMIN_ONLY)
def test_audit_log_is_for_admins(org: Org, caller: str, allowed: bool) -> None:
    got = expect(org.callers[caller].get("/api/audit-log"), 200 if allowed else 403)
    if got is not None:
        assert {e["action"] for e in got["entries"]} >= {"team.created", "team.member_added"}


def test_me_returns_each_caller(org: Org) -> None:
    for name, actor in org.callers.items():
        me = data(actor.get("/api/me"))["user"]
        assert (me["id"], me["email"], me["organization_id"]) == (actor.id, actor.email, actor.org_id), name


# --- API keys --------------------------------------------------------------------------------

KEY_FIELDS = {"id", "name", "prefix", "user_id", "scopes", "created_at", "last_used_at"}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("caller", ["admin", "team_manager", "agent_member"])
def test_anyone_creates_api_keys_and_lists_only_their_own(org: Org, caller: str) -> None:
    actor = org.callers[caller]
    bystander = org.callers["agent_member" if caller == "admin" else "admin"]
    data(bystander.post("/api/api-keys", json={"name": "theirs"}), 201)
    made = data(actor.post("/api/api-keys", json={"name": "mine"}), 201)
    secret, key = made["key"], made["api_key"]
    assert secret.startswith("rota_") and len(secret) > 20
    assert set(key) == KEY_FIELDS and key["user_id"] == actor.id
    assert secret not in json.dumps(key) and secret.startswith(key["prefix"])
    listed = data(actor.get("/api/api-keys"))["api_keys"]
    assert [k["id"] for k in listed] == [key["id"]]
    assert all(set(k) == KEY_FIELDS for k in listed)


@pytest.mark.parametrize(("caller", "allowed"), ADMIN_ONLY)
def test_revoking_someone_elses_api_key(org: Org, caller: str, allowed: bool) -> None:
    owner = org.api.new_user(org.admin, role="agent")
    made = data(owner.post("/api/api-keys", json={"name": "owned"}), 201)
    resp = org.callers[caller].delete(f"/api/api-keys/{made['api_key']['id']}")
    got = expect(resp, 200 if allowed else 403)
    me = org.api.client.get("/api/me", headers=bearer(made["key"]))
    if got is not None:
        assert got == {"id": made["api_key"]["id"], "deleted": True}
        assert_error(me, 401)
        assert data(owner.get("/api/api-keys"))["api_keys"] == []
    else:
        assert data(me)["user"]["id"] == owner.id
        assert [k["id"] for k in data(owner.get("/api/api-keys"))["api_keys"]] == [made["api_key"]["id"]]


@pytest.mark.parametrize("caller", ["admin", "agent_member"])
def test_api_key_acts_as_its_owner_until_deleted(org: Org, caller: str) -> None:
    owner = org.callers[caller]
    made = data(owner.post("/api/api-keys", json={"name": "bot"}), 201)
    client, headers = org.api.client, bearer(made["key"])
    assert data(client.get("/api/me", headers=headers))["user"]["id"] == owner.id
    # the key carries its owner's permissions, no more
    expect(client.get("/api/users", headers=headers), 200 if caller == "admin" else 403)
    assert data(client.get(org.url, headers=headers))["team"]["id"] == org.team["id"]
    assert data(owner.delete(f"/api/api-keys/{made['api_key']['id']}"))["deleted"] is True
    assert_error(client.get("/api/me", headers=headers), 401)
    assert_error(client.get(org.url, headers=headers), 401)
    assert data(owner.get("/api/me"))["user"]["id"] == owner.id  # the access token still works


# --- another organization --------------------------------------------------------------------


def test_another_organizations_admin_sees_nothing_here(org: Org) -> None:
    stranger = org.api.new_org()
    key = data(org.admin.post("/api/api-keys", json={"name": "k"}), 201)["api_key"]
    before = org.snapshot()
    member = org.callers["agent_member"].id
    assert data(stranger.get("/api/teams"))["total"] == 0
    for method, path, body in [
        ("GET", org.url, None),
        ("PATCH", org.url, {"name": "taken over"}),
        ("DELETE", org.url, None),
        ("GET", f"{org.url}/members", None),
        ("DELETE", f"{org.url}/members/{member}", None),
        ("GET", f"/api/users/{member}", None),
        ("DELETE", f"/api/api-keys/{key['id']}", None),
    ]:
        resp = stranger.request(method, path, json=body)
        assert resp.status_code == 404, (method, path, resp.status_code, resp.text)
        assert_error(resp, 404)
    assert org.snapshot() == before
    assert [k["id"] for k in data(org.admin.get("/api/api-keys"))["api_keys"]] == [key["id"]]
