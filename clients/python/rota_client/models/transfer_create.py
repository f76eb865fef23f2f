from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transfer_create_required_skills_type_0 import TransferCreateRequiredSkillsType0


T = TypeVar("T", bound="TransferCreate")


@_attrs_define
class TransferCreate:
    """
    Attributes:
        contact_id (UUID):
        team_id (None | Unset | UUID):
        agent_id (None | Unset | UUID):
        notes (None | str | Unset):
        source (None | str | Unset):
        priority (int | Unset): Higher is served first Default: 0.
        required_skills (None | TransferCreateRequiredSkillsType0 | Unset): Only agents with these skills, at these
            levels or above, are given it (until its team's skills_relax_after_seconds)
    """

    contact_id: UUID
    team_id: None | Unset | UUID = UNSET
    agent_id: None | Unset | UUID = UNSET
    notes: None | str | Unset = UNSET
    source: None | str | Unset = UNSET
    priority: int | Unset = 0
    required_skills: None | TransferCreateRequiredSkillsType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.transfer_create_required_skills_type_0 import TransferCreateRequiredSkillsType0  # noqa: PLC0415

        contact_id = str(self.contact_id)

        team_id: None | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        elif isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        elif isinstance(self.agent_id, UUID):
            agent_id = str(self.agent_id)
        else:
            agent_id = self.agent_id

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        priority = self.priority

        required_skills: dict[str, Any] | None | Unset
        if isinstance(self.required_skills, Unset):
            required_skills = UNSET
        elif isinstance(self.required_skills, TransferCreateRequiredSkillsType0):
            required_skills = self.required_skills.to_dict()
        else:
            required_skills = self.required_skills

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_id": contact_id,
            }
        )
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if notes is not UNSET:
            field_dict["notes"] = notes
        if source is not UNSET:
            field_dict["source"] = source
        if priority is not UNSET:
            field_dict["priority"] = priority
        if required_skills is not UNSET:
            field_dict["required_skills"] = required_skills

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transfer_create_required_skills_type_0 import TransferCreateRequiredSkillsType0  # noqa: PLC0415

        d = dict(src_dict)
        contact_id = UUID(d.pop("contact_id"))

        def _parse_team_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_id_type_0 = UUID(data)

                return team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))

        def _parse_agent_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_id_type_0 = UUID(data)

                return agent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        priority = d.pop("priority", UNSET)

        def _parse_required_skills(data: object) -> None | TransferCreateRequiredSkillsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                required_skills_type_0 = TransferCreateRequiredSkillsType0.from_dict(data)

                return required_skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransferCreateRequiredSkillsType0 | Unset, data)

        required_skills = _parse_required_skills(d.pop("required_skills", UNSET))

        transfer_create = cls(
            contact_id=contact_id,
            team_id=team_id,
            agent_id=agent_id,
            notes=notes,
            source=source,
            priority=priority,
            required_skills=required_skills,
        )

        transfer_create.additional_properties = d
        return transfer_create

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
