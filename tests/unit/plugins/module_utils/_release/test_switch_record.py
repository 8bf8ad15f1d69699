"""The history_record option of the shifting modules: the switch written to the release history by the same call."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._release import history_work, switch_record
from ansible_collections.bluegreen.aws.plugins.module_utils._release.items import from_item, to_item
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.switch import switch_traffic
from fakes import FakeClient, FakeModule, MemoryRouter, client_error, shift_params

NOW = 1796000000.0  # after STARTED
STARTED = "2026-11-29T08:00:00Z"
MARKS = {
    "blue": {"version": "2.0", "deployed_at": "2026-11-29T07:00:00Z"},
    "green": {"version": "1.0", "deployed_at": "2026-11-28T07:00:00Z"},
}
HELD = {"app": "shop", "sk": "lock", "owner": "deploy-7", "holder": {"user": "alice"}, "acquired_at": "t0"}
HELD.update(expires_at="t1", expires_at_epoch=9e9, ttl=1800)


def record(**changes):
    given = dict(app="shop", table="bluegreen-releases", id="rollback-1", started_at=STARTED, who={"job": "7"})
    given.update(outcome="rolled_back", reason=None, versions=None, break_lock=False)
    given.update(changes)
    return given


def switched(**changes):
    """A shifting module's result after a switch of all the traffic from blue to green."""
    result = dict(changed=True, before={"blue": 100, "green": 0}, after={"blue": 0, "green": 100})
    result.update(shifted_to="green", steps_applied=[100], releases=MARKS)
    result.update(changes)
    return result


def written_record(client):
    ((method, arguments),) = [call for call in client.calls if call[0] == "put_item"]
    return from_item(arguments["Item"])


@pytest.fixture
def dynamodb(monkeypatch):
    def make(**script):
        client = FakeClient(**script)
        monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
        return client

    return make


def test_the_switch_is_recorded_from_the_other_color_with_the_marks_versions(dynamodb):
    client = dynamodb(put_item=[{}])
    added = switch_record.record_switch(FakeModule(dict(history_record=record())), switched(), clock=lambda: NOW)
    item = written_record(client)
    assert item["from"] == {"color": "blue", "version": "2.0"} and item["to"] == {"color": "green", "version": "1.0"}
    assert (item["shift"], item["steps"], item["outcome"]) == ("all_at_once", [100], "rolled_back")
    assert item["reason"] == "all traffic to green in one write"
    assert item["id"] == "rollback-1" and item["who"]["job"] == "7"
    assert added["history_record"]["to"]["color"] == "green" and added["changed"] is True
    assert client.methods() == ["put_item"], "no lock is touched without break_lock"


def test_the_versions_given_win_over_the_marks(dynamodb):
    client = dynamodb(put_item=[{}])
    given = record(versions={"blue": "2.1", "green": None})
    switch_record.record_switch(FakeModule(dict(history_record=given)), switched(releases=None), clock=lambda: NOW)
    item = written_record(client)
    assert item["from"]["version"] == "2.1" and item["to"]["version"] is None


def test_no_write_when_the_traffic_was_already_there_is_recorded_so(dynamodb):
    client = dynamodb(put_item=[{}])
    result = switched(changed=False, before={"blue": 0, "green": 100}, steps_applied=[])
    added = switch_record.record_switch(FakeModule(dict(history_record=record())), result, clock=lambda: NOW)
    item = written_record(client)
    assert item["steps"] == [] and item["reason"] == "all traffic was already on green"
    assert added["changed"] is True, "the record is a write"


def test_break_lock_removes_the_lock_and_returns_whose_it_was(dynamodb):
    client = dynamodb(delete_item=[{"Attributes": to_item(HELD)}], put_item=[{}])
    given = record(break_lock=True)
    added = switch_record.record_switch(FakeModule(dict(history_record=given)), switched(), clock=lambda: NOW)
    assert client.methods() == ["delete_item", "put_item"]
    assert (
        added["broken_holder"]["owner"] == "deploy-7" and added["history_record"]["broken_lock"]["owner"] == "deploy-7"
    )


def test_a_record_that_fails_is_reported_and_the_switch_stands(dynamodb):
    dynamodb(put_item=[client_error("AccessDeniedException", "PutItem")])
    result = switched()
    added = switch_record.record_switch(FakeModule(dict(history_record=record())), result, clock=lambda: NOW)
    assert "AccessDenied" in added["history_record_error"] and "history_record" not in added


def test_check_mode_writes_no_record(dynamodb):
    client = dynamodb(get_item=[{}])
    module = FakeModule(dict(history_record=record()), check_mode=True)
    added = switch_record.record_switch(module, switched(), clock=lambda: NOW)
    assert client.methods() == ["get_item"] and added["history_record"]["outcome"] == "rolled_back"


def test_without_record_nothing_is_written(dynamodb):
    client = dynamodb()
    assert switch_record.record_switch(FakeModule(dict(history_record=None)), switched()) == {}
    assert client.calls == []


@pytest.mark.parametrize(
    "changes, given, fragment",
    [
        (dict(shift_to=None), record(), "history_record needs shift_to and percent 100"),
        (dict(percent=10), record(), "history_record needs shift_to and percent 100"),
        ({}, record(started_at="yesterday"), "history_record: started_at"),
        ({}, record(app="no spaces"), "history_record: app"),
        ({}, record(table="x"), "history_record: table must be a DynamoDB table name"),
        ({}, record(id="a b"), "history_record: id must be"),
        ({}, record(versions={"blue": "a\nb"}), "history_record: versions.blue"),
    ],
)
def test_bad_records_name_the_option(changes, given, fragment):
    with pytest.raises(InputError, match=fragment):
        switch_record.validate_record(dict(shift_params(**changes), history_record=given), clock=lambda: NOW)


def test_the_switch_records_after_it_writes_and_a_bad_record_stops_it_before(dynamodb):
    client = dynamodb(put_item=[{}])
    router = MemoryRouter({"blue": 100, "green": 0})
    module = FakeModule(dict(shift_params(), history_record=record()))
    result = switch_traffic(module, lambda p: None, lambda: router)
    assert router.written == [{"blue": 0, "green": 100}] and client.methods() == ["put_item"]
    assert written_record(client)["from"]["color"] == "blue" and result["history_record"]["to"]["color"] == "green"

    router = MemoryRouter({"blue": 100, "green": 0})
    module = FakeModule(dict(shift_params(), history_record=record(started_at="yesterday")))
    with pytest.raises(InputError, match="history_record: started_at"):
        switch_traffic(module, lambda p: None, lambda: router)
    assert router.written == [], "every input is checked before the first write"
