"""The command line (`rota migrate`, `rota create-admin`) and the OpenAPI document."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.support import data, login


def rota(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "ROTA_DATABASE_URL": f"sqlite:///{db}",
        "ROTA_ARGON2_MEMORY_COST": "1024",
        "ROTA_ARGON2_TIME_COST": "1",
        "ROTA_ARGON2_PARALLELISM": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "rota.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


ADMIN = [
    "create-admin",
    "--org-name",
    "Acme",
    "--email",
    "ada@example.com",
    "--password",
    "password-123",
    "--full-name",
    "Ada Admin",
]


def test_create_admin_creates_org_and_user_and_refuses_a_second_time(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    first = rota(db, *ADMIN)
    assert first.returncode == 0, first.stderr
    ids = json.loads(first.stdout)
    assert set(ids) == {"organization_id", "user_id"}

    again = rota(db, *ADMIN)
    assert again.returncode == 1 and "already exists" in again.stderr and again.stdout == ""
    # --exists-ok (the README's start command) reports the existing admin instead
    kept = rota(db, *ADMIN, "--exists-ok")
    assert kept.returncode == 0 and json.loads(kept.stdout) == ids

    # same organization (by name, any case), another admin
    other = rota(db, *ADMIN[:2], "ACME", "--email", "bob@example.com", *ADMIN[5:])
    assert json.loads(other.stdout)["organization_id"] == ids["organization_id"]

    bad = rota(
        db,
        "create-admin",
        "--org-name",
        "X",
        "--email",
        "not-an-email",
        "--password",
        "short",
        "--full-name",
        "Y",
    )
    assert bad.returncode == 2 and "email" in bad.stderr and "password" in bad.stderr

    from rota.app import create_app
    from rota.config import Settings

    with TestClient(create_app(Settings(database_url=f"sqlite:///{db}"))) as client:
        admin = login(client, "ada@example.com", "password-123")
        assert admin.id == ids["user_id"] and admin.user["role"] == "admin"
        assert admin.org_id == ids["organization_id"]


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    for _ in range(2):
        done = rota(db, "migrate")
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_openapi_describes_every_endpoint_with_errors_and_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    operations = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]
    assert len(operations) >= 20
    for path, method, op in operations:
        codes = set(op["responses"])
        assert any(c.startswith("4") for c in codes), (path, method)
        if path not in ("/api/auth/login", "/api/auth/logout"):  # no bearer; logout always signs out
            assert "401" in codes, (path, method)
        for code, response in op["responses"].items():
            if code.startswith("4"):
                content = response["content"]["application/json"]
                assert "example" in content or "examples" in content, (path, method, code)
        if "requestBody" in op:
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
            assert schema.get("examples"), (path, method)
    paths = spec["paths"]
    for path in (
        "/api/teams",
        "/api/teams/{team_id}",
        "/api/teams/{team_id}/members",
        "/api/teams/{team_id}/members/{user_id}",
        "/api/teams/{team_id}/users",
        "/api/teams/{team_id}/users/{user_id}",
        "/api/auth/login",
        "/api/me",
        "/api/me/availability",
        "/api/users",
        "/api/users/{user_id}",
        "/api/api-keys",
        "/api/api-keys/{key_id}",
        "/api/audit-log",
    ):
        assert path in paths, path
    assert set(paths["/api/teams/{team_id}"]) == {"get", "put", "patch", "delete"}
    # every error code the code can answer is listed under its status, with an example
    created = paths["/api/chatbot/transfers"]["post"]["responses"]
    conflict = created["409"]["content"]["application/json"]["examples"]["contact_has_active_transfer"]
    assert conflict["value"]["code"] == "contact_has_active_transfer"
    accept = paths["/api/chatbot/transfers/{transfer_id}/accept"]["put"]["responses"]
    assert set(accept["409"]["content"]["application/json"]["examples"]) == {"not_offered", "offer_expired"}
    assert "transfer_not_found" in accept["404"]["content"]["application/json"]["examples"]
    assert "missing_scope" in accept["403"]["content"]["application/json"]["examples"]
    listed = {
        code
        for _, _, op in operations
        for response in op["responses"].values()
        for code in response.get("content", {}).get("application/json", {}).get("examples", {})
    }
    source = "\n".join(p.read_text() for p in (Path(__file__).parents[1] / "src" / "rota").rglob("*.py"))
    raised = set(re.findall(r'code="([a-z_]+)"', source)) - {"invalid_text"}  # invalid_text: every 422
    assert raised <= listed, raised - listed
    # what client generators need: readable, unique operation ids and schema names
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+([A-Z][a-z]*)*", i) for i in ids), ids
    assert paths["/api/chatbot/transfers"]["post"]["operationId"] == "createTransfer"
    assert all(
        re.fullmatch(r"[A-Za-z0-9_]+", name) and "__" not in name for name in spec["components"]["schemas"]
    )
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_unknown_paths_and_methods_answer_in_the_envelope(client: TestClient) -> None:
    resp = client.get("/api/nothing-here")
    assert resp.status_code == 404 and resp.json()["status"] == "error"
    resp = client.post("/api/me")
    assert resp.status_code == 405 and resp.json()["code"] == "method_not_allowed"
    data(client.get("/healthz"))
