"""ecs_bluegreen and ecs_bluegreen_info through Ansible against moto, for both strategies."""

import json

import pytest
from alb_setup import listener_split
from batch import CHECK, DIFF, Runner, failed, ok
from batch import four_steps as run_four_steps
from ecs_setup import (
    color_state,
    make_app,
    make_service,
    put_version,
    register_task_definition,
    set_listener_split,
    snapshot,
)

MODULE = "bluegreen.aws.ecs_bluegreen"
INFO = "bluegreen.aws.ecs_bluegreen_info"


@pytest.fixture(params=["service_pair", "task_set"])
def app(request, aws):
    return make_app(aws, request.param)


@pytest.fixture
def service_pair(aws):
    return make_app(aws, "service_pair")


@pytest.fixture
def task_set(aws):
    return make_app(aws, "task_set")


def blue_up(aws, app):
    """Set-up: shop:1 on blue at 2 tasks; the listener sends everything to blue."""
    put_version(aws, app, "blue", app.task_definitions[0], 2)


def both_up(aws, app):
    """Set-up: shop:1 on blue and shop:2 on green, 2 tasks each; the listener sends everything to blue."""
    put_version(aws, app, "blue", app.task_definitions[0], 2)
    put_version(aws, app, "green", app.task_definitions[1], 2)


@pytest.fixture
def run(ansible, tmp_path):
    return Runner(ansible, tmp_path, MODULE, INFO)


def four_steps(aws, run, app, args):
    """Check mode (changed, writes nothing), apply (changed), check (unchanged), apply (unchanged)."""
    return run_four_steps(run, args, lambda: snapshot(aws, app))


# ----------------------------------------------------------------------------- releases


def test_first_release_goes_to_blue(aws, run, app):
    args = app.first_release_args(task_definition="shop:1", desired_count=2)
    checked, applied, reapplied = four_steps(aws, run, app, args)

    for result in (checked, applied):
        assert result["deployed_color"] == "blue"
        assert result["live_color"] is None
        assert result["idle_color"] == "blue"
        assert result["task_definition"] == app.task_definitions[0]
    assert checked["diff"]["before"]["blue"]["desired_count"] == 0
    assert checked["diff"]["after"]["blue"] == {"task_definition": "shop:1", "desired_count": 2, "version": None}
    assert checked["colors"]["blue"]["desired_count"] == 2
    assert checked["colors"]["blue"]["traffic_percent"] is None
    assert applied["colors"]["blue"]["task_definition"] == app.task_definitions[0]
    assert applied["colors"]["blue"]["desired_count"] == 2
    # The next run sees blue as the only color up: the version is live, nothing to release.
    assert (reapplied["live_color"], reapplied["deployed_color"]) == ("blue", "blue")

    assert color_state(aws, app, "blue") == ("shop:1", 2)
    if app.strategy == "service_pair":
        assert color_state(aws, app, "green") == ("shop:1", 0)
        assert applied["colors"]["blue"]["running_count"] == 2
    else:
        assert color_state(aws, app, "green") is None
        assert applied["colors"]["green"]["arn"] is None


def test_second_release_goes_to_green_and_blue_keeps_its_version(aws, run, app):
    blue_up(aws, app)
    args = app.args(task_definition="shop:2", listener_arn=app.alb.listener_arn)
    checked, applied, _reapplied = four_steps(aws, run, app, args)

    for result in (checked, applied):
        assert (result["live_color"], result["idle_color"], result["deployed_color"]) == ("blue", "green", "green")
        assert result["task_definition"] == app.task_definitions[1]
    assert checked["diff"]["after"] == {
        "blue": {"task_definition": "shop:1", "desired_count": 2, "version": None},
        "green": {"task_definition": "shop:2", "desired_count": 2, "version": None},
    }
    assert applied["drift"] == [], "identical colors"
    assert not any("differ" in warning for warning in applied.get("warnings", []))
    colors = applied["colors"]
    assert (colors["blue"]["traffic_percent"], colors["green"]["traffic_percent"]) == (100, 0)
    assert colors["green"]["target_group_arn"] == app.alb.target_groups["green"]
    assert colors["blue"]["target_group_arn"] == app.alb.target_groups["blue"]
    # desired_count defaults to the live color's.
    assert color_state(aws, app, "green") == ("shop:2", 2)
    assert color_state(aws, app, "blue") == ("shop:1", 2)


