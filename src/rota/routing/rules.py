"""The selection rules: which eligible agent member gets the next transfer. Pure, no I/O.

round_robin    the eligible agent whose last turn in this team is oldest; those who never had a
               turn come first (earliest to join the team first); remaining ties by user id.
load_balanced  the eligible agent with the fewest active transfers across all teams; ties to
               the one whose last assignment (any team) is oldest, never-assigned first; then
               by user id.
manual         nobody: the transfer waits in the team queue to be picked.

Eligible: a member with the team role `agent`, whose user is active, available and not in an
absence, below their capacity (None: unlimited; offers count), and with every skill the transfer
requires at its level or above. Everyone else is left out, with the reason recorded; the
strategies run among the eligible only.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rota.schedules.hours import Hours
from rota.teams.models import Strategy
from rota.users.models import AgentState

STRATEGIES = tuple(Strategy)
AUTO_ASSIGNING = (Strategy.ROUND_ROBIN, Strategy.LOAD_BALANCED)


@dataclass(frozen=True, slots=True)
class RoutingTeam:
    """What routing needs of a team, read with its lock (and its schedule's hours)."""

    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    assignment_strategy: str
    is_active: bool
    overflow_policy: str
    fallback_team_id: uuid.UUID | None
    overflow_after_seconds: int | None
    sticky_agent_hours: int | None
    sla_first_assignment_seconds: int | None
    sla_resolution_seconds: int | None
    accept_timeout_seconds: int | None
    missed_offer_sets_away: bool
    skills_relax_after_seconds: int | None
    hours: Hours | None


@dataclass(frozen=True)
class Candidate:
    user_id: uuid.UUID
    full_name: str
    member_role: str
    is_active: bool
    is_available: bool
    active_transfers: int
    capacity: int | None
    last_turn: int | None  # round-robin ticket in this team; None: never had a turn
    joined_at: datetime
    last_assigned_at: datetime | None  # last assignment in any team
    state: str = AgentState.AVAILABLE  # why they are not available, when they are not
    absent: bool = False  # in an absence now
    skills: dict[str, int] = field(default_factory=dict)  # skill -> level


@dataclass(frozen=True)
class Decision:
    strategy: str
    chosen: Candidate | None
    # every member considered, with the reason they were left out (None: eligible)
    considered: list[tuple[Candidate, str | None]] = field(default_factory=list)
    # the contact's previous agent the team prefers, and whether they got it (or why not)
    sticky: dict[str, Any] | None = None
    required_skills: dict[str, int] | None = None

    def explain(self) -> dict:
        return {
            "strategy": self.strategy,
            "chosen": str(self.chosen.user_id) if self.chosen else None,
            **({"required_skills": self.required_skills} if self.required_skills else {}),
            "candidates": [
                {
                    "user_id": str(c.user_id),
                    "full_name": c.full_name,
                    "eligible": reason is None,
                    "excluded_because": reason,
                    "active_transfers": c.active_transfers,
                    "capacity": c.capacity,
                    "last_turn": c.last_turn,
                    **(
                        {"missing_skills": missing_skills(c, self.required_skills)}
                        if reason == "missing_skills"
                        else {}
                    ),
                }
                for c, reason in self.considered
            ],
            **({"sticky": self.sticky} if self.sticky is not None else {}),
        }


def missing_skills(c: Candidate, required: dict[str, int] | None) -> list[str]:
    """The required skills the candidate lacks, or has below the level required."""
    return sorted(name for name, level in (required or {}).items() if c.skills.get(name, 0) < level)


def exclusion(c: Candidate, required: dict[str, int] | None = None) -> str | None:
    """Why this member may not be given a transfer (requiring these skills) now, or None."""
    if c.member_role != "agent":
        return "not_agent_role"
    if not c.is_active:
        return "inactive"
    if c.absent:
        return "absent"
    if not c.is_available:
        return "busy" if c.state == AgentState.BUSY else "unavailable"
    if c.capacity is not None and c.active_transfers >= c.capacity:
        return "at_capacity"
    if missing_skills(c, required):
        return "missing_skills"
    return None


def _round_robin_key(c: Candidate) -> tuple:
    if c.last_turn is None:  # never had a turn: first, in the order they joined
        return (0, 0, c.joined_at.timestamp(), str(c.user_id))
    return (1, c.last_turn, 0.0, str(c.user_id))


def _load_key(c: Candidate) -> tuple:
    never = c.last_assigned_at is None
    return (c.active_transfers, not never, c.last_assigned_at or c.joined_at, str(c.user_id))


def choose(
    strategy: str,
    candidates: list[Candidate],
    excluded: dict[uuid.UUID, str] | None = None,
    preferred: uuid.UUID | None = None,
    required: dict[str, int] | None = None,
) -> Decision:
    """The decision for one transfer. `excluded` leaves out more people, with a reason
    (for instance the agent a transfer was just taken from, or who declined it). `required`:
    the skills (and least levels) the transfer requires. `preferred` (the contact's previous
    agent, for a sticky team) gets it when they are eligible and the strategy assigns at all;
    otherwise the strategy decides, and the decision says why the preference did not hold."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}")
    excluded = excluded or {}
    considered = [(c, excluded.get(c.user_id) or exclusion(c, required)) for c in candidates]
    considered.sort(key=lambda pair: (pair[0].full_name, str(pair[0].user_id)))
    eligible = [c for c, reason in considered if reason is None]
    sticky = None
    if preferred is not None:
        why = next((reason for c, reason in considered if c.user_id == preferred), "not_a_member")
        if strategy == Strategy.MANUAL:
            why = why or "manual_strategy"
        sticky = {"agent_id": str(preferred), "applied": why is None, "excluded_because": why}
        if why is None:
            chosen = next(c for c in eligible if c.user_id == preferred)
            return Decision(strategy, chosen, considered, sticky, required)
    if strategy == Strategy.MANUAL or not eligible:
        return Decision(strategy, None, considered, sticky, required)
    key = _round_robin_key if strategy == Strategy.ROUND_ROBIN else _load_key
    return Decision(strategy, min(eligible, key=key), considered, sticky, required)
