"""The console's admin and manager pages (issue 15): schedules, team overflow and SLA settings,
capacity, roles and states on the users list, organization settings, insights and their rules,
the audit log, contacts and reports with their charts and CSV, in a real browser against a real
`rota serve`."""

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import People
from tests.support import Actor, data, heavy

# a browser and a real server process, package-scoped: on one worker, with the other heavy tests
pytestmark = heavy

DASH = "\N{EN DASH}"  # as the console writes ranges and pages: 09:00 DASH 17:00
# the sums of a chart's datasets, by label, and how many buckets it has (Chart.js's own data)
SERIES = """id => {
  const chart = Chart.getChart(document.getElementById(id));
  const sums = {buckets: chart.data.labels.length};
  for (const d of chart.data.datasets) sums[d.label] = d.data.reduce((a, b) => a + (b || 0), 0);
  return sums;
}"""

ORG_SETTINGS = (
    "default_max_active_transfers",
    "away_keeps_transfers",
    "busy_may_pick",
    "offline_after_disconnect_seconds",
)


@pytest.fixture
def org_restored(admin: Actor) -> Iterator[dict[str, Any]]:
    """The organization's settings as they were before the test, put back after it (the other
    browser tests share the organization)."""
    before = data(admin.get("/api/organization"))["organization"]
    yield before
    data(admin.patch("/api/organization", json={k: before[k] for k in ORG_SETTINGS}))


def find_user(page: Any, who: Actor) -> Any:
    page.get_by_label("Search users").fill(who.email)
    page.get_by_label("Search users").press("Enter")
    expect(page.locator("#users-table tbody tr")).to_have_count(1)  # the search's answer is shown
    return page.locator(f'tr[data-user-id="{who.id}"]')


def test_an_admin_creates_and_edits_a_schedule(open_page: Any, admin: Actor) -> None:
    page = open_page(admin, path="/#/schedules")
    page.get_by_role("button", name="New schedule").click()
    form = page.locator("#schedule-new")
    form.get_by_label("Name", exact=True).fill("Night desk")
    form.get_by_label("Time zone").fill("Europe/Madrid")
    form.get_by_role("button", name="Add hours on Monday").click()  # 09:00-17:00 to begin with
    form.get_by_role("button", name="Add hours on Friday").click()
    form.get_by_label("Friday: opens").fill("22:00")
    form.get_by_label("Friday: closes").fill("06:00")  # past midnight, into Saturday
    expect(form.locator('[data-day="friday"] .overnight')).to_have_text("next day")
    form.get_by_role("button", name="Add an exception").click()
    form.get_by_label("Exception 1: date").fill("2026-12-25")  # closed all day, the default
    form.get_by_role("button", name="Add an exception").click()
    form.get_by_label("Exception 2: date").fill("2026-12-24")
    form.get_by_label("Exception 2: kind").select_option("hours")
    form.get_by_label("Exception 2: opens").fill("10:00")
    form.get_by_label("Exception 2: closes").fill("14:00")
    form.get_by_role("button", name="Create schedule").click()
    expect(page.locator("#toasts")).to_contain_text("Schedule “Night desk” created.")

    made = next(
        s for s in data(admin.get("/api/schedules?limit=100"))["schedules"] if s["name"] == "Night desk"
    )
    assert made["timezone"] == "Europe/Madrid"
    assert made["weekly"] == [
        {"day": "monday", "start": "09:00", "end": "17:00"},
        {"day": "friday", "start": "22:00", "end": "06:00"},
    ]
    assert sorted(made["exceptions"], key=lambda x: x["date"]) == [
        {"date": "2026-12-24", "closed": False, "ranges": [{"start": "10:00", "end": "14:00"}]},
        {"date": "2026-12-25", "closed": True, "ranges": []},
    ]
    card = page.locator(f'article[data-schedule-id="{made["id"]}"]')
    expect(card).to_contain_text(f"22:00{DASH}06:00 (next day)")
    expect(card.locator(".exceptions")).to_contain_text(f"2026-12-24: 10:00{DASH}14:00")

    # edited: longer Mondays, a second range on Tuesday, Christmas Eve no longer special
    card.get_by_role("button", name="Edit Night desk").click()
    form = page.locator("#schedule-form")
    form.get_by_label("Monday: closes").fill("18:30")
    form.get_by_role("button", name="Add hours on Tuesday").click()
    form.get_by_role("button", name="Add hours on Tuesday").click()  # 17:00-24:00 follows 09:00-17:00
    eve = 1 + [x["date"] for x in made["exceptions"]].index("2026-12-24")
    form.get_by_role("button", name=f"Remove exception {eve}", exact=True).click()
    form.get_by_label("Monday: opens").fill("9am")  # not a clock time: the browser says so
    form.get_by_role("button", name="Save schedule").click()
    assert form.get_by_label("Monday: opens").evaluate("el => el.validity.patternMismatch")
    form.get_by_label("Monday: opens").fill("08:00")
    form.get_by_role("button", name="Save schedule").click()
    expect(page.locator("#toasts")).to_contain_text("Schedule “Night desk” saved.")
    saved = data(admin.get(f"/api/schedules/{made['id']}"))["schedule"]
    assert saved["weekly"] == [
        {"day": "monday", "start": "08:00", "end": "18:30"},
        {"day": "tuesday", "start": "09:00", "end": "17:00"},
        {"day": "tuesday", "start": "17:00", "end": "24:00"},
        {"day": "friday", "start": "22:00", "end": "06:00"},
    ]
    assert [x["date"] for x in saved["exceptions"]] == ["2026-12-25"]

    # the API's refusals are shown, with what was typed kept: a second exception on one date
    card.get_by_role("button", name="Edit Night desk").click()
    form = page.locator("#schedule-form")
    form.get_by_role("button", name="Add an exception").click()
    form.get_by_label("Exception 2: date").fill("2026-12-25")
    form.get_by_role("button", name="Save schedule").click()
    expect(page.locator("#schedule-error")).to_contain_text("each date may have one exception")
    expect(form.get_by_label("Exception 2: date")).to_have_value("2026-12-25")

    # deleted after a confirmation
    page.locator("#schedule-form").get_by_role("button", name="Cancel").click()
    card.get_by_role("button", name="Delete Night desk").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete schedule").click()
    expect(card).to_have_count(0)
    assert admin.get(f"/api/schedules/{made['id']}").status_code == 404


