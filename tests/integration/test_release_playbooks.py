"""The deploy, promote, verify, rollback, status and scale_down playbooks against moto.

Every check of AWS is made from outside (boto3), besides the playbooks' own summaries.
"""

import json
import os
import sys

import pytest
from release_setup import ListenerWrites, deploy_failures, failed, ok, serve_fleet

BIN = os.path.dirname(sys.executable)


# Every test of this module takes an app of its own from one fleet, provisioned once by one
# provision run on this module's own moto server: the tests stay on one xdist worker.
pytestmark = pytest.mark.xdist_group("release_playbooks")

# The alarm mid-shift and the rollback after a killed deploy are Molecule's (ecs_service_pair,
# ecs_task_set, rollback_drill): each path is run once in the suite.
APPS = {
    "cycle": "service_pair",
    "tasksets": "task_set",
    "checks": "service_pair",
}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    yield from serve_fleet(tmp_path_factory, "release", APPS)


@pytest.fixture
def writes(fleet):
    return ListenerWrites(fleet.aws.server.endpoint)


def test_a_release_cycle(fleet, writes):
    shop = fleet.apps["cycle"]
    # First release: all at once onto the idle color (the listener starts at blue, which runs nothing).
    lines = ok(shop.deploy("1.0"))
    assert shop.split() == (0, 100)
    assert shop.color("green") == ("1.0", 2)
    assert "1.0 is live on green" in lines[0]

    # The version already live: nothing is written.
    writes.start()
    lines = ok(shop.deploy("1.0"))
    assert writes.count() == 0
    assert "already live on green" in lines[0]

    # Stopped before promotion: ready behind the test listener, production untouched.
    lines = ok(shop.deploy("2.0", bluegreen_auto_promote=False))
    assert shop.split() == (0, 100) and shop.split(port=8080) == (100, 0)
    assert shop.color("blue") == ("2.0", 2)
    assert "production traffic was not moved" in lines[0]

    # Rollback from there has nothing to shift, and says so.
    writes.start()
    lines = ok(shop.run("rollback"))
    assert writes.count() == 0 and shop.split() == (0, 100)
    assert "nothing to shift" in lines[0]

    lines = ok(shop.run("promote", bluegreen_shift="linear", bluegreen_linear_percent=50))
    assert shop.split() == (100, 0)
    assert "2.0 is live on blue" in lines[0]
    assert any("steps 50 -> 100%" in line for line in lines)

    # Rollback after a full promotion: exactly one router write, back to the previous color.
    writes.start()
    lines = ok(shop.run("rollback"))
    assert writes.count() == 1
    assert shop.split() == (0, 100)
    assert lines[0] == "cycle rollback: rolled back to green"
    assert "traffic: blue 100%, green 0% -> blue 0%, green 100%" in lines
    # The router alone told the color (the release marks on the target groups): ECS was not read.
    assert ["blue     0%  version 2.0", "green  100%  version 1.0"] == lines[2:4], lines
    assert not any("could not switch" in line for line in lines)

    writes.start()
    ok(shop.run("rollback"))
    assert writes.count() == 0, "already rolled back"

    status_file = os.path.join(shop.state_dir, "status.json")
    lines = ok(shop.run("status", bluegreen_status_file=status_file))
    with open(status_file) as handle:
        status = json.load(handle)
    assert (status["live_color"], status["split"]) == ("green", {"blue": 0, "green": 100})
    assert (status["colors"]["blue"]["version"], status["colors"]["green"]["version"]) == ("2.0", "1.0")
    assert status["colors"]["green"]["healthy_targets"] == 1
    assert status["test_listener_color"] == "blue"
    assert lines[0] == "cycle status: live color green"


def test_task_sets_deploy_promote_and_roll_back(fleet, writes):
    shop = fleet.apps["tasksets"]
    ok(shop.deploy("1.0"))
    assert shop.split() == (0, 100) and shop.color("green") == ("1.0", 2)
    ok(shop.deploy("2.0", bluegreen_auto_promote=False))
    assert shop.split() == (0, 100) and shop.split(port=8080) == (100, 0)
    lines = ok(shop.run("promote"))
    assert shop.split() == (100, 0) and "2.0 is live on blue" in lines[0]
    primary = [
        task_set["externalId"]
        for task_set in shop.ecs.describe_services(cluster="tasksets", services=["tasksets"])["services"][0]["taskSets"]
        if task_set["status"] == "PRIMARY"
    ]
    assert primary == ["blue"], "promote makes the new task set primary"
    writes.start()
    ok(shop.run("rollback"))
    assert shop.split() == (0, 100) and writes.count() == 1