def test_a_version_marks_the_color_once_and_info_reports_it(aws, run, app):
    blue_up(aws, app)
    args = app.args(images={"web": "nginx:3"}, version="1.4.2", listener_arn=app.alb.listener_arn)
    checked, applied, reapplied = four_steps(aws, run, app, args)
    assert checked["diff"]["after"]["green"]["version"] == "1.4.2"
    assert "record version 1.4.2 on the green color" in applied["actions"]
    info = ok(run.info(app.info_args(listener_arn=app.alb.listener_arn)))
    green, blue = info["colors"]["green"], info["colors"]["blue"]
    assert green["version"] == "1.4.2" and green["deployed_at"].endswith("Z")
    assert (blue["version"], blue["deployed_at"]) == (None, None)
    tags = aws.client("ecs").describe_task_definition(taskDefinition=applied["task_definition"], include=["TAGS"])
    assert {"key": "bluegreen:version", "value": "1.4.2"} in tags["tags"]
    # The router's side of the color is marked alike (alb_shift shift_to=previous reads it); blue is not.
    groups = aws.client("elbv2").describe_tags(
        ResourceArns=[app.alb.target_groups["green"], app.alb.target_groups["blue"]]
    )
    marks = {
        item["ResourceArn"]: {tag["Key"]: tag["Value"] for tag in item["Tags"]} for item in groups["TagDescriptions"]
    }
    green_marks = marks[app.alb.target_groups["green"]]
    assert (green_marks["bluegreen:version"], green_marks["bluegreen:deployed-at"]) == ("1.4.2", green["deployed_at"])
    assert "bluegreen:version" not in marks[app.alb.target_groups["blue"]]


def test_task_set_copies_the_live_task_sets_settings(aws, run, task_set):
    blue_up(aws, task_set)
    ok(run.one(task_set.args(task_definition="shop:2", listener_arn=task_set.alb.listener_arn)))
    task_sets = aws.client("ecs").describe_task_sets(cluster=task_set.cluster, service=task_set.app)["taskSets"]
    by_color = {t["externalId"]: t for t in task_sets}
    assert set(by_color) == {"blue", "green"}
    for key in ("launchType", "networkConfiguration", "platformVersion"):
        assert by_color["green"][key] == by_color["blue"][key]
    assert by_color["green"]["loadBalancers"] == [
        {"targetGroupArn": task_set.alb.target_groups["green"], "containerName": "web", "containerPort": 80}
    ]
    assert by_color["green"]["scale"] == {"value": 100.0, "unit": "PERCENT"}


def test_task_set_replaces_the_older_idle_task_set(aws, run, task_set):
    both_up(aws, task_set)
    ecs = aws.client("ecs")
    old_green = color_state(aws, task_set, "green")
    old_arns = {
        t["externalId"]: t["taskSetArn"] for t in ecs.describe_task_sets(cluster="prod", service="shop")["taskSets"]
    }
    result = ok(
        run.one(task_set.args(task_definition="shop:1", desired_count=3, listener_arn=task_set.alb.listener_arn))
    )
    assert result["actions"] == [
        "update service shop: desired count 2 -> 3",
        "delete the older green task set (task definition shop:2)",
        "create the green task set: task definition shop:1 at 100% scale",
    ]
    assert "desired_count 3 also scales the live blue task set" in " ".join(result["warnings"])
    task_sets = ecs.describe_task_sets(cluster="prod", service="shop")["taskSets"]
    assert sorted(t["externalId"] for t in task_sets) == ["blue", "green"], "one task set a color"
    new_arns = {t["externalId"]: t["taskSetArn"] for t in task_sets}
    assert new_arns["blue"] == old_arns["blue"]
    assert new_arns["green"] != old_arns["green"]
    assert (old_green, color_state(aws, task_set, "green")) == (("shop:2", 2), ("shop:1", 3))
    assert result["colors"]["green"]["arn"] == new_arns["green"]


