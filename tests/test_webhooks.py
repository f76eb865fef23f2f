"""Signed webhooks: the API (on both databases), and delivery to a real local HTTP receiver,
in-process (timers.run_once) and across real server processes (one killed mid-delivery; two
running the worker at once)."""

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from standardwebhooks import Webhook as Verifier
from standardwebhooks import WebhookVerificationError

from rota.config import Settings, get_settings
from rota.db.engine import create_engine
from rota.webhooks import delivery as webhook_delivery
from tests.support import Actor, Api, ServerOrg, ServerPool, assert_error, data, heavy, tick, wait_for

# --- a real receiver ------------------------------------------------------------------------------


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """A threaded HTTP server on 127.0.0.1 that records every POST and answers as programmed:
    `plan` holds the answers to the next requests (a status, or "hold": wait until `release`
    is set, then 200); after that, `default`."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.plan: list[int | str] = []
        self.default = 200
        self.release = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                with receiver.lock:
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    receiver.requests.append(Received(self.path, headers, body))
                    answer = receiver.plan.pop(0) if receiver.plan else receiver.default
                if answer == "hold":
                    receiver.release.wait(30)
                    answer = 200
                try:
                    self.send_response(int(answer))
                    self.send_header("content-length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:  # the sender is gone
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def at(self, path: str = "/hook") -> list[Received]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Retries within milliseconds (get_settings() is what the worker reads)."""
    settings = get_settings()
    monkeypatch.setattr(settings, "webhook_retry_base_seconds", 0.01)
    monkeypatch.setattr(settings, "webhook_retry_cap_seconds", 0.05)
    monkeypatch.setattr(settings, "webhook_timeout_seconds", 5.0)
    return settings


# --- helpers ----------------------------------------------------------------------------------