def test_team_overflow_and_sla_settings_are_saved(open_page: Any, admin: Actor, people: People) -> None:
    team = people.team(name="Overflow source")
    backup = people.team(name="Overflow backup")
    page = open_page(admin, path=f"/#/teams/{team['id']}")
    settings = page.locator("#team-settings-form")
    # the fallback policy without a fallback team: the API's message, next to the field
    settings.get_by_label("When closed or waiting too long").select_option("fallback")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#settings-error")).to_contain_text("needs a fallback_team_id")
    expect(settings.get_by_label("Fallback team")).to_have_attribute("aria-invalid", "true")

    settings.get_by_label("Fallback team").select_option(label="Overflow backup")
    settings.get_by_label("Overflow after waiting (seconds)").fill("300")
    settings.get_by_label("SLA: first assignment (seconds)").fill("120")
    settings.get_by_label("SLA: resolution (seconds)").fill("3600")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#team-routing")).to_contain_text(
        "Out of hours or after 5m 00s of waiting, transfers move to Overflow backup."
    )
    expect(page.locator("#team-routing")).to_contain_text(
        "SLA targets (open hours): first assignment within 2m 00s, resolution within 1h 00m."
    )
    saved = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert {k: saved[k] for k in ("overflow_policy", "fallback_team_id", "overflow_after_seconds")} == {
        "overflow_policy": "fallback",
        "fallback_team_id": backup["id"],
        "overflow_after_seconds": 300,
    }
    assert (saved["sla_first_assignment_seconds"], saved["sla_resolution_seconds"]) == (120, 3600)
    expect(settings.get_by_label("Fallback team")).to_have_value(backup["id"])

    # back to waiting, the SLA emptied
    settings.get_by_label("When closed or waiting too long").select_option("wait")
    settings.get_by_label("SLA: resolution (seconds)").fill("")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#team-routing")).not_to_contain_text("move to")
    saved = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert (saved["overflow_policy"], saved["sla_resolution_seconds"]) == ("wait", None)


