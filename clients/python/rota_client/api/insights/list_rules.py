from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_rule_list import EnvelopeRuleList
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    team_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_team_id: None | str | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, UUID):
        json_team_id = str(team_id)
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_is_active: bool | None | Unset
    if isinstance(is_active, Unset):
        json_is_active = UNSET
    else:
        json_is_active = is_active
    params["is_active"] = json_is_active

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/insight-rules",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeRuleList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeRuleList.from_dict(response.json())

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
) -> Response[EnvelopeRuleList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeRuleList | ErrorBody]:
    """List assignment rules in the order they run (admins)

    Args:
        team_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeRuleList | ErrorBody]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        is_active=is_active,
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
    team_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeRuleList | ErrorBody | None:
    """List assignment rules in the order they run (admins)

    Args:
        team_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeRuleList | ErrorBody
    """

    return sync_detailed(
        client=client,
        team_id=team_id,
        is_active=is_active,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeRuleList | ErrorBody]:
    """List assignment rules in the order they run (admins)

    Args:
        team_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeRuleList | ErrorBody]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        is_active=is_active,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeRuleList | ErrorBody | None:
    """List assignment rules in the order they run (admins)

    Args:
        team_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeRuleList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            team_id=team_id,
            is_active=is_active,
            page=page,
            limit=limit,
        )
    ).parsed
