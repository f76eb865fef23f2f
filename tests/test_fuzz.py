"""Schemathesis fuzzes every operation of the app's own /openapi.json, in-process, on both
databases: as an admin, as an agent and without credentials. No answer may be a server error,
have a status the document does not list, or a body or content type that does not conform."""

import copy
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import hypothesis.configuration
import pytest
import requests
import schemathesis
from fastapi.testclient import TestClient
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rota.app import create_app
from rota.config import Settings
from tests.support import Actor, Api, data, unique

# Hypothesis keeps caches (not examples: there is no example database) under its home, by
# default .hypothesis in the working directory, the repository: they go to the temp dir instead.
hypothesis.configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "rota-hypothesis")

# Reproducible and bounded: a fixed seed, derandomized, a few examples per operation in the
# fuzzing phase (the examples and coverage phases add their own, a fixed set), and no example
# database written into the repository.
CONFIG = {
    "seed": 20260302,
    "generation": {"max-examples": 5, "deterministic": True, "database": "none"},
}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
# the ids a case may name (path and query parameters, body fields) -> the record put there
NAMES = {
    "team_id": "team",
    "entity_id": "team",
    "fallback_team_id": "other_team",
    "user_id": "user",
    "agent_id": "user",
    "actor_id": "admin",
    "organization_id": "organization",
    "contact_id": "contact",
    "transfer_id": "transfer",
    "schedule_id": "schedule",
    "insight_id": "insight",
    "rule_id": "rule",
    "webhook_id": "webhook",
    "key_id": "api_key",
}


def served_document() -> dict[str, Any]:
    # Serving the document needs no database, so the app is not started (no lifespan) for it.
    # The cases then go to the test clients of both backends.
    app = create_app(Settings(database_url="sqlite:///unused.db"))
    return TestClient(app).get("/openapi.json").json()


DOCUMENT = served_document()
# Every operation but one: GET /api/events is a Server-Sent Events stream, which never ends while
# the caller may see events, so an in-process call would not return (tests/test_stream.py).
schema = schemathesis.openapi.from_dict(
    copy.deepcopy(DOCUMENT),
    config=SchemathesisConfig.from_dict(CONFIG),
).exclude(path="/api/events", method="GET")


