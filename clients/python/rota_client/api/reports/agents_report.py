import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agents_report_format_type_0 import AgentsReportFormatType0
from ...models.envelope_agent_report_data import EnvelopeAgentReportData
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    team_id: None | Unset | UUID = UNSET,
    format_: AgentsReportFormatType0 | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_team_id: None | str | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, UUID):
        json_team_id = str(team_id)
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, AgentsReportFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/reports/agents",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeAgentReportData | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeAgentReportData.from_dict(response.json())

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
) -> Response[EnvelopeAgentReportData | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    team_id: None | Unset | UUID = UNSET,
    format_: AgentsReportFormatType0 | None | Unset = UNSET,
) -> Response[EnvelopeAgentReportData | ErrorBody]:
    """What each agent did over a period: assignments, endings, handle time, occupancy

     The period `[from, to)`. Listed: the team's agents (without `team_id`, the organization's active
    agents) and everyone with a figure in the period, by name. An agent holds a transfer from the
    history line that gives it to them (assigned, picked, offered) until the next line that takes it
    from them, or until it ends; `held_seconds` sums that time within the period over their transfers,
    `average_concurrent` divides it by the period's elapsed time (up to now) and `occupancy` by their
    capacity as well. Admins: the organization (without `team_id`) or any of its teams; a team's
    managers: that team (`team_id` required). A transfer belongs to the team it is in now (or ended in):
    one moved to another team counts, with its whole history, in its last team. JSON in the envelope, or
    CSV (one header row, then a row per bucket or agent) with `?format=csv` or `Accept: text/csv`.

    Args:
        from_ (datetime.datetime): The period's start (included), with its zone
        to (datetime.datetime): The period's end (excluded), with its zone
        team_id (None | Unset | UUID): A team; without it, the whole organization (admins)
        format_ (AgentsReportFormatType0 | None | Unset): json or csv (else the Accept header
            decides)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAgentReportData | ErrorBody]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        team_id=team_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    team_id: None | Unset | UUID = UNSET,
    format_: AgentsReportFormatType0 | None | Unset = UNSET,
) -> EnvelopeAgentReportData | ErrorBody | None:
    """What each agent did over a period: assignments, endings, handle time, occupancy

     The period `[from, to)`. Listed: the team's agents (without `team_id`, the organization's active
    agents) and everyone with a figure in the period, by name. An agent holds a transfer from the
    history line that gives it to them (assigned, picked, offered) until the next line that takes it
    from them, or until it ends; `held_seconds` sums that time within the period over their transfers,
    `average_concurrent` divides it by the period's elapsed time (up to now) and `occupancy` by their
    capacity as well. Admins: the organization (without `team_id`) or any of its teams; a team's
    managers: that team (`team_id` required). A transfer belongs to the team it is in now (or ended in):
    one moved to another team counts, with its whole history, in its last team. JSON in the envelope, or
    CSV (one header row, then a row per bucket or agent) with `?format=csv` or `Accept: text/csv`.

    Args:
        from_ (datetime.datetime): The period's start (included), with its zone
        to (datetime.datetime): The period's end (excluded), with its zone
        team_id (None | Unset | UUID): A team; without it, the whole organization (admins)
        format_ (AgentsReportFormatType0 | None | Unset): json or csv (else the Accept header
            decides)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAgentReportData | ErrorBody
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        team_id=team_id,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    team_id: None | Unset | UUID = UNSET,
    format_: AgentsReportFormatType0 | None | Unset = UNSET,
) -> Response[EnvelopeAgentReportData | ErrorBody]:
    """What each agent did over a period: assignments, endings, handle time, occupancy

     The period `[from, to)`. Listed: the team's agents (without `team_id`, the organization's active
    agents) and everyone with a figure in the period, by name. An agent holds a transfer from the
    history line that gives it to them (assigned, picked, offered) until the next line that takes it
    from them, or until it ends; `held_seconds` sums that time within the period over their transfers,
    `average_concurrent` divides it by the period's elapsed time (up to now) and `occupancy` by their
    capacity as well. Admins: the organization (without `team_id`) or any of its teams; a team's
    managers: that team (`team_id` required). A transfer belongs to the team it is in now (or ended in):
    one moved to another team counts, with its whole history, in its last team. JSON in the envelope, or
    CSV (one header row, then a row per bucket or agent) with `?format=csv` or `Accept: text/csv`.

    Args:
        from_ (datetime.datetime): The period's start (included), with its zone
        to (datetime.datetime): The period's end (excluded), with its zone
        team_id (None | Unset | UUID): A team; without it, the whole organization (admins)
        format_ (AgentsReportFormatType0 | None | Unset): json or csv (else the Accept header
            decides)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAgentReportData | ErrorBody]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        team_id=team_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime,
    to: datetime.datetime,
    team_id: None | Unset | UUID = UNSET,
    format_: AgentsReportFormatType0 | None | Unset = UNSET,
) -> EnvelopeAgentReportData | ErrorBody | None:
    """What each agent did over a period: assignments, endings, handle time, occupancy

     The period `[from, to)`. Listed: the team's agents (without `team_id`, the organization's active
    agents) and everyone with a figure in the period, by name. An agent holds a transfer from the
    history line that gives it to them (assigned, picked, offered) until the next line that takes it
    from them, or until it ends; `held_seconds` sums that time within the period over their transfers,
    `average_concurrent` divides it by the period's elapsed time (up to now) and `occupancy` by their
    capacity as well. Admins: the organization (without `team_id`) or any of its teams; a team's
    managers: that team (`team_id` required). A transfer belongs to the team it is in now (or ended in):
    one moved to another team counts, with its whole history, in its last team. JSON in the envelope, or
    CSV (one header row, then a row per bucket or agent) with `?format=csv` or `Accept: text/csv`.

    Args:
        from_ (datetime.datetime): The period's start (included), with its zone
        to (datetime.datetime): The period's end (excluded), with its zone
        team_id (None | Unset | UUID): A team; without it, the whole organization (admins)
        format_ (AgentsReportFormatType0 | None | Unset): json or csv (else the Accept header
            decides)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAgentReportData | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            team_id=team_id,
            format_=format_,
        )
    ).parsed
