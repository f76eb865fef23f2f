"""The console through an agent's shift (issue 15): sessions that outlast their access tokens,
new work that gets noticed, names and eligible agents, moving transfers, the Transfers list,
dark mode, keyboard shortcuts, times with their zone, and phone widths; in a real browser
against a real `rota serve`."""

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, People
from tests.support import Actor, ServerPool, assert_error, data, heavy, login, unique

# a browser and real server processes, package-scoped: on one worker, with the other heavy tests
pytestmark = heavy


def item(page: Any, scope: str, text: str) -> Any:
    return page.locator(f"{scope} li.transfer").filter(has_text=text)


def nav(page: Any, name: str) -> Any:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


class Short:
    """A server whose access tokens last 3 seconds, with its admin and people."""

    def __init__(self, pool: ServerPool) -> None:
        self.url = pool.urls[0]
        self.http = httpx.Client(base_url=self.url, timeout=10)
        self.email, self.password = pool.create_admin()

    @property
    def people(self) -> People:
        """As conftest's, with the admin signed in now (its token lasts 3 s)."""
        return People(self.http, login(self.http, self.email, self.password))


@pytest.fixture(scope="module")
def short(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Short]:
    db = tmp_path_factory.mktemp("short") / "rota.db"
    pool = ServerPool(
        f"sqlite:///{db}",
        processes=1,
        env={"ROTA_ACCESS_TOKEN_MINUTES": "0.05", "ROTA_TIMER_INTERVAL_SECONDS": "0.5"},
    )
    try:
        pool.start()
        s = Short(pool)
        yield s
        s.http.close()
    finally:
        pool.stop()


