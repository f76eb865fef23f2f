from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_transfer_data import EnvelopeTransferData
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    transfer_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/chatbot/transfers/{transfer_id}/close".format(
            transfer_id=quote(str(transfer_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeTransferData | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeTransferData.from_dict(response.json())

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
) -> Response[EnvelopeTransferData | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    transfer_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeTransferData | ErrorBody]:
    """Finish the transfer

    Args:
        transfer_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTransferData | ErrorBody]
    """

    kwargs = _get_kwargs(
        transfer_id=transfer_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    transfer_id: UUID,
    *,
    client: AuthenticatedClient,
) -> EnvelopeTransferData | ErrorBody | None:
    """Finish the transfer

    Args:
        transfer_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTransferData | ErrorBody
    """

    return sync_detailed(
        transfer_id=transfer_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    transfer_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeTransferData | ErrorBody]:
    """Finish the transfer

    Args:
        transfer_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTransferData | ErrorBody]
    """

    kwargs = _get_kwargs(
        transfer_id=transfer_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    transfer_id: UUID,
    *,
    client: AuthenticatedClient,
) -> EnvelopeTransferData | ErrorBody | None:
    """Finish the transfer

    Args:
        transfer_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTransferData | ErrorBody
    """

    return (
        await asyncio_detailed(
            transfer_id=transfer_id,
            client=client,
        )
    ).parsed
