import copy

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils import ecs_plan as plan
from ansible_collections.bluegreen.aws.plugins.module_utils.weights import ValidationError

TD1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1"
TD2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:2"
TG_BLUE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/1"
TG_GREEN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2"
LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/1/2"
NETWORK = {"awsvpcConfiguration": {"subnets": ["subnet-b", "subnet-a"], "securityGroups": ["sg-1"]}}


def params(**overrides):
    base = dict(
        cluster="prod",
        app="shop",
        strategy="service_pair",
        blue_service=None,
        green_service=None,
        service=None,
        blue_target_group=None,
        green_target_group=None,
        state="deployed",
        task_definition=None,
        images=None,
        desired_count=None,
        color=None,
        listener_arn=None,
        live_color=None,
        network_configuration=None,
        launch_type=None,
        container_name=None,
        container_port=None,
        wait=True,
        wait_timeout=600,
    )
    base.update(overrides)
    return base


def service(name, task_definition=TD1, desired=2, running=None, deployments=1, target_group=TG_BLUE, **extra):
    running = desired if running is None else running
    result = {
        "serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/prod/%s" % name,
        "serviceName": name,
        "taskDefinition": task_definition,
        "desiredCount": desired,
        "runningCount": running,
        "status": "ACTIVE",
        "launchType": "FARGATE",
        "networkConfiguration": copy.deepcopy(NETWORK),
        "loadBalancers": [{"targetGroupArn": target_group, "containerName": "web", "containerPort": 80}],
        "deployments": [{"id": "d%d" % i, "status": "PRIMARY" if i == 0 else "ACTIVE"} for i in range(deployments)],
    }
    result.update(extra)
    return result


def task_set(color, task_definition=TD1, scale=100.0, status="ACTIVE", target_group=None, **extra):
    result = {
        "taskSetArn": "arn:aws:ecs:us-east-1:123456789012:task-set/prod/shop/ecs-svc/%s%s" % (color, scale),
        "id": "ecs-svc/%s" % color,
        "externalId": color,
        "status": status,
        "taskDefinition": task_definition,
        "launchType": "FARGATE",
        "platformVersion": "1.4.0",
        "networkConfiguration": copy.deepcopy(NETWORK),
        "loadBalancers": [
            {
                "targetGroupArn": target_group or (TG_BLUE if color == "blue" else TG_GREEN),
                "containerName": "web",
                "containerPort": 80,
            }
        ],
        "scale": {"value": scale, "unit": "PERCENT"},
        "stabilityStatus": "STEADY_STATE",
    }
    result.update(extra)
    return result


def task_definition(arn=TD1, image="nginx:1", containers=None):
    return {
        "taskDefinitionArn": arn,
        "family": "shop",
        "revision": int(arn.rsplit(":", 1)[1]),
        "status": "ACTIVE",
        "networkMode": "awsvpc",
        "cpu": "256",
        "memory": "512",
        "requiresCompatibilities": ["FARGATE"],
        "compatibilities": ["EC2", "FARGATE"],
        "volumes": [],
        "containerDefinitions": containers
        or [
            {
                "name": "web",
                "image": image,
                "cpu": 0,
                "memory": 512,
                "essential": True,
                "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
                "environment": [],
            }
        ],
    }


def pair_views(blue=None, green=None):
    return {
        "blue": plan.service_view(blue or service("shop-blue", desired=0), TG_BLUE),
        "green": plan.service_view(green or service("shop-green", desired=0, target_group=TG_GREEN), TG_GREEN),
    }


# --------------------------------------------------------------------------- validation


def test_validate_params_default_names():
    assert plan.validate_params(params()) == {
        "services": {"blue": "shop-blue", "green": "shop-green"},
        "target_groups": {"blue": None, "green": None},
    }
    assert plan.validate_params(params(strategy="task_set")) == {
        "services": {"service": "shop"},
        "target_groups": {"blue": "shop-blue", "green": "shop-green"},
    }
    named = plan.validate_params(params(strategy="task_set", service="web", blue_target_group=TG_BLUE))
    assert named["services"] == {"service": "web"}
    assert named["target_groups"] == {"blue": TG_BLUE, "green": "shop-green"}


