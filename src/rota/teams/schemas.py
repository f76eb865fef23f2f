import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from rota.schemas import Name, PageInfo, reject_null

Strategy = Literal["round_robin", "load_balanced", "manual"]
MemberRole = Literal["manager", "agent"]


class TeamOut(BaseModel):
    id: uuid.UUID
    name: str = Field(examples=["Sales Team"])
    description: str | None = Field(examples=["Handles sales inquiries"])
    assignment_strategy: Strategy
    is_active: bool
    member_count: int = Field(examples=[5])
    created_at: datetime
    updated_at: datetime


class MemberOut(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    full_name: str = Field(examples=["John Doe"])
    email: str = Field(examples=["john@example.com"])
    role: MemberRole
    is_available: bool = Field(description="The user is active and has set themselves available")
    last_assigned_at: datetime | None
    created_at: datetime


class TeamDetail(TeamOut):
    members: list[MemberOut]


class TeamData(BaseModel):
    team: TeamOut


class TeamDetailData(BaseModel):
    team: TeamDetail


class TeamList(PageInfo):
    teams: list[TeamOut]


class MemberData(BaseModel):
    member: MemberOut


class MemberList(BaseModel):
    members: list[MemberOut]


class UserList(BaseModel):
    users: list[MemberOut]


class TeamCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "Support Team", "description": "Handles customer support inquiries",
        "assignment_strategy": "load_balanced", "is_active": True,
    }]})

    name: Name = Field(min_length=1, max_length=100)
    description: StrictStr | None = Field(default=None, max_length=1000)
    assignment_strategy: Strategy = "round_robin"
    is_active: StrictBool = True


class TeamUpdate(BaseModel):
    """PUT and PATCH alike: the fields sent change, the fields omitted stay as they are."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "Support Team", "description": "Updated description",
        "assignment_strategy": "manual", "is_active": True,
    }]})

    name: Name | None = Field(default=None, min_length=1, max_length=100)
    description: StrictStr | None = Field(default=None, max_length=1000)
    assignment_strategy: Strategy | None = None
    is_active: StrictBool | None = None

    _not_null = reject_null("name", "assignment_strategy", "is_active")


class MemberCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"user_id": "0b8f6c1e-2f0a-4c7e-9d55-3c1f0e9a7b21", "role": "agent"}]})

    user_id: uuid.UUID
    role: MemberRole = "agent"
