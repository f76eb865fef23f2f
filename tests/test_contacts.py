"""Contacts: the customers the chatbot hands over."""

import pytest

from tests.support import Api, assert_error, data, unique


def test_contact_lifecycle(api: Api) -> None:
    admin = api.new_org()
    agent = api.new_user(admin)
    ext = unique("crm")
    created = data(
        agent.post(
            "/api/contacts",
            json={
                "name": " Maria Lopez ",
                "phone_number": "+34 600 111 222",
                "email": "maria@example.com",
                "external_id": ext,
                "custom_attributes": {"plan": "pro", "orders": 3, "vip": True},
            },
        ),
        201,
    )["contact"]
    assert created["name"] == "Maria Lopez"
    assert created["custom_attributes"] == {"plan": "pro", "orders": 3, "vip": True}
    cid = created["id"]
    assert data(agent.get(f"/api/contacts/{cid}"))["contact"] == created

    changed = data(
        agent.patch(
            f"/api/contacts/{cid}", json={"custom_attributes": {"plan": None, "orders": 4, "language": "es"}}
        )
    )["contact"]
    assert changed["custom_attributes"] == {"orders": 4, "vip": True, "language": "es"}
    assert (changed["name"], changed["email"], changed["external_id"]) == (
        "Maria Lopez",
        "maria@example.com",
        ext,
    )
    cleared = data(agent.patch(f"/api/contacts/{cid}", json={"email": None}))["contact"]
    assert cleared["email"] is None and cleared["phone_number"] == "+34 600 111 222"

    assert_error(agent.delete(f"/api/contacts/{cid}"), 403, "manager_required")
    data(admin.delete(f"/api/contacts/{cid}"))
    assert_error(agent.get(f"/api/contacts/{cid}"), 404, "contact_not_found")
    log = data(admin.get("/api/audit-log", params={"entity_id": cid}))
    assert [e["action"] for e in log["entries"]] == ["contact.deleted"]


def test_external_id_is_unique_per_organization(api: Api) -> None:
    first, second = api.new_org(), api.new_org()
    ext = unique("ext")
    one = data(first.post("/api/contacts", json={"name": "A", "external_id": ext}), 201)["contact"]
    assert_error(
        first.post("/api/contacts", json={"name": "B", "external_id": ext}), 409, "external_id_taken"
    )
    data(second.post("/api/contacts", json={"name": "C", "external_id": ext}), 201)
    # contacts without external_id never collide
    for _ in range(2):
        data(first.post("/api/contacts", json={"name": "No id"}), 201)
    other = data(first.post("/api/contacts", json={"name": "D"}), 201)["contact"]
    assert_error(
        first.patch(f"/api/contacts/{other['id']}", json={"external_id": ext}), 409, "external_id_taken"
    )
    data(first.patch(f"/api/contacts/{one['id']}", json={"external_id": ext}))  # its own: fine
    assert data(first.get("/api/contacts", params={"external_id": ext}))["total"] == 1


def test_list_search_and_pages(api: Api) -> None:
    admin = api.new_org()
    tag = unique("zz")
    for i in range(5):
        data(
            admin.post(
                "/api/contacts", json={"name": f"{tag} Person {i}", "email": f"p{i}@{tag}.example.com"}
            ),
            201,
        )
    data(admin.post("/api/contacts", json={"name": "Somebody else", "phone_number": "+1 555 0100"}), 201)
    page = data(admin.get("/api/contacts", params={"search": tag.upper(), "limit": 2, "page": 3}))
    assert page["total"] == 5 and len(page["contacts"]) == 1
    assert data(admin.get("/api/contacts", params={"search": "555 01"}))["total"] == 1
    assert data(admin.get("/api/contacts"))["total"] == 6


def test_contacts_are_not_visible_across_organizations(api: Api) -> None:
    first, second = api.new_org(), api.new_org()
    contact = data(first.post("/api/contacts", json={"name": "Private"}), 201)["contact"]
    for call in (second.get, second.delete):
        assert_error(call(f"/api/contacts/{contact['id']}"), 404, "contact_not_found")
    assert_error(second.patch(f"/api/contacts/{contact['id']}", json={"name": "Stolen"}), 404)
    assert data(second.get("/api/contacts"))["total"] == 0
    assert data(first.get(f"/api/contacts/{contact['id']}"))["contact"]["name"] == "Private"


@pytest.mark.backend_independent
@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": 5}, "name"),
        ({"name": "A", "phone_number": "call me"}, "phone_number"),
        ({"name": "A", "phone_number": "+1" + "2" * 40}, "phone_number"),
        ({"name": "A", "email": "not-an-email"}, "email"),
        ({"name": "A", "external_id": ""}, "external_id"),
        ({"name": "A", "custom_attributes": {"nested": {"no": 1}}}, "custom_attributes.nested"),
        ({"name": "A", "custom_attributes": {f"k{i}": i for i in range(51)}}, "custom_attributes"),
        ({"name": "A", "custom_attributes": []}, "custom_attributes"),
    ],
)
def test_bad_contacts_are_refused(api: Api, body: dict, field: str) -> None:
    admin = api.new_org()
    err = assert_error(admin.post("/api/contacts", json=body), 422, "validation_error")
    assert any(e["field"].startswith(field) for e in err["errors"]), err
    assert data(admin.get("/api/contacts"))["total"] == 0


@pytest.mark.backend_independent
def test_patch_refuses_null_name(api: Api) -> None:
    admin = api.new_org()
    contact = data(admin.post("/api/contacts", json={"name": "Kept"}), 201)["contact"]
    assert_error(admin.patch(f"/api/contacts/{contact['id']}", json={"name": None}), 422)
    assert_error(admin.get("/api/contacts/nope"), 422)
    assert data(admin.get(f"/api/contacts/{contact['id']}"))["contact"]["name"] == "Kept"