@pytest.mark.parametrize(
    "overrides, fragments",
    [
        ({"cluster": ""}, ["cluster"]),
        ({"app": "shop shop"}, ["app", "'shop shop'"]),
        ({"app": "-shop"}, ["app", "'-shop'"]),
        ({"service": "shop"}, ["service", "strategy=service_pair", "'shop'"]),
        ({"container_port": 80}, ["container_port", "strategy=service_pair"]),
        ({"network_configuration": {"subnets": ["s"]}}, ["network_configuration", "strategy=service_pair"]),
        ({"strategy": "task_set", "blue_service": "b"}, ["blue_service", "strategy=task_set"]),
        ({"blue_service": "x", "green_service": "x"}, ["blue_service and green_service", "x"]),
        ({"blue_service": "a b"}, ["blue_service", "'a b'"]),
        ({"strategy": "task_set", "service": "arn:aws:ecs:us-east-1:1:cluster/x"}, ["service", "cluster/x"]),
        ({"blue_target_group": "same", "green_target_group": "same"}, ["must differ", "same"]),
        ({"blue_target_group": "bad_name"}, ["blue_target_group", "'bad_name'"]),
        ({"blue_target_group": "x" * 33}, ["blue_target_group", "32"]),
        ({"green_target_group": "arn:aws:ecs:x"}, ["green_target_group", "'arn:aws:ecs:x'"]),
        ({"strategy": "task_set", "app": "a" * 27}, ["app", "32 characters", "set blue_target_group"]),
        ({"listener_arn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x"}, ["listener_arn"]),
        ({"wait_timeout": -5}, ["wait_timeout", "-5"]),
        ({"desired_count": 0}, ["desired_count", "0", "scaled_down"]),
        ({"desired_count": -1}, ["desired_count", "-1"]),
        ({"task_definition": "shop:latest"}, ["task_definition", "'shop:latest'"]),
        ({"task_definition": "arn:aws:ecs:us-east-1:1:service/x"}, ["task_definition"]),
        ({"images": {"web": ""}}, ["images", "'web'"]),
        ({"images": {"web": 5}}, ["images", "'web'", "5"]),
        ({"state": "info", "task_definition": "shop:1"}, ["task_definition", "state=deployed"]),
        ({"state": "scaled_down", "images": {"web": "x"}}, ["images", "state=deployed"]),
        ({"state": "promoted", "desired_count": 2}, ["desired_count", "state=deployed"]),
        ({"strategy": "task_set", "container_port": 0}, ["container_port", "0"]),
        ({"strategy": "task_set", "network_configuration": {"subnets": []}}, ["network_configuration.subnets"]),
    ],
)
def test_validate_params_rejects(overrides, fragments):
    with pytest.raises(ValidationError) as error:
        plan.validate_params(params(**overrides))
    for fragment in fragments:
        assert fragment in str(error.value)


@pytest.mark.parametrize(
    "overrides",
    [
        {"task_definition": "shop:3"},
        {"task_definition": "shop"},
        {"task_definition": TD1},
        {"listener_arn": LISTENER},
        {"blue_target_group": TG_BLUE, "green_target_group": "shop-green"},
        {"state": "info", "network_configuration": {"subnets": ["s"]}, "strategy": "task_set", "launch_type": "EC2"},
        {"images": {"web": "registry/shop:1.2"}, "desired_count": 3},
        {"blue_service": "arn:aws:ecs:us-east-1:123456789012:service/prod/shop-blue"},
        {"strategy": "task_set", "service": "arn:aws:ecs:us-east-1:123456789012:service/prod/shop"},
    ],
)
def test_validate_params_accepts(overrides):
    plan.validate_params(params(**overrides))


# --------------------------------------------------------------------------- live color


