"""release_lock, release_lock_info, release_history and release_history_info through Ansible against moto."""

import json
import time

import pytest
import yaml
from batch import Runner, failed, ok

LOCK = "bluegreen.aws.release_lock"
LOCK_INFO = "bluegreen.aws.release_lock_info"
HISTORY = "bluegreen.aws.release_history"
HISTORY_INFO = "bluegreen.aws.release_history_info"
TABLE = "bluegreen-releases"


def create_table(dynamodb, name=TABLE):
    dynamodb.create_table(
        TableName=name,
        AttributeDefinitions=[
            {"AttributeName": "app", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        KeySchema=[{"AttributeName": "app", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.fixture
def dynamodb(aws):
    client = aws.client("dynamodb")
    create_table(client)
    return client


def items(dynamodb, table=TABLE):
    """Every item of the table, seen from outside, in key order."""
    found = dynamodb.scan(TableName=table, ConsistentRead=True)["Items"]
    return sorted(found, key=lambda item: (item["app"]["S"], item["sk"]["S"]))


def lock_item(dynamodb, app="shop"):
    return dynamodb.get_item(TableName=TABLE, Key={"app": {"S": app}, "sk": {"S": "lock"}}, ConsistentRead=True).get(
        "Item"
    )


def lock_call(state="acquired", owner=None, **extra):
    args = dict(app="shop", state=state)
    args.update(extra)
    if owner is not None:
        args["owner"] = owner
    return args


def locked(*calls):
    """Calls of release_lock and release_lock_info: ``(args, module)`` pairs for Runner.batch."""
    return [(args, {"module": module, "check": check}) for module, args, check in calls]


@pytest.fixture
def run(ansible, tmp_path):
    return Runner(ansible, tmp_path, LOCK, LOCK_INFO)


def test_two_owners_at_the_same_moment_only_one_takes_the_lock(ansible, dynamodb, tmp_path):
    processes = []
    for owner in ("run-a", "run-b"):
        path = tmp_path / ("%s.yml" % owner)
        task = {LOCK: dict(app="shop", owner=owner, holder={"playbook": "%s.yml" % owner})}
        path.write_text(yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": [task]}]))
        processes.append((owner, ansible.playbook_process(str(path))))
    results = {}
    for owner, process in processes:
        stdout, stderr = process.communicate(timeout=300)
        try:
            results[owner] = json.loads(stdout)["plays"][0]["tasks"][0]["hosts"]["localhost"]
        except (ValueError, KeyError, IndexError) as error:
            raise AssertionError("%s printed no result:\n%s\n%s" % (owner, stdout, stderr)) from error

    winners = [owner for owner, result in results.items() if not result.get("failed")]
    assert len(winners) == 1, results
    winner = winners[0]
    loser = "run-b" if winner == "run-a" else "run-a"
    lost = failed(results[loser], "the release lock of app shop is held by %s" % winner, "since ")
    assert "playbook %s.yml" % winner in lost["msg"]
    assert lost["acquired"] is False
    assert lost["lock"]["owner"] == winner
    assert ok(results[winner])["acquired"] is True
    item = lock_item(dynamodb)
    assert item["owner"]["S"] == winner
    assert item["holder"]["M"]["playbook"]["S"] == "%s.yml" % winner
    assert lost["lock"]["acquired_at"] == item["acquired_at"]["S"]


def test_lock_lifecycle(run, dynamodb):
    results = run.batch(
        *locked(
            (LOCK, lock_call(owner="run-a", ttl=600, holder={"awx_job_id": 42}), True),
            (LOCK_INFO, dict(app="shop"), False),
            (LOCK, lock_call(owner="run-a", ttl=600, holder={"awx_job_id": 42}), False),
            (LOCK, lock_call(owner="run-b"), False),
            (LOCK, lock_call("released", owner="run-b"), False),
            (LOCK_INFO, dict(app="shop"), False),
            (LOCK, lock_call(owner="run-a", ttl=900), False),
            (LOCK, lock_call("released", owner="run-a"), True),
            (LOCK_INFO, dict(app="shop"), False),
            (LOCK, lock_call("released", owner="run-a"), False),
            (LOCK, lock_call("released", owner="run-a"), False),
            (LOCK, lock_call("broken"), False),
        )
    )
    checked, info_after_check, acquired, refused, release_refused, info, renewed = results[:7]
    release_checked, info_after_release_check, released, released_again, broken_free = results[7:]

    assert ok(checked)["changed"] is True and checked["acquired"] is True
    assert ok(info_after_check)["lock"] is None, "check mode must not write"
    assert info_after_check["held"] is False

    assert ok(acquired)["changed"] is True
    assert acquired["renewed"] is False and acquired["taken_over"] is None
    assert acquired["lock"]["owner"] == "run-a"
    assert acquired["lock"]["holder"]["awx_job_id"] == 42
    assert acquired["lock"]["holder"]["user"] and acquired["lock"]["holder"]["host"]

    failed(refused, "held by run-a (", "awx job id 42", "since %s" % acquired["lock"]["acquired_at"], "state=broken")
    assert refused["changed"] is False and refused["acquired"] is False
    failed(release_refused, "held by run-a", "only its owner releases it")
    assert ok(info)["lock"] == acquired["lock"], "refusals must not write"
    assert info["held"] is True

    assert ok(renewed)["renewed"] is True
    assert renewed["lock"]["acquired_at"] == acquired["lock"]["acquired_at"]
    assert renewed["lock"]["expires_at"] > acquired["lock"]["expires_at"]
    assert renewed["lock"]["ttl"] == 900

    assert ok(release_checked)["changed"] is True
    assert ok(info_after_release_check)["lock"] == renewed["lock"], "check mode must not write"
    assert ok(released)["changed"] is True and released["released"] is True
    assert ok(released_again)["changed"] is False and released_again["released"] is False
    assert ok(broken_free)["changed"] is False and broken_free["broken_holder"] is None
    assert items(dynamodb) == []


def test_expired_lease_is_taken_over_and_broken_returns_the_holder(run, dynamodb):
    ok(run.one(lock_call(owner="run-a", ttl=1, holder={"playbook": "deploy.yml"})))
    expires = float(lock_item(dynamodb)["expires_at_epoch"]["N"])
    # Wait for the lease to expire (at most the ttl itself), as the modules' clock tells.
    while time.time() <= expires:
        time.sleep(min(0.1, max(0.0, expires - time.time()) + 0.01))

    results = run.batch(
        *locked(
            (LOCK_INFO, dict(app="shop"), False),
            (LOCK, lock_call("released", owner="run-b"), False),
            (LOCK, lock_call(owner="run-b"), False),
            (LOCK, lock_call("released", owner="run-a"), False),
            (LOCK, lock_call("broken"), True),
            (LOCK_INFO, dict(app="shop"), False),
            (LOCK, lock_call("broken"), False),
        )
    )
    expired_info, release_expired, taken, release_refused, break_checked, info, broken = results
    assert ok(expired_info)["held"] is False and expired_info["lock"]["expired"] is True
    assert ok(release_expired)["changed"] is False, "an expired lease of another owner is free: nothing to release"
    assert ok(taken)["changed"] is True and taken["acquired"] is True
    assert taken["taken_over"]["owner"] == "run-a"
    assert taken["lock"]["acquired_at"] > taken["taken_over"]["acquired_at"]
    failed(release_refused, "held by run-b")
    assert ok(break_checked)["changed"] is True and break_checked["broken_holder"]["owner"] == "run-b"
    assert ok(info)["lock"] == taken["lock"], "check mode must not write"
    assert ok(broken)["changed"] is True
    assert broken["broken_holder"] == dict(taken["lock"], expired=False)
    assert broken["broken_holder"]["acquired_at"] == taken["lock"]["acquired_at"]
    assert broken["lock"] is None
    assert lock_item(dynamodb) is None


def record(record_id, started_at, outcome="succeeded", **extra):
    args = dict(app="shop", id=record_id, started_at=started_at, outcome=outcome)
    args.update(extra)
    return args


def test_history_newest_first_and_idempotent_by_id(ansible, tmp_path, dynamodb):
    run = Runner(ansible, tmp_path, HISTORY, HISTORY_INFO)
    first = record(
        "r1",
        "2026-11-29T08:00:00Z",
        ended_at="2026-11-29T08:20:00Z",
        who={"user": "alice", "awx_job_id": 7},
        to={"color": "green", "version": "1.1"},
        shift="linear",
        steps=[10, 50, 100],
        reason="all steps passed",
        analysis=[{"gate": "alarms", "verdict": "pass"}, {"gate": "ab", "p_value": 0.41}],
    )
    first["from"] = {"color": "blue", "version": "1.0"}
    results = run.batch(
        (first, {"check": True}),
        (dict(app="shop"), {"module": HISTORY_INFO}),
        first,
        record("r3", "2026-11-29T10:00:00+00:00", "rolled_back", reason="green-5xx in alarm"),
        record("r2", "2026-11-29T09:00:00.5", "failed"),
        record("r4", "2026-11-29T11:00:00Z", "returned", ended_at="2026-11-29T11:05:00Z"),
        (first, {"check": True}),
        first,
        record("r1", "2026-11-29T08:00:00Z", "failed"),
        (dict(app="shop", count=3), {"module": HISTORY_INFO}),
        (dict(app="shop"), {"module": HISTORY_INFO}),
        (dict(app="other"), {"module": HISTORY_INFO}),
    )
    checked, empty, written, _r3, _r2, _r4, rechecked, again, same_id, newest, default, other = results
    assert ok(checked)["changed"] is True and checked["record"]["id"] == "r1"
    assert ok(empty)["records"] == [], "check mode must not write"
    assert ok(written)["changed"] is True
    assert written["record"]["started_at"] == "2026-11-29T08:00:00.000Z"
    assert written["record"]["from"] == {"color": "blue", "version": "1.0"}
    assert written["record"]["analysis"][1]["p_value"] == 0.41
    assert written["record"]["who"]["awx_job_id"] == 7
    assert ok(rechecked)["changed"] is False
    assert ok(again)["changed"] is False and again["record"] == written["record"]
    assert ok(same_id)["changed"] is False and same_id["record"]["outcome"] == "succeeded"

    assert [r["id"] for r in ok(newest)["records"]] == ["r4", "r3", "r2"]
    assert [r["id"] for r in ok(default)["records"]] == ["r4", "r3", "r2", "r1"]
    assert default["records"][3] == written["record"]
    assert default["records"][1]["outcome"] == "rolled_back"
    assert default["records"][1]["reason"] == "green-5xx in alarm"
    assert default["records"][2]["started_at"] == "2026-11-29T09:00:00.500Z"
    assert ok(other)["records"] == []
    assert len(items(dynamodb)) == 4


def test_missing_table_is_named(ansible, tmp_path, aws):
    run = Runner(ansible, tmp_path, LOCK, LOCK_INFO)
    table = dict(table="no-such-table")
    results = run.batch(
        (dict(lock_call(owner="run-a"), **table), {}),
        (dict(lock_call("released", owner="run-a"), **table), {}),
        (dict(lock_call("broken"), **table), {}),
        (dict(app="shop", **table), {"module": LOCK_INFO}),
        (dict(record("r1", "2026-11-29T08:00:00Z"), **table), {"module": HISTORY}),
        (dict(app="shop", **table), {"module": HISTORY_INFO}),
    )
    for result in results:
        failed(result, "table: the DynamoDB table no-such-table does not exist", "the provision playbook creates it")
    assert aws.client("dynamodb").list_tables()["TableNames"] == []


def test_bad_inputs_fail_naming_the_option_and_write_nothing(ansible, tmp_path, dynamodb):
    run = Runner(ansible, tmp_path, LOCK, LOCK_INFO)
    lock_cases = [
        (lock_call(app="shop app", owner="a"), "app must be 1 to 255 letters"),
        (lock_call(owner="a", app="x" * 256), "app must be 1 to 255"),
        (lock_call(), "state is acquired but all of the following are missing: owner"),
        (lock_call("released"), "state is released but all of the following are missing: owner"),
        (lock_call(owner=""), "owner must be 1 to 256 printable characters"),
        (lock_call(owner="a", ttl=0), "ttl must be from 1 to 86400 seconds, got 0"),
        (lock_call(owner="a", ttl=86401), "ttl must be from 1 to 86400 seconds, got 86401"),
        (lock_call("taken", owner="a"), "value of state must be one of: acquired, released, broken"),
        (lock_call(owner="a", table="x"), "table must be a DynamoDB table name"),
        (lock_call(owner="a", holder={"notes": "x" * 70000}), "holder is too large"),
    ]
    lock_info_cases = [
        (dict(app="shop/x"), "app must be"),
        (dict(app="shop", table="bad table"), "table must be a DynamoDB table name"),
    ]
    history_cases = [
        (dict(record("r1", "2026-11-29T08:00:00Z"), app="a b"), "app must be"),
        (record("r1", "2026-11-29T08:00:00Z", "done"), "value of outcome must be one of: succeeded, returned"),
        (record("r1", "yesterday"), "started_at must be an ISO 8601 time"),
        (record("r1", "2026-11-29T08:00:00Z", ended_at="2026-11-29T07:00:00Z"), "ended_at must not be before"),
        (record("r 1", "2026-11-29T08:00:00Z"), "id must be 1 to 128 letters"),
        (record("r1", "2026-11-29T08:00:00Z", steps=[10, 150]), "steps must each be a percent from 0 to 100"),
        (record("r1", "2026-11-29T08:00:00Z", to={"color": "red"}), "got: red found in to"),
        (record("r1", "2026-11-29T08:00:00Z", analysis="fine"), "analysis must be a list or a dict"),
        (record("r1", "2026-11-29T08:00:00Z", shift=""), "shift must be 1 to 64 printable characters"),
        (dict(app="shop", outcome="failed"), "missing required arguments: started_at"),
    ]
    history_info_cases = [
        (dict(app="shop", count=0), "count must be from 1 to 100, got 0"),
        (dict(app="shop", count=101), "count must be from 1 to 100, got 101"),
    ]
    cases = (
        [(args, LOCK, message) for args, message in lock_cases]
        + [(args, LOCK_INFO, message) for args, message in lock_info_cases]
        + [(args, HISTORY, message) for args, message in history_cases]
        + [(args, HISTORY_INFO, message) for args, message in history_info_cases]
    )
    results = run.batch(*[(args, {"module": module}) for args, module, _message in cases])
    for (args, module, message), result in zip(cases, results, strict=True):
        assert result.get("failed") is True, (module, args, result)
        assert message in result["msg"], (module, args, message, result["msg"])
    assert items(dynamodb) == []
