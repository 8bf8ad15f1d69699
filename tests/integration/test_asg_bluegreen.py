"""asg_bluegreen and asg_bluegreen_info through Ansible against moto."""

import json

import pytest
from asg_setup import (
    AMI_1,
    AMI_2,
    AMI_3,
    add_version,
    color_state,
    make_app,
    make_group,
    put_version,
    set_listener_split,
    snapshot,
)
from batch import Runner, failed, ok
from batch import four_steps as run_four_steps

MODULE = "bluegreen.aws.asg_bluegreen"
INFO = "bluegreen.aws.asg_bluegreen_info"


@pytest.fixture
def app(aws):
    return make_app(aws)


@pytest.fixture
def run(ansible, tmp_path):
    return Runner(ansible, tmp_path, MODULE, INFO)


def four_steps(aws, run, app, args):
    return run_four_steps(run, args, lambda: snapshot(aws, app))


def live_up(aws, app, live="blue"):
    """Set-up: version 1 (AMI_1) on ``live`` at 2 instances; the listener sends everything to it."""
    put_version(aws, app, live, 1, 2)
    if live == "green":
        set_listener_split(aws, app, 0, 100)


def both_up(aws, app):
    """Set-up: blue on version 1 (AMI_1), green on version 2 (AMI_2), 2 instances each; traffic on blue."""
    put_version(aws, app, "blue", 1, 2)
    put_version(aws, app, "green", add_version(aws, app, AMI_2), 2)


# ----------------------------------------------------------------------------- releases


def test_first_release_goes_to_blue(aws, run, app):
    args = app.args(image_id=AMI_2, desired_count=2, version="1.0.0")
    checked, applied, reapplied = four_steps(aws, run, app, args)

    for result in (checked, applied):
        assert (result["live_color"], result["idle_color"], result["deployed_color"]) == (None, "blue", "blue")
        assert (result["launch_template_version"], result["image_id"]) == (2, AMI_2)
    assert checked["actions"][:2] == [
        "record version 1.0.0 on the blue color",
        "create version 2 of launch template shop from version 1 with %s" % AMI_2,
    ]
    assert checked["diff"]["before"]["blue"] == {
        "launch_template_version": 1,
        "image_id": AMI_1,
        "desired_capacity": 0,
        "version": None,
    }
    assert checked["diff"]["after"]["blue"] == {
        "launch_template_version": 2,
        "image_id": AMI_2,
        "desired_capacity": 2,
        "version": "1.0.0",
    }
    assert reapplied["diff"]["after"] == checked["diff"]["after"], "check mode predicts the run"
    blue = applied["colors"]["blue"]
    assert (blue["in_service"], blue["running_count"], blue["healthy_targets"]) == (2, 2, 2)
    assert (blue["desired_capacity"], blue["desired_count"], blue["traffic_percent"]) == (2, 2, None)
    assert blue["version"] == "1.0.0" and blue["deployed_at"].endswith("Z")
    assert blue["group_arn"].startswith("arn:aws:autoscaling:")
    # The next run sees blue as the only color up: the version is live, nothing to release.
    assert (reapplied["live_color"], reapplied["deployed_color"]) == ("blue", "blue")
    assert color_state(aws, app, "blue") == ("2", 2, [AMI_2, AMI_2])
    assert color_state(aws, app, "green") == ("1", 0, [])
    versions = aws.client("ec2").describe_launch_template_versions(LaunchTemplateId=app.template_id, Versions=["2"])
    assert versions["LaunchTemplateVersions"][0]["VersionDescription"] == "1.0.0"