@pytest.mark.parametrize(
    "traffic, live_option, desired, expected",
    [
        ({"blue": 100, "green": 0}, None, (2, 2), ("blue", "listener")),
        ({"blue": 0, "green": 100}, "blue", (2, 0), ("green", "listener")),
        ({"blue": 90, "green": 10}, "blue", (2, 2), (None, "split")),
        ({"blue": 0, "green": 0}, None, (0, 2), ("green", "desired_count")),
        (None, "green", (2, 2), ("green", "live_color")),
        (None, None, (2, 0), ("blue", "desired_count")),
        (None, None, (0, 3), ("green", "desired_count")),
        (None, None, (0, 0), (None, "none")),
        (None, None, (1, 1), (None, "ambiguous")),
    ],
)
def test_resolve_live(traffic, live_option, desired, expected):
    colors = {"blue": {"desired_count": desired[0]}, "green": {"desired_count": desired[1]}}
    assert plan.resolve_live(traffic, live_option, colors) == expected


@pytest.mark.parametrize(
    "color, live, source, traffic, fragments",
    [
        ("blue", "blue", "listener", {"blue": 100, "green": 0}, ["deploy onto blue", "100%", LISTENER]),
        ("green", None, "split", {"blue": 90, "green": 10}, ["green", "10%"]),
        ("blue", "blue", "live_color", None, ["live_color=blue"]),
        ("blue", "blue", "desired_count", None, ["only color with tasks", "set listener_arn or live_color"]),
    ],
)
def test_traffic_refusal(color, live, source, traffic, fragments):
    message = plan.traffic_refusal(color, live, source, traffic, LISTENER, "deploy onto", "advice")
    for fragment in fragments:
        assert fragment in message
    assert message.endswith("nothing changed")


@pytest.mark.parametrize(
    "color, live, source, traffic",
    [
        ("green", "blue", "listener", {"blue": 100, "green": 0}),
        ("green", "blue", "live_color", None),
        ("green", "blue", "desired_count", None),
        ("blue", None, "none", None),
    ],
)
def test_no_traffic_refusal_for_an_idle_color(color, live, source, traffic):
    assert plan.traffic_refusal(color, live, source, traffic, LISTENER, "deploy onto", "advice") is None


@pytest.mark.parametrize(
    "color_option, live, expected",
    [(None, "blue", "green"), (None, "green", "blue"), (None, None, "blue"), ("green", None, "green")],
)
def test_choose_deploy_color(color_option, live, expected):
    assert plan.choose_deploy_color(color_option, live) == expected


def test_split_and_ambiguous_messages_name_the_options():
    assert "blue 70%, green 30%" in plan.split_message({"blue": 70, "green": 30}, LISTENER)
    message = plan.ambiguous_message({"blue": {"desired_count": 2}, "green": {"desired_count": 3}})
    assert "listener_arn or live_color" in message and "3" in message


# --------------------------------------------------------------------------- views and progress


@pytest.mark.parametrize(
    "desired, running, deployments, rollout, expected_stable, failure",
    [
        (2, 2, 1, None, True, None),
        (2, 1, 1, None, False, None),
        (2, 2, 2, None, False, None),
        (0, 0, 1, None, True, None),
        (2, 0, 1, "FAILED", False, "failed"),
    ],
)
def test_service_progress(desired, running, deployments, rollout, expected_stable, failure):
    svc = service("shop-blue", desired=desired, running=running, deployments=deployments)
    if rollout:
        svc["deployments"][0]["rolloutState"] = rollout
        svc["deployments"][0]["rolloutStateReason"] = "circuit breaker"
    stable, found_failure, summary = plan.service_progress(svc)
    assert stable is expected_stable
    assert (found_failure is not None and failure in found_failure) if failure else found_failure is None
    assert "%d of %d tasks running" % (running, desired) in summary


@pytest.mark.parametrize(
    "extra, expected_scale, stable",
    [
        ({}, 100, True),
        ({"stabilityStatus": "STABILIZING"}, 100, False),
        ({"scale": 0.0}, 100, False),
        ({"scale": 0.0}, 0, True),
        ({"runningCount": 1, "computedDesiredCount": 2}, 100, False),
        ({"runningCount": 2, "computedDesiredCount": 2}, 100, True),
    ],
)
def test_task_set_progress(extra, expected_scale, stable):
    assert plan.task_set_progress(task_set("blue", **extra), expected_scale)[0] is stable


