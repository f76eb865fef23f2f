from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_brief import ContactBrief
    from ..models.transfer_out_passed_by_type_0 import TransferOutPassedByType0
    from ..models.transfer_out_required_skills_type_0 import TransferOutRequiredSkillsType0


T = TypeVar("T", bound="TransferOut")


@_attrs_define
class TransferOut:
    """
    Attributes:
        id (UUID):
        contact_id (UUID):
        team_id (None | UUID):
        agent_id (None | UUID):
        status (Status): Active (waiting, or with an agent), then ended: closed by people, resumed by the bot, or
            expired.
        notes (None | str):
        source (None | str):
        priority (int):
        transferred_at (datetime.datetime):
        assigned_at (datetime.datetime | None):
        ended_at (datetime.datetime | None):
        updated_at (datetime.datetime):
        created_by_id (None | UUID):
        queued_at (datetime.datetime | None): When it entered its current queue
        first_assigned_at (datetime.datetime | None):
        first_assignment_due_at (datetime.datetime | None): SLA: first assignment due
        resolution_due_at (datetime.datetime | None): SLA: to be ended by
        first_assignment_breached_at (datetime.datetime | None):
        resolution_breached_at (datetime.datetime | None):
        sla_breached (bool):
        offer_expires_at (datetime.datetime | None): While offered to its agent (not yet accepted): when the offer
            lapses
        required_skills (None | TransferOutRequiredSkillsType0): Skills its agent must have, at these levels or above
        skills_relaxed_at (datetime.datetime | None): When its team stopped waiting for the required skills (any agent
            may have it)
        passed_by (None | TransferOutPassedByType0): Agents who declined it or let its offer lapse (id: declined |
            offer_lapsed); it is not offered to them again
        contact (ContactBrief | None | Unset): The contact, in brief
        queue_position (int | None | Unset): 1 for the next to be taken; only while waiting
        estimated_wait_seconds (float | None | Unset): From the team's assignments of the last hour; while waiting
        out_of_hours (bool | Unset): Its team is closed now Default: False.
        opens_at (datetime.datetime | None | Unset): When its closed team opens
    """

    id: UUID
    contact_id: UUID
    team_id: None | UUID
    agent_id: None | UUID
    status: Status
    notes: None | str
    source: None | str
    priority: int
    transferred_at: datetime.datetime
    assigned_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    updated_at: datetime.datetime
    created_by_id: None | UUID
    queued_at: datetime.datetime | None
    first_assigned_at: datetime.datetime | None
    first_assignment_due_at: datetime.datetime | None
    resolution_due_at: datetime.datetime | None
    first_assignment_breached_at: datetime.datetime | None
    resolution_breached_at: datetime.datetime | None
    sla_breached: bool
    offer_expires_at: datetime.datetime | None
    required_skills: None | TransferOutRequiredSkillsType0
    skills_relaxed_at: datetime.datetime | None
    passed_by: None | TransferOutPassedByType0
    contact: ContactBrief | None | Unset = UNSET
    queue_position: int | None | Unset = UNSET
    estimated_wait_seconds: float | None | Unset = UNSET
    out_of_hours: bool | Unset = False
    opens_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_brief import ContactBrief  # noqa: PLC0415
        from ..models.transfer_out_passed_by_type_0 import TransferOutPassedByType0  # noqa: PLC0415
        from ..models.transfer_out_required_skills_type_0 import TransferOutRequiredSkillsType0  # noqa: PLC0415

        id = str(self.id)

        contact_id = str(self.contact_id)

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        agent_id: None | str
        if isinstance(self.agent_id, UUID):
            agent_id = str(self.agent_id)
        else:
            agent_id = self.agent_id

        status = self.status.value

        notes: None | str
        notes = self.notes

        source: None | str
        source = self.source

        priority = self.priority

        transferred_at = self.transferred_at.isoformat()

        assigned_at: None | str
        if isinstance(self.assigned_at, datetime.datetime):
            assigned_at = self.assigned_at.isoformat()
        else:
            assigned_at = self.assigned_at

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        updated_at = self.updated_at.isoformat()

        created_by_id: None | str
        if isinstance(self.created_by_id, UUID):
            created_by_id = str(self.created_by_id)
        else:
            created_by_id = self.created_by_id

        queued_at: None | str
        if isinstance(self.queued_at, datetime.datetime):
            queued_at = self.queued_at.isoformat()
        else:
            queued_at = self.queued_at

        first_assigned_at: None | str
        if isinstance(self.first_assigned_at, datetime.datetime):
            first_assigned_at = self.first_assigned_at.isoformat()
        else:
            first_assigned_at = self.first_assigned_at

        first_assignment_due_at: None | str
        if isinstance(self.first_assignment_due_at, datetime.datetime):
            first_assignment_due_at = self.first_assignment_due_at.isoformat()
        else:
            first_assignment_due_at = self.first_assignment_due_at

        resolution_due_at: None | str
        if isinstance(self.resolution_due_at, datetime.datetime):
            resolution_due_at = self.resolution_due_at.isoformat()
        else:
            resolution_due_at = self.resolution_due_at

        first_assignment_breached_at: None | str
        if isinstance(self.first_assignment_breached_at, datetime.datetime):
            first_assignment_breached_at = self.first_assignment_breached_at.isoformat()
        else:
            first_assignment_breached_at = self.first_assignment_breached_at

        resolution_breached_at: None | str
        if isinstance(self.resolution_breached_at, datetime.datetime):
            resolution_breached_at = self.resolution_breached_at.isoformat()
        else:
            resolution_breached_at = self.resolution_breached_at

        sla_breached = self.sla_breached

        offer_expires_at: None | str
        if isinstance(self.offer_expires_at, datetime.datetime):
            offer_expires_at = self.offer_expires_at.isoformat()
        else:
            offer_expires_at = self.offer_expires_at

        required_skills: dict[str, Any] | None
        if isinstance(self.required_skills, TransferOutRequiredSkillsType0):
            required_skills = self.required_skills.to_dict()
        else:
            required_skills = self.required_skills

        skills_relaxed_at: None | str
        if isinstance(self.skills_relaxed_at, datetime.datetime):
            skills_relaxed_at = self.skills_relaxed_at.isoformat()
        else:
            skills_relaxed_at = self.skills_relaxed_at

        passed_by: dict[str, Any] | None
        if isinstance(self.passed_by, TransferOutPassedByType0):
            passed_by = self.passed_by.to_dict()
        else:
            passed_by = self.passed_by

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactBrief):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        queue_position: int | None | Unset
        if isinstance(self.queue_position, Unset):
            queue_position = UNSET
        else:
            queue_position = self.queue_position

        estimated_wait_seconds: float | None | Unset
        if isinstance(self.estimated_wait_seconds, Unset):
            estimated_wait_seconds = UNSET
        else:
            estimated_wait_seconds = self.estimated_wait_seconds

        out_of_hours = self.out_of_hours

        opens_at: None | str | Unset
        if isinstance(self.opens_at, Unset):
            opens_at = UNSET
        elif isinstance(self.opens_at, datetime.datetime):
            opens_at = self.opens_at.isoformat()
        else:
            opens_at = self.opens_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "contact_id": contact_id,
                "team_id": team_id,
                "agent_id": agent_id,
                "status": status,
                "notes": notes,
                "source": source,
                "priority": priority,
                "transferred_at": transferred_at,
                "assigned_at": assigned_at,
                "ended_at": ended_at,
                "updated_at": updated_at,
                "created_by_id": created_by_id,
                "queued_at": queued_at,
                "first_assigned_at": first_assigned_at,
                "first_assignment_due_at": first_assignment_due_at,
                "resolution_due_at": resolution_due_at,
                "first_assignment_breached_at": first_assignment_breached_at,
                "resolution_breached_at": resolution_breached_at,
                "sla_breached": sla_breached,
                "offer_expires_at": offer_expires_at,
                "required_skills": required_skills,
                "skills_relaxed_at": skills_relaxed_at,
                "passed_by": passed_by,
            }
        )
        if contact is not UNSET:
            field_dict["contact"] = contact
        if queue_position is not UNSET:
            field_dict["queue_position"] = queue_position
        if estimated_wait_seconds is not UNSET:
            field_dict["estimated_wait_seconds"] = estimated_wait_seconds
        if out_of_hours is not UNSET:
            field_dict["out_of_hours"] = out_of_hours
        if opens_at is not UNSET:
            field_dict["opens_at"] = opens_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_brief import ContactBrief  # noqa: PLC0415
        from ..models.transfer_out_passed_by_type_0 import TransferOutPassedByType0  # noqa: PLC0415
        from ..models.transfer_out_required_skills_type_0 import TransferOutRequiredSkillsType0  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        contact_id = UUID(d.pop("contact_id"))

        def _parse_team_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_id_type_0 = UUID(data)

                return team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        team_id = _parse_team_id(d.pop("team_id"))

        def _parse_agent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_id_type_0 = UUID(data)

                return agent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        status = Status(d.pop("status"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        priority = d.pop("priority")

        transferred_at = datetime.datetime.fromisoformat(d.pop("transferred_at"))

        def _parse_assigned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assigned_at_type_0 = datetime.datetime.fromisoformat(data)

                return assigned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        assigned_at = _parse_assigned_at(d.pop("assigned_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_created_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_id_type_0 = UUID(data)

                return created_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        def _parse_queued_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                queued_at_type_0 = datetime.datetime.fromisoformat(data)

                return queued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        queued_at = _parse_queued_at(d.pop("queued_at"))

        def _parse_first_assigned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_assigned_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_assigned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_assigned_at = _parse_first_assigned_at(d.pop("first_assigned_at"))

        def _parse_first_assignment_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_assignment_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_assignment_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_assignment_due_at = _parse_first_assignment_due_at(d.pop("first_assignment_due_at"))

        def _parse_resolution_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolution_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolution_due_at = _parse_resolution_due_at(d.pop("resolution_due_at"))

        def _parse_first_assignment_breached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_assignment_breached_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_assignment_breached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_assignment_breached_at = _parse_first_assignment_breached_at(d.pop("first_assignment_breached_at"))

        def _parse_resolution_breached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_breached_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolution_breached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolution_breached_at = _parse_resolution_breached_at(d.pop("resolution_breached_at"))

        sla_breached = d.pop("sla_breached")

        def _parse_offer_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return offer_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        offer_expires_at = _parse_offer_expires_at(d.pop("offer_expires_at"))

        def _parse_required_skills(data: object) -> None | TransferOutRequiredSkillsType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                required_skills_type_0 = TransferOutRequiredSkillsType0.from_dict(data)

                return required_skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransferOutRequiredSkillsType0, data)

        required_skills = _parse_required_skills(d.pop("required_skills"))

        def _parse_skills_relaxed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                skills_relaxed_at_type_0 = datetime.datetime.fromisoformat(data)

                return skills_relaxed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        skills_relaxed_at = _parse_skills_relaxed_at(d.pop("skills_relaxed_at"))

        def _parse_passed_by(data: object) -> None | TransferOutPassedByType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                passed_by_type_0 = TransferOutPassedByType0.from_dict(data)

                return passed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransferOutPassedByType0, data)

        passed_by = _parse_passed_by(d.pop("passed_by"))

        def _parse_contact(data: object) -> ContactBrief | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactBrief.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactBrief | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_queue_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        queue_position = _parse_queue_position(d.pop("queue_position", UNSET))

        def _parse_estimated_wait_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        estimated_wait_seconds = _parse_estimated_wait_seconds(d.pop("estimated_wait_seconds", UNSET))

        out_of_hours = d.pop("out_of_hours", UNSET)

        def _parse_opens_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opens_at_type_0 = datetime.datetime.fromisoformat(data)

                return opens_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        opens_at = _parse_opens_at(d.pop("opens_at", UNSET))

        transfer_out = cls(
            id=id,
            contact_id=contact_id,
            team_id=team_id,
            agent_id=agent_id,
            status=status,
            notes=notes,
            source=source,
            priority=priority,
            transferred_at=transferred_at,
            assigned_at=assigned_at,
            ended_at=ended_at,
            updated_at=updated_at,
            created_by_id=created_by_id,
            queued_at=queued_at,
            first_assigned_at=first_assigned_at,
            first_assignment_due_at=first_assignment_due_at,
            resolution_due_at=resolution_due_at,
            first_assignment_breached_at=first_assignment_breached_at,
            resolution_breached_at=resolution_breached_at,
            sla_breached=sla_breached,
            offer_expires_at=offer_expires_at,
            required_skills=required_skills,
            skills_relaxed_at=skills_relaxed_at,
            passed_by=passed_by,
            contact=contact,
            queue_position=queue_position,
            estimated_wait_seconds=estimated_wait_seconds,
            out_of_hours=out_of_hours,
            opens_at=opens_at,
        )

        transfer_out.additional_properties = d
        return transfer_out

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
