from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transfer_event_out_details import TransferEventOutDetails


T = TypeVar("T", bound="TransferEventOut")


@_attrs_define
class TransferEventOut:
    """
    Attributes:
        id (UUID):
        seq (int):
        type_ (str):
        actor_id (None | UUID):
        team_id (None | UUID):
        agent_id (None | UUID):
        details (TransferEventOutDetails):
        created_at (datetime.datetime):
    """

    id: UUID
    seq: int
    type_: str
    actor_id: None | UUID
    team_id: None | UUID
    agent_id: None | UUID
    details: TransferEventOutDetails
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        seq = self.seq

        type_ = self.type_

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

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

        details = self.details.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "seq": seq,
                "type": type_,
                "actor_id": actor_id,
                "team_id": team_id,
                "agent_id": agent_id,
                "details": details,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transfer_event_out_details import TransferEventOutDetails  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        seq = d.pop("seq")

        type_ = d.pop("type")

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

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

        details = TransferEventOutDetails.from_dict(d.pop("details"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        transfer_event_out = cls(
            id=id,
            seq=seq,
            type_=type_,
            actor_id=actor_id,
            team_id=team_id,
            agent_id=agent_id,
            details=details,
            created_at=created_at,
        )

        transfer_event_out.additional_properties = d
        return transfer_event_out

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
