"""Release history records and the typed DynamoDB values, pure; the record work against a scripted client."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._release import history, history_work
from ansible_collections.bluegreen.aws.plugins.module_utils._release.items import (
    format_time,
    from_item,
    parse_time,
    to_item,
)
from fakes import FakeClient, FakeModule, client_error

NOW = parse_time("now", "2026-11-29T09:00:00.250Z")


def params(**extra):
    values = dict(
        table="bluegreen-releases",
        app="shop",
        state="recorded",
        id="r1",
        started_at="2026-11-29T08:00:00Z",
        ended_at=None,
        who={},
        to=None,
        shift=None,
        steps=[],
        outcome="succeeded",
        reason=None,
        analysis=None,
    )
    values["from"] = None
    values.update(extra)
    return values


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-29T08:00:00Z", "2026-11-29T08:00:00.000Z"),
        ("2026-11-29T08:00:00", "2026-11-29T08:00:00.000Z"),  # no zone: UTC
        ("2026-11-29T09:00:00.5+01:00", "2026-11-29T08:00:00.500Z"),
        ("2026-11-29T08:00:00.123456z", "2026-11-29T08:00:00.123Z"),
    ],
)
def test_times_are_stored_in_utc_fixed_width(text, expected):
    assert format_time(parse_time("started_at", text)) == expected


@pytest.mark.parametrize("text", ["yesterday", "", "2026-13-01T00:00:00Z", None])
def test_bad_times_name_the_option(text):
    with pytest.raises(InputError, match="ended_at must be an ISO 8601 time"):
        parse_time("ended_at", text)


def test_sort_keys_order_by_time_then_id():
    times = ["2026-11-29T09:00:00.5", "2026-11-29T09:00:00Z", "2026-11-29T10:00:00Z", "2026-11-30T00:00:00Z"]
    keys = [history.sort_key(format_time(parse_time("t", t)), "z") for t in times]
    assert sorted(keys) == [keys[1], keys[0], keys[2], keys[3]]


def test_items_round_trip():
    value = {"n": 3, "f": 0.41, "s": "x", "b": True, "none": None, "l": [1, {"k": []}], "m": {}}
    item = to_item(value)
    assert item["n"] == {"N": "3"} and item["f"] == {"N": "0.41"} and item["none"] == {"NULL": True}
    assert from_item(item) == value


@pytest.mark.parametrize("value, message", [(float("nan"), "finite"), ({1: "a"}, "string keys"), ({1, 2}, "only")])
def test_items_refuse_what_dynamodb_cannot_hold(value, message):
    with pytest.raises(InputError, match="analysis must .*%s" % message):
        to_item({"analysis": value})


def test_build_record():
    side = {"color": "blue", "version": "1.0"}
    record = history.build_record(
        params(to={"color": "green", "version": None}, steps=[10, 100], analysis={"ab": "pass"}, **{"from": side}),
        {"user": "alice"},
        NOW,
    )
    assert record["started_at"] == "2026-11-29T08:00:00.000Z"
    assert record["ended_at"] == record["recorded_at"] == format_time(NOW)
    assert record["from"] == side and record["to"] == {"color": "green", "version": None}
    assert list(record) == list(history.FIELDS)
    stored = history.to_stored(record)
    assert stored["sk"] == "release#2026-11-29T08:00:00.000Z#r1"
    assert history.from_stored(stored) == record


def test_a_new_id_when_none_is_given():
    record = history.build_record(params(id=None), {}, NOW, new_id=lambda: "generated")
    assert record["id"] == "generated"
    assert len(history.build_record(params(id=None), {}, NOW)["id"]) == 36


@pytest.mark.parametrize(
    "extra, message",
    [
        (dict(id="r 1"), "id must be 1 to 128 letters"),
        (dict(id="x" * 129), "id must be 1 to 128"),
        (dict(outcome="done"), "outcome must be one of succeeded, returned, failed, rolled_back, got 'done'"),
        (dict(started_at="soon"), "started_at must be an ISO 8601 time"),
        (dict(ended_at="2026-11-29T07:59:59Z"), "ended_at must not be before started_at"),
        (dict(steps=[10, 101]), "steps must each be a percent from 0 to 100, got 101"),
        (dict(steps=[True]), "steps must each be a percent"),
        (dict(shift=""), "shift must be 1 to 64 printable characters"),
        (dict(reason="x" * 4097), "reason must be at most 4096 characters"),
        (dict(analysis="fine"), "analysis must be a list or a dict of verdicts"),
        (dict(analysis={"big": "x" * 70000}), "analysis is too large"),
        (dict(to={"color": "red", "version": None}), "to.color must be one of blue, green"),
        (dict(to={"color": "blue", "version": ""}), "to.version must be 1 to 256"),
    ],
)
def test_bad_records_name_the_option(extra, message):
    with pytest.raises(InputError, match=message):
        history.build_record(params(**extra), {}, NOW)


@pytest.mark.parametrize("count, good", [(0, False), (1, True), (100, True), (101, False)])
def test_check_count(count, good):
    if good:
        history.check_count(count)
    else:
        with pytest.raises(InputError, match="count must be from 1 to 100, got %d" % count):
            history.check_count(count)


# The work, against a scripted client


def record_with(client, monkeypatch, check_mode=False, **extra):
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    return history_work.record_release(FakeModule(params(**extra), check_mode=check_mode), clock=lambda: NOW)


def test_a_record_is_one_conditional_put(monkeypatch):
    client = FakeClient(put_item=[{}])
    result = record_with(client, monkeypatch)
    assert result["changed"] is True
    ((method, arguments),) = client.calls
    assert method == "put_item" and arguments["ConditionExpression"] == "attribute_not_exists(sk)"
    assert arguments["Item"]["sk"] == {"S": "release#2026-11-29T08:00:00.000Z#r1"}


def test_recording_the_same_id_again_changes_nothing(monkeypatch):
    first = history.to_stored(history.build_record(params(reason="first"), {}, NOW - 60))
    client = FakeClient(
        put_item=[client_error("ConditionalCheckFailedException", "PutItem")], get_item=[{"Item": to_item(first)}]
    )
    result = record_with(client, monkeypatch, reason="second")
    assert result == dict(changed=False, record=history.from_stored(first))


def test_check_mode_reads_only(monkeypatch):
    client = FakeClient(get_item=[{}])
    assert record_with(client, monkeypatch, check_mode=True)["changed"] is True
    assert client.methods() == ["get_item"]
    unnamed = FakeClient()
    assert record_with(unnamed, monkeypatch, check_mode=True, id=None)["changed"] is True
    assert unnamed.calls == []


def test_history_info_queries_newest_first(monkeypatch):
    stored = history.to_stored(history.build_record(params(), {}, NOW))
    client = FakeClient(query=[{"Items": [to_item(stored)]}])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    result = history_work.history_info(FakeModule(dict(table="t-1", app="shop", count=3)))
    assert result == dict(changed=False, records=[history.from_stored(stored)])
    arguments = client.calls[0][1]
    assert arguments["ScanIndexForward"] is False and arguments["Limit"] == 3
    assert arguments["ExpressionAttributeValues"][":prefix"] == {"S": "release#"}


def test_history_info_names_a_missing_table(monkeypatch):
    client = FakeClient(query=[client_error("ResourceNotFoundException", "Query")])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    with pytest.raises(InputError, match="table: the DynamoDB table t-1 does not exist; the provision playbook"):
        history_work.history_info(FakeModule(dict(table="t-1", app="shop", count=3)))
