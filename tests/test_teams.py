"""The Teams API as the seeds describe it: fields, lists, members, updates, audit."""

import re

from tests.support import Api, assert_error, data, unique

RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
TEAM_FIELDS = {
    "id",
    "name",
    "description",
    "assignment_strategy",
    "is_active",
    "member_count",
    "created_at",
    "updated_at",
}
MEMBER_FIELDS = {"id", "user_id", "full_name", "email", "role", "is_available", "last_assigned_at"}


def test_create_team_answers_as_the_seed(api: Api) -> None:
    admin = api.new_org()
    resp = admin.post(
        "/api/teams",
        json={
            "name": "Support Team",
            "description": "Handles customer support inquiries",
            "assignment_strategy": "load_balanced",
            "is_active": True,
        },
    )
    team = data(resp, 201)["team"]
    assert team.keys() >= TEAM_FIELDS
    assert team["name"] == "Support Team"
    assert team["assignment_strategy"] == "load_balanced"
    assert team["is_active"] is True and team["member_count"] == 0
    assert RFC3339_UTC.match(team["created_at"]) and RFC3339_UTC.match(team["updated_at"])
    # defaults: round_robin, active, no description
    plain = api.new_team(admin)
    assert (plain["assignment_strategy"], plain["is_active"], plain["description"]) == (
        "round_robin",
        True,
        None,
    )


