"""Identity: login, tokens, API keys, the caller's own profile and availability."""

import time
import uuid

import jwt

from tests.support import Api, assert_error, data, login


def test_login_returns_a_bearer_token(api: Api) -> None:
    admin = api.new_org()
    resp = api.client.post("/api/auth/login", json={"email": admin.email.upper(), "password": admin.password})
    d = data(resp)
    assert d["token_type"] == "bearer" and d["expires_in"] == 3600
    assert d["user"]["id"] == admin.id and "password_hash" not in d["user"]
    me = data(api.client.get("/api/me", headers={"Authorization": f"Bearer {d['access_token']}"}))
    assert me["user"]["id"] == admin.id
    assert {"id", "email", "full_name", "role", "is_available", "organization_id"} <= me["user"].keys()
    assert data(admin.get(f"/api/users/{admin.id}"))["user"]["last_login_at"] is not None


def test_tokens_that_are_tampered_expired_or_of_a_deactivated_user_are_refused(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    claims = jwt.decode(agent.token, options={"verify_signature": False})
    forged = jwt.encode({**claims, "sub": admin.id}, "not the key" * 8, algorithm="HS256")
    assert_error(
        api.client.get("/api/me", headers={"Authorization": f"Bearer {forged}"}), 401, "invalid_token"
    )
    key = api.client.app.state.signing_key
    expired = jwt.encode({**claims, "exp": int(time.time()) - 5}, key, algorithm="HS256")
    assert_error(
        api.client.get("/api/me", headers={"Authorization": f"Bearer {expired}"}), 401, "token_expired"
    )
    assert_error(api.client.get("/api/me", headers={"Authorization": "Basic abc"}), 401)
    data(admin.patch(f"/api/users/{agent.id}", json={"is_active": False}))
    assert_error(agent.get("/api/me"), 401)
    # a deactivated user cannot log in either
    assert_error(
        api.client.post("/api/auth/login", json={"email": agent.email, "password": agent.password}),
        401,
        "invalid_credentials",
    )


def test_passwords_are_stored_as_argon2_hashes(api: Api) -> None:
    from sqlalchemy import select

    from rota.users.models import User

    admin = api.new_org()

    async def stored() -> str:
        async with api.client.app.state.sessionmaker() as session:
            return (
                await session.execute(select(User.password_hash).where(User.email == admin.email))
            ).scalar_one()

    hashed = api.client.portal.call(stored)
    assert hashed.startswith("$argon2id$") and admin.password not in hashed


def test_throttled_after_repeated_failures(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    for _ in range(5):
        assert_error(
            api.client.post("/api/auth/login", json={"email": agent.email, "password": "wrong-password"}),
            401,
            "invalid_credentials",
        )
    resp = api.client.post("/api/auth/login", json={"email": agent.email, "password": agent.password})
    assert_error(resp, 429, "too_many_attempts")
    assert int(resp.headers["Retry-After"]) > 0
    # other accounts are not affected
    login(api.client, admin.email, admin.password)


def test_success_clears_earlier_failures(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    for _ in range(4):
        assert_error(
            api.client.post("/api/auth/login", json={"email": agent.email, "password": "nope-nope"}), 401
        )
    login(api.client, agent.email, agent.password)
    for _ in range(4):
        assert_error(
            api.client.post("/api/auth/login", json={"email": agent.email, "password": "nope-nope"}), 401
        )
    login(api.client, agent.email, agent.password)


def test_same_email_in_two_organizations(api: Api) -> None:
    first, second = api.new_org(), api.new_org()
    email = f"shared-{first.id[:8]}@example.com"
    body = {"email": email, "full_name": "Sam Shared", "password": "password-123", "role": "agent"}
    one = data(first.post("/api/users", json=body), 201)["user"]
    two = data(second.post("/api/users", json={**body, "password": "another-pass"}), 201)["user"]
    # the password tells which account is meant
    assert login(api.client, email, "password-123").id == one["id"]
    assert login(api.client, email, "another-pass").id == two["id"]
    data(second.patch(f"/api/users/{two['id']}", json={"password": "password-123"}))
    assert_error(
        api.client.post("/api/auth/login", json={"email": email, "password": "password-123"}),
        400,
        "organization_required",
    )
    resp = api.client.post(
        "/api/auth/login", json={"email": email, "password": "password-123", "organization_id": second.org_id}
    )
    assert data(resp)["user"]["id"] == two["id"]


def test_api_keys_are_shown_once_and_work_until_revoked(api: Api) -> None:
    admin = api.new_org()
    created = data(admin.post("/api/api-keys", json={"name": "bot"}), 201)
    key = created["key"]
    assert key.startswith("rota_") and created["api_key"]["prefix"] == key[:13]
    listed = data(admin.get("/api/api-keys"))["api_keys"]
    assert [k["id"] for k in listed] == [created["api_key"]["id"]]
    assert key not in str(listed)
    headers = {"Authorization": f"Bearer {key}"}
    assert data(api.client.get("/api/me", headers=headers))["user"]["id"] == admin.id
    # the key acts with its owner's rights
    data(api.client.post("/api/teams", json={"name": "Via key"}, headers=headers), 201)
    assert data(admin.get("/api/api-keys"))["api_keys"][0]["last_used_at"] is not None
    data(admin.delete(f"/api/api-keys/{created['api_key']['id']}"))
    assert_error(api.client.get("/api/me", headers=headers), 401, "invalid_api_key")
    assert_error(admin.delete(f"/api/api-keys/{created['api_key']['id']}"), 404, "api_key_not_found")


def test_api_keys_are_stored_only_as_hashes(api: Api) -> None:
    from sqlalchemy import select

    from rota.auth.models import ApiKey

    admin = api.new_org()
    created = data(admin.post("/api/api-keys", json={"name": "bot"}), 201)

    async def stored() -> list[str]:
        async with api.client.app.state.sessionmaker() as session:
            row = (
                await session.execute(select(ApiKey).where(ApiKey.id == uuid.UUID(created["api_key"]["id"])))
            ).scalar_one()
            return [str(v) for v in vars(row).values()]

    values = api.client.portal.call(stored)
    assert created["key"] not in values


def test_availability(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    d = data(agent.put("/api/me/availability", json={"is_available": False}))
    assert d == {"is_available": False, "transfers_returned": 0}
    assert data(agent.get("/api/me"))["user"]["is_available"] is False
    assert_error(agent.put("/api/me/availability", json={"is_available": "no"}), 422)
    assert_error(agent.put("/api/me/availability", json={}), 422)
    data(agent.put("/api/me/availability", json={"is_available": True}))
    log = data(admin.get("/api/audit-log", params={"entity_id": agent.id}))
    assert [e["action"] for e in log["entries"]].count("user.availability_changed") == 2


def test_user_administration(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin, full_name="Ann Agent", max_active_transfers=3)
    got = data(admin.get(f"/api/users/{agent.id}"))["user"]
    assert (got["role"], got["max_active_transfers"], got["is_active"]) == ("agent", 3, True)
    changed = data(
        admin.patch(
            f"/api/users/{agent.id}",
            json={"role": "manager", "full_name": "  Ann Manager ", "max_active_transfers": None},
        )
    )["user"]
    assert (changed["role"], changed["full_name"], changed["max_active_transfers"]) == (
        "manager",
        "Ann Manager",
        None,
    )
    assert changed["email"] == agent.email  # untouched
    data(admin.patch(f"/api/users/{agent.id}", json={"password": "new-password-1"}))
    login(api.client, agent.email, "new-password-1")
    listed = data(admin.get("/api/users", params={"role": "manager"}))
    assert [u["id"] for u in listed["users"]] == [agent.id] and listed["total"] == 1
    assert data(admin.get("/api/users", params={"search": "ann man"}))["total"] == 1
    second_admin = api.new_user(admin, role="admin")
    data(second_admin.delete(f"/api/users/{admin.id}"))
    assert_error(
        second_admin.patch(f"/api/users/{second_admin.id}", json={"role": "agent"}), 409, "last_admin"
    )


def test_a_new_password_ends_the_tokens_issued_before(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    data(agent.get("/api/me"))
    data(admin.patch(f"/api/users/{agent.id}", json={"password": "another password"}))
    assert_error(agent.get("/api/me"), 401, "invalid_token")
    fresh = login(api.client, agent.email, "another password")
    data(fresh.get("/api/me"))
    data(admin.get("/api/me"))  # others' tokens live on


def test_internal_email_domains_are_accepted(api: Api) -> None:
    admin = api.new_org()
    for email in ("support@corp.local", "a@acme.test", "ops@helpdesk.internal"):
        user = data(
            admin.post(
                "/api/users",
                json={"email": email, "full_name": "In House", "password": "password-123", "role": "agent"},
            ),
            201,
        )["user"]
        assert user["email"] == email
        login(api.client, email, "password-123")
    contact = data(admin.post("/api/contacts", json={"name": "C", "email": "c@shop.local"}), 201)["contact"]
    assert contact["email"] == "c@shop.local"
    assert_error(
        admin.post(
            "/api/users", json={"email": "not an address", "full_name": "X", "password": "password-123"}
        ),
        422,
    )