def test_desired_count_defaults_to_one_for_a_first_release(aws, run, app):
    result = ok(run.one(app.first_release_args(task_definition="shop:1"), check=True, diff=True))
    assert result["diff"]["after"]["blue"] == {"task_definition": "shop:1", "desired_count": 1, "version": None}
    assert result["colors"]["blue"]["desired_count"] == 1


def test_images_registers_one_revision_then_none(aws, run, app):
    ecs = aws.client("ecs")
    blue_up(aws, app)
    args = app.args(images={"web": "nginx:3"}, listener_arn=app.alb.listener_arn)
    checked, applied, reapplied = four_steps(aws, run, app, args)

    assert checked["task_definition_registered"] is True
    assert applied["task_definition_registered"] is True
    assert reapplied["task_definition_registered"] is False
    revisions = ecs.list_task_definitions(familyPrefix="shop")["taskDefinitionArns"]
    assert len(revisions) == 3, "exactly one new revision"
    new = ecs.describe_task_definition(taskDefinition=applied["task_definition"])["taskDefinition"]
    base = ecs.describe_task_definition(taskDefinition="shop:1")["taskDefinition"]
    assert new["revision"] == 3
    assert new["containerDefinitions"][0]["image"] == "nginx:3"
    assert new["containerDefinitions"][0]["memory"] == base["containerDefinitions"][0]["memory"]
    assert (new["cpu"], new["memory"], new["networkMode"]) == (base["cpu"], base["memory"], base["networkMode"])
    assert checked["task_definition"] == applied["task_definition"], "check mode predicts the new revision"
    assert reapplied["task_definition"] == applied["task_definition"]
    assert color_state(aws, app, "green") == ("shop:3", 2)
    assert color_state(aws, app, "blue") == ("shop:1", 2)


def test_images_on_top_of_a_given_task_definition(aws, run, service_pair):
    ecs = aws.client("ecs")
    sidecar = {"name": "log", "image": "fluentbit:1", "memory": 128, "essential": False}
    register_task_definition(ecs, "shop", "nginx:4", extra_container=sidecar)  # shop:3
    blue_up(aws, service_pair)
    args = service_pair.args(
        task_definition="shop:3", images={"log": "fluentbit:2"}, listener_arn=service_pair.alb.listener_arn
    )
    first, second = [ok(result) for result in run.batch(args, args)]
    assert first["task_definition_registered"] is True
    new = ecs.describe_task_definition(taskDefinition=first["task_definition"])["taskDefinition"]
    assert [c["image"] for c in new["containerDefinitions"]] == ["nginx:4", "fluentbit:2"]
    assert (second["changed"], second["task_definition_registered"]) == (False, False)
    assert second["task_definition"] == first["task_definition"]
    assert len(ecs.list_task_definitions(familyPrefix="shop")["taskDefinitionArns"]) == 4


def test_a_release_the_live_color_already_runs_changes_nothing(aws, run, app):
    blue_up(aws, app)
    before = snapshot(aws, app)
    same = ok(run.one(app.args(task_definition="shop:1", listener_arn=app.alb.listener_arn)))
    assert (same["changed"], same["deployed_color"]) == (False, "blue")
    assert snapshot(aws, app) == before
    # Another count is another release: it goes to the idle color.
    other = ok(run.one(app.args(task_definition="shop:1", desired_count=3, listener_arn=app.alb.listener_arn)))
    assert (other["changed"], other["deployed_color"]) == (True, "green")
    assert color_state(aws, app, "green") == ("shop:1", 3)


# ----------------------------------------------------------------------------- refusals


def test_refuses_to_deploy_onto_the_live_color(aws, run, app):
    blue_up(aws, app)
    before = snapshot(aws, app)
    results = run.batch(
        app.args(task_definition="shop:2", color="blue", listener_arn=app.alb.listener_arn),
        # Without a listener, the only color with tasks is taken as live.
        app.args(task_definition="shop:2", color="blue"),
        app.args(images={"web": "nginx:9"}, color="blue", live_color="blue"),
    )
    failed(results[0], "color: refusing to deploy onto blue", "100% of the traffic", "nothing changed")
    failed(results[1], "color: refusing to deploy onto blue", "the live color", "only color with tasks")
    failed(results[2], "color: refusing to deploy onto blue", "live_color=blue")
    assert snapshot(aws, app) == before, "nothing registered, nothing deployed"


