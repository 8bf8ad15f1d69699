"""Views of the two ECS colors: progress predicates, task sets by color, drift, the colors return value."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_colors as colors
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.drift import drift_warning

from .ecs_fakes import TD1, TG_BLUE, TG_GREEN, pair_views, service, task_set

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
    progress = colors.service_progress(svc)
    assert progress.done is expected_stable
    if failure:
        assert failure in progress.failure and "circuit breaker" in progress.failure
    else:
        assert progress.failure is None
    assert "%d of %d tasks running" % (running, desired) in progress.summary


def test_a_gone_service_or_task_set_fails_the_wait():
    assert colors.service_progress(None).failure == "the service disappeared"
    assert colors.task_set_progress(None, 100).failure == "the task set disappeared"


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
    progress = colors.task_set_progress(task_set("blue", **extra), expected_scale)
    assert progress.done is stable
    assert progress.failure is None


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
    assert colors.task_set_desired(task_set("blue", **extra), service_desired) == expected


def test_task_set_view_of_a_missing_color():
    view = colors.task_set_view(None, 2, TG_GREEN)
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
    found, warnings = colors.task_sets_by_color(sets, "shop")
    assert [len(found["blue"]), len(found["green"])] == [1, 1]
    assert len(warnings) == 1 and "'canary'" in warnings[0]
    with pytest.raises(Refusal, match="2 task sets with externalId blue"):
        colors.single_task_set({"blue": [task_set("blue"), task_set("blue", scale=0.0)]}, "blue", "shop")
    assert colors.single_task_set({"blue": []}, "blue", "shop") is None


# --------------------------------------------------------------------------- drift


def test_identical_services_have_no_drift():
    assert colors.drift(pair_views(service("shop-blue"), service("shop-green", target_group=TG_GREEN))) == []


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
    found = colors.drift(pair_views(service("shop-blue"), service("shop-green", target_group=TG_GREEN, **green_extra)))
    assert [item["setting"] for item in found] == settings
    for setting in settings:
        assert setting in drift_warning(found)


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
    assert colors.drift(pair_views(blue, green)) == []
    views = {
        "blue": colors.task_set_view(task_set("blue"), 2, TG_BLUE),
        "green": colors.task_set_view(None, 2, TG_GREEN),
    }
    assert colors.drift(views) == []


# --------------------------------------------------------------------------- return values


def test_diff_view_is_short():
    views = pair_views(blue=service("shop-blue", desired=2))
    assert colors.diff_view(views) == {
        "blue": {"task_definition": "shop:1", "desired_count": 2, "version": None},
        "green": {"task_definition": "shop:1", "desired_count": 0, "version": None},
    }


def test_colors_summary():
    views = pair_views(blue=service("shop-blue", desired=2))
    summary = colors.colors_summary(views, {"blue": 100, "green": 0})
    assert summary["blue"]["traffic_percent"] == 100 and summary["green"]["traffic_percent"] == 0
    assert summary["blue"]["task_definition"] == TD1
    assert set(summary["blue"]) >= {"arn", "task_definition", "desired_count", "running_count", "target_group_arn"}
    assert colors.colors_summary(views, None)["green"]["traffic_percent"] is None


def test_release_marks_are_read_from_the_service_tags():
    tags = [
        {"key": "bluegreen:version", "value": "1.4.2"},
        {"key": "bluegreen:deployed-at", "value": "2026-11-29T10:03:10Z"},
        {"key": "bluegreen:green:version", "value": "2.0"},
    ]
    assert colors.marks_of({"tags": tags}, "service_pair", None) == {
        "version": "1.4.2",
        "deployed_at": "2026-11-29T10:03:10Z",
    }
    assert colors.marks_of({"tags": tags}, "task_set", "green") == {"version": "2.0", "deployed_at": None}
    assert colors.marks_of({}, "task_set", "blue") == {"version": None, "deployed_at": None}
