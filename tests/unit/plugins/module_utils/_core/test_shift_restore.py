"""The engine's hooks for routers whose write carries more than the split (Route 53 records)."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.colors import schedule
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import ShiftFailed, WriteUnconfirmed, run_shift

START = {"blue": 100, "green": 0}


class Gate:
    def __init__(self, alarm_after_writes=None):
        self.alarm_after_writes = alarm_after_writes
        self.writes = 0

    def in_alarm(self):
        if self.alarm_after_writes is not None and self.writes >= self.alarm_after_writes:
            return ["green-5xx"]
        return []


def test_rollback_goes_through_restore_when_given():
    gate = Gate(alarm_after_writes=1)
    calls = []

    def write(split):
        gate.writes += 1
        calls.append(("write", dict(split)))

    def restore(split):
        calls.append(("restore", dict(split)))

    with pytest.raises(ShiftFailed) as failure:
        run_shift(START, schedule(START, "green", 100, [10]), "green", write, gate, restore=restore)
    assert calls == [("write", {"blue": 90, "green": 10}), ("restore", START)]
    assert failure.value.rolled_back is True
    assert failure.value.split == START


def test_without_restore_the_rollback_is_a_write():
    gate = Gate(alarm_after_writes=1)
    calls = []

    def write(split):
        gate.writes += 1
        calls.append(dict(split))

    with pytest.raises(ShiftFailed):
        run_shift(START, schedule(START, "green", 100, [10]), "green", write, gate)
    assert calls == [{"blue": 90, "green": 10}, START]


def test_an_unconfirmed_write_counts_as_written_and_is_rolled_back():
    calls = []

    def write(split):
        calls.append(("write", dict(split)))
        raise WriteUnconfirmed("change C1 is still PENDING after 300 seconds")

    def restore(split):
        calls.append(("restore", dict(split)))

    with pytest.raises(ShiftFailed) as failure:
        run_shift(START, schedule(START, "green", 100, [10]), "green", write, Gate(), restore=restore)
    assert calls == [("write", {"blue": 90, "green": 10}), ("restore", START)]
    assert failure.value.steps_applied == [10]
    assert failure.value.rolled_back is True
    assert "still PENDING" in failure.value.msg


def test_an_unconfirmed_write_without_rollback_reports_where_it_was_left():
    def write(split):
        raise WriteUnconfirmed("not in sync")

    with pytest.raises(ShiftFailed) as failure:
        run_shift(START, schedule(START, "green", 100, []), "green", write, Gate(), rollback_on_failure=False)
    assert failure.value.split == {"blue": 0, "green": 100}
    assert failure.value.steps_applied == [100]
    assert "left at blue 0%, green 100%" in failure.value.msg


def test_a_failed_write_is_not_counted():
    def write(split):
        raise RuntimeError("throttled")

    with pytest.raises(ShiftFailed) as failure:
        run_shift(START, schedule(START, "green", 100, []), "green", write, Gate())
    assert failure.value.split == START
    assert failure.value.steps_applied == []
    assert failure.value.rolled_back is False
