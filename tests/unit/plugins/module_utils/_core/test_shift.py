import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.colors import schedule
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._core.options import validate_shift_options
from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import Progress
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import ShiftFailed, WritePending, run_shift
from fakes import FakeClock, ScriptedGate

START = {"blue": 100, "green": 0}


def make(alarm_when=None, fail_on_write=None):
    clock = FakeClock()
    writes = []
    attempts = []

    def write(split):
        attempts.append(split)
        if len(attempts) - 1 == fail_on_write:
            raise RuntimeError("throttled")
        writes.append(dict(split))

    gate = ScriptedGate(clock, writes, alarm_when)
    return clock, writes, gate, write


def shift(writes_splits, write, gate, clock, **kwargs):
    return run_shift(
        START, writes_splits, "green", write, gate, poller=clock.poller(kwargs.pop("poll_seconds", 5)), **kwargs
    )


def test_canary_writes_each_step_and_holds():
    clock, writes, gate, write = make()
    applied = shift(schedule(START, "green", 100, [10]), write, gate, clock, step_interval=12, poll_seconds=5)
    assert applied == [10, 100]
    assert writes == [{"blue": 90, "green": 10}, {"blue": 0, "green": 100}]
    # checked before the first write, after step one, at 5 s, 10 s and 12 s of the hold, after the last step
    assert gate.checks == [0, 0, 5, 10, 12, 12]


def test_no_hold_after_the_last_step():
    clock, writes, gate, write = make()
    shift(schedule(START, "green", 100, []), write, gate, clock, step_interval=60)
    assert clock.now == 0
    assert len(writes) == 1


def test_alarm_before_first_write_changes_nothing():
    clock, writes, gate, write = make(alarm_when=lambda w, now: True)
    with pytest.raises(ShiftFailed) as failure:
        shift(schedule(START, "green", 100, [10]), write, gate, clock)
    assert writes == []
    assert failure.value.rolled_back is False
    assert failure.value.split == START
    assert failure.value.alarms_in_alarm == ["green-5xx"]


def test_alarm_during_hold_restores_start_with_one_write():
    clock, writes, gate, write = make(alarm_when=lambda w, now: now >= 7)
    with pytest.raises(ShiftFailed) as failure:
        shift(schedule(START, "green", 100, [10]), write, gate, clock, step_interval=30, poll_seconds=5)
    assert writes == [{"blue": 90, "green": 10}, START]
    assert failure.value.rolled_back is True
    assert failure.value.split == START
    assert failure.value.steps_applied == [10]
    assert "rolled back to blue 100%" in failure.value.msg
    assert clock.now == 10  # stopped at the first check after the alarm, not at the end of the hold


def test_alarm_without_rollback_leaves_the_split():
    clock, writes, gate, write = make(alarm_when=lambda w, now: w >= 1)
    with pytest.raises(ShiftFailed) as failure:
        shift(schedule(START, "green", 100, [10]), write, gate, clock, rollback_on_failure=False)
    assert writes == [{"blue": 90, "green": 10}]
    assert failure.value.rolled_back is False
    assert failure.value.split == {"blue": 90, "green": 10}


def test_failed_write_rolls_back():
    clock, writes, gate, write = make(fail_on_write=1)
    with pytest.raises(ShiftFailed) as failure:
        shift(schedule(START, "green", 100, [10]), write, gate, clock)
    assert writes == [{"blue": 90, "green": 10}, START]
    assert failure.value.rolled_back is True
    assert "throttled" in failure.value.msg


def test_failed_first_write_needs_no_rollback():
    clock, writes, gate, write = make(fail_on_write=0)
    with pytest.raises(ShiftFailed) as failure:
        shift(schedule(START, "green", 100, [10]), write, gate, clock)
    assert writes == []
    assert failure.value.rolled_back is False


def test_undefined_start_is_not_restored():
    clock, writes, gate, write = make(alarm_when=lambda w, now: w >= 1)
    undefined = {"blue": 0, "green": 0}
    with pytest.raises(ShiftFailed) as failure:
        run_shift(undefined, [{"blue": 0, "green": 100}], "green", write, gate, poller=clock.poller())
    assert writes == [{"blue": 0, "green": 100}]
    assert failure.value.rolled_back is False


def options(**overrides):
    params = dict(shift_to="green", percent=100, steps=[], step_interval=0, alarms=[], rollback_on_failure=True)
    params.update(overrides)
    return params


@pytest.mark.parametrize(
    "overrides, option",
    [
        (dict(percent=101), "percent"),
        (dict(step_interval=-1), "step_interval"),
        (dict(shift_to=None, steps=[10]), "steps"),
        (dict(steps=[50, 20]), "steps"),
    ],
)
def test_validate_shift_options_names_the_option(overrides, option):
    with pytest.raises(InputError, match=option):
        validate_shift_options(options(**overrides))


# A write whose wait reached the end of the call's slice (WritePending)


def pending_writes(pending_at):
    """A write that records every split and raises WritePending at the writes numbered in ``pending_at``."""
    writes, waited_out = [], []

    def write(split):
        writes.append(dict(split))
        if len(writes) - 1 in pending_at:
            progress = Progress(False, "not in sync yet")
            raise WritePending(progress, "/change/C%d" % len(writes), lambda: waited_out.append(len(writes)))

    return writes, waited_out, write


def test_a_last_write_still_pending_ends_the_call_with_the_split_written_and_nothing_held_or_undone():
    clock, _writes, gate, _write = make()
    writes, waited_out, write = pending_writes({1})
    with pytest.raises(WritePending) as pending:
        shift(schedule(START, "green", 100, [10]), write, gate, clock, step_interval=12, hold=30)
    assert writes == [{"blue": 90, "green": 10}, {"blue": 0, "green": 100}], "no write puts the start back"
    assert pending.value.split == {"blue": 0, "green": 100} and pending.value.steps_applied == [10, 100]
    assert pending.value.change_id == "/change/C2" and waited_out == []
    assert clock.now == 12, "the first step was held, the last one is held by the next call"


def test_an_earlier_write_still_pending_is_waited_out_in_the_same_call():
    clock, _writes, gate, _write = make()
    writes, waited_out, write = pending_writes({0})
    applied = shift(schedule(START, "green", 100, [10]), write, gate, clock)
    assert applied == [10, 100] and len(writes) == 2
    assert waited_out == [1], "the wait for the first write went on before its hold and the next write"