def test_capacity_per_agent_the_organization_default_and_states(
    open_page: Any, admin: Actor, people: People, org_restored: dict[str, Any]
) -> None:
    agent = people.user(name="Cato Capacity")
    page = open_page(admin, path="/#/organization")
    form = page.locator("#org-settings-form")
    expect(form.get_by_label("Organization name")).to_have_value(org_restored["name"])
    form.get_by_label("Default capacity (active transfers per agent)").fill("4")
    form.get_by_label("Agents who go away or offline keep their transfers").check()
    form.get_by_label("Make agents offline after losing their connection for (seconds)").fill("90")
    form.get_by_role("button", name="Save settings").click()
    expect(page.locator("#toasts")).to_contain_text("Organization settings saved.")
    org = data(admin.get("/api/organization"))["organization"]
    assert (org["default_max_active_transfers"], org["away_keeps_transfers"]) == (4, True)
    assert org["offline_after_disconnect_seconds"] == 90

    page.goto("/#/users")
    row = find_user(page, agent)
    capacity = row.get_by_label("Capacity of Cato Capacity", exact=True)
    expect(capacity).to_have_attribute("placeholder", "4 (default)")
    capacity.fill("2")
    row.get_by_role("button", name="Save capacity of Cato Capacity").click()
    expect(page.locator("#toasts")).to_contain_text("Cato Capacity: at most 2 active transfers.")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["max_active_transfers"] == 2
    capacity.fill("")
    row.get_by_role("button", name="Save capacity of Cato Capacity").click()
    expect(page.locator("#toasts")).to_contain_text("Cato Capacity: the organization's default capacity.")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["max_active_transfers"] is None

    # another user's state: busy at once; away asks first (and cancelling keeps busy)
    state = row.get_by_label("State of Cato Capacity")
    state.select_option("busy")
    expect(page.locator("#toasts")).to_contain_text("Cato Capacity is now busy.")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["state"] == "busy"
    state.select_option("away")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("keep the ones they hold (organization setting)")
    dialog.get_by_role("button", name="Cancel").click()
    expect(state).to_have_value("busy")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["state"] == "busy"
    state.select_option("away")
    page.get_by_role("dialog").get_by_role("button", name="Make away").click()
    expect(page.locator("#toasts")).to_contain_text("Cato Capacity is now away.")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["state"] == "away"


def test_a_role_change_asks_for_confirmation(open_page: Any, admin: Actor, people: People) -> None:
    agent = people.user(name="Rory Role")
    page = open_page(admin, path="/#/users")
    row = find_user(page, agent)
    role = row.get_by_label("Role of Rory Role")
    role.select_option("manager")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Make Rory Role a manager?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(role).to_have_value("agent")  # nothing was saved
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["role"] == "agent"
    role.select_option("manager")
    page.get_by_role("dialog").get_by_role("button", name="Make manager").click()
    expect(page.locator("#toasts")).to_contain_text("Rory Role is now a manager.")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["role"] == "manager"


