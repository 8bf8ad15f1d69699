"""The switch rules, with a router that keeps its split in memory."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core import shift as shift_engine
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, ModuleFailure, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import Progress
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import WritePending
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.switch import switch_traffic
from fakes import FakeClock, FakeModule, MemoryRouter, shift_params


def switch(router, check_mode=False, diff=False, validate=None, **changes):
    module = FakeModule(shift_params(**changes), check_mode=check_mode, diff=diff)
    return switch_traffic(module, validate or (lambda p: None), lambda: router)


def test_canary_writes_each_step_and_reports():
    router = MemoryRouter({"blue": 100, "green": 0})
    result = switch(router, steps=[10], diff=True)
    assert router.written == [{"blue": 90, "green": 10}, {"blue": 0, "green": 100}]
    assert result["changed"] is True
    assert result["steps_applied"] == [10, 100]
    assert (result["live_color"], result["idle_color"]) == ("green", "blue")
    assert result["diff"] == {"before": {"blue": 100, "green": 0}, "after": {"blue": 0, "green": 100}}
    assert result["router"] == "memory"
    assert router.ready_checks == [["green"]]


def test_check_mode_writes_nothing_and_predicts():
    router = MemoryRouter({"blue": 100, "green": 0})
    result = switch(router, check_mode=True, steps=[10, 50])
    assert router.written == []
    assert result["changed"] is True and result["after"] == {"blue": 0, "green": 100}
    assert result["steps_applied"] == [10, 50, 100]


def test_nothing_to_do_writes_nothing():
    router = MemoryRouter({"blue": 0, "green": 100})
    result = switch(router)
    assert router.written == [] and result["changed"] is False


def test_without_shift_to_only_reads():
    router = MemoryRouter({"blue": 90, "green": 10})
    result = switch(router, shift_to=None)
    assert router.written == [] and result["live_color"] is None and result["before"] == {"blue": 90, "green": 10}


@pytest.fixture
def clock(monkeypatch):
    """The holds of the engine pass on a fake clock."""
    fake = FakeClock()
    monkeypatch.setattr(shift_engine, "Poller", fake.poller)
    return fake


def test_a_step_of_a_stepped_shift_is_written_and_held(clock):
    router = MemoryRouter({"blue": 75, "green": 25})
    result = switch(router, percent=50, hold=30, rollback_split={"blue": 100, "green": 0})
    assert router.written == [{"blue": 50, "green": 50}] and clock.now == 30
    assert result["changed"] is True and result["steps_applied"] == [50]
    assert (result["before"], result["after"]) == ({"blue": 75, "green": 25}, {"blue": 50, "green": 50})


def test_a_split_in_place_is_held_without_a_write_and_without_a_change(clock):
    router = MemoryRouter({"blue": 50, "green": 50})
    result = switch(router, percent=50, hold=30, rollback_split={"blue": 100, "green": 0})
    assert router.written == [] and result["changed"] is False and result["steps_applied"] == []
    assert clock.now == 30
    assert router.ready_checks == [[]], "no color gains traffic"


def test_check_mode_never_holds(clock):
    router = MemoryRouter({"blue": 50, "green": 50})
    result = switch(router, check_mode=True, percent=50, hold=600, rollback_split={"blue": 100, "green": 0})
    assert router.written == [] and result["changed"] is False


def test_a_failed_step_puts_back_the_rollback_split_in_one_write(clock):
    router = MemoryRouter({"blue": 75, "green": 25}, fail_on_write=0)
    with pytest.raises(ModuleFailure) as failure:
        switch(router, percent=50, hold=30, rollback_split={"blue": 100, "green": 0})
    assert router.written == [{"blue": 100, "green": 0}]
    assert failure.value.result["rolled_back"] is True and failure.value.result["after"] == {"blue": 100, "green": 0}
    assert "rolled back to blue 100%, green 0%" in failure.value.msg


def test_a_setting_besides_the_weights_is_fixed_with_one_write_of_the_same_split():
    router = MemoryRouter({"blue": 0, "green": 100}, settings_differ=True)
    result = switch(router)
    assert router.written == [{"blue": 0, "green": 100}]
    assert result["changed"] is True
    assert router.ready_checks == [["green"]]


def test_a_failed_write_restores_the_start_and_fails_with_the_partial_result():
    router = MemoryRouter({"blue": 100, "green": 0}, fail_on_write=1)
    with pytest.raises(ModuleFailure) as failure:
        switch(router, steps=[10])
    assert router.written == [{"blue": 90, "green": 10}, {"blue": 100, "green": 0}]
    result = failure.value.result
    assert result["rolled_back"] is True and result["changed"] is True
    assert result["after"] == {"blue": 100, "green": 0} and result["live_color"] == "blue"
    assert "throttled" in failure.value.msg


def test_an_unsafe_router_is_refused_before_any_write():
    router = MemoryRouter({"blue": 100, "green": 0}, unsafe=("foreign records", {"foreign_records": ["x"]}))
    with pytest.raises(Refusal) as refusal:
        switch(router)
    assert router.written == []
    assert refusal.value.result["foreign_records"] == ["x"] and refusal.value.result["live_color"] == "blue"


def test_bad_inputs_fail_before_the_router_is_built():
    def never():
        raise AssertionError("the router was built")

    module = FakeModule(shift_params(steps=[50, 10]))
    with pytest.raises(InputError, match="strictly ascending"):
        switch_traffic(module, lambda p: None, never)

    def refuse(p):
        raise InputError("stickiness must be from 0 to 604800 seconds, got -1")

    with pytest.raises(InputError, match="stickiness"):
        switch_traffic(FakeModule(shift_params()), refuse, never)


# --------------------------------------------------------------------------- shift_to=previous


class MarkedRouter(MemoryRouter):
    def __init__(self, split, marks):
        super().__init__(split)
        self.marks = marks

    def release_marks(self):
        return self.marks


MARKED = {
    "blue": {"version": "2.0", "deployed_at": "2026-11-29T10:03:10Z"},
    "green": {"version": "1.0", "deployed_at": "2026-11-20T08:15:00Z"},
}


def test_previous_shifts_to_the_color_live_before_the_newest_release_in_one_write():
    router = MarkedRouter({"blue": 10, "green": 90}, MARKED)
    result = switch(router, shift_to="previous")
    assert router.written == [{"blue": 0, "green": 100}]
    assert (result["shifted_to"], result["live_color"], result["releases"]) == ("green", "green", MARKED)
    assert router.ready_checks == [["green"]]


def test_previous_already_live_writes_nothing():
    router = MarkedRouter({"blue": 0, "green": 100}, MARKED)
    result = switch(router, shift_to="previous")
    assert router.written == [] and result["changed"] is False and result["shifted_to"] == "green"


def test_previous_refused_without_marks_writes_nothing_and_returns_what_it_read():
    router = MarkedRouter({"blue": 100, "green": 0}, {"blue": MARKED["blue"], "green": {}})
    with pytest.raises(Refusal, match="shift_to=previous: the green color never received a release") as raised:
        switch(router, shift_to="previous")
    assert router.written == []
    assert raised.value.result["before"] == {"blue": 100, "green": 0}


def test_previous_on_a_router_that_records_no_release_is_an_input_error():
    router = MemoryRouter({"blue": 100, "green": 0})
    with pytest.raises(InputError, match="shift_to: this router records no release"):
        switch(router, shift_to="previous")
    assert router.written == []


def test_a_named_color_reads_no_marks():
    router = MarkedRouter({"blue": 100, "green": 0}, None)
    result = switch(router, shift_to="green")
    assert "releases" not in result and result["shifted_to"] == "green"


class PendingRouter(MemoryRouter):
    """A router whose writes are made but still take effect when the call's wait slice ends."""

    def write(self, split):
        super().write(split)
        progress = Progress(False, "not in sync yet")
        progress.what, progress.started_at, progress.waited = "the change to be in sync", 1796000000.0, 60
        raise WritePending(progress, "/change/C%d" % self.writes, lambda: None)


def test_a_step_written_but_still_pending_returns_waiting_without_holding_or_undoing(clock):
    router = PendingRouter({"blue": 75, "green": 25})
    result = switch(router, percent=50, hold=30, rollback_split={"blue": 100, "green": 0})
    assert router.written == [{"blue": 50, "green": 50}] and clock.now == 0, "written, not held, not put back"
    assert result["changed"] is True and result["waiting"] is True and result["change_id"] == "/change/C1"
    assert result["steps_applied"] == [50] and result["after"] == {"blue": 50, "green": 50}
    assert result["wait_started"] == 1796000000.0 and "waited 60 seconds" in result["waiting_for"]
    assert (result["live_color"], result["idle_color"]) == (None, None)
