"""Unit tests of the routing rules (rota.routing.rules): pure functions, no database.

The documented rules under test:

Eligible: member_role == "agent", is_active, is_available, and below capacity (None: unlimited,
0: nobody can take any). Reasons, checked in this order: not_agent_role, inactive, unavailable,
at_capacity. An `excluded` {user_id: reason} passed to choose() overrides with its reason.

round_robin    never had a turn first (earliest joined_at first), otherwise lowest last_turn;
               final tie by str(user_id).
load_balanced  fewest active_transfers; then never assigned first, then oldest last_assigned_at
               (never-assigned ties: earliest joined_at); then str(user_id).
manual         never chooses, still lists everyone considered.
"""

import itertools
import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from rota.routing.rules import AUTO_ASSIGNING, STRATEGIES, Candidate, Decision, choose, exclusion

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    """A fixed point in time, `minutes` after T0."""
    return T0 + timedelta(minutes=minutes)


def uid(n: int) -> uuid.UUID:
    """A fixed UUID; str order follows n (00000000-0000-0000-0000-00000000000n)."""
    return uuid.UUID(int=n)


def cand(**overrides) -> Candidate:
    """An eligible agent with no load, unlimited capacity, no turn and no assignment yet."""
    fields = {
        "user_id": uid(1),
        "full_name": "Alice",
        "member_role": "agent",
        "is_active": True,
        "is_available": True,
        "active_transfers": 0,
        "capacity": None,
        "last_turn": None,
        "joined_at": T0,
        "last_assigned_at": None,
    }
    fields.update(overrides)
    return Candidate(**fields)


def chosen_id(decision: Decision) -> uuid.UUID | None:
    return decision.chosen.user_id if decision.chosen else None


def reasons(decision: Decision) -> dict[uuid.UUID, str | None]:
    return {c.user_id: reason for c, reason in decision.considered}


# --- exclusion(): every reason alone ------------------------------------------------------


def test_default_candidate_is_eligible():
    assert exclusion(cand()) is None


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"member_role": "manager"}, "not_agent_role"),
        ({"member_role": "Agent"}, "not_agent_role"),  # exact role name only
        ({"member_role": ""}, "not_agent_role"),
        ({"is_active": False}, "inactive"),
        ({"is_available": False}, "unavailable"),
        ({"active_transfers": 3, "capacity": 3}, "at_capacity"),
    ],
    ids=["manager", "wrong-case-role", "empty-role", "inactive", "unavailable", "at-capacity"],
)
def test_each_exclusion_reason_alone(overrides, reason):
    assert exclusion(cand(**overrides)) == reason


# --- exclusion(): precedence when several apply --------------------------------------------


@pytest.mark.parametrize(
    ("not_agent", "inactive", "unavailable", "full"),
    list(itertools.product([False, True], repeat=4)),
)
def test_exclusion_precedence_over_every_combination(not_agent, inactive, unavailable, full):
    c = cand(
        member_role="manager" if not_agent else "agent",
        is_active=not inactive,
        is_available=not unavailable,
        active_transfers=2 if full else 1,
        capacity=2,
    )
    expected = next(
        (
            reason
            for applies, reason in [
                (not_agent, "not_agent_role"),
                (inactive, "inactive"),
                (unavailable, "unavailable"),
                (full, "at_capacity"),
            ]
            if applies
        ),
        None,
    )
    assert exclusion(c) == expected


def test_precedence_spelled_out():
    everything = {
        "member_role": "manager",
        "is_active": False,
        "is_available": False,
        "active_transfers": 1,
        "capacity": 1,
    }
    assert exclusion(cand(**everything)) == "not_agent_role"
    assert exclusion(cand(**{**everything, "member_role": "agent"})) == "inactive"
    assert exclusion(cand(**{**everything, "member_role": "agent", "is_active": True})) == "unavailable"
    assert (
        exclusion(cand(**{**everything, "member_role": "agent", "is_active": True, "is_available": True}))
        == "at_capacity"
    )