def test_insight_rules_assign_and_an_insight_is_resolved(
    open_page: Any, admin: Actor, people: People
) -> None:
    billing = people.team(name="Billing desk")
    product = people.team(name="Product desk")
    page = open_page(admin, path="/#/insights")
    form = page.locator("#create-rule")
    form.get_by_label("Name", exact=True).fill("Refunds to billing")
    form.get_by_label("Assign to team").select_option(label="Billing desk")
    form.get_by_label("Words (any of them, in the title or text)").fill("refund, invoice")
    form.get_by_label("Contact attributes (each must equal)").fill("plan = pro")
    form.get_by_role("button", name="Create rule").click()
    rules = page.locator("#rule-list li.rule")
    expect(rules).to_have_count(1)
    expect(rules.first).to_contain_text("Refunds to billing → Billing desk")
    expect(rules.first).to_contain_text("words: “refund” or “invoice”")
    form.get_by_label("Name", exact=True).fill("Bugs to product")
    form.get_by_label("Assign to team").select_option(label="Product desk")
    form.get_by_label("Bug", exact=True).check()
    form.get_by_role("button", name="Create rule").click()
    expect(rules).to_have_count(2)
    made = data(admin.get("/api/insight-rules?limit=100"))["rules"]
    assert [(r["name"], r["team_id"], r["match"]) for r in made] == [
        (
            "Refunds to billing",
            billing["id"],
            {"types": [], "keywords": ["refund", "invoice"], "contact_attributes": {"plan": "pro"}},
        ),
        ("Bugs to product", product["id"], {"types": ["bug"], "keywords": [], "contact_attributes": {}}),
    ]
    # the order they run: the second moved up
    page.get_by_role("button", name="Move Bugs to product up").click()
    expect(rules.first).to_contain_text("Bugs to product")
    assert [r["name"] for r in data(admin.get("/api/insight-rules?limit=100"))["rules"]] == [
        "Bugs to product",
        "Refunds to billing",
    ]

    # an insight of a pro contact about a refund is assigned by the rule; resolved from the list
    contact = people.contact("Paula Pro", custom_attributes={"plan": "pro"})
    insight = data(
        admin.post(
            "/api/insights",
            json={"type": "feedback", "title": "Refund took weeks", "contact_id": contact["id"]},
        ),
        201,
    )["insight"]
    assert insight["team_id"] == billing["id"]
    page.reload()
    card = page.locator(f'li.insight[data-insight-id="{insight["id"]}"]')
    expect(card).to_contain_text("Billing desk (by rule “Refunds to billing”)")
    expect(card.get_by_role("link", name="Paula Pro")).to_be_visible()
    card.get_by_role("button", name="Resolve Refund took weeks").click()
    expect(page.locator("#toasts")).to_contain_text("“Refund took weeks” resolved.")
    expect(card).to_have_count(0)  # the list shows open ones
    got = data(admin.get(f"/api/insights/{insight['id']}"))["insight"]
    assert (got["status"], got["resolved_by_id"]) == ("resolved", admin.id)
    page.locator("#insight-filters").get_by_label("Status").select_option("resolved")
    page.locator("#insight-filters").get_by_role("button", name="Show").click()
    expect(card).to_contain_text(re.compile(r"resolved .* by .*\(you\)"))

    # deleting a rule asks first
    for name in ("Bugs to product", "Refunds to billing"):
        page.get_by_role("button", name=f"Delete {name}").click()
        page.get_by_role("dialog").get_by_role("button", name="Delete rule").click()
        expect(page.locator("#rule-list")).not_to_contain_text(name)
    assert data(admin.get("/api/insight-rules"))["rules"] == []


def test_the_audit_log_shows_a_change_the_test_made(open_page: Any, admin: Actor, people: People) -> None:
    team = people.team(name="Audited team", description="before")
    data(admin.patch(f"/api/teams/{team['id']}", json={"description": "after"}))
    page = open_page(admin, path="/#/audit-log")
    filters = page.locator("#audit-filters")
    filters.get_by_label("Kind").select_option("team")
    filters.get_by_label("Action").select_option("team.updated")
    filters.get_by_role("button", name="Show").click()
    row = page.locator("#audit-table tbody tr").filter(has_text="Audited team").first
    expect(row).to_contain_text("team.updated")
    expect(row).to_contain_text("description: before → after")
    expect(row.locator("td").nth(1)).to_contain_text("(you)")  # who: a name, not an id
    expect(page.locator("#audit-list .pager")).to_contain_text(re.compile(rf"^1{DASH}\d+ of \d+ entries"))
    expect(page.locator("#audit-table")).not_to_contain_text("team.created")


