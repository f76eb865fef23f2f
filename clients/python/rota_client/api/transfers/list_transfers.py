from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_transfer_list import EnvelopeTransferList
from ...models.error_body import ErrorBody
from ...models.list_transfers_sort_type_0 import ListTransfersSortType0
from ...models.status import Status
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | Status | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    general: bool | None | Unset = UNSET,
    agent_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    mine: bool | Unset = False,
    assigned: bool | None | Unset = UNSET,
    sla_breached: bool | None | Unset = UNSET,
    offered: bool | None | Unset = UNSET,
    min_priority: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: ListTransfersSortType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, Status):
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

    json_general: bool | None | Unset
    if isinstance(general, Unset):
        json_general = UNSET
    else:
        json_general = general
    params["general"] = json_general

    json_agent_id: None | str | Unset
    if isinstance(agent_id, Unset):
        json_agent_id = UNSET
    elif isinstance(agent_id, UUID):
        json_agent_id = str(agent_id)
    else:
        json_agent_id = agent_id
    params["agent_id"] = json_agent_id

    json_contact_id: None | str | Unset
    if isinstance(contact_id, Unset):
        json_contact_id = UNSET
    elif isinstance(contact_id, UUID):
        json_contact_id = str(contact_id)
    else:
        json_contact_id = contact_id
    params["contact_id"] = json_contact_id

    params["mine"] = mine

    json_assigned: bool | None | Unset
    if isinstance(assigned, Unset):
        json_assigned = UNSET
    else:
        json_assigned = assigned
    params["assigned"] = json_assigned

    json_sla_breached: bool | None | Unset
    if isinstance(sla_breached, Unset):
        json_sla_breached = UNSET
    else:
        json_sla_breached = sla_breached
    params["sla_breached"] = json_sla_breached

    json_offered: bool | None | Unset
    if isinstance(offered, Unset):
        json_offered = UNSET
    else:
        json_offered = offered
    params["offered"] = json_offered

    json_min_priority: int | None | Unset
    if isinstance(min_priority, Unset):
        json_min_priority = UNSET
    else:
        json_min_priority = min_priority
    params["min_priority"] = json_min_priority

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_sort: None | str | Unset
    if isinstance(sort, Unset):
        json_sort = UNSET
    elif isinstance(sort, ListTransfersSortType0):
        json_sort = sort.value
    else:
        json_sort = sort
    params["sort"] = json_sort

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/chatbot/transfers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeTransferList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeTransferList.from_dict(response.json())

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
) -> Response[EnvelopeTransferList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    general: bool | None | Unset = UNSET,
    agent_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    mine: bool | Unset = False,
    assigned: bool | None | Unset = UNSET,
    sla_breached: bool | None | Unset = UNSET,
    offered: bool | None | Unset = UNSET,
    min_priority: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: ListTransfersSortType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeTransferList | ErrorBody]:
    """List transfers with the queue counts

    Args:
        status (None | Status | Unset):
        team_id (None | Unset | UUID):
        general (bool | None | Unset): Only the general queue (no team)
        agent_id (None | Unset | UUID):
        contact_id (None | Unset | UUID): Only this contact's transfers
        mine (bool | Unset): Only the caller's own Default: False.
        assigned (bool | None | Unset): Only assigned (true) or waiting (false)
        sla_breached (bool | None | Unset): Only those that breached an SLA target (true) or not
        offered (bool | None | Unset): Only those offered to their agent, not yet accepted (true),
            or not
        min_priority (int | None | Unset): Only this priority or higher
        q (None | str | Unset): Text in the notes or the contact's name, email, phone or external
            id
        sort (ListTransfersSortType0 | None | Unset): queue (priority, then longest waiting; the
            default for active), newest (the default otherwise), oldest, priority, updated
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTransferList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        team_id=team_id,
        general=general,
        agent_id=agent_id,
        contact_id=contact_id,
        mine=mine,
        assigned=assigned,
        sla_breached=sla_breached,
        offered=offered,
        min_priority=min_priority,
        q=q,
        sort=sort,
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
    status: None | Status | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    general: bool | None | Unset = UNSET,
    agent_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    mine: bool | Unset = False,
    assigned: bool | None | Unset = UNSET,
    sla_breached: bool | None | Unset = UNSET,
    offered: bool | None | Unset = UNSET,
    min_priority: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: ListTransfersSortType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeTransferList | ErrorBody | None:
    """List transfers with the queue counts

    Args:
        status (None | Status | Unset):
        team_id (None | Unset | UUID):
        general (bool | None | Unset): Only the general queue (no team)
        agent_id (None | Unset | UUID):
        contact_id (None | Unset | UUID): Only this contact's transfers
        mine (bool | Unset): Only the caller's own Default: False.
        assigned (bool | None | Unset): Only assigned (true) or waiting (false)
        sla_breached (bool | None | Unset): Only those that breached an SLA target (true) or not
        offered (bool | None | Unset): Only those offered to their agent, not yet accepted (true),
            or not
        min_priority (int | None | Unset): Only this priority or higher
        q (None | str | Unset): Text in the notes or the contact's name, email, phone or external
            id
        sort (ListTransfersSortType0 | None | Unset): queue (priority, then longest waiting; the
            default for active), newest (the default otherwise), oldest, priority, updated
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTransferList | ErrorBody
    """

    return sync_detailed(
        client=client,
        status=status,
        team_id=team_id,
        general=general,
        agent_id=agent_id,
        contact_id=contact_id,
        mine=mine,
        assigned=assigned,
        sla_breached=sla_breached,
        offered=offered,
        min_priority=min_priority,
        q=q,
        sort=sort,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    general: bool | None | Unset = UNSET,
    agent_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    mine: bool | Unset = False,
    assigned: bool | None | Unset = UNSET,
    sla_breached: bool | None | Unset = UNSET,
    offered: bool | None | Unset = UNSET,
    min_priority: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: ListTransfersSortType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeTransferList | ErrorBody]:
    """List transfers with the queue counts

    Args:
        status (None | Status | Unset):
        team_id (None | Unset | UUID):
        general (bool | None | Unset): Only the general queue (no team)
        agent_id (None | Unset | UUID):
        contact_id (None | Unset | UUID): Only this contact's transfers
        mine (bool | Unset): Only the caller's own Default: False.
        assigned (bool | None | Unset): Only assigned (true) or waiting (false)
        sla_breached (bool | None | Unset): Only those that breached an SLA target (true) or not
        offered (bool | None | Unset): Only those offered to their agent, not yet accepted (true),
            or not
        min_priority (int | None | Unset): Only this priority or higher
        q (None | str | Unset): Text in the notes or the contact's name, email, phone or external
            id
        sort (ListTransfersSortType0 | None | Unset): queue (priority, then longest waiting; the
            default for active), newest (the default otherwise), oldest, priority, updated
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTransferList | ErrorBody]
    """

    kwargs = _get_kwargs(
        status=status,
        team_id=team_id,
        general=general,
        agent_id=agent_id,
        contact_id=contact_id,
        mine=mine,
        assigned=assigned,
        sla_breached=sla_breached,
        offered=offered,
        min_priority=min_priority,
        q=q,
        sort=sort,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    team_id: None | Unset | UUID = UNSET,
    general: bool | None | Unset = UNSET,
    agent_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    mine: bool | Unset = False,
    assigned: bool | None | Unset = UNSET,
    sla_breached: bool | None | Unset = UNSET,
    offered: bool | None | Unset = UNSET,
    min_priority: int | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: ListTransfersSortType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeTransferList | ErrorBody | None:
    """List transfers with the queue counts

    Args:
        status (None | Status | Unset):
        team_id (None | Unset | UUID):
        general (bool | None | Unset): Only the general queue (no team)
        agent_id (None | Unset | UUID):
        contact_id (None | Unset | UUID): Only this contact's transfers
        mine (bool | Unset): Only the caller's own Default: False.
        assigned (bool | None | Unset): Only assigned (true) or waiting (false)
        sla_breached (bool | None | Unset): Only those that breached an SLA target (true) or not
        offered (bool | None | Unset): Only those offered to their agent, not yet accepted (true),
            or not
        min_priority (int | None | Unset): Only this priority or higher
        q (None | str | Unset): Text in the notes or the contact's name, email, phone or external
            id
        sort (ListTransfersSortType0 | None | Unset): queue (priority, then longest waiting; the
            default for active), newest (the default otherwise), oldest, priority, updated
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTransferList | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            team_id=team_id,
            general=general,
            agent_id=agent_id,
            contact_id=contact_id,
            mine=mine,
            assigned=assigned,
            sla_breached=sla_breached,
            offered=offered,
            min_priority=min_priority,
            q=q,
            sort=sort,
            page=page,
            limit=limit,
        )
    ).parsed
