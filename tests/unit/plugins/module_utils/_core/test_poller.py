import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import (
    NoWaitPoller,
    Poller,
    Progress,
    WaitFailed,
    poller_for,
    slice_result,
)
from fakes import FakeClock, FakeModule


def looks(*answers):
    """A look that returns ``answers`` in turn and counts its calls."""
    remaining = list(answers)
    calls = []

    def look():
        calls.append(1)
        return remaining.pop(0)

    look.calls = calls
    return look


def test_until_returns_at_once_when_done():
    clock = FakeClock()
    look = looks(Progress(True, "ready"))
    assert clock.poller().until(look, "the thing", 60).summary == "ready"
    assert clock.sleeps == []


def test_until_sleeps_the_interval_between_looks():
    clock = FakeClock()
    look = looks(Progress(False, "1 of 2"), Progress(False, "1 of 2"), Progress(True, "2 of 2"))
    progress = clock.poller(interval=5).until(look, "two tasks", 60)
    assert progress.done and progress.summary == "2 of 2"
    assert clock.sleeps == [5, 5]


def test_until_gives_up_saying_what_how_long_and_what_it_saw():
    clock = FakeClock()
    look = looks(*[Progress(False, "0 of 2 tasks running")] * 10)
    with pytest.raises(WaitFailed) as failure:
        clock.poller(interval=5).until(look, "service shop-green", 12)
    assert str(failure.value) == (
        "gave up waiting for service shop-green after 12 seconds (wait_timeout 12); last seen: 0 of 2 tasks running"
    )
    # looks at 0, 5, 10 and 12 seconds: the last sleep is cut to the deadline
    assert clock.sleeps == [5, 5, 2]
    assert len(look.calls) == 4
    assert failure.value.waited == 12


def test_until_stops_at_once_on_a_failure():
    clock = FakeClock()
    look = looks(Progress(False, "deploying"), Progress(False, "failed", failure="deployment ecs-svc/1 failed"))
    with pytest.raises(WaitFailed, match="^service shop failed after 5 seconds: deployment ecs-svc/1 failed$"):
        clock.poller(interval=5).until(look, "service shop", 600)


def test_timeout_zero_looks_once():
    clock = FakeClock()
    with pytest.raises(WaitFailed, match="after 0 seconds"):
        clock.poller().until(looks(Progress(False, "no")), "x", 0)
    assert clock.sleeps == []


# --------------------------------------------------------------------------- waits in slices


def test_a_slice_returns_the_progress_not_done_when_it_ends():
    clock = FakeClock()
    clock.now = 1000.0
    look = looks(*[Progress(False, "0 of 2 tasks running")] * 10)
    progress = clock.poller(interval=5).until(look, "service shop-green", 300, wait_slice=12)
    assert not progress.done and progress.summary == "0 of 2 tasks running"
    # looks at 0, 5, 10 and 12 seconds: the last sleep is cut to the end of the slice
    assert clock.sleeps == [5, 5, 2] and len(look.calls) == 4
    assert (progress.what, progress.started_at, progress.waited) == ("service shop-green", 1000.0, 12)


def test_a_slice_returns_at_once_when_done():
    clock = FakeClock()
    progress = clock.poller().until(looks(Progress(True, "2 of 2")), "x", 300, wait_slice=60)
    assert progress.done and clock.sleeps == []


def test_the_next_slice_counts_the_earlier_ones_in_the_timeout():
    clock = FakeClock()
    clock.now = 1000.0
    look = looks(*[Progress(False, "0 of 2")] * 10)
    first = clock.poller(interval=5).until(look, "service shop-green", 30, wait_slice=20)
    assert first.waited == 20 and clock.now == 1020.0
    # The next call, with the first one's start: 10 of the 30 seconds are left.
    with pytest.raises(WaitFailed) as failure:
        clock.poller(interval=5).until(look, "service shop-green", 30, wait_slice=20, started_at=first.started_at)
    assert str(failure.value) == (
        "gave up waiting for service shop-green after 30 seconds (wait_timeout 30); last seen: 0 of 2"
    )
    assert clock.now == 1030.0 and failure.value.waited == 30


def test_a_slice_started_in_the_future_starts_now():
    clock = FakeClock()
    progress = clock.poller().until(looks(*[Progress(False, "no")] * 2), "x", 10, wait_slice=1, started_at=50.0)
    assert progress.started_at == 0.0


def test_slice_result_says_what_is_waited_for_and_since_when():
    clock = FakeClock()
    clock.now = 1000.0
    progress = clock.poller().until(
        looks(*[Progress(False, "1 of 2 healthy")] * 3), "group shop-green", 60, wait_slice=5
    )
    assert slice_result(progress) == {
        "waiting": True,
        "waiting_for": "group shop-green; waited 5 seconds, last seen: 1 of 2 healthy",
        "wait_started": 1000.0,
    }
    assert slice_result(Progress(True, "2 of 2")) == {"waiting": False}
    assert slice_result(None) == {"waiting": False}


def test_hold_returns_the_first_finding_early():
    clock = FakeClock()
    look = looks([], [], ["green-5xx"], [])
    assert clock.poller(interval=5).hold(60, look) == ["green-5xx"]
    assert clock.now == 15


def test_hold_runs_to_the_end_when_nothing_is_found():
    clock = FakeClock()
    look = looks(*[[]] * 10)
    assert clock.poller(interval=5).hold(12, look) is None
    assert clock.sleeps == [5, 5, 2]


def test_no_wait_poller_looks_once_and_never_fails_or_sleeps():
    look = looks(Progress(False, "0 healthy"))
    progress = NoWaitPoller(sleep=lambda seconds: pytest.fail("slept")).until(look, "targets", 300, wait_slice=5)
    assert not progress.done
    assert len(look.calls) == 1
    assert NoWaitPoller().hold(300, lambda: pytest.fail("looked")) is None


def test_check_mode_gets_the_no_wait_poller():
    assert isinstance(poller_for(FakeModule(check_mode=True)), NoWaitPoller)
    real = poller_for(FakeModule(check_mode=False), interval=7)
    assert not isinstance(real, NoWaitPoller) and isinstance(real, Poller) and real.interval == 7