def test_a_contact_is_created_found_by_search_and_shows_its_transfers(
    open_page: Any, admin: Actor, people: People
) -> None:
    page = open_page(admin, path="/#/contacts")
    form = page.locator("#create-contact")
    form.get_by_label("Name", exact=True).fill("Lina Lookup")
    form.get_by_label("Phone").fill("+34 611 222 333")
    form.get_by_label("Email").fill("lina@example.org")
    form.get_by_role("button", name="+ attribute").click()
    form.get_by_label("Attribute name").fill("plan")
    form.get_by_label("Attribute value").fill("pro")
    form.get_by_role("button", name="Create contact").click()
    expect(page.get_by_role("heading", name="Lina Lookup", level=1)).to_be_visible()
    contact_id = page.url.rsplit("/", 1)[1]
    got = data(admin.get(f"/api/contacts/{contact_id}"))["contact"]
    assert (got["phone_number"], got["email"], got["custom_attributes"]) == (
        "+34 611 222 333",
        "lina@example.org",
        {"plan": "pro"},
    )
    # edited: an attribute removed, one added (a number)
    edit = page.locator("#contact-form")
    edit.get_by_role("button", name="Remove attribute plan").click()
    edit.get_by_role("button", name="+ attribute").click()
    edit.get_by_label("Attribute name").fill("orders")
    edit.get_by_label("Attribute value").fill("12")
    edit.get_by_role("button", name="Save contact").click()
    expect(page.locator("#toasts")).to_contain_text("Lina Lookup saved.")
    assert data(admin.get(f"/api/contacts/{contact_id}"))["contact"]["custom_attributes"] == {"orders": 12}

    # the contact's transfers
    team = people.team(assignment_strategy="manual")
    people.transfer(got, team, notes="Wants a refund")
    page.reload()
    expect(page.locator("#contact-transfers")).to_contain_text("Wants a refund")
    expect(page.locator("#contact-transfers")).to_contain_text(team["name"])

    page.get_by_role("link", name="Contacts", exact=True).first.click()
    search = page.get_by_label("Search contacts")
    search.fill("611 222")
    search.press("Enter")
    rows = page.locator("#contacts-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lina Lookup")
    search.fill("nobody-like-this")
    search.press("Enter")
    expect(page.locator("#contact-list")).to_contain_text("No contacts match.")


def _csv_rows(download: Any) -> list[dict[str, str]]:
    with open(download.path(), encoding="utf-8") as f:
        return list(csv.DictReader(io.StringIO(f.read())))


def test_a_manager_reads_a_report_chart_and_downloads_its_csv(
    open_page: Any, admin: Actor, people: People
) -> None:
    manager = people.user("manager", name="Rhea Reports")
    agent = people.user(name="Ari Assigned")
    team = people.team(name="Reported desk", assignment_strategy="manual")
    people.team(name="Someone else's desk")
    people.member(team, manager, role="manager")
    people.member(team, agent)
    for n in range(3):
        people.transfer(people.contact(f"Report contact {n}"), team)
    picked = data(agent.post(f"/api/chatbot/transfers/pick?team_id={team['id']}"))["transfer"]
    data(agent.put(f"/api/chatbot/transfers/{picked['id']}/close"))

    page = open_page(manager, path=f"/#/teams/{team['id']}")
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    # a manager chooses among the teams they manage, never the whole organization
    choices = page.locator("#report-filters").get_by_label("Team").locator("option")
    expect(choices).to_have_text(["Reported desk"])
    canvas = page.locator("canvas#chart-volume")
    expect(canvas).to_be_visible()
    series = page.evaluate(SERIES, "chart-volume")
    assert series == {"buckets": 7, "Created": 3, "First assigned": 1, "Closed": 1}
    queue = page.evaluate(
        '() => Chart.getChart(document.getElementById("chart-queue")).data.datasets[0].data'
    )
    assert queue[-1] == 2  # waiting at the end: three came, one was picked
    expect(page.locator("#total-created .stat-value")).to_have_text("3")
    # the charts take the page's colours, and follow a switch to the dark scheme
    first_colour = 'Chart.getChart(document.getElementById("chart-volume")).data.datasets[0].backgroundColor'
    light = page.evaluate(f"() => {first_colour}")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("() => getComputedStyle(document.body).getPropertyValue('--brand').trim()")
    assert dark != light
    page.wait_for_function(f"c => {first_colour} === c", arg=dark)
    expect(page.locator("#report-agents")).to_contain_text("Ari Assigned")

    # today, by hour: the same three
    page.locator("#report-filters").get_by_label("Period").select_option("today")
    page.locator("#report-filters").get_by_role("button", name="Show report").click()
    expect(page.locator("#report-buckets tbody tr")).to_have_count(24)
    assert page.evaluate(SERIES, "chart-volume") == {
        "buckets": 24,
        "Created": 3,
        "First assigned": 1,
        "Closed": 1,
    }

    # the CSV: a row per hour, the same counts; the agents' CSV has the agent's figures
    with page.expect_download() as got:
        page.get_by_role("button", name="Transfers as CSV").click()
    rows = _csv_rows(got.value)
    assert got.value.suggested_filename.startswith(f"transfers-team-{team['id']}")
    assert len(rows) == 24
    assert sum(int(r["created"]) for r in rows) == 3
    assert sum(int(r["assigned"]) for r in rows) == 1
    with page.expect_download() as got:
        page.get_by_role("button", name="Agents as CSV").click()
    agents = {r["full_name"]: r for r in _csv_rows(got.value)}
    assert (agents["Ari Assigned"]["assigned"], agents["Ari Assigned"]["closed"]) == ("1", "1")

    # a team they do not manage is not offered, even by its address
    other = people.team(name="Not managed here")
    page.goto(f"/#/reports/{other['id']}")
    expect(page.locator("#report-filters").get_by_label("Team")).to_have_value(team["id"])


