"""The shift engine's companions: the lease kept while the traffic moves, and the check at the end of each held step."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.colors import schedule
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import Lease, LeaseLost, ShiftFailed, run_shift
from fakes import FakeClock, ScriptedGate

START = {"blue": 100, "green": 0}


class Renewals:
    """A lease's ``renew``: records when it was called; lost from the ``lost_at``-th call on."""

    def __init__(self, clock, lost_at=None):
        self.clock = clock
        self.lost_at = lost_at
        self.times = []

    def __call__(self):
        self.times.append(self.clock())
        if self.lost_at is not None and len(self.times) >= self.lost_at:
            raise LeaseLost("the release lock of app shop is no longer held by run-1")


def setting(lost_at=None, ttl=30):
    clock = FakeClock()
    writes = []
    renewals = Renewals(clock, lost_at)
    lease = Lease(renewals, ttl, clock)
    gate = ScriptedGate(clock, writes)
    return clock, writes, renewals, lease, gate


def shift(clock, writes, gate, steps, **kwargs):
    return run_shift(
        START,
        schedule(START, "green", 100, steps),
        "green",
        lambda split: writes.append(dict(split)),
        gate,
        poller=clock.poller(5),
        **kwargs,
    )


def test_the_lease_is_renewed_before_every_write_and_during_a_long_hold():
    clock, writes, renewals, lease, gate = setting(ttl=30)
    assert shift(clock, writes, gate, [10, 50], step_interval=40, lease=lease) == [10, 50, 100]
    # Before each of the 3 writes, and every 10 s (a third of the ttl) while each 40 s step is held.
    assert renewals.times == [0, 10, 20, 30, 40, 40, 50, 60, 70, 80, 80]
    assert lease.renewals == len(renewals.times)


def test_a_lost_lease_stops_the_shift_without_writing_not_even_the_restore():
    clock, writes, renewals, lease, gate = setting(lost_at=3, ttl=30)
    with pytest.raises(ShiftFailed) as failure:
        shift(clock, writes, gate, [10, 50], step_interval=40, lease=lease)
    assert writes == [{"blue": 90, "green": 10}], "the step written before the loss, and nothing after"
    assert failure.value.rolled_back is False and failure.value.split == {"blue": 90, "green": 10}
    assert "no longer held by run-1" in failure.value.msg and "without writing anything more" in failure.value.msg


def test_a_lease_lost_before_the_first_write_changes_nothing():
    clock, writes, renewals, lease, gate = setting(lost_at=1)
    with pytest.raises(ShiftFailed) as failure:
        shift(clock, writes, gate, [10], step_interval=5, lease=lease)
    assert writes == [] and failure.value.split == START and failure.value.steps_applied == []


def test_the_step_check_runs_at_the_end_of_each_held_step_only():
    clock, writes, _renewals, _lease, gate = setting()
    checked = []

    def check(split):
        checked.append((dict(split), clock()))
        return None

    shift(clock, writes, gate, [10, 50], step_interval=12, step_check=check)
    assert checked == [({"blue": 90, "green": 10}, 12), ({"blue": 50, "green": 50}, 24)]
    checked.clear()
    shift(clock, writes, gate, [10], step_interval=0, step_check=check)
    assert checked == [], "no held step: nothing to check"


def test_a_failed_step_check_returns_the_traffic_in_one_write():
    clock, writes, _renewals, _lease, gate = setting()
    with pytest.raises(ShiftFailed) as failure:
        shift(clock, writes, gate, [10, 50], step_interval=12, step_check=lambda split: "the A/B analysis failed (X)")
    assert writes == [{"blue": 90, "green": 10}, START]
    assert failure.value.rolled_back is True and failure.value.steps_applied == [10]
    assert failure.value.msg.startswith("the A/B analysis failed (X) at 10% green; rolled back to blue 100%")


def test_keep_if_due_renews_a_third_of_the_ttl_after_the_last_renewal():
    clock = FakeClock()
    renewals = Renewals(clock)
    lease = Lease(renewals, 30, clock)
    lease.keep_if_due()
    clock.now = 9.9
    lease.keep_if_due()
    clock.now = 10
    lease.keep_if_due()
    assert renewals.times == [0, 10]
