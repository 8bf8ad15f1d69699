"""The plan of a shift: one call per held step (and per slice of a long hold), or one call without holds."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.shift_steps import shift_steps

BLUE = {"blue": 100, "green": 0}


def calls(plan):
    return [(call["percent"], call["steps"], call["hold"], call["analyse"]) for call in plan]


@pytest.mark.parametrize(
    "start, steps, interval, expected",
    [
        (BLUE, [], 60, [(100, [], 0, True)]),  # all at once
        (BLUE, [25, 50], 0, [(100, [25, 50], 0, True)]),  # steps without holds: one call, as today
        ({"blue": 0, "green": 0}, [10], 60, [(100, [10], 0, True)]),  # no defined split to return to
        ({"blue": 0, "green": 100}, [10], 60, [(100, [], 0, True)]),  # nothing left (the module writes nothing)
    ],
)
def test_a_shift_without_held_steps_is_one_call(start, steps, interval, expected):
    plan = shift_steps(start, "green", steps, interval, 30)
    assert calls(plan) == expected
    assert plan[0]["rollback_split"] is None


def test_each_held_step_is_one_call_then_the_last_writes_100():
    plan = shift_steps(BLUE, "green", [10], 60, 60)
    assert calls(plan) == [(10, [], 60, True), (100, [], 0, False)]
    assert [call["label"] for call in plan] == [
        "step 1/2: blue 90% / green 10%, hold 60 s",
        "step 2/2: blue 0% / green 100%",
    ]
    assert all(call["rollback_split"] == BLUE for call in plan)


def test_a_long_hold_is_cut_into_slices_the_last_of_which_analyses():
    plan = shift_steps(BLUE, "green", [25, 50], 70, 30, analysis=True)
    assert calls(plan) == [
        (25, [], 30, False),
        (25, [], 30, False),
        (25, [], 10, True),
        (50, [], 30, False),
        (50, [], 30, False),
        (50, [], 10, True),
        (100, [], 0, False),
    ]
    assert [call["label"] for call in plan[:3]] == [
        "step 1/3: blue 75% / green 25%, hold 30/70 s",
        "step 1/3: blue 75% / green 25%, hold 60/70 s",
        "step 1/3: blue 75% / green 25%, hold 70/70 s, then the A/B analysis",
    ]


def test_progress_interval_0_holds_each_step_in_one_call():
    assert calls(shift_steps(BLUE, "green", [50], 600, 0)) == [(50, [], 600, True), (100, [], 0, False)]


def test_a_stopped_shift_resumes_after_the_steps_reached_and_keeps_their_numbers():
    start = {"blue": 50, "green": 50}
    plan = shift_steps(start, "blue", [25, 50, 75], 10, 30)
    assert calls(plan) == [(75, [], 10, True), (100, [], 0, False)]
    assert plan[0]["label"] == "step 3/4: blue 75% / green 25%, hold 10 s"
    assert plan[-1]["label"] == "step 4/4: blue 100% / green 0%"
    assert plan[0]["rollback_split"] == start


def test_the_labels_of_one_call():
    assert shift_steps(BLUE, "green", [], 60)[0]["label"] == "blue 0% / green 100%"
    assert shift_steps(BLUE, "green", [25, 50], 0)[0]["label"] == "green 25% -> 50% -> 100%, not held"


@pytest.mark.parametrize(
    "args, message",
    [
        (({"blue": "100"}, "green", [], 0), "expects a split"),
        ((BLUE, "red", [], 0), "shift_to must be blue or green"),
        ((BLUE, "green", [10], -1), "step_interval must be an integer, 0 or more"),
        ((BLUE, "green", [10], 60, "30"), "progress_interval must be an integer"),
        ((BLUE, "green", ["10"], 60), "steps must be an integer"),
    ],
)
def test_bad_arguments(args, message):
    with pytest.raises(AnsibleFilterError, match=message):
        shift_steps(*args)