# --- capacity boundaries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("active", "capacity", "reason"),
    [
        (4, 5, None),  # capacity - 1: one more fits
        (5, 5, "at_capacity"),  # active == capacity
        (6, 5, "at_capacity"),  # over capacity (capacity lowered after the fact)
        (0, 1, None),
        (1, 1, "at_capacity"),
        (0, 0, "at_capacity"),  # capacity 0: nobody can take any
        (0, None, None),  # None: unlimited
        (10_000, None, None),
    ],
)
def test_capacity_boundaries(active, capacity, reason):
    assert exclusion(cand(active_transfers=active, capacity=capacity)) == reason


@pytest.mark.parametrize("strategy", AUTO_ASSIGNING)
def test_capacity_zero_for_everyone_means_nobody_is_chosen(strategy):
    team = [cand(user_id=uid(i), full_name=f"A{i}", capacity=0) for i in range(1, 4)]
    decision = choose(strategy, team)
    assert decision.chosen is None
    assert set(reasons(decision).values()) == {"at_capacity"}


@pytest.mark.parametrize("strategy", AUTO_ASSIGNING)
def test_capacity_minus_one_is_chosen_and_full_one_is_skipped(strategy):
    full = cand(user_id=uid(1), full_name="Full", active_transfers=2, capacity=2)
    room = cand(user_id=uid(2), full_name="Room", active_transfers=2, capacity=3)
    decision = choose(strategy, [full, room])
    assert chosen_id(decision) == uid(2)
    assert reasons(decision) == {uid(1): "at_capacity", uid(2): None}


def test_load_balanced_skips_a_less_loaded_member_at_capacity():
    small = cand(user_id=uid(1), full_name="Small", active_transfers=1, capacity=1)
    unlimited = cand(user_id=uid(2), full_name="Unlimited", active_transfers=7, capacity=None)
    assert chosen_id(choose("load_balanced", [small, unlimited])) == uid(2)


# --- round_robin tie-breaks ------------------------------------------------------------------


def test_round_robin_never_had_a_turn_comes_first():
    # the member with a turn has every other advantage: lowest ticket, joined first, lower id
    veteran = cand(user_id=uid(1), full_name="Veteran", last_turn=1, joined_at=at(0))
    newcomer = cand(user_id=uid(2), full_name="Newcomer", last_turn=None, joined_at=at(60))
    assert chosen_id(choose("round_robin", [veteran, newcomer])) == uid(2)


def test_round_robin_ticket_zero_still_counts_as_a_turn():
    had_turn_zero = cand(user_id=uid(1), full_name="Zero", last_turn=0)
    never = cand(user_id=uid(2), full_name="Never", last_turn=None)
    assert chosen_id(choose("round_robin", [had_turn_zero, never])) == uid(2)


def test_round_robin_never_had_a_turn_earliest_joined_first():
    early = cand(user_id=uid(9), full_name="Early", joined_at=at(0))
    late = cand(user_id=uid(1), full_name="Late", joined_at=at(5))
    assert chosen_id(choose("round_robin", [late, early])) == uid(9)


def test_round_robin_never_had_a_turn_same_join_time_lowest_user_id():
    a = cand(user_id=uid(2), full_name="A", joined_at=at(0))
    b = cand(user_id=uid(1), full_name="B", joined_at=at(0))
    assert chosen_id(choose("round_robin", [a, b])) == uid(1)


def test_round_robin_lowest_last_turn_wins():
    # the lowest ticket wins even though it joined last and has the highest id
    first = cand(user_id=uid(1), full_name="First", last_turn=8, joined_at=at(0))
    second = cand(user_id=uid(2), full_name="Second", last_turn=5, joined_at=at(10))
    third = cand(user_id=uid(3), full_name="Third", last_turn=3, joined_at=at(20))
    assert chosen_id(choose("round_robin", [first, second, third])) == uid(3)


