"""Sessions that last a shift: a login starts a session whose refresh token gets new tokens
(rotated at every use), until sign-out, a day unused, two weeks, a password change or
deactivation; a refresh token used again after the grace ends the session."""

from typing import Any

from tests.support import Actor, Api, Clock, assert_error, data

REFRESH = "/api/auth/refresh"


def sign_in(actor: Actor) -> dict[str, Any]:
    body = {"email": actor.email, "password": actor.password}
    return data(actor.client.post("/api/auth/login", json=body))


def refresh(actor: Actor, token: str, status: int = 200) -> Any:
    resp = actor.client.post(REFRESH, json={"refresh_token": token})
    return data(resp) if status == 200 else assert_error(resp, status)


def test_a_refresh_token_gets_new_tokens_once(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    first = sign_in(agent)
    assert first["refresh_token"].startswith("rotr_") and first["refresh_expires_at"]
    clock.advance(hours=2)
    second = refresh(agent, first["refresh_token"])
    assert second["refresh_token"] not in (None, first["refresh_token"])
    assert second["user"]["id"] == agent.id and second["expires_in"] > 0
    me = agent.client.get("/api/me", headers={"Authorization": f"Bearer {second['access_token']}"})
    assert data(me)["user"]["id"] == agent.id
    # the used token again at once (two tabs racing): an access token, no new refresh token
    raced = refresh(agent, first["refresh_token"])
    assert raced["refresh_token"] is None and raced["access_token"]
    # later, it is a stolen copy (or the thief's was first): the session ends for both
    clock.advance(minutes=2)
    assert refresh(agent, first["refresh_token"], 401)["code"] == "refresh_token_reused"
    assert refresh(agent, second["refresh_token"], 401)["code"] == "session_ended"
    entries = data(admin.get("/api/audit-log", params={"entity_id": agent.id}))["entries"]
    assert any(e["action"] == "auth.session_ended" for e in entries)


def test_a_session_lasts_while_used_up_to_two_weeks(api: Api, clock: Clock) -> None:
    admin = api.new_org()
    token = sign_in(admin)["refresh_token"]
    for _ in range(20):  # every 20 hours: past two weeks, it ends
        clock.advance(hours=20)
        answer = admin.client.post(REFRESH, json={"refresh_token": token})
        if answer.status_code != 200:
            break
        token = data(answer)["refresh_token"]
    assert_error(answer, 401, "session_ended")
    unused = sign_in(admin)["refresh_token"]
    clock.advance(hours=25)  # a day unused
    assert refresh(admin, unused, 401)["code"] == "session_ended"


def test_sign_out_password_change_and_deactivation_end_sessions(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    signed_out = sign_in(agent)["refresh_token"]
    assert data(agent.client.post("/api/auth/logout", json={"refresh_token": signed_out})) == {
        "signed_out": True
    }
    assert refresh(agent, signed_out, 401)["code"] == "session_ended"
    assert data(agent.client.post("/api/auth/logout", json={"refresh_token": "rotr_unknown"}))["signed_out"]

    kept = sign_in(agent)["refresh_token"]
    data(admin.patch(f"/api/users/{agent.id}", json={"password": "another-password-1"}))
    assert refresh(agent, kept, 401)["code"] == "session_ended"

    agent.password = "another-password-1"
    active = sign_in(agent)["refresh_token"]
    data(admin.patch(f"/api/users/{agent.id}", json={"is_active": False}))
    assert refresh(agent, active, 401)["code"] == "session_ended"
    assert refresh(agent, "not a token", 401)["code"] == "invalid_refresh_token"
    assert_error(agent.client.post(REFRESH, json={"refresh_token": ""}), 422)
    assert_error(agent.client.post(REFRESH, json={}), 422)


def test_sessions_are_listed_and_ended_by_their_owner_or_an_admin(api: Api) -> None:
    admin = api.new_org()
    ann, bob = api.new_user(admin), api.new_user(admin)
    mine = sign_in(ann)
    listed = data(ann.get("/api/auth/sessions"))["sessions"]
    assert len(listed) == 2  # api.new_user signed in once too
    newest = listed[0]
    assert set(newest) == {"id", "user_agent", "created_at", "last_used_at", "expires_at"}
    assert_error(bob.delete(f"/api/auth/sessions/{newest['id']}"), 403, "not_your_session")
    other_org = api.new_org()
    assert_error(other_org.delete(f"/api/auth/sessions/{newest['id']}"), 404, "session_not_found")
    data(ann.delete(f"/api/auth/sessions/{newest['id']}"))
    assert refresh(ann, mine["refresh_token"], 401)["code"] == "session_ended"
    rest = data(ann.get("/api/auth/sessions"))["sessions"]
    assert [s["id"] for s in rest] != [newest["id"]] and len(rest) == 1
    data(admin.delete(f"/api/auth/sessions/{rest[0]['id']}"))  # an admin ends anyone's
    assert data(ann.get("/api/auth/sessions"))["sessions"] == []
