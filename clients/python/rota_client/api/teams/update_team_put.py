from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_team_data import EnvelopeTeamData
from ...models.error_body import ErrorBody
from ...models.team_update import TeamUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    team_id: UUID,
    *,
    body: TeamUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/teams/{team_id}".format(
            team_id=quote(str(team_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeTeamData | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeTeamData.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = ErrorBody.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

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
) -> Response[EnvelopeTeamData | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    team_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TeamUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[EnvelopeTeamData | ErrorBody]:
    """Update a team (admins or its managers); omitted fields stay as they are

    Args:
        team_id (UUID):
        if_match (None | str | Unset): An ETag from GET /api/teams/{id}; the change is refused
            (412) if the team changed since.
        body (TeamUpdate): PUT and PATCH alike: the fields sent change, the fields omitted stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTeamData | ErrorBody]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    team_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TeamUpdate,
    if_match: None | str | Unset = UNSET,
) -> EnvelopeTeamData | ErrorBody | None:
    """Update a team (admins or its managers); omitted fields stay as they are

    Args:
        team_id (UUID):
        if_match (None | str | Unset): An ETag from GET /api/teams/{id}; the change is refused
            (412) if the team changed since.
        body (TeamUpdate): PUT and PATCH alike: the fields sent change, the fields omitted stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTeamData | ErrorBody
    """

    return sync_detailed(
        team_id=team_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    team_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TeamUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[EnvelopeTeamData | ErrorBody]:
    """Update a team (admins or its managers); omitted fields stay as they are

    Args:
        team_id (UUID):
        if_match (None | str | Unset): An ETag from GET /api/teams/{id}; the change is refused
            (412) if the team changed since.
        body (TeamUpdate): PUT and PATCH alike: the fields sent change, the fields omitted stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTeamData | ErrorBody]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    team_id: UUID,
    *,
    client: AuthenticatedClient,
    body: TeamUpdate,
    if_match: None | str | Unset = UNSET,
) -> EnvelopeTeamData | ErrorBody | None:
    """Update a team (admins or its managers); omitted fields stay as they are

    Args:
        team_id (UUID):
        if_match (None | str | Unset): An ETag from GET /api/teams/{id}; the change is refused
            (412) if the team changed since.
        body (TeamUpdate): PUT and PATCH alike: the fields sent change, the fields omitted stay as
            they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTeamData | ErrorBody
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
