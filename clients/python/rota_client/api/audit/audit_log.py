from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_audit_list import EnvelopeAuditList
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_entity_type: None | str | Unset
    if isinstance(entity_type, Unset):
        json_entity_type = UNSET
    else:
        json_entity_type = entity_type
    params["entity_type"] = json_entity_type

    json_entity_id: None | str | Unset
    if isinstance(entity_id, Unset):
        json_entity_id = UNSET
    elif isinstance(entity_id, UUID):
        json_entity_id = str(entity_id)
    else:
        json_entity_id = entity_id
    params["entity_id"] = json_entity_id

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    else:
        json_action = action
    params["action"] = json_action

    json_actor_id: None | str | Unset
    if isinstance(actor_id, Unset):
        json_actor_id = UNSET
    elif isinstance(actor_id, UUID):
        json_actor_id = str(actor_id)
    else:
        json_actor_id = actor_id
    params["actor_id"] = json_actor_id

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/audit-log",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeAuditList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeAuditList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnvelopeAuditList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeAuditList | ErrorBody]:
    """Read the organization's audit log (admins), newest first

    Args:
        entity_type (None | str | Unset):
        entity_id (None | Unset | UUID):
        action (None | str | Unset):
        actor_id (None | Unset | UUID):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAuditList | ErrorBody]
    """

    kwargs = _get_kwargs(
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        page=page,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeAuditList | ErrorBody | None:
    """Read the organization's audit log (admins), newest first

    Args:
        entity_type (None | str | Unset):
        entity_id (None | Unset | UUID):
        action (None | str | Unset):
        actor_id (None | Unset | UUID):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAuditList | ErrorBody
    """

    return sync_detailed(
        client=client,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeAuditList | ErrorBody]:
    """Read the organization's audit log (admins), newest first

    Args:
        entity_type (None | str | Unset):
        entity_id (None | Unset | UUID):
        action (None | str | Unset):
        actor_id (None | Unset | UUID):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAuditList | ErrorBody]
    """

    kwargs = _get_kwargs(
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        actor_id=actor_id,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: None | str | Unset = UNSET,
    actor_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeAuditList | ErrorBody | None:
    """Read the organization's audit log (admins), newest first

    Args:
        entity_type (None | str | Unset):
        entity_id (None | Unset | UUID):
        action (None | str | Unset):
        actor_id (None | Unset | UUID):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAuditList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            entity_type=entity_type,
            entity_id=entity_id,
            action=action,
            actor_id=actor_id,
            page=page,
            limit=limit,
        )
    ).parsed
