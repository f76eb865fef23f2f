import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from rota import clock
from rota.audit import service as audit
from rota.auth.principal import Principal
from rota.db.engine import flush_or
from rota.errors import Conflict, found
from rota.schedules import hours, repository
from rota.schedules.models import Schedule
from rota.schedules.schemas import ScheduleCreate, ScheduleOut, ScheduleUpdate


def state(schedule: Schedule | None, now: datetime | None = None) -> tuple[bool, datetime | None]:
    """(is_open, next_change_at) now; no schedule means always open."""
    return hours.state(schedule.hours if schedule else None, now or clock.now())


def out(schedule: Schedule) -> ScheduleOut:
    is_open, next_change_at = state(schedule)
    return ScheduleOut.model_validate(
        {
            "id": schedule.id,
            "name": schedule.name,
            "timezone": schedule.timezone,
            "weekly": schedule.weekly,
            "exceptions": schedule.exceptions,
            "is_open": is_open,
            "next_change_at": next_change_at,
            "created_at": schedule.created_at,
            "updated_at": schedule.updated_at,
        }
    )


def _name_taken() -> Conflict:
    return Conflict("A schedule with this name already exists.", code="schedule_name_taken")


async def get_schedule(session: AsyncSession, principal: Principal, schedule_id: uuid.UUID) -> Schedule:
    return found(
        await repository.get(session, principal.organization_id, schedule_id),
        "No such schedule.",
        "schedule_not_found",
    )


async def schedules_by_id(session: AsyncSession, ids: list[uuid.UUID | None]) -> dict[uuid.UUID, Schedule]:
    return await repository.by_ids(session, ids)


async def list_schedules(
    session: AsyncSession, principal: Principal, offset: int, limit: int
) -> tuple[list[Schedule], int]:
    return await repository.page(session, principal.organization_id, offset, limit)


async def create_schedule(session: AsyncSession, principal: Principal, data: ScheduleCreate) -> Schedule:
    key = data.name.casefold()
    if await repository.by_name(session, principal.organization_id, key) is not None:
        raise _name_taken()
    fields = data.model_dump(mode="json")
    schedule = Schedule(organization_id=principal.organization_id, name_key=key, **fields)
    session.add(schedule)
    await flush_or(session, _name_taken())
    await audit.record(session, principal, "schedule.created", "schedule", schedule.id, fields)
    return schedule


async def update_schedule(
    session: AsyncSession, principal: Principal, schedule_id: uuid.UUID, data: ScheduleUpdate
) -> Schedule:
    schedule = await get_schedule(session, principal, schedule_id)
    changes: dict[str, Any] = data.model_dump(mode="json", exclude_unset=True)
    if "name" in changes:
        other = await repository.by_name(session, schedule.organization_id, changes["name"].casefold())
        if other is not None and other.id != schedule.id:
            raise _name_taken()
        schedule.name_key = changes["name"].casefold()
    diff = {
        f: {"from": getattr(schedule, f), "to": v} for f, v in changes.items() if getattr(schedule, f) != v
    }
    for field, value in changes.items():
        setattr(schedule, field, value)
    if diff:
        await flush_or(session, _name_taken())
        await audit.record(session, principal, "schedule.updated", "schedule", schedule.id, diff)
    return schedule


async def delete_schedule(session: AsyncSession, principal: Principal, schedule_id: uuid.UUID) -> None:
    schedule = await get_schedule(session, principal, schedule_id)
    used = await repository.teams_using(session, schedule.id)
    if used:
        raise Conflict(f"Teams use this schedule: {', '.join(sorted(used))}.", code="schedule_in_use")
    await audit.record(
        session, principal, "schedule.deleted", "schedule", schedule.id, {"name": schedule.name}
    )
    await session.delete(schedule)
    await session.flush()
