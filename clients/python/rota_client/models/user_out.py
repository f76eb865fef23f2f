from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_state import AgentState
from ..models.role import Role

if TYPE_CHECKING:
    from ..models.user_out_skills import UserOutSkills


T = TypeVar("T", bound="UserOut")


@_attrs_define
class UserOut:
    """
    Attributes:
        id (UUID):
        organization_id (UUID):
        email (str):
        full_name (str):
        role (Role): A user's role in the organization.
        is_active (bool):
        is_available (bool): Whether the agent is given work now: state is available
        state (AgentState): Whether an agent takes work now. Only `available` agents are given transfers; `busy`
            keeps what they have (and may pick, if the organization allows it); `away` and `offline`
            get nothing, and what they have goes back to the queues unless the organization (or the
            change itself) says to keep it.
        max_active_transfers (int | None): Most concurrent active transfers; null uses the organization default
        skills (UserOutSkills): Skill -> level (1-10); transfers that require skills go to agents who have them
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        last_login_at (datetime.datetime | None):
    """

    id: UUID
    organization_id: UUID
    email: str
    full_name: str
    role: Role
    is_active: bool
    is_available: bool
    state: AgentState
    max_active_transfers: int | None
    skills: UserOutSkills
    created_at: datetime.datetime
    updated_at: datetime.datetime
    last_login_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        organization_id = str(self.organization_id)

        email = self.email

        full_name = self.full_name

        role = self.role.value

        is_active = self.is_active

        is_available = self.is_available

        state = self.state.value

        max_active_transfers: int | None
        max_active_transfers = self.max_active_transfers

        skills = self.skills.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        last_login_at: None | str
        if isinstance(self.last_login_at, datetime.datetime):
            last_login_at = self.last_login_at.isoformat()
        else:
            last_login_at = self.last_login_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organization_id": organization_id,
                "email": email,
                "full_name": full_name,
                "role": role,
                "is_active": is_active,
                "is_available": is_available,
                "state": state,
                "max_active_transfers": max_active_transfers,
                "skills": skills,
                "created_at": created_at,
                "updated_at": updated_at,
                "last_login_at": last_login_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_out_skills import UserOutSkills  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        organization_id = UUID(d.pop("organization_id"))

        email = d.pop("email")

        full_name = d.pop("full_name")

        role = Role(d.pop("role"))

        is_active = d.pop("is_active")

        is_available = d.pop("is_available")

        state = AgentState(d.pop("state"))

        def _parse_max_active_transfers(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_active_transfers = _parse_max_active_transfers(d.pop("max_active_transfers"))

        skills = UserOutSkills.from_dict(d.pop("skills"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_last_login_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_login_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_login_at = _parse_last_login_at(d.pop("last_login_at"))

        user_out = cls(
            id=id,
            organization_id=organization_id,
            email=email,
            full_name=full_name,
            role=role,
            is_active=is_active,
            is_available=is_available,
            state=state,
            max_active_transfers=max_active_transfers,
            skills=skills,
            created_at=created_at,
            updated_at=updated_at,
            last_login_at=last_login_at,
        )

        user_out.additional_properties = d
        return user_out

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