def test_admin_pages_at_phone_width_and_for_agents(open_page: Any, admin: Actor, people: People) -> None:
    for path in (
        "#/schedules",
        "#/insights",
        "#/audit-log",
        "#/contacts",
        "#/reports",
        "#/organization",
        "#/users",
    ):
        page = open_page(admin, width=375, height=740, path="/" + path)
        expect(page.locator("main h1")).to_be_visible()
        if path == "#/reports":
            expect(page.locator("canvas#chart-volume")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    agent = people.user(name="Nell Nonadmin")
    page = open_page(agent)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Contacts")).to_be_visible()
    expect(nav.get_by_role("link", name="Audit log")).to_be_hidden()
    expect(nav.get_by_role("link", name="Organization")).to_be_hidden()
    for path in ("#/audit-log", "#/organization", "#/reports"):
        page.goto("/" + path)
        expect(page.get_by_role("heading", name="You don't have access to this page")).to_be_visible()


def test_a_webhook_is_edited_and_its_old_secret_dropped(open_page: Any, admin: Actor) -> None:
    # disabled, at a public address literal: nothing is sent, no name is looked up
    hook = data(
        admin.post("/api/webhooks", json={"url": "https://93.184.216.34/edit-me", "enabled": False}), 201
    )["webhook"]
    rotated = data(admin.post(f"/api/webhooks/{hook['id']}/rotate-secret"))["webhook"]
    assert rotated["previous_secret_prefix"]
    page = open_page(admin, path="/#/webhooks")
    card = page.locator("#webhook-list li.item").filter(has_text="93.184.216.34/edit-me")
    expect(card).to_contain_text(f"also signed with {rotated['previous_secret_prefix']}")
    card.get_by_role("button", name="Edit https://93.184.216.34/edit-me").click()
    card.get_by_label("Description").fill("CRM sync")
    card.get_by_label("transfer.closed").check()
    card.get_by_role("button", name="Save webhook").click()
    expect(page.locator("#toasts")).to_contain_text("Webhook saved.")
    got = data(admin.get(f"/api/webhooks/{hook['id']}"))["webhook"]
    assert (got["description"], got["event_types"]) == ("CRM sync", ["transfer.closed"])

    card.get_by_role("button", name="Drop old secret").click()
    page.get_by_role("dialog").get_by_role("button", name="Drop old secret").click()
    expect(page.locator("#toasts")).to_contain_text("Old secret dropped.")
    expect(card).not_to_contain_text("also signed with")
    assert data(admin.get(f"/api/webhooks/{hook['id']}"))["webhook"]["previous_secret_prefix"] is None

    card.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete webhook").click()
    expect(card).to_have_count(0)
