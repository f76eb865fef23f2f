# ruff: noqa: E402 (the generated client is imported from clients/python)
"""The clients generated from the OpenAPI document (clients/, by `python tools/clients.py`): the
committed document is the app's, and the Python client drives a live server: a service account's
key creates a team, a contact and a transfer, and the event stream helper reads what happened,
resuming after the last event it saw."""

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rota.app import create_app
from rota.config import Settings
from tests.support import ServerPool, data, login

CLIENTS = Path(__file__).resolve().parents[1] / "clients"
sys.path.insert(0, str(CLIENTS / "python"))

from rota_client import AuthenticatedClient, Client
from rota_client.api.auth import create_service_account
from rota_client.api.auth import login as login_op
from rota_client.api.contacts import create_contact
from rota_client.api.teams import add_team_member, create_team
from rota_client.api.transfers import create_transfer, get_transfer
from rota_client.events import events
from rota_client.models import (
    ContactCreate,
    ErrorBody,
    LoginIn,
    MemberCreate,
    ServiceAccountIn,
    ServiceAccountInScopesItem,
    TeamCreate,
    TransferCreate,
)


def test_the_committed_document_is_the_apps() -> None:
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    committed = json.loads((CLIENTS / "openapi.json").read_text())
    assert committed == json.loads(json.dumps(app.openapi())), "run `python tools/clients.py`"
    typescript = (CLIENTS / "typescript" / "rota.d.ts").read_text()
    operations = [op["operationId"] for item in committed["paths"].values() for op in item.values()]
    assert all(f'operations["{o}"]' in typescript for o in operations)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPool]:
    db = tmp_path_factory.mktemp("client") / "rota.db"
    pool = ServerPool(f"sqlite:///{db}", processes=1)
    try:
        pool.start()
        yield pool
    finally:
        pool.stop()


BOT_SCOPES = ["teams:write", "transfers:write", "contacts:write", "events:read"]


def ok(answer: Any) -> Any:
    assert answer is not None and not isinstance(answer, ErrorBody), answer
    return answer.data


def test_a_bot_drives_rota_through_the_python_client(server: ServerPool) -> None:
    email, password = server.create_admin()
    base = server.urls[0]
    signed_in = ok(login_op.sync(client=Client(base_url=base), body=LoginIn(email=email, password=password)))
    admin = AuthenticatedClient(base_url=base, token=signed_in.access_token)
    made = ok(
        create_service_account.sync(
            client=admin,
            body=ServiceAccountIn(
                name="Support bot", scopes=[ServiceAccountInScopesItem(s) for s in BOT_SCOPES]
            ),
        )
    )
    bot = AuthenticatedClient(base_url=base, token=made.key)

    team = ok(create_team.sync(client=bot, body=TeamCreate(name="Billing"))).team
    import httpx

    with httpx.Client(base_url=base) as raw:  # an agent, made by the admin
        agent = data(
            raw.post(
                "/api/users",
                json={"email": "jane@example.com", "full_name": "Jane Agent", "password": "password-123"},
                headers={"Authorization": f"Bearer {signed_in.access_token}"},
            ),
            201,
        )["user"]
    ok(add_team_member.sync(team_id=team.id, client=admin, body=MemberCreate(user_id=agent["id"])))
    contact = ok(create_contact.sync(client=bot, body=ContactCreate(name="Maria Lopez"))).contact
    transfer = ok(
        create_transfer.sync(client=bot, body=TransferCreate(contact_id=contact.id, team_id=team.id))
    ).transfer
    assert str(transfer.agent_id) == agent["id"] and str(transfer.created_by_id) == str(
        made.service_account.id
    )

    refused = create_transfer.sync(client=bot, body=TransferCreate(contact_id=contact.id, team_id=team.id))
    assert isinstance(refused, ErrorBody) and refused.code == "contact_has_active_transfer"
    missing = get_transfer.sync(transfer_id=transfer.id, client=bot)  # transfers:read was not given
    assert isinstance(missing, ErrorBody) and missing.code == "missing_scope"

    # the events since the beginning, then again after the first one: none missed, none twice
    mine = []
    for e in events(bot, last_event_id="0", reconnect=False):
        if e.data.get("transfer", {}).get("id") == str(transfer.id):
            mine.append(e)
        if len(mine) == 2:
            break
    assert [e.type for e in mine][:2] == ["transfer.created", "transfer.assigned"]
    assert mine[0].data["actor_id"] == str(made.service_account.id)
    resumed = next(
        e for e in events(bot, last_event_id=mine[0].id, reconnect=False) if e.type != "queue.counts"
    )
    assert resumed.id == mine[1].id and resumed.type == "transfer.assigned"
    login(httpx.Client(base_url=base), email, password)  # the server is still well
