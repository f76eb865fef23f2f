"""The console's agent states, offers, skills and the team settings behind them (issue 14), in a
real browser against a real `rota serve`."""

import re
from datetime import datetime, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import People
from tests.support import Actor, data, heavy, wait_for

# a browser and a real server process, package-scoped: on one worker, with the other heavy tests
pytestmark = heavy


def item(page: Any, scope: str, text: str) -> Any:
    return page.locator(f"{scope} li.transfer").filter(has_text=text)


def seconds_left(countdown: Any) -> int:
    return int(re.fullmatch(r"(\d+)s left", countdown.inner_text()).group(1))  # type: ignore[union-attr]


def test_the_state_switch_offers_busy_and_keeping_transfers_and_follows_an_admin(
    open_page: Any, admin: Actor, people: People
) -> None:
    agent = people.user(name="Bea Busy")
    team = people.team(assignment_strategy="load_balanced")
    people.member(team, agent)
    held = people.transfer(people.contact("Carmen Kept"), team)
    assert held["agent_id"] == agent.id
    page = open_page(agent)
    state = page.get_by_label("My state")
    expect(state).to_have_value("available")
    expect(item(page, "#my-transfers", "Carmen Kept")).to_be_visible()
    expect(page.locator("#live-status")).to_have_text("Live")

    # busy: nothing asked, the transfer stays, nothing new is given
    state.select_option("busy")
    expect(page.locator("#toasts")).to_contain_text(
        "You are busy: you keep your transfers and get no new ones."
    )
    expect(page.locator("#state")).to_have_attribute("data-state", "busy")
    me = data(agent.get("/api/me"))["user"]
    assert (me["state"], me["is_available"]) == ("busy", False)
    people.transfer(people.contact("Nina Waits"), team)
    expect(item(page, "#waiting", "Nina Waits")).to_be_visible()
    expect(item(page, "#my-transfers", "Carmen Kept")).to_be_visible()

    # offline, choosing to keep the transfer held
    state.select_option("offline")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("You hold 1 active transfer. Keep it while offline")
    dialog.get_by_label("Keep my current transfer").check()
    dialog.get_by_role("button", name="Go offline").click()
    expect(page.locator("#toasts")).to_contain_text("You are offline. You keep your transfers.")
    expect(state).to_have_value("offline")
    assert data(agent.get(f"/api/chatbot/transfers/{held['id']}"))["transfer"]["agent_id"] == agent.id
    assert data(agent.get("/api/me"))["user"]["state"] == "offline"

    # an admin makes them available through the API: the header follows, and says so
    data(admin.patch(f"/api/users/{agent.id}", json={"state": "available"}))
    expect(state).to_have_value("available")
    expect(page.locator("#state")).to_have_attribute("data-state", "available")
    expect(page.locator("#toasts")).to_contain_text("Your state is now available.")
    expect(item(page, "#my-transfers", "Nina Waits")).to_be_visible()  # the queue drained to them