@pytest.mark.parametrize(
    "extra, service_desired, expected",
    [
        ({}, 3, 3),
        ({"scale": 50.0}, 3, 2),
        ({"scale": 0.0}, 3, 0),
        ({"computedDesiredCount": 7}, 3, 7),
    ],
)
def test_task_set_desired(extra, service_desired, expected):
    assert plan.task_set_desired(task_set("blue", **extra), service_desired) == expected


def test_task_set_view_of_a_missing_color():
    view = plan.task_set_view(None, 2, TG_GREEN)
    assert (view["arn"], view["desired_count"], view["target_group_arn"], view["task_definition"]) == (
        None,
        0,
        TG_GREEN,
        None,
    )


def test_task_sets_by_color_ignores_draining_and_foreign_ones():
    sets = [
        task_set("blue"),
        task_set("green", status="DRAINING"),
        task_set("green", scale=50.0),
        dict(task_set("blue"), externalId="canary", taskSetArn="x"),
    ]
    found, warnings = plan.task_sets_by_color(sets, "shop")
    assert [len(found["blue"]), len(found["green"])] == [1, 1]
    assert len(warnings) == 1 and "'canary'" in warnings[0]
    with pytest.raises(ValidationError, match="2 task sets with externalId blue"):
        plan.single_task_set({"blue": [task_set("blue"), task_set("blue", scale=0.0)]}, "blue", "shop")
    assert plan.single_task_set({"blue": []}, "blue", "shop") is None


# --------------------------------------------------------------------------- drift


def test_identical_services_have_no_drift():
    assert plan.drift(pair_views(service("shop-blue"), service("shop-green", target_group=TG_GREEN))) == []


ASSIGN_PUBLIC_IP = {
    "awsvpcConfiguration": {
        "subnets": ["subnet-a", "subnet-b"],
        "securityGroups": ["sg-1"],
        "assignPublicIp": "ENABLED",
    }
}


@pytest.mark.parametrize(
    "green_extra, settings",
    [
        ({"launchType": "EC2"}, ["compute", "platform_version"]),
        ({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}, ["compute"]),
        ({"platformVersion": "1.3.0"}, ["platform_version"]),
        (
            {"networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"], "securityGroups": ["sg-1"]}}},
            ["network_configuration"],
        ),
        ({"networkConfiguration": ASSIGN_PUBLIC_IP}, ["network_configuration"]),
        (
            {"loadBalancers": [{"targetGroupArn": TG_GREEN, "containerName": "web", "containerPort": 8080}]},
            ["load_balancer_container"],
        ),
    ],
)
def test_drift_names_the_settings_that_differ(green_extra, settings):
    found = plan.drift(pair_views(service("shop-blue"), service("shop-green", target_group=TG_GREEN, **green_extra)))
    assert [item["setting"] for item in found] == settings
    for setting in settings:
        assert setting in plan.drift_warning(found)


def test_drift_ignores_subnet_order_default_platform_and_a_missing_color():
    blue = service("shop-blue", platformVersion="LATEST")
    green = service(
        "shop-green",
        target_group=TG_GREEN,
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": ["subnet-a", "subnet-b"],
                "securityGroups": ["sg-1"],
                "assignPublicIp": "DISABLED",
            }
        },
    )
    assert plan.drift(pair_views(blue, green)) == []
    views = {"blue": plan.task_set_view(task_set("blue"), 2, TG_BLUE), "green": plan.task_set_view(None, 2, TG_GREEN)}
    assert plan.drift(views) == []


# --------------------------------------------------------------------------- task definitions


def test_with_images_replaces_only_the_named_images():
    base = task_definition(
        containers=[
            {"name": "web", "image": "nginx:1", "memory": 512, "portMappings": [{"containerPort": 80}]},
            {"name": "log", "image": "fluentbit:1", "memory": 64, "environment": []},
        ]
    )
    wanted = plan.with_images(base, {"log": "fluentbit:2"})
    assert [c["image"] for c in wanted["containerDefinitions"]] == ["nginx:1", "fluentbit:2"]
    assert base["containerDefinitions"][1]["image"] == "fluentbit:1", "the base is not modified"
    for key in ("taskDefinitionArn", "revision", "status", "compatibilities"):
        assert key not in wanted
    assert wanted["cpu"] == "256" and wanted["family"] == "shop"


