from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact_out_custom_attributes import ContactOutCustomAttributes


T = TypeVar("T", bound="ContactOut")


@_attrs_define
class ContactOut:
    """
    Attributes:
        id (UUID):
        name (str):
        phone_number (None | str):
        email (None | str):
        external_id (None | str):
        custom_attributes (ContactOutCustomAttributes):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    phone_number: None | str
    email: None | str
    external_id: None | str
    custom_attributes: ContactOutCustomAttributes
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        phone_number: None | str
        phone_number = self.phone_number

        email: None | str
        email = self.email

        external_id: None | str
        external_id = self.external_id

        custom_attributes = self.custom_attributes.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "phone_number": phone_number,
                "email": email,
                "external_id": external_id,
                "custom_attributes": custom_attributes,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_out_custom_attributes import ContactOutCustomAttributes  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_phone_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone_number = _parse_phone_number(d.pop("phone_number"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        custom_attributes = ContactOutCustomAttributes.from_dict(d.pop("custom_attributes"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        contact_out = cls(
            id=id,
            name=name,
            phone_number=phone_number,
            email=email,
            external_id=external_id,
            custom_attributes=custom_attributes,
            created_at=created_at,
            updated_at=updated_at,
        )

        contact_out.additional_properties = d
        return contact_out

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
