"""The web console in a real browser, against a real `rota serve`."""

import re
import time
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, People, screenshot
from tests.support import Actor, data, heavy

# a browser and a real server process, package-scoped: on one worker, with the other heavy tests
pytestmark = heavy


def nav(page: Any, name: str) -> Any:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def item(page: Any, scope: str, text: str) -> Any:
    return page.locator(f"{scope} li.transfer").filter(has_text=text)


def test_admin_creates_a_team_and_adds_two_agents(open_page: Any, admin: Actor, people: People) -> None:
    jane = people.user(name="Jane Smith")
    john = people.user(name="John Doe")
    page = open_page(admin)
    nav(page, "Teams").click()
    form = page.locator("#create-team")
    form.get_by_label("Name").fill("Support Tier 1")
    form.get_by_label("Description").fill("First line of support")
    form.get_by_label("Assignment strategy").select_option("load_balanced")
    form.get_by_role("button", name="Create team").click()
    expect(page.get_by_role("heading", name="Support Tier 1", level=1)).to_be_visible()
    assert re.search(r"#/teams/[0-9a-f-]{36}$", page.url)
    for agent in (jane, john):
        page.get_by_label("Add a member: search users").fill(agent.email)
        page.get_by_role("button", name="Search").click()
        page.get_by_role("button", name=f"Add {agent.user['full_name']}").click()
        expect(page.locator("#members-table").get_by_text(agent.user["full_name"])).to_be_visible()
    team_id = page.url.rsplit("/", 1)[1]
    members = data(admin.get(f"/api/teams/{team_id}"))["team"]["members"]
    assert sorted((m["email"], m["role"]) for m in members) == sorted(
        (a.email, "agent") for a in (jane, john)
    )
    # a duplicate name is refused by the API, and its message shows next to the form
    nav(page, "Teams").click()
    page.locator("#create-team").get_by_label("Name").fill("Support Tier 1")
    page.get_by_role("button", name="Create team").click()
    expect(page.locator("#create-team-error")).to_contain_text("already")


