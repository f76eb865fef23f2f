"""Reports: who may see which, the period's checks, and the figures (rota.reports.measures
defines them; PostgreSQL aggregates them in SQL, SQLite's rows are counted in Python)."""

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.auth.principal import Principal
from rota.errors import Forbidden, ValidationFailed
from rota.reports import measures, repository
from rota.reports.measures import MAX_BUCKETS, AgentTally, Bucket, TransferTally
from rota.reports.schemas import (
    AgentFigures,
    AgentReport,
    TransferBucket,
    TransferFigures,
    TransferReport,
)
from rota.teams import service as teams
from rota.teams.models import MemberRole


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(
        f"Invalid input: {field}: {message}", errors=[{"field": field, "message": message}]
    )


def _period(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """[start, end) in UTC, if it is one (422 otherwise)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    for field, at in (("from", start), ("to", end)):
        if not measures.EARLIEST <= at <= measures.LATEST:
            raise _invalid(field, "must be between 2000-01-01 and 3000-01-01 (UTC)")
    if end <= start:
        raise _invalid("to", "must be after from")
    return start, end


async def _may_report(session: AsyncSession, principal: Principal, team_id: uuid.UUID | None) -> None:
    """Admins: the organization or any of its teams; a team's managers: that team (404 for a
    team of another organization, 403 for the others)."""
    if team_id is not None:
        await teams.get_in_org(session, principal, team_id)
        if principal.is_admin:
            return
        if await repository.team_role(session, team_id, principal.user_id) != MemberRole.MANAGER:
            raise Forbidden(
                "Only admins and this team's managers may see its reports.", code="team_manager_required"
            )
    elif not principal.is_admin:
        raise Forbidden(
            "Only admins may see the organization's reports; a team's managers ask for their team "
            "with team_id.",
            code="admin_required",
        )


def _figures(tally: TransferTally, k: int | None, queue_length: int | None) -> dict:
    """One bucket's figures (k), or the whole period's (None)."""

    def count(values: list[int]) -> int:
        return values[k] if k is not None else sum(values)

    p50 = tally.p50[k] if k is not None else tally.total_p50
    p90 = tally.p90[k] if k is not None else tally.total_p90
    met, breached = count(tally.sla_met), count(tally.sla_breached)
    return {
        "created": count(tally.created),
        "assigned": count(tally.assigned),
        "closed": count(tally.closed),
        "resumed": count(tally.resumed),
        "queue_length": queue_length,
        "first_assignment_p50_seconds": measures.seconds(p50),
        "first_assignment_p90_seconds": measures.seconds(p90),
        "sla_met": met,
        "sla_breached": breached,
        "sla_compliance": measures.compliance(met, breached),
    }


async def transfers_report(
    session: AsyncSession,
    principal: Principal,
    *,
    start: datetime,
    end: datetime,
    bucket: Bucket,
    timezone: str,
    team_id: uuid.UUID | None,
) -> TransferReport:
    start, end = _period(start, end)
    zone = ZoneInfo(timezone)
    starts = measures.bucket_starts(start, end, bucket, zone)
    if starts is None:
        raise _invalid(
            "to", f"the period has more than {MAX_BUCKETS} {bucket} buckets: shorten it or use larger buckets"
        )
    await _may_report(session, principal, team_id)
    now = clock.now()
    org_id = principal.organization_id
    if repository.in_database(session):
        tally = await repository.transfer_counts(session, org_id, team_id, starts, end)
    else:
        rows = await repository.transfer_rows(session, org_id, team_id, start, end)
        tally = measures.tally_transfers(rows, starts, end)
    lengths = tally.queue_lengths(starts, now)
    ends = [*starts[1:], end]
    buckets = [
        TransferBucket(start=s.astimezone(zone), end=e.astimezone(zone), **_figures(tally, k, lengths[k]))
        for k, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]
    current = [length for length in lengths if length is not None]
    return TransferReport(
        from_=start.astimezone(zone),
        to=end.astimezone(zone),
        bucket=bucket,
        timezone=timezone,
        team_id=team_id,
        as_of=now,
        buckets=buckets,
        totals=TransferFigures(**_figures(tally, None, current[-1] if current else None)),
    )


async def agents_report(
    session: AsyncSession,
    principal: Principal,
    *,
    start: datetime,
    end: datetime,
    team_id: uuid.UUID | None,
) -> AgentReport:
    start, end = _period(start, end)
    await _may_report(session, principal, team_id)
    now = clock.now()
    org_id = principal.organization_id
    if repository.in_database(session):
        counts = await repository.agent_counts(session, org_id, team_id, start, end, now)
    else:
        lines = await repository.history_lines(session, org_id, team_id, start, end)
        ended = await repository.ended_rows(session, org_id, team_id, start, end)
        counts = measures.tally_agents(lines, ended, start, end, now)
    elapsed = (min(end, now) - start).total_seconds()
    rows = []
    for agent_id, full_name, email, capacity in await repository.agents(
        session, org_id, team_id, list(counts)
    ):
        figures = counts.get(agent_id) or AgentTally()
        concurrent = figures.held_seconds / elapsed if elapsed > 0 else None
        rows.append(
            AgentFigures(
                agent_id=agent_id,
                full_name=full_name,
                email=email,
                assigned=figures.assigned,
                closed=figures.closed,
                resumed=figures.resumed,
                median_handle_seconds=measures.seconds(figures.median_handle_seconds),
                held_seconds=round(figures.held_seconds, 3),
                average_concurrent=None if concurrent is None else round(concurrent, 4),
                capacity=capacity,
                occupancy=None if concurrent is None or not capacity else round(concurrent / capacity, 4),
            )
        )
    return AgentReport(from_=start, to=end, team_id=team_id, as_of=now, agents=rows)