def test_every_operation_lists_the_errors_of_its_kind() -> None:
    """What no fuzzing here provokes (a busy database, a body too large), and what every
    operation of a kind can answer, is in the document too, as an error envelope."""
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            kind = {"422", "503"}  # text no database can store; a busy or unreachable database
            if operation.get("security"):
                kind.add("401")
            if method != "get":
                kind.add("413")
            responses = operation["responses"]
            assert kind <= responses.keys(), (method, path, sorted(responses))
            for code in kind:
                content = responses[code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
                shown = (
                    [content["example"]]
                    if "example" in content
                    else [e["value"] for e in content["examples"].values()]
                )
                assert shown and all(e["status"] == "error" for e in shown), (method, path, code)
            assert "Retry-After" in responses["503"]["headers"], (method, path)


@dataclass
class Fuzz:
    """One backend's client, the callers, and the records the cases may name."""

    client: TestClient
    admin: Actor
    agent: Actor
    ids: dict[str, dict[str, str]] = field(default_factory=dict)  # per operation

    def callers(self) -> dict[str, Actor | None]:
        return {"admin": self.admin, "agent": self.agent, "anonymous": None}

    def records(self, operation: str) -> dict[str, str]:
        """Fresh records for an operation's cases to name (the ones before it may have deleted
        theirs), made once per operation: a team with the agent and another agent in it, a
        second team, a contact with a transfer, a schedule, an insight, a rule, a webhook and
        an API key."""
        if operation not in self.ids:
            admin = self.admin
            team = data(admin.post("/api/teams", json={"name": unique("Team")}), 201)["team"]
            other = data(admin.post("/api/teams", json={"name": unique("Team")}), 201)["team"]
            user = data(
                admin.post(
                    "/api/users",
                    json={
                        "email": f"{unique('agent')}@example.com",
                        "full_name": "Fuzzed Agent",
                        "password": "password-123",
                        "role": "agent",
                    },
                ),
                201,
            )["user"]
            for member in (self.agent.id, user["id"]):
                data(admin.post(f"/api/teams/{team['id']}/members", json={"user_id": member}), 201)
            contact = data(admin.post("/api/contacts", json={"name": "Fuzzed Contact"}), 201)["contact"]
            transfer = data(
                admin.post(
                    "/api/chatbot/transfers", json={"contact_id": contact["id"], "team_id": team["id"]}
                ),
                201,
            )["transfer"]
            schedule = data(
                admin.post("/api/schedules", json={"name": unique("Hours"), "timezone": "Europe/Berlin"}), 201
            )["schedule"]
            insight = data(
                admin.post(
                    "/api/insights",
                    json={"type": "feedback", "title": unique("Fuzzed"), "team_id": team["id"]},
                ),
                201,
            )["insight"]
            rule = data(
                admin.post(
                    "/api/insight-rules",
                    json={"name": unique("Rule"), "team_id": team["id"], "match": {"keywords": ["fuzz"]}},
                ),
                201,
            )["rule"]
            webhook = data(
                admin.post("/api/webhooks", json={"url": "http://127.0.0.1:9/fuzz", "enabled": False}), 201
            )["webhook"]
            key = data(admin.post("/api/api-keys", json={"name": "fuzz"}), 201)["api_key"]
            self.ids[operation] = {
                "team": team["id"],
                "other_team": other["id"],
                "user": user["id"],
                "admin": admin.id,
                "organization": admin.org_id,
                "contact": contact["id"],
                "transfer": transfer["id"],
                "schedule": schedule["id"],
                "insight": insight["id"],
                "rule": rule["id"],
                "webhook": webhook["id"],
                "api_key": key["id"],
            }
        return self.ids[operation]


@pytest.fixture(scope="session")
def fuzz(_clients: dict[str, TestClient], backend: str) -> Fuzz:
    # session-scoped, on the session's clients (what `client` hands out): Hypothesis runs many
    # examples in one test call, so a function-scoped fixture would not be fresh per example
    # anyway, and Hypothesis refuses them
    client = _clients[backend]
    api = Api(client)
    admin = api.new_org()
    # the records' webhook points at this machine (never sent: it is disabled)
    data(admin.patch("/api/organization", json={"allow_private_webhook_targets": True}))
    return Fuzz(client, admin, api.new_user(admin, "agent"))


def body_keys(case: Any) -> set[str]:
    return set(case.body) if isinstance(case.body, dict) else set()


def with_records(case: Any, records: dict[str, str]) -> Any:
    """The case with the ids it names in its path, query or body replaced by real records'
    (random ids only ever reach "not found")."""
    named = case.derive()
    for values in (named.path_parameters, named.query, named.body):
        if isinstance(values, dict):
            for key in values.keys() & NAMES.keys():
                values[key] = records[NAMES[key]]
    return named


def send(client: TestClient, case: Any, caller: Actor | None) -> httpx.Response:
    """The request the case describes, sent through the app's test client (in-process)."""
    headers = {"Authorization": f"Bearer {caller.token}"} if caller else None
    kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
    request = requests.Request(
        **{
            k: v
            for k, v in kwargs.items()
            if k in ("method", "url", "headers", "params", "cookies", "data", "json")
        }
    ).prepare()
    return client.request(request.method, request.url, headers=dict(request.headers), content=request.body)


def no_enabled_webhook(admin: Actor, response: httpx.Response) -> None:
    """Fuzzed webhooks point anywhere: other tests run the timer work on this database, which
    would send to them. Any webhook a case created or turned on is turned off at once."""
    if response.is_success and response.headers.get("content-type", "").startswith("application/json"):
        webhook = (response.json().get("data") or {}).get("webhook")
        if isinstance(webhook, dict) and webhook.get("enabled"):
            data(admin.patch(f"/api/webhooks/{webhook['id']}", json={"enabled": False}))


@schema.parametrize()
def test_fuzz(case: Any, fuzz: Fuzz) -> None:
    positive = case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE
    callers = fuzz.callers()
    if case.method != case.operation.method.upper():
        # the coverage phase's methods the path does not have: 405 before anyone is asked who
        # they are, so once is enough
        callers = {"anonymous": None}
    elif not positive:
        # without credentials invalid input gets what valid input gets (401, or 422 for text no
        # database can store), which the valid cases show; with them it reaches validation
        del callers["anonymous"]
    cases = [case]
    if positive and NAMES.keys() & {*case.path_parameters, *(case.query or {}), *body_keys(case)}:
        cases.append(with_records(case, fuzz.records(case.operation.label)))
    for name, caller in callers.items():
        for sent in cases if caller else cases[:1]:
            response = send(fuzz.client, sent, caller)
            no_enabled_webhook(fuzz.admin, response)
            try:
                sent.validate_response(response, checks=CHECKS)
            except Exception as exc:
                exc.add_note(f"sent as: {name}")
                raise