def test_task_set_refuses_a_desired_count_that_shrinks_the_live_color(aws, run, task_set):
    blue_up(aws, task_set)
    before = snapshot(aws, task_set)
    result = run.one(task_set.args(task_definition="shop:2", desired_count=1, listener_arn=task_set.alb.listener_arn))
    failed(result, "desired_count: 1 is below the service's 2", "live blue task set", "nothing changed")
    assert snapshot(aws, task_set) == before


def test_refuses_to_deploy_while_the_listener_is_split(aws, run, app):
    both_up(aws, app)
    set_listener_split(aws, app, 90, 10)
    before = snapshot(aws, app)
    calls = [
        app.args(task_definition="shop:1", listener_arn=app.alb.listener_arn, **extra)
        for extra in ({}, {"color": "green"}, {"color": "blue"}, {"images": {"web": "nginx:8"}})
    ]
    for result in run.batch(*calls):
        failed(result, "listener_arn", "blue 90%, green 10%", "shift is under way", "nothing changed")
    assert snapshot(aws, app) == before
    assert listener_split(aws.client("elbv2"), app.alb) == {"blue": 90, "green": 10}


def test_refuses_to_scale_down_a_color_with_traffic(aws, run, app):
    both_up(aws, app)
    before = snapshot(aws, app)
    listener = app.alb.listener_arn
    failed(
        run.one(app.args(state="scaled_down", color="blue", listener_arn=listener)),
        "refusing to scale down blue",
        "100% of the traffic",
    )
    set_listener_split(aws, app, 90, 10)
    green, idle = run.batch(
        app.args(state="scaled_down", color="green", listener_arn=listener),
        app.args(state="scaled_down", listener_arn=listener),
    )
    failed(green, "refusing to scale down green", "10% of the traffic")
    failed(idle, "shift is under way")
    assert snapshot(aws, app) == before


def test_refuses_when_both_colors_are_up_and_nothing_tells_the_live_one(aws, run, app):
    both_up(aws, app)
    before = snapshot(aws, app)
    *refused, info = run.batch(
        app.args(task_definition="shop:2", desired_count=3),
        app.args(images={"web": "nginx:7"}),
        app.args(state="scaled_down"),
        app.args(state="scaled_down", color="green"),
        (app.info_args(), {"module": INFO}),
    )
    for result in refused:
        failed(result, "both colors have tasks", "set listener_arn or live_color", "nothing changed")
    assert (ok(info)["live_color"], info["idle_color"]) == (None, None)
    assert snapshot(aws, app) == before


def test_a_finished_release_run_again_without_the_live_color_changes_nothing(aws, run, app):
    # Fix: a finished release run again without listener_arn or live_color used to be refused, although
    # nothing needed writing whichever color is live.
    blue_up(aws, app)
    release = app.args(task_definition="shop:2")
    ok(run.one(dict(release, listener_arn=app.alb.listener_arn)))
    before = snapshot(aws, app)
    assert color_state(aws, app, "green") == ("shop:2", 2), "set-up: both colors up, nothing tells the live one"
    checked, again, same_image, rollback = run.batch(
        (release, CHECK),
        (release, DIFF),
        app.args(images={"web": "nginx:2"}),
        app.args(task_definition="shop:2", desired_count=3),
    )
    for result in (ok(checked), ok(again), ok(same_image)):
        assert (result["changed"], result["actions"]) == (False, []), result
        assert (result["live_color"], result["deployed_color"]) == (None, "green")
        assert result["task_definition"] == app.task_definitions[1]
        assert result["task_definition_registered"] is False
    assert again["diff"]["before"] == again["diff"]["after"]
    failed(rollback, "both colors have tasks", "nothing tells which one is live", "set listener_arn or live_color")
    assert snapshot(aws, app) == before


# ----------------------------------------------------------------------------- promote, scale down, rollback


