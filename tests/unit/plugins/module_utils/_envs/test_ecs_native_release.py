"""ecs_bluegreen with strategy=ecs_native, against Stubber clients answering like AWS documents (see
managed_fakes): what moto cannot show, a service deployment that goes through its lifecycle stages,
succeeds, fails, times out or is stopped with rollback."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import ModuleFailure, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_native_release import (
    NativeRelease,
    describe_native,
)
from fakes import FakeClock, FakeModule

from .ecs_fakes import TD1, TD2, TG_BLUE, TG_GREEN
from .managed_fakes import (
    CLUSTER_ARN,
    LB_ROLE,
    RULE,
    SERVICE_ARN,
    WHEN,
    StubbedClient,
    ecs_service,
    managed_params,
    stub_rule,
    stub_service,
    stub_target_groups,
    stub_task_definition,
)

STRATEGIES = ["ROLLING", "BLUE_GREEN", "LINEAR", "CANARY"]
ADVANCED = {"alternateTargetGroupArn": TG_GREEN, "productionListenerRule": RULE, "roleArn": LB_ROLE}
CONFIGURED = {
    "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "BLUE_GREEN"},
    "loadBalancers": [
        {"targetGroupArn": TG_BLUE, "containerName": "web", "containerPort": 80, "advancedConfiguration": ADVANCED}
    ],
}
REVISION_1 = "arn:aws:ecs:us-east-1:123456789012:service-revision/prod/shop/1"
REVISION_2 = "arn:aws:ecs:us-east-1:123456789012:service-revision/prod/shop/2"


def service_deployment(number, status, stage, reason=None, source=REVISION_1, target=REVISION_2):
    """A DescribeServiceDeployments item."""
    found = {
        "serviceDeploymentArn": "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/shop/%s" % number,
        "serviceArn": SERVICE_ARN,
        "clusterArn": CLUSTER_ARN,
        "createdAt": WHEN,
        "status": status,
        "lifecycleStage": stage,
        "sourceServiceRevisions": [{"arn": source, "requestedTaskCount": 2, "runningTaskCount": 2}],
        "targetServiceRevision": {"arn": target, "requestedTaskCount": 2, "runningTaskCount": 0},
    }
    if reason:
        found["statusReason"] = reason
    return found


class Case:
    def __init__(self, check_mode=False, **overrides):
        self.ecs, self.elb = StubbedClient("ecs"), StubbedClient("elbv2")
        self.clock = FakeClock()
        self.module = FakeModule(managed_params("ecs_native", **overrides), check_mode=check_mode)

    def release(self):
        return NativeRelease(
            self.module,
            ecs_client=self.ecs,
            elb_client=self.elb,
            poller=self.clock.poller(interval=15),
            clock=self.clock,
            native_strategies=STRATEGIES,
        )

    def read(self, task_definition=TD1, weights=(100, 0), **service):
        stub_service(self.ecs, ecs_service("ECS", task_definition, **dict(CONFIGURED, **service)))
        stub_target_groups(self.elb)
        stub_rule(self.elb, weights)

    def deployments(self, *found, listed=True):
        """ListServiceDeployments then DescribeServiceDeployments (``listed``), or only the latter."""
        if listed:
            summaries = [
                {"serviceDeploymentArn": item["serviceDeploymentArn"], "status": item["status"]} for item in found
            ]
            self.ecs.answer("list_service_deployments", {"serviceDeployments": summaries})
        if found:
            self.ecs.answer("describe_service_deployments", {"serviceDeployments": list(found)})

    def done(self):
        self.ecs.done()
        self.elb.done()


def test_a_deploy_updates_the_service_and_follows_the_lifecycle_stages_until_it_succeeds():
    case = Case(bake_time=10)
    case.read()
    stub_task_definition(case.ecs)
    case.deployments()  # none under way
    case.ecs.answer("update_service", {"service": ecs_service("ECS", TD2)})
    case.deployments(service_deployment(7, "PENDING", "RECONCILE_SERVICE"))
    for status, stage in (
        ("IN_PROGRESS", "SCALE_UP"),
        ("IN_PROGRESS", "TEST_TRAFFIC_SHIFT"),
        ("IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"),
        ("IN_PROGRESS", "BAKE_TIME"),
        ("SUCCESSFUL", "CLEAN_UP"),
    ):
        case.deployments(service_deployment(7, status, stage), listed=False)
    case.read(TD2, weights=(0, 100))

    result = case.release().run()

    case.done()
    assert result["actions"] == ["update service shop: deploy task definition shop:2, bake time"]
    assert [event["event"] for event in result["events"]] == [
        "service deployment 7 PENDING, stage RECONCILE_SERVICE",
        "service deployment 7 IN_PROGRESS, stage SCALE_UP",
        "service deployment 7 IN_PROGRESS, stage TEST_TRAFFIC_SHIFT",
        "service deployment 7 IN_PROGRESS, stage PRODUCTION_TRAFFIC_SHIFT",
        "service deployment 7 IN_PROGRESS, stage BAKE_TIME",
        "service deployment 7 SUCCESSFUL, stage CLEAN_UP",
    ]
    assert (result["live_color"], result["deployed_color"], result["deployment"]["status"]) == (
        "green",
        "green",
        "SUCCESSFUL",
    )


def test_the_update_sends_the_strategy_and_the_advanced_load_balancer_settings():
    case = Case(
        native_strategy="LINEAR",
        native_step_percent=25.0,
        native_step_bake_time=3,
        alarms=["shop-5xx"],
        wait=False,
        production_listener_rule=RULE,
        load_balancer_role_arn=LB_ROLE,
    )
    case.read(
        loadBalancers=[{"targetGroupArn": TG_BLUE, "containerName": "web", "containerPort": 80}],
        deploymentConfiguration={"maximumPercent": 200, "minimumHealthyPercent": 100},
    )
    stub_task_definition(case.ecs)
    case.deployments()
    expected = {
        "cluster": "prod",
        "service": SERVICE_ARN,
        "taskDefinition": TD2,
        "deploymentConfiguration": {
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
            "strategy": "LINEAR",
            "linearConfiguration": {"stepPercent": 25.0, "stepBakeTimeInMinutes": 3},
            "alarms": {"alarmNames": ["shop-5xx"], "enable": True, "rollback": True},
        },
        "loadBalancers": [
            {"targetGroupArn": TG_BLUE, "containerName": "web", "containerPort": 80, "advancedConfiguration": ADVANCED}
        ],
    }
    case.ecs.answer("update_service", {"service": ecs_service("ECS", TD2)}, expected)
    case.read(TD2)

    result = case.release().run()

    case.done()
    assert result["actions"] == [
        "update service shop: deploy task definition shop:2, strategy, linear steps, alarms, load balancer "
        "(alternate target group, listener rules, role)"
    ]


def test_a_failed_deployment_reports_the_stage_and_the_reason():
    case = Case()
    case.read()
    stub_task_definition(case.ecs)
    case.deployments()
    case.ecs.answer("update_service", {"service": ecs_service("ECS", TD2)})
    case.deployments(service_deployment(7, "IN_PROGRESS", "POST_TEST_TRAFFIC_SHIFT"))
    reason = "lifecycle hook arn:aws:lambda:us-east-1:123456789012:function:smoke returned FAILED"
    case.deployments(service_deployment(7, "ROLLBACK_SUCCESSFUL", "POST_TEST_TRAFFIC_SHIFT", reason), listed=False)

    with pytest.raises(ModuleFailure) as raised:
        case.release().run()

    case.done()
    assert "ROLLBACK_SUCCESSFUL at stage POST_TEST_TRAFFIC_SHIFT: " + reason in raised.value.msg
    assert raised.value.result["deployment"]["status"] == "ROLLBACK_SUCCESSFUL"


def test_a_deployment_that_outlasts_wait_timeout_is_stopped_with_rollback():
    case = Case(wait_timeout=30)
    case.read()
    stub_task_definition(case.ecs)
    case.deployments()
    case.ecs.answer("update_service", {"service": ecs_service("ECS", TD2)})
    running = service_deployment(7, "IN_PROGRESS", "BAKE_TIME")
    case.deployments(running)
    case.deployments(running, listed=False)
    case.deployments(running, listed=False)
    case.ecs.answer(
        "stop_service_deployment",
        {"serviceDeploymentArn": running["serviceDeploymentArn"]},
        {"serviceDeploymentArn": running["serviceDeploymentArn"], "stopType": "ROLLBACK"},
    )

    with pytest.raises(ModuleFailure) as raised:
        case.release().run()

    case.done()
    assert "gave up waiting for the service deployment to succeed after 30 seconds" in raised.value.msg
    assert "stage BAKE_TIME" in raised.value.msg and "with rollback" in raised.value.msg


def test_no_update_when_the_service_runs_the_version_and_its_settings():
    case = Case()
    case.read(TD2, weights=(0, 100))
    stub_task_definition(case.ecs)
    case.deployments()

    result = case.release().run()

    case.done()
    assert (result["changed"], result["actions"], result["deployed_color"]) == (False, [], None)
    assert result["live_color"] == "green"


def test_a_deployment_of_another_version_under_way_is_refused():
    case = Case()
    case.read()
    stub_task_definition(case.ecs)
    case.deployments(service_deployment(6, "IN_PROGRESS", "SCALE_UP"))
    with pytest.raises(Refusal, match="service-deployment/prod/shop/6 of service shop is IN_PROGRESS"):
        case.release().run()
    case.done()


def test_rollback_stops_the_deployment_in_flight_with_rollback():
    case = Case(state="rolled_back", task_definition=None)
    case.read(TD2, weights=(50, 50))
    running = service_deployment(7, "IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT")
    case.deployments(running)
    case.ecs.answer("stop_service_deployment", {"serviceDeploymentArn": running["serviceDeploymentArn"]})
    case.deployments(service_deployment(7, "ROLLBACK_IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT"), listed=False)
    case.deployments(service_deployment(7, "ROLLBACK_SUCCESSFUL", "CLEAN_UP"), listed=False)
    case.read(TD1)

    result = case.release().run()

    case.done()
    assert result["actions"] == ["stop service deployment 7 (IN_PROGRESS) with rollback"]
    assert result["live_color"] == "blue"


def test_rollback_after_a_finished_deployment_deploys_the_previous_task_definition_once():
    case = Case(state="rolled_back", task_definition=None, wait=False)
    case.read(TD2, weights=(0, 100))
    case.deployments(service_deployment(7, "SUCCESSFUL", "CLEAN_UP"))
    case.ecs.answer(
        "describe_service_revisions",
        {"serviceRevisions": [{"serviceRevisionArn": REVISION_1, "taskDefinition": TD1}]},
        {"serviceRevisionArns": [REVISION_1]},
    )
    case.ecs.answer("update_service", {"service": ecs_service("ECS", TD1)})
    case.ecs.answer("tag_resource", {})
    case.read(TD1)

    result = case.release().run()

    case.done()
    assert result["actions"] == [
        "update service shop: deploy task definition shop:1",
        "tag the service bluegreen:rolled-back-to=shop:1",
    ]

    again = Case(state="rolled_back", task_definition=None)
    again.read(TD1, tags=[{"key": "bluegreen:rolled-back-to", "value": TD1}])
    again.deployments(service_deployment(8, "SUCCESSFUL", "CLEAN_UP", source=REVISION_2, target=REVISION_1))
    result = again.release().run()
    again.done()
    assert (result["changed"], result["actions"]) == (False, [])


def test_configured_changes_only_the_settings_and_check_mode_writes_nothing():
    for check_mode in (True, False):
        case = Case(check_mode=check_mode, state="configured", task_definition=None, bake_time=15)
        case.read()
        if not check_mode:
            case.ecs.answer("update_service", {"service": ecs_service("ECS", TD1)})
            case.read()
        result = case.release().run()
        case.done()
        assert result["actions"] == ["update service shop: bake time"]


def test_info_reports_the_live_color_the_settings_and_the_last_deployments():
    case = Case()
    case.read(TD2, weights=(0, 100))
    for _color in ("blue", "green"):
        case.elb.answer("describe_target_health", {"TargetHealthDescriptions": []})
    case.deployments(service_deployment(7, "SUCCESSFUL", "CLEAN_UP"))

    result = describe_native(FakeModule(dict(case.module.params)), case.ecs, case.elb)

    case.done()
    assert (result["live_color"], result["task_definition"]) == ("green", TD2)
    assert result["colors"]["green"]["task_definition"] == TD2 and result["colors"]["blue"]["task_definition"] is None
    assert result["deployment_configuration"]["strategy"] == "BLUE_GREEN"
    assert [(item["status"], item["lifecycle_stage"]) for item in result["deployments"]] == [("SUCCESSFUL", "CLEAN_UP")]


def test_the_wait_follows_the_deployment_the_update_started_not_the_previous_one():
    case = Case()
    case.read()
    stub_task_definition(case.ecs)
    previous = service_deployment(6, "SUCCESSFUL", "CLEAN_UP", source=REVISION_1, target=REVISION_1)
    case.deployments(previous)  # the last release, finished
    case.ecs.answer("update_service", {"service": ecs_service("ECS", TD2)})
    case.deployments(previous)  # ECS has not listed the new deployment yet
    case.deployments(service_deployment(7, "IN_PROGRESS", "SCALE_UP"))
    case.deployments(service_deployment(7, "SUCCESSFUL", "CLEAN_UP"), listed=False)
    case.read(TD2, weights=(0, 100))

    result = case.release().run()

    case.done()
    assert [event["event"] for event in result["events"]] == [
        "no service deployment yet",
        "service deployment 7 IN_PROGRESS, stage SCALE_UP",
        "service deployment 7 SUCCESSFUL, stage CLEAN_UP",
    ]
