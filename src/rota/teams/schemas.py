import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from rota.schemas import Name, PageInfo, reject_null
from rota.teams.models import MemberRole, OverflowPolicy, Strategy
from rota.users.models import AgentState

Seconds = Annotated[StrictInt, Field(ge=1, le=30 * 24 * 3600)]
Hours = Annotated[StrictInt, Field(ge=1, le=365 * 24)]
AcceptSeconds = Annotated[StrictInt, Field(ge=1, le=3600)]


class TeamOut(BaseModel):
    id: uuid.UUID
    name: str = Field(examples=["Sales Team"])
    description: str | None = Field(examples=["Handles sales inquiries"])
    assignment_strategy: Strategy
    is_active: bool
    member_count: int = Field(examples=[5])
    schedule_id: uuid.UUID | None = Field(description="Support hours; null: always open")
    is_open: bool = Field(description="Open now by its schedule")
    next_change_at: datetime | None = Field(description="When it next opens or closes")
    overflow_policy: OverflowPolicy = Field(
        description="Out of hours, or after overflow_after_seconds waiting: wait, or move to fallback_team_id"
    )
    fallback_team_id: uuid.UUID | None
    overflow_after_seconds: int | None = Field(examples=[300])
    sticky_agent_hours: int | None = Field(
        description="Prefer the contact's agent of the last this many hours, when they may take it now; "
        "null: the strategy alone decides",
        examples=[24],
    )
    sla_first_assignment_seconds: int | None = Field(
        description="Target for the first assignment, in open hours", examples=[120]
    )
    sla_resolution_seconds: int | None = Field(
        description="Target for ending the transfer, in open hours", examples=[3600]
    )
    accept_timeout_seconds: int | None = Field(
        description="Automatic assignments are offers the agent accepts within this time, or the "
        "next eligible agent gets it; null: assignments need no acceptance",
        examples=[60],
    )
    missed_offer_sets_away: bool = Field(description="An agent who lets an offer lapse is made away")
    skills_relax_after_seconds: int | None = Field(
        description="After waiting this long, a transfer's required skills are dropped; null: never",
        examples=[300],
    )
    created_at: datetime
    updated_at: datetime


class MemberOut(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    full_name: str = Field(examples=["John Doe"])
    email: str = Field(examples=["john@example.com"])
    role: MemberRole
    is_available: bool = Field(description="The user is active and has set themselves available")
    state: AgentState
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


class TeamUserList(BaseModel):
    users: list[MemberOut]


class TeamCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Support Team",
                    "description": "Handles customer support inquiries",
                    "assignment_strategy": "load_balanced",
                    "is_active": True,
                }
            ]
        }
    )

    name: Name = Field(min_length=1, max_length=100)
    description: StrictStr | None = Field(default=None, max_length=1000)
    assignment_strategy: Strategy = Strategy.ROUND_ROBIN
    is_active: StrictBool = True
    schedule_id: uuid.UUID | None = None
    overflow_policy: OverflowPolicy = OverflowPolicy.WAIT
    fallback_team_id: uuid.UUID | None = None
    overflow_after_seconds: Seconds | None = None
    sticky_agent_hours: Hours | None = None
    sla_first_assignment_seconds: Seconds | None = None
    sla_resolution_seconds: Seconds | None = None
    accept_timeout_seconds: AcceptSeconds | None = None
    missed_offer_sets_away: StrictBool = False
    skills_relax_after_seconds: Seconds | None = None


class TeamUpdate(BaseModel):
    """PUT and PATCH alike: the fields sent change, the fields omitted stay as they are."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Support Team",
                    "description": "Updated description",
                    "assignment_strategy": "manual",
                    "is_active": True,
                }
            ]
        }
    )

    name: Name | None = Field(default=None, min_length=1, max_length=100)
    description: StrictStr | None = Field(default=None, max_length=1000)
    assignment_strategy: Strategy | None = None
    is_active: StrictBool | None = None
    schedule_id: uuid.UUID | None = None
    overflow_policy: OverflowPolicy | None = None
    fallback_team_id: uuid.UUID | None = None
    overflow_after_seconds: Seconds | None = None
    sticky_agent_hours: Hours | None = None
    sla_first_assignment_seconds: Seconds | None = None
    sla_resolution_seconds: Seconds | None = None
    accept_timeout_seconds: AcceptSeconds | None = None
    missed_offer_sets_away: StrictBool | None = None
    skills_relax_after_seconds: Seconds | None = None

    _not_null = reject_null(
        "name", "assignment_strategy", "is_active", "overflow_policy", "missed_offer_sets_away"
    )


class TeamStats(BaseModel):
    queue_length: int = Field(description="Transfers waiting in the team queue", examples=[4])
    oldest_wait_seconds: float | None = Field(examples=[95.5])
    available_agents: int = Field(description="Agents who could take a transfer now", examples=[2])
    assignments_last_hour: int = Field(examples=[18])
    median_time_to_assignment_seconds: float | None = Field(
        description="Today (UTC), from hand-over to first assignment", examples=[42.0]
    )
    is_open: bool


class TeamStatsData(BaseModel):
    stats: TeamStats


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"role": "manager"}]})

    role: MemberRole


class UserChoice(BaseModel):
    id: uuid.UUID
    full_name: str = Field(examples=["John Doe"])
    email: str = Field(examples=["john@example.com"])
    role: str = Field(description="The user's role in the organization", examples=["agent"])


class UserChoices(PageInfo):
    users: list[UserChoice]


class MemberCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"user_id": "0b8f6c1e-2f0a-4c7e-9d55-3c1f0e9a7b21", "role": "agent"}]}
    )

    user_id: uuid.UUID
    role: MemberRole = MemberRole.AGENT