def test_with_images_rejects_an_unknown_container():
    with pytest.raises(ValidationError) as error:
        plan.with_images(task_definition(), {"api": "x", "web": "y"})
    assert "images: task definition shop:1 has no container named 'api' (its containers: web)" == str(error.value)


@pytest.mark.parametrize(
    "candidate, images, same",
    [
        (task_definition(TD2, image="nginx:2"), {"web": "nginx:2"}, True),
        (task_definition(TD2, image="nginx:2"), {"web": "nginx:3"}, False),
        (task_definition(TD1, image="nginx:1"), {"web": "nginx:1"}, True),
        (dict(task_definition(TD2, image="nginx:2"), memory="1024"), {"web": "nginx:2"}, False),
        (dict(task_definition(TD2, image="nginx:2"), volumes=None, placementConstraints=[]), {"web": "nginx:2"}, True),
        (None, {"web": "nginx:2"}, False),
    ],
)
def test_same_definition_compares_definitions_not_arns(candidate, images, same):
    wanted = plan.with_images(task_definition(TD1, image="nginx:1"), images)
    assert plan.same_definition(candidate, wanted) is same


def test_registration_input_round_trips():
    described = task_definition(TD2)
    assert plan.same_definition(described, plan.registration_input(described))


def test_short_and_next_revision():
    assert plan.short_task_definition(TD2) == "shop:2"
    assert plan.short_task_definition(None) is None
    assert plan.next_revision_arn(task_definition(TD2)) == TD2[:-1] + "3"


# --------------------------------------------------------------------------- states


@pytest.mark.parametrize(
    "strategy, live, desired, service_desired, expected",
    [
        ("service_pair", "blue", (3, 0), 0, 3),
        ("service_pair", None, (0, 0), 0, 1),
        ("service_pair", "green", (0, 0), 0, 1),
        ("task_set", "blue", (4, 0), 4, 4),
        ("task_set", None, (0, 0), 5, 5),
        ("task_set", None, (0, 0), 0, 1),
    ],
)
def test_default_desired_count(strategy, live, desired, service_desired, expected):
    colors = {"blue": {"desired_count": desired[0]}, "green": {"desired_count": desired[1]}}
    assert plan.default_desired_count(strategy, live, colors, service_desired) == expected


def test_runs():
    view = plan.service_view(service("shop-blue", desired=2), TG_BLUE)
    assert plan.runs(view, TD1, 2, "service_pair")
    assert not plan.runs(view, TD2, 2, "service_pair")
    assert not plan.runs(view, TD1, 3, "service_pair")
    half = plan.task_set_view(task_set("blue", scale=50.0), 4, TG_BLUE)
    assert not plan.runs(half, TD1, 2, "task_set")
    assert plan.runs(plan.task_set_view(task_set("blue"), 2, TG_BLUE), TD1, 2, "task_set")
    assert not plan.runs(plan.task_set_view(None, 2, TG_BLUE), TD1, 0, "task_set")


@pytest.mark.parametrize(
    "green_td, green_desired, wanted_td, wanted_desired, expected",
    [
        (TD1, 0, TD2, 2, [("update_service", TD2, 2)]),
        (TD2, 0, TD2, 2, [("update_service", TD2, 2)]),
        (TD1, 2, TD2, 2, [("update_service", TD2, 2)]),
        (TD2, 2, TD2, 2, []),
    ],
)
def test_plan_service_pair_deploy(green_td, green_desired, wanted_td, wanted_desired, expected):
    views = pair_views(green=service("shop-green", task_definition=green_td, desired=green_desired))
    ops = plan.plan_service_pair_deploy(views, "green", wanted_td, wanted_desired)
    assert [(op["action"], op["task_definition"], op["desired_count"]) for op in ops] == expected
    after = plan.predict(views, ops, "service_pair", 0)
    assert after["green"] == {"task_definition": wanted_td, "desired_count": wanted_desired}
    assert after["blue"] == {"task_definition": TD1, "desired_count": 0}