def deliver_until(api: Api, check: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Timer rounds (in this process) until `check` holds."""

    def round_then_check() -> Any:
        tick(api)
        return check()

    return wait_for(round_then_check, timeout, step=0.02)


def private_allowed(admin: Actor, allowed: bool = True) -> None:
    org = data(admin.patch("/api/organization", json={"allow_private_webhook_targets": allowed}))
    assert org["organization"]["allow_private_webhook_targets"] is allowed


def register(admin: Actor, url: str, **fields: Any) -> tuple[dict[str, Any], str]:
    got = data(admin.post("/api/webhooks", json={"url": url, **fields}), 201)
    return got["webhook"], got["secret"]


def toggle(admin: Actor) -> None:
    """Raises one event (agent.availability_changed)."""
    now = data(admin.get("/api/me"))["user"]["is_available"]
    data(admin.put("/api/me/availability", json={"is_available": not now}))


def deliveries(admin: Actor, webhook: dict[str, Any], **params: Any) -> list[dict[str, Any]]:
    return data(admin.get(f"/api/webhooks/{webhook['id']}/deliveries", params=params))["deliveries"]


def verified(secret: str, request: Received) -> Any:
    return Verifier(secret).verify(request.body, request.headers)


# --- the API ------------------------------------------------------------------------------------


def test_register_list_change_delete(api: Api) -> None:
    admin = api.new_org()
    webhook, secret = register(
        admin,
        "https://93.184.216.34/rota",
        description="CRM",
        event_types=["transfer.created", "team.updated", "transfer.created"],
    )
    assert secret.startswith("whsec_") and len(secret) > 40
    assert webhook["event_types"] == ["transfer.created", "team.updated"]  # duplicates dropped
    assert webhook["enabled"] is True and webhook["disabled_reason"] is None
    assert secret.startswith(webhook["secret_prefix"]) and len(webhook["secret_prefix"]) < 16
    assert webhook["previous_secret_prefix"] is None

    listed = data(admin.get("/api/webhooks"))
    assert [w["id"] for w in listed["webhooks"]] == [webhook["id"]] and listed["total"] == 1
    assert secret not in json.dumps(listed) and secret not in admin.get(f"/api/webhooks/{webhook['id']}").text

    changed = data(admin.patch(f"/api/webhooks/{webhook['id']}", json={"enabled": False, "event_types": []}))[
        "webhook"
    ]
    assert changed["enabled"] is False and changed["disabled_reason"] and changed["event_types"] == []
    assert changed["description"] == "CRM" and changed["url"] == "https://93.184.216.34/rota"
    again = data(admin.patch(f"/api/webhooks/{webhook['id']}", json={"enabled": True}))["webhook"]
    assert again["enabled"] is True and again["disabled_reason"] is None

    rotated = data(admin.post(f"/api/webhooks/{webhook['id']}/rotate-secret"))
    assert rotated["secret"] != secret and rotated["secret"].startswith(rotated["webhook"]["secret_prefix"])
    assert rotated["webhook"]["previous_secret_prefix"] == webhook["secret_prefix"]
    dropped = data(admin.delete(f"/api/webhooks/{webhook['id']}/previous-secret"))["webhook"]
    assert dropped["previous_secret_prefix"] is None
    assert_error(admin.delete(f"/api/webhooks/{webhook['id']}/previous-secret"), 409, "no_previous_secret")

    assert data(admin.get(f"/api/webhooks/{webhook['id']}/deliveries"))["total"] == 0
    assert data(admin.delete(f"/api/webhooks/{webhook['id']}")) == {"id": webhook["id"], "deleted": True}
    assert_error(admin.get(f"/api/webhooks/{webhook['id']}"), 404, "webhook_not_found")
    log = data(admin.get("/api/audit-log", params={"entity_type": "webhook"}))["entries"]
    actions = [e["action"] for e in log]
    assert {"webhook.created", "webhook.updated", "webhook.secret_rotated", "webhook.deleted"} <= set(actions)


def test_admins_only_and_other_organizations_see_nothing(api: Api) -> None:
    admin = api.new_org()
    webhook, _ = register(admin, "https://93.184.216.34/rota")
    base = f"/api/webhooks/{webhook['id']}"
    some_delivery = f"{base}/deliveries/{uuid.uuid4()}"
    calls = [
        ("POST", "/api/webhooks", {"url": "https://93.184.216.34/x"}),
        ("GET", "/api/webhooks", None),
        ("GET", base, None),
        ("PATCH", base, {"enabled": False}),
        ("DELETE", base, None),
        ("POST", f"{base}/rotate-secret", None),
        ("DELETE", f"{base}/previous-secret", None),
        ("GET", f"{base}/deliveries", None),
        ("GET", some_delivery, None),
        ("POST", f"{some_delivery}/redeliver", None),
    ]
    for role in ("manager", "agent"):
        user = api.new_user(admin, role=role)
        for method, url, body in calls:
            assert_error(user.request(method, url, json=body), 403, "admin_required")
    for method, url, body in calls:
        assert_error(api.client.request(method, url, json=body), 401)
    stranger = api.new_org()
    for method, url, body in calls[2:]:
        assert_error(stranger.request(method, url, json=body), 404)
    assert data(stranger.get("/api/webhooks"))["webhooks"] == []
    assert_error(admin.get(some_delivery), 404, "webhook_delivery_not_found")
    assert data(admin.get(base))["webhook"]["enabled"] is True  # nothing above changed it


@pytest.mark.backend_independent
def test_bad_input_is_refused(api: Api) -> None:
    admin = api.new_org()
    for body in (
        {},
        {"url": "ftp://93.184.216.34/x"},
        {"url": "93.184.216.34/x"},
        {"url": "https://"},
        {"url": "https://93.184.216.34:99999/x"},
        {"url": "https://a b.com/"},
        {"url": 42},
        {"url": "https://93.184.216.34/" + "x" * 2000},
        {"url": "https://93.184.216.34/x", "event_types": ["transfer.exploded"]},
        {"url": "https://93.184.216.34/x", "event_types": "transfer.created"},
        {"url": "https://93.184.216.34/x", "enabled": "yes"},
        {"url": "https://93.184.216.34/x", "description": "d" * 501},
    ):
        assert_error(admin.post("/api/webhooks", json=body), 422, "validation_error")
    webhook, _ = register(admin, "https://93.184.216.34/x")
    for body in ({"url": None}, {"enabled": None}, {"event_types": None}, {"url": "mailto:a@b.c"}):
        assert_error(admin.patch(f"/api/webhooks/{webhook['id']}", json=body), 422, "validation_error")
    assert_error(admin.patch("/api/organization", json={"allow_private_webhook_targets": None}), 422)
    assert_error(admin.patch("/api/organization", json={"allow_private_webhook_targets": "true"}), 422)
    assert_error(admin.get(f"/api/webhooks/{webhook['id']}/deliveries", params={"status": "lost"}), 422)
    assert_error(admin.get("/api/webhooks/not-a-uuid"), 422)


def test_private_targets_are_refused_unless_the_organization_allows_them(api: Api) -> None:
    admin = api.new_org()
    assert data(admin.get("/api/organization"))["organization"]["allow_private_webhook_targets"] is False
    for url in (
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "https://10.1.2.3/",
        "http://192.168.0.10/",
        "http://172.16.5.5/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:8080/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://240.0.0.1/",
    ):
        body = assert_error(admin.post("/api/webhooks", json={"url": url}), 422, "webhook_target_not_allowed")
        assert body["errors"][0]["field"] == "url", url
    assert_error(
        admin.post("/api/webhooks", json={"url": "https://no-such-host.invalid/hook"}),
        422,
        "webhook_target_unresolvable",
    )
    public, _ = register(admin, "https://93.184.216.34/hook")
    assert_error(
        admin.patch(f"/api/webhooks/{public['id']}", json={"url": "http://127.0.0.1/"}),
        422,
        "webhook_target_not_allowed",
    )
    assert data(admin.get(f"/api/webhooks/{public['id']}"))["webhook"]["url"] == "https://93.184.216.34/hook"

    private_allowed(admin)
    local, _ = register(admin, "http://127.0.0.1:8000/hook")
    data(admin.patch(f"/api/webhooks/{public['id']}", json={"url": "http://10.0.0.7/hook"}))
    assert local["url"] == "http://127.0.0.1:8000/hook"
    other = api.new_org()  # the setting is per organization
    assert_error(
        other.post("/api/webhooks", json={"url": "http://127.0.0.1/"}), 422, "webhook_target_not_allowed"
    )


# --- delivery, in-process -----------------------------------------------------------------------


def test_messages_are_signed_and_follow_rotation(api: Api, receiver: Receiver, fast: Settings) -> None:
    admin = api.new_org()
    private_allowed(admin)
    webhook, first = register(admin, receiver.url())
    toggle(admin)
    [request] = deliver_until(api, lambda: receiver.at())
    body = verified(first, request)
    assert body["type"] == "agent.availability_changed"
    assert body["data"]["user_id"] == admin.id and body["data"]["is_available"] is False
    assert body["timestamp"].endswith("Z")
    assert request.headers["content-type"] == "application/json"
    assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 60
    [made] = deliver_until(api, lambda: deliveries(admin, webhook, status="succeeded"))
    assert made["event_id"] == request.id and made["event_type"] == "agent.availability_changed"
    assert made["attempts"] == 1 and made["last_status_code"] == 200 and made["delivered_at"]
    assert made["last_duration_ms"] is not None and made["next_attempt_at"] is None
    detail = data(admin.get(f"/api/webhooks/{webhook['id']}/deliveries/{made['id']}"))["delivery"]
    assert detail["payload"] == body["data"] and detail["occurred_at"] == body["timestamp"]
    with pytest.raises(WebhookVerificationError):  # a changed body does not verify
        Verifier(first).verify(request.body.replace(b"false", b"true "), request.headers)

    second = data(admin.post(f"/api/webhooks/{webhook['id']}/rotate-secret"))["secret"]
    toggle(admin)
    request = deliver_until(api, lambda: receiver.at()[1:])[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert verified(first, request) == verified(second, request)  # either secret verifies

    data(admin.delete(f"/api/webhooks/{webhook['id']}/previous-secret"))
    toggle(admin)
    request = deliver_until(api, lambda: receiver.at()[2:])[0]
    verified(second, request)
    with pytest.raises(WebhookVerificationError):
        verified(first, request)
    assert len({r.id for r in receiver.at()}) == 3


def test_event_types_organizations_and_disabled_webhooks_filter_what_is_sent(
    api: Api, receiver: Receiver, fast: Settings
) -> None:
    admin, stranger = api.new_org(), api.new_org()
    for org in (admin, stranger):
        private_allowed(org)
    everything, secret = register(admin, receiver.url("/all"))
    register(admin, receiver.url("/teams"), event_types=["team.updated"])
    off, _ = register(admin, receiver.url("/off"), enabled=False)
    register(stranger, receiver.url("/stranger"))
    team = api.new_team(admin)
    toggle(admin)
    data(admin.patch(f"/api/teams/{team['id']}", json={"description": "changed"}))
    deliver_until(api, lambda: len(receiver.at("/all")) == 2 and receiver.at("/teams"))
    for _ in range(3):
        tick(api)
    types = sorted(verified(secret, r)["type"] for r in receiver.at("/all"))
    assert types == ["agent.availability_changed", "team.updated"]
    [team_update] = receiver.at("/teams")
    assert team_update.json()["data"]["team"]["id"] == team["id"]
    assert receiver.at("/off") == [] and receiver.at("/stranger") == []
    assert len(deliveries(admin, everything)) == 2 and deliveries(admin, off) == []
    assert_error(
        admin.post(f"/api/webhooks/{off['id']}/deliveries/{uuid.uuid4()}/redeliver"), 409, "webhook_disabled"
    )


def test_a_failing_receiver_gets_the_same_message_until_it_succeeds(
    api: Api, receiver: Receiver, fast: Settings
) -> None:
    admin = api.new_org()
    private_allowed(admin)
    webhook, secret = register(admin, receiver.url())
    receiver.plan = [500, 500]
    toggle(admin)
    [done] = deliver_until(api, lambda: deliveries(admin, webhook, status="succeeded"))
    got = receiver.at()
    assert len(got) == 3 and len({r.id for r in got}) == 1 and got[0].id == done["event_id"]
    assert all(verified(secret, r) == verified(secret, got[0]) for r in got)
    assert done["attempts"] == 3 and done["last_status_code"] == 200 and done["last_error"] is None
    assert done["first_attempt_at"] <= done["last_attempt_at"] <= done["delivered_at"]


def test_retries_are_bounded_and_a_delivery_can_be_sent_again(
    api: Api, receiver: Receiver, fast: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast, "webhook_max_attempts", 3)
    admin = api.new_org()
    private_allowed(admin)
    webhook, _ = register(admin, receiver.url())
    receiver.default = 503
    toggle(admin)
    [failed] = deliver_until(api, lambda: deliveries(admin, webhook, status="failed"))
    assert failed["attempts"] == 3 and failed["last_status_code"] == 503
    assert failed["last_error"].startswith("HTTP 503") and failed["next_attempt_at"] is None
    for _ in range(3):
        tick(api)
    assert len(receiver.at()) == 3

    receiver.default = 204
    again = data(admin.post(f"/api/webhooks/{webhook['id']}/deliveries/{failed['id']}/redeliver"))["delivery"]
    assert again["status"] == "pending" and again["attempts"] == 0 and again["next_attempt_at"]
    [done] = deliver_until(api, lambda: deliveries(admin, webhook, status="succeeded"))
    assert done["id"] == failed["id"] and done["attempts"] == 1 and done["last_status_code"] == 204
    assert {r.id for r in receiver.at()} == {failed["event_id"]} and len(receiver.at()) == 4


def test_the_retry_window_also_bounds_retries(
    api: Api, receiver: Receiver, fast: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast, "webhook_give_up_after_seconds", 0.0)
    admin = api.new_org()
    private_allowed(admin)
    webhook, _ = register(admin, receiver.url())
    receiver.default = 500
    toggle(admin)
    [failed] = deliver_until(api, lambda: deliveries(admin, webhook, status="failed"))
    assert failed["attempts"] == 1


def test_backoff_is_exponential_with_full_jitter_and_capped() -> None:
    settings = Settings(webhook_retry_base_seconds=5, webhook_retry_cap_seconds=3600)
    for attempts, ceiling in ((1, 5), (2, 10), (3, 20), (8, 640), (10, 2560), (11, 3600), (40, 3600)):
        waits = [webhook_delivery.backoff(attempts, settings) for _ in range(200)]
        assert all(0 <= w <= ceiling for w in waits) and max(waits) > ceiling / 2


def test_a_rolled_back_change_sends_nothing(api: Api, receiver: Receiver, fast: Settings) -> None:
    admin = api.new_org()
    private_allowed(admin)
    webhook, _ = register(admin, receiver.url())
    away = api.new_user(admin, is_available=False)
    contact = data(admin.post("/api/contacts", json={"name": "Customer"}), 201)["contact"]
    # the transfer is created (transfer.created raised) before the agent is found ineligible
    body = {"contact_id": contact["id"], "agent_id": away.id}
    assert_error(admin.post("/api/chatbot/transfers", json=body), 422)
    for _ in range(5):
        tick(api)
    assert receiver.at() == [] and deliveries(admin, webhook) == []
    # a change that commits is sent: the rounds above did run
    created = data(admin.post("/api/chatbot/transfers", json={"contact_id": contact["id"]}), 201)["transfer"]
    deliver_until(api, lambda: receiver.at())
    assert [r.json()["type"] for r in receiver.at()] == ["transfer.created"]
    assert receiver.at()[0].json()["data"]["transfer"]["id"] == created["id"]


def test_410_gone_disables_the_webhook(
    api: Api, receiver: Receiver, fast: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast, "webhook_concurrency", 1)  # one at a time: the others are still pending
    admin = api.new_org()
    private_allowed(admin)
    webhook, _ = register(admin, receiver.url())
    receiver.default = 410
    for _ in range(3):
        toggle(admin)
    deliver_until(api, lambda: not data(admin.get(f"/api/webhooks/{webhook['id']}"))["webhook"]["enabled"])
    got = data(admin.get(f"/api/webhooks/{webhook['id']}"))["webhook"]
    assert "410" in got["disabled_reason"]
    assert len(receiver.at()) == 1  # nothing more was sent to it
    failed = deliveries(admin, webhook, status="failed")
    assert len(failed) == 3 and deliveries(admin, webhook, status="pending") == []
    assert sorted(d["last_status_code"] or 0 for d in failed) == [0, 0, 410]
    toggle(admin)  # a disabled webhook gets nothing new
    for _ in range(3):
        tick(api)
    assert len(receiver.at()) == 1 and len(deliveries(admin, webhook)) == 3
    audit = data(admin.get("/api/audit-log", params={"action": "webhook.disabled"}))["entries"]
    assert len(audit) == 1 and audit[0]["changes"]["deliveries_failed"] == 2

    receiver.default = 200  # fixed: enabled again, the lost ones are sent on request
    data(admin.patch(f"/api/webhooks/{webhook['id']}", json={"enabled": True}))
    for d in failed:
        data(admin.post(f"/api/webhooks/{webhook['id']}/deliveries/{d['id']}/redeliver"))
    deliver_until(api, lambda: len(deliveries(admin, webhook, status="succeeded")) == 3)
    assert len({r.id for r in receiver.at()}) == 3


def test_a_target_is_checked_again_before_each_send(api: Api, receiver: Receiver, fast: Settings) -> None:
    admin = api.new_org()
    private_allowed(admin)
    webhook, _ = register(admin, receiver.url())
    private_allowed(admin, False)  # e.g. the name now resolves to a private address
    toggle(admin)
    [pending] = deliver_until(api, lambda: [d for d in deliveries(admin, webhook) if d["attempts"] >= 1])
    assert pending["last_error"].startswith("Not sent") and "private" in pending["last_error"]
    assert pending["last_status_code"] is None and receiver.at() == []
    private_allowed(admin)
    deliver_until(api, lambda: deliveries(admin, webhook, status="succeeded"))
    assert len(receiver.at()) == 1


def test_an_unreachable_receiver_fails_the_attempt(api: Api, fast: Settings) -> None:
    admin = api.new_org()
    private_allowed(admin)
    with Receiver() as gone:
        url = gone.url()
    webhook, _ = register(admin, url)  # nothing listens there any more
    toggle(admin)
    [tried] = deliver_until(api, lambda: [d for d in deliveries(admin, webhook) if d["attempts"] >= 1])
    assert tried["last_status_code"] is None and "Connect" in tried["last_error"]


# --- delivery across real processes -------------------------------------------------------------

WORKER_ENV = {
    "ROTA_TIMER_INTERVAL_SECONDS": "0.2",
    "ROTA_WEBHOOK_TIMEOUT_SECONDS": "3",
    "ROTA_WEBHOOK_LEASE_SECONDS": "4",
    "ROTA_WEBHOOK_RETRY_BASE_SECONDS": "0.1",
}


def lapse_timer_rounds_lease(database_url: str) -> None:
    """A killed process's lease on the timer rounds lapses 30 s after its last round (rota.timers,
    not configurable); the test does not wait for that, the lease lapses now, as if that time had
    passed. Nothing else about the deliveries changes: their own leases run out as they would."""

    async def lapse() -> None:
        engine = create_engine(database_url)
        try:
            async with engine.begin() as conn:
                await conn.execute(
                    text("UPDATE leases SET expires_at = '2000-01-01 00:00:00' WHERE name = 'timer_rounds'")
                )
        finally:
            await engine.dispose()

    asyncio.run(lapse())


@heavy
@pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)
def test_a_process_killed_mid_delivery_loses_nothing(fresh_database: str, receiver: Receiver) -> None:
    first = ServerPool(fresh_database, processes=1, env=WORKER_ENV)
    second = ServerPool(fresh_database, processes=1, env=WORKER_ENV)
    try:
        first.start()
        admin = ServerOrg(first).admin
        private_allowed(admin)
        webhook, secret = register(admin, receiver.url())
        receiver.plan = ["hold"]  # the first request is answered only after the kill
        toggle(admin)
        [sent] = wait_for(lambda: receiver.at())
        first.procs[0].kill()  # SIGKILL, mid-request: nothing is recorded about the attempt
        first.procs[0].wait(10)
        lapse_timer_rounds_lease(fresh_database)

        second.start()
        admin.client = httpx.Client(base_url=second.urls[0], timeout=30)
        [done] = wait_for(lambda: deliveries(admin, webhook, status="succeeded"), timeout=30)
        again = receiver.at()[1:]
        assert len(again) == 1 and again[0].id == sent.id == done["event_id"]
        assert verified(secret, again[0]) == verified(secret, sent)
        assert done["attempts"] == 1 and done["last_status_code"] == 200
    finally:
        first.stop()
        second.stop()


@heavy
@pytest.mark.parametrize("backend", ["postgres", "sqlite"], indirect=True)
def test_two_processes_deliver_each_event_exactly_once(fresh_database: str, receiver: Receiver) -> None:
    pool = ServerPool(fresh_database, processes=2, env=WORKER_ENV)
    try:
        pool.start()
        admin = ServerOrg(pool).admin
        private_allowed(admin)
        webhook, secret = register(admin, receiver.url())
        other = Actor(httpx.Client(base_url=pool.urls[1], timeout=30), admin.token, admin.user)
        for i in range(12):
            toggle(admin if i % 2 else other)
        wait_for(
            lambda: (
                data(admin.get(f"/api/webhooks/{webhook['id']}/deliveries", params={"status": "succeeded"}))[
                    "total"
                ]
                == 12
            ),
            timeout=30,
        )
        time.sleep(1.0)  # more rounds of both processes: nothing may go twice
        got = receiver.at()
        assert len(got) == 12 and len({r.id for r in got}) == 12
        for r in got:
            verified(secret, r)
        assert all(d["attempts"] == 1 for d in deliveries(admin, webhook, limit=100))
    finally:
        pool.stop()
