import uuid
from datetime import datetime, timedelta

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StrictStr,
    field_validator,
    model_validator,
)

from rota.schemas import Name, OrmModel, PageInfo, Skills, reject_null
from rota.users.models import AgentState, Role

Password = StrictStr


class UserOut(OrmModel):
    id: uuid.UUID
    organization_id: uuid.UUID
    email: str = Field(examples=["jane@example.com"])
    full_name: str = Field(examples=["Jane Smith"])
    role: Role
    is_active: bool
    is_available: bool = Field(description="Whether the agent is given work now: state is available")
    state: AgentState = Field(description="available, busy (keeps work, gets none), away or offline")
    max_active_transfers: int | None = Field(
        description="Most concurrent active transfers; null uses the organization default",
        examples=[5],
    )
    skills: dict[str, int] = Field(
        description="Skill -> level (1-10); transfers that require skills go to agents who have them",
        examples=[{"language:es": 3, "product:billing": 5}],
    )
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None


class UserData(BaseModel):
    user: UserOut


class UserList(PageInfo):
    users: list[UserOut]


class Person(BaseModel):
    """Someone of the organization as every member may see them (the console's names)."""

    id: uuid.UUID
    full_name: str = Field(examples=["Jane Smith"])
    role: Role
    state: AgentState = Field(description="As they show: in an absence, away")
    is_available: bool


class Directory(PageInfo):
    people: list[Person]


def _a_person(role: Role | None) -> Role | None:
    if role == Role.SERVICE:
        raise ValueError("service accounts are made with POST /api/service-accounts")
    return role


class UserCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "jane@example.com",
                    "full_name": "Jane Smith",
                    "password": "a long passphrase",
                    "role": "agent",
                }
            ]
        }
    )

    email: EmailStr = Field(max_length=254)
    full_name: Name = Field(min_length=1, max_length=200)
    password: Password = Field(min_length=8, max_length=256)
    role: Role = Role.AGENT
    is_active: StrictBool = True
    is_available: StrictBool = True
    max_active_transfers: int | None = Field(default=None, ge=0, le=10_000, strict=True)
    skills: Skills = Field(default_factory=dict)

    _person = field_validator("role")(classmethod(lambda cls, role: _a_person(role)))


class UserUpdate(BaseModel):
    """PATCH: only the fields sent change."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"role": "manager"}]})

    email: EmailStr | None = Field(default=None, max_length=254)
    full_name: Name | None = Field(default=None, min_length=1, max_length=200)
    password: Password | None = Field(default=None, min_length=8, max_length=256)
    role: Role | None = None
    is_active: StrictBool | None = None
    is_available: StrictBool | None = Field(default=None, description="true: available; false: away")
    state: AgentState | None = None
    max_active_transfers: int | None = Field(default=None, ge=0, le=10_000, strict=True)
    skills: Skills | None = Field(default=None, description="Replaces the user's skills ({}: none)")

    _not_null = reject_null(
        "email", "full_name", "password", "role", "is_active", "is_available", "state", "skills"
    )
    _person = field_validator("role")(classmethod(lambda cls, role: _a_person(role)))


class AvailabilityIn(BaseModel):
    """Either `is_available` (true: available, false: away) or `state`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"is_available": False},
                {"state": "busy"},
                {"state": "away", "keep_transfers": True},
            ]
        }
    )

    is_available: StrictBool | None = None
    state: AgentState | None = None
    keep_transfers: StrictBool | None = Field(
        default=None,
        description="Going away or offline: keep your transfers (true) or give them back to their "
        "queues (false); unset: the organization's away_keeps_transfers",
    )

    _not_null = reject_null("is_available", "state", "keep_transfers")

    @model_validator(mode="after")
    def _one_of(self) -> "AvailabilityIn":
        if (self.is_available is None) == (self.state is None):
            raise ValueError("send either is_available or state")
        return self


class AvailabilityOut(BaseModel):
    is_available: bool
    transfers_returned: int = Field(
        description="Transfers of the caller that went back to their queues", examples=[0]
    )


OFFLINE_AFTER_DISCONNECT = (
    "Automatic presence: an available or busy agent whose last live event stream (GET /api/events) "
    "has been gone this many seconds (and at least two of the servers' presence heartbeats) becomes "
    "offline, once (audited with cause connection_lost); their transfers go back to the queues "
    "unless away_keeps_transfers. Agents who never opened a stream are left alone; reconnecting does "
    "not make an agent available, they switch back themselves. 1 to 86400; null: off"
)


class OrganizationOut(OrmModel):
    id: uuid.UUID
    name: str = Field(examples=["Acme Support"])
    default_max_active_transfers: int | None = Field(
        description="Capacity of agents without their own max_active_transfers; null: unlimited",
        examples=[5],
    )
    allow_private_webhook_targets: bool = Field(
        description="Webhooks may target loopback, private, link-local or reserved addresses",
        examples=[False],
    )
    away_keeps_transfers: bool = Field(
        description="An agent who goes away or offline keeps their transfers (false: they go back "
        "to their queues); each change may say otherwise",
        examples=[False],
    )
    busy_may_pick: bool = Field(
        description="Busy agents may still pick work from the queues", examples=[True]
    )
    offline_after_disconnect_seconds: int | None = Field(
        description=OFFLINE_AFTER_DISCONNECT,
        examples=[120],
    )
    created_at: datetime


class OrganizationData(BaseModel):
    organization: OrganizationOut


class OrganizationUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"default_max_active_transfers": 5}]})

    name: Name | None = Field(default=None, min_length=1, max_length=200)
    default_max_active_transfers: int | None = Field(default=None, ge=0, le=10_000, strict=True)
    allow_private_webhook_targets: StrictBool | None = None
    away_keeps_transfers: StrictBool | None = None
    busy_may_pick: StrictBool | None = None
    offline_after_disconnect_seconds: int | None = Field(
        default=None, ge=1, le=86_400, strict=True, description=OFFLINE_AFTER_DISCONNECT
    )

    _not_null = reject_null("name", "allow_private_webhook_targets", "away_keeps_transfers", "busy_may_pick")


class AbsenceIn(BaseModel):
    """A time the agent is away: from `starts_at` until `ends_at` (times with their zone)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"starts_at": "2026-12-24T00:00:00Z", "ends_at": "2026-12-27T00:00:00Z", "reason": "Holiday"}
            ]
        }
    )

    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: StrictStr | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _in_order(self) -> "AbsenceIn":
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.ends_at - self.starts_at > timedelta(days=366):
            raise ValueError("an absence lasts at most 366 days")
        return self


class AbsenceOut(OrmModel):
    id: uuid.UUID
    user_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    reason: str | None
    created_at: datetime


class AbsenceData(BaseModel):
    absence: AbsenceOut


class AbsenceList(BaseModel):
    absences: list[AbsenceOut]