@pytest.mark.parametrize("live", ["blue", "green"])
def test_a_release_goes_to_the_idle_color_and_the_live_one_keeps_its_version(aws, run, app, live):
    idle = "green" if live == "blue" else "blue"
    live_up(aws, app, live)
    args = app.args(image_id=AMI_2, version="1.4.2", listener_arn=app.alb.listener_arn)
    checked, applied, _reapplied = four_steps(aws, run, app, args)
    for result in (checked, applied):
        assert (result["live_color"], result["idle_color"], result["deployed_color"]) == (live, idle, idle)
        assert result["launch_template_version"] == 2
    assert checked["diff"]["after"] == {
        live: {"launch_template_version": 1, "image_id": AMI_1, "desired_capacity": 2, "version": None},
        idle: {"launch_template_version": 2, "image_id": AMI_2, "desired_capacity": 2, "version": "1.4.2"},
    }
    assert applied["drift"] == [], "identical colors"
    assert not any("differ" in warning for warning in applied.get("warnings", []))
    colors = applied["colors"]
    assert (colors[live]["traffic_percent"], colors[idle]["traffic_percent"]) == (100, 0)
    assert colors[idle]["target_group_arn"] == app.alb.target_groups[idle]
    assert (colors[idle]["in_service"], colors[idle]["healthy_targets"]) == (2, 2)
    # desired_count defaults to the live color's.
    assert color_state(aws, app, idle) == ("2", 2, [AMI_2, AMI_2])
    assert color_state(aws, app, live) == ("1", 2, [AMI_1, AMI_1])

    assert (colors[idle]["version"], colors[live]["version"]) == ("1.4.2", None)
    assert colors[idle]["deployed_at"].endswith("Z") and colors[live]["deployed_at"] is None
    tags = aws.client("autoscaling").describe_tags(
        Filters=[{"Name": "auto-scaling-group", "Values": [app.group(idle)]}]
    )
    assert ("bluegreen:version", "1.4.2") in [(tag["Key"], tag["Value"]) for tag in tags["Tags"]]


def test_out_of_date_instances_of_the_idle_color_are_replaced(aws, run, app):
    put_version(aws, app, "blue", 1, 2)
    put_version(aws, app, "green", 1, 2)  # green's instances run AMI_1
    add_version(aws, app, AMI_2)  # version 2 exists already: it is used, not made again
    asg = aws.client("autoscaling")

    def green_ids():
        group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["shop-green"])["AutoScalingGroups"][0]
        return sorted(instance["InstanceId"] for instance in group["Instances"])

    old = green_ids()
    args = app.args(image_id=AMI_2, listener_arn=app.alb.listener_arn)
    deployed, again = [ok(result) for result in run.batch(args, args)]
    assert deployed["actions"] == [
        "set group shop-green (green) to launch template version 2 (%s)" % AMI_2,
        "replace 2 instance(s) of group shop-green (green) not on %s: %s" % (AMI_2, ", ".join(old)),
    ], "version 2 is reused, not made again"
    assert (again["changed"], again["actions"]) == (False, [])
    assert not set(green_ids()) & set(old)
    assert color_state(aws, app, "green") == ("2", 2, [AMI_2, AMI_2])

    # A version deployed as it is: back to version 1, with 3 instances.
    back = ok(run.one(app.args(launch_template_version=1, desired_count=3, listener_arn=app.alb.listener_arn)))
    assert [action.split(":")[0] for action in back["actions"]] == [
        "set group shop-green (green) to launch template version 1 (%s)" % AMI_1,
        "replace 2 instance(s) of group shop-green (green) not on %s" % AMI_1,
        "set the desired capacity of group shop-green (green)",
    ]
    assert color_state(aws, app, "green") == ("1", 3, [AMI_1] * 3)
    assert (
        len(
            aws.client("ec2").describe_launch_template_versions(LaunchTemplateId=app.template_id)[
                "LaunchTemplateVersions"
            ]
        )
        == 2
    ), "no version made"


def test_a_release_the_live_color_already_runs_changes_nothing(aws, run, app):
    live_up(aws, app)
    before = snapshot(aws, app)
    listener = app.alb.listener_arn
    same_image, same_version = [
        ok(result)
        for result in run.batch(
            app.args(image_id=AMI_1, listener_arn=listener), app.args(launch_template_version=1, listener_arn=listener)
        )
    ]
    for result in (same_image, same_version):
        assert (result["changed"], result["deployed_color"], result["launch_template_version"]) == (False, "blue", 1)
    assert snapshot(aws, app) == before
    # Another count is another release: it goes to the idle color, on the live color's version.
    other = ok(run.one(app.args(image_id=AMI_1, desired_count=3, listener_arn=listener)))
    assert (other["changed"], other["deployed_color"], other["launch_template_version"]) == (True, "green", 1)
    assert color_state(aws, app, "green") == ("1", 3, [AMI_1] * 3)