def task_set_case(blue=None, green=None, service_desired=2):
    found = {"blue": [blue] if blue else [], "green": [green] if green else []}
    views = {
        "blue": plan.task_set_view(blue, service_desired, TG_BLUE),
        "green": plan.task_set_view(green, service_desired, TG_GREEN),
    }
    svc = {"serviceArn": "arn:svc", "serviceName": "shop", "desiredCount": service_desired}
    return found, views, svc


def spec_for(task_definition_arn, target_group=TG_GREEN):
    return {"taskDefinition": task_definition_arn, "loadBalancers": [{"targetGroupArn": target_group}]}


@pytest.mark.parametrize(
    "green, wanted, desired, actions",
    [
        (None, TD2, 2, ["create_task_set"]),
        (task_set("green", TD2), TD2, 2, []),
        (task_set("green", TD2, scale=0.0), TD2, 2, ["update_task_set_scale"]),
        (task_set("green", TD1), TD2, 2, ["delete_task_set", "create_task_set"]),
        (task_set("green", TD2, target_group=TG_BLUE), TD2, 2, ["delete_task_set", "create_task_set"]),
        (task_set("green", TD2), TD2, 3, ["update_desired_count"]),
        (None, TD2, 4, ["update_desired_count", "create_task_set"]),
    ],
)
def test_plan_task_set_deploy(green, wanted, desired, actions):
    found, views, svc = task_set_case(blue=task_set("blue"), green=green)
    ops = plan.plan_task_set_deploy(views, found, "green", wanted, desired, svc, spec_for(wanted))
    assert [op["action"] for op in ops] == actions
    for op in ops:
        assert plan.describe_op(op)
    after = plan.predict(views, ops, "task_set", 2)
    assert after["green"] == {"task_definition": wanted, "desired_count": desired}
    assert after["blue"] == {"task_definition": TD1, "desired_count": desired}


def test_plan_task_set_deploy_never_replaces_the_primary_task_set():
    found, views, svc = task_set_case(blue=task_set("blue", TD1, status="PRIMARY"), green=task_set("green", TD2))
    with pytest.raises(ValidationError, match="primary task set of service shop"):
        plan.plan_task_set_deploy(views, found, "blue", TD2, 2, svc, spec_for(TD2, TG_BLUE))
    # Scaling it back up in place is fine.
    found, views, svc = task_set_case(blue=task_set("blue", TD1, scale=0.0, status="PRIMARY"))
    ops = plan.plan_task_set_deploy(views, found, "blue", TD1, 2, svc, spec_for(TD1, TG_BLUE))
    assert [op["action"] for op in ops] == ["update_task_set_scale"]


@pytest.mark.parametrize(
    "strategy, blue, expected",
    [
        ("service_pair", service("shop-blue", desired=2), ["update_service"]),
        ("service_pair", service("shop-blue", desired=0), []),
        ("task_set", task_set("blue"), ["update_task_set_scale"]),
        ("task_set", task_set("blue", scale=0.0), []),
        ("task_set", None, []),
    ],
)
def test_plan_scale_down(strategy, blue, expected):
    if strategy == "service_pair":
        views, svc = pair_views(blue=blue), None
    else:
        _found, views, svc = task_set_case(blue=blue)
    ops = plan.plan_scale_down(strategy, views, "blue", svc)
    assert [op["action"] for op in ops] == expected
    after = plan.predict(views, ops, strategy, 2)
    assert after["blue"]["desired_count"] == 0
    if ops and strategy == "service_pair":
        assert ops[0]["desired_count"] == 0 and ops[0]["task_definition"] == TD1


def test_diff_view_is_short():
    views = pair_views(blue=service("shop-blue", desired=2))
    assert plan.diff_view(views) == {
        "blue": {"task_definition": "shop:1", "desired_count": 2},
        "green": {"task_definition": "shop:1", "desired_count": 0},
    }


def test_colors_summary():
    views = pair_views(blue=service("shop-blue", desired=2))
    summary = plan.colors_summary(views, {"blue": 100, "green": 0})
    assert summary["blue"]["traffic_percent"] == 100 and summary["green"]["traffic_percent"] == 0
    assert set(summary["blue"]) >= {"arn", "task_definition", "desired_count", "running_count", "target_group_arn"}
    assert plan.colors_summary(views, None)["green"]["traffic_percent"] is None