def sign_in(page: Any, who: Actor) -> None:
    page.get_by_label("Email").fill(who.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()


# (a)
def test_an_agent_stays_signed_in_past_the_access_token_and_sign_out_ends_the_session(
    browse: Callable[..., Any], short: Short
) -> None:
    agent = short.people.user(name="Sam Shift")
    team = short.people.team(assignment_strategy="manual")
    short.people.member(team, agent)
    stale = login(short.http, agent.email, PASSWORD).token  # expired in 3 s: for later
    page = browse(short.url)
    refreshes: list[Any] = []
    page.context.on(
        "response", lambda r: refreshes.append(r) if r.url.endswith("/api/auth/refresh") else None
    )
    sign_in(page, agent)
    expect(page.locator("#live-status")).to_have_text("Live")
    first = page.evaluate("localStorage.getItem('rota.refresh')")
    assert first and first.startswith("rotr_")
    other = page.context.new_page()  # a second tab of the same browser: the same session
    other.goto("/#/transfers")
    expect(other.get_by_role("heading", name="Transfers", level=1)).to_be_visible()

    page.wait_for_timeout(10_000)  # more than three access tokens' lifetimes

    for tab in (page, other):
        expect(tab.get_by_role("heading", name="Sign in")).to_have_count(0)
    # renewed by one tab at a time: every refresh rotated the token (none raced another)
    assert len(refreshes) >= 3
    assert all(r.status == 200 and r.json()["data"]["refresh_token"] for r in refreshes)
    assert page.evaluate("localStorage.getItem('rota.refresh')") != first
    token = page.evaluate("localStorage.getItem('rota.token')")
    assert (
        data(short.http.get("/api/me", headers={"Authorization": f"Bearer {token}"}))["user"]["id"]
        == agent.id
    )

    # the page's own API calls still work: a state change, and the live stream brings a transfer
    with page.expect_response("**/api/me/availability") as answer:
        page.get_by_label("My state").select_option("busy")
    assert answer.value.status == 200
    expect(page.locator("#toasts")).to_contain_text("You are busy")
    short.people.transfer(short.people.contact("Lena Late"), team)
    expect(item(page, "#waiting", "Lena Late")).to_be_visible(timeout=3000)

    # an expired access token (a tab that slept) is refreshed and the request sent again
    page.evaluate(
        "t => { localStorage.setItem('rota.renew_at', String(Date.now() + 3600e3)); "
        "localStorage.setItem('rota.token', t); }",
        stale,
    )
    nav(page, "Transfers").click()
    expect(item(page, "#transfer-list", "Lena Late")).to_be_visible()
    assert page.evaluate("localStorage.getItem('rota.token')") != stale

    # sign-out ends the session on the server: its refresh token is refused from then on
    held = page.evaluate("localStorage.getItem('rota.refresh')")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert page.evaluate("[localStorage.getItem('rota.token'), localStorage.getItem('rota.refresh')]") == [
        None,
        None,
    ]
    assert_error(short.http.post("/api/auth/refresh", json={"refresh_token": held}), 401)
    expect(other.get_by_role("heading", name="Sign in")).to_be_visible()  # the other tab follows

    # a session that really ended (here: ended elsewhere) shows the expired page
    page.get_by_label("Email").fill(agent.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    mine = page.evaluate("localStorage.getItem('rota.refresh')")
    data(short.http.post("/api/auth/logout", json={"refresh_token": mine}))
    expect(
        page.get_by_role("alert").filter(has_text="Your session has expired — sign in again")
    ).to_be_visible(timeout=6000)


FAKES = """
window.__beeps = 0;
const make = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () { window.__beeps++; return make.call(this); };
window.__notes = [];
window.__asked = 0;
window.Notification = class {
  constructor(title, options) { window.__notes.push([title, options && options.body]); }
  close() {}
  static requestPermission() {
    window.__asked++;
    window.Notification.permission = "granted";
    return Promise.resolve("granted");
  }
};
window.Notification.permission = "default";
"""


# (b)
def test_new_work_raises_the_title_count_beeps_and_notifies_until_my_work_is_seen(
    open_page: Any, people: People
) -> None:
    agent = people.user(name="Tia Title")
    team = people.team(assignment_strategy="load_balanced")
    people.member(team, agent)
    page = open_page(agent, path="/#/transfers")
    page.add_init_script(FAKES)
    page.reload()
    expect(page.locator("#live-status")).to_have_text("Live")
    expect(page).to_have_title("Rota")

    # Preferences: a sound, and a desktop notification (permission asked only when turned on)
    page.get_by_role("button", name="Preferences").click()
    prefs = page.get_by_role("dialog", name="Preferences")
    expect(prefs).to_contain_text("Kept in this browser for Tia Title only")
    assert page.evaluate("window.__asked") == 0
    prefs.get_by_label("Play a short sound").check()
    assert page.evaluate("window.__beeps") == 1  # a sample, at once
    prefs.get_by_label("Show a desktop notification").check()
    expect(prefs.get_by_label("Show a desktop notification")).to_be_checked()
    assert page.evaluate("window.__asked") == 1
    prefs.get_by_role("button", name="Done").click()
    saved = page.evaluate(f"localStorage.getItem('rota.prefs.{agent.id}')")
    assert json.loads(saved) == {"sound": True, "notify": True}

    people.transfer(people.contact("Nell New"), team)
    expect(page).to_have_title("(1) Rota", timeout=2000)
    assert page.evaluate("window.__beeps") == 2
    assert page.evaluate("window.__notes") == [["Rota: new work", "Nell New is assigned to you."]]

    # looked at: cleared, and it stays so after a reload
    nav(page, "My work").click()
    expect(page).to_have_title("Rota")
    page.reload()
    expect(item(page, "#my-transfers", "Nell New")).to_be_visible()
    expect(page).to_have_title("Rota")


# (c)
def test_the_reassign_list_offers_only_agents_who_may_take_it(open_page: Any, people: People) -> None:
    lead = people.user("manager", name="Mona Lead")
    other_lead = people.user("manager", name="Max Manager")
    ann, bo = people.user(name="Ann Able"), people.user(name="Bo Backup")
    abe = people.user(name="Abe Away", is_available=False)
    team = people.team(assignment_strategy="manual")
    people.member(team, lead, role="manager")
    people.member(team, other_lead, role="manager")
    for who in (ann, bo, abe):
        people.member(team, who)
    transfer = people.transfer(people.contact("Rosa Reassign"), team)
    page = open_page(lead, path=f"/#/transfers/{transfer['id']}")
    chooser = page.get_by_label("Assign to")
    offered = chooser.locator("option:not([disabled])")
    expect(offered).to_have_count(4)  # the placeholder, Ann, Bo, and the manager herself (taking it)
    texts = offered.all_inner_texts()
    assert [t.split(" · ")[0] for t in texts[1:]] == ["Mona Lead (me)", "Ann Able", "Bo Backup"]
    expect(chooser.locator("option[disabled]").filter(has_text="Abe Away")).to_have_text("Abe Away — away")
    expect(chooser.locator("option[disabled]").filter(has_text="Max Manager")).to_contain_text(
        "manager in this team"
    )
    chooser.select_option(label=texts[2])
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#toasts")).to_contain_text("Assignment changed.")
    assert data(lead.get(f"/api/chatbot/transfers/{transfer['id']}"))["transfer"]["agent_id"] == ann.id
    # now Ann's: she is not offered it again; Bo is; back to the queue is
    expect(page.get_by_role("button", name="Reassign")).to_be_visible()
    expect(chooser.locator("option", has_text="Ann Able")).to_have_count(0)
    expect(chooser.locator("option:not([disabled])", has_text="Bo Backup")).to_have_count(1)
    expect(chooser.locator("option", has_text="Back to the queue")).to_have_count(1)


# (d)
def test_a_transfer_is_moved_to_another_team_and_to_the_general_queue(
    open_page: Any, admin: Actor, people: People
) -> None:
    agent = people.user(name="Ida Insider")
    mark = unique()[-5:]
    billing = people.team(name=f"Billing {mark}", assignment_strategy="manual")
    returns = people.team(name=f"Returns {mark}", assignment_strategy="manual")
    people.member(billing, agent)
    transfer = people.transfer(people.contact("Milo Move"), billing)

    # an agent of the team may not move it: no control
    page = open_page(agent, path=f"/#/transfers/{transfer['id']}")
    expect(page.get_by_label("Assign to")).to_be_visible()
    expect(page.get_by_label("Move to team")).to_have_count(0)

    page = open_page(admin, path=f"/#/transfers/{transfer['id']}")
    page.get_by_label("Move to team").select_option(label=returns["name"])
    page.get_by_role("button", name="Move", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"Move to {returns['name']}?")
    expect(dialog).to_contain_text(f"It leaves {billing['name']}.")
    dialog.get_by_role("button", name="Cancel").click()
    assert data(admin.get(f"/api/chatbot/transfers/{transfer['id']}"))["transfer"]["team_id"] == billing["id"]

    page.get_by_role("button", name="Move", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Move transfer").click()
    expect(page.locator("#toasts")).to_contain_text(f"Moved to {returns['name']}.")
    expect(page.locator(".facts")).to_contain_text(returns["name"])
    assert data(admin.get(f"/api/chatbot/transfers/{transfer['id']}"))["transfer"]["team_id"] == returns["id"]
    expect(page.locator("#event-log li.moved")).to_contain_text(
        f"From {billing['name']} to {returns['name']}."
    )
    expect(page.locator("#event-log li.moved")).to_contain_text("by Ada Admin")

    # a live update of the transfer while the admin chooses redraws the page: the choice survives it
    page.get_by_label("Move to team").select_option(label="General queue (no team)")
    rhea = people.user(name="Rhea Returns")
    people.member(returns, rhea)
    data(admin.put(f"/api/chatbot/transfers/{transfer['id']}/assign", json={"agent_id": rhea.id}))
    expect(page.locator(".facts")).to_contain_text("Rhea Returns")
    expect(page.get_by_label("Move to team")).to_have_value("__general")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_role("dialog")).to_contain_text("Rhea Returns no longer has it.")
    page.get_by_role("dialog").get_by_role("button", name="Move transfer").click()
    expect(page.locator(".facts")).to_contain_text("General queue")
    assert data(admin.get(f"/api/chatbot/transfers/{transfer['id']}"))["transfer"]["team_id"] is None


DASH = "\u2013"  # the pages say "41 to 60 of 312" with an en dash between the numbers


def count_text(total: int, page: int = 1, limit: int = 20) -> str:
    first = (page - 1) * limit + 1
    return f"{first}{DASH}{min(total, page * limit)} of {total}"


# (e)
def test_the_transfers_page_searches_filters_sorts_and_pages_as_the_api(
    open_page: Any, admin: Actor, people: People
) -> None:
    mark = unique("zq")
    team = people.team(name=f"Lists {mark[-6:]}", assignment_strategy="manual")
    made = [
        people.transfer(
            people.contact(f"Pia {mark} {i:02d}"), team, notes=f"case {mark}", priority=(i * 7) % 101
        )
        for i in range(23)
    ]
    for t in made[:4]:
        data(admin.put(f"/api/chatbot/transfers/{t['id']}/close"))
    data(admin.put(f"/api/chatbot/transfers/{made[4]['id']}/resume"))

    def api(**params: Any) -> dict[str, Any]:
        return data(admin.get("/api/chatbot/transfers", params={"q": mark, **params}))

    page = open_page(admin, path="/#/transfers")
    nav(page, "Transfers")  # in the navigation
    search = page.get_by_label("Search", exact=True)
    search.fill(mark)
    search.press("Enter")
    count = page.locator("#transfers-count")
    everything = api(limit=20)
    assert everything["total_count"] == 23
    expect(count).to_have_text(count_text(23))
    expect(page.locator("#transfer-list li.transfer")).to_have_count(20)
    assert f"q={mark}" in page.url

    page.get_by_role("button", name="Next").click()
    expect(count).to_have_text(count_text(23, page=2))
    expect(page.locator("#transfer-list li.transfer")).to_have_count(3)
    assert "page=2" in page.url
    page.go_back()  # the previous list, from the URL
    expect(count).to_have_text(count_text(23))

    # status: closed and resumed history too
    page.get_by_label("Status").select_option("closed")
    expect(count).to_have_text(count_text(api(status="closed")["total_count"]))
    assert api(status="closed")["total_count"] == 4
    expect(page.locator("#transfer-list li.transfer .badge").filter(has_text="closed")).to_have_count(4)
    page.get_by_label("Status").select_option("resumed")
    expect(count).to_have_text(count_text(1))

    # active, priority at least 50, sorted by priority: the same numbers and order as the API
    page.get_by_label("Status").select_option("active")
    page.get_by_label("Priority at least").fill("50")
    page.get_by_label("Priority at least").press("Enter")
    high = api(status="active", min_priority=50, sort="priority", limit=20)
    page.get_by_label("Sort").select_option("priority")
    expect(count).to_have_text(count_text(high["total_count"]))
    expect(page.locator("#transfer-list .contact-name")).to_have_text(
        [t["contact"]["name"] for t in high["transfers"]]
    )

    # the URL keeps the filters: a reload (or a link) shows the same list
    assert "min_priority=50" in page.url and "sort=priority" in page.url and "status=active" in page.url
    page.reload()
    expect(page.get_by_label("Status")).to_have_value("active")
    expect(page.get_by_label("Priority at least")).to_have_value("50")
    expect(count).to_have_text(count_text(high["total_count"]))

    # the team filter and 50 a page
    page.get_by_label("Status").select_option("")
    page.get_by_label("Priority at least").fill("")
    page.get_by_label("Team", exact=True).select_option(label=team["name"])
    page.get_by_label("Transfers per page").select_option("50")
    expect(count).to_have_text(count_text(23, limit=50))
    assert data(admin.get("/api/chatbot/transfers", params={"team_id": team["id"]}))["total_count"] == 23
    page.get_by_role("link", name="Clear filters").click()
    expect(search).to_have_value("")


# (f)
def test_dark_mode_follows_the_system_and_question_mark_shows_the_shortcuts(
    open_page: Any, people: People
) -> None:
    page = open_page(people.user(name="Dana Dark"))
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    background = "getComputedStyle(document.documentElement).backgroundColor"
    card = "getComputedStyle(document.querySelector('.card')).backgroundColor"

    def rgb(css: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", css)[:3])

    assert min(rgb(page.evaluate(background))) > 200  # light
    page.emulate_media(color_scheme="dark")
    assert max(rgb(page.evaluate(background))) < 40
    assert max(rgb(page.evaluate(card))) < 50
    text = rgb(page.evaluate("getComputedStyle(document.querySelector('h1')).color"))
    assert min(text) > 190  # light text on it
    page.emulate_media(color_scheme="light")
    assert min(rgb(page.evaluate(background))) > 200

    page.keyboard.press("?")
    help_ = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_).to_be_visible()
    expect(help_).to_contain_text("Accept the first offer")
    expect(help_).to_contain_text("Go to Transfers")
    page.keyboard.press("Escape")
    expect(help_).to_be_hidden()
    page.get_by_role("button", name="Keyboard shortcuts").click()  # also from the header
    expect(help_).to_be_visible()
    help_.get_by_role("button", name="Close").click()
    expect(help_).to_be_hidden()


def test_keyboard_shortcuts_accept_decline_pick_and_go(open_page: Any, people: People) -> None:
    kim = people.user(name="Kim Keys")
    lou = people.user(name="Lou Later", is_available=False)
    team = people.team(assignment_strategy="load_balanced", accept_timeout_seconds=120)
    people.member(team, kim)
    people.member(team, lou)
    page = open_page(kim)
    expect(page.locator("#live-status")).to_have_text("Live")
    first = people.transfer(people.contact("Ada Accept"), team)
    expect(item(page, "#my-transfers", "Ada Accept")).to_be_visible()
    page.keyboard.press("a")
    expect(page.locator("#toasts")).to_contain_text("Accepted: Ada Accept is yours.")
    assert data(kim.get(f"/api/chatbot/transfers/{first['id']}"))["transfer"]["offer_expires_at"] is None

    second = people.transfer(people.contact("Dee Decline"), team)
    expect(item(page, "#my-transfers", "Dee Decline")).to_be_visible()
    page.keyboard.press("d")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Decline Dee Decline?")
    dialog.get_by_role("button", name="Decline").click()
    expect(page.locator("#toasts")).to_contain_text("Declined: Dee Decline goes to the next agent.")
    assert data(kim.get(f"/api/chatbot/transfers/{second['id']}"))["transfer"]["passed_by"] == {
        kim.id: "declined"
    }

    # typing in a field is not a shortcut; g t, / and g h are
    page.keyboard.press("g")
    page.keyboard.press("t")
    expect(page.get_by_role("heading", name="Transfers", level=1)).to_be_visible()
    page.keyboard.press("/")
    expect(page.get_by_label("Search", exact=True)).to_be_focused()
    page.keyboard.type("a")  # typed, not accepted
    expect(page.get_by_label("Search", exact=True)).to_have_value("a")
    page.get_by_label("Search", exact=True).blur()
    page.keyboard.press("g")
    page.keyboard.press("h")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()

    # p picks the next waiting transfer of Kim's queues (the general queue is everyone's)
    def held() -> int:
        return data(kim.get("/api/chatbot/transfers", params={"status": "active", "mine": True}))[
            "total_count"
        ]

    before = held()
    page.keyboard.press("p")
    expect(page.locator("#toasts")).to_contain_text("You picked ")
    assert held() == before + 1


# (g)
def test_a_card_shows_priority_sla_waited_and_with_agent_apart_and_zoned_times(
    browse: Callable[..., Any], base_url: str, people: People
) -> None:
    agent = people.user(name="Gus Gauge")
    team = people.team(
        assignment_strategy="manual", sla_first_assignment_seconds=600, sla_resolution_seconds=3600
    )
    people.member(team, agent)
    people.transfer(people.contact("Wanda Waiting"), team, priority=70)
    held = people.transfer(people.contact("Hal Held"), team)
    data(agent.put(f"/api/chatbot/transfers/{held['id']}/assign", json={"agent_id": agent.id}))
    page = browse(base_url, agent, timezone_id="America/New_York", locale="en-US")
    zone = datetime.now(ZoneInfo("America/New_York")).strftime("%Z")  # EST or EDT

    waiting = item(page, "#waiting", "Wanda Waiting")
    expect(waiting.locator(".badge").filter(has_text="priority 70")).to_be_visible()
    expect(waiting.locator(".sla")).to_have_text(re.compile(r"^SLA assign: (9m [0-5]\ds|10m 00s) left$"))
    expect(waiting.locator(".wait")).to_have_text(re.compile(r"^waited \d+s$"))
    expect(waiting.locator(".with-agent")).to_have_count(0)
    expect(waiting.locator(".handed")).to_have_text(re.compile(rf"^handed over \d{{1,2}}:\d\d [AP]M {zone}$"))

    mine = item(page, "#my-transfers", "Hal Held")
    expect(mine.locator(".badge").filter(has_text="priority")).to_have_count(0)
    expect(mine.locator(".sla")).to_have_text(re.compile(r"^SLA resolve: (59m [0-5]\ds|1h 00m) left$"))
    expect(mine.locator(".with-agent")).to_have_text(re.compile(r"^with agent \d+s$"))
    waited = mine.locator(".wait").inner_text()
    assert re.fullmatch(r"waited \d+s", waited)

    # eleven minutes later (the browser's clock): the wait of the assigned one stopped at its
    # assignment, its time with the agent goes on; the waiting one is overdue, in red
    page.clock.set_fixed_time(datetime.now() + timedelta(minutes=11))
    expect(mine.locator(".with-agent")).to_have_text(re.compile(r"^with agent 1[01]m \d\ds$"))
    expect(mine.locator(".wait")).to_have_text(waited)
    expect(waiting.locator(".wait")).to_have_text(re.compile(r"^waited 1[01]m \d\ds$"))
    expect(waiting.locator(".sla")).to_have_text(
        re.compile(r"^SLA assign: overdue \d+s|^SLA assign: overdue 1m")
    )
    color = waiting.locator(".sla .due").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(180, 35, 24)"  # --danger

    # the transfer's page: the same, with the hand-over time and its zone
    mine.get_by_role("link", name="Hal Held").click()
    facts = page.locator(".facts")
    expect(facts).to_contain_text("Waited")
    expect(facts).to_contain_text("With agent")
    expect(facts).to_contain_text(zone)
    expect(page.locator("#event-log")).to_contain_text(zone)


# (h)
def test_names_not_ids_in_the_history_and_lists(open_page: Any, admin: Actor, people: People) -> None:
    agent = people.user(name="Nia Named")
    team = people.team(assignment_strategy="manual")
    people.member(team, agent)
    transfer = people.transfer(people.contact("Otto Owner"), team)  # by the admin, not in the team
    data(admin.put(f"/api/chatbot/transfers/{transfer['id']}/assign", json={"agent_id": agent.id}))
    page = open_page(agent, path=f"/#/transfers/{transfer['id']}")
    log = page.locator("#event-log")
    expect(log.locator("li.created")).to_contain_text("by Ada Admin")
    expect(log.locator("li.assigned")).to_contain_text("by Ada Admin")
    expect(log.locator("li.assigned")).to_contain_text("To Nia Named (you).")
    assert not re.search(r"User [0-9a-f]{8}", page.locator("main").inner_text())
    # the Transfers list names the agent, and filters by name
    page.goto("/#/transfers")
    page.get_by_label("Agent").select_option(label="Nia Named (me)")
    expect(item(page, "#transfer-list", "Otto Owner").locator(".agent")).to_have_text("→ Nia Named (you)")


def test_phone_width_keeps_every_page_of_an_agent_inside_the_screen(open_page: Any, people: People) -> None:
    agent = people.user(name="Pim Phone-Withaverylongsurname")
    others = [people.user(name=f"Colleague Withalongname {i}", is_available=False) for i in range(3)]
    team = people.team(assignment_strategy="load_balanced", sla_first_assignment_seconds=300)
    for who in (agent, *others):
        people.member(team, who)
    transfer = people.transfer(people.contact("Quinn Narrow"), team, priority=40, notes="Narrow " * 30)
    page = open_page(None, width=375, height=740)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page = open_page(agent, width=375, height=740)
    for path, ready in (
        ("/#/", "#my-transfers"),
        ("/#/transfers", "#transfer-list li.transfer"),
        (f"/#/transfers/{transfer['id']}", "#event-log .decision table"),
    ):
        page.goto(path)
        expect(page.locator(ready).first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    # the decision table scrolls inside its box: its right edge stays on the screen
    wrap = page.locator("#event-log .decision .table-wrap").first
    box = wrap.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.get_by_role("button", name="Preferences").click()
    expect(page.get_by_role("dialog", name="Preferences")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
