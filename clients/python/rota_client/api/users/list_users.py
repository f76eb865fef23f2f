from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agent_state import AgentState
from ...models.envelope_user_list import EnvelopeUserList
from ...models.error_body import ErrorBody
from ...models.role import Role
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    search: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    is_active: bool | None | Unset = UNSET,
    state: AgentState | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_search: None | str | Unset
    if isinstance(search, Unset):
        json_search = UNSET
    else:
        json_search = search
    params["search"] = json_search

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, Role):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_is_active: bool | None | Unset
    if isinstance(is_active, Unset):
        json_is_active = UNSET
    else:
        json_is_active = is_active
    params["is_active"] = json_is_active

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, AgentState):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeUserList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeUserList.from_dict(response.json())

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
) -> Response[EnvelopeUserList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    search: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    is_active: bool | None | Unset = UNSET,
    state: AgentState | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeUserList | ErrorBody]:
    """List the organization's users (admins)

    Args:
        search (None | str | Unset):
        role (None | Role | Unset):
        is_active (bool | None | Unset):
        state (AgentState | None | Unset): As they show: in an absence, away
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeUserList | ErrorBody]
    """

    kwargs = _get_kwargs(
        search=search,
        role=role,
        is_active=is_active,
        state=state,
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
    search: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    is_active: bool | None | Unset = UNSET,
    state: AgentState | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeUserList | ErrorBody | None:
    """List the organization's users (admins)

    Args:
        search (None | str | Unset):
        role (None | Role | Unset):
        is_active (bool | None | Unset):
        state (AgentState | None | Unset): As they show: in an absence, away
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeUserList | ErrorBody
    """

    return sync_detailed(
        client=client,
        search=search,
        role=role,
        is_active=is_active,
        state=state,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    search: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    is_active: bool | None | Unset = UNSET,
    state: AgentState | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeUserList | ErrorBody]:
    """List the organization's users (admins)

    Args:
        search (None | str | Unset):
        role (None | Role | Unset):
        is_active (bool | None | Unset):
        state (AgentState | None | Unset): As they show: in an absence, away
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeUserList | ErrorBody]
    """

    kwargs = _get_kwargs(
        search=search,
        role=role,
        is_active=is_active,
        state=state,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    search: None | str | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    is_active: bool | None | Unset = UNSET,
    state: AgentState | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeUserList | ErrorBody | None:
    """List the organization's users (admins)

    Args:
        search (None | str | Unset):
        role (None | Role | Unset):
        is_active (bool | None | Unset):
        state (AgentState | None | Unset): As they show: in an absence, away
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeUserList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            search=search,
            role=role,
            is_active=is_active,
            state=state,
            page=page,
            limit=limit,
        )
    ).parsed