def test_round_robin_equal_last_turn_and_join_time_lowest_user_id():
    a = cand(user_id=uid(5), full_name="A", last_turn=4, joined_at=at(0))
    b = cand(user_id=uid(3), full_name="B", last_turn=4, joined_at=at(0))
    assert chosen_id(choose("round_robin", [a, b])) == uid(3)


def test_round_robin_equal_last_turn_is_settled_by_user_id_not_join_time():
    # documented: "otherwise lowest last_turn; final tie by str(user_id)"; joined_at only
    # orders members who never had a turn
    low_id_joined_late = cand(user_id=uid(1), full_name="A", last_turn=4, joined_at=at(30))
    high_id_joined_early = cand(user_id=uid(2), full_name="B", last_turn=4, joined_at=at(0))
    assert chosen_id(choose("round_robin", [high_id_joined_early, low_id_joined_late])) == uid(1)


def test_round_robin_ignores_load_and_last_assignment():
    busy = cand(user_id=uid(1), full_name="Busy", last_turn=1, active_transfers=9, last_assigned_at=at(99))
    idle = cand(user_id=uid(2), full_name="Idle", last_turn=2, active_transfers=0, last_assigned_at=None)
    assert chosen_id(choose("round_robin", [busy, idle])) == uid(1)


def test_round_robin_skips_ineligible_member_whose_turn_it_is():
    due = cand(user_id=uid(1), full_name="Due", last_turn=1, is_available=False)
    next_up = cand(user_id=uid(2), full_name="Next", last_turn=2)
    assert chosen_id(choose("round_robin", [due, next_up])) == uid(2)


# --- load_balanced tie-breaks ----------------------------------------------------------------


def test_load_balanced_fewest_active_transfers_wins():
    # the loser has every other advantage: never assigned, joined first, lower id
    loaded = cand(user_id=uid(1), full_name="Loaded", active_transfers=3, joined_at=at(0))
    light = cand(
        user_id=uid(2), full_name="Light", active_transfers=2, joined_at=at(9), last_assigned_at=at(50)
    )
    assert chosen_id(choose("load_balanced", [loaded, light])) == uid(2)


def test_load_balanced_tie_never_assigned_first():
    # the assigned one was assigned before the newcomer even joined, and has the lower id
    assigned = cand(
        user_id=uid(1), full_name="Assigned", active_transfers=1, joined_at=at(0), last_assigned_at=at(1)
    )
    never = cand(
        user_id=uid(2), full_name="Never", active_transfers=1, joined_at=at(30), last_assigned_at=None
    )
    assert chosen_id(choose("load_balanced", [assigned, never])) == uid(2)


def test_load_balanced_tie_oldest_last_assignment_first():
    recent = cand(user_id=uid(1), full_name="Recent", last_assigned_at=at(40), joined_at=at(0))
    oldest = cand(user_id=uid(2), full_name="Oldest", last_assigned_at=at(10), joined_at=at(5))
    middle = cand(user_id=uid(3), full_name="Middle", last_assigned_at=at(20), joined_at=at(0))
    assert chosen_id(choose("load_balanced", [recent, oldest, middle])) == uid(2)


def test_load_balanced_tie_never_assigned_earliest_joined_first():
    late = cand(user_id=uid(1), full_name="Late", joined_at=at(20))
    early = cand(user_id=uid(2), full_name="Early", joined_at=at(10))
    assert chosen_id(choose("load_balanced", [late, early])) == uid(2)


def test_load_balanced_tie_same_assignment_time_lowest_user_id():
    a = cand(user_id=uid(7), full_name="A", last_assigned_at=at(5), joined_at=at(0))
    b = cand(user_id=uid(4), full_name="B", last_assigned_at=at(5), joined_at=at(3))
    assert chosen_id(choose("load_balanced", [a, b])) == uid(4)


