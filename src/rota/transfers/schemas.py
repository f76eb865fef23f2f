import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from rota.schemas import OrmModel, Skills
from rota.transfers.models import Status


class ContactBrief(OrmModel):
    """Who the transfer is about, so lists need no second request per contact."""

    id: uuid.UUID
    name: str = Field(examples=["Maria Lopez"])
    phone_number: str | None = Field(examples=["+34600111222"])
    email: str | None = Field(examples=["maria@example.com"])
    external_id: str | None = Field(examples=["crm-4411"])


class TransferOut(OrmModel):
    id: uuid.UUID
    contact_id: uuid.UUID
    contact: ContactBrief | None = Field(default=None, description="The contact, in brief")
    team_id: uuid.UUID | None
    agent_id: uuid.UUID | None
    status: Status
    notes: str | None = Field(examples=["Customer needs help with order #12345"])
    source: str | None = Field(examples=["whatsapp_bot"])
    priority: int = Field(examples=[0])
    transferred_at: datetime
    assigned_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
    created_by_id: uuid.UUID | None
    queued_at: datetime | None = Field(description="When it entered its current queue")
    first_assigned_at: datetime | None
    first_assignment_due_at: datetime | None = Field(description="SLA: first assignment due")
    resolution_due_at: datetime | None = Field(description="SLA: to be ended by")
    first_assignment_breached_at: datetime | None
    resolution_breached_at: datetime | None
    sla_breached: bool
    offer_expires_at: datetime | None = Field(
        description="While offered to its agent (not yet accepted): when the offer lapses"
    )
    required_skills: dict[str, int] | None = Field(
        description="Skills its agent must have, at these levels or above", examples=[{"language:es": 3}]
    )
    skills_relaxed_at: datetime | None = Field(
        description="When its team stopped waiting for the required skills (any agent may have it)"
    )
    passed_by: dict[str, str] | None = Field(
        description="Agents who declined it or let its offer lapse (id: declined | offer_lapsed); "
        "it is not offered to them again",
        examples=[{"5f0c2a7e-1b3d-4e6f-8a9b-0c1d2e3f4a5b": "offer_lapsed"}],
    )
    queue_position: int | None = Field(
        default=None, description="1 for the next to be taken; only while waiting", examples=[3]
    )
    estimated_wait_seconds: float | None = Field(
        default=None, description="From the team's assignments of the last hour; while waiting"
    )
    out_of_hours: bool = Field(default=False, description="Its team is closed now")
    opens_at: datetime | None = Field(default=None, description="When its closed team opens")


class TransferData(BaseModel):
    transfer: TransferOut | None


class TransferList(BaseModel):
    transfers: list[TransferOut]
    general_queue_count: int = Field(examples=[3])
    team_queue_counts: dict[str, int] = Field(examples=[{"team-uuid-1": 5, "team-uuid-2": 2}])
    total_count: int = Field(description="Transfers matching the filters", examples=[12])
    page: int
    limit: int


class TransferEventOut(OrmModel):
    id: uuid.UUID
    seq: int
    type: str = Field(examples=["assigned"])
    actor_id: uuid.UUID | None
    team_id: uuid.UUID | None
    agent_id: uuid.UUID | None
    details: dict[str, Any] = Field(
        examples=[
            {
                "strategy": "round_robin",
                "chosen": "5f0c…",
                "candidates": [
                    {
                        "user_id": "5f0c…",
                        "full_name": "Jane Smith",
                        "eligible": True,
                        "excluded_because": None,
                        "active_transfers": 1,
                        "capacity": 5,
                        "last_turn": 7,
                    },
                    {
                        "user_id": "9a1d…",
                        "full_name": "John Doe",
                        "eligible": False,
                        "excluded_because": "unavailable",
                        "active_transfers": 0,
                        "capacity": None,
                        "last_turn": 8,
                    },
                ],
            }
        ]
    )
    created_at: datetime


class TransferEvents(BaseModel):
    events: list[TransferEventOut]


class TransferCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "contact_id": "0b8f6c1e-2f0a-4c7e-9d55-3c1f0e9a7b21",
                    "team_id": "6a3e1f70-8c4d-4a8e-b1f2-2d9c0e7a5b13",
                    "notes": "Customer needs help with order #12345",
                }
            ]
        }
    )

    contact_id: uuid.UUID
    team_id: uuid.UUID | None = None
    agent_id: uuid.UUID | None = None
    notes: StrictStr | None = Field(default=None, max_length=5000)
    source: StrictStr | None = Field(default=None, min_length=1, max_length=50)
    priority: StrictInt = Field(default=0, ge=0, le=100, description="Higher is served first")
    required_skills: Skills | None = Field(
        default=None,
        description="Only agents with these skills, at these levels or above, are given it (until "
        "its team's skills_relax_after_seconds)",
    )


class TransferAssign(BaseModel):
    """`agent_id`: give it to that agent (null: back to its queue). `team_id`: move it to that
    team (null: to the general queue), where the team's strategy runs."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"agent_id": "5f0c2a7e-1b3d-4e6f-8a9b-0c1d2e3f4a5b"},
                {"team_id": "6a3e1f70-8c4d-4a8e-b1f2-2d9c0e7a5b13"},
                {"agent_id": None},
            ]
        }
    )

    agent_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None


class CandidateOut(BaseModel):
    user_id: uuid.UUID
    full_name: str = Field(examples=["Jane Smith"])
    state: str = Field(examples=["available"])
    active_transfers: int
    capacity: int | None
    eligible: bool = Field(description="May be given the transfer now")
    excluded_because: str | None = Field(
        description="Why not: not_agent_role, inactive, absent, busy, unavailable, at_capacity",
        examples=["at_capacity"],
    )
    current: bool = Field(description="Has it now")


class Candidates(BaseModel):
    candidates: list[CandidateOut]
