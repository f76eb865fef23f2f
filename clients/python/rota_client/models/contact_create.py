from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_create_custom_attributes import ContactCreateCustomAttributes


T = TypeVar("T", bound="ContactCreate")


@_attrs_define
class ContactCreate:
    """
    Attributes:
        name (str):
        phone_number (None | str | Unset):
        email (None | str | Unset):
        external_id (None | str | Unset):
        custom_attributes (ContactCreateCustomAttributes | Unset): Up to 50 keys; values are strings, numbers or
            booleans
    """

    name: str
    phone_number: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    external_id: None | str | Unset = UNSET
    custom_attributes: ContactCreateCustomAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        phone_number: None | str | Unset
        if isinstance(self.phone_number, Unset):
            phone_number = UNSET
        else:
            phone_number = self.phone_number

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        custom_attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_attributes, Unset):
            custom_attributes = self.custom_attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if phone_number is not UNSET:
            field_dict["phone_number"] = phone_number
        if email is not UNSET:
            field_dict["email"] = email
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if custom_attributes is not UNSET:
            field_dict["custom_attributes"] = custom_attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_create_custom_attributes import ContactCreateCustomAttributes  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone_number = _parse_phone_number(d.pop("phone_number", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        _custom_attributes = d.pop("custom_attributes", UNSET)
        custom_attributes: ContactCreateCustomAttributes | Unset
        if isinstance(_custom_attributes, Unset):
            custom_attributes = UNSET
        else:
            custom_attributes = ContactCreateCustomAttributes.from_dict(_custom_attributes)

        contact_create = cls(
            name=name,
            phone_number=phone_number,
            email=email,
            external_id=external_id,
            custom_attributes=custom_attributes,
        )

        contact_create.additional_properties = d
        return contact_create

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
