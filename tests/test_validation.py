"""Bad input of every kind is refused in the error envelope, and refused writes change nothing.

What validation refuses before the handler runs any query is `backend_independent` (SQLite only,
tests/conftest.py); what takes the database to answer (a name taken, an unknown id, the last
admin, ...) runs on both."""

import uuid
from typing import Any

import httpx
import pytest

from tests.support import Actor, Api, assert_error, data, unique

UNKNOWN = "00000000-0000-4000-8000-000000000000"  # well-formed, never issued
JSON = {"Content-Type": "application/json"}


class Raw(str):
    """A request body sent as these exact bytes instead of being JSON-encoded."""


def send(actor: Actor, method: str, url: str, body: Any = None, **kw: Any) -> httpx.Response:
    if isinstance(body, Raw):
        kw["content"], kw["headers"] = str(body).encode(), {**JSON, **kw.get("headers", {})}
    elif body is not None:
        kw["json"] = body
    return actor.request(method, url, **kw)


def assert_invalid(resp: httpx.Response, field: str) -> dict[str, Any]:
    """422 validation_error whose `errors` name the field."""
    body = assert_error(resp, 422, "validation_error")
    assert isinstance(body.get("errors"), list) and body["errors"], body
    for err in body["errors"]:
        assert isinstance(err["field"], str) and isinstance(err["message"], str) and err["message"]
    assert field in [e["field"] for e in body["errors"]], body
    return body


def org_state(admin: Actor) -> dict[str, Any]:
    """Everything an admin can list: teams, users and the audit log."""
    return {
        "teams": data(admin.get("/api/teams", params={"limit": 100})),
        "users": data(admin.get("/api/users", params={"limit": 100})),
        "audit": data(admin.get("/api/audit-log", params={"limit": 100})),
    }


def team_state(admin: Actor, team_id: str) -> tuple[dict[str, Any], str]:
    resp = admin.get(f"/api/teams/{team_id}")
    return data(resp)["team"], resp.headers["ETag"]


# ---------------------------------------------------------------- POST /api/teams

BAD_TEAM_BODIES = [
    pytest.param({}, "name", id="name-missing"),
    pytest.param({"name": ""}, "name", id="name-empty"),
    pytest.param({"name": "   "}, "name", id="name-blank"),
    pytest.param({"name": "n" * 101}, "name", id="name-101-chars"),
    pytest.param({"name": 123}, "name", id="name-number"),
    pytest.param({"name": None}, "name", id="name-null"),
    pytest.param({"name": []}, "name", id="name-list"),
    pytest.param({"name": {}}, "name", id="name-object"),
    pytest.param({"name": "Ok", "description": "d" * 1001}, "description", id="description-1001"),
    pytest.param({"name": "Ok", "description": 5}, "description", id="description-number"),
    pytest.param({"name": "Ok", "assignment_strategy": "bogus"}, "assignment_strategy", id="strategy-bogus"),
    pytest.param(
        {"name": "Ok", "assignment_strategy": "ROUND_ROBIN"}, "assignment_strategy", id="strategy-wrong-case"
    ),
    pytest.param({"name": "Ok", "assignment_strategy": 5}, "assignment_strategy", id="strategy-number"),
    pytest.param({"name": "Ok", "assignment_strategy": None}, "assignment_strategy", id="strategy-null"),
    pytest.param({"name": "Ok", "is_active": "maybe"}, "is_active", id="is_active-maybe"),
    pytest.param({"name": "Ok", "is_active": "true"}, "is_active", id="is_active-string-true"),
    pytest.param({"name": "Ok", "is_active": 1}, "is_active", id="is_active-1"),
    pytest.param({"name": "Ok", "is_active": None}, "is_active", id="is_active-null"),
    pytest.param(Raw("{bad"), "body", id="body-not-json"),
    pytest.param(Raw("[]"), "body", id="body-empty-list"),
    pytest.param(Raw('[{"name": "Ok"}]'), "body", id="body-list"),
    pytest.param(Raw('"Ok"'), "body", id="body-string"),
    pytest.param(Raw(""), "body", id="body-empty"),
]