def test_get_team_with_members(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    manager = api.new_user(admin, role="manager", full_name="Mia Manager")
    agent = api.new_user(admin, full_name="John Doe")
    away = api.new_user(admin, full_name="Zed Away", is_available=False)
    api.add_member(admin, team["id"], manager, role="manager")
    member = api.add_member(admin, team["id"], agent)
    assert member.keys() >= MEMBER_FIELDS
    assert (member["user_id"], member["full_name"], member["email"], member["role"]) == (
        agent.id,
        "John Doe",
        agent.email,
        "agent",
    )
    assert member["is_available"] is True and member["last_assigned_at"] is None
    api.add_member(admin, team["id"], away)

    got = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert got["member_count"] == 3
    assert [m["full_name"] for m in got["members"]] == ["Mia Manager", "John Doe", "Zed Away"]
    assert {m["full_name"]: m["is_available"] for m in got["members"]}["Zed Away"] is False
    listed = data(admin.get(f"/api/teams/{team['id']}/members"))["members"]
    assert [m["user_id"] for m in listed] == [m["user_id"] for m in got["members"]]
    assert data(admin.get(f"/api/teams/{team['id']}/users"))["users"] == listed


def test_deactivated_member_shows_unavailable(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    data(admin.patch(f"/api/users/{agent.id}", json={"is_active": False}))
    [member] = data(admin.get(f"/api/teams/{team['id']}/members"))["members"]
    assert member["is_available"] is False


def test_list_pagination_search_and_counts(api: Api) -> None:
    admin = api.new_org()
    tag = unique("zq")
    names = [f"{tag} Alpha", f"{tag} beta", f"{tag} Gamma", "Other 100%_"]
    teams = {n: api.new_team(admin, name=n) for n in names}
    agent = api.new_user(admin)
    api.add_member(admin, teams[f"{tag} beta"]["id"], agent)

    page1 = data(admin.get("/api/teams", params={"search": tag.upper(), "limit": 2}))
    assert page1["total"] == 3 and (page1["page"], page1["limit"]) == (1, 2)
    page2 = data(admin.get("/api/teams", params={"search": tag, "limit": 2, "page": 2}))
    assert [t["name"] for t in page1["teams"] + page2["teams"]] == names[:3]
    assert {t["name"]: t["member_count"] for t in page1["teams"]}[f"{tag} beta"] == 1
    # search is literal: % and _ are not wildcards
    assert [t["name"] for t in data(admin.get("/api/teams", params={"search": "0%_"}))["teams"]] == [
        "Other 100%_"
    ]
    assert data(admin.get("/api/teams", params={"search": "%"}))["total"] == 1
    # an agent sees only their team
    mine = data(agent.get("/api/teams"))
    assert [t["name"] for t in mine["teams"]] == [f"{tag} beta"] and mine["total"] == 1


def test_put_and_patch_change_only_what_they_carry(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, description="Before", assignment_strategy="load_balanced")
    for method in ("put", "patch"):
        changed = data(
            getattr(admin, method)(f"/api/teams/{team['id']}", json={"description": f"via {method}"})
        )["team"]
        assert changed["description"] == f"via {method}"
        assert (changed["name"], changed["assignment_strategy"], changed["is_active"]) == (
            team["name"],
            "load_balanced",
            True,
        )
    renamed = data(
        admin.put(
            f"/api/teams/{team['id']}",
            json={"name": "Renamed", "assignment_strategy": "manual", "is_active": False},
        )
    )["team"]
    assert (renamed["name"], renamed["assignment_strategy"], renamed["is_active"]) == (
        "Renamed",
        "manual",
        False,
    )
    assert renamed["description"] == "via patch"
    assert renamed["updated_at"] > team["updated_at"]
    # an empty PUT changes nothing and is fine
    same = data(admin.put(f"/api/teams/{team['id']}", json={}))["team"]
    assert same == renamed


def test_team_manager_updates_own_team(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    manager = api.new_user(admin, role="agent")  # the team role is what counts
    api.add_member(admin, team["id"], manager, role="manager")
    got = data(manager.put(f"/api/teams/{team['id']}", json={"assignment_strategy": "manual"}))
    assert got["team"]["assignment_strategy"] == "manual"


def test_remove_member_and_delete_team(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    data(admin.delete(f"/api/teams/{team['id']}/users/{agent.id}"))
    assert data(admin.get(f"/api/teams/{team['id']}"))["team"]["member_count"] == 0
    assert_error(admin.delete(f"/api/teams/{team['id']}/members/{agent.id}"), 404, "member_not_found")
    # the user may join again after leaving
    api.add_member(admin, team["id"], agent)

    deleted = data(admin.delete(f"/api/teams/{team['id']}"))
    assert deleted == {"id": team["id"], "deleted": True}
    assert_error(admin.get(f"/api/teams/{team['id']}"), 404, "team_not_found")
    assert data(agent.get("/api/teams"))["total"] == 0
    # the user is untouched
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["is_active"] is True
    # and the name is free again
    api.new_team(admin, name=team["name"])


def test_deleting_a_user_removes_their_memberships(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    data(admin.delete(f"/api/users/{agent.id}"))
    assert data(admin.get(f"/api/teams/{team['id']}"))["team"]["member_count"] == 0
    assert_error(agent.get("/api/me"), 401)


def test_audit_log_records_team_and_member_changes(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, name="Audited")
    agent = api.new_user(admin)
    api.add_member(admin, team["id"], agent)
    data(admin.put(f"/api/teams/{team['id']}", json={"assignment_strategy": "manual"}))
    data(admin.delete(f"/api/teams/{team['id']}/members/{agent.id}"))
    data(admin.delete(f"/api/teams/{team['id']}"))

    log = data(admin.get("/api/audit-log", params={"entity_id": team["id"]}))
    assert [e["action"] for e in log["entries"]] == [
        "team.deleted",
        "team.member_removed",
        "team.updated",
        "team.member_added",
        "team.created",
    ]
    assert log["total"] == 5
    for entry in log["entries"]:
        assert entry["actor_id"] == admin.id and entry["actor_email"] == admin.email
        assert RFC3339_UTC.match(entry["created_at"])
    by_action = {e["action"]: e for e in log["entries"]}
    assert by_action["team.updated"]["changes"] == {
        "assignment_strategy": {"from": "round_robin", "to": "manual"}
    }
    assert by_action["team.member_added"]["changes"]["user_id"] == agent.id
    only = data(
        admin.get(
            "/api/audit-log",
            params={"action": "team.created", "entity_type": "team", "entity_id": team["id"]},
        )
    )
    assert only["total"] == 1 and only["entries"][0]["changes"]["name"] == "Audited"


def test_if_match_guards_concurrent_edits(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    first = admin.get(f"/api/teams/{team['id']}")
    tag = first.headers["ETag"]
    ok = admin.put(f"/api/teams/{team['id']}", json={"description": "one"}, headers={"If-Match": tag})
    assert ok.status_code == 200 and ok.headers["ETag"] != tag
    stale = admin.patch(f"/api/teams/{team['id']}", json={"description": "two"}, headers={"If-Match": tag})
    assert_error(stale, 412, "precondition_failed")
    assert data(admin.get(f"/api/teams/{team['id']}"))["team"]["description"] == "one"
    data(admin.patch(f"/api/teams/{team['id']}", json={"description": "three"}, headers={"If-Match": "*"}))


def test_admin_changes_a_members_role_and_a_new_agent_gets_waiting_work(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    lead = api.new_user(admin, role="manager")
    api.add_member(admin, team["id"], lead, role="manager")
    contact = data(admin.post("/api/contacts", json={"name": "Waiting"}), 201)["contact"]
    waiting = data(
        admin.post("/api/chatbot/transfers", json={"contact_id": contact["id"], "team_id": team["id"]}), 201
    )["transfer"]
    assert waiting["agent_id"] is None  # a manager is not given transfers

    for path in ("members", "users"):
        role = "agent" if path == "members" else "manager"
        member = data(admin.patch(f"/api/teams/{team['id']}/{path}/{lead.id}", json={"role": role}))["member"]
        assert (member["user_id"], member["role"]) == (lead.id, role)
    member = data(admin.patch(f"/api/teams/{team['id']}/members/{lead.id}", json={"role": "agent"}))["member"]
    assert member["role"] == "agent" and member["last_assigned_at"] is not None
    got = data(admin.get(f"/api/chatbot/transfers/{waiting['id']}"))["transfer"]
    assert got["agent_id"] == lead.id
    # the same role again changes nothing; the audit log has one entry per change
    data(admin.patch(f"/api/teams/{team['id']}/members/{lead.id}", json={"role": "agent"}))
    entries = data(admin.get("/api/audit-log", params={"limit": 100}))["entries"]
    assert sum(e["action"] == "team.member_role_changed" for e in entries) == 3


def test_only_admins_change_roles_and_bad_changes_are_refused(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    manager, agent, outsider = (api.new_user(admin, role=r) for r in ("manager", "agent", "agent"))
    api.add_member(admin, team["id"], manager, role="manager")
    api.add_member(admin, team["id"], agent)
    url = f"/api/teams/{team['id']}/members/{agent.id}"
    assert_error(manager.patch(url, json={"role": "manager"}), 403, "admin_required")
    assert_error(agent.patch(url, json={"role": "manager"}), 403)
    assert_error(admin.patch(url, json={"role": "owner"}), 422)
    assert_error(admin.patch(url, json={"role": None}), 422)
    assert_error(admin.patch(url, json={}), 422)
    assert_error(
        admin.patch(f"/api/teams/{team['id']}/members/{outsider.id}", json={"role": "agent"}),
        404,
        "member_not_found",
    )
    other = api.new_org()
    assert_error(other.patch(url, json={"role": "manager"}), 404)
    [still] = [
        m for m in data(admin.get(f"/api/teams/{team['id']}"))["team"]["members"] if m["user_id"] == agent.id
    ]
    assert still["role"] == "agent"


def test_addable_users_for_admins_and_the_teams_managers(api: Api) -> None:
    admin = api.new_org()
    team, elsewhere = api.new_team(admin), api.new_team(admin)
    manager = api.new_user(admin, role="manager")
    other_manager = api.new_user(admin, role="manager")
    member = api.new_user(admin, full_name="Mem Ber")
    free = api.new_user(admin, full_name="Fre Eagent")
    gone = api.new_user(admin, full_name="Fre Egone")
    data(admin.patch(f"/api/users/{gone.id}", json={"is_active": False}))
    api.add_member(admin, team["id"], manager, role="manager")
    api.add_member(admin, elsewhere["id"], other_manager, role="manager")
    api.add_member(admin, team["id"], member)
    url = f"/api/teams/{team['id']}/addable-users"

    for caller in (admin, manager):
        found = data(caller.get(url, params={"search": "fre e"}))
        assert [u["id"] for u in found["users"]] == [free.id] and found["total"] == 1
        assert set(found["users"][0]) == {"id", "full_name", "email", "role"}
    everyone = {u["id"] for u in data(admin.get(url, params={"limit": 100}))["users"]}
    assert free.id in everyone and other_manager.id in everyone
    assert not everyone & {manager.id, member.id, gone.id}
    assert_error(member.get(url), 403)
    assert_error(other_manager.get(url), 403)
    assert_error(api.new_org().get(url), 404)
