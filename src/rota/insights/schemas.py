import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)
from pydantic.config import JsonDict

from rota.schemas import Name, OrmModel, PageInfo, reject_null, unique_items

InsightType = Literal["feedback", "bug", "feature_request", "quote"]
InsightStatus = Literal["open", "resolved"]
Title = Annotated[Name, Field(min_length=1, max_length=200)]
Body = Annotated[StrictStr, Field(max_length=10_000)]


class InsightOut(OrmModel):
    id: uuid.UUID
    type: InsightType
    title: str = Field(examples=["Refunds take too long"])
    body: str | None = Field(examples=["Customer waited 3 weeks for a refund of order 1182."])
    contact_id: uuid.UUID | None
    status: InsightStatus
    occurrence_count: int = Field(examples=[3], description="How many times it was reported")
    team_id: uuid.UUID | None
    assigned_rule_id: uuid.UUID | None = Field(description="The rule that assigned it, if any")
    assigned_by: Literal["rule", "manual"] | None = Field(
        description="How it got its team; null while unassigned"
    )
    resolved_at: datetime | None
    resolved_by_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime

    @model_validator(mode="after")
    def _unassigned_has_no_assigner(self) -> "InsightOut":
        # a deleted team leaves its insights unassigned (the database sets team_id null)
        if self.team_id is None:
            self.assigned_by = None
        return self


class InsightData(BaseModel):
    insight: InsightOut


class InsightCreated(InsightData):
    merged: bool = Field(
        description="True when it counted as another occurrence of an open "
        "insight with the same type and title (answer 200)"
    )


class InsightList(PageInfo):
    insights: list[InsightOut]


class InsightCreate(BaseModel):
    """Without team_id the active rules assign it; with one, the rules are skipped."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "feedback",
                    "title": "Refunds take too long",
                    "body": "Customer waited 3 weeks for a refund of order 1182.",
                    "contact_id": "5f0c2b8e-7a51-4d0e-9a7f-1c3b2d4e5f60",
                }
            ]
        }
    )

    type: InsightType
    title: Title
    body: Body | None = None
    contact_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None


class InsightUpdate(BaseModel):
    """PATCH: the fields sent change; body may be sent as null to clear it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Refunds take more than two weeks",
                    "type": "bug",
                }
            ]
        }
    )

    type: InsightType | None = None
    title: Title | None = None
    body: Body | None = None

    _not_null = reject_null("type", "title")


class InsightAssign(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"team_id": "0b8f6c1e-2f0a-4c7e-9d55-3c1f0e9a7b21"}]}
    )

    team_id: uuid.UUID


Keyword = Annotated[Name, Field(min_length=1, max_length=100)]
AttributeKey = Annotated[str, Field(min_length=1, max_length=100)]
AttributeValue = StrictStr | StrictInt | StrictFloat | StrictBool


class RuleMatch(BaseModel):
    """All given conditions must hold; an empty one holds always; at least one is needed."""

    model_config = ConfigDict(extra="forbid")

    types: Annotated[list[InsightType], AfterValidator(unique_items)] = Field(
        default_factory=list, max_length=4, description="The insight's type is one of these"
    )
    keywords: Annotated[list[Keyword], AfterValidator(unique_items)] = Field(
        default_factory=list,
        max_length=50,
        description="At least one occurs in the title or body (case-insensitive substring)",
    )
    contact_attributes: dict[AttributeKey, AttributeValue] = Field(
        default_factory=dict,
        max_length=20,
        description="Each equals the contact's custom attribute; never matches without a contact",
    )

    @model_validator(mode="after")
    def _has_a_condition(self) -> "RuleMatch":
        if not (self.types or self.keywords or self.contact_attributes):
            raise ValueError("a rule needs at least one condition (types, keywords or contact_attributes)")
        return self


class RuleOut(OrmModel):
    id: uuid.UUID
    name: str = Field(examples=["Refunds to billing"])
    position: int = Field(examples=[10], description="Lower runs first; ties by created_at")
    is_active: bool
    team_id: uuid.UUID
    match: RuleMatch
    created_at: datetime
    updated_at: datetime


class RuleData(BaseModel):
    rule: RuleOut


class RuleList(PageInfo):
    rules: list[RuleOut]


_RULE_EXAMPLE: JsonDict = {
    "name": "Refunds to billing",
    "position": 10,
    "is_active": True,
    "team_id": "0b8f6c1e-2f0a-4c7e-9d55-3c1f0e9a7b21",
    "match": {
        "types": ["feedback", "bug"],
        "keywords": ["refund", "invoice"],
        "contact_attributes": {"plan": "pro"},
    },
}

Position = Annotated[StrictInt, Field(ge=0, le=1_000_000)]


class RuleCreate(BaseModel):
    """Without position the rule runs after every existing rule."""

    model_config = ConfigDict(json_schema_extra={"examples": [_RULE_EXAMPLE]})

    name: Name = Field(min_length=1, max_length=100)
    position: Position | None = None
    is_active: StrictBool = True
    team_id: uuid.UUID
    match: RuleMatch


class RuleUpdate(BaseModel):
    """PATCH: the fields sent change; `match` is replaced as a whole."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"position": 5, "is_active": False, "match": {"keywords": ["refund"]}}]
        }
    )

    name: Name | None = Field(default=None, min_length=1, max_length=100)
    position: Position | None = None
    is_active: StrictBool | None = None
    team_id: uuid.UUID | None = None
    match: RuleMatch | None = None

    _not_null = reject_null("name", "position", "is_active", "team_id", "match")