def test_an_agent_signs_in_goes_available_and_sees_a_new_transfer_live(
    open_page: Any, people: People
) -> None:
    agent = people.user(name="Avery Agent", is_available=False)
    team = people.team(assignment_strategy="load_balanced")
    people.member(team, agent)
    page = open_page()
    # the keyboard alone: type, Tab, type, Enter
    page.get_by_label("Email").focus()
    page.keyboard.type(agent.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    state = page.get_by_label("My state")
    expect(state).to_have_value("away")
    expect(page.locator("#live-status")).to_have_text("Live")
    state.select_option("available")
    expect(page.locator("#toasts")).to_contain_text("You are available.")
    expect(page.locator("#state")).to_have_attribute("data-state", "available")
    contact = people.contact("Maria Lopez", phone_number="+34600111222")
    transfer = people.transfer(contact, team, notes="Order #12345 never arrived")
    created = time.monotonic()
    assert transfer["agent_id"] == agent.id
    mine = item(page, "#my-transfers", "Maria Lopez")
    expect(mine).to_be_visible(timeout=2000)
    assert time.monotonic() - created < 2.0
    expect(mine).to_contain_text("Order #12345 never arrived")
    expect(mine).to_contain_text("+34600111222")
    expect(mine.locator("time")).to_have_text(re.compile(r"^\d+s$"))


def test_another_agent_picks_next_from_a_manual_queue(open_page: Any, people: People) -> None:
    first, second = people.user(name="Pat Picker"), people.user(name="Quinn Other")
    team = people.team(name=f"Manual desk {first.id[:4]}", assignment_strategy="manual")
    people.member(team, first)
    people.member(team, second)
    page = open_page(second)
    queue = page.locator(f'.queue[data-team-id="{team["id"]}"]')
    expect(queue.locator(".n")).to_have_text("0")
    expect(page.locator("#live-status")).to_have_text("Live")
    contact = people.contact("Sam Waiting")
    transfer = people.transfer(contact, team)
    assert transfer["agent_id"] is None
    expect(queue.locator(".n")).to_have_text("1", timeout=2000)
    expect(item(page, "#waiting", "Sam Waiting")).to_be_visible()
    queue.get_by_role("button", name=f"Pick next from {team['name']}").click()
    expect(item(page, "#my-transfers", "Sam Waiting")).to_be_visible()
    expect(queue.locator(".n")).to_have_text("0")
    expect(item(page, "#waiting", "Sam Waiting")).to_have_count(0)
    got = data(second.get(f"/api/chatbot/transfers/{transfer['id']}"))["transfer"]
    assert got["agent_id"] == second.id
    # nothing left: picking again says so instead of failing
    queue.get_by_role("button", name=f"Pick next from {team['name']}").click()
    expect(page.locator("#toasts")).to_contain_text("Nothing is waiting")


def test_a_manager_reassigns_a_transfer(open_page: Any, people: People) -> None:
    manager = people.user("manager", name="Morgan Manager")
    a, b = people.user(name="Alex First"), people.user(name="Blair Second")
    team = people.team(assignment_strategy="round_robin")
    people.member(team, manager, role="manager")
    people.member(team, a)
    people.member(team, b)
    transfer = people.transfer(people.contact("Robin Reassign"), team)
    holder, other = (a, b) if transfer["agent_id"] == a.id else (b, a)
    page = open_page(manager, path=f"/#/teams/{team['id']}")
    row = item(page, "#team-transfers", "Robin Reassign")
    expect(row.locator(".agent")).to_have_text(f"→ {holder.user['full_name']}")
    row.get_by_label("Assign to").select_option(label=other.user["full_name"])
    # a live refresh (another transfer arrives) keeps the choice being made
    people.transfer(people.contact("Sam Arrives"), team)
    expect(item(page, "#team-transfers", "Sam Arrives")).to_be_visible()
    expect(row.get_by_label("Assign to")).to_have_value(other.id)
    row.get_by_role("button", name="Reassign").click()
    expect(item(page, "#team-transfers", "Robin Reassign").locator(".agent")).to_have_text(
        f"→ {other.user['full_name']}"
    )
    assert data(manager.get(f"/api/chatbot/transfers/{transfer['id']}"))["transfer"]["agent_id"] == other.id
    # the event log explains the first, automatic decision and shows the manual one
    page.get_by_role("link", name="Robin Reassign").click()
    log = page.locator("#event-log")
    expect(log).to_contain_text("Round robin gave it to")
    expect(log.locator("tr.chosen")).to_contain_text(holder.user["full_name"])
    expect(log).to_contain_text("left out: manager in this team")
    expect(log).to_contain_text("Chosen by hand")


def test_an_agent_cannot_use_admin_pages(open_page: Any, people: People) -> None:
    agent, colleague = people.user(name="Casey Agent"), people.user(name="Drew Colleague")
    team = people.team(assignment_strategy="manual")
    people.member(team, agent)
    people.member(team, colleague)
    page = open_page(agent)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="My work")).to_be_visible()
    expect(nav.get_by_role("link", name="Users & API keys")).to_be_hidden()
    expect(nav.get_by_role("link", name="Webhooks")).to_be_hidden()
    for path in ("#/users", "#/webhooks"):
        page.goto("/" + path)
        expect(page.locator("main")).to_have_attribute("data-page", path)
        expect(page.get_by_role("heading", name="You don't have access to this page")).to_be_visible()
        expect(page.locator(".notice")).to_contain_text("admin")
    # an agent is offered only to take a waiting transfer: never a colleague the API would refuse
    transfer = people.transfer(people.contact("Eli Denied"), team)
    page.goto(f"/#/transfers/{transfer['id']}")
    chooser = page.get_by_label("Assign to")
    expect(chooser.locator("option", has_text="Drew Colleague")).to_have_count(0)
    chooser.select_option(label="Casey Agent (me)")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#transfer-summary")).to_contain_text("Casey Agent")
    # the team page offers no management to an agent
    page.goto(f"/#/teams/{team['id']}")
    expect(page.locator("#team-stats")).to_be_visible()
    expect(page.locator("#create-team, #team-settings-form, #member-search")).to_have_count(0)


