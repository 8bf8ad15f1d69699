"""A shift run one step per call: ``hold`` holds the step (or the split in place) and a failure puts
back ``rollback_split``, the split from before the whole shift, in one write."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.colors import schedule
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._core.options import validate_shift_options
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import ShiftFailed, run_shift
from fakes import FakeClock, ScriptedGate

BEFORE_THE_SHIFT = {"blue": 100, "green": 0}
STEP_ONE = {"blue": 75, "green": 25}
STEP_TWO = {"blue": 50, "green": 50}


def make(alarm_when=None):
    clock = FakeClock()
    writes = []
    gate = ScriptedGate(clock, writes, alarm_when)
    return clock, writes, gate, lambda split: writes.append(dict(split))


def step(found, percent, clock, gate, write, hold=0, step_check=None):
    """One call of a stepped shift to green: ``found`` is the split the call reads."""
    return run_shift(
        found,
        schedule(found, "green", percent, []),
        "green",
        write,
        gate,
        hold=hold,
        rollback_split=BEFORE_THE_SHIFT,
        poller=clock.poller(5),
        step_check=step_check,
    )


def test_a_step_is_written_then_held():
    clock, writes, gate, write = make()
    assert step(STEP_ONE, 50, clock, gate, write, hold=12) == [50]
    assert writes == [STEP_TWO]
    # before the write, after it, then at 5, 10 and 12 s of the hold
    assert gate.checks == [0, 0, 5, 10, 12]


def test_a_split_in_place_is_only_held():
    clock, writes, gate, write = make()
    assert step(STEP_TWO, 50, clock, gate, write, hold=10) == []
    assert writes == [] and clock.now == 10
    assert gate.checks == [0, 5, 10]


def test_the_last_step_is_not_held_without_hold():
    clock, writes, gate, write = make()
    assert step(STEP_TWO, 100, clock, gate, write) == [100]
    assert clock.now == 0 and writes == [{"blue": 0, "green": 100}]


def test_an_alarm_during_a_later_step_puts_back_the_split_from_before_the_shift():
    clock, writes, gate, write = make(alarm_when=lambda w, now: now >= 7)
    with pytest.raises(ShiftFailed) as failure:
        step(STEP_ONE, 50, clock, gate, write, hold=30)
    assert writes == [STEP_TWO, BEFORE_THE_SHIFT], "the step, then one write back"
    assert failure.value.rolled_back is True and failure.value.split == BEFORE_THE_SHIFT
    assert failure.value.steps_applied == [50]
    assert "alarms in ALARM at 50% green: green-5xx; rolled back to blue 100%, green 0%" == failure.value.msg


def test_an_alarm_while_only_holding_puts_back_the_split_from_before_the_shift():
    clock, writes, gate, write = make(alarm_when=lambda w, now: now >= 3)
    with pytest.raises(ShiftFailed) as failure:
        step(STEP_TWO, 50, clock, gate, write, hold=30)
    assert writes == [BEFORE_THE_SHIFT]
    assert failure.value.rolled_back is True and failure.value.steps_applied == []


def test_an_alarm_before_a_later_step_puts_back_the_split_without_writing_the_step():
    clock, writes, gate, write = make(alarm_when=lambda w, now: True)
    with pytest.raises(ShiftFailed) as failure:
        step(STEP_ONE, 50, clock, gate, write, hold=30)
    assert writes == [BEFORE_THE_SHIFT]
    assert failure.value.alarms_in_alarm == ["green-5xx"] and "at 25% green" in failure.value.msg


def test_an_alarm_before_the_first_step_changes_nothing():
    clock, writes, gate, write = make(alarm_when=lambda w, now: True)
    with pytest.raises(ShiftFailed) as failure:
        step(BEFORE_THE_SHIFT, 25, clock, gate, write, hold=30)
    assert writes == [] and "nothing changed" in failure.value.msg


def test_the_step_check_runs_at_the_end_of_the_hold_only():
    checked = []

    def step_check(split):
        checked.append(dict(split))
        return "the A/B analysis failed"

    clock, writes, gate, write = make()
    assert step(STEP_ONE, 50, clock, gate, write) == [50] and checked == []
    clock, writes, gate, write = make()
    with pytest.raises(ShiftFailed) as failure:
        step(STEP_TWO, 50, clock, gate, write, hold=10, step_check=step_check)
    assert checked == [STEP_TWO] and clock.now == 10
    assert writes == [BEFORE_THE_SHIFT] and failure.value.msg.startswith("the A/B analysis failed at 50% green")


def options(**overrides):
    params = dict(shift_to="green", percent=50, steps=[], step_interval=60, alarms=[], rollback_on_failure=True)
    params.update(hold=0, rollback_split=None)
    params.update(overrides)
    return params


@pytest.mark.parametrize(
    "overrides, message",
    [
        (dict(hold=-1), "hold must be 0 or more seconds, got -1"),
        (dict(shift_to=None, hold=30), "hold given without shift_to"),
        (dict(shift_to=None, rollback_split=BEFORE_THE_SHIFT), "rollback_split given without shift_to"),
        (dict(rollback_split={"blue": 101, "green": 0}), "rollback_split.blue must be from 0 to 100, got 101"),
        (dict(rollback_split={"blue": 50, "green": 40}), "rollback_split must add up to 100%, got blue 50%, green 40%"),
    ],
)
def test_bad_step_options_name_the_option(overrides, message):
    with pytest.raises(InputError) as error:
        validate_shift_options(options(**overrides))
    assert str(error.value) == message


def test_good_step_options_pass():
    assert validate_shift_options(options(hold=30, rollback_split=BEFORE_THE_SHIFT)) == []
