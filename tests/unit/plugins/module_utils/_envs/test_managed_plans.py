"""The pure parts of the codedeploy and ecs_native strategies: deployment group comparison, AppSpec reading,
which deployment a run creates, waits for or refuses, the service settings ECS blue/green needs."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import codedeploy_plan as cd
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_native_plan as native

from .ecs_fakes import TD1, TD2, TG_BLUE, TG_GREEN
from .managed_fakes import LB_ROLE, ROLE, RULE, managed_params

NAMES = {"application": "shop", "group": "shop", "config": "CodeDeployDefault.ECSAllAtOnce"}
TG_NAMES = {"blue": "shop-blue", "green": "shop-green"}


def wanted(**overrides):
    return cd.wanted_group(managed_params("codedeploy", **overrides), NAMES, TG_NAMES, "shop", ROLE)


def test_a_group_as_aws_answers_it_matches_the_request_that_made_it():
    answer = dict(wanted(), alarmConfiguration={}, computePlatform="ECS")  # AWS leaves out a disabled alarm list
    assert cd.group_differences(answer, wanted()) == []


@pytest.mark.parametrize(
    "overrides, differences",
    [
        ({"alarms": ["shop-5xx"]}, ["alarms"]),
        ({"termination_wait": 60}, ["termination wait"]),
        ({"test_listener_arn": "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/shop/1/9"}, ["test listener"]),
        ({"cluster": "staging"}, ["ecs service"]),
    ],
)
def test_group_differences_name_the_setting(overrides, differences):
    assert cd.group_differences(wanted(), wanted(**overrides)) == differences


def test_the_task_definition_is_read_from_json_and_yaml_appspecs():
    as_json = {"revision": {"appSpecContent": {"content": cd.appspec(TD2, "web", 80)}}}
    as_yaml = {
        "revision": {
            "appSpecContent": {
                "content": "version: 0.0\nResources:\n  - TargetService:\n"
                '      Properties:\n        TaskDefinition: "%s"\n' % TD1
            }
        }
    }
    assert cd.appspec_task_definition(as_json) == TD2
    assert cd.appspec_task_definition(as_yaml) == TD1
    assert cd.appspec_task_definition({"revision": {"revisionType": "S3"}}) is None


@pytest.mark.parametrize(
    "live, active, decision",
    [
        (TD2, [], "none"),
        (TD1, [], "create"),
        (TD1, [{"deploymentId": "d-1", "taskDefinition": TD2, "status": "InProgress"}], "wait"),
        (None, [], "create"),
    ],
)
def test_codedeploy_decision(live, active, decision):
    assert cd.deployment_decision(live, active, TD2)[0] == decision


def test_codedeploy_refuses_while_another_version_deploys():
    with pytest.raises(Refusal, match="d-9 of .*shop:1 is Baking"):
        cd.deployment_decision(TD1, [{"deploymentId": "d-9", "taskDefinition": TD1, "status": "Baking"}], TD2)


def test_previous_task_definition_skips_failures_and_the_live_one():
    deployments = [
        {"status": "Failed", "taskDefinition": "shop:3"},
        {"status": "Succeeded", "taskDefinition": TD2},
        {"status": "Succeeded", "taskDefinition": TD1},
    ]
    assert cd.previous_task_definition(deployments, TD2) == TD1
    assert cd.previous_task_definition(deployments[:2], TD2) is None


def test_the_container_comes_from_the_options_else_the_service():
    service = {"serviceName": "shop", "loadBalancers": [{"containerName": "web", "containerPort": 80}]}
    assert cd.load_balancer_container(managed_params("codedeploy"), service) == ("web", 80)
    assert cd.load_balancer_container(managed_params("codedeploy", container_port=8080), service) == ("web", 8080)
    with pytest.raises(InputError, match="container_name and container_port"):
        cd.load_balancer_container(managed_params("codedeploy"), {"serviceName": "shop"})


# --------------------------------------------------------------------------- ecs_native

SERVICE = {
    "serviceName": "shop",
    "taskDefinition": TD1,
    "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100},
    "loadBalancers": [{"targetGroupArn": TG_BLUE, "containerName": "web", "containerPort": 80}],
}
NATIVE = managed_params("ecs_native", production_listener_rule=RULE, load_balancer_role_arn=LB_ROLE)


def test_the_alternate_is_the_other_colors_target_group_and_the_rest_is_kept():
    balancers = native.wanted_load_balancers(NATIVE, SERVICE, {"blue": TG_BLUE, "green": TG_GREEN})
    assert balancers[0]["advancedConfiguration"] == {
        "alternateTargetGroupArn": TG_GREEN,
        "productionListenerRule": RULE,
        "roleArn": LB_ROLE,
    }
    config = native.wanted_configuration(dict(NATIVE, bake_time=5), SERVICE["deploymentConfiguration"])
    assert config == {
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
        "strategy": "BLUE_GREEN",
        "bakeTimeInMinutes": 5,
    }


def test_a_service_without_blue_green_settings_needs_the_rule_and_the_role():
    with pytest.raises(
        InputError, match="production_listener_rule: service shop has no blue/green load balancer settings"
    ):
        native.wanted_load_balancers(managed_params("ecs_native"), SERVICE, {"blue": TG_BLUE, "green": TG_GREEN})


def test_an_answer_of_aws_compares_equal_to_the_request():
    config = native.wanted_configuration(
        managed_params("ecs_native", native_strategy="CANARY", native_step_percent=10.0), {}
    )
    answered = dict(
        SERVICE, deploymentConfiguration={"strategy": "CANARY", "canaryConfiguration": {"canaryPercent": 10}}
    )
    assert native.changes(answered, config, SERVICE["loadBalancers"]) == []
    assert native.changes(SERVICE, config, SERVICE["loadBalancers"]) == ["strategy", "canary"]


@pytest.mark.parametrize(
    "running, active, decision",
    [
        (TD2, [], "none"),
        (TD1, [], "update"),
        (TD2, [{"serviceDeploymentArn": "arn:sd/1", "status": "IN_PROGRESS"}], "wait"),
    ],
)
def test_native_decision(running, active, decision):
    assert native.deployment_decision(dict(SERVICE, taskDefinition=running), active, TD2)[0] == decision


def test_native_refuses_while_another_deployment_runs_or_rolls_back():
    for running, status in ((TD1, "IN_PROGRESS"), (TD2, "ROLLBACK_IN_PROGRESS")):
        with pytest.raises(Refusal, match="arn:sd/1 of service shop is %s" % status):
            native.deployment_decision(
                dict(SERVICE, taskDefinition=running), [{"serviceDeploymentArn": "arn:sd/1", "status": status}], TD2
            )


def test_what_the_options_leave_unset_is_kept_from_the_group():
    test_listener = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/shop/1/9"
    existing = wanted(test_listener_arn=test_listener, alarms=["shop-5xx"], termination_wait=30)
    params = managed_params("codedeploy")
    kept = cd.wanted_group(params, NAMES, TG_NAMES, "shop", ROLE, existing)
    assert cd.group_differences(existing, kept) == []
    assert cd.group_settings(cd.wanted_group(params, NAMES, TG_NAMES, "shop", ROLE))["termination_wait"] == 5
    cleared = cd.wanted_group(dict(params, alarms=[]), NAMES, TG_NAMES, "shop", ROLE, existing)
    assert cd.group_differences(existing, cleared) == ["alarms"]