def test_expired_session_and_sign_out(open_page: Any, people: People) -> None:
    agent = people.user()
    page = open_page(agent)
    expect(page.get_by_label("My state")).to_be_visible()
    page.evaluate("localStorage.setItem('rota.token', 'expired-or-garbage')")
    page.reload()
    expect(
        page.get_by_role("alert").filter(has_text="Your session has expired — sign in again")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot(page, "sign-in-expired")
    page.get_by_label("Email").fill(agent.email)
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signin-error")).not_to_be_empty()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert page.evaluate("localStorage.getItem('rota.token')") is None
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_going_away_warns_when_it_returns_transfers(open_page: Any, people: People) -> None:
    agent = people.user(name="Gale Holder")
    team = people.team(assignment_strategy="load_balanced")
    people.member(team, agent)
    transfer = people.transfer(people.contact("Harper Held"), team)
    assert transfer["agent_id"] == agent.id
    page = open_page(agent)
    state = page.get_by_label("My state")
    expect(item(page, "#my-transfers", "Harper Held")).to_be_visible()
    state.select_option("away")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("You hold 1 active transfer")
    expect(dialog.get_by_label("Keep my current transfer")).not_to_be_checked()  # the organization's default
    dialog.get_by_role("button", name="Cancel").click()
    expect(state).to_have_value("available")
    state.select_option("away")
    page.get_by_role("dialog").get_by_role("button", name="Go away").click()
    expect(state).to_have_value("away")
    expect(page.locator("#toasts")).to_contain_text("1 transfer went back to the queue")
    expect(item(page, "#my-transfers", "Harper Held")).to_have_count(0)
    expect(item(page, "#waiting", "Harper Held")).to_be_visible()


def test_phone_width_shows_the_queue_without_horizontal_scrolling(open_page: Any, people: People) -> None:
    agent = people.user(name="Indy Phone")
    team = people.team(name="Mobile support", assignment_strategy="manual")
    people.member(team, agent)
    people.transfer(
        people.contact("Jordan Longname-Withaverylongsurname"), team, notes="A rather long note " * 12
    )
    page = open_page(agent, width=375, height=740)
    expect(item(page, "#waiting", "Jordan")).to_be_visible()
    expect(page.locator(f'.queue[data-team-id="{team["id"]}"] button')).to_be_visible()
    expect(nav(page, "Teams")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_every_main_screen_renders(open_page: Any, admin: Actor, people: People) -> None:
    """A tour of the main screens with realistic data; with ROTA_SCREENSHOTS set it writes the
    README's screenshots (python -m pytest tests/browser -k every_main_screen)."""
    data(admin.patch("/api/organization", json={"name": "Acme Support"}))
    hours = data(
        admin.post(
            "/api/schedules",
            json={
                "name": "Office hours",
                "timezone": "Europe/Madrid",
                "weekly": [
                    {"day": d, "start": "00:00", "end": "24:00"}
                    for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
                ],
                "exceptions": [{"date": "2026-12-25", "closed": True}],
            },
        ),
        201,
    )["schedule"]
    manager = people.user("manager", name="Maya Manager")
    jane = people.user(name="Jane Smith", skills={"language:es": 3, "product:billing": 5})
    john = people.user(name="John Doe", is_available=False, skills={"language:ja": 4})
    lee = people.user(name="Lee Park", max_active_transfers=1, skills={"language:en": 4})
    team = people.team(
        name="Customer Care",
        description="Orders, deliveries and returns",
        assignment_strategy="load_balanced",
        schedule_id=hours["id"],
        sla_first_assignment_seconds=120,
        accept_timeout_seconds=600,
        skills_relax_after_seconds=900,
    )
    for who in (jane, john, lee):
        people.member(team, who)
    people.member(team, manager, role="manager")
    billing = people.team(name="Billing", assignment_strategy="manual")
    people.member(billing, jane)
    first = people.transfer(
        people.contact("Maria Lopez", phone_number="+34600111222"),
        team,
        notes="Order #12345 never arrived; customer is upset.",
    )
    people.transfer(
        people.contact("Tom Becker", email="tom@example.org"),
        team,
        notes="Wants to change the delivery address.",
    )
    people.transfer(
        people.contact("Aiko Tanaka", phone_number="+81 90 1234 5678"),
        team,
        notes="Return label not received.",
        required_skills={"language:ja": 2},
    )
    people.transfer(people.contact("Sven Olsen"), team, notes="Parcel arrived damaged.")
    assert first["agent_id"] == jane.id
    data(jane.put(f"/api/chatbot/transfers/{first['id']}/accept"))  # the offer of Sven Olsen stays open
    people.transfer(people.contact("Lucas Martin"), billing, notes="Charged twice for one order.")
    people.transfer(people.contact("Nora Ali"), billing, notes="Needs an invoice with the VAT number.")
    api_key = data(admin.post("/api/api-keys", json={"name": "chatbot"}), 201)
    assert api_key["key"]

    page = open_page()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    screenshot(page, "sign-in")

    page = open_page(jane)
    expect(item(page, "#my-transfers", "Maria Lopez")).to_be_visible()
    expect(item(page, "#my-transfers", "Sven Olsen").get_by_role("button", name="Accept")).to_be_visible()
    expect(page.locator(f'.queue[data-team-id="{billing["id"]}"] .n')).to_have_text("2")
    expect(item(page, "#waiting", "Aiko Tanaka")).to_contain_text("needs language:ja≥2")
    screenshot(page, "agent-my-work")

    page = open_page(manager, path=f"/#/teams/{team['id']}")
    expect(page.locator("#stat-agents")).to_be_visible()
    expect(page.locator("#members-table")).to_contain_text("Lee Park")
    expect(page.locator("#team-routing")).to_contain_text("accepted within 10m 00s")
    screenshot(page, "team")

    page.goto(f"/#/transfers/{first['id']}")
    expect(page.locator("#event-log")).to_contain_text("Load balanced offered it to")
    expect(page.locator("#event-log")).to_contain_text("left out: away")
    expect(page.locator("#event-log li.accepted")).to_contain_text("by Jane Smith")
    screenshot(page, "transfer-decision")

    page = open_page(admin, path="/#/teams")
    expect(page.locator("#team-list")).to_contain_text("Customer Care")
    screenshot(page, "teams")
    for path, text in (
        ("#/schedules", "Office hours"),
        ("#/users", "Maya Manager"),
        ("#/webhooks", "No webhooks"),
    ):
        page.goto("/" + path)
        expect(page.locator("main")).to_contain_text(text)
    page.goto("/#/users")
    expect(page.locator("#key-list")).to_contain_text("chatbot")
    expect(page.get_by_role("list", name="Skills of Jane Smith")).to_contain_text("product:billing")
    screenshot(page, "users")
    page.goto("/#/transfers?status=active")
    expect(page.locator("#transfer-list")).to_contain_text("Maria Lopez")
    screenshot(page, "transfers")
    page.goto("/#/reports")
    expect(page.locator("canvas").first).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('canvas')].every((c) => Chart.getChart(c))")
    screenshot(page, "reports")

    page = open_page(jane)
    page.emulate_media(color_scheme="dark")
    expect(item(page, "#my-transfers", "Maria Lopez")).to_be_visible()
    screenshot(page, "agent-my-work-dark")

    page = open_page(jane, width=375, height=740)
    expect(item(page, "#my-transfers", "Maria Lopez")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "phone-my-work")


def test_an_admin_edits_changes_a_role_deactivates_and_deletes_a_team(
    open_page: Any, admin: Actor, people: People
) -> None:
    agent = people.user(name="Kai Promoted")
    team = people.team(assignment_strategy="round_robin")
    people.member(team, agent)
    page = open_page(admin, path=f"/#/teams/{team['id']}")
    settings = page.locator("#team-settings-form")
    settings.get_by_label("Assignment strategy").select_option("manual")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator(".page-head .meta")).to_contain_text("Manual")
    member_id = data(admin.get(f"/api/teams/{team['id']}"))["team"]["members"][0]["id"]
    page.get_by_label("Role of Kai Promoted").select_option("manager")
    expect(page.locator("#toasts")).to_contain_text("Kai Promoted is now a manager.")
    expect(page.get_by_label("Role of Kai Promoted")).to_have_value("manager")
    team_now = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert team_now["assignment_strategy"] == "manual"
    assert [(m["id"], m["role"]) for m in team_now["members"]] == [(member_id, "manager")]  # same membership
    page.get_by_role("button", name="Deactivate team").click()
    page.get_by_role("dialog").get_by_role("button", name="Deactivate").click()
    expect(page.locator(".page-head .meta")).to_contain_text("inactive")
    page.get_by_role("button", name="Delete team").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("cannot be undone")
    dialog.get_by_role("button", name="Delete team").click()
    expect(page.locator("main")).to_have_attribute("data-page", "#/teams")
    expect(page.locator("#team-list")).not_to_contain_text(team["name"])
    assert admin.get(f"/api/teams/{team['id']}").status_code == 404