@pytest.mark.backend_independent
@pytest.mark.parametrize(("body", "field"), BAD_TEAM_BODIES)
def test_create_team_refuses_bad_input(api: Api, body: Any, field: str) -> None:
    admin = api.new_org()
    api.new_team(admin, name="Existing")
    before = org_state(admin)
    assert_invalid(send(admin, "POST", "/api/teams", body), field)
    after = org_state(admin)
    assert after == before
    assert after["teams"]["total"] == 1


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        pytest.param({"name": "n" * 100}, {"name": "n" * 100}, id="name-100-chars"),
        pytest.param({"name": "  Padded  "}, {"name": "Padded"}, id="name-trimmed"),
        pytest.param(
            {"name": "Ok", "description": "d" * 1000}, {"description": "d" * 1000}, id="description-1000"
        ),
        pytest.param({"name": "Ok", "description": None}, {"description": None}, id="description-null"),
        pytest.param(
            {"name": "Ok", "is_active": False, "assignment_strategy": "manual"},
            {"is_active": False, "assignment_strategy": "manual"},
            id="strict-values",
        ),
        pytest.param(
            {"name": "Ok", "colour": "red", "id": UNKNOWN, "member_count": 7},
            {"name": "Ok", "member_count": 0},
            id="unknown-fields-ignored",
        ),
    ],
)
def test_create_team_accepts_the_boundaries(api: Api, body: dict, expect: dict) -> None:
    admin = api.new_org()
    team = data(admin.post("/api/teams", json=body), 201)["team"]
    assert {k: team[k] for k in expect} == expect
    assert team["id"] != UNKNOWN and "colour" not in team
    assert data(admin.get("/api/teams"))["total"] == 1


@pytest.mark.parametrize("name", ["Sales", "sales", "SALES", " sales ", "  SaLeS\t"])
def test_duplicate_team_name_is_refused_in_any_case(api: Api, name: str) -> None:
    admin = api.new_org()
    api.new_team(admin, name="Sales")
    before = org_state(admin)
    assert_error(admin.post("/api/teams", json={"name": name}), 409, "team_name_taken")
    assert org_state(admin) == before
    # the same name is free in another organization
    other = api.new_org()
    assert data(other.post("/api/teams", json={"name": name}), 201)["team"]["name"] == name.strip()


# ---------------------------------------------------------------- PUT / PATCH /api/teams/{id}

METHODS = ["PUT", "PATCH"]

BAD_TEAM_UPDATES = [
    pytest.param({"name": None}, "name", id="name-null"),
    pytest.param({"name": ""}, "name", id="name-empty"),
    pytest.param({"name": "   "}, "name", id="name-blank"),
    pytest.param({"name": "n" * 101}, "name", id="name-101-chars"),
    pytest.param({"name": 5}, "name", id="name-number"),
    pytest.param({"description": "d" * 1001}, "description", id="description-1001"),
    pytest.param({"description": 7}, "description", id="description-number"),
    pytest.param({"assignment_strategy": None}, "assignment_strategy", id="strategy-null"),
    pytest.param({"assignment_strategy": "bogus"}, "assignment_strategy", id="strategy-bogus"),
    pytest.param({"assignment_strategy": "MANUAL"}, "assignment_strategy", id="strategy-case"),
    pytest.param({"is_active": None}, "is_active", id="is_active-null"),
    pytest.param({"is_active": "false"}, "is_active", id="is_active-string"),
    pytest.param({"is_active": 0}, "is_active", id="is_active-0"),
    pytest.param({"name": "Fine", "is_active": None}, "is_active", id="one-bad-field-refuses-all"),
    pytest.param(Raw("{bad"), "body", id="body-not-json"),
    pytest.param(Raw('["name"]'), "body", id="body-list"),
]


