"""The options of ecs_bluegreen and ecs_bluegreen_info: every check that needs no AWS call."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_options as options

from .ecs_fakes import LISTENER, TD1, TG_BLUE, params

INFO_OPTIONS = set(options.APP_ARGUMENT_SPEC)


def test_validate_params_default_names():
    assert options.validate_params(params(task_definition="shop:1")) == {
        "services": {"blue": "shop-blue", "green": "shop-green"},
        "target_groups": {"blue": None, "green": None},
    }
    assert options.validate_params(params(strategy="task_set", task_definition="shop:1")) == {
        "services": {"service": "shop"},
        "target_groups": {"blue": "shop-blue", "green": "shop-green"},
    }
    named = options.validate_params(
        params(strategy="task_set", service="web", blue_target_group=TG_BLUE, task_definition="shop:1")
    )
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
        ({"wait_slice": -1}, ["wait_slice", "-1"]),
        ({"wait_started": -2.0}, ["wait_started", "-2.0"]),
        ({"desired_count": 0}, ["desired_count", "0", "scaled_down"]),
        ({"desired_count": -1}, ["desired_count", "-1"]),
        ({"task_definition": "shop:latest"}, ["task_definition", "'shop:latest'"]),
        ({"task_definition": "arn:aws:ecs:us-east-1:1:service/x"}, ["task_definition"]),
        ({"images": {"web": ""}}, ["images", "'web'"]),
        ({"images": {"web": 5}}, ["images", "'web'", "5"]),
        ({"state": "promoted", "task_definition": "shop:1"}, ["task_definition", "state=deployed"]),
        ({"state": "scaled_down", "images": {"web": "x"}}, ["images", "state=deployed"]),
        ({"state": "promoted", "desired_count": 2}, ["desired_count", "state=deployed"]),
        ({"strategy": "task_set", "container_port": 0}, ["container_port", "0"]),
        ({"strategy": "task_set", "network_configuration": {"subnets": []}}, ["network_configuration.subnets"]),
    ],
)
def test_validate_params_rejects(overrides, fragments):
    with pytest.raises(InputError) as error:
        options.validate_params(params(**overrides))
    for fragment in fragments:
        assert fragment in error.value.msg


@pytest.mark.parametrize(
    "overrides",
    [
        {"task_definition": "shop:3"},
        {"task_definition": "shop"},
        {"task_definition": TD1},
        {"task_definition": "shop:1", "listener_arn": LISTENER},
        {"task_definition": "shop:1", "blue_target_group": TG_BLUE, "green_target_group": "shop-green"},
        {
            "state": "scaled_down",
            "network_configuration": {"subnets": ["s"]},
            "strategy": "task_set",
            "launch_type": "EC2",
        },
        {"images": {"web": "registry/shop:1.2"}, "desired_count": 3},
        {"images": {"web": "x"}, "blue_service": "arn:aws:ecs:us-east-1:123456789012:service/prod/shop-blue"},
        {
            "images": {"web": "x"},
            "strategy": "task_set",
            "service": "arn:aws:ecs:us-east-1:123456789012:service/prod/shop",
        },
        # A rollback onto a scaled-down color: no version, the color keeps its own.
        {"color": "blue"},
        {"color": "green", "desired_count": 3},
        {"state": "promoted", "color": "green"},
        {"state": "scaled_down"},
    ],
)
def test_validate_params_accepts(overrides):
    options.validate_params(params(**overrides))


@pytest.mark.parametrize("images", [None, {}])
def test_deployed_needs_a_version_or_a_color(images):
    # Fix: state=deployed with neither task_definition nor images used to report ok and deploy nothing.
    with pytest.raises(InputError) as error:
        options.validate_params(params(images=images))
    assert error.value.msg.startswith("state=deployed needs task_definition or images, and neither is set")
    assert "set color" in error.value.msg


def test_the_info_module_checks_the_options_that_find_the_app():
    info = dict((name, value) for name, value in params(listener_arn=LISTENER).items() if name in INFO_OPTIONS)
    assert options.validate_app_options(info)["services"] == {"blue": "shop-blue", "green": "shop-green"}
    with pytest.raises(InputError, match="listener_arn must be the ARN of an ALB listener"):
        options.validate_app_options(dict(info, listener_arn="nope"))


def test_the_specs_share_the_options_that_find_the_app():
    release = options.release_argument_spec()
    assert INFO_OPTIONS <= set(release)
    assert "state" not in INFO_OPTIONS and "wait" not in INFO_OPTIONS
    assert release["state"]["choices"] == ["deployed", "promoted", "scaled_down", "configured", "rolled_back"]
    assert release["wait_timeout"]["default"] == 600
