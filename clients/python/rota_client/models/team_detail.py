from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.overflow_policy import OverflowPolicy
from ..models.strategy import Strategy

if TYPE_CHECKING:
    from ..models.member_out import MemberOut


T = TypeVar("T", bound="TeamDetail")


@_attrs_define
class TeamDetail:
    """
    Attributes:
        id (UUID):
        name (str):
        description (None | str):
        assignment_strategy (Strategy): How a team's transfers find an agent (rota.routing.rules).
        is_active (bool):
        member_count (int):
        schedule_id (None | UUID): Support hours; null: always open
        is_open (bool): Open now by its schedule
        next_change_at (datetime.datetime | None): When it next opens or closes
        overflow_policy (OverflowPolicy): What happens to a transfer that waited too long, or came out of hours.
        fallback_team_id (None | UUID):
        overflow_after_seconds (int | None):
        sticky_agent_hours (int | None): Prefer the contact's agent of the last this many hours, when they may take it
            now; null: the strategy alone decides
        sla_first_assignment_seconds (int | None): Target for the first assignment, in open hours
        sla_resolution_seconds (int | None): Target for ending the transfer, in open hours
        accept_timeout_seconds (int | None): Automatic assignments are offers the agent accepts within this time, or the
            next eligible agent gets it; null: assignments need no acceptance
        missed_offer_sets_away (bool): An agent who lets an offer lapse is made away
        skills_relax_after_seconds (int | None): After waiting this long, a transfer's required skills are dropped;
            null: never
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        members (list[MemberOut]):
    """

    id: UUID
    name: str
    description: None | str
    assignment_strategy: Strategy
    is_active: bool
    member_count: int
    schedule_id: None | UUID
    is_open: bool
    next_change_at: datetime.datetime | None
    overflow_policy: OverflowPolicy
    fallback_team_id: None | UUID
    overflow_after_seconds: int | None
    sticky_agent_hours: int | None
    sla_first_assignment_seconds: int | None
    sla_resolution_seconds: int | None
    accept_timeout_seconds: int | None
    missed_offer_sets_away: bool
    skills_relax_after_seconds: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    members: list[MemberOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        description: None | str
        description = self.description

        assignment_strategy = self.assignment_strategy.value

        is_active = self.is_active

        member_count = self.member_count

        schedule_id: None | str
        if isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        is_open = self.is_open

        next_change_at: None | str
        if isinstance(self.next_change_at, datetime.datetime):
            next_change_at = self.next_change_at.isoformat()
        else:
            next_change_at = self.next_change_at

        overflow_policy = self.overflow_policy.value

        fallback_team_id: None | str
        if isinstance(self.fallback_team_id, UUID):
            fallback_team_id = str(self.fallback_team_id)
        else:
            fallback_team_id = self.fallback_team_id

        overflow_after_seconds: int | None
        overflow_after_seconds = self.overflow_after_seconds

        sticky_agent_hours: int | None
        sticky_agent_hours = self.sticky_agent_hours

        sla_first_assignment_seconds: int | None
        sla_first_assignment_seconds = self.sla_first_assignment_seconds

        sla_resolution_seconds: int | None
        sla_resolution_seconds = self.sla_resolution_seconds

        accept_timeout_seconds: int | None
        accept_timeout_seconds = self.accept_timeout_seconds

        missed_offer_sets_away = self.missed_offer_sets_away

        skills_relax_after_seconds: int | None
        skills_relax_after_seconds = self.skills_relax_after_seconds

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "assignment_strategy": assignment_strategy,
                "is_active": is_active,
                "member_count": member_count,
                "schedule_id": schedule_id,
                "is_open": is_open,
                "next_change_at": next_change_at,
                "overflow_policy": overflow_policy,
                "fallback_team_id": fallback_team_id,
                "overflow_after_seconds": overflow_after_seconds,
                "sticky_agent_hours": sticky_agent_hours,
                "sla_first_assignment_seconds": sla_first_assignment_seconds,
                "sla_resolution_seconds": sla_resolution_seconds,
                "accept_timeout_seconds": accept_timeout_seconds,
                "missed_offer_sets_away": missed_offer_sets_away,
                "skills_relax_after_seconds": skills_relax_after_seconds,
                "created_at": created_at,
                "updated_at": updated_at,
                "members": members,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_out import MemberOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        assignment_strategy = Strategy(d.pop("assignment_strategy"))

        is_active = d.pop("is_active")

        member_count = d.pop("member_count")

        def _parse_schedule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_id_type_0 = UUID(data)

                return schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id"))

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

        overflow_policy = OverflowPolicy(d.pop("overflow_policy"))

        def _parse_fallback_team_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fallback_team_id_type_0 = UUID(data)

                return fallback_team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        fallback_team_id = _parse_fallback_team_id(d.pop("fallback_team_id"))

        def _parse_overflow_after_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        overflow_after_seconds = _parse_overflow_after_seconds(d.pop("overflow_after_seconds"))

        def _parse_sticky_agent_hours(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sticky_agent_hours = _parse_sticky_agent_hours(d.pop("sticky_agent_hours"))

        def _parse_sla_first_assignment_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sla_first_assignment_seconds = _parse_sla_first_assignment_seconds(d.pop("sla_first_assignment_seconds"))

        def _parse_sla_resolution_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sla_resolution_seconds = _parse_sla_resolution_seconds(d.pop("sla_resolution_seconds"))

        def _parse_accept_timeout_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        accept_timeout_seconds = _parse_accept_timeout_seconds(d.pop("accept_timeout_seconds"))

        missed_offer_sets_away = d.pop("missed_offer_sets_away")

        def _parse_skills_relax_after_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        skills_relax_after_seconds = _parse_skills_relax_after_seconds(d.pop("skills_relax_after_seconds"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberOut.from_dict(members_item_data)

            members.append(members_item)

        team_detail = cls(
            id=id,
            name=name,
            description=description,
            assignment_strategy=assignment_strategy,
            is_active=is_active,
            member_count=member_count,
            schedule_id=schedule_id,
            is_open=is_open,
            next_change_at=next_change_at,
            overflow_policy=overflow_policy,
            fallback_team_id=fallback_team_id,
            overflow_after_seconds=overflow_after_seconds,
            sticky_agent_hours=sticky_agent_hours,
            sla_first_assignment_seconds=sla_first_assignment_seconds,
            sla_resolution_seconds=sla_resolution_seconds,
            accept_timeout_seconds=accept_timeout_seconds,
            missed_offer_sets_away=missed_offer_sets_away,
            skills_relax_after_seconds=skills_relax_after_seconds,
            created_at=created_at,
            updated_at=updated_at,
            members=members,
        )

        team_detail.additional_properties = d
        return team_detail

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