def test_a_manager_adds_an_agent_found_by_search_but_cannot_change_roles(
    open_page: Any, admin: Actor, people: People
) -> None:
    manager = people.user("manager", name="Morgan Lead")
    newcomer = people.user(name="Nico Newcomer")
    team = people.team()
    people.member(team, manager, role="manager")
    page = open_page(manager, path=f"/#/teams/{team['id']}")
    page.get_by_label("Add a member: search users").fill("nico new")
    page.get_by_label("Add a member: search users").press("Enter")
    results = page.locator("#member-results")
    expect(results).to_contain_text("Nico Newcomer")
    expect(results).not_to_contain_text("Morgan Lead")  # members are not offered
    results.get_by_role("button", name="Add Nico Newcomer").click()
    expect(page.locator("#members-table")).to_contain_text("Nico Newcomer")
    expect(page.get_by_label("Role of Nico Newcomer")).to_have_count(0)  # roles: admins only
    members = data(admin.get(f"/api/teams/{team['id']}"))["team"]["members"]
    assert {(m["user_id"], m["role"]) for m in members} == {(manager.id, "manager"), (newcomer.id, "agent")}


def test_team_settings_keep_errors_and_input_and_never_overwrite_a_newer_version(
    open_page: Any, admin: Actor, people: People
) -> None:
    taken = people.team(name="Taken name")
    team = people.team(description="ours")
    page = open_page(admin, path=f"/#/teams/{team['id']}")
    settings = page.locator("#team-settings-form")
    settings.get_by_label("Name").fill(taken["name"])
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#team-settings")).to_contain_text("already")
    expect(settings.get_by_label("Name")).to_have_value(taken["name"])  # what was typed stays

    # someone else changes the team; saving the form drawn before must not undo it
    data(admin.patch(f"/api/teams/{team['id']}", json={"description": "theirs"}))
    settings.get_by_label("Name").fill(team["name"])
    settings.get_by_label("Description").fill("mine")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#settings-error")).to_contain_text("Someone changed this team meanwhile")
    expect(page.locator("#team-settings-form").get_by_label("Description")).to_have_value("theirs")
    assert data(admin.get(f"/api/teams/{team['id']}"))["team"]["description"] == "theirs"


def test_the_skip_link_moves_focus_to_the_page(open_page: Any, people: People) -> None:
    page = open_page(people.user(name="Sky Skipper"))
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    page.get_by_role("link", name="Skip to content").focus()  # the first stop of the Tab order
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
