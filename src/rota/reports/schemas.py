import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rota.reports.measures import Bucket

Format = Literal["json", "csv"]


class TransferFigures(BaseModel):
    created: int = Field(examples=[42], description="Transfers created (handed over by the bot)")
    assigned: int = Field(
        examples=[40],
        description="First assignments (assigned, picked, or an offer accepted); later ones are "
        "in the agents report",
    )
    closed: int = Field(examples=[35], description="Transfers closed by people")
    resumed: int = Field(examples=[3], description="Transfers handed back to the bot")
    queue_length: int | None = Field(
        examples=[2],
        description="Transfers waiting for a first assignment at the end: created before it, and "
        "neither first assigned nor ended before it; for the bucket in progress, now; null for "
        "buckets that have not begun",
    )
    first_assignment_p50_seconds: float | None = Field(
        examples=[48.5],
        description="Median wait (first_assigned_at - transferred_at) of the first assignments "
        "counted here; null without any",
    )
    first_assignment_p90_seconds: float | None = Field(
        examples=[240.0], description="90th percentile of the same waits (linear interpolation)"
    )
    sla_met: int = Field(
        examples=[38],
        description="First assignments of transfers with a first-assignment deadline that was "
        "never marked breached",
    )
    sla_breached: int = Field(
        examples=[2],
        description="First-assignment deadlines marked breached (the `sla_breached` history line)",
    )
    sla_compliance: float | None = Field(
        examples=[0.95], description="sla_met / (sla_met + sla_breached); null when both are 0"
    )


class TransferBucket(TransferFigures):
    start: datetime = Field(examples=["2026-03-02T00:00:00-05:00"], description="In the report's time zone")
    end: datetime = Field(examples=["2026-03-03T00:00:00-05:00"])


class TransferReport(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    from_: datetime = Field(serialization_alias="from", examples=["2026-03-02T00:00:00-05:00"])
    to: datetime = Field(examples=["2026-03-09T00:00:00-04:00"])
    bucket: Bucket
    timezone: str = Field(examples=["America/New_York"])
    team_id: uuid.UUID | None = Field(description="null: the whole organization")
    as_of: datetime = Field(description="The moment the report was made (queue lengths are up to it)")
    buckets: list[TransferBucket]
    totals: TransferFigures = Field(
        description="The same over the whole period (queue_length: at its end, or now)"
    )


class TransferReportData(BaseModel):
    report: TransferReport


class AgentFigures(BaseModel):
    agent_id: uuid.UUID
    full_name: str = Field(examples=["Jane Smith"])
    email: str = Field(examples=["jane@example.com"])
    assigned: int = Field(
        examples=[25],
        description="Transfers given to the agent in the period (assigned by routing or people, "
        "picked, or offered and accepted), first assignments and later ones",
    )
    closed: int = Field(examples=[22], description="Transfers closed while the agent had them")
    resumed: int = Field(
        examples=[2], description="Transfers handed back to the bot while the agent had them"
    )
    median_handle_seconds: float | None = Field(
        examples=[612.0],
        description="Median of ended_at - assigned_at (since the transfer was given to them) of "
        "those closed and resumed",
    )
    held_seconds: float = Field(
        examples=[86400.0],
        description="Time the agent had transfers within the period, summed over the transfers "
        "(two at once for an hour: 7200); offers not yet accepted count",
    )
    average_concurrent: float | None = Field(
        examples=[1.5],
        description="held_seconds / the period's elapsed seconds (up to now): transfers held at "
        "once, on average; null for a period that has not begun",
    )
    capacity: int | None = Field(
        examples=[3],
        description="The agent's capacity now (theirs, or the organization's default); null: unlimited",
    )
    occupancy: float | None = Field(
        examples=[0.5], description="average_concurrent / capacity; null without a capacity"
    )


class AgentReport(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    from_: datetime = Field(serialization_alias="from")
    to: datetime
    team_id: uuid.UUID | None = Field(description="null: the whole organization")
    as_of: datetime
    agents: list[AgentFigures]


class AgentReportData(BaseModel):
    report: AgentReport
