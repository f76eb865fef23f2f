"""Customer insights: reported by the bot or people, assigned to teams by rules or by hand, resolved."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from rota.insights import repository
from rota.insights.rules import first_match
from tests.support import (
    Actor,
    Api,
    ServerOrg,
    ServerPool,
    assert_error,
    data,
    fire,
    heavy,
    statuses,
    unique,
)

# ---- rules.first_match: pure ------------------------------------------------------------------

T0 = datetime(2024, 1, 1, tzinfo=UTC)


NO_ID = uuid.UUID(int=0)


@dataclass
class Rule:
    name: str
    match: dict[str, Any]
    position: int = 0
    is_active: bool = True
    created_at: datetime = T0
    id: uuid.UUID = NO_ID


def name_of(rule: Any) -> str | None:
    return rule.name if rule else None


def test_first_match_takes_the_lowest_position_then_the_oldest() -> None:
    bugs = {"types": ["bug"]}
    rules = [
        Rule("late", bugs, position=20),
        Rule("newer", bugs, position=10, created_at=T0 + timedelta(seconds=1)),
        Rule("older", bugs, position=10),
        Rule("off", bugs, position=0, is_active=False),
    ]
    assert name_of(first_match(rules, {"type": "bug", "title": "Crash"}, None)) == "older"
    assert name_of(first_match(rules[:2], {"type": "bug", "title": "Crash"}, None)) == "newer"
    assert first_match(rules, {"type": "feedback", "title": "Crash"}, None) is None
    assert first_match([], {"type": "bug", "title": "Crash"}, None) is None


def test_first_match_conditions() -> None:
    def hit(match: dict[str, Any], insight: dict[str, Any], attrs: dict[str, Any] | None = None) -> bool:
        return (
            first_match([Rule("r", match)], {"type": "feedback", "title": "", **insight}, attrs) is not None
        )

    # types: one of them
    assert hit({"types": ["bug", "feedback"]}, {})
    assert not hit({"types": ["bug"]}, {})
    # keywords: any of them, case-insensitive substring of title or body
    assert hit({"keywords": ["refund"]}, {"title": "REFUNDS are slow"})
    assert hit({"keywords": ["nope", "invoice"]}, {"title": "x", "body": "the Invoice is wrong"})
    assert hit({"keywords": ["bug"]}, {"title": "while debugging"})  # substring, by design
    assert not hit({"keywords": ["refund"]}, {"title": "slow", "body": None})
    # contact_attributes: all equal; strict about types; never without a contact
    vip = {"contact_attributes": {"plan": "pro", "vip": True}}
    assert hit(vip, {}, {"plan": "pro", "vip": True, "other": 1})
    assert not hit(vip, {}, {"plan": "pro"})
    assert not hit(vip, {}, {"plan": "pro", "vip": 1})
    assert not hit({"contact_attributes": {"orders": 1}}, {}, {"orders": "1"})
    assert hit({"contact_attributes": {"orders": 1}}, {}, {"orders": 1.0})
    assert not hit(vip, {}, None)
    # conditions together: all must hold
    both = {"types": ["bug"], "keywords": ["login"]}
    assert hit(both, {"type": "bug", "title": "Login fails"})
    assert not hit(both, {"type": "bug", "title": "Crash"})
    assert not hit(both, {"type": "quote", "title": "Login fails"})


# ---- an organization to work with ---------------------------------------------------------------


@dataclass
class Org:
    """An admin, two teams, and a manager and an agent in each."""

    api: Api
    admin: Actor
    team: dict[str, Any]
    other_team: dict[str, Any]
    manager: Actor
    agent: Actor
    other_manager: Actor
    other_agent: Actor

    def actor(self, role: str) -> Actor:
        return getattr(self, role)

    def insight(self, team_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """A new insight, assigned by hand to team_id (or unassigned if there are no rules)."""
        body = {"type": "feedback", "title": unique("Insight"), **fields}
        if team_id:
            body["team_id"] = team_id
        return data(self.admin.post("/api/insights", json=body), 201)["insight"]

    def rule(self, team_id: str, match: dict[str, Any], **fields: Any) -> dict[str, Any]:
        body = {"name": unique("Rule"), "team_id": team_id, "match": match, **fields}
        return data(self.admin.post("/api/insight-rules", json=body), 201)["rule"]


def new_org(api: Api) -> Org:
    admin = api.new_org()
    team, other_team = api.new_team(admin), api.new_team(admin)
    people = {
        name: api.new_member(admin, t, role)
        for name, role, t in (
            ("manager", "manager", team),
            ("agent", "agent", team),
            ("other_manager", "manager", other_team),
            ("other_agent", "agent", other_team),
        )
    }
    return Org(api, admin, team, other_team, **people)


ROLES = ["admin", "manager", "agent", "other_manager", "other_agent"]


# ---- automated assignment -------------------------------------------------------------------------


def test_first_matching_rule_assigns(api: Api) -> None:
    org = new_org(api)
    refunds = {"keywords": ["refund"]}
    org.rule(org.team["id"], refunds, position=0, is_active=False)  # skipped: inactive
    late = org.rule(org.other_team["id"], refunds, position=20)
    first = org.rule(org.team["id"], refunds, position=10)

    insight = data(
        org.agent.post("/api/insights", json={"type": "feedback", "title": "Refund never arrived"}), 201
    )["insight"]
    assert (insight["team_id"], insight["assigned_rule_id"], insight["assigned_by"]) == (
        org.team["id"],
        first["id"],
        "rule",
    )
    assert (insight["status"], insight["occurrence_count"]) == ("open", 1)

    # the later rule runs once the first is switched off
    data(org.admin.patch(f"/api/insight-rules/{first['id']}", json={"is_active": False}))
    second = org.insight(title="Refund please")
    assert (second["team_id"], second["assigned_rule_id"]) == (org.other_team["id"], late["id"])

    log = data(org.admin.get("/api/audit-log", params={"entity_id": insight["id"]}))["entries"]
    assert [(e["action"], e["changes"]["assigned_by"]) for e in log] == [("insight.assigned", "rule")]


def test_no_matching_rule_leaves_the_insight_unassigned(api: Api) -> None:
    org = new_org(api)
    org.rule(org.team["id"], {"types": ["bug"]})
    insight = org.insight(title="Love the new app")
    assert (insight["team_id"], insight["assigned_rule_id"], insight["assigned_by"]) == (None, None, None)
    assert data(org.admin.get("/api/insights", params={"unassigned": True}))["total"] == 1


def test_rules_match_on_type_keyword_and_contact_attribute(api: Api) -> None:
    org = new_org(api)
    third = api.new_team(org.admin)
    by_type = org.rule(org.team["id"], {"types": ["bug"]}, position=1)
    by_word = org.rule(org.other_team["id"], {"keywords": ["Invoice"]}, position=2)
    by_attr = org.rule(third["id"], {"contact_attributes": {"plan": "enterprise"}}, position=3)
    enterprise = data(
        org.admin.post("/api/contacts", json={"name": "Big Co", "custom_attributes": {"plan": "enterprise"}}),
        201,
    )["contact"]
    small = data(
        org.admin.post("/api/contacts", json={"name": "Small Co", "custom_attributes": {"plan": "free"}}), 201
    )["contact"]

    cases = [
        ({"type": "bug", "title": "App crashes"}, by_type),
        ({"type": "quote", "title": "Pricing", "body": "Send me an INVOICE"}, by_word),
        ({"type": "feedback", "title": "Great", "contact_id": enterprise["id"]}, by_attr),
        ({"type": "feedback", "title": "Fine", "contact_id": small["id"]}, None),
        ({"type": "feedback", "title": "Okay"}, None),  # no contact: attributes never match
    ]
    for body, rule in cases:
        insight = data(org.admin.post("/api/insights", json=body), 201)["insight"]
        assert insight["assigned_rule_id"] == (rule and rule["id"]), body
        assert insight["team_id"] == (rule and rule["team_id"]), body
        assert insight["contact_id"] == body.get("contact_id")


def test_explicit_team_skips_the_rules(api: Api) -> None:
    org = new_org(api)
    org.rule(org.team["id"], {"types": ["bug"]})
    insight = data(
        org.agent.post(
            "/api/insights", json={"type": "bug", "title": "Crash", "team_id": org.other_team["id"]}
        ),
        201,
    )["insight"]
    assert (insight["team_id"], insight["assigned_rule_id"], insight["assigned_by"]) == (
        org.other_team["id"],
        None,
        "manual",
    )
    assert_error(
        org.agent.post(
            "/api/insights", json={"type": "bug", "title": "Crash 2", "team_id": str(uuid.uuid4())}
        ),
        404,
        "team_not_found",
    )
    assert_error(
        org.agent.post(
            "/api/insights", json={"type": "bug", "title": "Crash 3", "contact_id": str(uuid.uuid4())}
        ),
        404,
        "contact_not_found",
    )


@pytest.mark.backend_independent
@pytest.mark.parametrize(
    "body, field",
    [
        ({"match": {}}, "match"),
        ({"match": {"types": [], "keywords": [], "contact_attributes": {}}}, "match"),
        ({"match": {"types": ["complaint"]}}, "match.types"),
        ({"match": {"keywords": ["  "]}}, "match.keywords"),
        ({"match": {"contact_attributes": {"plan": None}}}, "match.contact_attributes"),
        ({"match": {"contact_attributes": {"plan": {"nested": 1}}}}, "match.contact_attributes"),
        ({"match": {"typo": ["bug"]}}, "match.typo"),
        ({"match": None}, "match"),
        ({"name": " "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"position": -1}, "position"),
        ({"position": "1"}, "position"),
        ({"is_active": "yes"}, "is_active"),
        ({"team_id": "not-a-uuid"}, "team_id"),
    ],
)
def test_bad_rules_are_refused(api: Api, body: dict, field: str) -> None:
    admin = api.new_org()
    team = api.new_team(admin)
    full = {"name": "Bugs", "team_id": team["id"], "match": {"types": ["bug"]}, **body}
    err = assert_error(admin.post("/api/insight-rules", json=full), 422, "validation_error")
    assert any(e["field"].startswith(field) for e in err["errors"]), err
    assert data(admin.get("/api/insight-rules"))["total"] == 0


def test_rule_crud_names_teams_and_audit(api: Api) -> None:
    org = new_org(api)
    first = org.rule(org.team["id"], {"types": ["bug"]}, name="Bugs", position=5)
    # without a position a rule runs after every existing one
    second = org.rule(org.team["id"], {"keywords": ["refund"]}, name="Refunds")
    assert second["position"] == 6
    assert second["match"] == {"types": [], "keywords": ["refund"], "contact_attributes": {}}

    assert_error(
        org.admin.post(
            "/api/insight-rules",
            json={"name": " BUGS ", "team_id": org.team["id"], "match": {"types": ["bug"]}},
        ),
        409,
        "insight_rule_name_taken",
    )
    assert_error(
        org.admin.patch(f"/api/insight-rules/{second['id']}", json={"name": "bugs"}),
        409,
        "insight_rule_name_taken",
    )
    assert_error(
        org.admin.post(
            "/api/insight-rules",
            json={"name": "Lost", "team_id": str(uuid.uuid4()), "match": {"types": ["bug"]}},
        ),
        404,
        "team_not_found",
    )
    assert_error(org.admin.patch(f"/api/insight-rules/{first['id']}", json={"match": {}}), 422)
    assert_error(org.admin.patch(f"/api/insight-rules/{first['id']}", json={"name": None}), 422)
    for role in ("manager", "agent"):
        assert_error(org.actor(role).get("/api/insight-rules"), 403, "admin_required")
        assert_error(
            org.actor(role).post(
                "/api/insight-rules",
                json={"name": "Mine", "team_id": org.team["id"], "match": {"types": ["bug"]}},
            ),
            403,
        )

    changed = data(
        org.admin.patch(
            f"/api/insight-rules/{second['id']}",
            json={"position": 1, "team_id": org.other_team["id"], "match": {"types": ["quote"]}},
        )
    )["rule"]
    assert (changed["position"], changed["team_id"], changed["match"]["types"]) == (
        1,
        org.other_team["id"],
        ["quote"],
    )
    assert changed["name"] == "Refunds" and changed["is_active"] is True
    listed = data(org.admin.get("/api/insight-rules"))
    assert [r["name"] for r in listed["rules"]] == ["Refunds", "Bugs"] and listed["total"] == 2
    assert data(org.admin.get(f"/api/insight-rules/{first['id']}"))["rule"] == first

    data(org.admin.delete(f"/api/insight-rules/{first['id']}"))
    assert_error(org.admin.get(f"/api/insight-rules/{first['id']}"), 404, "insight_rule_not_found")
    log = data(org.admin.get("/api/audit-log", params={"entity_type": "insight_rule"}))["entries"]
    assert sorted(e["action"] for e in log) == [
        "insight_rule.created",
        "insight_rule.created",
        "insight_rule.deleted",
        "insight_rule.updated",
    ]
    update = next(e for e in log if e["action"] == "insight_rule.updated")
    assert update["changes"]["position"] == {"from": 6, "to": 1}


def test_deleting_a_team_unassigns_its_insights_and_drops_its_rules(api: Api) -> None:
    org = new_org(api)
    rule = org.rule(org.team["id"], {"types": ["bug"]})
    keep = org.rule(org.other_team["id"], {"types": ["quote"]})
    by_rule = org.insight(type="bug")
    by_hand = org.insight(team_id=org.team["id"])
    assert by_rule["assigned_rule_id"] == rule["id"]

    data(org.admin.delete(f"/api/teams/{org.team['id']}"))
    for insight in (by_rule, by_hand):
        now = data(org.admin.get(f"/api/insights/{insight['id']}"))["insight"]
        assert (now["team_id"], now["assigned_rule_id"], now["assigned_by"]) == (None, None, None)
    assert_error(org.admin.get(f"/api/insight-rules/{rule['id']}"), 404, "insight_rule_not_found")
    assert [r["id"] for r in data(org.admin.get("/api/insight-rules"))["rules"]] == [keep["id"]]
    # the former members no longer see them
    assert_error(org.manager.get(f"/api/insights/{by_hand['id']}"), 403, "insight_not_visible")
    assert data(org.admin.get("/api/insights", params={"unassigned": True}))["total"] == 2


# ---- duplicates ------------------------------------------------------------------------------------


def test_a_duplicate_open_insight_counts_another_occurrence(api: Api) -> None:
    org = new_org(api)
    first = data(
        org.agent.post(
            "/api/insights", json={"type": "feature_request", "title": "Dark mode", "team_id": org.team["id"]}
        ),
        201,
    )
    assert first["merged"] is False
    again = data(
        org.other_agent.post(
            "/api/insights",
            json={
                "type": "feature_request",
                "title": "  DARK mode ",
                "body": "please",
                "team_id": org.other_team["id"],
            },
        ),
        200,
    )
    assert again["merged"] is True
    merged = again["insight"]
    assert merged["id"] == first["insight"]["id"] and merged["occurrence_count"] == 2
    # the first report's title, body and team stay
    assert (merged["title"], merged["body"], merged["team_id"]) == ("Dark mode", None, org.team["id"])
    # another type is another insight
    other = data(org.agent.post("/api/insights", json={"type": "bug", "title": "Dark mode"}), 201)
    assert other["merged"] is False

    # once resolved, the same report opens a new insight; the old one cannot be reopened then
    data(org.manager.post(f"/api/insights/{merged['id']}/resolve"))
    fresh = data(
        org.agent.post("/api/insights", json={"type": "feature_request", "title": "dark mode"}), 201
    )["insight"]
    assert fresh["id"] != merged["id"] and fresh["occurrence_count"] == 1
    assert_error(org.admin.post(f"/api/insights/{merged['id']}/reopen"), 409, "insight_duplicate")
    # nor can another open insight be renamed into it
    assert_error(
        org.admin.patch(
            f"/api/insights/{other['insight']['id']}", json={"type": "feature_request", "title": "DARK MODE"}
        ),
        409,
        "insight_duplicate",
    )


def test_a_report_that_loses_the_race_to_insert_counts_on_the_winner(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = api.new_org()
    winner = data(admin.post("/api/insights", json={"type": "bug", "title": "Slow"}), 201)["insight"]
    real, looks = repository.count_occurrence, []

    async def missed_once(*args: Any) -> Any:  # the first look runs before the winner commits
        looks.append(args)
        return None if len(looks) == 1 else await real(*args)

    monkeypatch.setattr(repository, "count_occurrence", missed_once)
    again = data(admin.post("/api/insights", json={"type": "bug", "title": "slow"}), 200)
    assert again["merged"] is True and len(looks) == 2
    assert (again["insight"]["id"], again["insight"]["occurrence_count"]) == (winner["id"], 2)
    assert data(admin.get("/api/insights"))["total"] == 1


N = 40  # simultaneous reports of one insight, spread over both processes


@heavy
@pytest.mark.parametrize("backend", ["postgres", "sqlite"], indirect=True)
def test_simultaneous_duplicates_make_one_insight(server_pool: ServerPool) -> None:
    token = ServerOrg(server_pool).token
    title = unique("Race")
    bodies = [{"type": "bug", "title": title.upper() if i % 2 else title} for i in range(N)]
    responses = fire(server_pool, token, "POST", "/api/insights", bodies)
    assert statuses(responses) == {201: 1, 200: N - 1}
    found = data(
        httpx.get(
            f"{server_pool.urls[1]}/api/insights",
            params={"search": title},
            headers={"Authorization": f"Bearer {token}"},
        )
    )
    assert found["total"] == 1 and found["insights"][0]["occurrence_count"] == N


# ---- who sees and does what --------------------------------------------------------------------------

# For an insight of `team`: the roles allowed each action (everyone else: 403).
ALLOWED = {
    "get": {"admin", "manager", "agent"},
    "patch": {"admin", "manager"},
    "resolve": {"admin", "manager"},
    "reopen": {"admin", "manager"},
    "assign": {"admin", "manager"},
    "delete": {"admin"},
}


def act(org: Org, role: str, action: str, insight_id: str) -> httpx.Response:
    actor, url = org.actor(role), f"/api/insights/{insight_id}"
    if action == "get":
        return actor.get(url)
    if action == "patch":
        return actor.patch(url, json={"title": unique("Renamed")})
    if action == "assign":
        return actor.post(f"{url}/assign", json={"team_id": org.other_team["id"]})
    if action == "delete":
        return actor.delete(url)
    if action == "reopen":
        data(org.admin.post(f"{url}/resolve"))
    return actor.post(f"{url}/{action}")


@pytest.mark.parametrize("role", ROLES)
def test_team_roles_decide_what_each_user_may_do(api: Api, role: str) -> None:
    org = new_org(api)
    for action, allowed in ALLOWED.items():
        insight = org.insight(team_id=org.team["id"])
        resp = act(org, role, action, insight["id"])
        if role in allowed:
            assert resp.status_code == 200, (action, resp.text)
        else:
            code = "insight_not_visible" if role.startswith("other") else None
            assert_error(resp, 403, code if action != "delete" else None)
    # unassigned insights are the admins' alone
    lost = org.insight()
    resp = org.actor(role).get(f"/api/insights/{lost['id']}")
    assert resp.status_code == (200 if role == "admin" else 403), resp.text
    resp = org.actor(role).post(f"/api/insights/{lost['id']}/assign", json={"team_id": org.team["id"]})
    assert resp.status_code == (200 if role == "admin" else 403), resp.text


def test_lists_show_each_user_their_teams_insights(api: Api) -> None:
    org = new_org(api)
    ours, theirs, lost = (
        org.insight(team_id=org.team["id"]),
        org.insight(team_id=org.other_team["id"]),
        org.insight(),
    )
    seen = {role: {i["id"] for i in data(org.actor(role).get("/api/insights"))["insights"]} for role in ROLES}
    assert seen == {
        "admin": {ours["id"], theirs["id"], lost["id"]},
        "manager": {ours["id"]},
        "agent": {ours["id"]},
        "other_manager": {theirs["id"]},
        "other_agent": {theirs["id"]},
    }
    # filters never widen what a user sees
    assert data(org.agent.get("/api/insights", params={"team_id": org.other_team["id"]}))["total"] == 0
    assert data(org.agent.get("/api/insights", params={"unassigned": True}))["total"] == 0


def test_a_manager_moves_an_insight_to_another_team_and_loses_it(api: Api) -> None:
    org = new_org(api)
    rule = org.rule(org.team["id"], {"types": ["bug"]})
    insight = org.insight(type="bug")
    assert insight["assigned_rule_id"] == rule["id"]
    moved = data(
        org.manager.post(f"/api/insights/{insight['id']}/assign", json={"team_id": org.other_team["id"]})
    )["insight"]
    assert (moved["team_id"], moved["assigned_rule_id"], moved["assigned_by"]) == (
        org.other_team["id"],
        None,
        "manual",
    )
    assert_error(org.manager.get(f"/api/insights/{insight['id']}"), 403, "insight_not_visible")
    data(org.other_agent.get(f"/api/insights/{insight['id']}"))
    assert_error(
        org.admin.post(f"/api/insights/{insight['id']}/assign", json={"team_id": str(uuid.uuid4())}),
        404,
        "team_not_found",
    )
    log = data(org.admin.get("/api/audit-log", params={"entity_id": insight["id"]}))["entries"]
    assert [e["changes"]["assigned_by"] for e in log] == ["manual", "rule"]
    assert log[0]["changes"]["team_id"] == {"from": org.team["id"], "to": org.other_team["id"]}


# ---- lifecycle ------------------------------------------------------------------------------------------


def test_resolve_reopen_patch_and_delete(api: Api) -> None:
    org = new_org(api)
    insight = org.insight(team_id=org.team["id"], body="Details")
    iid = insight["id"]

    resolved = data(org.manager.post(f"/api/insights/{iid}/resolve"))["insight"]
    assert (resolved["status"], resolved["resolved_by_id"]) == ("resolved", org.manager.id)
    assert resolved["resolved_at"].endswith("Z") or "+00:00" in resolved["resolved_at"]
    assert_error(org.admin.post(f"/api/insights/{iid}/resolve"), 409, "insight_already_resolved")
    assert data(org.admin.get("/api/insights", params={"status": "resolved"}))["total"] == 1

    reopened = data(org.manager.post(f"/api/insights/{iid}/reopen"))["insight"]
    assert (reopened["status"], reopened["resolved_at"], reopened["resolved_by_id"]) == ("open", None, None)
    assert_error(org.manager.post(f"/api/insights/{iid}/reopen"), 409, "insight_not_resolved")

    changed = data(
        org.manager.patch(
            f"/api/insights/{iid}", json={"type": "bug", "title": " Checkout fails ", "body": None}
        )
    )["insight"]
    assert (changed["type"], changed["title"], changed["body"]) == ("bug", "Checkout fails", None)
    assert changed["team_id"] == org.team["id"] and changed["occurrence_count"] == 1
    for bad in ({"title": None}, {"type": None}, {"title": ""}, {"type": "praise"}, {"body": "x" * 10_001}):
        assert_error(org.manager.patch(f"/api/insights/{iid}", json=bad), 422, "validation_error")

    log = data(org.admin.get("/api/audit-log", params={"entity_id": iid}))["entries"]
    assert [e["action"] for e in log] == ["insight.reopened", "insight.resolved", "insight.assigned"]
    data(org.admin.delete(f"/api/insights/{iid}"))
    assert_error(org.admin.get(f"/api/insights/{iid}"), 404, "insight_not_found")


def test_list_filters_search_and_pages(api: Api) -> None:
    org = new_org(api)
    tag = unique("zz")
    for i in range(3):
        org.insight(team_id=org.team["id"], title=f"{tag} slow page {i}")
    bug = org.insight(type="bug", team_id=org.other_team["id"], title="Crash", body=f"seen by {tag.upper()}")
    org.insight(type="quote", title="Unassigned quote")
    data(org.admin.post(f"/api/insights/{bug['id']}/resolve"))

    def total(**params: Any) -> int:
        return data(org.admin.get("/api/insights", params=params))["total"]

    assert total() == 5
    assert total(search=tag) == 4 and total(search="CRASH") == 1
    assert total(type="bug") == 1 and total(type="quote", unassigned=True) == 1
    assert total(status="open") == 4 and total(status="resolved") == 1
    assert total(team_id=org.team["id"]) == 3 and total(unassigned=False) == 4
    page = data(org.admin.get("/api/insights", params={"search": tag, "limit": 3, "page": 2}))
    assert (page["total"], len(page["insights"]), page["page"], page["limit"]) == (4, 1, 2, 3)
    assert_error(
        org.admin.get("/api/insights", params={"team_id": org.team["id"], "unassigned": True}),
        422,
        "validation_error",
    )
    assert_error(org.admin.get("/api/insights", params={"type": "praise"}), 422)


@pytest.mark.backend_independent
@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "type"),
        ({"type": "praise", "title": "x"}, "type"),
        ({"type": "bug"}, "title"),
        ({"type": "bug", "title": "   "}, "title"),
        ({"type": "bug", "title": "x" * 201}, "title"),
        ({"type": "bug", "title": 5}, "title"),
        ({"type": "bug", "title": "x", "body": "y" * 10_001}, "body"),
        ({"type": "bug", "title": "x", "contact_id": "nope"}, "contact_id"),
        ({"type": "bug", "title": "x", "team_id": 7}, "team_id"),
    ],
)
def test_bad_insights_are_refused(api: Api, body: dict, field: str) -> None:
    admin = api.new_org()
    err = assert_error(admin.post("/api/insights", json=body), 422, "validation_error")
    assert any(e["field"].startswith(field) for e in err["errors"]), err
    assert data(admin.get("/api/insights"))["total"] == 0


def test_nothing_crosses_organizations(api: Api) -> None:
    org, stranger = new_org(api), api.new_org()
    their_team = api.new_team(stranger)
    insight = org.insight(team_id=org.team["id"])
    rule = org.rule(org.team["id"], {"types": ["bug"]})
    url = f"/api/insights/{insight['id']}"
    for resp in (
        stranger.get(url),
        stranger.patch(url, json={"title": "Mine"}),
        stranger.delete(url),
        stranger.post(f"{url}/resolve"),
        stranger.post(f"{url}/reopen"),
        stranger.post(f"{url}/assign", json={"team_id": their_team["id"]}),
    ):
        assert_error(resp, 404, "insight_not_found")
    assert data(stranger.get("/api/insights"))["total"] == 0
    for resp in (
        stranger.get(f"/api/insight-rules/{rule['id']}"),
        stranger.patch(f"/api/insight-rules/{rule['id']}", json={"is_active": False}),
        stranger.delete(f"/api/insight-rules/{rule['id']}"),
    ):
        assert_error(resp, 404, "insight_rule_not_found")
    assert data(stranger.get("/api/insight-rules"))["total"] == 0
    # another organization's teams and contacts are unknown here
    contact = data(stranger.post("/api/contacts", json={"name": "Theirs"}), 201)["contact"]
    assert_error(org.admin.post(f"{url}/assign", json={"team_id": their_team["id"]}), 404, "team_not_found")
    assert_error(
        org.admin.post("/api/insights", json={"type": "bug", "title": "x", "team_id": their_team["id"]}),
        404,
        "team_not_found",
    )
    assert_error(
        org.admin.post("/api/insights", json={"type": "bug", "title": "x", "contact_id": contact["id"]}),
        404,
        "contact_not_found",
    )
    assert_error(
        org.admin.post(
            "/api/insight-rules", json={"name": "x", "team_id": their_team["id"], "match": {"types": ["bug"]}}
        ),
        404,
        "team_not_found",
    )
    # the same title in another organization is another insight
    same = data(stranger.post("/api/insights", json={"type": "feedback", "title": insight["title"]}), 201)
    assert same["merged"] is False
    assert data(org.admin.get(url))["insight"]["occurrence_count"] == 1
