import csv
import io
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import AwareDatetime

from rota.auth.dependencies import CurrentPrincipal, Session
from rota.http import TransactionalRoute
from rota.reports import service
from rota.reports.measures import MAX_BUCKETS, Bucket
from rota.reports.schemas import (
    AgentFigures,
    AgentReportData,
    Format,
    TransferReportData,
)
from rota.schedules.schemas import TimeZone
from rota.schemas import Envelope, answer, errors

router = APIRouter(route_class=TransactionalRoute, tags=["reports"])

WHO = (
    "Admins: the organization (without `team_id`) or any of its teams; a team's managers: "
    "that team (`team_id` required). A transfer belongs to the team it is in now (or ended in): "
    "one moved to another team counts, with its whole history, in its last team."
)
FORMATS = (
    "JSON in the envelope, or CSV (one header row, then a row per bucket or agent) with "
    "`?format=csv` or `Accept: text/csv`."
)
TRANSFER_COLUMNS = (
    "start",
    "end",
    "created",
    "assigned",
    "closed",
    "resumed",
    "queue_length",
    "first_assignment_p50_seconds",
    "first_assignment_p90_seconds",
    "sla_met",
    "sla_breached",
    "sla_compliance",
)
AGENT_COLUMNS = tuple(AgentFigures.model_fields)


def _csv_response(columns: Sequence[str], rows: Iterable[dict[str, Any]], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _wants_csv(request: Request, format: Format | None) -> bool:
    """`format` decides; without it, whichever of text/csv and application/json the Accept
    header prefers (by q, then order); JSON when it names neither."""
    if format is not None:
        return format == "csv"
    ranked = []
    for position, part in enumerate(request.headers.get("accept", "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() not in ("text/csv", "application/json"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, media.lower()))
    return bool(ranked) and min(ranked)[2] == "text/csv"


def _csv_example(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    example = ",".join(columns) + "\r\n" + ",".join(map(str, row)) + "\r\n"
    return {
        "content": {"text/csv": {"schema": {"type": "string"}, "example": example}},
        "description": "The report (CSV with `?format=csv` or `Accept: text/csv`)",
    }


def _stamp(at: datetime) -> str:
    return at.strftime("%Y%m%dT%H%M")


From = Annotated[
    AwareDatetime,
    Query(
        alias="from",
        description="The period's start (included), with its zone",
        examples=["2026-03-02T00:00:00-05:00"],
    ),
]
To = Annotated[
    AwareDatetime,
    Query(description="The period's end (excluded), with its zone", examples=["2026-03-09T00:00:00-04:00"]),
]
TeamQuery = Annotated[
    uuid.UUID | None, Query(description="A team; without it, the whole organization (admins)")
]
FormatQuery = Annotated[Format | None, Query(description="json or csv (else the Accept header decides)")]


@router.get(
    "/api/reports/transfers",
    response_model=Envelope[TransferReportData],
    responses={
        200: _csv_example(
            TRANSFER_COLUMNS,
            (
                "2026-03-02T00:00:00-05:00",
                "2026-03-03T00:00:00-05:00",
                42,
                40,
                35,
                3,
                2,
                48.5,
                240.0,
                38,
                2,
                0.95,
            ),
        ),
        **errors(401, 403, 404, 422),
    },
    summary="Transfers over a period, by hour or day: created, assigned, ended, queue, waits, SLA",
    description=(
        "The period `[from, to)` in buckets of the time zone's hours or days (days start at local "
        f"midnight; a day can last 23 or 25 hours when clocks change). The first bucket starts at "
        f"`from`, the last ends at `to`; every bucket is listed, zeros included (at most "
        f"{MAX_BUCKETS}). Each figure is described in the answer's schema; `totals` has them over "
        f"the whole period. The SLA figures are of the first-assignment deadline "
        f"(`sla_first_assignment_seconds`). {WHO} {FORMATS}"
    ),
)
async def transfers_report(
    request: Request,
    principal: CurrentPrincipal,
    session: Session,
    from_: From,
    to: To,
    bucket: Annotated[Bucket, Query(description="hour or day")] = "day",
    tz: Annotated[TimeZone, Query(description="An IANA time zone")] = "UTC",
    team_id: TeamQuery = None,
    format: FormatQuery = None,
) -> Response:
    report = await service.transfers_report(
        session, principal, start=from_, end=to, bucket=bucket, timezone=tz, team_id=team_id
    )
    if not _wants_csv(request, format):
        return answer(TransferReportData(report=report))
    scope = f"team-{team_id}" if team_id else "organization"
    return _csv_response(
        TRANSFER_COLUMNS,
        (b.model_dump(mode="json") for b in report.buckets),
        f"transfers-{scope}-{_stamp(report.from_)}-{_stamp(report.to)}-{bucket}.csv",
    )


@router.get(
    "/api/reports/agents",
    response_model=Envelope[AgentReportData],
    responses={
        200: _csv_example(
            AGENT_COLUMNS,
            (uuid.UUID(int=1), "Jane Smith", "jane@example.com", 25, 22, 2, 612.0, 86400.0, 1.5, 3, 0.5),
        ),
        **errors(401, 403, 404, 422),
    },
    summary="What each agent did over a period: assignments, endings, handle time, occupancy",
    description=(
        "The period `[from, to)`. Listed: the team's agents (without `team_id`, the organization's "
        "active agents) and everyone with a figure in the period, by name. An agent holds a "
        "transfer from the history line that gives it to them (assigned, picked, offered) until "
        "the next line that takes it from them, or until it ends; `held_seconds` sums that time "
        "within the period over their transfers, `average_concurrent` divides it by the period's "
        "elapsed time (up to now) and `occupancy` by their capacity as well. "
        f"{WHO} {FORMATS}"
    ),
)
async def agents_report(
    request: Request,
    principal: CurrentPrincipal,
    session: Session,
    from_: From,
    to: To,
    team_id: TeamQuery = None,
    format: FormatQuery = None,
) -> Response:
    report = await service.agents_report(session, principal, start=from_, end=to, team_id=team_id)
    if not _wants_csv(request, format):
        return answer(AgentReportData(report=report))
    scope = f"team-{team_id}" if team_id else "organization"
    return _csv_response(
        AGENT_COLUMNS,
        (a.model_dump(mode="json") for a in report.agents),
        f"agents-{scope}-{_stamp(report.from_)}-{_stamp(report.to)}.csv",
    )