def test_load_balanced_tie_never_assigned_same_join_time_lowest_user_id():
    a = cand(user_id=uid(7), full_name="A", joined_at=at(0))
    b = cand(user_id=uid(4), full_name="B", joined_at=at(0))
    assert chosen_id(choose("load_balanced", [a, b])) == uid(4)


def test_load_balanced_ignores_round_robin_turns():
    never_turn = cand(user_id=uid(1), full_name="NeverTurn", last_turn=None, active_transfers=2)
    old_turn = cand(user_id=uid(2), full_name="OldTurn", last_turn=50, active_transfers=1)
    assert chosen_id(choose("load_balanced", [never_turn, old_turn])) == uid(2)


def test_load_balanced_skips_idle_but_ineligible_members():
    team = [
        cand(user_id=uid(1), full_name="Manager", member_role="manager"),
        cand(user_id=uid(2), full_name="Gone", is_active=False),
        cand(user_id=uid(3), full_name="Away", is_available=False),
        cand(user_id=uid(4), full_name="Busy", active_transfers=5),
    ]
    assert chosen_id(choose("load_balanced", team)) == uid(4)


def test_str_user_id_order_is_used_for_ties():
    # str() of a UUID is lowercase hex, so "a..." sorts after "9..."
    nine = uuid.UUID("9fffffff-ffff-ffff-ffff-ffffffffffff")
    a = uuid.UUID("a0000000-0000-0000-0000-000000000000")
    for strategy in AUTO_ASSIGNING:
        team = [cand(user_id=a, full_name="A"), cand(user_id=nine, full_name="B")]
        assert chosen_id(choose(strategy, team)) == nine


# --- manual, empty, all excluded, unknown strategy ----------------------------------------------


def test_manual_never_chooses_but_lists_everyone_with_reasons():
    team = [
        cand(user_id=uid(1), full_name="Ready"),
        cand(user_id=uid(2), full_name="Away", is_available=False),
        cand(user_id=uid(3), full_name="Boss", member_role="manager"),
    ]
    decision = choose("manual", team)
    assert decision.strategy == "manual"
    assert decision.chosen is None
    assert [(c.user_id, reason) for c, reason in decision.considered] == [
        (uid(2), "unavailable"),
        (uid(3), "not_agent_role"),
        (uid(1), None),
    ]


def test_manual_applies_the_excluded_override_too():
    decision = choose("manual", [cand(user_id=uid(1))], excluded={uid(1): "declined"})
    assert decision.chosen is None
    assert reasons(decision) == {uid(1): "declined"}


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_empty_team(strategy):
    decision = choose(strategy, [])
    assert decision == Decision(strategy, None, [])
    assert decision.explain() == {"strategy": strategy, "chosen": None, "candidates": []}


@pytest.mark.parametrize("strategy", AUTO_ASSIGNING)
def test_everyone_excluded_means_nobody_is_chosen(strategy):
    team = [
        cand(user_id=uid(1), full_name="A", member_role="manager"),
        cand(user_id=uid(2), full_name="B", is_active=False),
        cand(user_id=uid(3), full_name="C", is_available=False),
        cand(user_id=uid(4), full_name="D", active_transfers=1, capacity=1),
    ]
    decision = choose(strategy, team)
    assert decision.chosen is None
    assert reasons(decision) == {
        uid(1): "not_agent_role",
        uid(2): "inactive",
        uid(3): "unavailable",
        uid(4): "at_capacity",
    }


@pytest.mark.parametrize("strategy", ["random", "", "Round_Robin", "round-robin", "MANUAL"])
def test_unknown_strategy_raises(strategy):
    with pytest.raises(ValueError):
        choose(strategy, [cand()])
    with pytest.raises(ValueError):
        choose(strategy, [])