def test_an_offer_counts_down_and_is_accepted_or_declined(open_page: Any, people: People) -> None:
    olive = people.user(name="Olive Offered")
    pax = people.user(name="Pax Next", is_available=False)
    team = people.team(assignment_strategy="load_balanced", accept_timeout_seconds=59)
    people.member(team, olive)
    people.member(team, pax)
    page = open_page(olive)
    expect(page.locator("#live-status")).to_have_text("Live")
    first = people.transfer(people.contact("Olga First"), team)
    assert first["agent_id"] == olive.id and first["offer_expires_at"]

    # the offer stands out, with Accept, Decline and the seconds left, counting down
    offer = item(page, "#my-transfers", "Olga First")
    expect(offer).to_have_class(re.compile(r"\boffered\b"))
    expect(offer.locator(".badge").first).to_have_text("offered")
    expect(offer.get_by_role("button", name="Decline")).to_be_visible()
    left = offer.locator("time.countdown")
    expect(left).to_have_text(re.compile(r"^\d+s left$"))
    before = seconds_left(left)
    assert 20 <= before <= 59  # a loaded machine may take a while to show it
    expect(left).not_to_have_text(f"{before}s left")
    assert seconds_left(left) < before
    expect(page.locator("#toasts")).to_contain_text("A transfer is offered to you")

    # accepted: an ordinary assigned transfer of theirs
    offer.get_by_role("button", name="Accept").click()
    expect(page.locator("#toasts")).to_contain_text("Accepted: the transfer is yours.")
    mine = item(page, "#my-transfers", "Olga First")
    expect(mine).not_to_have_class(re.compile(r"\boffered\b"))
    expect(mine.locator(".badge").first).to_have_text("assigned")
    expect(mine.get_by_role("button", name="Close")).to_be_visible()
    expect(mine.locator("time.countdown")).to_have_count(0)
    got = data(olive.get(f"/api/chatbot/transfers/{first['id']}"))["transfer"]
    assert (got["agent_id"], got["offer_expires_at"]) == (olive.id, None)

    # declined: it moves on to the next agent, never to come back
    second = people.transfer(people.contact("Dara Second"), team)
    assert second["agent_id"] == olive.id
    data(pax.put("/api/me/availability", json={"state": "available"}))
    item(page, "#my-transfers", "Dara Second").get_by_role("button", name="Decline").click()
    expect(page.locator("#toasts")).to_contain_text("Declined: it goes to the next agent.")
    expect(item(page, "#my-transfers", "Dara Second")).to_have_count(0)
    moved = data(pax.get(f"/api/chatbot/transfers/{second['id']}"))["transfer"]
    assert moved["agent_id"] == pax.id and moved["offer_expires_at"]
    assert moved["passed_by"] == {olive.id: "declined"}

    # the next agent's console: once the time is up it says "lapsed" and Accept is disabled, in
    # the list and on the transfer's page
    other = open_page(pax)
    offered = item(other, "#my-transfers", "Dara Second")
    expect(offered.get_by_role("button", name="Accept")).to_be_enabled()
    other.clock.set_fixed_time(datetime.now() + timedelta(seconds=90))  # the browser's clock only
    expect(offered.locator("time.countdown")).to_have_text("lapsed")
    expect(offered.get_by_role("button", name="Accept")).to_be_disabled()
    other.get_by_role("link", name="Dara Second").click()
    banner = other.locator("#offer")
    expect(banner).to_contain_text("This transfer is offered to you. Time left to accept: lapsed")
    expect(banner.get_by_role("button", name="Accept")).to_be_disabled()
    expect(banner.get_by_role("button", name="Decline")).to_be_enabled()

    # the history says who declined it and why they were left out of the next offer
    log = other.locator("#event-log")
    expect(log.locator("li.offer_declined")).to_contain_text("Olive Offered declined it")
    last_offer = log.locator("li.offered").last
    expect(last_offer).to_contain_text("Load balanced offered it to Pax Next")
    expect(last_offer).to_contain_text("To be accepted within 59s.")
    expect(last_offer.locator("tr").filter(has_text="Olive Offered")).to_contain_text("left out: declined it")
    expect(other.locator("#transfer-summary")).to_contain_text("Passed over by")


