"""Nothing a client sends makes Rota answer 500: text no database can store is refused in one
place (422 invalid_text), unreadable bodies are 422 like any invalid input, oversized ones 413,
all in the envelope."""

import json

import pytest

from rota.http import unsafe_json
from tests.support import Api, assert_error, data

NUL, LONE_HIGH, LONE_LOW = "a\\u0000b", "t \\ud800", "\\udc00 t"


@pytest.mark.parametrize(
    "body, unsafe",
    [
        (b'{"name": "plain"}', False),
        (b'{"name": "smile \\ud83d\\ude00"}', False),  # a pair is a character
        (b'{"name": "\\\\u0000"}', False),  # an escaped backslash, then the text u0000
        (b'{"name": "\\\\\\u0000"}', True),
        (b'{"name": "a\\u0000b"}', True),
        (b'{"name": "t \\ud800"}', True),
        (b'{"name": "t \\ud800\\u0041"}', True),
        (b'{"name": "\\udc00"}', True),
        (b'{"name": "\\ud800\\ud800\\udc00"}', True),
        ('{"name": "é ü"}'.encode(), False),
        (b'{"name": "\xed\xa0\x80"}', True),  # a surrogate in raw UTF-8
    ],
)
def test_unsafe_text_is_found_in_json(body: bytes, unsafe: bool) -> None:
    assert unsafe_json(body) is unsafe


def raw(actor, method: str, path: str, body: str | bytes):  # type: ignore[no-untyped-def]
    content = body.encode() if isinstance(body, str) else body
    return actor.request(method, path, content=content, headers={"Content-Type": "application/json"})


@pytest.mark.backend_independent
def test_nul_and_lone_surrogates_are_refused_everywhere(api: Api) -> None:
    admin = api.new_org()
    contact = data(admin.post("/api/contacts", json={"name": "Maria"}), 201)["contact"]
    for text in (NUL, LONE_HIGH, LONE_LOW):
        for method, path, body in (
            ("POST", "/api/contacts", f'{{"name": "{text}"}}'),
            ("PATCH", f"/api/contacts/{contact['id']}", f'{{"custom_attributes": {{"plan": "{text}"}}}}'),
            ("POST", "/api/insights", f'{{"type": "bug", "title": "{text}"}}'),
            ("PATCH", "/api/organization", f'{{"name": "{text}"}}'),
            ("POST", "/api/teams", f'{{"name": "{text}"}}'),
            ("POST", "/api/chatbot/transfers", f'{{"contact_id": "{contact["id"]}", "notes": "{text}"}}'),
        ):
            resp = raw(admin, method, path, body)
            assert_error(resp, 422, "invalid_text")
            assert resp.json()["errors"] == [{"field": "body", "message": "NUL or unpaired surrogate"}]
    assert_error(admin.get("/api/contacts", params={"search": "a\x00b"}), 422, "invalid_text")
    assert_error(admin.get("/api/teams?search=%00"), 422, "invalid_text")
    # without credentials too, and on login
    assert_error(
        api.client.post(
            "/api/auth/login",
            content=f'{{"email": "{NUL}", "password": "x"}}',
            headers={"Content-Type": "application/json"},
        ),
        422,
        "invalid_text",
    )
    # nothing was written
    assert data(admin.get("/api/contacts"))["total"] == 1


@pytest.mark.backend_independent
def test_bodies_that_cannot_be_read_are_422_and_oversized_ones_413(api: Api) -> None:
    admin = api.new_org()
    for body in (b'{"name": ', b'{"name": "\xff\xfe"}', b"not json"):
        err = assert_error(raw(admin, "POST", "/api/contacts", body), 422, "validation_error")
        assert err["errors"] == [{"field": "body", "message": "The body is not valid JSON."}]
    huge = json.dumps({"name": "x", "custom_attributes": {"blob": "y" * 2_000_000}})
    assert_error(raw(admin, "POST", "/api/contacts", huge), 413, "body_too_large")
    # valid JSON of the wrong shape is invalid input
    assert_error(raw(admin, "POST", "/api/contacts", b'["a list"]'), 422, "validation_error")