@pytest.mark.backend_independent
@pytest.mark.parametrize(("body", "field"), BAD_TEAM_UPDATES)
def test_update_team_refuses_bad_input(api: Api, body: Any, field: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin, name="Original", description="Keep me", assignment_strategy="load_balanced")
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    for method in METHODS:
        assert_invalid(send(admin, method, f"/api/teams/{team['id']}", body), field)
        assert team_state(admin, team["id"]) == before, method
    assert org_state(admin) == before_org


@pytest.mark.parametrize("method", METHODS)
def test_update_description_null_clears_it(api: Api, method: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin, description="Soon gone", assignment_strategy="manual")
    got = data(admin.request(method, f"/api/teams/{team['id']}", json={"description": None}))["team"]
    assert got["description"] is None
    assert (got["name"], got["assignment_strategy"], got["is_active"]) == (team["name"], "manual", True)
    assert team_state(admin, team["id"])[0]["description"] is None


@pytest.mark.parametrize("method", METHODS)
def test_update_never_resets_omitted_fields(api: Api, method: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin, name="Kept", description="old", assignment_strategy="manual", is_active=False)
    got = data(admin.request(method, f"/api/teams/{team['id']}", json={"description": "x"}))["team"]
    assert (got["name"], got["description"], got["assignment_strategy"], got["is_active"]) == (
        "Kept",
        "x",
        "manual",
        False,
    )
    stored, _ = team_state(admin, team["id"])
    assert (stored["name"], stored["description"], stored["assignment_strategy"], stored["is_active"]) == (
        "Kept",
        "x",
        "manual",
        False,
    )


@pytest.mark.parametrize("name", ["Sales", "sales", "SALES", "  sAlEs  "])
def test_rename_to_another_teams_name_is_refused(api: Api, name: str) -> None:
    admin = api.new_org()
    api.new_team(admin, name="Sales")
    team = api.new_team(admin, name="Support")
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    for method in METHODS:
        resp = admin.request(
            method, f"/api/teams/{team['id']}", json={"name": name, "description": "should not land"}
        )
        assert_error(resp, 409, "team_name_taken")
        assert team_state(admin, team["id"]) == before, method
    assert org_state(admin) == before_org


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", ["SUPPORT", "support", " Support "])
def test_rename_to_own_name_in_another_case_is_fine(api: Api, method: str, name: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin, name="Support")
    got = data(admin.request(method, f"/api/teams/{team['id']}", json={"name": name}))["team"]
    assert got["name"] == name.strip()
    assert team_state(admin, team["id"])[0]["name"] == name.strip()
    # the name still blocks others, in its new spelling
    assert_error(admin.post("/api/teams", json={"name": "support"}), 409, "team_name_taken")


@pytest.mark.parametrize("method", METHODS)
def test_if_match_current_etag_succeeds_and_stale_etag_is_refused(api: Api, method: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin, name="Guarded")
    url = f"/api/teams/{team['id']}"
    first = admin.get(url)
    tag = first.headers["ETag"]
    assert tag

    fresh = admin.request(method, url, json={"description": "one"}, headers={"If-Match": tag})
    assert data(fresh)["team"]["description"] == "one"
    new_tag = fresh.headers["ETag"]
    assert new_tag and new_tag != tag
    assert admin.get(url).headers["ETag"] == new_tag

    before = team_state(admin, team["id"])
    stale = admin.request(
        method, url, json={"description": "two", "name": "Stale"}, headers={"If-Match": tag}
    )
    assert_error(stale, 412, "precondition_failed")
    assert team_state(admin, team["id"]) == before
    garbage = admin.request(method, url, json={"description": "two"}, headers={"If-Match": '"not-a-version"'})
    assert_error(garbage, 412, "precondition_failed")
    assert team_state(admin, team["id"]) == before