def test_promoted_task_set_after_a_full_shift(aws, ansible, run, task_set):
    ecs = aws.client("ecs")

    def primary():
        sets = ecs.describe_task_sets(cluster=task_set.cluster, service=task_set.app)["taskSets"]
        return sorted(t["externalId"] for t in sets if t["status"] == "PRIMARY")

    listener = task_set.alb.listener_arn
    both_up(aws, task_set)
    promote_blue = task_set.args(state="promoted", color="blue", listener_arn=listener)
    promote_green = task_set.args(state="promoted", color="green", listener_arn=listener)
    blue, green = run.batch(promote_blue, promote_green)
    assert ok(blue)["changed"] is True
    failed(green, "refusing to promote green", "0% of the traffic", "nothing changed")
    assert primary() == ["blue"]

    shift = {
        "listener_arn": listener,
        "blue_target_group": "shop-blue",
        "green_target_group": "shop-green",
        "shift_to": "green",
        "min_healthy_targets": 0,
    }
    assert ok(ansible.module("bluegreen.aws.alb_shift", shift))["live_color"] == "green"

    # The idle blue task set is still primary: replacing it is refused until green is promoted.
    replace, checked = run.batch(
        task_set.args(images={"web": "nginx:5"}, listener_arn=listener), (promote_green, CHECK)
    )
    failed(replace, "primary task set", "promote")
    assert ok(checked)["changed"] is True
    assert checked["actions"] == ["make the green task set the primary task set"]
    assert primary() == ["blue"], "check mode must not write"

    applied, again = run.batch(promote_green, promote_green)
    assert ok(applied)["changed"] is True
    assert applied["colors"]["green"]["status"] == "PRIMARY"
    assert applied["colors"]["blue"]["status"] == "ACTIVE"
    assert ok(again)["changed"] is False
    assert primary() == ["green"]


def test_promoted_service_pair_changes_nothing(aws, run, service_pair):
    both_up(aws, service_pair)
    before = snapshot(aws, service_pair)
    result = ok(run.one(service_pair.args(state="promoted", color="blue", listener_arn=service_pair.alb.listener_arn)))
    assert (result["changed"], result["actions"]) == (False, [])
    assert result["task_definition"] == service_pair.task_definitions[0]
    assert snapshot(aws, service_pair) == before


def test_scaled_down_keeps_the_color_for_a_fast_rollback(aws, run, app):
    listener = app.alb.listener_arn
    both_up(aws, app)
    set_listener_split(aws, app, 0, 100)
    blue_arn = ok(run.info(app.info_args(listener_arn=listener)))["colors"]["blue"]["arn"]

    args = app.args(state="scaled_down", listener_arn=listener)
    checked, applied, _reapplied = four_steps(aws, run, app, args)
    assert checked["diff"]["after"]["blue"] == {"task_definition": "shop:1", "desired_count": 0, "version": None}
    assert applied["task_definition"] == app.task_definitions[0]
    assert applied["colors"]["blue"]["arn"] == blue_arn, "the service or task set is kept"
    assert applied["colors"]["blue"]["desired_count"] == 0
    assert color_state(aws, app, "blue") == ("shop:1", 0)
    assert color_state(aws, app, "green") == ("shop:2", 2)

    # Rollback: the old color comes back at its old version, in place.
    rollback = ok(run.one(app.args(color="blue", listener_arn=listener)))
    assert rollback["changed"] is True
    assert rollback["task_definition"] == app.task_definitions[0]
    assert rollback["colors"]["blue"]["arn"] == blue_arn
    assert color_state(aws, app, "blue") == ("shop:1", 2)
    assert color_state(aws, app, "green") == ("shop:2", 2)


