from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_insight_list import EnvelopeInsightList
from ...models.error_body import ErrorBody
from ...models.list_insights_status_type_0 import ListInsightsStatusType0
from ...models.list_insights_type_type_0 import ListInsightsTypeType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: ListInsightsTypeType0 | None | Unset = UNSET,
    status: ListInsightsStatusType0 | None | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    unassigned: bool | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, ListInsightsTypeType0):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListInsightsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_team_id: None | str | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, UUID):
        json_team_id = str(team_id)
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_unassigned: bool | None | Unset
    if isinstance(unassigned, Unset):
        json_unassigned = UNSET
    else:
        json_unassigned = unassigned
    params["unassigned"] = json_unassigned

    json_search: None | str | Unset
    if isinstance(search, Unset):
        json_search = UNSET
    else:
        json_search = search
    params["search"] = json_search

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/insights",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeInsightList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeInsightList.from_dict(response.json())

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
) -> Response[EnvelopeInsightList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: ListInsightsTypeType0 | None | Unset = UNSET,
    status: ListInsightsStatusType0 | None | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    unassigned: bool | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeInsightList | ErrorBody]:
    """List insights, newest first: all for admins, otherwise those of the caller's teams

    Args:
        type_ (ListInsightsTypeType0 | None | Unset):
        status (ListInsightsStatusType0 | None | Unset):
        team_id (None | Unset | UUID):
        unassigned (bool | None | Unset): true: only insights without a team; false: only assigned
            ones
        search (None | str | Unset): Part of title or body
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeInsightList | ErrorBody]
    """

    kwargs = _get_kwargs(
        type_=type_,
        status=status,
        team_id=team_id,
        unassigned=unassigned,
        search=search,
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
    type_: ListInsightsTypeType0 | None | Unset = UNSET,
    status: ListInsightsStatusType0 | None | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    unassigned: bool | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeInsightList | ErrorBody | None:
    """List insights, newest first: all for admins, otherwise those of the caller's teams

    Args:
        type_ (ListInsightsTypeType0 | None | Unset):
        status (ListInsightsStatusType0 | None | Unset):
        team_id (None | Unset | UUID):
        unassigned (bool | None | Unset): true: only insights without a team; false: only assigned
            ones
        search (None | str | Unset): Part of title or body
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeInsightList | ErrorBody
    """

    return sync_detailed(
        client=client,
        type_=type_,
        status=status,
        team_id=team_id,
        unassigned=unassigned,
        search=search,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: ListInsightsTypeType0 | None | Unset = UNSET,
    status: ListInsightsStatusType0 | None | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    unassigned: bool | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeInsightList | ErrorBody]:
    """List insights, newest first: all for admins, otherwise those of the caller's teams

    Args:
        type_ (ListInsightsTypeType0 | None | Unset):
        status (ListInsightsStatusType0 | None | Unset):
        team_id (None | Unset | UUID):
        unassigned (bool | None | Unset): true: only insights without a team; false: only assigned
            ones
        search (None | str | Unset): Part of title or body
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeInsightList | ErrorBody]
    """

    kwargs = _get_kwargs(
        type_=type_,
        status=status,
        team_id=team_id,
        unassigned=unassigned,
        search=search,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: ListInsightsTypeType0 | None | Unset = UNSET,
    status: ListInsightsStatusType0 | None | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    unassigned: bool | None | Unset = UNSET,
    search: None | str | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeInsightList | ErrorBody | None:
    """List insights, newest first: all for admins, otherwise those of the caller's teams

    Args:
        type_ (ListInsightsTypeType0 | None | Unset):
        status (ListInsightsStatusType0 | None | Unset):
        team_id (None | Unset | UUID):
        unassigned (bool | None | Unset): true: only insights without a team; false: only assigned
            ones
        search (None | str | Unset): Part of title or body
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeInsightList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            status=status,
            team_id=team_id,
            unassigned=unassigned,
            search=search,
            page=page,
            limit=limit,
        )
    ).parsed
