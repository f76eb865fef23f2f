"""Browser tests of the web console: Playwright (Python, sync API) driving Debian's Chromium.

Chromium comes from Debian (`apt-get install chromium`), installed here when missing; Playwright's
own browser download is never used. One `rota serve` process on a fresh SQLite file serves the
session; each actor gets their own browser context (their own localStorage, so their own session).
Set ROTA_SCREENSHOTS=docs/screenshots to write the screenshots of the main screens.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import Actor, ServerPool, data, ensure_debian_package, login, unique

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PASSWORD = "password-123"
# CI runs these beside the other tests on 2 shared cores: a page may take a few seconds to show
# what it will show, and waiting longer costs only the tests that would fail anyway
TIMEOUT_MS = 15_000


# Package scope, not session: Playwright's sync API keeps an event loop running in this thread
# while it is started, and the other tests call asyncio.run(); it must stop when these end.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    executable = ensure_debian_package(CHROMIUM, "chromium", "the browser tests")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPool]:
    db = tmp_path_factory.mktemp("console") / "rota.db"
    pool = ServerPool(f"sqlite:///{db}", processes=1, env={"ROTA_TIMER_INTERVAL_SECONDS": "0.5"})
    try:
        pool.start()
        yield pool
    finally:
        pool.stop()


@pytest.fixture(scope="package")
def base_url(server: ServerPool) -> str:
    return server.urls[0]


@pytest.fixture(scope="package")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="package")
def admin(server: ServerPool, http: httpx.Client) -> Actor:
    """The organization's first admin, made by `rota create-admin`."""
    email, password = server.create_admin()
    return login(http, email, password)


class People:
    """Users, teams and transfers made through the API, for the parts a test is not about."""

    def __init__(self, http: httpx.Client, admin: Actor) -> None:
        self.http, self.admin = http, admin

    def user(self, role: str = "agent", name: str | None = None, **fields: Any) -> Actor:
        name = name or f"{role.title()} {unique()[-6:]}"
        email = f"{unique(role)}@example.com"
        body = {"email": email, "full_name": name, "password": PASSWORD, "role": role, **fields}
        data(self.admin.post("/api/users", json=body), 201)
        return login(self.http, email, PASSWORD)

    def team(self, name: str | None = None, **fields: Any) -> dict[str, Any]:
        body = {"name": name or unique("Team"), **fields}
        return data(self.admin.post("/api/teams", json=body), 201)["team"]

    def member(self, team: dict[str, Any], user: Actor, role: str = "agent") -> None:
        data(
            self.admin.post(f"/api/teams/{team['id']}/members", json={"user_id": user.id, "role": role}), 201
        )

    def contact(self, name: str, **fields: Any) -> dict[str, Any]:
        return data(self.admin.post("/api/contacts", json={"name": name, **fields}), 201)["contact"]

    def transfer(
        self,
        contact: dict[str, Any],
        team: dict[str, Any] | None = None,
        notes: str = "Needs help with order #12345",
        **fields: Any,
    ) -> dict[str, Any]:
        body = {"contact_id": contact["id"], "notes": notes, **fields}
        if team is not None:
            body["team_id"] = team["id"]
        return data(self.admin.post("/api/chatbot/transfers", json=body), 201)["transfer"]


@pytest.fixture
def people(http: httpx.Client, admin: Actor) -> People:
    return People(http, admin)


@pytest.fixture
def browse(browser: Any) -> Iterator[Callable[..., Any]]:
    """browse(base_url, actor=None, path="/", width=1280, height=800, **context_options) -> a page
    in a new context (its own storage), signed in as `actor` (its access token put in storage) or
    at the sign-in page, on any server, with any context options (time zone, locale).
    JavaScript errors fail the test."""
    contexts: list[Any] = []
    problems: list[str] = []

    def open_(
        base_url: str,
        actor: Actor | None = None,
        path: str = "/",
        width: int = 1280,
        height: int = 800,
        **options: Any,
    ) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=base_url, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on(
            "console",
            lambda m: (
                problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" and "with a status of 4" not in m.text
                else None
            ),
        )
        if actor is not None:
            page.goto("/console/favicon.svg")  # same origin, without starting the app
            page.evaluate("t => localStorage.setItem('rota.token', t)", actor.token)
        page.goto(path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def open_page(browse: Callable[..., Any], base_url: str) -> Callable[..., Any]:
    """open_page(actor=None, width=1280, height=800, path="/") -> a page of the package's server
    (see `browse`)."""

    def open_(actor: Actor | None = None, width: int = 1280, height: int = 800, path: str = "/") -> Any:
        return browse(base_url, actor, path, width, height)

    return open_


def screenshot(page: Any, name: str) -> None:
    """Writes docs/screenshots/<name>.png when ROTA_SCREENSHOTS names the folder."""
    folder = os.environ.get("ROTA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
