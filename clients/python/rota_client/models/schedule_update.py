from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_exception import ScheduleException
    from ..models.weekly_range import WeeklyRange


T = TypeVar("T", bound="ScheduleUpdate")


@_attrs_define
class ScheduleUpdate:
    """PATCH and PUT: the fields sent are replaced whole; omitted fields stay.

    Attributes:
        name (None | str | Unset):
        timezone (None | str | Unset):
        weekly (list[WeeklyRange] | None | Unset):
        exceptions (list[ScheduleException] | None | Unset):
    """

    name: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    weekly: list[WeeklyRange] | None | Unset = UNSET
    exceptions: list[ScheduleException] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        weekly: list[dict[str, Any]] | None | Unset
        if isinstance(self.weekly, Unset):
            weekly = UNSET
        elif isinstance(self.weekly, list):
            weekly = []
            for weekly_type_0_item_data in self.weekly:
                weekly_type_0_item = weekly_type_0_item_data.to_dict()
                weekly.append(weekly_type_0_item)

        else:
            weekly = self.weekly

        exceptions: list[dict[str, Any]] | None | Unset
        if isinstance(self.exceptions, Unset):
            exceptions = UNSET
        elif isinstance(self.exceptions, list):
            exceptions = []
            for exceptions_type_0_item_data in self.exceptions:
                exceptions_type_0_item = exceptions_type_0_item_data.to_dict()
                exceptions.append(exceptions_type_0_item)

        else:
            exceptions = self.exceptions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_weekly(data: object) -> list[WeeklyRange] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                weekly_type_0 = []
                _weekly_type_0 = data
                for weekly_type_0_item_data in _weekly_type_0:
                    weekly_type_0_item = WeeklyRange.from_dict(weekly_type_0_item_data)

                    weekly_type_0.append(weekly_type_0_item)

                return weekly_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WeeklyRange] | None | Unset, data)

        weekly = _parse_weekly(d.pop("weekly", UNSET))

        def _parse_exceptions(data: object) -> list[ScheduleException] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                exceptions_type_0 = []
                _exceptions_type_0 = data
                for exceptions_type_0_item_data in _exceptions_type_0:
                    exceptions_type_0_item = ScheduleException.from_dict(exceptions_type_0_item_data)

                    exceptions_type_0.append(exceptions_type_0_item)

                return exceptions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ScheduleException] | None | Unset, data)

        exceptions = _parse_exceptions(d.pop("exceptions", UNSET))

        schedule_update = cls(
            name=name,
            timezone=timezone,
            weekly=weekly,
            exceptions=exceptions,
        )

        schedule_update.additional_properties = d
        return schedule_update

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
