from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rule_match_types_item import RuleMatchTypesItem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_match_contact_attributes import RuleMatchContactAttributes


T = TypeVar("T", bound="RuleMatch")


@_attrs_define
class RuleMatch:
    """All given conditions must hold; an empty one holds always; at least one is needed.

    Attributes:
        types (list[RuleMatchTypesItem] | Unset): The insight's type is one of these
        keywords (list[str] | Unset): At least one occurs in the title or body (case-insensitive substring)
        contact_attributes (RuleMatchContactAttributes | Unset): Each equals the contact's custom attribute; never
            matches without a contact
    """

    types: list[RuleMatchTypesItem] | Unset = UNSET
    keywords: list[str] | Unset = UNSET
    contact_attributes: RuleMatchContactAttributes | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        types: list[str] | Unset = UNSET
        if not isinstance(self.types, Unset):
            types = []
            for types_item_data in self.types:
                types_item = types_item_data.value
                types.append(types_item)

        keywords: list[str] | Unset = UNSET
        if not isinstance(self.keywords, Unset):
            keywords = self.keywords

        contact_attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contact_attributes, Unset):
            contact_attributes = self.contact_attributes.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if types is not UNSET:
            field_dict["types"] = types
        if keywords is not UNSET:
            field_dict["keywords"] = keywords
        if contact_attributes is not UNSET:
            field_dict["contact_attributes"] = contact_attributes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_match_contact_attributes import RuleMatchContactAttributes  # noqa: PLC0415

        d = dict(src_dict)
        _types = d.pop("types", UNSET)
        types: list[RuleMatchTypesItem] | Unset = UNSET
        if _types is not UNSET:
            types = []
            for types_item_data in _types:
                types_item = RuleMatchTypesItem(types_item_data)

                types.append(types_item)

        keywords = cast(list[str], d.pop("keywords", UNSET))

        _contact_attributes = d.pop("contact_attributes", UNSET)
        contact_attributes: RuleMatchContactAttributes | Unset
        if isinstance(_contact_attributes, Unset):
            contact_attributes = UNSET
        else:
            contact_attributes = RuleMatchContactAttributes.from_dict(_contact_attributes)

        rule_match = cls(
            types=types,
            keywords=keywords,
            contact_attributes=contact_attributes,
        )

        return rule_match
