from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_state import AgentState
from ..models.role import Role

T = TypeVar("T", bound="Person")


@_attrs_define
class Person:
    """Someone of the organization as every member may see them (the console's names).

    Attributes:
        id (UUID):
        full_name (str):
        role (Role): A user's role in the organization.
        state (AgentState): Whether an agent takes work now. Only `available` agents are given transfers; `busy`
            keeps what they have (and may pick, if the organization allows it); `away` and `offline`
            get nothing, and what they have goes back to the queues unless the organization (or the
            change itself) says to keep it.
        is_available (bool):
    """

    id: UUID
    full_name: str
    role: Role
    state: AgentState
    is_available: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        full_name = self.full_name

        role = self.role.value

        state = self.state.value

        is_available = self.is_available

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "full_name": full_name,
                "role": role,
                "state": state,
                "is_available": is_available,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        full_name = d.pop("full_name")

        role = Role(d.pop("role"))

        state = AgentState(d.pop("state"))

        is_available = d.pop("is_available")

        person = cls(
            id=id,
            full_name=full_name,
            role=role,
            state=state,
            is_available=is_available,
        )

        person.additional_properties = d
        return person

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