def test_waits_until_the_service_is_stable(aws, run, service_pair):
    # moto reports no running task for a service created with tasks (MOTO_ECS_SERVICE_RUNNING unset):
    # set-up makes a green service stuck at 0 of 2 running tasks.
    ecs = aws.client("ecs")
    blue_up(aws, service_pair)
    ecs.delete_service(cluster=service_pair.cluster, service="shop-green", force=True)
    make_service(ecs, service_pair.alb, "shop-green", "green", service_pair.task_definitions[1], desired_count=2)
    green = ecs.describe_services(cluster=service_pair.cluster, services=["shop-green"])["services"][0]
    assert (green["desiredCount"], green["runningCount"]) == (2, 0), "set-up: a service that never becomes stable"
    args = service_pair.args(
        task_definition="shop:2", color="green", listener_arn=service_pair.alb.listener_arn, wait_timeout=2
    )
    waited, not_waited = run.batch(args, dict(args, wait=False))
    failed(
        waited,
        "gave up waiting for service shop-green to be stable",
        "after 2 seconds (wait_timeout 2)",
        "last seen: 1 deployment(s), 0 of 2 tasks running",
        "nothing changed",
    )
    assert waited["changed"] is False
    assert ok(not_waited)["changed"] is False


# ----------------------------------------------------------------------------- reports


def test_info_reports_and_changes_nothing(aws, run, app):
    blue_up(aws, app)
    # A stand-in for blue's task in its target group (moto registers none).
    aws.client("elbv2").register_targets(
        TargetGroupArn=app.alb.target_groups["blue"], Targets=[{"Id": "10.0.1.10", "Port": 80}]
    )
    before = snapshot(aws, app)
    with_listener, without, dns = [
        ok(result)
        for result in run.batch(
            (app.info_args(listener_arn=app.alb.listener_arn), {"module": INFO}),
            (app.info_args(), {"module": INFO}),
            (app.info_args(live_color="green"), {"module": INFO}),
        )
    ]
    assert with_listener["changed"] is False
    assert (with_listener["live_color"], with_listener["idle_color"]) == ("blue", "green")
    assert with_listener["task_definition"] == app.task_definitions[0]
    blue = with_listener["colors"]["blue"]
    assert (blue["desired_count"], blue["traffic_percent"], blue["target_group_arn"]) == (
        2,
        100,
        app.alb.target_groups["blue"],
    )
    assert blue["arn"].startswith("arn:aws:ecs:")
    assert with_listener["colors"]["green"]["traffic_percent"] == 0
    elbv2 = aws.client("elbv2")
    for color, view in with_listener["colors"].items():
        health = elbv2.describe_target_health(TargetGroupArn=app.alb.target_groups[color])
        healthy = [item for item in health["TargetHealthDescriptions"] if item["TargetHealth"]["State"] == "healthy"]
        assert view["healthy_targets"] == len(healthy)
    assert with_listener["colors"]["blue"]["healthy_targets"] == 1
    assert without["live_color"] == "blue", "the only color up"
    assert without["colors"]["blue"]["traffic_percent"] is None
    assert (dns["live_color"], dns["idle_color"]) == ("green", "blue")
    assert snapshot(aws, app) == before


def everything_a_write_would_touch(aws, app):
    """The listener's actions, every service (with its deployments) and task set, every task definition."""
    ecs = aws.client("ecs")
    names = [app.app] if app.strategy == "task_set" else ["%s-blue" % app.app, "%s-green" % app.app]
    services = ecs.describe_services(cluster=app.cluster, services=names)["services"]
    task_sets = []
    if app.strategy == "task_set":
        task_sets = ecs.describe_task_sets(cluster=app.cluster, service=app.app)["taskSets"]
    listener = aws.client("elbv2").describe_listeners(ListenerArns=[app.alb.listener_arn])["Listeners"][0]
    return json.dumps(
        {
            "services": [
                (s["serviceArn"], s.get("taskDefinition"), s["desiredCount"], [d["id"] for d in s["deployments"]])
                for s in services
            ],
            "task_sets": sorted(
                (t["taskSetArn"], t["scale"]["value"], t["status"], str(t.get("updatedAt"))) for t in task_sets
            ),
            "listener": listener["DefaultActions"],
            "task_definitions": ecs.list_task_definitions()["taskDefinitionArns"],
        },
        sort_keys=True,
        default=str,
    )