# ----------------------------------------------------------------------------- refusals


def test_refuses_to_deploy_onto_the_live_color(aws, run, app):
    live_up(aws, app)
    before = snapshot(aws, app)
    results = run.batch(
        app.args(image_id=AMI_2, color="blue", listener_arn=app.alb.listener_arn),
        # Without a listener, the only color with instances is taken as live.
        app.args(image_id=AMI_2, color="blue"),
        app.args(launch_template_version=1, desired_count=3, color="blue", live_color="blue"),
    )
    failed(results[0], "color: refusing to deploy onto blue", "100% of the traffic", "nothing changed")
    failed(results[1], "color: refusing to deploy onto blue", "the live color", "only color with instances")
    failed(results[2], "color: refusing to deploy onto blue", "live_color=blue")
    assert snapshot(aws, app) == before, "no version made, nothing deployed"


def test_refuses_while_the_listener_is_split_or_nothing_tells_the_live_color(aws, run, app):
    both_up(aws, app)
    listener = app.alb.listener_arn
    before = snapshot(aws, app)
    *ambiguous, finished = run.batch(
        app.args(image_id=AMI_3),
        app.args(launch_template_version=2, desired_count=3),
        app.args(state="scaled_down"),
        app.args(state="scaled_down", color="green"),
        # A finished release run again without the live color changes nothing.
        (app.args(image_id=AMI_2), {"diff": True}),
    )
    for result in ambiguous:
        failed(result, "both colors have instances", "set listener_arn or live_color", "nothing changed")
    assert (ok(finished)["changed"], finished["deployed_color"], finished["live_color"]) == (False, "green", None)
    assert finished["diff"]["before"] == finished["diff"]["after"]
    assert snapshot(aws, app) == before

    set_listener_split(aws, app, 90, 10)
    split_before = snapshot(aws, app)
    *split, scale_green = run.batch(
        *[
            app.args(listener_arn=listener, **extra)
            for extra in ({"image_id": AMI_3}, {"image_id": AMI_1, "color": "green"}, {"state": "scaled_down"})
        ],
        app.args(state="scaled_down", color="green", listener_arn=listener),
    )
    for result in split:
        failed(result, "listener_arn", "blue 90%, green 10%", "shift is under way", "nothing changed")
    failed(scale_green, "refusing to scale down green", "10% of the traffic")
    assert snapshot(aws, app) == split_before
    assert {key: value for key, value in split_before.items() if key != "listener"} == {
        key: value for key, value in before.items() if key != "listener"
    }


def test_refuses_to_scale_down_the_live_color(aws, run, app):
    both_up(aws, app)
    before = snapshot(aws, app)
    blue, only_up = run.batch(
        app.args(state="scaled_down", color="blue", listener_arn=app.alb.listener_arn),
        app.args(state="scaled_down", color="blue", live_color="blue"),
    )
    failed(blue, "refusing to scale down blue", "100% of the traffic", "shift the traffic away")
    failed(only_up, "refusing to scale down blue", "live_color=blue")
    assert snapshot(aws, app) == before


# ----------------------------------------------------------------------------- scale down, rollback, wait


def test_scaled_down_keeps_the_color_for_a_fast_rollback(aws, run, app):
    listener = app.alb.listener_arn
    both_up(aws, app)
    set_listener_split(aws, app, 0, 100)
    aws.client("autoscaling").update_auto_scaling_group(AutoScalingGroupName="shop-blue", MinSize=1)
    args = app.args(state="scaled_down", listener_arn=listener)
    checked, applied, _reapplied = four_steps(aws, run, app, args)
    assert checked["actions"] == ["set the desired capacity of group shop-blue (blue): 2 -> 0, min size 0"]
    assert checked["diff"]["after"]["blue"] == {
        "launch_template_version": 1,
        "image_id": AMI_1,
        "desired_capacity": 0,
        "version": None,
    }
    assert (applied["deployed_color"], applied["launch_template_version"]) == (None, 1)
    assert (applied["colors"]["blue"]["in_service"], applied["colors"]["blue"]["healthy_targets"]) == (0, 0)
    assert color_state(aws, app, "blue") == ("1", 0, [])
    assert color_state(aws, app, "green") == ("2", 2, [AMI_2, AMI_2])

    # Rollback: the old color comes back at its old version, in place.
    rollback = ok(run.one(app.args(color="blue", listener_arn=listener)))
    assert (rollback["changed"], rollback["deployed_color"], rollback["launch_template_version"]) == (True, "blue", 1)
    assert color_state(aws, app, "blue") == ("1", 2, [AMI_1, AMI_1])
    assert color_state(aws, app, "green") == ("2", 2, [AMI_2, AMI_2])


