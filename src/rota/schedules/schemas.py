import uuid
from datetime import date, datetime
from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator

from rota.schedules.hours import DAYS
from rota.schemas import Name, PageInfo, matching, reject_null

Day = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CLOCK = r"([01]\d|2[0-3]):[0-5]\d|24:00"
ClockTime = Annotated[
    StrictStr,
    Field(examples=["09:00"], json_schema_extra={"pattern": f"^({_CLOCK})$"}),
    matching(_CLOCK, "a time of day as HH:MM, from 00:00 to 24:00"),
]


# the IANA names, not whatever the machine's zone files hold ("localtime", "posixrules", ...)
_ZONES = frozenset(available_timezones()) - {"localtime", "posixrules", "Factory"}


def _zone(name: str) -> str:
    if name not in _ZONES:
        raise ValueError("not an IANA time zone (such as Europe/Berlin)")
    return name


TimeZone = Annotated[StrictStr, Field(min_length=1, max_length=64), AfterValidator(_zone)]


class Range(BaseModel):
    start: ClockTime
    end: ClockTime = Field(description="At or before start: the range runs past midnight")


class WeeklyRange(Range):
    day: Day


class ScheduleException(BaseModel):
    date: date
    closed: StrictBool = False
    ranges: list[Range] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _closed_or_ranges(self) -> "ScheduleException":
        if self.closed and self.ranges:
            raise ValueError("a closed day has no ranges")
        if not self.closed and not self.ranges:
            raise ValueError("give ranges (special hours) or closed: true (a holiday)")
        return self


def _unique_dates(items: list[ScheduleException]) -> list[ScheduleException]:
    if len({e.date for e in items}) != len(items):
        raise ValueError("each date may have one exception")
    return items


Exceptions = Annotated[list[ScheduleException], Field(max_length=400), AfterValidator(_unique_dates)]
Weekly = Annotated[list[WeeklyRange], Field(max_length=70)]


class ScheduleCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Berlin office",
                    "timezone": "Europe/Berlin",
                    "weekly": [{"day": d, "start": "09:00", "end": "17:00"} for d in DAYS[:5]],
                    "exceptions": [
                        {"date": "2026-12-25", "closed": True},
                        {"date": "2026-12-24", "ranges": [{"start": "09:00", "end": "12:00"}]},
                    ],
                }
            ]
        }
    )

    name: Name = Field(min_length=1, max_length=100)
    timezone: TimeZone
    weekly: Weekly = Field(default_factory=list)
    exceptions: Exceptions = Field(default_factory=list)


class ScheduleUpdate(BaseModel):
    """PATCH and PUT: the fields sent are replaced whole; omitted fields stay."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"timezone": "America/New_York"}]})

    name: Name | None = Field(default=None, min_length=1, max_length=100)
    timezone: TimeZone | None = None
    weekly: Weekly | None = None
    exceptions: Exceptions | None = None

    _not_null = reject_null("name", "timezone", "weekly", "exceptions")


class ScheduleOut(BaseModel):
    id: uuid.UUID
    name: str = Field(examples=["Berlin office"])
    timezone: str = Field(examples=["Europe/Berlin"])
    weekly: list[WeeklyRange]
    exceptions: list[ScheduleException]
    is_open: bool
    next_change_at: datetime | None = Field(description="When it next opens or closes")
    created_at: datetime
    updated_at: datetime


class ScheduleData(BaseModel):
    schedule: ScheduleOut


class ScheduleList(PageInfo):
    schedules: list[ScheduleOut]
