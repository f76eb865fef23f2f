"""The HTTP floor: `floor.create` behind one POST with a bearer check, on the same server stack
Rota runs on (uvicorn with uvloop and httptools), with none of a framework's work.

    BENCH_DSN=postgresql://... BENCH_SECRET=... BENCH_ORG=<uuid> \
        uvicorn bench.http_floor:app --loop uvloop --http httptools --port 8100
"""

import json
import os
import uuid
from typing import Any

import asyncpg
import jwt

from floor import create  # bench/ is on sys.path (uvicorn --app-dir bench)

_state: dict[str, Any] = {}


async def _answer(send: Any, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                _state["pool"] = await asyncpg.create_pool(os.environ["BENCH_DSN"], min_size=8, max_size=8)
                _state["org"] = uuid.UUID(os.environ["BENCH_ORG"])
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await _state["pool"].close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    auth = dict(scope["headers"]).get(b"authorization", b"")
    try:
        jwt.decode(auth[7:], os.environ["BENCH_SECRET"], algorithms=["HS256"])
    except jwt.InvalidTokenError:
        await _answer(send, 401, {"status": "error", "code": "not_authenticated"})
        return
    data = json.loads(body)
    async with _state["pool"].acquire() as conn:
        transfer = await create(
            conn, _state["org"], uuid.UUID(data["team_id"]), uuid.UUID(data["contact_id"])
        )
    await _answer(send, 201, {"status": "success", "data": {"transfer": transfer}})