def test_an_admin_edits_a_users_skills(open_page: Any, admin: Actor, people: People) -> None:
    agent = people.user(name="Sofia Skilled", skills={"language:es": 3})
    page = open_page(admin, path="/#/users")
    page.get_by_label("Search users").fill(agent.email)
    page.get_by_label("Search users").press("Enter")
    row = page.locator(f'tr[data-user-id="{agent.id}"]')
    skills = row.get_by_role("list", name="Skills of Sofia Skilled")
    expect(skills.get_by_role("listitem")).to_have_count(1)
    expect(skills.get_by_role("listitem").filter(has_text="language:es").locator(".lvl")).to_have_text("3")

    row.get_by_label("Skill name for Sofia Skilled").fill("Product:Billing")
    row.get_by_label("Skill level for Sofia Skilled").fill("5")
    row.get_by_role("button", name="Add skill to Sofia Skilled").click()
    expect(skills.get_by_role("listitem").filter(has_text="product:billing").locator(".lvl")).to_have_text(
        "5"
    )
    expect(row.get_by_label("Skill name for Sofia Skilled")).to_be_focused()  # ready for the next
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["skills"] == {
        "language:es": 3,
        "product:billing": 5,
    }

    row.get_by_role("button", name="Remove language:es from Sofia Skilled").click()
    expect(skills.get_by_role("listitem")).to_have_count(1)
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["skills"] == {"product:billing": 5}

    # a name the API refuses: its message next to the row, the skills as they were
    row.get_by_label("Skill name for Sofia Skilled").fill("no spaces")
    row.get_by_role("button", name="Add skill to Sofia Skilled").click()
    expect(row.locator(".error-box")).to_contain_text("is not a skill name")
    assert data(admin.get(f"/api/users/{agent.id}"))["user"]["skills"] == {"product:billing": 5}


def test_team_offer_skill_and_sticky_settings_are_saved(open_page: Any, admin: Actor, people: People) -> None:
    team = people.team(assignment_strategy="manual")
    waiting = people.transfer(people.contact("Rita Relaxed"), team, required_skills={"language:es": 3})
    page = open_page(admin, path=f"/#/teams/{team['id']}")
    card = item(page, "#team-transfers", "Rita Relaxed")
    expect(card.locator(".needs")).to_have_text("needs language:es≥3")

    settings = page.locator("#team-settings-form")
    expect(settings.get_by_label("Offers: accept within (seconds)")).to_have_value("")
    settings.get_by_label("Offers: accept within (seconds)").fill("45")
    settings.get_by_label("An agent who lets an offer lapse is made away").check()
    settings.get_by_label("Drop required skills after (seconds)").fill("1")
    settings.get_by_label("Prefer the contact's last agent for (hours)").fill("24")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#team-routing")).to_have_text(
        "Assignments are offers, to be accepted within 45s; an agent who lets one lapse is made away. "
        "Required skills are dropped after 1s of waiting. The contact's agent of the last 24 h is preferred."
    )
    saved = data(admin.get(f"/api/teams/{team['id']}"))["team"]
    assert {
        k: saved[k]
        for k in (
            "accept_timeout_seconds",
            "missed_offer_sets_away",
            "skills_relax_after_seconds",
            "sticky_agent_hours",
        )
    } == {
        "accept_timeout_seconds": 45,
        "missed_offer_sets_away": True,
        "skills_relax_after_seconds": 1,
        "sticky_agent_hours": 24,
    }
    expect(settings.get_by_label("Offers: accept within (seconds)")).to_have_value("45")

    # the waiting transfer's skills are relaxed after the team's second: struck through, and why
    wait_for(
        lambda: data(admin.get(f"/api/chatbot/transfers/{waiting['id']}"))["transfer"]["skills_relaxed_at"],
        10,
    )
    page.reload()
    expect(card.locator(".needs")).to_contain_text("relaxed")
    expect(card.locator(".needs s")).to_have_text("language:es≥3")
    card.get_by_role("link", name="Rita Relaxed").click()
    expect(page.locator("#event-log li.skills_relaxed")).to_contain_text("it no longer needs language:es ≥3")

    # emptied, the timeout is gone again
    page.goto(f"/#/teams/{team['id']}")
    settings.get_by_label("Offers: accept within (seconds)").fill("")
    settings.get_by_role("button", name="Save changes").click()
    expect(page.locator("#team-routing")).not_to_contain_text("offers")
    assert data(admin.get(f"/api/teams/{team['id']}"))["team"]["accept_timeout_seconds"] is None
