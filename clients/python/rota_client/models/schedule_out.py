from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.schedule_exception import ScheduleException
    from ..models.weekly_range import WeeklyRange


T = TypeVar("T", bound="ScheduleOut")


@_attrs_define
class ScheduleOut:
    """
    Attributes:
        id (UUID):
        name (str):
        timezone (str):
        weekly (list[WeeklyRange]):
        exceptions (list[ScheduleException]):
        is_open (bool):
        next_change_at (datetime.datetime | None): When it next opens or closes
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    timezone: str
    weekly: list[WeeklyRange]
    exceptions: list[ScheduleException]
    is_open: bool
    next_change_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        timezone = self.timezone

        weekly = []
        for weekly_item_data in self.weekly:
            weekly_item = weekly_item_data.to_dict()
            weekly.append(weekly_item)

        exceptions = []
        for exceptions_item_data in self.exceptions:
            exceptions_item = exceptions_item_data.to_dict()
            exceptions.append(exceptions_item)

        is_open = self.is_open

        next_change_at: None | str
        if isinstance(self.next_change_at, datetime.datetime):
            next_change_at = self.next_change_at.isoformat()
        else:
            next_change_at = self.next_change_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "timezone": timezone,
                "weekly": weekly,
                "exceptions": exceptions,
                "is_open": is_open,
                "next_change_at": next_change_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_exception import ScheduleException  # noqa: PLC0415
        from ..models.weekly_range import WeeklyRange  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        timezone = d.pop("timezone")

        weekly = []
        _weekly = d.pop("weekly")
        for weekly_item_data in _weekly:
            weekly_item = WeeklyRange.from_dict(weekly_item_data)

            weekly.append(weekly_item)

        exceptions = []
        _exceptions = d.pop("exceptions")
        for exceptions_item_data in _exceptions:
            exceptions_item = ScheduleException.from_dict(exceptions_item_data)

            exceptions.append(exceptions_item)

        is_open = d.pop("is_open")

        def _parse_next_change_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_change_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_change_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_change_at = _parse_next_change_at(d.pop("next_change_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        schedule_out = cls(
            id=id,
            name=name,
            timezone=timezone,
            weekly=weekly,
            exceptions=exceptions,
            is_open=is_open,
            next_change_at=next_change_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        schedule_out.additional_properties = d
        return schedule_out

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
