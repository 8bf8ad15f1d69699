"""The options of ecs_bluegreen with strategy=codedeploy and strategy=ecs_native: bad inputs are refused
before any AWS call, with a message naming the option."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_options
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_managed_options import validate_managed_params

from .ecs_fakes import LISTENER, params
from .managed_fakes import HOOK, LB_ROLE, RULE, managed_params

STRATEGIES = ("BLUE_GREEN", "LINEAR", "CANARY")


def test_the_names_default_to_the_app():
    names = validate_managed_params(managed_params("codedeploy"))
    assert names["services"] == {"service": "shop"}
    assert names["target_groups"] == {"blue": "shop-blue", "green": "shop-green"}
    assert names["codedeploy"] == {"application": "shop", "group": "shop", "config": "CodeDeployDefault.ECSAllAtOnce"}
    native = validate_managed_params(
        managed_params("ecs_native", native_strategy="CANARY", native_step_percent=5.0), STRATEGIES
    )
    assert "codedeploy" not in native


@pytest.mark.parametrize(
    "overrides, fragments",
    [
        ({"state": "promoted", "color": "blue", "task_definition": None}, ["state=promoted", "strategy=codedeploy"]),
        ({"color": "green"}, ["color is not used with strategy=codedeploy"]),
        ({"desired_count": 3}, ["desired_count is not used with strategy=codedeploy"]),
        ({"task_definition": None}, ["state=deployed needs task_definition or images"]),
        ({"blue_service": "shop-blue"}, ["blue_service is not used with strategy=codedeploy"]),
        ({"bake_time": 5}, ["bake_time is not used with strategy=codedeploy"]),
        ({"live_color": "blue"}, ["live_color is not used with strategy=codedeploy"]),
        ({"codedeploy_application": "shop app"}, ["codedeploy_application", "'shop app'"]),
        ({"codedeploy_deployment_group": "x" * 101}, ["codedeploy_deployment_group"]),
        ({"deployment_config": "CodeDeployDefault.OneAtATime"}, ["deployment_config", "not a predefined", "ECS"]),
        (
            {
                "deployment_config": "CodeDeployDefault.ECSAllAtOnce",
                "traffic_routing": {"type": "canary", "percentage": 10, "interval": 5},
            },
            ["traffic_routing", "predefined"],
        ),
        (
            {
                "deployment_config": "shop-canary",
                "traffic_routing": {"type": "canary", "percentage": 100, "interval": 5},
            },
            ["traffic_routing.percentage", "100"],
        ),
        (
            {
                "deployment_config": "shop-linear",
                "traffic_routing": {"type": "linear", "percentage": 10, "interval": 0},
            },
            ["traffic_routing.interval", "0"],
        ),
        ({"termination_wait": 3000}, ["termination_wait", "2880", "3000"]),
        ({"termination_wait": -1}, ["termination_wait", "-1"]),
        ({"codedeploy_service_role_arn": "shop-role"}, ["codedeploy_service_role_arn", "'shop-role'"]),
        ({"test_listener_arn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x"}, ["test_listener_arn"]),
        ({"test_listener_arn": LISTENER}, ["test_listener_arn must differ from listener_arn"]),
        ({"hooks": {"BeforeTraffic": HOOK}}, ["hooks", "'BeforeTraffic'", "AfterAllowTestTraffic"]),
        ({"hooks": {"AfterInstall": "arn:aws:sns:us-east-1:123456789012:topic"}}, ["hooks", "AfterInstall", "Lambda"]),
        ({"alarms": [""]}, ["alarms", "''"]),
        ({"alarms": ["a%d" % i for i in range(11)]}, ["alarms", "at most 10", "11"]),
        ({"images": {"web": ""}}, ["images", "'web'"]),
        ({"task_definition": "shop:latest"}, ["task_definition", "'shop:latest'"]),
        ({"container_port": 70000}, ["container_port", "70000"]),
        ({"version": "1.0;rm"}, ["version", "1.0;rm"]),
        ({"wait_timeout": -1}, ["wait_timeout", "-1"]),
        ({"wait_slice": 60}, ["wait_slice and wait_started are not used with strategy=codedeploy", "async"]),
        ({"wait_started": 1.0}, ["wait_slice and wait_started are not used with strategy=codedeploy"]),
        ({"state": "rolled_back"}, ["task_definition is only used with state=deployed"]),
    ],
)
def test_codedeploy_bad_inputs(overrides, fragments):
    with pytest.raises(InputError) as raised:
        validate_managed_params(managed_params("codedeploy", **overrides))
    for fragment in fragments:
        assert fragment in raised.value.msg


@pytest.mark.parametrize(
    "overrides, fragments",
    [
        ({"state": "scaled_down", "task_definition": None}, ["state=scaled_down", "strategy=ecs_native", "ECS moves"]),
        ({"codedeploy_application": "shop"}, ["codedeploy_application is not used with strategy=ecs_native"]),
        ({"hooks": {"BeforeInstall": HOOK}}, ["hooks is not used with strategy=ecs_native"]),
        ({"network_configuration": {"subnets": ["s"]}}, ["network_configuration is not used with strategy=ecs_native"]),
        ({"native_strategy": "CANARY", "native_step_percent": 5.0}, ["native_strategy", "CANARY", "upgrade botocore"]),
        ({"native_strategy": "LINEAR"}, ["native_strategy LINEAR needs native_step_percent"]),
        ({"native_step_percent": 10.0}, ["native_step_percent is used with native_strategy LINEAR or CANARY"]),
        ({"native_step_bake_time": 1}, ["native_step_bake_time is used with native_strategy LINEAR or CANARY"]),
        ({"native_strategy": "LINEAR", "native_step_percent": 100.0}, ["native_step_percent", "100"]),
        ({"native_strategy": "LINEAR", "native_step_percent": 0.0}, ["native_step_percent", "0"]),
        (
            {"native_strategy": "LINEAR", "native_step_percent": 10.0, "native_step_bake_time": 2000},
            ["native_step_bake_time", "1440"],
        ),
        ({"bake_time": -5}, ["bake_time", "-5"]),
        ({"bake_time": 1441}, ["bake_time", "1441"]),
        ({"load_balancer_role_arn": "arn:aws:iam::123456789012:user/x"}, ["load_balancer_role_arn", "user/x"]),
        ({"production_listener_rule": LISTENER}, ["production_listener_rule", "listener rule"]),
        ({"test_listener_rule": "rule-1"}, ["test_listener_rule", "'rule-1'"]),
        ({"alternate_target_group": "bad_name"}, ["alternate_target_group", "'bad_name'"]),
        (
            {
                "lifecycle_hooks": [
                    {
                        "hook_target_arn": "arn:aws:s3:::bucket",
                        "role_arn": LB_ROLE,
                        "lifecycle_stages": ["PRE_SCALE_UP"],
                    }
                ]
            },
            ["lifecycle_hooks[0].hook_target_arn", "Lambda"],
        ),
        (
            {"lifecycle_hooks": [{"hook_target_arn": HOOK, "role_arn": "role", "lifecycle_stages": ["PRE_SCALE_UP"]}]},
            ["lifecycle_hooks[0].role_arn", "'role'"],
        ),
        (
            {"lifecycle_hooks": [{"hook_target_arn": HOOK, "role_arn": LB_ROLE, "lifecycle_stages": ["BAKE_TIME"]}]},
            ["lifecycle_hooks[0].lifecycle_stages", "BAKE_TIME"],
        ),
        (
            {"lifecycle_hooks": [{"hook_target_arn": HOOK, "role_arn": LB_ROLE, "lifecycle_stages": []}]},
            ["lifecycle_hooks[0].lifecycle_stages"],
        ),
        ({"desired_count": 2}, ["desired_count is not used with strategy=ecs_native"]),
    ],
)
def test_ecs_native_bad_inputs(overrides, fragments):
    with pytest.raises(InputError) as raised:
        validate_managed_params(managed_params("ecs_native", **overrides), ("BLUE_GREEN", "LINEAR"))
    for fragment in fragments:
        assert fragment in raised.value.msg


def test_a_good_ecs_native_definition_passes():
    hooks = [{"hook_target_arn": HOOK, "role_arn": LB_ROLE, "lifecycle_stages": ["POST_TEST_TRAFFIC_SHIFT"]}]
    validate_managed_params(
        managed_params(
            "ecs_native",
            production_listener_rule=RULE,
            load_balancer_role_arn=LB_ROLE,
            lifecycle_hooks=hooks,
            bake_time=0,
            alternate_target_group="shop-green",
        ),
        STRATEGIES,
    )


@pytest.mark.parametrize("option, value", [("deployment_config", "x"), ("bake_time", 5), ("alarms", ["a"])])
def test_the_other_strategies_refuse_the_managed_options(option, value):
    with pytest.raises(InputError, match="%s is not used with strategy=service_pair" % option):
        ecs_options.validate_params(params(task_definition="shop:1", **{option: value}))


@pytest.mark.parametrize("state", ["configured", "rolled_back"])
def test_the_other_strategies_refuse_the_managed_states(state):
    with pytest.raises(InputError, match="state=%s works with strategy=codedeploy or strategy=ecs_native" % state):
        ecs_options.validate_params(params(strategy="task_set", state=state))


def test_botocore_knows_blue_green():
    from ansible_collections.bluegreen.aws.plugins.module_utils._aws.ecs import deployment_strategies

    assert "BLUE_GREEN" in deployment_strategies()
