"""The safety rails of the release playbooks against moto: the release lock, the release history and the
A/B analysis gate of deploy.

One fleet of apps, provisioned once on this module's own moto server; each test takes an app of its own.
Every check of AWS is made from outside (boto3), besides the playbooks' own summaries.
"""

import itertools
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from alarm_setup import LONG_HOLD
from conftest import kill_run
from release_setup import ListenerWrites, deploy_failures, failed, failures, ok, playbook, serve_fleet

BIN = os.path.dirname(sys.executable)
TABLE = "bluegreen-releases"

pytestmark = pytest.mark.xdist_group("release_safety")

# One app for the whole module, provisioned once: the tests run in order, each from where the one before left
# it (they read the live color from AWS first). JOURNAL lists the history records the runs so far must have
# written, oldest first: (outcome, color released to, its version).
APP = "safety"
JOURNAL = []
_versions = itertools.count(1)
OTHER = {"blue": "green", "green": "blue"}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    yield from serve_fleet(tmp_path_factory, "safety", {APP: "service_pair"})


@pytest.fixture
def app(fleet):
    """The app, with a first release made (the first release of an app goes all at once: nothing to compare)."""
    shop = fleet.apps[APP]
    if live(shop) == "blue" and shop.color("green")[0] is None:
        version = next_version()
        ok(shop.deploy(version))
        JOURNAL.append(("succeeded", "green", version))
    return shop


@pytest.fixture
def writes(fleet):
    return ListenerWrites(fleet.aws.server.endpoint)


def next_version():
    return "%d.0" % next(_versions)


def live(shop):
    return {(100, 0): "blue", (0, 100): "green"}.get(shop.split())


def split_at(color, percent):
    """The (blue, green) split with ``percent`` on ``color``."""
    return (percent, 100 - percent) if color == "blue" else (100 - percent, percent)


def table(fleet):
    return boto3.resource(
        "dynamodb",
        endpoint_url=fleet.aws.server.endpoint,
        region_name=fleet.aws.env["AWS_DEFAULT_REGION"],
        aws_access_key_id=fleet.aws.env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=fleet.aws.env["AWS_SECRET_ACCESS_KEY"],
    ).Table(TABLE)


def lock_of(fleet, name=APP):
    return table(fleet).get_item(Key={"app": name, "sk": "lock"}, ConsistentRead=True).get("Item")


def records_of(fleet, name=APP):
    """The app's history records, newest first, read from outside."""
    return table(fleet).query(
        KeyConditionExpression="app = :app AND begins_with(sk, :prefix)",
        ExpressionAttributeValues={":app": name, ":prefix": "release#"},
        ScanIndexForward=False,
        ConsistentRead=True,
    )["Items"]


def deploy_vars(shop, version, **extra):
    variables = dict(shop.vars, bluegreen_version=version, bluegreen_image="registry.example.com/shop:%s" % version)
    variables.update(extra)
    return variables


def start_deploy(fleet, shop, version, **extra):
    command = [os.path.join(BIN, "ansible-playbook"), playbook("deploy"), "-e"]
    return fleet.ansible.process(command + [json.dumps(deploy_vars(shop, version, **extra))])


