"""What operators get: Prometheus metrics (added up over worker processes), request ids in the
`X-Request-ID` header and on every JSON log line, liveness and readiness, and a command line
that says what it does."""

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from rota.app import create_app
from rota.config import Settings
from tests.support import Actor, Api, data, free_port, heavy, transfer
from tests.test_cli_openapi import ADMIN, rota


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition (0 when absent)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" ([0-9.e+-]+)"
    found = re.search(r"^" + pattern + r"$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def metrics(client: Any) -> str:
    resp = client.get("/metrics")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    return str(resp.text)


def test_metrics_count_requests_assignments_and_queues(api: Api) -> None:
    admin = api.new_org()
    team = api.new_team(admin, assignment_strategy="round_robin")
    api.new_member(admin, team)
    waiting_team = api.new_team(admin, assignment_strategy="manual")
    before = metrics(api.client)
    transfer(admin, team["id"])
    transfer(admin, waiting_team["id"])
    after = metrics(api.client)
    assigned = sample(after, "rota_assignments_total", kind="assigned")
    assert assigned == sample(before, "rota_assignments_total", kind="assigned") + 1
    created = {"method": "POST", "route": "/api/chatbot/transfers", "status": "201"}
    counted = sample(after, "rota_http_request_duration_seconds_count", **created)
    assert counted - sample(before, "rota_http_request_duration_seconds_count", **created) == 2
    assert sample(after, "rota_queue_length", team_id=waiting_team["id"]) == 1
    assert "rota_database_wait_seconds_bucket" in after and "rota_webhook_attempts_total" in after


def test_every_answer_carries_a_request_id(api: Api) -> None:
    admin = api.new_org()
    given = admin.get("/api/me", headers={"X-Request-ID": "bot-42.attempt-1"})
    assert given.headers["x-request-id"] == "bot-42.attempt-1"
    made = admin.get("/api/me", headers={"X-Request-ID": "not ok; " * 30})
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])  # a bad one is replaced
    assert re.fullmatch(r"[0-9a-f]{32}", api.client.get("/api/nothing").headers["x-request-id"])


def test_liveness_and_readiness(api: Api) -> None:
    assert data(api.client.get("/livez")) == {"ok": True}
    assert data(api.client.get("/readyz")) == {"ready": True}
    gone = Settings(
        database_url=f"postgresql+asyncpg://nobody@127.0.0.1:{free_port()}/none", auto_migrate=False
    )
    with TestClient(create_app(gone)) as client:
        assert client.get("/livez").status_code == 200
        refused = client.get("/readyz")
        assert refused.status_code == 503 and refused.headers["retry-after"] == "5"
        assert refused.json()["code"] == "database_unavailable"
        assert client.get("/metrics").status_code == 200  # the rest of the metrics still


def test_metrics_may_require_a_token(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}", metrics_token="s3cret")
    with TestClient(create_app(settings)) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_the_command_line_says_what_it_does(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    version = rota(db, "--version")
    assert version.returncode == 0 and re.fullmatch(r"rota \d+\.\d+\.\d+\S*\n", version.stdout)
    helped = rota(db, "serve", "--help").stdout
    assert "(default: 8000)" in helped and "/metrics" in helped and "(default: json)" in helped
    first = rota(db, "migrate")
    assert first.returncode == 0 and "applied 0001" in first.stderr and "applied 0017" in first.stderr
    again = rota(db, "migrate")
    assert again.stderr.strip() == "the database was already at the latest schema"


def test_create_admin_takes_the_password_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    without = [a for i, a in enumerate(ADMIN) if a != "--password" and ADMIN[i - 1] != "--password"]
    refused = rota(db, *without)  # no terminal, no variable
    assert refused.returncode == 2 and "ROTA_ADMIN_PASSWORD" in refused.stderr
    env = {"ROTA_ADMIN_PASSWORD": "password-from-env"}
    made = subprocess.run(
        [sys.executable, "-m", "rota.cli", *without],
        env={**_env(db), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    client = TestClient(create_app(Settings(database_url=f"sqlite:///{db}")))
    with client:
        body = {"email": "ada@example.com", "password": "password-from-env"}
        assert client.post("/api/auth/login", json=body).status_code == 200


def _env(db: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "ROTA_DATABASE_URL": f"sqlite:///{db}",
        "ROTA_ARGON2_MEMORY_COST": "1024",
        "ROTA_ARGON2_TIME_COST": "1",
        "ROTA_ARGON2_PARALLELISM": "1",
    }


def test_a_busy_port_is_found_before_anything_is_done(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = rota(db, "serve", "--port", str(port))
    assert done.returncode == 1 and f"127.0.0.1:{port} is in use" in done.stderr
    assert not db.exists()  # nothing migrated


@heavy
def test_two_workers_add_up_their_metrics_and_log_json_with_request_ids(tmp_path: Path) -> None:
    db, port = tmp_path / "workers.db", free_port()
    assert rota(db, *ADMIN).returncode == 0
    server = subprocess.Popen(
        [sys.executable, "-m", "rota.cli", "serve", "--port", str(port), "--workers", "2", "--no-migrate"],
        env=_env(db),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/livez", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.2)
        token = httpx.post(
            f"{base}/api/auth/login", json={"email": "ada@example.com", "password": "password-123"}
        )
        admin = Actor(httpx.Client(base_url=base), token.json()["data"]["access_token"], {})
        for i in range(40):  # new connections: the kernel spreads them over both workers
            with httpx.Client(base_url=base, headers=admin.headers()) as one:
                assert one.get("/api/me", headers={"X-Request-ID": f"probe-{i}"}).status_code == 200
        me = {"method": "GET", "route": "/api/me", "status": "200"}
        for _ in range(5):  # whichever worker answers, it counts all 40
            text = httpx.get(f"{base}/metrics").text
            assert sample(text, "rota_http_request_duration_seconds_count", **me) == 40
    finally:
        server.terminate()
        _, logs = server.communicate(timeout=30)
    lines = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    probes = [line for line in lines if str(line.get("request_id", "")).startswith("probe-")]
    assert len(probes) >= 40 and all({"time", "level", "logger", "message"} <= set(p) for p in probes)
    assert "console http://127.0.0.1" in logs and "/docs" in logs
