from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TeamStats")


@_attrs_define
class TeamStats:
    """
    Attributes:
        queue_length (int): Transfers waiting in the team queue
        oldest_wait_seconds (float | None):
        available_agents (int): Agents who could take a transfer now
        assignments_last_hour (int):
        median_time_to_assignment_seconds (float | None): Today (UTC), from hand-over to first assignment
        is_open (bool):
    """

    queue_length: int
    oldest_wait_seconds: float | None
    available_agents: int
    assignments_last_hour: int
    median_time_to_assignment_seconds: float | None
    is_open: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        queue_length = self.queue_length

        oldest_wait_seconds: float | None
        oldest_wait_seconds = self.oldest_wait_seconds

        available_agents = self.available_agents

        assignments_last_hour = self.assignments_last_hour

        median_time_to_assignment_seconds: float | None
        median_time_to_assignment_seconds = self.median_time_to_assignment_seconds

        is_open = self.is_open

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "queue_length": queue_length,
                "oldest_wait_seconds": oldest_wait_seconds,
                "available_agents": available_agents,
                "assignments_last_hour": assignments_last_hour,
                "median_time_to_assignment_seconds": median_time_to_assignment_seconds,
                "is_open": is_open,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        queue_length = d.pop("queue_length")

        def _parse_oldest_wait_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        oldest_wait_seconds = _parse_oldest_wait_seconds(d.pop("oldest_wait_seconds"))

        available_agents = d.pop("available_agents")

        assignments_last_hour = d.pop("assignments_last_hour")

        def _parse_median_time_to_assignment_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_time_to_assignment_seconds = _parse_median_time_to_assignment_seconds(
            d.pop("median_time_to_assignment_seconds")
        )

        is_open = d.pop("is_open")

        team_stats = cls(
            queue_length=queue_length,
            oldest_wait_seconds=oldest_wait_seconds,
            available_agents=available_agents,
            assignments_last_hour=assignments_last_hour,
            median_time_to_assignment_seconds=median_time_to_assignment_seconds,
            is_open=is_open,
        )

        team_stats.additional_properties = d
        return team_stats

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
