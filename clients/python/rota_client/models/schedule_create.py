from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_exception import ScheduleException
    from ..models.weekly_range import WeeklyRange


T = TypeVar("T", bound="ScheduleCreate")


@_attrs_define
class ScheduleCreate:
    """
    Attributes:
        name (str):
        timezone (str):
        weekly (list[WeeklyRange] | Unset):
        exceptions (list[ScheduleException] | Unset):
    """

    name: str
    timezone: str
    weekly: list[WeeklyRange] | Unset = UNSET
    exceptions: list[ScheduleException] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        timezone = self.timezone

        weekly: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.weekly, Unset):
            weekly = []
            for weekly_item_data in self.weekly:
                weekly_item = weekly_item_data.to_dict()
                weekly.append(weekly_item)

        exceptions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.exceptions, Unset):
            exceptions = []
            for exceptions_item_data in self.exceptions:
                exceptions_item = exceptions_item_data.to_dict()
                exceptions.append(exceptions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "timezone": timezone,
            }
        )
        if weekly is not UNSET:
            field_dict["weekly"] = weekly
        if exceptions is not UNSET:
            field_dict["exceptions"] = exceptions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_exception import ScheduleException  # noqa: PLC0415
        from ..models.weekly_range import WeeklyRange  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        timezone = d.pop("timezone")

        _weekly = d.pop("weekly", UNSET)
        weekly: list[WeeklyRange] | Unset = UNSET
        if _weekly is not UNSET:
            weekly = []
            for weekly_item_data in _weekly:
                weekly_item = WeeklyRange.from_dict(weekly_item_data)

                weekly.append(weekly_item)

        _exceptions = d.pop("exceptions", UNSET)
        exceptions: list[ScheduleException] | Unset = UNSET
        if _exceptions is not UNSET:
            exceptions = []
            for exceptions_item_data in _exceptions:
                exceptions_item = ScheduleException.from_dict(exceptions_item_data)

                exceptions.append(exceptions_item)

        schedule_create = cls(
            name=name,
            timezone=timezone,
            weekly=weekly,
            exceptions=exceptions,
        )

        schedule_create.additional_properties = d
        return schedule_create

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
