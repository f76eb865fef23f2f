"""Service accounts: an integration acts as itself (its name in the decision log, the audit log
and events), with API keys limited to scopes; a scope missing answers 403 naming it."""

from typing import Any

import httpx

from tests.support import Actor, Api, assert_error, data, transfer
from tests.test_transfers import URL, events

BOT_SCOPES = ["teams:read", "transfers:read", "transfers:write", "contacts:write"]


def service_account(
    admin: Actor, scopes: list[str] = BOT_SCOPES, name: str = "Support bot"
) -> tuple[dict, Actor]:
    made = data(admin.post("/api/service-accounts", json={"name": name, "scopes": scopes}), 201)
    return made, Actor(admin.client, made["key"], made["service_account"])


def test_a_bot_acts_as_itself(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    agent = api.new_member(admin, team)
    made, bot = service_account(admin)
    account = made["service_account"]
    assert (account["role"], account["full_name"], account["is_available"]) == (
        "service",
        "Support bot",
        False,
    )
    assert made["api_key"]["scopes"] == sorted(BOT_SCOPES) and made["key"].startswith("rota_")
    assert data(bot.get("/api/me"))["user"]["id"] == account["id"]  # any key may ask who it is

    t = transfer(bot, team["id"])
    assert t["created_by_id"] == account["id"] and t["agent_id"] == agent.id
    created = events(admin, t)[0]
    assert created["actor_id"] == account["id"]
    people = {p["id"]: p for p in data(agent.get("/api/directory", params={"limit": 100}))["people"]}
    assert people[account["id"]]["full_name"] == "Support bot"  # the log shows its name
    audit = data(admin.get("/api/audit-log", params={"entity_id": account["id"]}))["entries"]
    assert audit[-1]["action"] == "service_account.created"
    # it has no password: it never signs in; it never joins a team or gets work
    login = {"email": account["email"], "password": "!"}
    assert_error(admin.client.post("/api/auth/login", json=login), 401)
    member = {"user_id": account["id"], "role": "agent"}
    assert_error(admin.post(f"/api/teams/{team['id']}/members", json=member), 422, "service_account")
    # deactivated, its keys stop
    data(admin.patch(f"/api/users/{account['id']}", json={"is_active": False}))
    assert_error(bot.get(URL), 401)


def test_a_scope_missing_is_refused_by_name(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    _, bot = service_account(admin, ["transfers:read"])
    data(bot.get(URL))
    for method, path, body, scope in (
        ("POST", URL, {"contact_id": team["id"]}, "transfers:write"),
        ("GET", "/api/teams", None, "teams:read"),
        ("POST", "/api/teams", {"name": "Nope"}, "teams:write"),
        ("GET", "/api/webhooks", None, "webhooks:manage"),
        ("POST", "/api/api-keys", {"name": "more"}, "keys:manage"),
        ("GET", "/api/audit-log", None, "audit:read"),
        ("GET", "/api/users", None, "users:read"),
    ):
        refused = assert_error(bot.request(method, path, json=body), 403, "missing_scope")
        assert refused["details"] == {"scope": scope} and scope in refused["message"]


def test_people_may_limit_their_keys_and_keys_give_out_no_more_than_they_hold(api: Api) -> None:
    admin = api.new_org()
    key = data(
        admin.post("/api/api-keys", json={"name": "reader", "scopes": ["teams:read", "keys:manage"]}), 201
    )
    assert key["api_key"]["scopes"] == ["keys:manage", "teams:read"]
    reader = Actor(admin.client, key["key"], admin.user)
    data(reader.get("/api/teams"))
    assert_error(reader.post("/api/teams", json={"name": "x"}), 403, "missing_scope")
    wider = {"name": "wider", "scopes": ["teams:write"]}
    assert_error(reader.post("/api/api-keys", json=wider), 403, "scope_escalation")
    assert_error(reader.post("/api/api-keys", json={"name": "all"}), 403, "scope_escalation")
    narrower = data(reader.post("/api/api-keys", json={"name": "n", "scopes": ["teams:read"]}), 201)
    assert narrower["api_key"]["scopes"] == ["teams:read"]
    unlimited = data(admin.post("/api/api-keys", json={"name": "all"}), 201)["api_key"]
    assert unlimited["scopes"] is None  # as keys were before scopes: everything the account may


def test_bad_service_accounts_and_who_may_make_them(api: Api) -> None:
    admin = api.new_org()
    manager = api.new_user(admin, "manager")
    body: dict[str, Any] = {"name": "Bot", "scopes": ["transfers:read"]}
    assert_error(manager.post("/api/service-accounts", json=body), 403)
    for bad in (
        {"name": "Bot", "scopes": []},
        {"name": "Bot", "scopes": ["everything"]},
        {"name": " ", "scopes": ["transfers:read"]},
        {"scopes": ["transfers:read"]},
    ):
        assert_error(admin.post("/api/service-accounts", json=bad), 422)
    assert_error(
        admin.post(
            "/api/users",
            json={"email": "b@example.com", "full_name": "B", "password": "password-123", "role": "service"},
        ),
        422,
    )
    made, _ = service_account(admin)
    more = data(
        admin.post(
            f"/api/service-accounts/{made['service_account']['id']}/api-keys",
            json={"name": "k2", "scopes": ["events:read"]},
        ),
        201,
    )
    assert more["api_key"]["user_id"] == made["service_account"]["id"]
    other = api.new_org()
    assert_error(
        other.post(
            f"/api/service-accounts/{made['service_account']['id']}/api-keys",
            json={"name": "k", "scopes": ["events:read"]},
        ),
        404,
    )
    assert_error(
        admin.post(
            f"/api/service-accounts/{admin.id}/api-keys", json={"name": "k", "scopes": ["events:read"]}
        ),
        404,
    )


def test_a_scoped_key_streams_events_with_events_read(api: Api) -> None:
    admin = api.new_org()
    _, bot = service_account(admin, ["transfers:read"])
    with httpx.Client(transport=api.client._transport, base_url="http://testserver") as raw:
        refused = raw.get("/api/events", headers=bot.headers())
    assert refused.status_code == 403 and refused.json()["details"] == {"scope": "events:read"}