def test_strategy_constants():
    assert set(STRATEGIES) == {"round_robin", "load_balanced", "manual"}
    assert set(AUTO_ASSIGNING) == {"round_robin", "load_balanced"}


# --- the `excluded` override ------------------------------------------------------------------


@pytest.mark.parametrize("strategy", AUTO_ASSIGNING)
def test_excluded_member_is_skipped_with_the_given_reason(strategy):
    # uid(1) would win either strategy on every count
    first = cand(user_id=uid(1), full_name="First", joined_at=at(0))
    second = cand(user_id=uid(2), full_name="Second", joined_at=at(1))
    decision = choose(strategy, [first, second], excluded={uid(1): "just_declined"})
    assert chosen_id(decision) == uid(2)
    assert reasons(decision) == {uid(1): "just_declined", uid(2): None}


def test_excluded_reason_overrides_the_members_own_reason():
    team = [
        cand(user_id=uid(1), full_name="A", is_active=False),
        cand(user_id=uid(2), full_name="B", member_role="manager"),
        cand(user_id=uid(3), full_name="C", active_transfers=2, capacity=2),
    ]
    excluded = {uid(1): "transferred_from", uid(2): "transferred_from", uid(3): "transferred_from"}
    decision = choose("round_robin", team, excluded=excluded)
    assert decision.chosen is None
    assert set(reasons(decision).values()) == {"transferred_from"}


@pytest.mark.parametrize("strategy", AUTO_ASSIGNING)
def test_excluding_every_eligible_member_means_nobody_is_chosen(strategy):
    team = [cand(user_id=uid(1), full_name="A"), cand(user_id=uid(2), full_name="B", is_available=False)]
    decision = choose(strategy, team, excluded={uid(1): "declined"})
    assert decision.chosen is None
    assert reasons(decision) == {uid(1): "declined", uid(2): "unavailable"}


@pytest.mark.parametrize("strategy", AUTO_ASSIGNING)
def test_excluded_ids_outside_the_team_change_nothing(strategy):
    team = [cand(user_id=uid(1), full_name="A"), cand(user_id=uid(2), full_name="B")]
    plain = choose(strategy, team)
    decision = choose(strategy, team, excluded={uid(99): "stranger"})
    assert decision == plain
    assert "stranger" not in reasons(decision).values()


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_excluded_none_and_empty_are_the_same_as_omitted(strategy):
    team = [cand(user_id=uid(1), full_name="A"), cand(user_id=uid(2), full_name="B", is_active=False)]
    assert (
        choose(strategy, team) == choose(strategy, team, excluded=None) == choose(strategy, team, excluded={})
    )


def test_excluded_dict_is_not_modified():
    excluded = {uid(1): "declined"}
    choose("round_robin", [cand(user_id=uid(1)), cand(user_id=uid(2), full_name="B")], excluded=excluded)
    assert excluded == {uid(1): "declined"}


# --- Decision.considered order and explain() ------------------------------------------------------


def test_considered_is_sorted_by_full_name_then_user_id_whatever_the_input_order():
    team = [
        cand(user_id=uid(3), full_name="Bob"),
        cand(user_id=uid(2), full_name="Alice"),
        cand(user_id=uid(4), full_name="Alice", is_active=False),
        cand(user_id=uid(1), full_name="Carol"),
    ]
    expected = [uid(2), uid(4), uid(3), uid(1)]
    for order in itertools.permutations(team):
        decision = choose("load_balanced", list(order))
        assert [c.user_id for c, _ in decision.considered] == expected


