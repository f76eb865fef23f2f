from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_delivery_list import EnvelopeDeliveryList
from ...models.error_body import ErrorBody
from ...models.list_deliveries_status_type_0 import ListDeliveriesStatusType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: UUID,
    *,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListDeliveriesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/webhooks/{webhook_id}/deliveries".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeDeliveryList | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeDeliveryList.from_dict(response.json())

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
) -> Response[EnvelopeDeliveryList | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeDeliveryList | ErrorBody]:
    """A webhook's deliveries, newest first (admins)

    Args:
        webhook_id (UUID):
        status (ListDeliveriesStatusType0 | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeDeliveryList | ErrorBody]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        status=status,
        page=page,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeDeliveryList | ErrorBody | None:
    """A webhook's deliveries, newest first (admins)

    Args:
        webhook_id (UUID):
        status (ListDeliveriesStatusType0 | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeDeliveryList | ErrorBody
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        status=status,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[EnvelopeDeliveryList | ErrorBody]:
    """A webhook's deliveries, newest first (admins)

    Args:
        webhook_id (UUID):
        status (ListDeliveriesStatusType0 | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeDeliveryList | ErrorBody]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        status=status,
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListDeliveriesStatusType0 | None | Unset = UNSET,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> EnvelopeDeliveryList | ErrorBody | None:
    """A webhook's deliveries, newest first (admins)

    Args:
        webhook_id (UUID):
        status (ListDeliveriesStatusType0 | None | Unset):
        page (int | Unset): Page number, from 1 Default: 1.
        limit (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeDeliveryList | ErrorBody
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            status=status,
            page=page,
            limit=limit,
        )
    ).parsed