def test_info_in_check_mode_reports_the_same_and_never_writes(aws, run, app):
    both_up(aws, app)
    set_listener_split(aws, app, 90, 10)  # a shift under way: ecs_bluegreen would refuse, info reports
    before = everything_a_write_would_touch(aws, app)
    args = app.info_args(listener_arn=app.alb.listener_arn)
    checked, applied = [
        ok(result) for result in run.batch((args, {"check": True, "module": INFO}), (args, {"module": INFO}))
    ]
    for result in (checked, applied):
        assert result["changed"] is False
        assert (result["live_color"], result["idle_color"], result["task_definition"]) == (None, None, None)
        colors = result["colors"]
        assert (colors["blue"]["traffic_percent"], colors["green"]["traffic_percent"]) == (90, 10)
        assert (colors["blue"]["desired_count"], colors["green"]["desired_count"]) == (2, 2)
        assert colors["green"]["task_definition"] == app.task_definitions[1]
        assert result["drift"] == []
    assert checked["colors"] == applied["colors"]
    assert everything_a_write_would_touch(aws, app) == before, "a read-only module must write nothing"


def test_info_bad_inputs_fail_clearly(aws, run, service_pair):
    cases = [
        ({"cluster": "nope"}, ["cluster", "nope"]),
        ({"blue_service": "nope"}, ["blue_service", "nope"]),
        ({"listener_arn": "not-an-arn"}, ["listener_arn", "not-an-arn"]),
        ({"service": "shop"}, ["service", "strategy=service_pair"]),
        ({"state": "deployed"}, ["state"]),
        ({"task_definition": "shop:1"}, ["task_definition"]),
        ({"listener_arn": service_pair.alb.listener_arn, "live_color": "blue"}, ["listener_arn", "live_color"]),
    ]
    results = run.batch(*[(service_pair.info_args(**extra), {"module": INFO}) for extra, _fragments in cases])
    for (extra, fragments), result in zip(cases, results, strict=True):
        assert result.get("failed") is True, "%r did not fail: %s" % (extra, json.dumps(result))
        for fragment in fragments:
            assert fragment in result["msg"], "%r: %r not in %r" % (extra, fragment, result["msg"])


def test_drift_between_the_colors_is_returned_and_warned(aws, run, app):
    ec2, ecs = aws.client("ec2"), aws.client("ecs")
    other_group = ec2.create_security_group(GroupName="other", Description="other", VpcId=app.alb.vpc_id)["GroupId"]
    blue_up(aws, app)
    listener = app.alb.listener_arn
    if app.strategy == "service_pair":
        ecs.delete_service(cluster=app.cluster, service="shop-green", force=True)
        make_service(ecs, app.alb, "shop-green", "green", app.task_definitions[0], security_groups=[other_group])
        deploy = app.args(task_definition="shop:2", listener_arn=listener)
    else:
        network = dict(app.network, security_groups=[other_group])
        deploy = app.args(task_definition="shop:2", listener_arn=listener, network_configuration=network)
    deployed, info = [
        ok(result) for result in run.batch(deploy, (app.info_args(listener_arn=listener), {"module": INFO}))
    ]
    for result in (deployed, info):
        assert [item["setting"] for item in result["drift"]] == ["network_configuration"]
        assert any("blue and green environments differ" in warning for warning in result["warnings"])
    item = info["drift"][0]
    assert item["blue"]["security_groups"] == [app.alb.security_group]
    assert item["green"]["security_groups"] == [other_group]


# ----------------------------------------------------------------------------- bad inputs