def test_explain_shape():
    ready = cand(
        user_id=uid(1),
        full_name="Bea",
        active_transfers=1,
        capacity=5,
        last_turn=7,
        last_assigned_at=at(1),
        joined_at=at(0),
    )
    full = cand(user_id=uid(2), full_name="Ann", active_transfers=3, capacity=3, last_turn=None)
    declined = cand(user_id=uid(3), full_name="Cid", last_turn=8)
    decision = choose("round_robin", [ready, full, declined], excluded={uid(3): "declined"})

    assert decision.explain() == {
        "strategy": "round_robin",
        "chosen": str(uid(1)),
        "candidates": [
            {
                "user_id": str(uid(2)),
                "full_name": "Ann",
                "eligible": False,
                "excluded_because": "at_capacity",
                "active_transfers": 3,
                "capacity": 3,
                "last_turn": None,
            },
            {
                "user_id": str(uid(1)),
                "full_name": "Bea",
                "eligible": True,
                "excluded_because": None,
                "active_transfers": 1,
                "capacity": 5,
                "last_turn": 7,
            },
            {
                "user_id": str(uid(3)),
                "full_name": "Cid",
                "eligible": False,
                "excluded_because": "declined",
                "active_transfers": 0,
                "capacity": None,
                "last_turn": 8,
            },
        ],
    }


def test_explain_with_nobody_chosen_and_json_types():
    decision = choose("manual", [cand(user_id=uid(1), full_name="Ann")])
    explained = decision.explain()
    assert explained["strategy"] == "manual"
    assert explained["chosen"] is None
    [entry] = explained["candidates"]
    assert entry["eligible"] is True
    assert entry["excluded_because"] is None
    assert isinstance(entry["user_id"], str)
    assert set(entry) == {
        "user_id",
        "full_name",
        "eligible",
        "excluded_because",
        "active_transfers",
        "capacity",
        "last_turn",
    }


# --- property-style checks over random teams (no extra dependencies) --------------------------


NAMES = ["Ann", "Bob", "Cid", "Dee", "Eve"]  # few names, so full_name ties happen


def random_team(rng: random.Random) -> list[Candidate]:
    size = rng.randint(0, 8)
    ids = set()
    while len(ids) < size:
        ids.add(uuid.UUID(int=rng.getrandbits(128)))
    team = []
    for user_id in sorted(ids):
        team.append(
            cand(
                user_id=user_id,
                full_name=rng.choice(NAMES),
                member_role=rng.choice(["agent", "agent", "agent", "manager"]),
                is_active=rng.random() < 0.85,
                is_available=rng.random() < 0.85,
                active_transfers=rng.randint(0, 5),
                capacity=rng.choice([None, None, 0, 1, 2, 3, 5]),
                last_turn=rng.choice([None, None, rng.randint(0, 6)]),  # small range: ties happen
                joined_at=at(rng.randint(0, 4)),
                last_assigned_at=rng.choice([None, at(rng.randint(0, 6))]),
            )
        )
    rng.shuffle(team)
    return team


def random_excluded(rng: random.Random, team: list[Candidate]) -> dict[uuid.UUID, str]:
    return {c.user_id: "declined" for c in team if rng.random() < 0.15}


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_property_chosen_is_always_eligible_and_considered_is_complete(strategy):
    rng = random.Random(20240301)
    for _ in range(300):
        team = random_team(rng)
        excluded = random_excluded(rng, team)
        decision = choose(strategy, team, excluded=excluded)

        expected = {c.user_id: excluded.get(c.user_id) or exclusion(c) for c in team}
        assert reasons(decision) == expected
        assert len(decision.considered) == len(team)
        keys = [(c.full_name, str(c.user_id)) for c, _ in decision.considered]
        assert keys == sorted(keys)

        eligible = [c for c in team if expected[c.user_id] is None]
        if strategy == "manual" or not eligible:
            assert decision.chosen is None
        else:
            assert decision.chosen in eligible
            assert exclusion(decision.chosen) is None
            assert decision.chosen.user_id not in excluded