# --------------------------------------------------------------------------- new task sets


def test_task_set_spec_copies_the_source():
    spec = plan.task_set_spec("shop", "green", task_definition(TD2), TG_GREEN, task_set("blue"), params())
    assert spec["externalId"] == "green"
    assert spec["taskDefinition"] == TD2
    assert spec["launchType"] == "FARGATE" and spec["platformVersion"] == "1.4.0"
    assert spec["networkConfiguration"] == NETWORK
    assert spec["loadBalancers"] == [{"targetGroupArn": TG_GREEN, "containerName": "web", "containerPort": 80}]
    assert spec["scale"] == {"unit": "PERCENT", "value": 100.0}
    assert {"key": "bluegreen:color", "value": "green"} in spec["tags"]


def test_task_set_spec_copies_capacity_providers():
    source = dict(task_set("blue"), capacityProviderStrategy=[{"capacityProvider": "FARGATE_SPOT", "weight": 1}])
    source.pop("launchType")
    spec = plan.task_set_spec("shop", "green", task_definition(TD2), TG_GREEN, source, params())
    assert "launchType" not in spec
    assert spec["capacityProviderStrategy"] == source["capacityProviderStrategy"]


def test_task_set_spec_options_win():
    options = params(
        network_configuration={"subnets": ["subnet-z"], "security_groups": ["sg-9"], "assign_public_ip": True},
        launch_type="EC2",
    )
    spec = plan.task_set_spec("shop", "green", task_definition(TD2), TG_GREEN, task_set("blue"), options)
    assert spec["launchType"] == "EC2" and "platformVersion" not in spec
    assert spec["networkConfiguration"] == {
        "awsvpcConfiguration": {"subnets": ["subnet-z"], "securityGroups": ["sg-9"], "assignPublicIp": "ENABLED"}
    }


def test_the_first_task_set_needs_a_network_for_awsvpc():
    with pytest.raises(ValidationError, match="network_configuration: .*awsvpc"):
        plan.task_set_spec("shop", "blue", task_definition(TD1), TG_BLUE, None, params())
    spec = plan.task_set_spec(
        "shop", "blue", task_definition(TD1), TG_BLUE, None, params(network_configuration={"subnets": ["s"]})
    )
    assert spec["launchType"] == "FARGATE"
    assert spec["loadBalancers"][0]["containerName"] == "web"


@pytest.mark.parametrize(
    "containers, name, port, result",
    [
        ([{"name": "web", "portMappings": [{"containerPort": 80}]}], None, None, ("web", 80)),
        ([{"name": "web", "portMappings": [{"containerPort": 80}, {"containerPort": 81}]}], None, 81, ("web", 81)),
        (
            [{"name": "web", "portMappings": [{"containerPort": 80}]}, {"name": "log", "portMappings": []}],
            None,
            None,
            ("web", 80),
        ),
        (
            [
                {"name": "a", "portMappings": [{"containerPort": 80}]},
                {"name": "b", "portMappings": [{"containerPort": 90}]},
            ],
            None,
            None,
            "container_name: task definition shop:1 has 2 containers with port mappings",
        ),
        ([{"name": "web", "portMappings": [{"containerPort": 80}]}], "api", None, "container_name: task definition"),
        ([{"name": "web", "portMappings": [{"containerPort": 80}]}], "web", 443, "does not map port 443"),
        (
            [{"name": "web", "portMappings": [{"containerPort": 80}, {"containerPort": 81}]}],
            "web",
            None,
            "maps 2 ports; set container_port",
        ),
    ],
)
def test_load_balancer_container(containers, name, port, result):
    definition = task_definition(containers=containers)
    if isinstance(result, tuple):
        assert plan.load_balancer_container(definition, name, port) == result
    else:
        with pytest.raises(ValidationError) as error:
            plan.load_balancer_container(definition, name, port)
        assert result in str(error.value)


def test_describe_op_make_primary_and_register():
    assert plan.describe_op({"action": "make_primary", "color": "green"}) == (
        "make the green task set the primary task set"
    )
    assert plan.describe_op({"action": "register_task_definition", "task_definition": TD2}) == (
        "register task definition shop:2"
    )