def test_delete_with_stale_if_match_is_refused(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    url = f"/api/teams/{team['id']}"
    stale = admin.get(url).headers["ETag"]
    data(admin.patch(url, json={"description": "changed"}))
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    assert_error(admin.delete(url, headers={"If-Match": stale}), 412, "precondition_failed")
    assert team_state(admin, team["id"]) == before
    assert org_state(admin) == before_org
    # with the current tag it goes
    data(admin.delete(url, headers={"If-Match": before[1]}))
    assert_error(admin.get(url), 404, "team_not_found")


# ---------------------------------------------------------------- ids in the path

MALFORMED_IDS = [
    ("GET", "/api/teams/not-a-uuid", None, "team_id"),
    ("PUT", "/api/teams/not-a-uuid", {"name": "X"}, "team_id"),
    ("PATCH", "/api/teams/not-a-uuid", {"name": "X"}, "team_id"),
    ("DELETE", "/api/teams/not-a-uuid", None, "team_id"),
    ("GET", "/api/teams/12345", None, "team_id"),
    ("GET", "/api/teams/not-a-uuid/members", None, "team_id"),
    ("GET", "/api/teams/not-a-uuid/users", None, "team_id"),
    ("POST", "/api/teams/not-a-uuid/members", {"user_id": "{agent}"}, "team_id"),
    ("DELETE", "/api/teams/{team}/members/not-a-uuid", None, "user_id"),
    ("DELETE", "/api/teams/{team}/users/not-a-uuid", None, "user_id"),
    ("DELETE", "/api/teams/{team}/members/{team}x", None, "user_id"),
    ("GET", "/api/users/not-a-uuid", None, "user_id"),
    ("PATCH", "/api/users/not-a-uuid", {"full_name": "X"}, "user_id"),
    ("DELETE", "/api/users/not-a-uuid", None, "user_id"),
    ("DELETE", "/api/api-keys/not-a-uuid", None, "key_id"),
]

UNKNOWN_IDS = [
    ("GET", f"/api/teams/{UNKNOWN}", None, "team_not_found"),
    ("PUT", f"/api/teams/{UNKNOWN}", {"name": "X"}, "team_not_found"),
    ("PATCH", f"/api/teams/{UNKNOWN}", {"name": "X"}, "team_not_found"),
    ("DELETE", f"/api/teams/{UNKNOWN}", None, "team_not_found"),
    ("GET", f"/api/teams/{UNKNOWN}/members", None, "team_not_found"),
    ("POST", f"/api/teams/{UNKNOWN}/members", {"user_id": "{agent}"}, "team_not_found"),
    ("DELETE", f"/api/teams/{UNKNOWN}/members/{{agent}}", None, "team_not_found"),
    ("GET", f"/api/users/{UNKNOWN}", None, "user_not_found"),
    ("PATCH", f"/api/users/{UNKNOWN}", {"full_name": "X"}, "user_not_found"),
    ("DELETE", f"/api/users/{UNKNOWN}", None, "user_not_found"),
    ("DELETE", f"/api/api-keys/{UNKNOWN}", None, "api_key_not_found"),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.backend_independent
@pytest.mark.parametrize(("method", "url", "body", "field"), MALFORMED_IDS)
def test_malformed_ids_are_refused(api: Api, method: str, url: str, body: Any, field: str) -> None:
    admin = api.new_org()
    team, agent = api.new_team(admin), api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    ids = {"team": team["id"], "agent": agent.id}
    before = org_state(admin)
    assert_invalid(send(admin, method, _fill(url, ids), _fill(body, ids)), field)
    assert org_state(admin) == before


@pytest.mark.parametrize(("method", "url", "body", "code"), UNKNOWN_IDS)
def test_unknown_ids_are_not_found(api: Api, method: str, url: str, body: Any, code: str) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    before = org_state(admin)
    assert_error(
        send(admin, method, _fill(url, {"agent": agent.id}), _fill(body, {"agent": agent.id})), 404, code
    )
    assert org_state(admin) == before


# ---------------------------------------------------------------- members

BAD_MEMBER_BODIES = [
    pytest.param({}, "user_id", id="user_id-missing"),
    pytest.param({"role": "agent"}, "user_id", id="only-role"),
    pytest.param({"user_id": "abc"}, "user_id", id="user_id-abc"),
    pytest.param({"user_id": None}, "user_id", id="user_id-null"),
    pytest.param({"user_id": 123}, "user_id", id="user_id-number"),
    pytest.param({"user_id": "{agent}", "role": "owner"}, "role", id="role-owner"),
    pytest.param({"user_id": "{agent}", "role": "MANAGER"}, "role", id="role-case"),
    pytest.param({"user_id": "{agent}", "role": None}, "role", id="role-null"),
    pytest.param(Raw("{bad"), "body", id="body-not-json"),
    pytest.param(Raw("[]"), "body", id="body-list"),
]


@pytest.mark.backend_independent
@pytest.mark.parametrize(("body", "field"), BAD_MEMBER_BODIES)
def test_add_member_refuses_bad_input(api: Api, body: Any, field: str) -> None:
    admin = api.new_org()
    team, agent = api.new_team(admin), api.new_user(admin)
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    body = body if isinstance(body, Raw) else _fill(body, {"agent": agent.id})
    assert_invalid(send(admin, "POST", f"/api/teams/{team['id']}/members", body), field)
    assert team_state(admin, team["id"]) == before
    assert org_state(admin) == before_org
    assert before[0]["member_count"] == 0


@pytest.mark.parametrize("who", ["unknown", "other-org", "deleted"])
def test_add_member_of_a_user_not_in_the_organization(api: Api, who: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    if who == "unknown":
        user_id = str(uuid.uuid4())
    elif who == "other-org":
        user_id = api.new_user(api.new_org()).id
    else:
        gone = api.new_user(admin)
        data(admin.delete(f"/api/users/{gone.id}"))
        user_id = gone.id
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    for word in ("members", "users"):
        resp = admin.post(f"/api/teams/{team['id']}/{word}", json={"user_id": user_id})
        assert_error(resp, 404, "user_not_found")
    assert team_state(admin, team["id"]) == before
    assert org_state(admin) == before_org


def test_add_deactivated_user_is_refused(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    inactive = api.new_user(admin, is_active=False)
    assert inactive.user["is_active"] is False
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    body = assert_error(
        admin.post(f"/api/teams/{team['id']}/members", json={"user_id": inactive.id}), 422, "user_inactive"
    )
    assert "user_id" in [e["field"] for e in body.get("errors") or []], body
    assert team_state(admin, team["id"]) == before
    assert org_state(admin) == before_org


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_adding_the_same_user_twice_is_a_conflict(api: Api, role: str) -> None:
    admin = api.new_org()
    team, agent = api.new_team(admin), api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    for word in ("members", "users"):
        resp = admin.post(f"/api/teams/{team['id']}/{word}", json={"user_id": agent.id, "role": role})
        assert_error(resp, 409, "already_member")
    after = team_state(admin, team["id"])
    assert after == before
    assert after[0]["member_count"] == 1 and after[0]["members"][0]["role"] == "agent"
    assert org_state(admin) == before_org


@pytest.mark.parametrize("who", ["org-user", "unknown", "other-org"])
def test_removing_a_non_member_is_not_found(api: Api, who: str) -> None:
    admin = api.new_org()
    team, member = api.new_team(admin), api.new_user(admin)
    api.add_member(admin, team["id"], member)
    user_id = {
        "org-user": lambda: api.new_user(admin).id,
        "unknown": lambda: str(uuid.uuid4()),
        "other-org": lambda: api.new_user(api.new_org()).id,
    }[who]()
    before, before_org = team_state(admin, team["id"]), org_state(admin)
    for word in ("members", "users"):
        assert_error(admin.delete(f"/api/teams/{team['id']}/{word}/{user_id}"), 404, "member_not_found")
    assert team_state(admin, team["id"]) == before
    assert org_state(admin) == before_org


# ---------------------------------------------------------------- users

BAD_USER_BODIES = [
    pytest.param({"email": None}, "email", id="email-missing"),
    pytest.param({"email": "not-an-email"}, "email", id="email-no-at"),
    pytest.param({"email": "someone@"}, "email", id="email-no-domain"),
    pytest.param({"email": 42}, "email", id="email-number"),
    pytest.param({"password": "short77"}, "password", id="password-7-chars"),
    pytest.param({"password": 12345678}, "password", id="password-number"),
    pytest.param({"password": None}, "password", id="password-missing"),
    pytest.param({"role": "owner"}, "role", id="role-owner"),
    pytest.param({"full_name": ""}, "full_name", id="full_name-empty"),
    pytest.param({"full_name": "   "}, "full_name", id="full_name-blank"),
    pytest.param({"full_name": None}, "full_name", id="full_name-missing"),
    pytest.param({"is_active": "yes"}, "is_active", id="is_active-string"),
    pytest.param({"is_available": 1}, "is_available", id="is_available-1"),
    pytest.param({"max_active_transfers": -1}, "max_active_transfers", id="max-negative"),
    pytest.param({"max_active_transfers": "3"}, "max_active_transfers", id="max-string"),
    pytest.param({"max_active_transfers": 10_001}, "max_active_transfers", id="max-too-big"),
]


def user_body(**changes: Any) -> dict[str, Any]:
    """A valid user; a change to None drops the field."""
    body = {
        "email": f"{unique('u')}@example.com",
        "full_name": "Una User",
        "password": "password-123",
        "role": "agent",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.mark.backend_independent
@pytest.mark.parametrize(("changes", "field"), BAD_USER_BODIES)
def test_create_user_refuses_bad_input(api: Api, changes: dict, field: str) -> None:
    admin = api.new_org()
    before = org_state(admin)
    assert_invalid(admin.post("/api/users", json=user_body(**changes)), field)
    after = org_state(admin)
    assert after == before and after["users"]["total"] == 1


def test_create_user_boundaries_are_accepted(api: Api) -> None:
    admin = api.new_org()
    user = data(
        admin.post("/api/users", json=user_body(password="8chars!!", role="manager", max_active_transfers=0)),
        201,
    )["user"]
    assert (user["role"], user["max_active_transfers"]) == ("manager", 0)
    assert data(admin.get("/api/users"))["total"] == 2


@pytest.mark.parametrize("variant", [str.upper, str.title, lambda e: e])
def test_duplicate_email_is_refused_in_any_case(api: Api, variant: Any) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    before = org_state(admin)
    for email in (agent.email, admin.email):
        resp = admin.post("/api/users", json=user_body(email=variant(email)))
        assert_error(resp, 409, "email_taken")
    assert org_state(admin) == before


BAD_USER_UPDATES = [
    pytest.param({"role": None}, "role", id="role-null"),
    pytest.param({"role": "owner"}, "role", id="role-owner"),
    pytest.param({"email": None}, "email", id="email-null"),
    pytest.param({"email": "nope"}, "email", id="email-bad"),
    pytest.param({"full_name": None}, "full_name", id="full_name-null"),
    pytest.param({"full_name": "  "}, "full_name", id="full_name-blank"),
    pytest.param({"password": None}, "password", id="password-null"),
    pytest.param({"password": "short"}, "password", id="password-short"),
    pytest.param({"is_active": None}, "is_active", id="is_active-null"),
    pytest.param({"is_active": "false"}, "is_active", id="is_active-string"),
    pytest.param({"is_available": None}, "is_available", id="is_available-null"),
    pytest.param({"max_active_transfers": "2"}, "max_active_transfers", id="max-string"),
    pytest.param({"full_name": "Fine", "role": None}, "role", id="one-bad-field-refuses-all"),
]


@pytest.mark.backend_independent
@pytest.mark.parametrize(("body", "field"), BAD_USER_UPDATES)
def test_update_user_refuses_bad_input(api: Api, body: dict, field: str) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    before = org_state(admin)
    assert_invalid(admin.patch(f"/api/users/{agent.id}", json=body), field)
    assert org_state(admin) == before


def test_update_user_to_a_taken_email_is_refused(api: Api) -> None:
    admin = api.new_org()
    agent, other = api.new_user(admin), api.new_user(admin)
    before = org_state(admin)
    resp = admin.patch(
        f"/api/users/{agent.id}", json={"email": other.email.upper(), "full_name": "Not Applied"}
    )
    assert_error(resp, 409, "email_taken")
    assert org_state(admin) == before
    # its own address in another case is fine
    got = data(admin.patch(f"/api/users/{agent.id}", json={"email": agent.email.upper()}))["user"]
    assert got["email"] == agent.email


@pytest.mark.parametrize(
    ("method", "body", "code"),
    [
        pytest.param("PATCH", {"role": "manager"}, "last_admin", id="demote-to-manager"),
        pytest.param("PATCH", {"role": "agent"}, "last_admin", id="demote-to-agent"),
        pytest.param("PATCH", {"is_active": False}, "last_admin", id="deactivate"),
        pytest.param(
            "PATCH",
            {"full_name": "Still Here", "is_active": False},
            "last_admin",
            id="deactivate-with-other-changes",
        ),
        pytest.param("DELETE", None, "cannot_delete_self", id="delete"),
    ],
)
def test_the_last_active_admin_stays(api: Api, method: str, body: Any, code: str) -> None:
    admin = api.new_org()
    # a deactivated admin does not count as one remaining
    api.new_user(admin, role="admin", is_active=False)
    api.new_user(admin, role="manager")
    before = org_state(admin)
    assert_error(send(admin, method, f"/api/users/{admin.id}", body), 409, code)
    assert org_state(admin) == before
    assert data(admin.get("/api/me"))["user"]["role"] == "admin"


def test_an_admin_may_go_once_another_is_active(api: Api) -> None:
    admin = api.new_org()
    second = api.new_user(admin, role="admin")
    data(admin.patch(f"/api/users/{admin.id}", json={"role": "manager"}))
    assert_error(second.patch(f"/api/users/{second.id}", json={"is_active": False}), 409, "last_admin")
    assert_error(second.delete(f"/api/users/{second.id}"), 409, "cannot_delete_self")
    assert data(second.get(f"/api/users/{second.id}"))["user"]["is_active"] is True


# ---------------------------------------------------------------- query parameters

BAD_QUERIES = [
    ("/api/teams", {"limit": 0}, "limit"),
    ("/api/teams", {"limit": 101}, "limit"),
    ("/api/teams", {"limit": -5}, "limit"),
    ("/api/teams", {"limit": "abc"}, "limit"),
    ("/api/teams", {"limit": "1.5"}, "limit"),
    ("/api/teams", {"page": 0}, "page"),
    ("/api/teams", {"page": "abc"}, "page"),
    ("/api/teams", {"search": "s" * 101}, "search"),
    ("/api/users", {"limit": 101}, "limit"),
    ("/api/users", {"page": 0}, "page"),
    ("/api/users", {"role": "owner"}, "role"),
    ("/api/users", {"is_active": "maybe"}, "is_active"),
    ("/api/audit-log", {"limit": 0}, "limit"),
    ("/api/audit-log", {"entity_id": "abc"}, "entity_id"),
    ("/api/audit-log", {"actor_id": "abc"}, "actor_id"),
]


@pytest.mark.backend_independent
@pytest.mark.parametrize(("url", "params", "field"), BAD_QUERIES)
def test_bad_query_parameters(api: Api, url: str, params: dict, field: str) -> None:
    admin = api.new_org()
    assert_invalid(admin.get(url, params=params), field)


def test_query_parameter_boundaries(api: Api) -> None:
    admin = api.new_org()
    got = data(admin.get("/api/teams", params={"limit": 100, "page": 1}))
    assert (got["limit"], got["page"], got["total"]) == (100, 1, 0)
    assert data(admin.get("/api/teams", params={"limit": 1, "page": 50}))["teams"] == []


# ---------------------------------------------------------------- login


def _login(api: Api, body: Any) -> httpx.Response:
    if isinstance(body, Raw):
        return api.client.post("/api/auth/login", content=str(body).encode(), headers=JSON)
    return api.client.post("/api/auth/login", json=body)


@pytest.mark.backend_independent
@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"email": "{email}"}, "password", id="password-missing"),
        pytest.param({"email": "{email}", "password": ""}, "password", id="password-empty"),
        pytest.param({"email": "{email}", "password": None}, "password", id="password-null"),
        pytest.param({"email": "{email}", "password": 12345678}, "password", id="password-number"),
        pytest.param({"password": "password-123"}, "email", id="email-missing"),
        pytest.param({"email": "", "password": "password-123"}, "email", id="email-empty"),
        pytest.param(
            {"email": "{email}", "password": "password-123", "organization_id": "x"},
            "organization_id",
            id="organization_id-bad",
        ),
        pytest.param(Raw("{bad"), "body", id="body-not-json"),
    ],
)
def test_login_refuses_bad_input(api: Api, body: Any, field: str) -> None:
    admin = api.new_org()
    user = api.new_user(admin)
    if not isinstance(body, Raw):
        body = _fill(body, {"email": user.email})
    assert_invalid(_login(api, body), field)


@pytest.mark.parametrize("who", ["wrong-password", "unknown-email", "deactivated"])
def test_login_with_wrong_credentials(api: Api, who: str) -> None:
    admin = api.new_org()
    email, password = {
        "wrong-password": lambda: (api.new_user(admin).email, "wrong-password"),
        "unknown-email": lambda: (f"{unique('nobody')}@example.com", "password-123"),
        "deactivated": lambda: (api.new_user(admin, is_active=False).email, "password-123"),
    }[who]()
    resp = _login(api, {"email": email, "password": password})
    assert_error(resp, 401, "invalid_credentials")
    assert "access_token" not in resp.text


def test_login_is_throttled_after_five_failures(api: Api) -> None:
    admin = api.new_org()
    user = api.new_user(admin)
    # bad input is refused before it counts as an attempt
    for _ in range(6):
        assert_invalid(_login(api, {"email": user.email}), "password")
    emails = [user.email, user.email.upper(), user.email, f" {user.email} ", user.email]
    for email in emails:
        assert_error(_login(api, {"email": email, "password": "wrong-password"}), 401, "invalid_credentials")
    resp = _login(api, {"email": user.email, "password": user.password})
    assert_error(resp, 429, "too_many_attempts")
    assert int(resp.headers["Retry-After"]) > 0
    assert "access_token" not in resp.text
    # another account is not affected
    other = api.new_user(admin)
    data(_login(api, {"email": other.email, "password": other.password}))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/contacts", {"name": "C", "phone_number": "call me"}),
        (
            "/api/schedules",
            {"name": "S", "timezone": "UTC", "weekly": [{"day": "monday", "start": "9am", "end": "17:00"}]},
        ),
        (
            "/api/users",
            {"email": "x@example.com", "full_name": "X", "password": "password-123", "skills": {"a b": 1}},
        ),
        (
            "/api/users",
            {"email": "x@example.com", "full_name": "X", "password": "password-123", "role": "service"},
        ),
    ],
    ids=["phone", "clock", "skill", "role"],
)
def test_messages_are_in_words(api: Api, path: str, body: dict) -> None:
    """No regular expressions and no "Value error," in what people read."""
    admin = api.new_org()
    refused = assert_error(admin.post(path, json=body), 422, "validation_error")
    said = refused["message"] + " ".join(e["message"] for e in refused["errors"])
    assert "Value error" not in said and "^" not in said and "[0-9" not in said and "\\d" not in said, said
