from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_detail_status import DeliveryDetailStatus

if TYPE_CHECKING:
    from ..models.delivery_detail_payload import DeliveryDetailPayload


T = TypeVar("T", bound="DeliveryDetail")


@_attrs_define
class DeliveryDetail:
    """
    Attributes:
        id (UUID):
        webhook_id (UUID):
        event_id (UUID): The event's id, sent as the `webhook-id` header
        event_type (str):
        status (DeliveryDetailStatus):
        attempts (int):
        last_status_code (int | None):
        last_error (None | str):
        last_duration_ms (int | None):
        created_at (datetime.datetime):
        first_attempt_at (datetime.datetime | None):
        last_attempt_at (datetime.datetime | None):
        next_attempt_at (datetime.datetime | None): When it is tried next (pending only)
        delivered_at (datetime.datetime | None):
        occurred_at (datetime.datetime): When the event happened (the body's timestamp)
        payload (DeliveryDetailPayload): The event's data (the body's `data`)
    """

    id: UUID
    webhook_id: UUID
    event_id: UUID
    event_type: str
    status: DeliveryDetailStatus
    attempts: int
    last_status_code: int | None
    last_error: None | str
    last_duration_ms: int | None
    created_at: datetime.datetime
    first_attempt_at: datetime.datetime | None
    last_attempt_at: datetime.datetime | None
    next_attempt_at: datetime.datetime | None
    delivered_at: datetime.datetime | None
    occurred_at: datetime.datetime
    payload: DeliveryDetailPayload
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        webhook_id = str(self.webhook_id)

        event_id = str(self.event_id)

        event_type = self.event_type

        status = self.status.value

        attempts = self.attempts

        last_status_code: int | None
        last_status_code = self.last_status_code

        last_error: None | str
        last_error = self.last_error

        last_duration_ms: int | None
        last_duration_ms = self.last_duration_ms

        created_at = self.created_at.isoformat()

        first_attempt_at: None | str
        if isinstance(self.first_attempt_at, datetime.datetime):
            first_attempt_at = self.first_attempt_at.isoformat()
        else:
            first_attempt_at = self.first_attempt_at

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        occurred_at = self.occurred_at.isoformat()

        payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "webhook_id": webhook_id,
                "event_id": event_id,
                "event_type": event_type,
                "status": status,
                "attempts": attempts,
                "last_status_code": last_status_code,
                "last_error": last_error,
                "last_duration_ms": last_duration_ms,
                "created_at": created_at,
                "first_attempt_at": first_attempt_at,
                "last_attempt_at": last_attempt_at,
                "next_attempt_at": next_attempt_at,
                "delivered_at": delivered_at,
                "occurred_at": occurred_at,
                "payload": payload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_detail_payload import DeliveryDetailPayload  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        webhook_id = UUID(d.pop("webhook_id"))

        event_id = UUID(d.pop("event_id"))

        event_type = d.pop("event_type")

        status = DeliveryDetailStatus(d.pop("status"))

        attempts = d.pop("attempts")

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_duration_ms = _parse_last_duration_ms(d.pop("last_duration_ms"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_first_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_attempt_at = _parse_first_attempt_at(d.pop("first_attempt_at"))

        def _parse_last_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        payload = DeliveryDetailPayload.from_dict(d.pop("payload"))

        delivery_detail = cls(
            id=id,
            webhook_id=webhook_id,
            event_id=event_id,
            event_type=event_type,
            status=status,
            attempts=attempts,
            last_status_code=last_status_code,
            last_error=last_error,
            last_duration_ms=last_duration_ms,
            created_at=created_at,
            first_attempt_at=first_attempt_at,
            last_attempt_at=last_attempt_at,
            next_attempt_at=next_attempt_at,
            delivered_at=delivered_at,
            occurred_at=occurred_at,
            payload=payload,
        )

        delivery_detail.additional_properties = d
        return delivery_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