# Inputs found wrong by AWS lookups, tried with both strategies.
LOOKUP_BAD_INPUTS = [
    ({"cluster": "nope"}, ["cluster", "nope"]),
    ({"task_definition": "shop:99"}, ["task_definition", "shop:99"]),
    ({"images": {"api": "nginx:2"}}, ["images", "'api'"]),
]
# Inputs found wrong before any AWS call, the same for both strategies (tried once).
OPTION_BAD_INPUTS = [
    ({"task_definition": "shop::x"}, ["task_definition", "shop::x"]),
    ({"color": "red"}, ["color", "red"]),
    ({"strategy": "canary"}, ["strategy", "canary"]),
    ({"state": "running"}, ["state", "running"]),
    ({"state": "promoted"}, ["color"]),
    ({"desired_count": 0}, ["desired_count", "0"]),
    ({"wait_timeout": -1}, ["wait_timeout", "-1"]),
    ({"images": {"web": ""}}, ["images", "'web'"]),
    ({"listener_arn": "not-an-arn"}, ["listener_arn", "not-an-arn"]),
    ({"live_color": "blue"}, ["listener_arn", "live_color"]),
    ({"app": "shop shop"}, ["app", "shop shop"]),
    ({"state": "scaled_down", "desired_count": 3}, ["desired_count", "state=deployed"]),
    ({"state": "info"}, ["state", "info"]),
    # Fix: state=deployed with neither task_definition nor images used to report ok and deploy nothing.
    ({"task_definition": None}, ["state=deployed needs task_definition or images", "neither is set"]),
]
SERVICE_PAIR_BAD_INPUTS = [
    ({"blue_service": "nope"}, ["blue_service", "nope"]),
    ({"green_service": "shop-blue"}, ["blue_service and green_service", "shop-blue"]),
    ({"service": "shop"}, ["service", "strategy=service_pair"]),
    ({"blue_target_group": "shop-green"}, ["blue_target_group", "shop-green"]),
    ({"network_configuration": {"subnets": ["subnet-1"]}}, ["network_configuration", "strategy=service_pair"]),
]
TASK_SET_BAD_INPUTS = [
    ({"service": "nope"}, ["service", "nope"]),
    ({"blue_target_group": "nope"}, ["blue_target_group", "nope"]),
    ({"green_target_group": "shop-blue"}, ["blue_target_group and green_target_group", "shop-blue"]),
    ({"blue_service": "shop-blue"}, ["blue_service", "strategy=task_set"]),
    ({"app": "a-very-long-application-name-x"}, ["app", "32 characters"]),
    ({"container_port": 70000}, ["container_port", "70000"]),
    ({"container_name": "api"}, ["container_name", "'api'"]),
    ({"container_port": 443}, ["container_port", "443"]),
    ({"network_configuration": {"subnets": []}}, ["network_configuration.subnets"]),
]


def test_bad_inputs_fail_clearly_and_change_nothing(aws, run, app):
    ecs = aws.client("ecs")
    listener = app.alb.listener_arn
    if app.strategy == "service_pair":
        cases = LOOKUP_BAD_INPUTS + OPTION_BAD_INPUTS + SERVICE_PAIR_BAD_INPUTS
    else:
        cases = LOOKUP_BAD_INPUTS + TASK_SET_BAD_INPUTS
    calls = []
    for extra, _fragments in cases:
        args = app.first_release_args(task_definition="shop:2", listener_arn=listener)
        if app.strategy == "task_set" and "network_configuration" in extra:
            args.pop("network_configuration")
        args.update(extra)
        if args.get("state") not in (None, "deployed"):
            args.pop("task_definition")
        calls.append(args)
    missing = listener[:-4] + "0000"
    cases.append(({"listener_arn": missing}, ["listener_arn", missing]))
    calls.append(app.first_release_args(task_definition="shop:2", listener_arn=missing))
    if app.strategy == "service_pair":
        # Not a service of a service pair: a service with the EXTERNAL deployment controller.
        ecs.create_service(
            cluster=app.cluster, serviceName="external", desiredCount=0, deploymentController={"type": "EXTERNAL"}
        )
        cases.append(({"green_service": "external"}, ["green_service", "external", "EXTERNAL"]))
        calls.append(app.args(task_definition="shop:2", green_service="external"))
    else:
        # Not the service of the task set strategy: a service with the ECS deployment controller.
        ecs.create_service(cluster=app.cluster, serviceName="shop-blue", desiredCount=0)
        cases.append(({"service": "shop-blue"}, ["service", "shop-blue", "EXTERNAL"]))
        calls.append(app.first_release_args(task_definition="shop:2", service="shop-blue"))
    before = snapshot(aws, app)
    results = run.batch(*calls)
    assert len(results) >= 10
    for (extra, fragments), result in zip(cases, results, strict=True):
        assert result.get("failed") is True, "%r did not fail: %s" % (extra, json.dumps(result))
        for fragment in fragments:
            assert fragment in result["msg"], "%r: %r not in %r" % (extra, fragment, result["msg"])
    assert snapshot(aws, app) == before, "a bad input must leave AWS untouched"