def test_waits_for_healthy_targets(aws, run, app):
    live_up(aws, app)
    put_version(aws, app, "green", 1, 2)
    # moto reports an instance target healthy unless the instance is stopped: the set-up stops green's.
    green = aws.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=["shop-green"])
    aws.client("ec2").stop_instances(InstanceIds=[i["InstanceId"] for i in green["AutoScalingGroups"][0]["Instances"]])
    args = app.args(image_id=AMI_1, color="green", listener_arn=app.alb.listener_arn, wait_timeout=2)
    waited, not_waited, fewer = run.batch(args, dict(args, wait=False), dict(args, min_healthy_targets=0))
    failed(
        waited,
        "gave up waiting for group shop-green to have 2 InService instance(s) on %s" % AMI_1,
        "after 2 seconds (wait_timeout 2)",
        "last seen: 2 of 2 instances InService on %s, 0 other instance(s), 0 of 2 healthy targets" % AMI_1,
        "nothing changed",
    )
    assert waited["changed"] is False
    assert ok(not_waited)["changed"] is False
    assert ok(fewer)["colors"]["green"]["healthy_targets"] == 0


# ----------------------------------------------------------------------------- reports


def test_info_reports_and_never_writes(aws, run, app):
    both_up(aws, app)
    marks = (("bluegreen:version", "1.4.2"), ("bluegreen:deployed-at", "2026-11-29T10:03:10Z"))
    aws.client("autoscaling").create_or_update_tags(
        Tags=[
            {"ResourceId": "shop-green", "ResourceType": "auto-scaling-group", "Key": key, "Value": value}
            for key, value in marks
        ]
    )
    set_listener_split(aws, app, 90, 10)  # a shift under way: asg_bluegreen would refuse, info reports
    before = snapshot(aws, app)
    listener = app.alb.listener_arn
    split, checked, dns, only = [
        ok(result)
        for result in run.batch(
            (app.info_args(listener_arn=listener), {"module": INFO}),
            (app.info_args(listener_arn=listener), {"module": INFO, "check": True}),
            (app.info_args(live_color="green"), {"module": INFO}),
            (app.info_args(), {"module": INFO}),
        )
    ]
    for result in (split, checked):
        assert result["changed"] is False
        assert (result["live_color"], result["idle_color"], result["launch_template_version"]) == (None, None, None)
        colors = result["colors"]
        assert (colors["blue"]["traffic_percent"], colors["green"]["traffic_percent"]) == (90, 10)
        assert (colors["blue"]["image_id"], colors["green"]["image_id"]) == (AMI_1, AMI_2)
        assert (colors["green"]["launch_template_version"], colors["green"]["in_service"]) == (2, 2)
        assert (colors["green"]["version"], colors["green"]["deployed_at"]) == ("1.4.2", "2026-11-29T10:03:10Z")
        assert (colors["blue"]["version"], colors["blue"]["deployed_at"]) == (None, None)
        assert result["drift"] == []
    assert checked["colors"] == split["colors"]
    assert (dns["live_color"], dns["idle_color"], dns["launch_template_version"], dns["image_id"]) == (
        "green",
        "blue",
        2,
        AMI_2,
    )
    assert (only["live_color"], only["colors"]["blue"]["traffic_percent"]) == (None, None)
    assert snapshot(aws, app) == before


def test_drift_between_the_colors_is_returned_and_warned(aws, run, app):
    asg = aws.client("autoscaling")
    live_up(aws, app)
    asg.update_auto_scaling_group(AutoScalingGroupName="shop-green", HealthCheckGracePeriod=300, MaxSize=6)
    version = add_version(aws, app, AMI_2, InstanceType="t3.large")
    listener = app.alb.listener_arn
    deployed, info = [
        ok(result)
        for result in run.batch(
            app.args(launch_template_version=version, listener_arn=listener),
            (app.info_args(listener_arn=listener), {"module": INFO}),
        )
    ]
    for result in (deployed, info):
        assert result["drift"] == [
            {"setting": "instance_type", "blue": None, "green": "t3.large"},
            {"setting": "health_check_grace_period", "blue": 60, "green": 300},
            {"setting": "max_size", "blue": 4, "green": 6},
        ]
        assert any("blue and green environments differ" in warning for warning in result["warnings"])