def wait_for(what, predicate, process=None, timeout=LONG_HOLD / 2):
    """Poll ``predicate()`` until true; fail naming ``what`` after ``timeout`` s or when ``process`` ends first."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert process is None or process.poll() is None, "the run ended before %s" % what
        assert time.monotonic() < deadline, "%s was never seen" % what
        time.sleep(0.2)


def report_of(process, timeout=LONG_HOLD / 2):
    stdout, stderr = process.communicate(timeout=timeout)
    try:
        return process.returncode, json.loads(stdout)
    except ValueError as error:
        raise AssertionError("no JSON report:\n%s\n%s" % (stdout, stderr)) from error


def test_one_release_at_a_time_and_rollback_breaks_the_lock(fleet, app, writes):
    before = live(app)
    new = OTHER[before]
    assert lock_of(fleet) is None, "deploy gives the lock back"

    # Two deploys at the same moment: exactly one proceeds (and holds its canary), the other fails at once.
    canary = dict(bluegreen_shift="canary", bluegreen_step_interval=LONG_HOLD)
    version = next_version()
    runs = [start_deploy(fleet, app, version, **canary) for _twin in range(2)]
    try:
        wait_for("one deploy ending", lambda: any(run.poll() is not None for run in runs))
        loser = next(run for run in runs if run.poll() is not None)
        winner = next(run for run in runs if run is not loser)
        code, report = report_of(loser)
        assert code != 0
        holder = lock_of(fleet)
        messages = failures(report)
        assert len(messages) == 1 and "Take the release lock" in messages[0], messages
        assert "is held by %s" % holder["owner"] in messages[0] and "since %s" % holder["acquired_at"] in messages[0]
        assert "playbook bluegreen.aws.deploy" in messages[0]
        last = report["plays"][0]["tasks"][-1]
        assert "Take the release lock" in last["task"]["name"], "the loser stopped at the lock, writing nothing else"
        wait_for("the winner's canary", lambda: app.split() == split_at(new, 10), winner)
    finally:
        for run in runs:
            kill_run(run)  # kill -9 of the winner, holding its canary (and its lock)

    # The dead run's lock is still there; rollback does not wait for it: it breaks it and says whose it was.
    held = lock_of(fleet)
    assert held["owner"] == holder["owner"]
    writes.start()
    lines = ok(app.run("rollback"))
    assert live(app) == before and writes.count() == 1
    JOURNAL.append(("rolled_back", before, app.color(before)[0]))
    assert any(
        line.startswith("note: broke the release lock of %s" % held["owner"]) and held["acquired_at"] in line
        for line in lines
    ), lines
    assert lock_of(fleet) is None
    assert records_of(fleet)[0]["broken_lock"]["owner"] == held["owner"]


def test_the_next_deploy_takes_a_dead_runs_lock_once_it_expires(fleet, app):
    new = OTHER[live(app)]
    # Killed after its promotion (waiting to scale the old color down) with a short lease.
    run = start_deploy(fleet, app, next_version(), bluegreen_lock_ttl=3, bluegreen_scale_down_delay=LONG_HOLD)
    try:
        wait_for("the new color live", lambda: live(app) == new, run)
    finally:
        kill_run(run)
    expiry = lock_of(fleet)["expires_at_epoch"]
    wait_for("the lease to expire", lambda: time.time() > float(expiry) + 0.5)
    version = next_version()
    lines = ok(app.deploy(version))
    assert live(app) == OTHER[new] and "%s is live on %s" % (version, OTHER[new]) in lines[0]
    JOURNAL.append(("succeeded", OTHER[new], version))
    assert lock_of(fleet) is None


def test_the_history_of_the_releases_and_rollbacks(fleet, app):
    records = records_of(fleet)
    assert [(r["outcome"], r["to"]["color"], r["to"].get("version")) for r in records] == JOURNAL[::-1]
    assert records[0]["who"]["playbook"] == "bluegreen.aws.deploy" and records[0]["broken_lock"] is None
    assert records[0]["from"]["color"] == OTHER[records[0]["to"]["color"]]
    assert records[0]["shift"] == "all_at_once" and [int(step) for step in records[0]["steps"]] == [100]

    status_file = os.path.join(app.state_dir, "status.json")
    lines = ok(app.run("status", bluegreen_status_file=status_file))
    shown = [line for line in lines if line.startswith("note: release ")]
    assert len(shown) == min(5, len(JOURNAL)), lines
    outcome, color, version = JOURNAL[-1]
    assert "-> %s (%s): %s" % (version, color, outcome) in shown[0]
    with open(status_file) as handle:
        history = json.load(handle)["history"]
    assert [record["outcome"] for record in history] == [outcome for outcome, _c, _v in JOURNAL[::-1][:5]]

    # Without release marks on the target groups, rollback reads the platform and takes the color from the history.
    before = live(app)
    for color in ("blue", "green"):
        app.elbv2.remove_tags(
            ResourceArns=[app.target_group(color)], TagKeys=["bluegreen:deployed-at", "bluegreen:version"]
        )
    lines = ok(app.run("rollback"))
    expected = records[0]["from"]["color"]
    assert any(
        "the release history tells the color live before the newest release: %s" % expected in line for line in lines
    )
    assert live(app) == expected == OTHER[before]
    JOURNAL.append(("rolled_back", expected, app.color(expected)[0]))
    assert len(records_of(fleet)) == len(JOURNAL)


def put_traffic(fleet, shop, color, requests, errors, latency):
    """ALB metrics of ``color`` at every minute from 20 minutes ago to 10 minutes ahead, so that any window
    of a minute or more holds them (test set-up)."""
    group = shop.target_group(color)
    balancer = shop.elbv2.describe_load_balancers(Names=[shop.name])["LoadBalancers"][0]["LoadBalancerArn"]
    dimensions = [
        {"Name": "TargetGroup", "Value": "targetgroup/" + group.split(":targetgroup/")[1]},
        {"Name": "LoadBalancer", "Value": balancer.split(":loadbalancer/")[1]},
    ]
    now = datetime.now(timezone.utc).replace(second=30, microsecond=0)
    cloudwatch = fleet.aws.client("cloudwatch")
    for minute in range(-20, 10):
        when = now + timedelta(minutes=minute)
        data = [
            ("RequestCount", requests, "Count"),
            ("HTTPCode_Target_5XX_Count", errors, "Count"),
            ("TargetResponseTime", latency, "Seconds"),
        ]
        cloudwatch.put_metric_data(
            Namespace="AWS/ApplicationELB",
            MetricData=[
                {"MetricName": name, "Dimensions": dimensions, "Value": value, "Unit": unit, "Timestamp": when}
                for name, value, unit in data
            ],
        )


def test_the_ab_analysis_gates_each_held_step(fleet, app, writes):
    first, second = OTHER[live(app)], live(app)  # the colors the next two deploys go to
    # The first new color errs at 1%, the other at 3%: the first deploy passes, the second fails.
    put_traffic(fleet, app, first, 1000, 10, 0.2)
    put_traffic(fleet, app, second, 1000, 30, 0.2)
    analysis = dict(
        bluegreen_analysis=True,
        bluegreen_analysis_latency_stat="Average",
        bluegreen_analysis_min_requests=500,
        bluegreen_steps=[50],
        bluegreen_step_interval=1,
    )
    version = next_version()
    lines = ok(app.deploy(version, **analysis))
    assert live(app) == first
    JOURNAL.append(("succeeded", first, version))
    assert any(line.startswith("done: A/B analysis at 50%% %s: PASS" % first) for line in lines), lines
    record = records_of(fleet)[0]
    assert record["outcome"] == "succeeded" and record["analysis"]["ab"][0]["verdict"] == "pass"

    writes.start()
    version = next_version()
    failed(
        app.deploy(version, **analysis),
        "the A/B analysis failed (FAIL: %s (new) against %s" % (second, first),
        "rolled back",
    )
    assert live(app) == first
    assert writes.count() == 3, "the test listener, the step, the return in one write"
    record = records_of(fleet)[0]
    assert record["outcome"] == "returned" and record["analysis"]["ab"][0]["verdict"] == "fail"
    assert "A/B analysis failed" in record["reason"]
    assert lock_of(fleet) is None


def test_a_shift_whose_run_lost_its_lock_writes_nothing(fleet, app, writes):
    before = app.split()
    writes.start()
    args = dict(load_balancer=APP, port=80, blue_target_group="%s-blue" % APP, green_target_group="%s-green" % APP)
    args.update(shift_to=OTHER[live(app)], min_healthy_targets=0, lease=dict(app=APP, owner="a-run-that-lost-it"))
    result = fleet.ansible.module("bluegreen.aws.alb_shift", args)
    assert result.get("failed") and "no longer held by a-run-that-lost-it" in result["msg"], result
    assert "without writing anything more" in result["msg"]
    assert writes.count() == 0 and app.split() == before


BAD_INPUTS = {
    "table": ({"bluegreen_state_table": "x"}, "bluegreen_state_table must be a DynamoDB table name"),
    "ttl": ({"bluegreen_lock_ttl": 0}, "bluegreen_lock_ttl must be from 1 to 86400 seconds, got 0"),
    "ttl-type": ({"bluegreen_lock_ttl": "soon"}, "bluegreen_lock_ttl"),
    "analysis": ({"bluegreen_analysis": "perhaps"}, "bluegreen_analysis"),
    "alpha": ({"bluegreen_analysis_alpha": 1.5}, "bluegreen_analysis_alpha must be above 0 and below 1, got 1.5"),
    "alpha-type": ({"bluegreen_analysis_alpha": "low"}, "bluegreen_analysis_alpha"),
    "min-requests": ({"bluegreen_analysis_min_requests": 0}, "bluegreen_analysis_min_requests must be 1 or more"),
    "stat": ({"bluegreen_analysis_latency_stat": "Sum"}, "bluegreen_analysis_latency_stat must be a CloudWatch"),
    "ratio": ({"bluegreen_analysis_latency_ratio": 0.5}, "bluegreen_analysis_latency_ratio must be 1 or more"),
    "inconclusive": ({"bluegreen_analysis_inconclusive": "retry"}, "bluegreen_analysis_inconclusive"),
}


def test_bad_inputs_name_the_variable_and_write_nothing(fleet, tmp_path, writes):
    """One deploy run over an inventory of apps, each with one bad variable: each fails on its own, before
    the lock or any other write."""
    hosts = {}
    for name, (changes, _fragment) in BAD_INPUTS.items():
        variables = deploy_vars(fleet.apps[APP], "9.0", ansible_connection="local", bluegreen_app="bad")
        variables.update(changes)
        hosts[name] = variables
    writes.start()
    messages = deploy_failures(fleet.ansible, tmp_path, hosts)
    for name, (_changes, fragment) in BAD_INPUTS.items():
        assert fragment in messages.get(name, ""), (name, messages.get(name))
    assert writes.count() == 0
    assert lock_of(fleet, "bad") is None and records_of(fleet, "bad") == []
