from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentFigures")


@_attrs_define
class AgentFigures:
    """
    Attributes:
        agent_id (UUID):
        full_name (str):
        email (str):
        assigned (int): Transfers given to the agent in the period (assigned by routing or people, picked, or offered
            and accepted), first assignments and later ones
        closed (int): Transfers closed while the agent had them
        resumed (int): Transfers handed back to the bot while the agent had them
        median_handle_seconds (float | None): Median of ended_at - assigned_at (since the transfer was given to them) of
            those closed and resumed
        held_seconds (float): Time the agent had transfers within the period, summed over the transfers (two at once for
            an hour: 7200); offers not yet accepted count
        average_concurrent (float | None): held_seconds / the period's elapsed seconds (up to now): transfers held at
            once, on average; null for a period that has not begun
        capacity (int | None): The agent's capacity now (theirs, or the organization's default); null: unlimited
        occupancy (float | None): average_concurrent / capacity; null without a capacity
    """

    agent_id: UUID
    full_name: str
    email: str
    assigned: int
    closed: int
    resumed: int
    median_handle_seconds: float | None
    held_seconds: float
    average_concurrent: float | None
    capacity: int | None
    occupancy: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = str(self.agent_id)

        full_name = self.full_name

        email = self.email

        assigned = self.assigned

        closed = self.closed

        resumed = self.resumed

        median_handle_seconds: float | None
        median_handle_seconds = self.median_handle_seconds

        held_seconds = self.held_seconds

        average_concurrent: float | None
        average_concurrent = self.average_concurrent

        capacity: int | None
        capacity = self.capacity

        occupancy: float | None
        occupancy = self.occupancy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "full_name": full_name,
                "email": email,
                "assigned": assigned,
                "closed": closed,
                "resumed": resumed,
                "median_handle_seconds": median_handle_seconds,
                "held_seconds": held_seconds,
                "average_concurrent": average_concurrent,
                "capacity": capacity,
                "occupancy": occupancy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = UUID(d.pop("agent_id"))

        full_name = d.pop("full_name")

        email = d.pop("email")

        assigned = d.pop("assigned")

        closed = d.pop("closed")

        resumed = d.pop("resumed")

        def _parse_median_handle_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_handle_seconds = _parse_median_handle_seconds(d.pop("median_handle_seconds"))

        held_seconds = d.pop("held_seconds")

        def _parse_average_concurrent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_concurrent = _parse_average_concurrent(d.pop("average_concurrent"))

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        def _parse_occupancy(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        occupancy = _parse_occupancy(d.pop("occupancy"))

        agent_figures = cls(
            agent_id=agent_id,
            full_name=full_name,
            email=email,
            assigned=assigned,
            closed=closed,
            resumed=resumed,
            median_handle_seconds=median_handle_seconds,
            held_seconds=held_seconds,
            average_concurrent=average_concurrent,
            capacity=capacity,
            occupancy=occupancy,
        )

        agent_figures.additional_properties = d
        return agent_figures

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