# ----------------------------------------------------------------------------- bad inputs

BAD_INPUTS = [
    ({"image_id": "ubuntu"}, ["image_id", "ubuntu"]),
    ({"image_id": "ami-0000000000000000a"}, ["image_id", "ami-0000000000000000a"]),
    ({"launch_template_version": 99, "image_id": None}, ["launch_template_version", "99"]),
    ({"launch_template_version": 0, "image_id": None}, ["launch_template_version", "0"]),
    ({"launch_template_version": 1}, ["image_id", "launch_template_version"]),
    ({"color": "red"}, ["color", "red"]),
    ({"state": "running"}, ["state", "running"]),
    ({"state": "scaled_down", "desired_count": 3, "image_id": None}, ["desired_count", "state=deployed"]),
    ({"desired_count": 0}, ["desired_count", "0"]),
    ({"desired_count": 9}, ["desired_count", "9", "max size 4"]),
    ({"min_healthy_targets": 3, "desired_count": 2}, ["min_healthy_targets", "3"]),
    ({"min_healthy_targets": -1}, ["min_healthy_targets", "-1"]),
    ({"wait_timeout": -1}, ["wait_timeout", "-1"]),
    ({"version": "a\nb"}, ["version"]),
    ({"image_id": None}, ["state=deployed needs image_id or launch_template_version"]),
    ({"app": "shop shop"}, ["app", "shop shop"]),
    ({"blue_group": "nope"}, ["blue_group", "nope"]),
    ({"green_group": "shop-blue"}, ["blue_group and green_group", "shop-blue"]),
    ({"launch_template": "nope"}, ["launch_template", "nope"]),
    ({"launch_template": "x"}, ["launch_template", "'x'"]),
    ({"listener_arn": "not-an-arn"}, ["listener_arn", "not-an-arn"]),
    ({"live_color": "blue"}, ["listener_arn", "live_color"]),
    ({"green_group": "other"}, ["green_group", "other", "launch template other"]),
]


def test_bad_inputs_fail_clearly_and_change_nothing(aws, run, app):
    ec2 = aws.client("ec2")
    ec2.create_launch_template(LaunchTemplateName="other", LaunchTemplateData={"ImageId": AMI_1})
    make_group(aws.client("autoscaling"), app.alb, "other", "green", template="other")
    listener = app.alb.listener_arn
    cases = list(BAD_INPUTS)
    missing = listener[:-4] + "0000"
    cases.append(({"listener_arn": missing}, ["listener_arn", missing]))
    calls = []
    for extra, _fragments in cases:
        args = app.args(image_id=AMI_2, listener_arn=listener)
        args.update(extra)
        calls.append(dict((key, value) for key, value in args.items() if value is not None))
    info_cases = [
        ({"app": "shop shop"}, ["app", "shop shop"]),
        ({"blue_group": "nope"}, ["blue_group", "nope"]),
        ({"launch_template": "lt-0123456789abcdef0"}, ["launch_template", "lt-0123456789abcdef0"]),
        ({"image_id": AMI_2}, ["image_id"]),
        ({"state": "deployed"}, ["state"]),
        ({"listener_arn": listener, "live_color": "blue"}, ["listener_arn", "live_color"]),
    ]
    calls += [(app.info_args(**extra), {"module": INFO}) for extra, _fragments in info_cases]
    before = snapshot(aws, app)
    results = run.batch(*calls)
    for (extra, fragments), result in zip(cases + info_cases, results, strict=True):
        assert result.get("failed") is True, "%r did not fail: %s" % (extra, json.dumps(result))
        for fragment in fragments:
            assert fragment in result["msg"], "%r: %r not in %r" % (extra, fragment, result["msg"])
    assert snapshot(aws, app) == before, "a bad input must leave AWS untouched"
