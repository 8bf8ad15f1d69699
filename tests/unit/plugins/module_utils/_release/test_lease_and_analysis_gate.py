"""The lease renewal (one conditional UpdateItem), the analysis gate of a held step, and break_lock."""

from datetime import datetime, timezone

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import LeaseLost
from ansible_collections.bluegreen.aws.plugins.module_utils._release import history_work, lease_work, table_work
from ansible_collections.bluegreen.aws.plugins.module_utils._release.analysis_gate import (
    AnalysisGate,
    validate_analysis,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._release.items import to_item
from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_metrics import ColorTraffic
from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_verdict import Thresholds
from fakes import FakeClient, FakeModule, client_error

LEASE = dict(app="shop", owner="deploy-1", table="bluegreen-releases", ttl=60)


def test_a_renewal_is_one_update_conditional_on_the_owner():
    client = FakeClient(update_item=[{}])
    lease_work.renewer(client, LEASE, clock=lambda: 1000.0)()
    ((method, arguments),) = client.calls
    assert method == "update_item" and arguments["ConditionExpression"] == "#owner = :owner"
    assert arguments["Key"] == {"app": {"S": "shop"}, "sk": {"S": "lock"}}
    assert arguments["ExpressionAttributeValues"][":owner"] == {"S": "deploy-1"}
    assert arguments["ExpressionAttributeValues"][":expires_at_epoch"] == {"N": "1060.0"}
    assert "acquired_at" not in arguments["UpdateExpression"], "a renewal keeps when the lease was taken"


def test_a_renewal_of_a_lost_lease_raises_lease_lost():
    client = FakeClient(update_item=[client_error("ConditionalCheckFailedException", "UpdateItem")])
    with pytest.raises(LeaseLost, match="no longer held by deploy-1"):
        lease_work.renewer(client, LEASE, clock=lambda: 1000.0)()


@pytest.mark.parametrize(
    "lease, fragment",
    [
        (dict(LEASE, ttl=0), "lease: ttl must be from 1 to 86400"),
        (dict(LEASE, owner="a\nb"), "lease: owner must be 1 to 256 printable"),
        (dict(LEASE, table="x"), "lease: table must be a DynamoDB table name"),
        (dict(LEASE, app="no spaces"), "lease: app"),
    ],
)
def test_bad_leases_name_the_option(lease, fragment):
    with pytest.raises(InputError, match=fragment):
        lease_work.validate_lease(lease)


def test_no_lease_in_check_mode():
    assert lease_work.lease_for(FakeModule(dict(lease=LEASE), check_mode=True)) is None
    assert lease_work.lease_for(FakeModule(dict(lease=None))) is None


THRESHOLDS = Thresholds(0.05, None, 1.2, 200, "Average")
NOW = datetime(2026, 11, 29, 10, 3, 20, tzinfo=timezone.utc)


def gate(traffic, inconclusive="fail", window=30):
    asked = []

    def read(start, end, period):
        asked.append((start, end, period))
        return traffic

    return AnalysisGate(read, THRESHOLDS, "green", window, inconclusive, now=lambda: NOW), asked


def traffic(green_errors, green_requests=1000, green_latency=0.2):
    return {
        "blue": ColorTraffic(1000, 10, 0.2),
        "green": ColorTraffic(green_requests, green_errors, green_latency),
    }


def test_the_gate_reads_the_last_whole_minutes_and_keeps_the_verdict():
    check, asked = gate(traffic(10))
    assert check({"blue": 50, "green": 50}) is None
    start, end, period = asked[0]
    assert (start.isoformat(), end.isoformat(), period) == (
        "2026-11-29T10:02:00+00:00",
        "2026-11-29T10:03:00+00:00",
        60,
    )
    (verdict,) = check.verdicts
    assert verdict["step"] == 50 and verdict["verdict"] == "pass" and verdict["summary"].startswith("PASS: green")


def test_three_times_the_error_rate_fails_the_step():
    check, _asked = gate(traffic(30))
    assert check({"blue": 90, "green": 10}).startswith("the A/B analysis failed (FAIL: green (new) against blue")


def test_a_latency_regression_fails_the_step():
    check, _asked = gate(traffic(10, green_latency=0.5))
    assert "FAIL" in check({"blue": 90, "green": 10})


@pytest.mark.parametrize("policy, fails", [("fail", True), ("pass", False)])
def test_an_inconclusive_step_counts_as_bluegreen_analysis_inconclusive_says(policy, fails):
    check, _asked = gate(traffic(1, green_requests=50), inconclusive=policy)
    problem = check({"blue": 90, "green": 10})
    assert bool(problem) is fails and check.verdicts[0]["verdict"] == "inconclusive"
    if fails:
        assert "inconclusive, which counts as a failure" in problem and "fewer than min_requests 200" in problem


@pytest.mark.parametrize(
    "analysis, fragment",
    [
        (dict(alpha=1.5), "analysis: alpha must be above 0 and below 1"),
        (dict(min_requests=0), "analysis: min_requests must be 1 or more"),
        (dict(latency_ratio=0.9), "analysis: latency_ratio must be 1 or more"),
        (dict(latency_stat="Sum"), "analysis: latency_stat"),
        (dict(error_rate_ceiling=3.0), "analysis: error_rate_ceiling"),
        (dict(window=30), "analysis: window must be 60 to 86400 seconds, got 30"),
    ],
)
def test_bad_analysis_options_name_the_option(analysis, fragment):
    options = dict(alpha=0.05, min_requests=200, latency_stat="p95", latency_ratio=1.2, error_rate_ceiling=None)
    options.update(window=None, include_4xx=False, inconclusive="fail")
    options.update(analysis)
    with pytest.raises(InputError, match=fragment.replace("(", r"\(")):
        validate_analysis(options)


def record_params(**extra):
    values = dict(table="bluegreen-releases", app="shop", state="recorded", id="rollback-1")
    values.update(started_at="2026-11-29T08:00:00Z", ended_at=None, who={}, to={"color": "blue", "version": "1.0"})
    values.update(shift="all_at_once", steps=[100], outcome="rolled_back", reason=None, analysis=None)
    values["from"] = {"color": "green", "version": "2.0"}
    values.update(extra)
    return values


RECORD_NOW = 1796000000.0  # after started_at
HELD = {"app": "shop", "sk": "lock", "owner": "deploy-7", "holder": {"user": "alice"}, "acquired_at": "t0"}
HELD.update(expires_at="t1", expires_at_epoch=9e9, ttl=1800)


def test_break_lock_removes_the_lease_then_records_whose_it_was(monkeypatch):
    client = FakeClient(delete_item=[{"Attributes": to_item(HELD)}], put_item=[{}])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    result = history_work.record_release(FakeModule(record_params(break_lock=True)), clock=lambda: RECORD_NOW)
    assert client.methods() == ["delete_item", "put_item"]
    assert "ConditionExpression" not in client.calls[0][1], "whoever holds it"
    assert result["broken_holder"]["owner"] == "deploy-7" and result["record"]["broken_lock"]["owner"] == "deploy-7"
    assert client.calls[1][1]["Item"]["broken_lock"]["M"]["owner"] == {"S": "deploy-7"}


def test_break_lock_without_a_lock_records_null(monkeypatch):
    client = FakeClient(delete_item=[{}], put_item=[{}])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    result = history_work.record_release(FakeModule(record_params(break_lock=True)), clock=lambda: RECORD_NOW)
    assert result["broken_holder"] is None and result["record"]["broken_lock"] is None and result["changed"]


def test_break_lock_in_check_mode_only_reads(monkeypatch):
    client = FakeClient(get_item=[{"Item": to_item(HELD)}, {}])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    module = FakeModule(record_params(break_lock=True), check_mode=True)
    result = history_work.record_release(module, clock=lambda: RECORD_NOW)
    assert client.methods() == ["get_item", "get_item"] and result["broken_holder"]["owner"] == "deploy-7"


TABLE = {
    "TableName": "bluegreen-releases",
    "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/bluegreen-releases",
    "TableStatus": "ACTIVE",
    "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
    "KeySchema": [{"AttributeName": "app", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "AttributeDefinitions": [
        {"AttributeName": "app", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "S"},
    ],
}


def ensure(client, monkeypatch, check_mode=False, **extra):
    monkeypatch.setattr(table_work, "dynamodb_client", lambda module: client)
    params = dict(table="bluegreen-releases", tags={}, wait=True, wait_timeout=60)
    params.update(extra)
    return table_work.ensure_table(FakeModule(params, check_mode=check_mode))


def test_a_missing_table_is_created_on_demand_with_the_keys(monkeypatch):
    missing = client_error("ResourceNotFoundException", "DescribeTable")
    client = FakeClient(describe_table=[missing, {"Table": TABLE}], create_table=[{}])
    result = ensure(client, monkeypatch, tags={"team": "shop"})
    assert result["changed"] is True and result["table"]["status"] == "ACTIVE"
    created = client.calls[1][1]
    assert created["BillingMode"] == "PAY_PER_REQUEST" and created["Tags"] == [{"Key": "team", "Value": "shop"}]
    assert created["KeySchema"] == TABLE["KeySchema"]


def test_an_existing_table_is_left_alone(monkeypatch):
    client = FakeClient(describe_table=[{"Table": TABLE}])
    assert ensure(client, monkeypatch)["changed"] is False and client.methods() == ["describe_table"]


def test_a_table_created_by_another_run_meanwhile_is_no_change(monkeypatch):
    missing = client_error("ResourceNotFoundException", "DescribeTable")
    client = FakeClient(
        describe_table=[missing, {"Table": TABLE}], create_table=[client_error("ResourceInUseException", "CreateTable")]
    )
    assert ensure(client, monkeypatch)["changed"] is False


def test_check_mode_creates_nothing(monkeypatch):
    client = FakeClient(describe_table=[client_error("ResourceNotFoundException", "DescribeTable")])
    assert ensure(client, monkeypatch, check_mode=True)["changed"] is True and client.methods() == ["describe_table"]


def test_a_table_with_other_keys_is_refused(monkeypatch):
    other = dict(TABLE, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    client = FakeClient(describe_table=[{"Table": other}])
    with pytest.raises(InputError, match="table: the DynamoDB table bluegreen-releases exists with the keys id HASH"):
        ensure(client, monkeypatch)


def test_a_bad_table_name_is_refused_before_any_call(monkeypatch):
    client = FakeClient()
    with pytest.raises(InputError, match="table must be a DynamoDB table name"):
        ensure(client, monkeypatch, table="a b")
    assert client.calls == []
