from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.overflow_policy import OverflowPolicy
from ..models.strategy import Strategy
from ..types import UNSET, Unset

T = TypeVar("T", bound="TeamUpdate")


@_attrs_define
class TeamUpdate:
    """PUT and PATCH alike: the fields sent change, the fields omitted stay as they are.

    Attributes:
        name (None | str | Unset):
        description (None | str | Unset):
        assignment_strategy (None | Strategy | Unset):
        is_active (bool | None | Unset):
        schedule_id (None | Unset | UUID):
        overflow_policy (None | OverflowPolicy | Unset):
        fallback_team_id (None | Unset | UUID):
        overflow_after_seconds (int | None | Unset):
        sticky_agent_hours (int | None | Unset):
        sla_first_assignment_seconds (int | None | Unset):
        sla_resolution_seconds (int | None | Unset):
        accept_timeout_seconds (int | None | Unset):
        missed_offer_sets_away (bool | None | Unset):
        skills_relax_after_seconds (int | None | Unset):
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    assignment_strategy: None | Strategy | Unset = UNSET
    is_active: bool | None | Unset = UNSET
    schedule_id: None | Unset | UUID = UNSET
    overflow_policy: None | OverflowPolicy | Unset = UNSET
    fallback_team_id: None | Unset | UUID = UNSET
    overflow_after_seconds: int | None | Unset = UNSET
    sticky_agent_hours: int | None | Unset = UNSET
    sla_first_assignment_seconds: int | None | Unset = UNSET
    sla_resolution_seconds: int | None | Unset = UNSET
    accept_timeout_seconds: int | None | Unset = UNSET
    missed_offer_sets_away: bool | None | Unset = UNSET
    skills_relax_after_seconds: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        assignment_strategy: None | str | Unset
        if isinstance(self.assignment_strategy, Unset):
            assignment_strategy = UNSET
        elif isinstance(self.assignment_strategy, Strategy):
            assignment_strategy = self.assignment_strategy.value
        else:
            assignment_strategy = self.assignment_strategy

        is_active: bool | None | Unset
        if isinstance(self.is_active, Unset):
            is_active = UNSET
        else:
            is_active = self.is_active

        schedule_id: None | str | Unset
        if isinstance(self.schedule_id, Unset):
            schedule_id = UNSET
        elif isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        overflow_policy: None | str | Unset
        if isinstance(self.overflow_policy, Unset):
            overflow_policy = UNSET
        elif isinstance(self.overflow_policy, OverflowPolicy):
            overflow_policy = self.overflow_policy.value
        else:
            overflow_policy = self.overflow_policy

        fallback_team_id: None | str | Unset
        if isinstance(self.fallback_team_id, Unset):
            fallback_team_id = UNSET
        elif isinstance(self.fallback_team_id, UUID):
            fallback_team_id = str(self.fallback_team_id)
        else:
            fallback_team_id = self.fallback_team_id

        overflow_after_seconds: int | None | Unset
        if isinstance(self.overflow_after_seconds, Unset):
            overflow_after_seconds = UNSET
        else:
            overflow_after_seconds = self.overflow_after_seconds

        sticky_agent_hours: int | None | Unset
        if isinstance(self.sticky_agent_hours, Unset):
            sticky_agent_hours = UNSET
        else:
            sticky_agent_hours = self.sticky_agent_hours

        sla_first_assignment_seconds: int | None | Unset
        if isinstance(self.sla_first_assignment_seconds, Unset):
            sla_first_assignment_seconds = UNSET
        else:
            sla_first_assignment_seconds = self.sla_first_assignment_seconds

        sla_resolution_seconds: int | None | Unset
        if isinstance(self.sla_resolution_seconds, Unset):
            sla_resolution_seconds = UNSET
        else:
            sla_resolution_seconds = self.sla_resolution_seconds

        accept_timeout_seconds: int | None | Unset
        if isinstance(self.accept_timeout_seconds, Unset):
            accept_timeout_seconds = UNSET
        else:
            accept_timeout_seconds = self.accept_timeout_seconds

        missed_offer_sets_away: bool | None | Unset
        if isinstance(self.missed_offer_sets_away, Unset):
            missed_offer_sets_away = UNSET
        else:
            missed_offer_sets_away = self.missed_offer_sets_away

        skills_relax_after_seconds: int | None | Unset
        if isinstance(self.skills_relax_after_seconds, Unset):
            skills_relax_after_seconds = UNSET
        else:
            skills_relax_after_seconds = self.skills_relax_after_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if assignment_strategy is not UNSET:
            field_dict["assignment_strategy"] = assignment_strategy
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if schedule_id is not UNSET:
            field_dict["schedule_id"] = schedule_id
        if overflow_policy is not UNSET:
            field_dict["overflow_policy"] = overflow_policy
        if fallback_team_id is not UNSET:
            field_dict["fallback_team_id"] = fallback_team_id
        if overflow_after_seconds is not UNSET:
            field_dict["overflow_after_seconds"] = overflow_after_seconds
        if sticky_agent_hours is not UNSET:
            field_dict["sticky_agent_hours"] = sticky_agent_hours
        if sla_first_assignment_seconds is not UNSET:
            field_dict["sla_first_assignment_seconds"] = sla_first_assignment_seconds
        if sla_resolution_seconds is not UNSET:
            field_dict["sla_resolution_seconds"] = sla_resolution_seconds
        if accept_timeout_seconds is not UNSET:
            field_dict["accept_timeout_seconds"] = accept_timeout_seconds
        if missed_offer_sets_away is not UNSET:
            field_dict["missed_offer_sets_away"] = missed_offer_sets_away
        if skills_relax_after_seconds is not UNSET:
            field_dict["skills_relax_after_seconds"] = skills_relax_after_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_assignment_strategy(data: object) -> None | Strategy | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignment_strategy_type_0 = Strategy(data)

                return assignment_strategy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Strategy | Unset, data)

        assignment_strategy = _parse_assignment_strategy(d.pop("assignment_strategy", UNSET))

        def _parse_is_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_active = _parse_is_active(d.pop("is_active", UNSET))

        def _parse_schedule_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_id_type_0 = UUID(data)

                return schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id", UNSET))

        def _parse_overflow_policy(data: object) -> None | OverflowPolicy | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overflow_policy_type_0 = OverflowPolicy(data)

                return overflow_policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OverflowPolicy | Unset, data)

        overflow_policy = _parse_overflow_policy(d.pop("overflow_policy", UNSET))

        def _parse_fallback_team_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fallback_team_id_type_0 = UUID(data)

                return fallback_team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        fallback_team_id = _parse_fallback_team_id(d.pop("fallback_team_id", UNSET))

        def _parse_overflow_after_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        overflow_after_seconds = _parse_overflow_after_seconds(d.pop("overflow_after_seconds", UNSET))

        def _parse_sticky_agent_hours(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sticky_agent_hours = _parse_sticky_agent_hours(d.pop("sticky_agent_hours", UNSET))

        def _parse_sla_first_assignment_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sla_first_assignment_seconds = _parse_sla_first_assignment_seconds(d.pop("sla_first_assignment_seconds", UNSET))

        def _parse_sla_resolution_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sla_resolution_seconds = _parse_sla_resolution_seconds(d.pop("sla_resolution_seconds", UNSET))

        def _parse_accept_timeout_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        accept_timeout_seconds = _parse_accept_timeout_seconds(d.pop("accept_timeout_seconds", UNSET))

        def _parse_missed_offer_sets_away(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        missed_offer_sets_away = _parse_missed_offer_sets_away(d.pop("missed_offer_sets_away", UNSET))

        def _parse_skills_relax_after_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        skills_relax_after_seconds = _parse_skills_relax_after_seconds(d.pop("skills_relax_after_seconds", UNSET))

        team_update = cls(
            name=name,
            description=description,
            assignment_strategy=assignment_strategy,
            is_active=is_active,
            schedule_id=schedule_id,
            overflow_policy=overflow_policy,
            fallback_team_id=fallback_team_id,
            overflow_after_seconds=overflow_after_seconds,
            sticky_agent_hours=sticky_agent_hours,
            sla_first_assignment_seconds=sla_first_assignment_seconds,
            sla_resolution_seconds=sla_resolution_seconds,
            accept_timeout_seconds=accept_timeout_seconds,
            missed_offer_sets_away=missed_offer_sets_away,
            skills_relax_after_seconds=skills_relax_after_seconds,
        )

        team_update.additional_properties = d
        return team_update

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