def test_property_load_balanced_nobody_eligible_has_fewer_transfers():
    rng = random.Random(7)
    for _ in range(300):
        team = random_team(rng)
        decision = choose("load_balanced", team)
        eligible = [c for c, reason in decision.considered if reason is None]
        if not eligible:
            continue
        fewest = min(c.active_transfers for c in eligible)
        assert decision.chosen.active_transfers == fewest
        tied = [c for c in eligible if c.active_transfers == fewest]
        if any(c.last_assigned_at is None for c in tied):
            assert decision.chosen.last_assigned_at is None
        else:
            assert decision.chosen.last_assigned_at == min(c.last_assigned_at for c in tied)


def test_property_round_robin_prefers_never_had_a_turn_then_lowest_ticket():
    rng = random.Random(11)
    for _ in range(300):
        team = random_team(rng)
        decision = choose("round_robin", team)
        eligible = [c for c, reason in decision.considered if reason is None]
        if not eligible:
            continue
        never = [c for c in eligible if c.last_turn is None]
        if never:
            assert decision.chosen.last_turn is None
            assert decision.chosen.joined_at == min(c.joined_at for c in never)
        else:
            assert decision.chosen.last_turn == min(c.last_turn for c in eligible)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_property_same_input_same_choice_whatever_the_order(strategy):
    rng = random.Random(42)
    for _ in range(300):
        team = random_team(rng)
        excluded = random_excluded(rng, team)
        first = choose(strategy, team, excluded=excluded)
        for _ in range(3):
            shuffled = team[:]
            rng.shuffle(shuffled)
            again = choose(strategy, shuffled, excluded=excluded)
            assert chosen_id(again) == chosen_id(first)
            assert again.considered == first.considered
            assert again.explain() == first.explain()


def test_property_round_robin_is_fair_over_successive_assignments():
    rng = random.Random(1234)
    for _ in range(60):
        size = rng.randint(1, 8)
        team = {
            uid(i): cand(
                user_id=uid(i),
                full_name=rng.choice(NAMES),
                joined_at=at(rng.randint(0, 3)),
                last_turn=rng.choice([None, rng.randint(0, 4)]),  # some start with (tied) tickets
                active_transfers=rng.randint(0, 9),  # round robin must not care
                capacity=None,
            )
            for i in range(1, size + 1)
        }
        counts = dict.fromkeys(team, 0)
        ticket = 100  # above any starting ticket, increasing like the team's real ticket
        for _ in range(rng.randint(size, 5 * size)):
            decision = choose("round_robin", list(team.values()))
            winner = decision.chosen.user_id
            counts[winner] += 1
            ticket += 1
            team[winner] = cand(**{**vars(team[winner]), "last_turn": ticket})
            assert max(counts.values()) - min(counts.values()) <= 1


def test_round_robin_from_scratch_goes_in_join_order_then_repeats():
    joined = {uid(1): at(20), uid(2): at(0), uid(3): at(10)}
    team = {u: cand(user_id=u, full_name=f"A{i}", joined_at=t) for i, (u, t) in enumerate(joined.items())}
    order = []
    for ticket in range(1, 7):
        winner = choose("round_robin", list(team.values())).chosen.user_id
        order.append(winner)
        team[winner] = cand(**{**vars(team[winner]), "last_turn": ticket})
    assert order == [uid(2), uid(3), uid(1)] * 2


def test_property_load_balanced_evens_out_load_over_successive_assignments():
    rng = random.Random(99)
    for _ in range(60):
        size = rng.randint(1, 8)
        team = {
            uid(i): cand(user_id=uid(i), full_name=rng.choice(NAMES), joined_at=at(rng.randint(0, 3)))
            for i in range(1, size + 1)
        }
        for step in range(1, rng.randint(size, 5 * size) + 1):
            winner = choose("load_balanced", list(team.values())).chosen
            team[winner.user_id] = cand(
                **{
                    **vars(winner),
                    "active_transfers": winner.active_transfers + 1,
                    "last_assigned_at": at(100 + step),
                }
            )
            loads = [c.active_transfers for c in team.values()]
            assert max(loads) - min(loads) <= 1