def test_a_failed_check_before_promotion_shifts_nothing_and_one_after_returns_the_traffic(fleet, writes):
    pair = fleet.apps["checks"]
    ok(pair.deploy("1.0"))
    pair.fault("blue", 500)
    lines = failed(pair.deploy("2.0"), "pre-promotion check of blue failed", "answered 500")
    assert pair.split() == (0, 100) and pair.split(port=8080) == (100, 0)
    assert "traffic: blue 0%, green 100% (unchanged)" in lines

    # The same release again: blue passes the pre-promotion check, then fails the live one.
    pair.fault("blue", 503, after=1)
    writes.start()
    failed(pair.deploy("2.0"), "post-promotion check of blue failed", "the traffic was returned to green")
    assert pair.split() == (0, 100)
    assert writes.count() == 2, "the shift and the return (the test listener already reaches blue)"


# ----------------------------------------------------------------------------- bad inputs

BAD_DEPLOYS = {
    "no-app": ({"bluegreen_app": None}, "bluegreen_app"),
    "platform": ({"bluegreen_platform": "k8s"}, "bluegreen_platform"),
    "router": ({"bluegreen_router": "nginx"}, "bluegreen_router"),
    "strategy": ({"bluegreen_ecs_strategy": "rolling"}, "bluegreen_ecs_strategy"),
    "shift": ({"bluegreen_shift": "gradual"}, "bluegreen_shift"),
    "canary": ({"bluegreen_canary_percent": 150}, "bluegreen_canary_percent must be from 1 to 99, got 150"),
    "linear": ({"bluegreen_linear_percent": 0}, "bluegreen_linear_percent must be from 1 to 99, got 0"),
    "steps": ({"bluegreen_steps": [50, 10]}, "bluegreen_steps must be strictly ascending"),
    "no-version": ({"bluegreen_version": None}, "bluegreen_version is required"),
    "no-image": ({"bluegreen_image": ""}, "bluegreen_image is required"),
    "url": ({"bluegreen_verify_urls": {"blue": "ftp:/x"}}, "bluegreen_verify_urls must map each color"),
    "long-app": ({"bluegreen_app": "a" * 27}, "bluegreen_app must be 1 to 26"),
    "port": ({"bluegreen_listener_port": 0}, "bluegreen_listener_port must be from 1 to 65535, got 0"),
    "same-ports": ({"bluegreen_test_listener_port": 80}, "bluegreen_test_listener_port must differ"),
    "status": ({"bluegreen_verify_status": 42}, "bluegreen_verify_status must be an HTTP status"),
    "version": ({"bluegreen_version": "1.0 beta"}, "bluegreen_version must be 1 to 128"),
    "bool": ({"bluegreen_auto_promote": "maybe"}, "bluegreen_auto_promote"),
    "delay": ({"bluegreen_scale_down_delay": -5}, "bluegreen_scale_down_delay must be 0 or more"),
    "ec2-no-ami": ({"bluegreen_platform": "ec2", "bluegreen_image": None}, "bluegreen_image_id is required"),
    "ec2-type": (
        {"bluegreen_platform": "ec2", "bluegreen_image_id": "ami-12c6146b", "bluegreen_instance_type": "big"},
        "bluegreen_instance_type must be an EC2 instance type",
    ),
    "ec2-grace": (
        {"bluegreen_platform": "ec2", "bluegreen_image_id": "ami-12c6146b", "bluegreen_health_check_grace_period": -1},
        "bluegreen_health_check_grace_period must be 0 or more",
    ),
    "ec2-ami": ({"bluegreen_platform": "ec2", "bluegreen_image_id": "ubuntu"}, "bluegreen_image_id must be an AMI id"),
}


def test_bad_inputs_name_the_variable_and_write_nothing(fleet, tmp_path, writes):
    aws, ansible = fleet.aws, fleet.ansible
    """One deploy run over an inventory of apps, each with one bad variable: each fails on its own."""
    hosts = {}
    for name, (changes, _fragment) in BAD_DEPLOYS.items():
        variables = {"ansible_connection": "local", "bluegreen_app": "shop", "bluegreen_version": "1.0"}
        variables["bluegreen_image"] = "registry.example.com/shop:1.0"
        variables.update(changes)
        hosts[name] = {key: value for key, value in variables.items() if value is not None}
    writes.start()
    messages = deploy_failures(ansible, tmp_path, hosts)
    for name, (_changes, fragment) in BAD_DEPLOYS.items():
        assert name in messages, "%s did not fail" % name
        assert fragment in messages[name], (name, messages[name])
    assert writes.count() == 0
    balancers = aws.client("elbv2").describe_load_balancers()["LoadBalancers"]
    assert sorted(balancer["LoadBalancerName"] for balancer in balancers) == sorted(APPS), "no new load balancer"
    clusters = aws.client("ecs").list_clusters()["clusterArns"]
    assert sorted(arn.rsplit("/", 1)[-1] for arn in clusters) == sorted(APPS), "no new cluster"
