from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_state import AgentState
from ..models.member_role import MemberRole

T = TypeVar("T", bound="MemberOut")


@_attrs_define
class MemberOut:
    """
    Attributes:
        id (UUID):
        user_id (UUID):
        full_name (str):
        email (str):
        role (MemberRole): A member's role in a team.
        is_available (bool): The user is active and has set themselves available
        state (AgentState): Whether an agent takes work now. Only `available` agents are given transfers; `busy`
            keeps what they have (and may pick, if the organization allows it); `away` and `offline`
            get nothing, and what they have goes back to the queues unless the organization (or the
            change itself) says to keep it.
        last_assigned_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: UUID
    user_id: UUID
    full_name: str
    email: str
    role: MemberRole
    is_available: bool
    state: AgentState
    last_assigned_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        user_id = str(self.user_id)

        full_name = self.full_name

        email = self.email

        role = self.role.value

        is_available = self.is_available

        state = self.state.value

        last_assigned_at: None | str
        if isinstance(self.last_assigned_at, datetime.datetime):
            last_assigned_at = self.last_assigned_at.isoformat()
        else:
            last_assigned_at = self.last_assigned_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "full_name": full_name,
                "email": email,
                "role": role,
                "is_available": is_available,
                "state": state,
                "last_assigned_at": last_assigned_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        user_id = UUID(d.pop("user_id"))

        full_name = d.pop("full_name")

        email = d.pop("email")

        role = MemberRole(d.pop("role"))

        is_available = d.pop("is_available")

        state = AgentState(d.pop("state"))

        def _parse_last_assigned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_assigned_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_assigned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_assigned_at = _parse_last_assigned_at(d.pop("last_assigned_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        member_out = cls(
            id=id,
            user_id=user_id,
            full_name=full_name,
            email=email,
            role=role,
            is_available=is_available,
            state=state,
            last_assigned_at=last_assigned_at,
            created_at=created_at,
        )

        member_out.additional_properties = d
        return member_out

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
